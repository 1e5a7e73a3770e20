"""RSS 2.0 and Atom feeds built from a real database, read back with feedparser and lxml."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from lxml import etree

import aggregator.store.schema
from aggregator.publish import MAX_CONTENT_CHARS, build_feeds, entry_id, slugify
from aggregator.store import ArticleStore

SITE = "https://baotinh.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
SEEN = "2026-01-09T05:00:00+00:00"  # 12:00 in Vietnam: the undated article is the newest
BIG = "Tin dài " * 1_200_000  # 10.8 MB of UTF-8


def article(article_id: str, source: str, source_name: str, province: str, title: str, published, **extra):
    row = {
        "id": article_id,
        "url": f"https://{source}.vn/{article_id}.html",
        "source": source,
        "source_name": source_name,
        "province": province,
        "title": title,
        "summary": f"Tóm tắt {article_id}",
        "body": f"Nội dung {article_id}",
        "body_html": f"<p>Nội dung {article_id}</p>",
        "content_hash": f"hash-{article_id}",
        "published": published,
    }
    row.update(extra)
    return row


def lang_son(article_id, title, published, **extra):
    return article(article_id, "baolangson", "Báo Lạng Sơn", "Lạng Sơn", title, published, **extra)


def can_tho(article_id, title, published, **extra):
    return article(article_id, "baocantho", "Báo Cần Thơ", "Cần Thơ", title, published, **extra)


ROWS = [
    lang_son(
        "ls1",
        "Hội chợ nông sản mùa xuân khai mạc",
        "2026-01-08T08:30:00+07:00",
        author="Hoàng Minh",
        category="Kinh tế",
        image_url="https://baolangson.vn/uploads/hoi-cho.jpg",
    ),
    lang_son("ls2", "Rét đậm ở các huyện vùng núi", "2026-01-09T06:00:00+07:00"),
    can_tho("ct1", "Thanh niên dọn rác bờ kè sông", "2026-01-08T18:21:00+07:00"),
    can_tho("ct2", "Chợ nổi đón khách đầu năm", "2026-01-07T09:15:00+07:00"),
    article(
        "dn1",
        "baodongnai",
        "Báo Đồng Nai",
        "Đồng Nai",
        "<script>alert('x')</script> Tin\x01 Đồng\x0b Nai",
        None,
        summary="<script>alert('y')</script>Tóm\x01 tắt",
        body=BIG,
        body_html=f"<p>{BIG}</p>",
    ),
]

ALL_IDS = ["dn1", "ls2", "ct1", "ls1", "ct2"]
FEEDS = {
    "all": ALL_IDS,
    "source/baolangson": ["ls2", "ls1"],
    "source/baocantho": ["ct1", "ct2"],
    "source/baodongnai": ["dn1"],
    "province/lang-son": ["ls2", "ls1"],
    "province/can-tho": ["ct1", "ct2"],
    "province/dong-nai": ["dn1"],
    "category/kinh-te": ["ls1"],
}
FILES = [f"{name}{suffix}" for name in FEEDS for suffix in (".rss", ".atom")]


def fill(db: Path, rows, monkeypatch) -> None:
    monkeypatch.setattr(aggregator.store.schema, "utc_now", lambda: SEEN)
    with ArticleStore(db) as store:
        store.save_articles(rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The feeds of ROWS, built once: (feeds folder, report, raw bytes by file)."""
    root = tmp_path_factory.mktemp("feeds")
    with pytest.MonkeyPatch.context() as mp:
        fill(root / "articles.db", ROWS, mp)
    report = build_feeds(root / "articles.db", root / "out", site_url=SITE)
    feeds = root / "out" / "feeds"
    return feeds, report, {name: (feeds / name).read_bytes() for name in FILES}


@pytest.fixture(scope="module")
def parsed(built):
    return {name: feedparser.parse(data) for name, data in built[2].items()}


@pytest.fixture(scope="module")
def trees(built):
    parser = etree.XMLParser(huge_tree=True)
    return {name: etree.fromstring(data, parser) for name, data in built[2].items()}


def ids_of(result) -> list[str]:
    return [e.id for e in result.entries]


