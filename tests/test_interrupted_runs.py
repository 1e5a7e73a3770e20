"""A stop is a stop, and loses nothing: real crawls stopped at many moments, then one plain rerun.

Every scenario starts a real ``baotinh crawl`` (or ``scrapy crawl``) on a mirror whose listings
have several pages and whose article pages answer slowly, stops it (SIGTERM, SIGINT, SIGKILL of
the process group, SIGKILL of one crawler process, a ``CLOSESPIDER_*`` limit), including in its
first second, and asserts that every process it started is gone within a bound. Then newer
articles arrive and one plain rerun must end with exactly what an uninterrupted pair of runs
stores: the same articles and contents, none doubled, full-text index and clusters in step, and
nothing owed but the page that always fails.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aggregator.demo import build_mirror
from aggregator.run.mirror import running_mirror
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
SITES = ("baocantho", "baolangson", "baolaocai")  # baolaocai republishes a baolangson story
NEW_ARTICLES = 6
STOP_BOUND = 30.0  # seconds from the signal to the last process gone


def build(root: Path, *, newer: bool, delay: float = 0.0) -> dict[str, Any]:
    """The mirror of SITES: first edition, or with NEW_ARTICLES more; article pages delayed."""
    manifest = build_mirror(root, sites=SITES)
    if newer:
        sizes = {
            site: len(m["articles"]) + NEW_ARTICLES + len(m["malformed"]) + len(m["failing"])
            for site, m in manifest["sites"].items()
        }
        for site, size in sizes.items():
            manifest = build_mirror(root, sites=[site], articles_per_site=size)
    if delay:
        faults = json.loads((root / "_faults.json").read_text(encoding="utf-8"))
        for site in SITES:
            for article in manifest["sites"][site]["articles"]:
                faults.setdefault(article["url"].split("://", 1)[1], {"delay": delay})
        (root / "_faults.json").write_text(json.dumps(faults), encoding="utf-8")
    return manifest


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("mirror")
    build(root, newer=False)
    with running_mirror(root) as url:
        yield root, url


def baotinh_crawl(url: str, output: Path, processes: str, *sites: str) -> list[str]:
    return [sys.executable, "-m", "aggregator.cli", "crawl", *(sites or SITES), "--mirror", url,
            "--output", str(output), "--progress", "0", "--processes", processes]  # fmt: skip


def run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def outcome(db: Path) -> dict[str, Any]:
    """What a user of the database sees: articles, clusters, the indexes' state, what is owed."""
    clusters: dict[str, set[str]] = {}
    for url, cluster in rows(db, "select url, cluster_id from articles"):
        clusters.setdefault(cluster, set()).add(url)
    return {
        "articles": rows(db, "select url, title, body, content_hash from articles order by url"),
        "clusters": sorted(sorted(group) for group in clusters.values()),
        "fts": rows(db, "select count(*) from articles_fts"),
        "owed": rows(db, "select url from frontier order by url"),
        "integrity": rows(db, "pragma integrity_check"),
    }


