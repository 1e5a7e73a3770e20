"""``baotinh topics``: saved searches stored in the database and published as feeds of their own.

The command runs in-process on a real database (the publishing tests' articles); feeds are read
back with feedparser. The near-duplicate rule and the feed formats are checked for the topic
feeds by ``test_publishing_feeds`` (its build has two topics).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import feedparser
import pytest

from aggregator.cli import main
from aggregator.publish import build_feeds, entry_id
from tests.test_publishing_feeds import SITE, build_publishing


@pytest.fixture
def root(tmp_path: Path) -> Path:
    build_publishing(tmp_path, topics=())
    return tmp_path


def topics(root: Path, *args: str) -> int:
    return main(["topics", *args, "--db", str(root / "articles.db"), "--output", str(root / "out")])


def listed(root: Path, capsys) -> list[dict]:
    capsys.readouterr()
    assert topics(root, "list", "--format", "json") == 0
    return json.loads(capsys.readouterr().out)


def ids(path: Path) -> list[str]:
    return [e.id for e in feedparser.parse(path.read_bytes()).entries]


def test_add_saves_the_topic(root, capsys):
    assert topics(root, "add", "lu-lut", "lũ lụt OR sạt lở") == 0
    assert [(t["slug"], t["query"], t["feed"]) for t in listed(root, capsys)] == [
        ("lu-lut", "lũ lụt OR sạt lở", "feeds/topic/lu-lut.rss")
    ]


def test_add_builds_the_topic_feeds_at_once(root):
    topics(root, "add", "cho", "chợ")
    assert ids(root / "out" / "feeds" / "topic" / "cho.atom") == [entry_id("ct-cho"), entry_id("ls-cho")]


def test_rss_and_atom_list_the_same_articles(root):
    topics(root, "add", "cho", "chợ")
    feeds = root / "out" / "feeds" / "topic"
    assert ids(feeds / "cho.rss") == ids(feeds / "cho.atom")


def test_a_name_with_accents_becomes_the_slug_and_the_title(root, capsys):
    topics(root, "add", "Giá lúa", "giá lúa")
    (topic,) = listed(root, capsys)
    assert (topic["slug"], topic["title"]) == ("gia-lua", "Giá lúa")


def test_feed_title_names_the_topic(root):
    topics(root, "add", "Giá lúa", "giá lúa")
    feed = feedparser.parse((root / "out" / "feeds" / "topic" / "gia-lua.rss").read_bytes()).feed
    assert feed.title == "Chủ đề: Giá lúa"


def test_near_duplicates_appear_once(root):
    """Cần Thơ's rice story, republished in Lạng Sơn and Lào Cai: one entry, the earliest."""
    topics(root, "add", "lua", "giá lúa")
    assert ids(root / "out" / "feeds" / "topic" / "lua.rss") == [entry_id("ct-lua")]


def test_the_same_name_replaces_the_topic(root, capsys):
    topics(root, "add", "cho", "chợ")
    capsys.readouterr()
    topics(root, "add", "cho", "rét")
    assert "replaced topic cho" in capsys.readouterr().out
    assert [t["query"] for t in listed(root, capsys)] == ["rét"]


def test_province_narrows_a_topic(root):
    topics(root, "add", "cho-ls", "chợ", "--province", "Lạng Sơn")
    assert ids(root / "out" / "feeds" / "topic" / "cho-ls.rss") == [entry_id("ls-cho")]


def test_source_narrows_a_topic(root):
    topics(root, "add", "cho-ct", "chợ", "--source", "baocantho")
    assert ids(root / "out" / "feeds" / "topic" / "cho-ct.rss") == [entry_id("ct-cho")]


def test_a_former_province_names_its_papers(root, capsys):
    """Yên Bái merged into Lào Cai in 2025: the topic follows Báo Lào Cai."""
    topics(root, "add", "yen-bai", "mận", "--province", "Yên Bái")
    (topic,) = listed(root, capsys)
    assert (topic["province"], topic["sources"]) == (None, ["baolaocai"])


def test_former_province_topic_finds_its_papers_articles(root):
    topics(root, "add", "yen-bai", "mận OR lúa", "--province", "Yên Bái")
    assert ids(root / "out" / "feeds" / "topic" / "yen-bai.rss") == [entry_id("lc-lua"), entry_id("lc-man")]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("(lũ", "a bracket is not closed"),
        ("lũ OR", "OR needs words on both sides"),
        ("NOT lũ", "only leaves words out"),
        ('"sạt lở', "a quotation mark is not closed"),
        ("...", "no words to look for"),
    ],
)
def test_a_bad_query_is_refused_with_its_reason(root, capsys, query, reason):
    capsys.readouterr()
    assert topics(root, "add", "hong", query) == 2
    assert reason in capsys.readouterr().err


def test_a_refused_topic_is_not_stored_and_gets_no_feed(root, capsys):
    topics(root, "add", "hong", "(lũ")
    assert (listed(root, capsys), (root / "out" / "feeds" / "topic" / "hong.rss").exists()) == ([], False)


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [("--province", "Narnia", "unknown province"), ("--source", "baonarnia", "unknown source")],
)
def test_an_unknown_filter_is_refused(root, capsys, option, value, reason):
    capsys.readouterr()
    assert topics(root, "add", "x", "chợ", option, value) == 2
    assert reason in capsys.readouterr().err


