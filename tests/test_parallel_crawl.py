"""``baotinh crawl --processes 2`` end to end: real processes, a real mirror, one SQLite file.

Three papers shared out between two crawler processes must give what one process gives: every
article fetched once and stored once, the republished story clustered across processes, feeds
built once. A parent killed with SIGKILL must not leave orphans holding the writer lock.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest

from aggregator.demo import build_mirror
from aggregator.run.mirror import running_mirror
from aggregator.store.lock import is_held
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
SITES = ("baocantho", "baolangson", "baolaocai")  # baolaocai republishes a baolangson story


def baotinh_crawl(mirror: str, output: Path, *extra: str, env: dict[str, str] | None = None) -> list[str]:
    return [sys.executable, "-m", "aggregator.cli", "crawl", *SITES, "--mirror", mirror,
            "--output", str(output), "--progress", "0", *extra]  # fmt: skip


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], str, Path]]:
    root = tmp_path_factory.mktemp("mirror")
    manifest = build_mirror(root, sites=SITES)
    log = root.parent / "access.log"
    with running_mirror(root, access_log=log) as url:
        yield manifest, url, log


@pytest.fixture(scope="module")
def crawled(
    mirror: tuple[dict[str, Any], str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The same three papers crawled by two processes and, separately, by one."""
    manifest, url, log = mirror
    results = {}
    for processes in ("2", "1"):
        start = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
        output = tmp_path_factory.mktemp(f"out{processes}")
        done = subprocess.run(
            baotinh_crawl(url, output, "--processes", processes),
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        lines = log.read_text(encoding="utf-8").splitlines()[start:]
        results[processes] = {"done": done, "output": output, "db": output / "articles.db", "log": lines}
    return {"manifest": manifest, **results}


def test_both_runs_succeed(crawled: dict[str, Any]) -> None:
    assert [crawled[p]["done"].returncode for p in ("2", "1")] == [0, 0], crawled["2"]["done"].stderr[-2000:]


def test_every_source_reported(crawled: dict[str, Any]) -> None:
    report = crawled["2"]["done"].stdout
    assert [site for site in SITES if f"  {site}: pages" in report] == list(SITES)


def test_crawled_in_two_processes(crawled: dict[str, Any]) -> None:
    sql = "select json_extract(stats, '$.\"baotinh/pid\"') from crawl_runs"
    pids = {pid for (pid,) in rows(crawled["2"]["db"], sql)}
    assert len(pids) == 2 and None not in pids


def test_every_page_downloaded_once(crawled: dict[str, Any]) -> None:
    answered = [line.split(" ", 1) for line in crawled["2"]["log"]]
    pages = Counter(path for status, path in answered if status == "200" and "robots.txt" not in path)
    assert [page for page, count in pages.items() if count > 1] == []
    assert len(pages) == len({line for line in crawled["1"]["log"] if line.startswith("200 ")}) - len(SITES)


def test_same_articles_as_one_process(crawled: dict[str, Any]) -> None:
    two, one = (
        rows(crawled[p]["db"], "select id, content_hash from articles order by id") for p in ("2", "1")
    )
    expected = sorted(a["url"] for site in SITES for a in crawled["manifest"]["sites"][site]["articles"])
    assert sorted(u for (u,) in rows(crawled["2"]["db"], "select url from articles")) == expected
    assert two == one


def test_same_clusters_as_one_process(crawled: dict[str, Any]) -> None:
    def groups(db: Path) -> set[frozenset[str]]:
        found: dict[str, set[str]] = {}
        for article, cluster in rows(db, "select id, cluster_id from articles"):
            found.setdefault(cluster, set()).add(article)
        return {frozenset(g) for g in found.values()}

    two = groups(crawled["2"]["db"])
    assert two == groups(crawled["1"]["db"])
    assert any(len(g) == 2 for g in two)  # the republished story, crawled by different processes


def test_database_is_sound(crawled: dict[str, Any]) -> None:
    db = crawled["2"]["db"]
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "select count(*) from articles_fts") == rows(db, "select count(*) from articles")


def test_feeds_built_once_with_every_story(crawled: dict[str, Any]) -> None:
    output = crawled["2"]["output"]
    feed = feedparser.parse((output / "feeds" / "all.atom").read_bytes())
    assert not feed.bozo
    assert {f"{s}.rss" for s in SITES} <= {p.name for p in (output / "feeds" / "source").glob("*.rss")}


@pytest.fixture
def slow_mirror(tmp_path: Path) -> Iterator[str]:
    """Every article page answers after 10 s: a crawl of it is still running when killed."""
    root = tmp_path / "slow"
    manifest = build_mirror(root, sites=SITES)
    delays = {
        article["url"].split("://", 1)[1]: {"delay": 10}
        for site in SITES
        for article in manifest["sites"][site]["articles"]
    }
    (root / "_faults.json").write_text(json.dumps(delays), encoding="utf-8")
    with running_mirror(root) as url:
        yield url


def crawling(mirror: str, output: Path) -> subprocess.Popen[str]:
    """A two-process crawl of the slow mirror, returned once every paper's run has started and its
    article requests wait on the mirror."""
    parent = subprocess.Popen(
        baotinh_crawl(mirror, output, "--processes", "2"),
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while len(started_runs(output / "articles.db")) < len(SITES):
        assert time.monotonic() < deadline and parent.poll() is None, "the crawl never started"
        time.sleep(0.1)
    time.sleep(1)
    return parent


def started_runs(db: Path) -> list[tuple[Any, ...]]:
    try:
        return rows(db, "select source from crawl_runs")
    except sqlite3.Error:  # not created yet
        return []


def finished_as(db: Path) -> list[tuple[Any, ...]]:
    return sorted(rows(db, "select source, finish_reason from crawl_runs"))


def test_killed_parent_leaves_no_crawler_behind(slow_mirror: str, tmp_path: Path) -> None:
    """SIGKILL to the parent: the kernel asks each child to stop, and it finishes cleanly."""
    db = tmp_path / "out" / "articles.db"
    parent = crawling(slow_mirror, tmp_path / "out")
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    killed = time.monotonic()
    while is_held(db):
        assert time.monotonic() - killed < 60, "crawler processes outlived their parent"
        time.sleep(0.2)
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert finished_as(db) == [(s, "shutdown") for s in SITES]


def test_sigterm_to_the_parent_stops_every_crawler_cleanly(slow_mirror: str, tmp_path: Path) -> None:
    """SIGTERM (or Ctrl-C) to `baotinh crawl` reaches every crawler; the parent still reports."""
    db = tmp_path / "out" / "articles.db"
    parent = crawling(slow_mirror, tmp_path / "out")
    parent.send_signal(signal.SIGTERM)
    report, _ = parent.communicate(timeout=60)
    assert parent.returncode == 1  # the papers did not finish: failed sources
    assert finished_as(db) == [(s, "shutdown") for s in SITES]
    assert [site for site in SITES if f"  {site}: pages" in report] == list(SITES)
    assert not is_held(db)


def test_sigterm_to_every_process_at_once_still_stops_cleanly(slow_mirror: str, tmp_path: Path) -> None:
    """systemd's default stop signals the whole service: no crawler may read that as "force"."""
    db = tmp_path / "out" / "articles.db"
    parent = crawling(slow_mirror, tmp_path / "out")
    children = Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split()
    assert len(children) == 2
    for pid in [parent.pid, *map(int, children)]:
        os.kill(pid, signal.SIGTERM)
    parent.communicate(timeout=60)
    assert finished_as(db) == [(s, "shutdown") for s in SITES]
    assert rows(db, "select count(*) from crawl_runs where finished is null") == [(0,)]
