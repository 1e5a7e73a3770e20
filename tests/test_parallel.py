"""Sharing a crawl's sources among processes: the plan, the processes, the shared writer lock."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from aggregator.run.parallel import (
    AUTO_MAX,
    MEMORY_PER_PROCESS,
    auto_processes,
    available_memory,
    plan_shards,
    process_count,
    run_sharded,
    source_weights,
    usable_cores,
)
from aggregator.store import ArticleStore, lock
from tests.conftest import ROOT

# --- how many processes ------------------------------------------------------------------------


def test_auto_means_one_process_per_usable_core() -> None:
    assert process_count("auto", 100) == auto_processes(usable_cores(), available_memory())


def test_auto_stops_at_eight_cores() -> None:
    assert auto_processes(64, None) == AUTO_MAX == 8


def test_auto_fits_free_memory() -> None:
    assert auto_processes(8, 2 * MEMORY_PER_PROCESS + 1) == 2
    assert auto_processes(8, MEMORY_PER_PROCESS // 2) == 1


def cgroup_tree(tmp_path: Path, own: str, quotas: dict[str, str]) -> tuple[Path, Path]:
    root = tmp_path / "cgroup"
    for folder, value in quotas.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "cpu.max").write_text(value)
    mine = tmp_path / "self-cgroup"
    mine.write_text(f"0::{own}\n")
    return root, mine


def test_a_cgroup_quota_caps_the_cores(tmp_path: Path) -> None:
    """One and a half CPUs granted to the service's cgroup: two processes can use them."""
    root, mine = cgroup_tree(tmp_path, "/system.slice/baotinh.service", {
        ".": "max 100000\n", "system.slice": "max 100000\n",
        "system.slice/baotinh.service": "150000 100000\n",
    })  # fmt: skip
    assert usable_cores(root, mine) == min(2, len(os.sched_getaffinity(0)))


def test_a_quota_higher_up_counts_too(tmp_path: Path) -> None:
    root, mine = cgroup_tree(tmp_path, "/a/b", {".": "100000 100000\n", "a/b": "max 100000\n"})
    assert usable_cores(root, mine) == 1


def test_no_cgroup_quota_leaves_the_affinity_mask(tmp_path: Path) -> None:
    root, mine = cgroup_tree(tmp_path, "/a", {".": "max 100000\n", "a": "max 100000\n"})
    assert usable_cores(root, mine) == len(os.sched_getaffinity(0))


def test_cgroup_v1_quota(tmp_path: Path) -> None:
    folder = tmp_path / "cgroup" / "cpu,cpuacct" / "job"
    folder.mkdir(parents=True)
    (folder / "cpu.cfs_quota_us").write_text("100000\n")
    (folder / "cpu.cfs_period_us").write_text("100000\n")
    mine = tmp_path / "self-cgroup"
    mine.write_text("4:cpu,cpuacct:/job\n3:memory:/job\n")
    assert usable_cores(tmp_path / "cgroup", mine) == 1


def test_available_memory_reads_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:  4000000 kB\nMemAvailable:  1000 kB\n")
    assert available_memory(meminfo) == 1000 * 1024
    assert available_memory(tmp_path / "none") is None


def test_never_more_processes_than_sources() -> None:
    assert process_count("8", 3) == 3


def test_one_source_is_one_process() -> None:
    assert process_count("auto", 1) == 1


def test_an_explicit_count_is_kept() -> None:
    assert process_count("2", 10) == 2


@pytest.mark.parametrize("bad", ["-1", "two", "0.5"])
def test_a_bad_count_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        process_count(bad, 10)


# --- the plan ----------------------------------------------------------------------------------


def test_heaviest_sources_are_spread_first() -> None:
    weights = {"a": 10, "b": 6, "c": 5, "d": 1}
    assert plan_shards(list(weights), 2, weights) == [["a", "d"], ["b", "c"]]


def test_every_source_in_exactly_one_share() -> None:
    names = [f"s{i}" for i in range(11)]
    shards = plan_shards(names, 3, dict.fromkeys(names, 1.0))
    assert sorted(n for share in shards for n in share) == sorted(names)


def test_equal_sources_split_evenly() -> None:
    names = [f"s{i}" for i in range(10)]
    assert [len(s) for s in plan_shards(names, 2, dict.fromkeys(names, 1.0))] == [5, 5]


def test_no_empty_share() -> None:
    assert plan_shards(["a", "b"], 4, {"a": 1, "b": 1}) == [["a"], ["b"]]


def test_weights_come_from_each_source_last_finished_run(tmp_path: Path) -> None:
    db = tmp_path / "articles.db"
    with ArticleStore(db) as store:
        for source, pages in (("a", 10), ("a", 40), ("b", 20)):
            store.finish_run(store.start_run(source), pages=pages)
        store.start_run("b")  # interrupted: no finish, no weight
    weights = source_weights(db, ["a", "b", "new"])
    assert weights == {"a": 40.0, "b": 20.0, "new": 30.0}


