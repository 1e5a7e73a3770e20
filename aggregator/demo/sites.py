"""The mirrored papers: host, platform, sections and URL shapes.

Three papers are described by hand (baolaocai F1, baocantho F4, baolangson F2: 30 articles each,
every special case); every other provincial spider gets an entry derived from its class (host,
paper, platform, sections from its listing URLs, feed URLs), so a new spider file is also a new
demo site. URL shapes follow the real sites where a page showed them (SITES.md, corpus); where no
page did, the shape is marked [inferred].
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from urllib.parse import urlsplit

from spiders.registry import provincial_spiders


@dataclass(frozen=True, slots=True)
class Section:
    """A category: its listing lives at ``path`` and its stories come from ``topics``."""

    path: str  # "thoi-su/" (F1, F4 sub-sections "thoi-su/can-tho/"), "chinh-tri" (F2)
    name: str
    topics: frozenset[str]


@dataclass(frozen=True, slots=True)
class SiteSpec:
    key: str
    host: str
    paper: str
    platform: str  # "F1", "F2", "F4" as in SITES.md
    sections: tuple[Section, ...]
    section_pattern: tuple[int, ...]  # section of article i = pattern[i % len(pattern)]
    id_base: int
    id_step: int
    province: str = ""
    articles: int = 30  # articles of a default build
    feed_urls: tuple[str, ...] | None = None  # None: the platform's own feeds
    parent: Section | None = None  # a listing that shows every section (baocantho's THỜI SỰ)
    flavour: str = ""  # the page family the renderer draws; default: the platform
    home_listing: bool = False  # the home page is the only listing (no pagination)
    event_pages: bool = True  # F5: event pages (``-event<id>.html``) are articles to the paper's spider

    @property
    def pages(self) -> str:
        """Which renderer draws the pages."""
        return self.flavour or self.platform

    @property
    def root(self) -> str:
        return f"https://{self.host}/"


def _topics(*keys: str) -> frozenset[str]:
    return frozenset(keys)


SITES: dict[str, SiteSpec] = {
    "baolaocai": SiteSpec(
        key="baolaocai",
        host="baolaocai.vn",
        paper="Báo Lào Cai điện tử",
        platform="F1",
        # The real menu calls the news section /chinh-tri/ ("Chính trị - thời sự").
        sections=(
            Section("chinh-tri/", "Chính trị", _topics(
                "hoi-nghi", "thien-tai", "an-toan-giao-thong", "y-te", "chuyen-doi-so", "nha-o",
                "giao-thong", "thanh-nien", "truong-hoc", "nuoc-sach")),
            Section("kinh-te/", "Kinh tế", _topics(
                "cua-khau", "mua-vu", "ocop", "trong-rung", "cay-an-qua", "viec-lam")),
            Section("van-hoa/", "Văn hóa", _topics("le-hoi", "du-lich", "the-thao")),
        ),
        section_pattern=(0, 0, 1, 0, 2, 0),
        id_base=300000,
        id_step=2,
        province="Lào Cai",
    ),
    "baocantho": SiteSpec(
        key="baocantho",
        host="baocantho.com.vn",
        paper="Báo Cần Thơ Online",
        platform="F4",
        # Both are sub-sections of THỜI SỰ, whose listing /thoi-su/ shows them all (as on the site).
        sections=(
            Section("thoi-su/can-tho/", "Cần Thơ", _topics(
                "hoi-nghi", "giao-thong", "truong-hoc", "y-te", "chuyen-doi-so", "cho-noi",
                "an-toan-giao-thong", "nha-o", "thanh-nien", "the-thao", "le-hoi")),
            Section("thoi-su/dbscl/", "ĐBSCL", _topics(
                "mua-vu", "thuy-san", "cay-an-qua", "ocop", "nuoc-sach", "thien-tai", "du-lich",
                "viec-lam")),
        ),
        section_pattern=(0, 0, 1),
        id_base=150000,
        id_step=2,
        province="Cần Thơ",
        parent=Section("thoi-su/", "THỜI SỰ", frozenset()),
    ),
    "baolangson": SiteSpec(
        key="baolangson",
        host="baolangson.vn",
        paper="Báo Lạng Sơn",
        platform="F2",
        sections=(
            Section("chinh-tri", "Chính trị", _topics(
                "hoi-nghi", "chuyen-doi-so", "an-toan-giao-thong", "thanh-nien", "thien-tai",
                "nha-o", "y-te")),
            Section("kinh-te", "Kinh tế", _topics(
                "cua-khau", "mua-vu", "ocop", "trong-rung", "cay-an-qua", "giao-thong",
                "nuoc-sach", "viec-lam")),
            Section("xa-hoi", "Xã hội", _topics("le-hoi", "du-lich", "truong-hoc", "the-thao")),
        ),
        section_pattern=(0, 0, 1, 0, 2, 0),
        id_base=5000000,
        id_step=3,
        province="Lạng Sơn",
    ),
}  # fmt: skip

# --- entries derived from the spiders -------------------------------------------------------------

DERIVED_ARTICLES = 12  # small, but past index 11 (the visible-date-only case)
_SECTION_NAMES = {
    "thoi-su": "Thời sự", "chinh-tri": "Chính trị", "kinh-te": "Kinh tế", "xa-hoi": "Xã hội",
    "van-hoa": "Văn hóa", "the-thao": "Thể thao", "phap-luat": "Pháp luật", "giao-duc": "Giáo dục",
}  # fmt: skip
# Topics per section, in listing order; each site's sections take disjoint groups.
_TOPIC_GROUPS = (
    _topics("hoi-nghi", "giao-thong", "y-te", "truong-hoc", "chuyen-doi-so", "an-toan-giao-thong",
            "nha-o", "thanh-nien", "thien-tai"),
    _topics("mua-vu", "ocop", "cay-an-qua", "viec-lam", "nuoc-sach", "trong-rung"),
    _topics("le-hoi", "du-lich", "the-thao"),
)  # fmt: skip
# Section of article i = pattern[i % len]: the first section gets 9 of 12 articles, so its listing
# has a second page at the default page size of 8.
_PATTERNS = {1: (0,), 2: (0, 0, 0, 1), 3: (0, 0, 0, 1, 0, 0, 0, 2)}
# Spiders whose pages are not their platform's usual ones (one-offs on their own CMS or, for
# baosonla, an F1 site with its own article page).
_FLAVOURS = {
    "baosonla": "sonla", "baoninhbinh": "ninhbinh", "baolaichau": "laichau",
    "baodienbienphu": "dienbienphu", "baohaugiang": "haugiang",
    "huengaynay": "haugiang",  # no markup of its own is known: a one-off page the spider cannot name
}  # fmt: skip
# (id_base, id_step) of the number in article URLs, by page family.
_IDS = {
    "F1": (400000, 2), "F2": (3000000, 3), "F3": (10000, 2), "F4": (160000, 2), "F5": (250000, 3),
    "F6": (240000, 3), "F7": (88000, 3), "bbg": (600000, 2), "ninhbinh": (202500000000000, 7), "laichau": (52000, 2),
    "dienbienphu": (9000, 1), "haugiang": (130000, 2), "sonla": (70000, 2),
}  # fmt: skip
_DEFAULT_SECTIONS = (("thoi-su", "Thời sự"), ("kinh-te", "Kinh tế"))


def section_slug(path: str) -> str:
    """``thoi-su/chinh-tri/`` → ``chinh-tri``; ``thoi-su-215.html`` → ``thoi-su``; ``kinh-te.htm``."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"(?:-\d+)?\.html?$", "", last)


