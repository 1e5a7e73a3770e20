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
import ctypes
import math
import multiprocessing
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

Stats = dict[str, dict[str, Any]]
RunShard = Callable[[Sequence[str]], Stats]

_PR_SET_PDEATHSIG = 1


def process_count(requested: int | str | None, sources: int) -> int:
    """How many crawler processes: ``auto`` (or 0) means one per usable core, never more than sources.

    "Usable" honours the CPU affinity mask and a cgroup CPU quota (a container granted 2 CPUs of
    a 64-core host gets 2), and ``auto`` stops at ``AUTO_MAX``: each process holds its own
    Scrapy and its own parsed pages (150–250 MB), and a paper's crawl is seldom CPU-bound on the
    real sites. An explicit number is taken as given.
    """
    if requested in (None, "", "auto", 0, "0"):
        wanted = min(usable_cores(), AUTO_MAX)
    else:
        try:
            wanted = int(requested)
        except (TypeError, ValueError):
            wanted = 0
        if wanted < 1:
            raise ValueError(f"--processes takes a positive number or 'auto', not {requested!r}")
    return max(1, min(wanted, sources))


AUTO_MAX = 8


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup/cpu.max")) -> int:
    """Cores this process may run on: the affinity mask, capped by a cgroup v2 CPU quota."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with contextlib.suppress(OSError, ValueError):
        quota, period = cgroup.read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    return cores


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
                    "select source, pages from crawl_runs where finished is not null and pages > 0"
                    " order by id"
                ).fetchall()
            known = {source: float(pages) for source, pages in rows}  # the latest run wins
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

    Must be called before this process has a Twisted reactor: each child builds its own.
    """
    if "twisted.internet.reactor" in sys.modules:
        raise RuntimeError("crawler processes must be forked before a reactor is installed")
    context = multiprocessing.get_context("fork")
    children: list[tuple[multiprocessing.process.BaseProcess, Connection, Sequence[str]]] = []
    parent = os.getpid()
    for shard in shards:
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(shard, run_shard, writer, parent), daemon=False)
        child.start()
        writer.close()
        children.append((child, reader, shard))
    with _forwarding_signals([child for child, _, _ in children]):
        return _collect(children)


def _child(shard: Sequence[str], run_shard: RunShard, results: Connection, parent: int) -> None:
    os.setpgrp()  # the terminal's Ctrl-C reaches the parent, which forwards it once
    _die_with(parent)
    try:
        stats = run_shard(shard)
    except BaseException as exc:  # report it as the shard's failure, not a silent exit
        stats = {name: {"finish_reason": f"crawler process failed: {exc!r}"} for name in shard}
    results.send(_picklable(stats))
    results.close()


def _die_with(parent: int) -> None:
    """Ask Linux for a SIGTERM when the parent dies, so no orphan crawls on holding the lock."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


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
    for child, _, _ in children:
        child.join()
    return stats


@contextlib.contextmanager
def _forwarding_signals(children: Sequence[Any]) -> Any:
    """SIGINT and SIGTERM to the parent reach every child once (each then shuts down cleanly)."""

    def forward(signum: int, _frame: Any) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                if child.pid and child.exitcode is None:
                    os.kill(child.pid, signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _picklable(stats: Stats) -> Stats:
    """Scrapy stats are numbers, strings and datetimes; anything else travels as its repr."""
    plain = (int, float, str, bool, type(None), datetime, date)
    return {
        name: {k: v if isinstance(v, plain) else repr(v) for k, v in values.items()}
        for name, values in stats.items()
    }
