"""Every feed file checked against the RSS 2.0 and Atom 1.0 rules, slices, clusters and hostile rows.

No W3C validator installs here, so the rules a validator applies are written out below
(``rss_problems``/``atom_problems``) and run on every file, besides feedparser.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

import aggregator.store.schema
from aggregator.publish import build_feeds, display_name, entry_id
from aggregator.store import ArticleStore
from aggregator.store.topics import save_topic

SITE = "https://baotinh.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
MEDIA = "{http://search.yahoo.com/mrss/}"
SEEN = "2026-01-09T05:00:00+00:00"  # 12:00 in Vietnam: the undated hostile row is the newest
HOSTILE_TITLE = "<script>alert(1)</script> Tin & tức"

PAPERS = {
    "baolangson": ("Báo Lạng Sơn", "Lạng Sơn"),
    "baocantho": ("Báo Cần Thơ", "Cần Thơ"),
    "baolaocai": ("Báo Lào Cai", "Lào Cai"),
    "baodongnai": ("Báo Đồng Nai", "Đồng Nai"),
}


def row(article_id: str, source: str, title: str, published: str | None, category: str, **extra):
    name, province = PAPERS[source]
    record = {
        "id": article_id,
        "url": f"https://{source}.vn/{article_id}.html",
        "source": source,
        "source_name": name,
        "province": province,
        "title": title,
        "summary": f"Tóm tắt {title}",
        "body": f"Nội dung {title}",
        "body_html": f"<p>Nội dung {title}</p>",
        "content_hash": f"hash-{article_id}",
        "published": published,
        "category": category,
    }
    record.update(extra)
    return record


ROWS = [
    # One story, first in Cần Thơ, republished in Lạng Sơn and Lào Cai: a near-duplicate cluster.
    row(
        "ct-lua",
        "baocantho",
        "Giá lúa tăng mạnh đầu năm",
        "2026-01-08T07:00:00+07:00",
        "Kinh tế",
        image_url="https://baocantho.vn/anh/lua.jpg",
        author="Minh Khoa",
        tags=["lúa gạo", "Lúa gạo", "giá"],
    ),
    row(
        "ls-lua",
        "baolangson",
        "Giá lúa tăng đầu năm",
        "2026-01-08T09:00:00+07:00",
        "kinh tế",
        cluster_id="ct-lua",
    ),
    row(
        "lc-lua",
        "baolaocai",
        "Giá lúa tăng mạnh",
        "2026-01-08T10:00:00+07:00",
        "Kinh  tế ",
        cluster_id="ct-lua",
    ),
    row("ls-ret", "baolangson", "Rét đậm ở vùng núi", "2026-01-09T06:00:00+07:00", "Thời sự"),
    row("ls-cho", "baolangson", "Chợ phiên Kỳ Lừa đông vui", "2026-01-07T08:30:00+07:00", "Thời sự"),
    row("ct-cho", "baocantho", "Chợ nổi Cái Răng đón khách", "2026-01-09T05:15:00+07:00", "Thời Sự"),
    row("lc-man", "baolaocai", "Mùa hoa mận trắng", "2026-01-06T14:00:00+07:00", "Du lịch", author="Hà An"),
    row(
        "dn-bad",
        "baodongnai",
        HOSTILE_TITLE + "\x01",
        None,
        "Xã hội",
        summary="<b>đậm</b> & <script>x()</script>\x0b",
        body_html='<p onclick="x()">Đoạn<script>alert(2)</script><iframe src="https://evil.example/">'
        '</iframe><style>p{}</style><a href="/tin/1.html">liên kết</a><img src="anh.jpg" '
        'onerror="alert(3)"></p>',
        image_url="javascript:alert(1)",
    ),
]

FEEDS = {
    "all": ["dn-bad", "ls-ret", "ct-cho", "ct-lua", "ls-cho", "lc-man"],
    "source/baolangson": ["ls-ret", "ls-lua", "ls-cho"],
    "source/baocantho": ["ct-cho", "ct-lua"],
    "source/baolaocai": ["lc-lua", "lc-man"],
    "source/baodongnai": ["dn-bad"],
    "province/can-tho": ["ct-cho", "ct-lua"],
    "province/dong-nai": ["dn-bad"],
    "province/lang-son": ["ls-ret", "ls-lua", "ls-cho"],
    "province/lao-cai": ["lc-lua", "lc-man"],
    "category/du-lich": ["lc-man"],
    "category/kinh-te": ["ct-lua"],
    "category/thoi-su": ["ls-ret", "ct-cho", "ls-cho"],
    "category/xa-hoi": ["dn-bad"],
    # Topics (saved searches): the three papers' rice story once, the earliest; a topic narrowed
    # to one province, with an OR.
    "topic/gia-lua": ["ct-lua"],
    "topic/lang-son-cho-ret": ["ls-ret", "ls-cho"],
}
# name, query, province of the saved topics
TOPICS = [("Giá lúa", "giá lúa", ""), ("lang-son-cho-ret", "chợ OR rét", "Lạng Sơn")]
FILES = [f"{name}{suffix}" for name in FEEDS for suffix in (".rss", ".atom")]


def fill(db: Path, rows, monkeypatch, topics=()) -> None:
    """Store *rows*; a row's ``cluster_id`` is then set as given (as if the clustering found it)."""
    monkeypatch.setattr(aggregator.store.schema, "utc_now", lambda: SEEN)
    with ArticleStore(db) as store:
        for name, query, province in topics:
            save_topic(store.db.conn, name, query, province=province)
        store.save_articles([{k: v for k, v in r.items() if k != "cluster_id"} for r in rows])
        with store.db.conn:
            store.db.conn.executemany(
                "update articles set cluster_id = ? where id = ?",
                [(r["cluster_id"], r["id"]) for r in rows if r.get("cluster_id")],
            )