@pytest.fixture(scope="module")
def reference(mirror: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An uninterrupted run of the first edition, then a plain run once newer articles arrived."""
    root, url = mirror
    output = tmp_path_factory.mktemp("reference")
    build(root, newer=False)
    run(baotinh_crawl(url, output, "auto"))
    build(root, newer=True)
    run(baotinh_crawl(url, output, "auto"))
    return outcome(output / "articles.db")


def descendants(pid: int) -> set[int]:
    """Every live process under *pid* (crawler processes, the demo's mirror server)."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_gone(pids: set[int], since: float) -> None:
    while any(alive(p) for p in pids):
        assert time.monotonic() - since < STOP_BOUND, f"still running: {[p for p in pids if alive(p)]}"
        time.sleep(0.05)


def started(process: subprocess.Popen[str], moment: str, db: Path) -> None:
    """Wait for a moment of the run: ``"0.2"`` seconds after the start, or ``"crawling"``."""
    if moment != "crawling":
        time.sleep(float(moment))
        return
    deadline = time.monotonic() + 60
    while True:  # every paper has discovered articles, and none of them is stored yet
        assert process.poll() is None and time.monotonic() < deadline, "the crawl never got going"
        try:
            owed = rows(db, "select count(distinct source) from frontier")[0][0]
        except sqlite3.Error:
            owed = 0
        if owed == len(SITES):
            return
        time.sleep(0.05)


STOPS = [
    # (how, when, processes): "when" is seconds after the start, or "crawling"
    pytest.param("SIGTERM", "0.2", "auto", id="sigterm-first-second"),
    pytest.param("SIGTERM", "0.8", "auto", id="sigterm-while-starting"),
    pytest.param("SIGTERM", "crawling", "auto", id="sigterm-crawling"),
    pytest.param("SIGINT", "crawling", "auto", id="sigint-crawling"),
    pytest.param("SIGTERM twice", "crawling", "auto", id="second-signal-forces"),
    pytest.param("SIGKILL group", "1.2", "auto", id="kill-group-early"),
    pytest.param("SIGKILL group", "crawling", "auto", id="kill-group-crawling"),
    pytest.param("SIGKILL child", "crawling", "2", id="kill-one-child"),
    pytest.param("SIGTERM", "0.5", "1", id="one-process-sigterm-early"),
    pytest.param("SIGINT", "crawling", "1", id="one-process-sigint-crawling"),
    pytest.param("SIGKILL group", "crawling", "1", id="one-process-kill"),
    pytest.param("SIGTERM twice", "crawling", "1", id="one-process-second-signal-forces"),
]


@pytest.mark.parametrize(("how", "when", "processes"), STOPS)
def test_stopped_run_then_one_rerun_stores_what_a_clean_run_stores(
    mirror: tuple[Path, str], reference: dict[str, Any], tmp_path: Path, how: str, when: str, processes: str
) -> None:
    root, url = mirror
    output = tmp_path / "out"
    db = output / "articles.db"
    build(root, newer=False, delay=1.5)
    process = subprocess.Popen(
        baotinh_crawl(url, output, processes),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        started(process, when, db)
        family = {process.pid, *descendants(process.pid)}
        stop(process, how)
        stopped_at = time.monotonic()
        wait_gone(family, stopped_at)
        assert not any(alive(p) for p in descendants(process.pid))
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    build(root, newer=True)
    run(baotinh_crawl(url, output, "auto"))
    assert outcome(db) == reference


def stop(process: subprocess.Popen[str], how: str) -> None:
    if how == "SIGKILL group":
        os.killpg(process.pid, signal.SIGKILL)
    elif how == "SIGKILL child":
        children = descendants(process.pid)
        assert children, "no crawler process to kill"
        os.kill(min(children), signal.SIGKILL)
    elif how == "SIGTERM twice":
        process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
    else:
        process.send_signal(getattr(signal, how))


def test_signal_while_crawling_is_a_clean_stop(mirror: tuple[Path, str], tmp_path: Path) -> None:
    """One SIGTERM: every run closes as ``shutdown`` and its unwritten discoveries stay owed."""
    root, url = mirror
    output = tmp_path / "out"
    db = output / "articles.db"
    build(root, newer=False, delay=3)
    process = subprocess.Popen(
        baotinh_crawl(url, output, "2"), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    started(process, "crawling", db)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=STOP_BOUND)
    assert process.returncode == 1, err[-2000:]
    assert sorted(rows(db, "select source, finish_reason from crawl_runs")) == [
        (s, "shutdown") for s in SITES
    ]
    stored = {u for (u,) in rows(db, "select url from articles")}
    owed = {u for (u,) in rows(db, "select url from frontier")}
    assert owed and not stored & owed
    assert rows(db, "select count(*) from http_validators") == [(0,)]  # saved only by a drained run
    health = subprocess.run(
        [sys.executable, "-m", "aggregator.cli", "stats", "--output", str(output), "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    shown = {row["source"]: (row["owed"], row["flags"]) for row in json.loads(health.stdout)}
    per_source = dict(rows(db, "select source, count(*) from frontier group by source"))
    assert {s: shown[s] for s in SITES} == {s: (per_source[s], ["shutdown"]) for s in SITES}


def test_a_crawler_that_will_not_stop_is_ended_by_the_watchdog(
    mirror: tuple[Path, str], tmp_path: Path
) -> None:
    """Article pages that take 20 s, a stop bound of 2 s: the process ends at the bound, not later."""
    root, url = mirror
    output = tmp_path / "out"
    build(root, newer=False, delay=20)
    process = subprocess.Popen(
        baotinh_crawl(url, output, "1"), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "BAOTINH_STOP_TIMEOUT": "2"},
    )  # fmt: skip
    started(process, "crawling", output / "articles.db")
    process.send_signal(signal.SIGTERM)
    asked = time.monotonic()
    _, err = process.communicate(timeout=STOP_BOUND)
    assert time.monotonic() - asked < 10
    assert process.returncode == 1
    assert "did not stop within 2 s" in err
    assert rows(output / "articles.db", "select count(*) from frontier")[0][0] > 0  # owed to the next run


def test_closespider_limit_is_an_interruption(mirror: tuple[Path, str], tmp_path: Path) -> None:
    """``scrapy crawl -s CLOSESPIDER_ITEMCOUNT=3``: the next run resumes and finishes the work."""
    root, url = mirror
    output = tmp_path / "out"
    db = output / "articles.db"
    manifest = build(root, newer=False)
    command = [sys.executable, "-m", "scrapy", "crawl", "baolangson", "-s", f"MIRROR={url}",
               "-s", f"BAOTINH_OUTPUT={output}", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]  # fmt: skip
    run([*command, "-s", "CLOSESPIDER_ITEMCOUNT=3"])
    assert rows(db, "select finish_reason from crawl_runs") == [("closespider_itemcount",)]
    assert rows(db, "select count(*) from frontier")[0][0] > 0
    run(command)
    site = manifest["sites"]["baolangson"]
    assert sorted(u for (u,) in rows(db, "select url from articles")) == sorted(
        a["url"] for a in site["articles"]
    )
    assert _owed(db) == {f["url"] for f in site["failing"]}  # answers 500 every time: tried again


def test_owed_articles_pushed_past_the_listing_depth_are_still_fetched(
    mirror: tuple[Path, str], tmp_path: Path
) -> None:
    """Discovered, killed, pushed down the listings by newer articles: only the frontier knows them."""
    root, url = mirror
    env = {"BAOTINH_MAX_LISTING_PAGES": "1"}
    clean, stopped = tmp_path / "clean", tmp_path / "stopped"
    build(root, newer=False)
    run(baotinh_crawl(url, clean, "1", "baolangson"), env)
    build(root, newer=False, delay=10)
    process = subprocess.Popen(
        baotinh_crawl(url, stopped, "1", "baolangson"),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env},
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _owed(stopped / "articles.db"):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)  # every discovery page has answered; article pages take 10 s
    os.killpg(process.pid, signal.SIGKILL)  # a graceful stop would wait for them all
    process.wait(timeout=STOP_BOUND)
    owed = _owed(stopped / "articles.db")
    build(root, newer=True)
    run(baotinh_crawl(url, clean, "1", "baolangson"), env)
    done = run(baotinh_crawl(url, stopped, "1", "baolangson"), env)
    stored = {u for (u,) in rows(stopped / "articles.db", "select url from articles")}
    dropped = {u for (u,) in rows(stopped / "articles.db", "select url from drops")}
    always_failing = _owed(clean / "articles.db")
    assert owed - always_failing and owed - always_failing <= stored | dropped, done.stderr[-2000:]
    assert stored == {u for (u,) in rows(clean / "articles.db", "select url from articles")}
    assert _owed(stopped / "articles.db") == _owed(clean / "articles.db")  # the page that always fails


def _owed(db: Path) -> set[str]:
    try:
        return {u for (u,) in rows(db, "select url from frontier")}
    except sqlite3.Error:
        return set()


def test_next_run_waits_for_the_crawlers_of_a_killed_parent(
    mirror: tuple[Path, str], reference: dict[str, Any], tmp_path: Path
) -> None:
    """``kill -9`` of the whole process group, then the next scheduled run at once: it must not be
    refused by the lock its orphaned crawler processes still hold while they finish."""
    root, url = mirror
    output = tmp_path / "out"
    build(root, newer=False, delay=3)
    process = subprocess.Popen(
        baotinh_crawl(url, output, "2"),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    started(process, "crawling", output / "articles.db")
    orphans = descendants(process.pid)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert any(alive(p) for p in orphans)  # still finishing their stop, holding the lock
    build(root, newer=True)
    done = run(baotinh_crawl(url, output, "auto"))
    assert "is gone; waiting" in done.stderr
    assert not any(alive(p) for p in orphans)
    assert outcome(output / "articles.db") == reference


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0])
def test_scrapy_crawl_stopped_early_exits_and_the_rerun_completes(
    mirror: tuple[Path, str], tmp_path: Path, delay: float
) -> None:
    """Plain ``scrapy crawl`` (what cron runs per paper) stopped in its first seconds."""
    root, url = mirror
    output = tmp_path / "out"
    manifest = build(root, newer=False, delay=1)
    command = [sys.executable, "-m", "scrapy", "crawl", "baolaocai", "-s", f"MIRROR={url}",
               "-s", f"BAOTINH_OUTPUT={output}"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=STOP_BOUND)
    build(root, newer=False)
    run(command)
    site = manifest["sites"]["baolaocai"]
    db = output / "articles.db"
    assert sorted(u for (u,) in rows(db, "select url from articles")) == sorted(
        a["url"] for a in site["articles"]
    )
    assert rows(db, "pragma integrity_check") == [("ok",)]


def _demo(output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "aggregator.cli", "demo", "--output", str(output)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )  # fmt: skip


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stopped_demo_then_one_rerun_stores_what_a_clean_demo_stores(tmp_path: Path, signum: int) -> None:
    """The issue as a user met it: ``baotinh demo`` stopped two seconds in, then run once more."""
    clean = _demo(tmp_path / "clean")
    assert clean.wait(timeout=300) == 0
    stopped = _demo(tmp_path / "stopped")
    time.sleep(2)
    family = {stopped.pid, *descendants(stopped.pid)}
    stopped.send_signal(signum)
    wait_gone(family, time.monotonic())
    assert _demo(tmp_path / "stopped").wait(timeout=300) == 0
    articles = "select url, content_hash from articles order by url"
    assert rows(tmp_path / "stopped" / "articles.db", articles) == rows(
        tmp_path / "clean" / "articles.db", articles
    )
    assert len(rows(tmp_path / "clean" / "articles.db", articles)) > 400