# --- files -----------------------------------------------------------------------------------


def test_written_files(built):
    feeds, report, _ = built
    assert sorted(str(p.relative_to(feeds.parent)) for p in report.written) == sorted(
        [*(f"feeds/{name}" for name in FILES), "feeds/feeds.opml", "index.html"]
    )


def test_nothing_reported_unchanged_on_first_build(built):
    assert built[1].unchanged == []


@pytest.mark.parametrize("name", FILES)
def test_feed_not_bozo(parsed, name):
    assert parsed[name].bozo is False


@pytest.mark.parametrize("name", FILES)
def test_entry_ids_newest_first(parsed, name):
    feed = name.rsplit(".", 1)[0]
    assert ids_of(parsed[name]) == [entry_id(i) for i in FEEDS[feed]]


@pytest.mark.parametrize("name", ["all.rss", "all.atom"])
def test_titles(parsed, name):
    assert [e.title for e in parsed[name].entries] == [
        "<script>alert('x')</script> Tin Đồng Nai",
        "Rét đậm ở các huyện vùng núi",
        "Thanh niên dọn rác bờ kè sông",
        "Hội chợ nông sản mùa xuân khai mạc",
        "Chợ nổi đón khách đầu năm",
    ]


def test_entry_id_format():
    assert entry_id("ls1") == "tag:baotinh,2026:article:ls1"


def xml_ids(data: bytes) -> list[str]:
    root = etree.fromstring(data, etree.XMLParser(huge_tree=True))
    return [x.text for x in root.iter("guid", f"{ATOM}id") if x.getparent().tag in ("item", f"{ATOM}entry")]


# --- times -----------------------------------------------------------------------------------


@pytest.mark.parametrize("feed", FEEDS)
def test_rss_pubdates_carry_vietnam_offset(trees, feed):
    dates = [d.text for d in trees[f"{feed}.rss"].iter("pubDate")]
    assert [d[-5:] for d in dates] == ["+0700"] * len(FEEDS[feed])


@pytest.mark.parametrize("feed", FEEDS)
def test_atom_published_carry_vietnam_offset(trees, feed):
    dates = [d.text for d in trees[f"{feed}.atom"].iter(f"{ATOM}published")]
    assert [d[-6:] for d in dates] == ["+07:00"] * len(FEEDS[feed])


def test_rss_pubdate_value(trees):
    dates = [d.text for d in trees["source/baolangson.rss"].iter("pubDate")]
    assert dates == ["Fri, 09 Jan 2026 06:00:00 +0700", "Thu, 08 Jan 2026 08:30:00 +0700"]


def test_atom_published_value(trees):
    dates = [d.text for d in trees["source/baolangson.atom"].iter(f"{ATOM}published")]
    assert dates == ["2026-01-09T06:00:00+07:00", "2026-01-08T08:30:00+07:00"]


def test_undated_article_published_at_first_seen(trees):
    assert (
        trees["source/baodongnai.atom"].findtext(f"{ATOM}entry/{ATOM}published")
        == "2026-01-09T12:00:00+07:00"
    )


# --- RSS 2.0 required elements ---------------------------------------------------------------


def test_rss_root(trees):
    assert (trees["all.rss"].tag, trees["all.rss"].get("version")) == ("rss", "2.0")


def test_rss_channel_title(trees):
    assert trees["province/lang-son.rss"].findtext("channel/title") == "Tin Lạng Sơn"


def test_rss_channel_link_is_the_site(trees):
    assert trees["all.rss"].findtext("channel/link") == SITE


def test_rss_channel_description(trees):
    assert trees["source/baocantho.rss"].findtext("channel/description") == "Tin mới nhất của Báo Cần Thơ"


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".rss")])
def test_rss_items_have_title(trees, name):
    items = trees[name].findall("channel/item")
    assert [bool(i.findtext("title")) for i in items] == [True] * len(items)


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".rss")])
def test_rss_guids_unique(trees, name):
    guids = [g.text for g in trees[name].iter("guid")]
    assert len(set(guids)) == len(guids) == len(FEEDS[name[:-4]])


