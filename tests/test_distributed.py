"""Distributed crawling on Redis, for real: Debian's redis-server, ``scrapy crawl`` processes, a mirror.

Each test starts its own redis-server on a free port (no persistence, a temporary folder) and a
mirror of one paper whose access log tells exactly which pages were downloaded. Crawlers run with the
project's own settings (the Redis add-on turns on with ``BAOTINH_REDIS_URL``) and write to output
folders of their own that must stay empty (no database on a crawler); ``ingest`` writes the one
database.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aggregator.demo import build_mirror
from aggregator.run.mirror import running_mirror
from tests.conftest import ROOT

redis = pytest.importorskip("redis")
pytest.importorskip("scrapy_redis")
REDIS_SERVER = shutil.which("redis-server")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed (.ci/install-redis)"),
]

SITE = "baolaocai"
ARTICLE_LINE = re.compile(r"^(\d{3}) (/baolaocai\.vn/[^?]*-post\d+\.html)$")
# Fast heartbeats so a killed worker is declared dead within seconds.
WORKER = ("BAOTINH_REDIS_HEARTBEAT=0.5", "BAOTINH_REDIS_WORKER_TIMEOUT=3", "BAOTINH_PROGRESS_INTERVAL=0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "redis"
    folder.mkdir()
    port = free_port()
    options = {"port": str(port), "bind": "127.0.0.1", "save": "", "appendonly": "no", "dir": str(folder)}
    process = subprocess.Popen(
        [str(REDIS_SERVER), *(part for name, value in options.items() for part in (f"--{name}", value))],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server did not start (exit code {process.poll()})")
            time.sleep(0.05)
    client.close()
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


class Mirror:
    def __init__(self, url: str, log: Path, manifest: dict[str, Any]) -> None:
        self.url, self.log, self.offset = url, log, 0
        self.articles = sorted(a["url"] for a in manifest["sites"][SITE]["articles"])
        self.failing = {f["url"] for f in manifest["sites"][SITE]["failing"]}
        self.malformed = set(manifest["sites"][SITE]["malformed"])
        self.aliases = {a["url"] for a in manifest["sites"][SITE]["alias_urls"]}

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []

    def new_lines(self) -> list[str]:
        lines = self.lines()
        new, self.offset = lines[self.offset :], len(lines)
        return new

    def article_fetches(self, lines: list[str]) -> Counter[str]:
        """``https://host/path`` → times the page was downloaded (any status)."""
        return Counter(f"https:/{m[2]}" for line in lines if (m := ARTICLE_LINE.match(line)))


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    root = tmp_path / "mirror"
    manifest = build_mirror(root, sites=[SITE])
    log = tmp_path / "access.log"
    with running_mirror(root, access_log=log) as url:
        yield Mirror(url, log, manifest)


def crawler(mirror: Mirror, redis_url: str, folder: Path, *settings: str) -> subprocess.Popen[bytes]:
    """A ``scrapy crawl`` worker; its log goes to ``folder.log`` beside its (empty) output folder."""
    command = [sys.executable, "-m", "scrapy", "crawl", SITE]
    for value in (
        f"MIRROR={mirror.url}",
        f"BAOTINH_OUTPUT={folder}",
        f"BAOTINH_REDIS_URL={redis_url}",
        "LOG_LEVEL=INFO",
        *WORKER,
        *settings,
    ):
        command += ["-s", value]
    with open(f"{folder}.log", "wb") as log:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)


def finished(process: subprocess.Popen[bytes], folder: Path, timeout: float = 120) -> str:
    """Wait for a crawler; assert it succeeded and wrote no database; return its log."""
    code = process.wait(timeout=timeout)
    log = Path(f"{folder}.log").read_text(encoding="utf-8", errors="replace")
    assert code == 0, log[-3000:]
    assert not (folder / "articles.db").exists(), "a crawler must not write the database"
    return log


def stat(log: str, name: str) -> int:
    found = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(found[1]) if found else 0


def run_ingest(redis_url: str, output: Path, batch: int = 10) -> dict[str, int]:
    from scrapy.settings import Settings

    import aggregator.settings
    from aggregator.run.ingest import ingest

    settings = Settings()
    settings.setmodule(aggregator.settings)
    settings.set("BAOTINH_OUTPUT", str(output))
    settings.set("BAOTINH_DB", "")
    return ingest(redis_url, settings, until_idle=True, batch=batch)


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def assert_stored_once(db: Path, mirror: Mirror) -> None:
    assert sorted(u for (u,) in rows(db, "select url from articles")) == mirror.articles
    assert rows(db, "select count(*) from articles_fts") == [(len(mirror.articles),)]
    assert rows(db, "select url, reason from drops group by url, reason having count(*) > 1") == []
    dropped = {u for (u,) in rows(db, "select url from drops")}
    assert mirror.failing <= dropped
    assert mirror.malformed <= dropped
    assert mirror.aliases <= {u for (u,) in rows(db, "select url from article_urls")}


