"""Scheduled runs with real processes on a real mirror: incremental, killed, concurrent.

The mirror server writes an access log, so each test knows exactly which pages a run downloaded.
"""

from __future__ import annotations

import os
import random
import re
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
SITE = "baolaocai"
ARTICLE_PATH = re.compile(r"^\d{3} /baolaocai\.vn/[^?]*-post\d+\.html$")


class Mirror:
    def __init__(self, root: Path, url: str, log: Path) -> None:
        self.root, self.url, self.log = root, url, log
        self.offset = 0

    def new_lines(self) -> list[str]:
        """Requests answered since the last call, as ``STATUS /HOST/PATH``."""
        lines = self.log.read_text(encoding="utf-8").splitlines()
        new, self.offset = lines[self.offset :], len(lines)
        return new

    def downloaded_articles(self) -> list[str]:
        """Article pages requested since the last call (status and path)."""
        return sorted(line for line in self.new_lines() if ARTICLE_PATH.match(line))


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[tuple[Mirror, dict[str, Any]]]:
    root = tmp_path / "mirror"
    manifest = build_mirror(root, sites=[SITE])
    log = tmp_path / "access.log"
    with running_mirror(root, access_log=log) as url:
        yield Mirror(root, url, log), manifest


def crawl_command(mirror: Mirror, output: Path, *settings: str) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        SITE,
        "-s",
        f"MIRROR={mirror.url}",
        "-s",
        f"BAOTINH_OUTPUT={output}",
        "-s",
        "LOG_LEVEL=INFO",
    ]
    for setting in settings:
        command += ["-s", setting]
    return command


def crawl(mirror: Mirror, output: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        crawl_command(mirror, output, *settings), cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def wait_until_writing(db: Path, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Return once *process* holds the database's writer lock (its crawl has started)."""
    from aggregator.store.lock import is_held

    deadline = time.monotonic() + timeout
    while not is_held(db):
        assert process.poll() is None, "the crawl ended before it started writing"
        assert time.monotonic() < deadline, "the crawl never started writing"
        time.sleep(0.05)


def article_path(url: str) -> str:
    return "/" + url.split("://", 1)[1]


def test_second_run_downloads_no_article_and_five_new_exactly_five(
    mirror: tuple[Mirror, dict[str, Any]], tmp_path: Path
) -> None:
    server, manifest = mirror
    site = manifest["sites"][SITE]
    failing = {f"{f['status']} {article_path(f['url'])}" for f in site["failing"]}
    output = tmp_path / "out"

    crawl(server, output)
    first = server.downloaded_articles()
    stored = rows(output / "articles.db", "select count(*) from articles")[0][0]

    crawl(server, output)
    second = server.downloaded_articles()

    manifest = build_mirror(
        server.root,
        articles_per_site=len(site["articles"]) + 5 + len(site["malformed"]) + len(site["failing"]),
        sites=[SITE],
    )
    newest = manifest["sites"][SITE]["articles"][:5]
    crawl(server, output)
    third = server.downloaded_articles()

    assert len(first) > 25
    assert set(second) == failing  # only the page that failed last time is tried again
    assert set(third) == failing | {f"200 {article_path(a['url'])}" for a in newest}
    assert rows(output / "articles.db", "select count(*) from articles")[0][0] == stored + 5


def test_unchanged_feeds_and_sitemaps_answer_304(
    mirror: tuple[Mirror, dict[str, Any]], tmp_path: Path
) -> None:
    server, manifest = mirror
    # The feed leaves out the article answering 500; the news sitemap lists it (as do the listings).
    failing = manifest["sites"][SITE]["failing"][0]["url"]
    feed = server.root / "baolaocai.vn" / "rss" / "home.rss"
    items = re.split(r"(?=<item>)", feed.read_text(encoding="utf-8"))
    feed.write_text("".join(i for i in items if failing not in i), encoding="utf-8")
    output = tmp_path / "out"
    crawl(server, output)
    server.new_lines()
    crawl(server, output)
    discovery = dict(
        reversed(line.split(" ", 1)) for line in server.new_lines() if "/rss/" in line or "sitemap" in line
    )
    # A sitemap index is always read in full; the sitemap that listed the article answering 500 is
    # read in full again, so it is retried, whichever page's link to it was requested first; the
    # feed, which did not list it, is a 304.
    assert discovery["/baolaocai.vn/sitemap.xml"] == "200"
    pair = [discovery["/baolaocai.vn/rss/home.rss"], discovery["/baolaocai.vn/sitemaps/news-1.xml"]]
    assert pair == ["304", "200"]


def test_full_run_fetches_everything_again(mirror: tuple[Mirror, dict[str, Any]], tmp_path: Path) -> None:
    server, _ = mirror
    output = tmp_path / "out"
    crawl(server, output)
    first = server.downloaded_articles()
    process = subprocess.run(
        [*crawl_command(server, output), "-a", "full=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert process.returncode == 0
    assert server.downloaded_articles() == first


def test_killed_runs_lose_nothing_and_double_nothing(
    mirror: tuple[Mirror, dict[str, Any]], tmp_path: Path
) -> None:
    """kill -9 at random moments of slowed-down crawls, then one clean run completes the work."""
    server, manifest = mirror
    output = tmp_path / "out"
    slow = ("DOWNLOAD_DELAY=0.05", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "BAOTINH_BATCH_SIZE=3")
    chance = random.Random(20261126)
    for _ in range(4):
        process = subprocess.Popen(
            crawl_command(server, output, *slow),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(1.0, 3.0))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    crawl(server, output)
    db = output / "articles.db"
    expected = sorted(a["url"] for a in manifest["sites"][SITE]["articles"])
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert sorted(u for (u,) in rows(db, "select url from articles")) == expected
    assert rows(db, "select count(*) from articles_fts") == [(len(expected),)]


def test_concurrent_run_exits_with_a_clear_message(
    mirror: tuple[Mirror, dict[str, Any]], tmp_path: Path
) -> None:
    server, manifest = mirror
    output = tmp_path / "out"
    slow = ("DOWNLOAD_DELAY=0.1", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    first = subprocess.Popen(
        crawl_command(server, output, *slow),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_writing(output / "articles.db", first)
    second = subprocess.run(
        crawl_command(server, output), cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    first.communicate(timeout=180)
    assert second.returncode != 0
    assert "another crawl" in second.stderr
    assert first.returncode == 0
    stored = rows(output / "articles.db", "select count(*) from articles")[0][0]
    assert stored == len(manifest["sites"][SITE]["articles"])


def test_feeds_and_search_work_while_a_crawl_writes(
    mirror: tuple[Mirror, dict[str, Any]], tmp_path: Path
) -> None:
    server, _ = mirror
    output = tmp_path / "out"
    crawl(server, output)
    writer = subprocess.Popen(
        [
            *crawl_command(server, output, "DOWNLOAD_DELAY=0.15", "CONCURRENT_REQUESTS_PER_DOMAIN=1"),
            "-a",
            "full=1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_writing(output / "articles.db", writer)
    baotinh = [sys.executable, "-m", "aggregator.cli"]
    feeds = subprocess.run(
        [*baotinh, "feeds", "--output", str(output)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    found = subprocess.run(
        [*baotinh, "search", "xa", "--output", str(output), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    still_running = writer.poll() is None
    writer.wait(timeout=180)
    assert still_running
    assert feeds.returncode == 0, feeds.stderr
    assert found.returncode == 0, found.stderr