def test_rss_guid_not_permalink(trees):
    assert {g.get("isPermaLink") for g in trees["all.rss"].iter("guid")} == {"false"}


def test_rss_enclosure_for_image(trees):
    enclosure = trees["source/baolangson.rss"].find(
        "channel/item[guid='tag:baotinh,2026:article:ls1']/enclosure"
    )
    assert dict(enclosure.attrib) == {
        "url": "https://baolangson.vn/uploads/hoi-cho.jpg",
        "length": "0",
        "type": "image/jpeg",
    }


def test_rss_author(parsed):
    assert parsed["source/baolangson.rss"].entries[1].author == "Hoàng Minh"


# --- Atom required elements ------------------------------------------------------------------


def test_atom_feed_id(trees):
    assert trees["province/dong-nai.atom"].findtext(f"{ATOM}id") == "tag:baotinh,2026:feed:province/dong-nai"


def test_atom_feed_title(trees):
    assert trees["source/baodongnai.atom"].findtext(f"{ATOM}title") == "Báo Đồng Nai"


def test_atom_feed_updated_is_newest_entry(trees):
    assert trees["source/baolangson.atom"].findtext(f"{ATOM}updated") == "2026-01-09T12:00:00+07:00"


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".atom")])
@pytest.mark.parametrize("child", ["id", "title", "updated"])
def test_atom_entries_have_required(trees, name, child):
    entries = trees[name].findall(f"{ATOM}entry")
    assert [bool(e.findtext(f"{ATOM}{child}")) for e in entries] == [True] * len(FEEDS[name[:-5]])


def test_atom_self_link(trees):
    links = trees["all.atom"].findall(f"{ATOM}link")
    assert [(x.get("rel"), x.get("href")) for x in links] == [
        ("self", "https://baotinh.example/feeds/all.atom"),
        ("alternate", SITE),
    ]


def test_atom_entry_has_one_alternate_link(trees):
    entry = trees["source/baolangson.atom"].findall(f"{ATOM}entry")[1]
    assert [x.get("href") for x in entry.findall(f"{ATOM}link")] == ["https://baolangson.vn/ls1.html"]


def test_atom_content_type_is_html(trees):
    assert {c.get("type") for c in trees["all.atom"].iter(f"{ATOM}content")} == {"html"}


def test_atom_content_value(parsed):
    assert parsed["source/baocantho.atom"].entries[0].content[0].value == "<p>Nội dung ct1</p>"


# --- hostile row -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_no_script_element(trees, name):
    assert list(trees[name].iter("script", "{*}script")) == []


@pytest.mark.parametrize("name", FILES)
def test_no_control_characters(built, name):
    data = built[2][name]
    assert (b"\x01" in data, b"\x0b" in data) == (False, False)


def test_huge_body_cut_with_a_link_to_the_paper(parsed):
    content = parsed["source/baodongnai.atom"].entries[0].content[0].value
    assert (
        len(content) < MAX_CONTENT_CHARS + 200,
        content.endswith("Đọc tiếp trên Báo Đồng Nai</a></p>"),
    ) == (
        True,
        True,
    )


@pytest.mark.parametrize("name", FILES)
def test_parses_without_huge_tree(built, name):
    """libxml2's default limits (feed readers use them) accept every file: no 10 MB text node."""
    assert etree.fromstring(built[2][name]).tag in ("rss", f"{ATOM}feed")


def test_summary_control_characters_removed(trees):
    assert trees["source/baodongnai.atom"].findtext(f"{ATOM}entry/{ATOM}summary") == (
        "<script>alert('y')</script>Tóm tắt"
    )


# --- rewrite only what changed ---------------------------------------------------------------


@pytest.fixture
def small(tmp_path, monkeypatch):
    """A small database and its first build: (db, output, {file: (bytes, mtime_ns)})."""
    rows = [r for r in ROWS if r["id"] != "dn1"]
    fill(tmp_path / "articles.db", rows, monkeypatch)
    build_feeds(tmp_path / "articles.db", tmp_path / "out", site_url=SITE)
    return tmp_path / "articles.db", tmp_path / "out", snapshot(tmp_path / "out" / "feeds")


