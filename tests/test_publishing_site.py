"""``feeds/feeds.opml`` and ``index.html`` as files: structure, links, escaping, no external assets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from lxml import etree

from tests.test_publishing_feeds import FEEDS, SITE, build_publishing


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    build_publishing(root)
    return root / "out"


@pytest.fixture(scope="module")
def opml(out):
    return etree.parse(str(out / "feeds" / "feeds.opml")).getroot()


@pytest.fixture(scope="module")
def page(out) -> str:
    return (out / "index.html").read_text(encoding="utf-8")


# --- OPML ------------------------------------------------------------------------------------


def test_opml_version(opml):
    assert (opml.tag, opml.get("version"), bool(opml.findtext("head/title"))) == ("opml", "2.0", True)


def test_opml_lists_every_feed_once(opml):
    urls = [o.get("xmlUrl") for o in opml.iter("outline") if o.get("type") == "rss"]
    assert sorted(urls) == sorted(f"{SITE}feeds/{name}.rss" for name in FEEDS)


def test_opml_feed_outlines_complete(opml):
    feeds = [o for o in opml.iter("outline") if o.get("xmlUrl")]
    assert all(
        o.get("text") and o.get("title") and o.get("htmlUrl") and o.get("type") == "rss" for o in feeds
    )


def test_opml_groups(opml):
    assert [o.get("text") for o in opml.find("body")] == [
        "Tất cả các báo",
        "Cần Thơ",
        "Đồng Nai",
        "Lạng Sơn",
        "Lào Cai",
        "Chuyên mục",
        "Chủ đề",
    ]


def test_opml_topic_folder_holds_every_topic_feed(opml):
    folder = next(o for o in opml.find("body") if o.get("text") == "Chủ đề")
    assert [o.get("xmlUrl") for o in folder] == [
        f"{SITE}feeds/{name}.rss" for name in FEEDS if name.startswith("topic/")
    ]


def test_opml_province_folder_holds_province_then_papers(opml):
    folder = next(o for o in opml.find("body") if o.get("text") == "Lạng Sơn")
    assert [o.get("xmlUrl") for o in folder] == [
        f"{SITE}feeds/province/lang-son.rss",
        f"{SITE}feeds/source/baolangson.rss",
    ]


# --- index.html ------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(HTMLParser):
    """Balanced tags, unique ids, and every tag and attribute the page uses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def checked(page) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    return checker


def test_doctype(checked):
    assert checked.doctype == "DOCTYPE html"


def test_tags_balanced(checked):
    assert (checked.problems, checked.stack) == ([], [])


def test_ids_unique(checked):
    assert len(checked.ids) == len(set(checked.ids))


def test_lang_charset_viewport(checked):
    tags = checked.tags
    assert (
        tags[0],
        ("meta", {"charset": "utf-8"}) in tags,
        ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags,
    ) == (("html", {"lang": "vi"}), True, True)


def test_no_external_assets(checked, page):
    external = [
        (tag, a)
        for tag, a in checked.tags
        if (tag in ("script", "img", "iframe", "audio", "video", "source") and a.get("src"))
        or (tag == "link" and a.get("rel") != "alternate" and not a.get("href", "").startswith("data:"))
    ]
    assert (external, re.findall(r"url\(|@import", page)) == ([], [])


def test_article_links(checked):
    links = [a["href"] for tag, a in checked.tags if tag == "a" and a.get("href", "").startswith("https://")]
    assert links[:3] == [
        "https://baodongnai.vn/dn-bad.html",
        "https://baolangson.vn/ls-ret.html",
        "https://baocantho.vn/ct-cho.html",
    ]


def test_every_article_of_every_paper(checked):
    items = [a for tag, a in checked.tags if tag == "li" and "data-source" in a]
    assert len(items) == sum(len(ids) for name, ids in FEEDS.items() if name.startswith("source/"))


def test_article_item_data(checked):
    first = next(a for tag, a in checked.tags if tag == "li" and a.get("data-source") == "baolaocai")
    assert first == {
        "class": "article",
        "data-province": "lao-cai",
        "data-source": "baolaocai",
        "data-category": "kinh-te",
    }


def test_time_in_vietnam(page):
    assert '<time datetime="2026-01-09T06:00:00+07:00">09/01/2026 06:00 (GMT+7)</time>' in page


def test_every_feed_linked(checked):
    hrefs = {a["href"] for tag, a in checked.tags if tag == "a"}
    expected = {f"feeds/{name}{suffix}" for name in FEEDS for suffix in (".rss", ".atom")} | {
        "feeds/feeds.opml"
    }
    assert expected - hrefs == set()


def test_hostile_title_escaped(page):
    assert ("<script>alert(1)" in page, "&lt;script&gt;alert(1)&lt;/script&gt; Tin &amp; tức" in page) == (
        False,
        True,
    )


def test_only_the_page_script(checked):
    assert [tag for tag, _ in checked.tags].count("script") == 1


def test_province_options(checked):
    options = []
    inside = False
    for tag, attributes in checked.tags:
        if tag == "select":
            inside = attributes.get("id") == "province"
        elif tag == "option" and inside:
            options.append(attributes["value"])
    assert options == ["", "can-tho", "dong-nai", "lang-son", "lao-cai"]
