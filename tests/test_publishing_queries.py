"""The feed builder's reads: newest N per slice through indexes, clusters collapsed, old rows kept."""

from __future__ import annotations

import re
import sqlite3

import feedparser
import pytest

import aggregator.publish.build
from aggregator.publish import build_feeds, entry_id
from tests.test_publishing_feeds import ROWS, SITE, build_publishing


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    """Every statement one full build sends to SQLite, with the database: (db path, [sql])."""
    root = tmp_path_factory.mktemp("queries")
    build_publishing(root)
    statements: list[str] = []
    opener = aggregator.publish.build.open_for_reading

    def tracing(path):
        store = opener(path)
        store.db.conn.set_trace_callback(statements.append)
        return store

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(aggregator.publish.build, "open_for_reading", tracing)
        build_feeds(root / "articles.db", root / "again", site_url=SITE)
    return root / "articles.db", [s for s in statements if s.lstrip().lower().startswith(("select", "with"))]


def plans(db, statements) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        return {s: [r[3] for r in conn.execute(f"explain query plan {s}")] for s in statements}
    finally:
        conn.close()


def test_reads_were_traced(traced):
    assert len(traced[1]) > 20


def test_no_read_scans_the_table(traced):
    full_scans = {s: p for s, p in plans(*traced).items() if any(re.match(r"SCAN articles\b", x) for x in p)}
    assert full_scans == {}


def test_no_read_sorts_a_whole_slice(traced):
    """Only rows an older version left without sort_time (none here) may need a sort."""
    sorted_reads = {
        s: p
        for s, p in plans(*traced).items()
        if "USE TEMP B-TREE FOR ORDER BY" in p and "sort_time is null" not in s
    }
    assert sorted_reads == {}


def ids(path) -> list[str]:
    return [e.id for e in feedparser.parse(path).entries]


def test_limit_refetches_past_hidden_cluster_members(tmp_path):
    """lc-lua is among the newest 4 but hidden (ct-lua is earlier): the 4th entry is ct-lua."""
    build_publishing(tmp_path)
    build_feeds(tmp_path / "articles.db", tmp_path / "four", limit=4, site_url=SITE)
    assert ids(tmp_path / "four" / "feeds" / "all.atom") == [
        entry_id(i) for i in ("dn-bad", "ls-ret", "ct-cho", "ct-lua")
    ]


def test_limit_per_source(tmp_path):
    build_publishing(tmp_path)
    build_feeds(tmp_path / "articles.db", tmp_path / "one", limit=1, site_url=SITE)
    assert ids(tmp_path / "one" / "feeds" / "source" / "baolangson.rss") == [entry_id("ls-ret")]


def test_rows_without_sort_time_still_published_in_order(tmp_path):
    build_publishing(tmp_path)
    conn = sqlite3.connect(tmp_path / "articles.db")
    with conn:
        conn.execute("update articles set sort_time = null where id in ('ls-ret', 'ct-cho')")
    conn.close()
    build_feeds(tmp_path / "articles.db", tmp_path / "legacy", site_url=SITE)
    assert ids(tmp_path / "legacy" / "feeds" / "all.rss") == [
        entry_id(i) for i in ("dn-bad", "ls-ret", "ct-cho", "ct-lua", "ls-cho", "lc-man")
    ]


def test_cluster_earliest_member_wins_even_when_stored_last(tmp_path, monkeypatch):
    """A cluster named after a later article (lc-lua) still shows its earliest member (ct-lua)."""
    rows = [dict(r, cluster_id="lc-lua") if "lua" in r["id"] else r for r in ROWS]
    build_publishing(
        tmp_path, rows=[r for r in rows if r["id"] != "lc-lua"] + [r for r in rows if r["id"] == "lc-lua"]
    )
    feeds = tmp_path / "out" / "feeds"
    assert [i for i in ids(feeds / "all.atom") if "lua" in i] == [entry_id("ct-lua")]
