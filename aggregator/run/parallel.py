"""One crawl on several cores: the sources are shared out among crawler processes.

A Scrapy process runs its reactor, its spiders' parsing and the item pipelines on one core, so a
backfill of many papers is bound by that core long before the network or the sites are. With
``baotinh crawl --processes N`` the parent forks N crawler processes and gives each a share of the
sources; every source is crawled by exactly one process, so per-site politeness (download slots,
AutoThrottle, robots.txt) is what it is in a single process.

All of them write one SQLite database. The parent takes the writer lock before forking and the
children inherit it (``flock`` belongs to the open file, which they share), so a second
``baotinh crawl`` is still refused while any of them runs. SQLite serializes their batch
transactions, each a ``BEGIN IMMEDIATE``; near-duplicate clustering reads the buckets inside that
transaction, so it sees every batch another process committed before.

Children are forked before any reactor exists in the parent, ask the kernel for a SIGTERM if the
parent dies (Scrapy then shuts down cleanly and records the run as interrupted), and send their
spiders' final stats back through a pipe. A child that dies without reporting turns its sources
into failed sources, never into a crash of the whole crawl.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from aggregator.run import stopping

Stats = dict[str, dict[str, Any]]
RunShard = Callable[[Sequence[str]], Stats]


def process_count(requested: int | str | None, sources: int) -> int:
    """How many crawler processes: ``auto`` (or 0) picks :func:`auto_processes`; never more than sources.

    An explicit number is taken as given.
    """
    if requested in (None, "", "auto", 0, "0"):
        wanted = auto_processes(usable_cores(), available_memory())
    else:
        try:
            wanted = int(requested)
        except (TypeError, ValueError):
            wanted = 0
        if wanted < 1:
            raise ValueError(f"a positive number of processes or 'auto', not {requested!r}")
    return max(1, min(wanted, sources))


AUTO_MAX = 8
MEMORY_PER_PROCESS = 300 * 2**20  # a crawler's peak on a large backfill is 200-250 MB


def auto_processes(cores: int, memory: int | None) -> int:
    """One per usable core, at most ``AUTO_MAX``, and no more than the free memory holds.

    Each process holds its own Scrapy and its own parsed pages, and a paper's crawl is seldom
    CPU-bound on the real sites, so a small server must not fork itself out of memory.
    """
    wanted = min(cores, AUTO_MAX)
    if memory is not None:
        wanted = min(wanted, memory // MEMORY_PER_PROCESS)
    return max(1, wanted)


def usable_cores(cgroups: Path = Path("/sys/fs/cgroup"), own: Path = Path("/proc/self/cgroup")) -> int:
    """Cores this process may run on: the affinity mask, capped by the CPU quota of its cgroup.

    The quota of every cgroup from this process's own up to the root counts (systemd's
    ``CPUQuota=`` sets it on the service's cgroup; a container's sits higher): cgroup v2
    ``cpu.max``, or v1 ``cpu.cfs_quota_us``/``cpu.cfs_period_us``.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    for quota, period in _cpu_quotas(cgroups, own):
        cores = min(cores, max(1, math.ceil(quota / period)))
    return cores


def _cpu_quotas(cgroups: Path, own: Path) -> Iterator[tuple[int, int]]:
    try:
        lines = own.read_text().splitlines()
    except OSError:
        return
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers == "":  # v2: the unified hierarchy
            folders, files = [cgroups], ("cpu.max",)
        elif "cpu" in controllers.split(","):  # v1
            folders, files = (
                [cgroups / "cpu", cgroups / controllers],
                ("cpu.cfs_quota_us", "cpu.cfs_period_us"),
            )
        else:
            continue
        for base in folders:
            folder = base / path.lstrip("/")
            while True:
                quota = _read_quota(folder, files)
                if quota:
                    yield quota
                if folder == base or base not in folder.parents:
                    break
                folder = folder.parent


def _read_quota(folder: Path, files: tuple[str, ...]) -> tuple[int, int] | None:
    with contextlib.suppress(OSError, ValueError):
        if len(files) == 1:
            quota, period = (folder / files[0]).read_text().split()[:2]
        else:
            quota, period = ((folder / name).read_text().strip() for name in files)
        if quota not in ("max", "-1"):
            return int(quota), int(period)
    return None


