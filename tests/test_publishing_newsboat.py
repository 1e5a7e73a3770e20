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


def read(root: Path, urls: list[str], name: str) -> list[tuple[str, str, int, str]]:
    """Subscribe a fresh newsboat to *urls*, reload once, and return its items (guid, title, time, feed)."""
    home = root / name
    home.mkdir()
    (home / "urls").write_text("\n".join(urls) + "\n", encoding="utf-8")
    (home / "config").write_text("", encoding="utf-8")
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "PATH": "/usr/bin:/bin",
    }
    command = ["newsboat", "-x", "reload", "-u", "urls", "-c", "cache.db", "-C", "config"]
    done = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(home / "cache.db") as cache:
        rows = cache.execute("select guid, title, pubDate, feedurl from rss_item").fetchall()
    return sorted(rows, key=lambda r: (-r[2], r[0]))


@pytest.mark.parametrize(
    "feed",
    ["all.rss", "all.atom", "province/lang-son.rss", "source/baolaocai.atom", "category/thoi-su.rss"],
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