def build_publishing(root: Path, rows=ROWS, site_url: str = SITE, topics=TOPICS):
    """The database of *rows* and *topics* in *root* and its full build in ``root/out``; returns the report."""
    with pytest.MonkeyPatch.context() as mp:
        fill(root / "articles.db", rows, mp, topics=topics)
    return build_feeds(root / "articles.db", root / "out", site_url=site_url)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("publishing")
    build_publishing(root)
    return root / "out"


@pytest.fixture(scope="module")
def data(out) -> dict[str, bytes]:
    return {name: (out / "feeds" / name).read_bytes() for name in FILES}


@pytest.fixture(scope="module")
def trees(data):
    return {name: etree.fromstring(raw) for name, raw in data.items()}


@pytest.fixture(scope="module")
def parsed(data):
    return {name: feedparser.parse(raw) for name, raw in data.items()}


# --- the rules, written out --------------------------------------------------------------------

RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} \+0700$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$")
FORBIDDEN_HTML = ("script", "style", "iframe", "object", "embed", "form")


def html_problems(markup: str | None, where: str) -> list[str]:
    """What a reader rendering *markup* as HTML would run or fetch that it must not."""
    if not markup:
        return []
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    problems = [f"{where}: <{el.tag}>" for el in root.iter(*FORBIDDEN_HTML)]
    for el in root.iter():
        for name, value in el.attrib.items():
            if name.startswith("on"):
                problems.append(f"{where}: {name}=")
            if name in ("href", "src") and not value.startswith(("https://", "http://", "mailto:")):
                problems.append(f"{where}: relative or unsafe {name}={value!r}")
    return problems