def test_two_crawlers_share_one_frontier_and_ingest_stores_each_article_once(
    mirror: Mirror, redis_url: str, tmp_path: Path
) -> None:
    # The feed leaves out the article answering 500 (the news sitemap and the listings have it).
    feed = tmp_path / "mirror" / "baolaocai.vn" / "rss" / "home.rss"
    items = re.split(r"(?=<item>)", feed.read_text(encoding="utf-8"))
    feed.write_text(
        "".join(i for i in items if not any(url in i for url in mirror.failing)), encoding="utf-8"
    )
    # Nobody is killed here: a long worker timeout rules out a live worker declared dead.
    slow = ("CONCURRENT_REQUESTS=2", "DOWNLOAD_DELAY=0.2", "BAOTINH_REDIS_WORKER_TIMEOUT=15")
    first = crawler(mirror, redis_url, tmp_path / "a", *slow)
    second = crawler(mirror, redis_url, tmp_path / "b", *slow)
    logs = [finished(first, tmp_path / "a"), finished(second, tmp_path / "b")]

    fetched = mirror.article_fetches(mirror.new_lines())
    assert {url: fetched[url] for url in mirror.articles} == dict.fromkeys(mirror.articles, 1)
    assert all(stat(log, "scheduler/dequeued/redis") > 0 for log in logs)  # both did part of it
    server = redis.Redis.from_url(redis_url)
    assert server.keys(f"baotinh:{SITE}:inflight:*") == []
    assert not server.exists(f"baotinh:{SITE}:requests", f"baotinh:{SITE}:dupefilter")  # run complete

    output = tmp_path / "out"
    counts = run_ingest(redis_url, output)
    db = output / "articles.db"
    assert_stored_once(db, mirror)
    assert counts["new"] == len(mirror.articles)
    runs = rows(db, "select finish_reason, pages, new from crawl_runs order by id")
    assert [r[0] for r in runs] == ["finished", "finished"]
    assert sum(r[2] for r in runs) == len(mirror.articles)
    assert (output / "feeds" / "all.rss").is_file()
    assert server.llen("baotinh:items") == server.llen("baotinh:items:processing") == 0
    assert server.scard(f"baotinh:{SITE}:known") >= len(mirror.articles)

    # The next scheduled run is incremental without a database: known ids and validators in Redis.
    again = crawler(mirror, redis_url, tmp_path / "c")
    finished(again, tmp_path / "c")
    lines = mirror.new_lines()
    assert set(mirror.article_fetches(lines)) <= mirror.failing
    # A discovery page that listed the article answering 500 is read in full again (to retry it);
    # the feed, which did not list it, is unchanged and answers 304.
    assert "304 /baolaocai.vn/rss/home.rss" in lines


def test_a_killed_crawler_leaves_its_requests_to_the_other(
    mirror: Mirror, redis_url: str, tmp_path: Path
) -> None:
    slow = ("CONCURRENT_REQUESTS=4", "DOWNLOAD_DELAY=0.25")
    survivor = crawler(mirror, redis_url, tmp_path / "a", *slow)
    victim = crawler(mirror, redis_url, tmp_path / "b", *slow)
    deadline = time.monotonic() + 60
    while sum(mirror.article_fetches(mirror.lines()).values()) < 8:
        assert time.monotonic() < deadline, "the crawl did not start"
        assert victim.poll() is None, "the crawl ended before it could be interrupted"
        time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    log = finished(survivor, tmp_path / "a")
    assert stat(log, "baotinh/redis/recovered") > 0  # the victim's leased requests came back

    output = tmp_path / "out"
    run_ingest(redis_url, output)
    db = output / "articles.db"
    assert_stored_once(db, mirror)
    assert rows(db, "select finish_reason from crawl_runs order by finish_reason") == [(None,), ("finished",)]


@pytest.mark.parametrize("stop", ["SIGKILL", "SIGTERM", "SIGTERM twice", "SIGINT"])
def test_a_killed_ingest_loses_nothing_and_doubles_nothing(
    mirror: Mirror, redis_url: str, tmp_path: Path, stop: str
) -> None:
    """Killed, stopped (after its batch) or stopped twice (at once): the next ingest completes."""
    finished(crawler(mirror, redis_url, tmp_path / "a"), tmp_path / "a")
    server = redis.Redis.from_url(redis_url)
    queued = server.llen("baotinh:items")
    assert queued > len(mirror.articles)

    output = tmp_path / "out"
    db = output / "articles.db"
    arguments = ["--redis", redis_url, "--until-idle", "--batch", "3", "--output", str(output)]
    slow_ingest = subprocess.Popen(
        [sys.executable, "-m", "aggregator.run.ingest", *arguments],
        cwd=ROOT,
        env={**os.environ, "BAOTINH_INGEST_PAUSE": "0.4", "SCRAPY_SETTINGS_MODULE": "aggregator.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def stored() -> int:
        try:
            return rows(db, "select count(*) from articles")[0][0]
        except sqlite3.Error:
            return 0

    deadline = time.monotonic() + 60
    while stored() < 6 or not server.llen("baotinh:items:processing"):
        assert time.monotonic() < deadline and slow_ingest.poll() is None, "ingest ended too soon"
        time.sleep(0.02)
    if stop == "SIGKILL":
        os.kill(slow_ingest.pid, signal.SIGKILL)  # a committed batch is still in Redis
    else:
        for _ in range(2 if stop.endswith("twice") else 1):
            os.kill(slow_ingest.pid, getattr(signal, stop.split()[0]))
            time.sleep(0.05)
    slow_ingest.wait(timeout=30)
    assert 0 < stored() < len(mirror.articles)
    if stop == "SIGKILL":
        assert server.llen("baotinh:items:processing") > 0

    counts = run_ingest(redis_url, output)
    if stop == "SIGKILL":
        assert counts["recovered"] > 0 and counts["replayed"] > 0
    assert_stored_once(db, mirror)
    assert rows(db, "select finish_reason, new from crawl_runs") == [("finished", len(mirror.articles))]
    assert server.llen("baotinh:items") == server.llen("baotinh:items:processing") == 0