def available_memory(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """``MemAvailable`` in bytes, or None where the kernel does not say."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return None


def source_weights(database: Path, names: Sequence[str]) -> dict[str, float]:
    """Pages each source fetched in its last finished run; new sources weigh the average.

    The last run is the best guess of the next one's size, and a guess is all a static split
    needs: an unbalanced split costs wall time, never correctness.
    """
    known: dict[str, float] = {}
    if database.is_file():
        with contextlib.suppress(sqlite3.Error):
            uri = f"file:{database.resolve()}?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as conn:
                rows = conn.execute(
                    "select source, pages from crawl_runs where id in (select max(id) from crawl_runs"
                    " where finished is not null and pages > 0 group by source)"
                ).fetchall()
            known = {source: float(pages) for source, pages in rows}
    default = sum(known.values()) / len(known) if known else 1.0
    return {name: known.get(name, default) for name in names}


def plan_shards(names: Sequence[str], processes: int, weights: Mapping[str, float]) -> list[list[str]]:
    """Heaviest source first, each to the lightest share so far (longest-processing-time rule)."""
    shares: list[list[str]] = [[] for _ in range(max(1, processes))]
    loads = [0.0] * len(shares)
    for name in sorted(names, key=lambda n: (-weights.get(n, 1.0), n)):
        lightest = loads.index(min(loads))
        shares[lightest].append(name)
        loads[lightest] += weights.get(name, 1.0)
    return [sorted(share) for share in shares if share]


def run_sharded(shards: Sequence[Sequence[str]], run_shard: RunShard) -> Stats:
    """Run ``run_shard(shard)`` in one forked process per shard; every source's final stats.

    Must be called before this process has a Twisted reactor: each child builds its own. It
    returns (or raises) only once every child has ended, so the caller's writer lock is never
    released under a crawler that still writes. A signal that arrives while the children are
    being forked stops the forking: the sources not started are reported as such.
    """
    if "twisted.internet.reactor" in sys.modules:
        raise RuntimeError("crawler processes must be forked before a reactor is installed")
    context = multiprocessing.get_context("fork")
    children: list[tuple[multiprocessing.process.BaseProcess, Connection, Sequence[str]]] = []
    parent = os.getpid()
    stopper = _Stopper([])
    with stopping.command_signals.phase(stopper.received) as received:
        try:
            not_started: Stats = {}
            for shard in shards:
                if received.count:
                    not_started.update(
                        {name: {"finish_reason": "not started: stop requested"} for name in shard}
                    )
                    continue
                reader, writer = context.Pipe(duplex=False)
                child = context.Process(target=_child, args=(shard, run_shard, writer, parent))
                # Pending until the child has its own handlers: no stop request is lost in between.
                with stopping.signals_blocked((*stopping.STOP_SIGNALS, STOP_SIGNAL)):
                    child.start()
                    stopper.children.append(child)
                writer.close()
                children.append((child, reader, shard))
            stats = {**_collect(children), **not_started}
        finally:
            stopper.stop_all()  # a no-op when they have all reported
            for child, _, _ in children:
                child.join()
    if stopper.forced:
        raise stopping.StopRequested("second signal")
    return stats


# --- inside a crawler process ------------------------------------------------------------------
# A crawler process takes every stop request (SIGTERM, SIGINT, or SIGUSR1 from its parent or from
# the kernel when the parent dies) as one idempotent "finish cleanly". Scrapy's own handlers read a
# second signal as "force", but under systemd every process of the service gets SIGTERM directly
# and the parent's request comes on top of it: forcing would drop the last batch. A crawl that
# will not stop is the parent's to kill (a second signal to the parent, see ``_Stopper``), and the
# watchdog of ``aggregator.run.stopping`` ends one that outlives ``BAOTINH_STOP_TIMEOUT``.
STOP_SIGNAL = signal.SIGUSR1
_in_crawler_process = False


def in_crawler_process() -> bool:
    """True in a process forked by :func:`run_sharded` (it handles its own stop signals)."""
    return _in_crawler_process


def _stop_requested_by_signal(_signum: int, _frame: Any) -> None:
    stopping.request_stop()


def _child(shard: Sequence[str], run_shard: RunShard, results: Connection, parent: int) -> None:
    global _in_crawler_process
    _in_crawler_process = True
    stopping.reset()
    for sig in (*stopping.STOP_SIGNALS, STOP_SIGNAL):
        signal.signal(sig, _stop_requested_by_signal)
    os.setpgrp()  # the terminal's Ctrl-C reaches the parent, which asks each crawler once
    _die_with(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, (*stopping.STOP_SIGNALS, STOP_SIGNAL))
    try:
        stats = run_shard(shard)
    except BaseException as exc:  # report it as the shard's failure, not a silent exit
        stats = {name: {"finish_reason": f"crawler process failed: {exc!r}"} for name in shard}
    results.send(_picklable(stats))
    results.close()


def _die_with(parent: int) -> None:
    """Ask Linux for a stop request when the parent dies, so no orphan crawls on unlocked."""
    stopping.die_with_parent(STOP_SIGNAL)
    if os.getppid() != parent:  # the parent died before the request took effect
        stopping.request_stop()


# --- in the parent -----------------------------------------------------------------------------


def _collect(children: Sequence[tuple[Any, Connection, Sequence[str]]]) -> Stats:
    stats: Stats = {}
    pending = {reader: (child, shard) for child, reader, shard in children}
    while pending:
        for reader in wait(list(pending)):
            child, shard = pending.pop(reader)  # type: ignore[index]
            try:
                stats.update(reader.recv())
            except (EOFError, OSError):
                child.join()
                reason = f"crawler process died (exit code {child.exitcode})"
                stats.update({name: {"finish_reason": reason} for name in shard})
            reader.close()
    return stats


class _Stopper:
    """SIGINT or SIGTERM to the parent: a stop request to every crawler; a second one kills them.

    That is Scrapy's own rule for one process (the first signal finishes cleanly, the second
    forces), kept for the group.
    """

    def __init__(self, children: list[Any]) -> None:
        self.children = children
        self.forced = False

    def received(self, count: int) -> None:
        if count == 1:
            os.write(2, stopping.STOPPING_NOTICE)  # not print: a handler may interrupt a write to stderr
        self.forced = count > 1
        self._send(STOP_SIGNAL if count == 1 else signal.SIGKILL)

    def stop_all(self) -> None:
        self._send(STOP_SIGNAL)

    def _send(self, sig: int) -> None:
        for child in self.children:
            with contextlib.suppress(ProcessLookupError):
                if child.pid and child.exitcode is None:
                    os.kill(child.pid, sig)


def _picklable(stats: Stats) -> Stats:
    """Scrapy stats are numbers, strings and datetimes; anything else travels as its repr."""
    plain = (int, float, str, bool, type(None), datetime, date)
    return {
        name: {k: v if isinstance(v, plain) else repr(v) for k, v in values.items()}
        for name, values in stats.items()
    }