def rss_problems(root: etree._Element, self_url: str) -> list[str]:
    problems = []
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("root is not <rss version=2.0>")
    channels = root.findall("channel")
    if len(channels) != 1:
        return [*problems, "not exactly one <channel>"]
    channel = channels[0]
    for child in ("title", "link", "description"):
        if not (channel.findtext(child) or "").strip():
            problems.append(f"channel without {child}")
    if not channel.findtext("link", "").startswith("https://"):
        problems.append("channel link not absolute")
    selfs = [x for x in channel.findall(f"{ATOM}link") if x.get("rel") == "self"]
    if [(x.get("href"), x.get("type")) for x in selfs] != [(self_url, "application/rss+xml")]:
        problems.append("no single atom:link rel=self to the feed")
    if not RFC822.match(channel.findtext("lastBuildDate", "")):
        problems.append("lastBuildDate not RFC 822 +0700")
    guids, dates = [], []
    for item in channel.findall("item"):
        guid = item.find("guid")
        guids.append(guid.text if guid is not None else None)
        if guid is None or guid.get("isPermaLink") != "false":
            problems.append("item guid missing or a permalink")
        if not (item.findtext("title") or item.findtext("description")):
            problems.append("item without title and description")
        if not item.findtext("link", "").startswith("https://"):
            problems.append("item link not absolute")
        date = item.findtext("pubDate", "")
        if not RFC822.match(date):
            problems.append(f"pubDate {date!r} not RFC 822 +0700")
        else:
            dates.append(parsedate_to_datetime(date))
        enclosures = item.findall("enclosure")
        if len(enclosures) > 1:
            problems.append("more than one enclosure")
        for enc in enclosures:
            if not (
                enc.get("url", "").startswith("https://")
                and enc.get("length", "").isdigit()
                and enc.get("type")
            ):
                problems.append("enclosure without url, length or type")
        if any(not (c.text or "").strip() for c in item.findall("category")):
            problems.append("empty category")
        problems += html_problems(item.findtext("description"), "description")
        problems += html_problems(item.findtext(CONTENT), "content:encoded")
    if len(set(guids)) != len(guids):
        problems.append("duplicate guids")
    if dates != sorted(dates, reverse=True):
        problems.append("items not newest first")
    return problems