def snapshot(feeds: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(feeds)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(feeds.rglob("*.*"))
    }


def test_ids_stable_across_builds(small, tmp_path):
    db, _, first = small
    build_feeds(db, tmp_path / "again", site_url=SITE)
    second = snapshot(tmp_path / "again" / "feeds")
    assert {n: xml_ids(second[n][0]) for n in second} == {n: xml_ids(first[n][0]) for n in first}


def test_ids_of_a_feed(small):
    assert xml_ids(small[2]["source/baocantho.rss"][0]) == [entry_id("ct1"), entry_id("ct2")]


def test_second_build_writes_nothing(small):
    db, out, _ = small
    assert build_feeds(db, out, site_url=SITE).written == []


def test_second_build_keeps_bytes_and_mtime(small):
    db, out, before = small
    build_feeds(db, out, site_url=SITE)
    assert snapshot(out / "feeds") == before


def test_second_build_leaves_no_temp_files(small):
    db, out, _ = small
    build_feeds(db, out, site_url=SITE)
    assert sorted(p.name for p in (out / "feeds").rglob("*") if p.name.startswith(".")) == []


@pytest.fixture
def after_edit(small, monkeypatch):
    db, out, before = small
    monkeypatch.setattr(aggregator.store.schema, "utc_now", lambda: "2026-01-09T06:00:00+00:00")
    with ArticleStore(db) as store:
        store.save_articles([can_tho("ct2", "Chợ nổi đón khách đầu năm mới", "2026-01-07T09:15:00+07:00")])
    report = build_feeds(db, out, site_url=SITE)
    return out / "feeds", report, before


def test_edit_rewrites_only_feeds_with_the_article(after_edit):
    feeds, report, _ = after_edit
    assert sorted(str(p.relative_to(feeds.parent)) for p in report.written) == [
        "feeds/all.atom",
        "feeds/all.rss",
        "feeds/province/can-tho.atom",
        "feeds/province/can-tho.rss",
        "feeds/source/baocantho.atom",
        "feeds/source/baocantho.rss",
        "index.html",
    ]


@pytest.mark.parametrize(
    "name",
    ["source/baolangson.rss", "source/baolangson.atom", "province/lang-son.rss", "province/lang-son.atom"],
)
def test_edit_keeps_other_feeds_mtime(after_edit, name):
    feeds, _, before = after_edit
    assert (feeds / name).stat().st_mtime_ns == before[name][1]


def test_edit_shows_new_title(after_edit):
    feeds, _, _ = after_edit
    assert (
        feedparser.parse(feeds / "source" / "baocantho.rss").entries[1].title
        == "Chợ nổi đón khách đầu năm mới"
    )


def test_edit_keeps_entry_id(after_edit):
    feeds, _, _ = after_edit
    assert feedparser.parse(feeds / "source" / "baocantho.atom").entries[1].id == entry_id("ct2")


# --- robustness and names --------------------------------------------------------------------


def test_empty_title_does_not_sink_the_feed(tmp_path, monkeypatch):
    fill(tmp_path / "articles.db", [can_tho("ct9", "", "2026-01-08T10:00:00+07:00")], monkeypatch)
    build_feeds(tmp_path / "articles.db", tmp_path / "out", site_url=SITE)
    assert (
        feedparser.parse(tmp_path / "out" / "feeds" / "all.atom").entries[0].title
        == "https://baocantho.vn/ct9.html"
    )


def test_empty_database_gives_valid_empty_feed(tmp_path):
    build_feeds(tmp_path / "articles.db", tmp_path / "out", site_url=SITE)
    result = feedparser.parse(tmp_path / "out" / "feeds" / "all.rss")
    assert (result.bozo, len(result.entries)) == (False, 0)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lạng Sơn", "lang-son"),
        ("Đồng Nai", "dong-nai"),
        ("Cần Thơ", "can-tho"),
        ("TP. Hồ Chí Minh", "tp-ho-chi-minh"),
        ("Bà Rịa – Vũng Tàu", "ba-ria-vung-tau"),
        ("", "khac"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