def test_without_a_database_every_source_weighs_the_same(tmp_path: Path) -> None:
    assert source_weights(tmp_path / "none.db", ["a", "b"]) == {"a": 1.0, "b": 1.0}


# --- the processes -----------------------------------------------------------------------------


def _report_pid(shard: Sequence[str]) -> dict[str, dict[str, Any]]:
    return {name: {"pid": os.getpid(), "finish_reason": "finished"} for name in shard}


def test_each_share_runs_in_its_own_process() -> None:
    stats = run_sharded([["a", "b"], ["c"]], _report_pid)
    assert sorted(stats) == ["a", "b", "c"]
    assert stats["a"]["pid"] == stats["b"]["pid"] != stats["c"]["pid"]
    assert os.getpid() not in {s["pid"] for s in stats.values()}


def _die_on_c(shard: Sequence[str]) -> dict[str, dict[str, Any]]:
    if "c" in shard:
        os._exit(3)
    return _report_pid(shard)


def test_a_process_that_dies_fails_its_sources_only() -> None:
    stats = run_sharded([["a"], ["c", "d"]], _die_on_c)
    assert stats["a"]["finish_reason"] == "finished"
    assert stats["c"]["finish_reason"] == stats["d"]["finish_reason"] == "crawler process died (exit code 3)"


def _raise(shard: Sequence[str]) -> dict[str, dict[str, Any]]:
    raise RuntimeError("no reactor for you")


def test_a_process_that_raises_reports_why() -> None:
    stats = run_sharded([["a"]], _raise)
    assert "no reactor for you" in stats["a"]["finish_reason"]


def _probe_lock(db: Path) -> Any:
    def run(shard: Sequence[str]) -> dict[str, dict[str, Any]]:
        lock.acquire(db)  # what every StorePipeline of the child does: re-entrant, not blocking
        lock.release(db)
        other = subprocess.run(
            [sys.executable, "-c", f"from aggregator.store.lock import is_held; print(is_held(__import__('pathlib').Path({str(db)!r})))"],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return {name: {"held_for_others": other.stdout.strip()} for name in shard}

    return run


def test_children_write_under_the_parent_lock_and_keep_it_held(tmp_path: Path) -> None:
    db = tmp_path / "articles.db"
    lock.acquire(db)
    try:
        stats = run_sharded([["a"], ["b"]], _probe_lock(db))
    finally:
        lock.release(db)
    assert {s["held_for_others"] for s in stats.values()} == {"True"}
    assert not lock.is_held(db)


# --- two processes, one database ---------------------------------------------------------------


def _save_batches(db: Path) -> Any:
    def run(shard: Sequence[str]) -> dict[str, dict[str, Any]]:
        source = shard[0]
        words = [
            "nông",
            "dân",
            "xã",
            "miền",
            "núi",
            "thu",
            "hoạch",
            "lúa",
            "mùa",
            "sớm",
            "hơn",
            "mọi",
            "năm",
            "nhờ",
            "giống",
            "mới",
        ]
        with ArticleStore(db, timeout=30) as store:
            for batch in range(15):
                rows = []
                for i in range(20):
                    body = " ".join(
                        words[(i + j) % len(words)] for j in range(60)
                    )  # clustering reads buckets
                    rows.append({
                        "id": f"{source}-{batch}-{i}", "url": f"https://{source}.vn/{batch}-{i}.html",
                        "source": source, "title": f"Bài {batch}-{i}", "body": body,
                        "content_hash": f"{source}-{batch}-{i}", "published": "2026-01-08T08:30:00+07:00",
                    })  # fmt: skip
                store.save_articles(rows)
        return {source: {"finish_reason": "finished"}}

    return run


def test_two_processes_write_one_database_without_locked_errors(tmp_path: Path) -> None:
    """Each batch reads the LSH buckets, then writes: without IMMEDIATE this fails as "locked"."""
    db = tmp_path / "articles.db"
    ArticleStore(db).close()
    stats = run_sharded([["a"], ["b"], ["c"]], _save_batches(db))
    assert {s["finish_reason"] for s in stats.values()} == {"finished"}
    with ArticleStore(db, readonly=True) as store:
        assert store.count() == 3 * 15 * 20
        assert store.db.execute("pragma integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("command", [["crawl", "--processes", "many"], ["demo"]])
def test_a_bad_process_count_stops_the_command_before_it_crawls(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import aggregator.settings
    from aggregator.cli import main

    monkeypatch.setattr(aggregator.settings, "BAOTINH_PROCESSES", "-2")  # as read from the environment
    assert main([*command, "--output", str(tmp_path)]) == 2
    assert "positive number of processes or 'auto'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
