"""One writing process per database: a lock file next to it.

SQLite itself would serialize two crawls' transactions, but two crawls of the same sources would
still fetch the same pages twice and race on "known article" decisions. A crawl therefore takes
``<db>.lock`` (``flock``: released by the kernel even after ``kill -9``) and a second crawl exits
with a clear message instead. Spiders of one ``baotinh crawl`` process share the lock, and its
crawler processes inherit it. When the process that took it is gone but the lock is still held,
those crawler processes are finishing (they stop within a bound once their parent dies): a new
crawl then waits for them instead of refusing to start.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path
from typing import IO

_held: dict[Path, tuple[IO[str], int]] = {}
# How long a crawl waits for the crawler processes of a crawl whose parent died: they stop within
# BAOTINH_STOP_TIMEOUT (60 s by default) of their parent's death.
ORPHAN_WAIT = 75.0


class DatabaseBusyError(RuntimeError):
    """Another process is crawling into the same database."""


def acquire(db: Path, *, wait: float = 0.0) -> None:
    """Take the writer lock of *db*, waiting up to *wait* seconds; re-entrant within a process."""
    key = db.resolve()
    if key in _held:
        handle, count = _held[key]
        _held[key] = (handle, count + 1)
        return
    key.parent.mkdir(parents=True, exist_ok=True)
    handle = open(f"{key}.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
    # At least a second: `is_held` probes (baotinh stats) take the lock for microseconds.
    deadline = time.monotonic() + max(wait, 1.0)
    orphans_waited = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.seek(0)
                owner = handle.read().strip() or "unknown"
                if not orphans_waited and not _alive(owner):
                    # The crawl that took it is gone; its crawler processes, asked to stop when
                    # it died, still hold it while they finish, within their stop bound.
                    orphans_waited = True
                    deadline = time.monotonic() + ORPHAN_WAIT
                    sys.stderr.write(
                        f"baotinh: the crawl that locked {db} (pid {owner}) is gone; waiting up to "
                        f"{ORPHAN_WAIT:g} s for its crawler processes to finish\n"
                    )
                    continue
                handle.close()
                raise DatabaseBusyError(
                    f"another crawl (pid {owner}) is writing {db}; wait for it to finish, "
                    f"set BAOTINH_LOCK_WAIT to wait for it, or crawl into another BAOTINH_DB"
                ) from None
            time.sleep(0.2)
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    _held[key] = (handle, 1)


def _alive(pid: str) -> bool:
    """Whether process *pid* exists (an unreadable pid counts as alive: never wait on a guess)."""
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (ValueError, PermissionError, OverflowError):
        return True
    return True


def release(db: Path) -> None:
    key = db.resolve()
    if key not in _held:
        return
    handle, count = _held[key]
    if count > 1:
        _held[key] = (handle, count - 1)
        return
    del _held[key]
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


def is_held(db: Path) -> bool:
    """True when some process (this one included) holds the writer lock of *db*."""
    key = db.resolve()
    if key in _held:
        return True
    path = Path(f"{key}.lock")
    if not path.exists():
        return False
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