def atom_problems(root: etree._Element, self_url: str) -> list[str]:
    problems = []
    if root.tag != f"{ATOM}feed":
        return ["root is not an Atom <feed>"]
    for child in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{child}") or "").strip():
            problems.append(f"feed without {child}")
    if not RFC3339.match(root.findtext(f"{ATOM}updated", "")):
        problems.append("feed updated not RFC 3339 +07:00")
    links = root.findall(f"{ATOM}link")
    if [(x.get("href"), x.get("type")) for x in links if x.get("rel") == "self"] != [
        (self_url, "application/atom+xml")
    ]:
        problems.append("no single link rel=self to the feed")
    entries = root.findall(f"{ATOM}entry")
    feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    ids, dates = [], []
    for entry in entries:
        ids.append(entry.findtext(f"{ATOM}id"))
        for child in ("id", "title", "updated"):
            if not (entry.findtext(f"{ATOM}{child}") or "").strip():
                problems.append(f"entry without {child}")
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append("no author on the feed nor on the entry")
        for child in ("updated", "published"):
            if not RFC3339.match(entry.findtext(f"{ATOM}{child}", "")):
                problems.append(f"entry {child} not RFC 3339 +07:00")
        dates.append(datetime.fromisoformat(entry.findtext(f"{ATOM}published", "1970-01-01T00:00:00+00:00")))
        alternates = [x for x in entry.findall(f"{ATOM}link") if x.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1:
            problems.append(f"{len(alternates)} alternate links in an entry")
        for content in entry.findall(f"{ATOM}content"):
            if content.get("type") not in ("text", "html", "xhtml"):
                problems.append(f"content type {content.get('type')!r}")
            if content.get("type") == "html":
                problems += html_problems(content.text, "content")
        if any(not c.get("term") for c in entry.findall(f"{ATOM}category")):
            problems.append("category without term")
    if len(set(ids)) != len(ids):
        problems.append("duplicate entry ids")
    if dates != sorted(dates, reverse=True):
        problems.append("entries not newest first")
    return problems


@pytest.mark.parametrize("name", FILES)
def test_feed_follows_its_format(trees, name):
    check = rss_problems if name.endswith(".rss") else atom_problems
    assert check(trees[name], f"{SITE}feeds/{name}") == []


@pytest.mark.parametrize("name", FILES)
def test_feedparser_reads_without_bozo(parsed, name):
    assert (parsed[name].bozo, parsed[name].version) == (
        False,
        "rss20" if name.endswith(".rss") else "atom10",
    )


@pytest.mark.parametrize("name", FILES)
def test_entries_of_each_slice(parsed, name):
    assert [e.id for e in parsed[name].entries] == [entry_id(i) for i in FEEDS[name.rsplit(".", 1)[0]]]


def test_exactly_the_expected_files(out):
    assert sorted(str(p.relative_to(out / "feeds")) for p in (out / "feeds").rglob("*.*")) == sorted(
        [*FILES, "feeds.opml"]
    )


# --- names -------------------------------------------------------------------------------------


def test_category_title_uses_the_most_common_spelling(trees):
    assert trees["category/thoi-su.rss"].findtext("channel/title") == "Chuyên mục Thời sự"


def test_category_spelled_three_ways_is_one_feed(trees):
    assert trees["category/kinh-te.atom"].findtext(f"{ATOM}title") == "Chuyên mục Kinh tế"


def test_province_description_in_vietnamese(trees):
    assert trees["province/can-tho.rss"].findtext("channel/description") == (
        "Tin mới nhất về Cần Thơ từ các báo địa phương"
    )


def test_source_feed_author_is_the_paper(trees):
    assert trees["source/baolaocai.atom"].findtext(f"{ATOM}author/{ATOM}name") == "Báo Lào Cai"


def test_channel_link_is_the_filtered_page(trees):
    assert trees["province/lang-son.rss"].findtext("channel/link") == f"{SITE}#province=lang-son"


@pytest.mark.parametrize(
    ("variants", "name"),
    [
        ({"Thời sự": 2, "Thời Sự": 1}, "Thời sự"),
        ({"THỜI SỰ": 1, "Thời sự": 1}, "Thời sự"),
        ({"Thoi su": 1, "Thời sự": 1}, "Thời sự"),
        ({"Kinh  tế ": 3, "Kinh tế": 1}, "Kinh tế"),
    ],
)
def test_display_name(variants, name):
    assert display_name(variants) == name


# --- entries -----------------------------------------------------------------------------------


def test_rss_pubdate(trees):
    item = trees["source/baocantho.rss"].find("channel/item[guid='tag:baotinh,2026:article:ct-lua']")
    assert item.findtext("pubDate") == "Thu, 08 Jan 2026 07:00:00 +0700"


def test_atom_published(trees):
    entry = trees["source/baocantho.atom"].findall(f"{ATOM}entry")[1]
    assert entry.findtext(f"{ATOM}published") == "2026-01-08T07:00:00+07:00"


def test_categories_category_then_tags(parsed):
    assert [t.term for t in parsed["source/baocantho.atom"].entries[1].tags] == ["Kinh tế", "lúa gạo", "giá"]


def test_rss_category_is_the_normalized_name(trees):
    item = trees["source/baolaocai.rss"].find("channel/item[guid='tag:baotinh,2026:article:lc-lua']")
    assert [c.text for c in item.findall("category")] == ["Kinh tế"]


def test_author_in_rss_as_dc_creator(parsed):
    assert parsed["source/baolaocai.rss"].entries[1].author == "Hà An"


def test_author_in_atom(parsed):
    assert parsed["source/baocantho.atom"].entries[1].author == "Minh Khoa"


def test_image_as_rss_enclosure(trees):
    item = trees["source/baocantho.rss"].find("channel/item[guid='tag:baotinh,2026:article:ct-lua']")
    assert [dict(e.attrib) for e in item.findall("enclosure")] == [
        {"url": "https://baocantho.vn/anh/lua.jpg", "length": "0", "type": "image/jpeg"}
    ]


@pytest.mark.parametrize("name", ["source/baocantho.rss", "source/baocantho.atom"])
def test_image_as_media_content(parsed, name):
    assert parsed[name].entries[1].media_content == [
        {"url": "https://baocantho.vn/anh/lua.jpg", "type": "image/jpeg", "medium": "image"}
    ]


@pytest.mark.parametrize("name", ["source/baocantho.rss", "source/baocantho.atom"])
def test_image_as_media_thumbnail(parsed, name):
    assert [t["url"] for t in parsed[name].entries[1].media_thumbnail] == ["https://baocantho.vn/anh/lua.jpg"]


def test_atom_entry_image_is_not_a_link(trees):
    entry = trees["source/baocantho.atom"].findall(f"{ATOM}entry")[1]
    assert [x.get("href") for x in entry.findall(f"{ATOM}link")] == ["https://baocantho.vn/ct-lua.html"]


def test_rss_description_is_escaped_summary(trees):
    item = trees["source/baolangson.rss"].find("channel/item")
    assert item.findtext("description") == "Tóm tắt Rét đậm ở vùng núi"


def test_atom_summary_is_text(trees):
    entry = trees["source/baolangson.atom"].find(f"{ATOM}entry")
    assert (entry.find(f"{ATOM}summary").get("type"), entry.findtext(f"{ATOM}summary")) == (
        None,
        "Tóm tắt Rét đậm ở vùng núi",
    )


# --- near-duplicate clusters -------------------------------------------------------------------


def test_all_feed_names_the_other_papers(parsed):
    content = parsed["all.atom"].entries[3].content[0].value
    assert content.endswith(
        '<p>Cũng đăng trên: <a href="https://baolangson.vn/ls-lua.html">Báo Lạng Sơn</a>, '
        '<a href="https://baolaocai.vn/lc-lua.html">Báo Lào Cai</a></p>'
    )


def test_province_feed_keeps_its_own_copy_naming_the_others(parsed):
    entry = parsed["province/lang-son.rss"].entries[1]
    assert (
        entry.id,
        entry.content[0].value.count("Cũng đăng trên"),
        "Báo Cần Thơ" in entry.content[0].value,
    ) == (
        entry_id("ls-lua"),
        1,
        True,
    )


def test_source_feed_has_no_also_published(parsed):
    assert "Cũng đăng trên" not in parsed["source/baolangson.atom"].entries[1].content[0].value


def test_singleton_has_no_also_published(parsed):
    assert "Cũng đăng trên" not in parsed["all.atom"].entries[1].content[0].value


# --- hostile row -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["all.rss", "all.atom"])
def test_hostile_title_is_text(parsed, name):
    assert parsed[name].entries[0].title == HOSTILE_TITLE


def test_hostile_summary_shows_as_text_in_rss(parsed):
    """The RSS description is HTML: the summary's markup must reach the reader escaped, as text."""
    assert lxml.html.fragment_fromstring(
        parsed["all.rss"].entries[0].summary, create_parent="div"
    ).text_content() == ("<b>đậm</b> & <script>x()</script>")


def test_hostile_content_sanitized(parsed):
    assert parsed["all.atom"].entries[0].content[0].value == (
        '<p>Đoạn<a href="https://baodongnai.vn/tin/1.html" rel="noopener noreferrer nofollow">liên kết</a>'
        '<img src="https://baodongnai.vn/anh.jpg" /></p>'
    )


def test_javascript_image_dropped(trees):
    item = trees["all.rss"].find("channel/item")
    assert (item.find("enclosure"), item.find(f"{MEDIA}content")) == (None, None)


@pytest.mark.parametrize("name", FILES)
def test_no_forbidden_characters(data, name):
    assert re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data[name]) is None