def test_a_name_without_letters_is_refused(root, capsys):
    capsys.readouterr()
    assert topics(root, "add", "???", "chợ") == 2
    assert "a topic needs a name" in capsys.readouterr().err


def test_remove_deletes_the_topic_and_its_files(root, capsys):
    topics(root, "add", "cho", "chợ")
    assert topics(root, "remove", "cho") == 0
    feeds = root / "out" / "feeds"
    assert (listed(root, capsys), sorted(p.name for p in (feeds / "topic").iterdir())) == ([], [])


def test_remove_takes_the_feed_out_of_the_opml(root):
    topics(root, "add", "cho", "chợ")
    topics(root, "remove", "cho")
    assert "feeds/topic/" not in (root / "out" / "feeds" / "feeds.opml").read_text(encoding="utf-8")


def test_removing_an_unknown_topic_says_so(root, capsys):
    capsys.readouterr()
    assert topics(root, "remove", "khong-co") == 1
    assert "no topic 'khong-co'" in capsys.readouterr().err


def test_no_build_leaves_the_feeds_to_the_next_build(root):
    topics(root, "add", "cho", "chợ", "--no-build")
    assert not (root / "out" / "feeds" / "topic" / "cho.rss").exists()


def test_the_opml_and_the_index_list_the_topic(root):
    topics(root, "add", "cho", "chợ")
    out = root / "out"
    assert (
        "/feeds/topic/cho.rss" in (out / "feeds" / "feeds.opml").read_text(encoding="utf-8"),
        'href="feeds/topic/cho.rss"' in (out / "index.html").read_text(encoding="utf-8"),
    ) == (True, True)


def test_an_unchanged_topic_feed_keeps_its_bytes(root):
    topics(root, "add", "cho", "chợ")
    files = [root / "out" / "feeds" / "topic" / f"cho{s}" for s in (".rss", ".atom")]
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in files]
    assert main(["feeds", "--db", str(root / "articles.db"), "--output", str(root / "out")]) == 0
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in files] == before


def test_an_exclusion_first_is_read_after_a_double_dash(root, capsys):
    """``-lũ`` alone would be an option to the command: ``--`` ends the options."""
    capsys.readouterr()
    paths = ["--db", str(root / "articles.db"), "--output", str(root / "out")]
    assert main(["topics", "add", *paths, "bao", "--", "-giá bão"]) == 0
    assert [t["query"] for t in listed(root, capsys)] == ["-giá bão"]


def test_a_topic_broken_by_hand_is_left_out_never_failing_the_build(root, caplog):
    """A row written into the table by other means than ``topics add``: the other feeds are built."""
    topics(root, "add", "cho", "chợ")
    with sqlite3.connect(root / "articles.db") as conn:
        conn.execute("insert into topics (slug, title, query) values ('hong', 'hỏng', '(lũ OR')")
    with caplog.at_level(logging.WARNING):
        report = build_feeds(root / "articles.db", root / "out2", site_url=SITE)
    names = {p.relative_to(root / "out2" / "feeds").as_posix() for p in report.files if "feeds" in p.parts}
    assert ("topic/cho.rss" in names, "topic/hong.rss" in names, "topic hong left out" in caplog.text) == (
        True,
        False,
        True,
    )


def test_a_database_without_topics_table_builds(tmp_path):
    """A database from before topics existed (no table): the feeds are built, no topic among them."""
    build_publishing(tmp_path, topics=())
    with sqlite3.connect(tmp_path / "articles.db") as conn:
        conn.execute("drop table topics")
    report = build_feeds(tmp_path / "articles.db", tmp_path / "again", site_url=SITE)
    assert report.files and not any("topic" in p.parts for p in report.files)


def test_a_name_too_long_for_a_file_is_refused(root, capsys):
    capsys.readouterr()
    assert topics(root, "add", "a" * 300, "chợ") == 2
    assert "80 letters at most" in capsys.readouterr().err


def test_a_slug_written_by_hand_is_never_a_path(root, caplog):
    with sqlite3.connect(root / "articles.db") as conn:
        conn.execute("insert into topics (slug, title, query) values ('../../thoat', 'x', 'chợ')")
    with caplog.at_level(logging.WARNING):
        report = build_feeds(root / "articles.db", root / "out", site_url=SITE)
    assert (
        not any("thoat" in p.name for p in report.files),
        "not a file name baotinh makes" in caplog.text,
    ) == (
        True,
        True,
    )


def test_the_build_removes_the_files_of_a_topic_deleted_by_hand(root):
    topics(root, "add", "cho", "chợ")
    topics(root, "add", "ret", "rét")
    with sqlite3.connect(root / "articles.db") as conn:
        conn.execute("delete from topics where slug = 'cho'")
    build_feeds(root / "articles.db", root / "out", site_url=SITE)
    assert sorted(p.name for p in (root / "out" / "feeds" / "topic").iterdir()) == ["ret.atom", "ret.rss"]


def test_a_broken_topic_keeps_its_last_files(root):
    """Saved but no longer readable: left out of the build, its last good files left as they were."""
    topics(root, "add", "cho", "chợ")
    before = (root / "out" / "feeds" / "topic" / "cho.rss").read_bytes()
    with sqlite3.connect(root / "articles.db") as conn:
        conn.execute("update topics set query = '(chợ' where slug = 'cho'")
    build_feeds(root / "articles.db", root / "out", site_url=SITE)
    assert (root / "out" / "feeds" / "topic" / "cho.rss").read_bytes() == before
