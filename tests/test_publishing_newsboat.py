"""A real feed reader subscribes: Debian's newsboat reads the served feeds over http://127.0.0.1.

newsboat keeps what it read in an SQLite cache; the test reads that cache back. Skipped where
newsboat is not installed (``.ci/install-publishing-tools`` installs it).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from aggregator.run.serve import running_server
from tests.test_publishing_feeds import FEEDS, HOSTILE_TITLE, ROWS, SEEN, build_publishing

pytestmark = pytest.mark.skipif(shutil.which("newsboat") is None, reason="newsboat is not installed")

TITLES = {r["id"]: r["title"].replace("\x01", "") for r in ROWS}
TIMES = {
    r["id"]: int(datetime.fromisoformat(r["published"] or SEEN).timestamp()) for r in ROWS
}  # the undated row is published at its first sighting


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("newsboat")
    build_publishing(root)
    with running_server(root / "out") as url:
        yield root, url


def newsboat(home: Path, *args: str) -> None:
    """Run newsboat with its files (urls, cache.db, config) in *home* and nowhere else."""
    if not (home / "config").exists():
        (home / "config").write_text("", encoding="utf-8")
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "PATH": "/usr/bin:/bin",
    }
    command = ["newsboat", *args, "-u", "urls", "-c", "cache.db", "-C", "config"]
    done = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def read(root: Path, urls: list[str], name: str) -> list[tuple[str, str, int, str]]:
    """Subscribe a fresh newsboat to *urls*, reload once, and return its items (guid, title, time, feed)."""
    home = root / name
    home.mkdir()
    (home / "urls").write_text("\n".join(urls) + "\n", encoding="utf-8")
    newsboat(home, "-x", "reload")
    with sqlite3.connect(home / "cache.db") as cache:
        rows = cache.execute("select guid, title, pubDate, feedurl from rss_item").fetchall()
    return sorted(rows, key=lambda r: (-r[2], r[0]))


@pytest.mark.parametrize(
    "feed",
    [
        "all.rss",
        "all.atom",
        "province/lang-son.rss",
        "source/baolaocai.atom",
        "category/thoi-su.rss",
        "topic/gia-lua.rss",
        "topic/lang-son-cho-ret.atom",
    ],
)
def test_newsboat_reads_every_entry_with_title_and_time(served, feed):
    root, url = served
    items = read(root, [f"{url}feeds/{feed}"], feed.replace("/", "-"))
    expected = [
        (f"tag:baotinh,2026:article:{i}", TITLES[i], TIMES[i], f"{url}feeds/{feed}")
        for i in FEEDS[feed.rsplit(".", 1)[0]]
    ]
    assert items == expected


def test_newsboat_shows_hostile_title_as_text(served):
    root, url = served
    items = read(root, [f"{url}feeds/source/baodongnai.rss"], "hostile")
    assert [title for _, title, _, _ in items] == [HOSTILE_TITLE]


def test_same_article_in_two_feeds_is_one_item(served):
    """Permanent ids: a reader subscribed to the all feed and a paper's feed stores each story once."""
    root, url = served
    items = read(root, [f"{url}feeds/all.rss", f"{url}feeds/source/baolangson.rss"], "both")
    assert sorted(guid for guid, *_ in items) == sorted(
        f"tag:baotinh,2026:article:{i}" for i in set(FEEDS["all"]) | set(FEEDS["source/baolangson"])
    )


@pytest.fixture(scope="module")
def from_opml(tmp_path_factory):
    """newsboat subscribed by importing the OPML of a build whose site URL is the test server."""
    root = tmp_path_factory.mktemp("newsboat-opml")
    (root / "out").mkdir()
    with running_server(root / "out") as url:
        build_publishing(root, site_url=url)
        home = root / "reader"
        home.mkdir()
        newsboat(home, "-i", str(root / "out" / "feeds" / "feeds.opml"))  # subscribe from the OPML
        newsboat(home, "-x", "reload")
        with sqlite3.connect(home / "cache.db") as cache:
            feeds = dict(cache.execute("select rssurl, title from rss_feed").fetchall())
            guids = {guid for (guid,) in cache.execute("select guid from rss_item")}
        yield url, feeds, guids


def test_newsboat_reads_every_feed_of_the_opml(from_opml):
    """Every feed the OPML lists, topic feeds too, fetched and read (a feed's title is in the cache)."""
    url, feeds, _ = from_opml
    assert sorted(u for u, title in feeds.items() if title) == sorted(
        f"{url}feeds/{name}.rss" for name in FEEDS
    )


def test_newsboat_holds_every_entry_once(from_opml):
    _, _, guids = from_opml
    assert guids == {f"tag:baotinh,2026:article:{i}" for ids in FEEDS.values() for i in ids}


def test_the_opml_subscribes_newsboat_to_the_topic_feeds(from_opml):
    url, feeds, _ = from_opml
    assert {u: t for u, t in feeds.items() if "/topic/" in u} == {
        f"{url}feeds/topic/gia-lua.rss": "Chủ đề: Giá lúa",
        f"{url}feeds/topic/lang-son-cho-ret.rss": "Chủ đề: chợ OR rét",
    }