def derive_spec(spider: type) -> SiteSpec:
    """The demo site of a provincial spider: its host, paper, sections, feeds."""
    entries = [*spider.listing_urls, *spider.feed_urls, *spider.sitemap_urls]
    host = urlsplit(entries[0]).hostname or ""
    root = f"https://{host}/"
    paths = [url[len(root) :] for url in spider.listing_urls if url.startswith(root)]
    home_listing = paths == [""]
    if home_listing or not paths:  # the home page lists every section, or only feeds are read
        named = [(f"{slug}/", name) for slug, name in _DEFAULT_SECTIONS]
    else:
        named = [(path, _SECTION_NAMES.get(section_slug(path).lower(), section_slug(path))) for path in paths]
    sections = tuple(
        Section(path, name, _TOPIC_GROUPS[at % len(_TOPIC_GROUPS)])
        for at, (path, name) in enumerate(named[:3])
    )
    flavour = _FLAVOURS.get(spider.name, "")
    id_base, id_step = _IDS[flavour or spider.platform]
    return SiteSpec(
        key=spider.name,
        host=host,
        paper=spider.source_name,
        platform=spider.platform,
        sections=sections,
        section_pattern=_PATTERNS[len(sections)],
        id_base=id_base,
        id_step=id_step,
        province=spider.province,
        articles=DERIVED_ARTICLES,
        feed_urls=tuple(spider.feed_urls),
        flavour=flavour,
        home_listing=home_listing,
        event_pages=bool(re.search(spider.article_url_pattern, f"https://{host}/tin-event12345.html")),
    )


SITES.update(
    {spider.name: derive_spec(spider) for spider in provincial_spiders() if spider.name not in SITES}
)


def url_to_path(url: str, folders: Container[str] = ()) -> str:
    """The mirror file of *url*: ``HOST/PATH``, ``…/`` → ``…/index.html``, ``?QUERY`` kept.

    Like the mirror server, a path naming a folder (one of *folders*) also means its index.html:
    baocantho's page 2 ``/thoi-su?p=2`` lives next to page 1 ``/thoi-su/``.
    """
    rest = url.split("://", 1)[1]
    location, _, query = rest.partition("?")
    if location.endswith("/"):
        location += "index.html"
    elif location in folders:
        location += "/index.html"
    return f"{location}?{query}" if query else location
