"""Every provincial spider: a complete registry entry, well-formed start requests, a URL pattern
that knows the site's articles from its section pages.

The sample article URL of each site is real where SITES.md quotes one (baolangson, baoquangninh,
baocaobang, baothaibinh) and otherwise follows the URL shape SITES.md gives for its platform.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any
from urllib.parse import urlsplit

import pytest

from spiders.platforms.base import NewsSpider
from spiders.provinces import PROVINCES
from spiders.registry import provincial_spiders
from tests.spider_fixtures import make_spider

SPIDERS = {cls.name: cls for cls in provincial_spiders()}
# Structures seen on real saved pages (../shared/corpus); every other spider says what it inferred.
SEEN_ON_REAL_PAGES = {"baolaocai", "baocantho"}

SAMPLE_ARTICLES = {
    "baobacninhtv": ["https://baobacninhtv.vn/luc-ngan-vao-mua-vai-thieu-som-postid412345.bbg"],
    "baocamau": ["https://baocamau.vn/nam-can-mo-rong-vung-nuoi-tom-sinh-thai-a41234.html"],
    "baocantho": ["https://baocantho.com.vn/cho-noi-cai-rang-don-khach-dip-le-a190123.html"],
    "baocaobang": ["https://baocaobang.vn/Huong-vi-pho-chua-Cao-Bang-38371.html"],
    "hanoimoi": ["https://hanoimoi.vn/ha-noi-mo-rong-tuyen-pho-di-bo-712345.html"],
    "huengaynay": [
        "https://huengaynay.vn/kinh-te/huong-thuy-mo-rong-lang-nghe-156789.html",
        "https://baothuathienhue.vn/chinh-tri-xa-hoi/phu-loc-don-tau-du-lich-145678.html",
    ],
    "sggp": ["https://www.sggp.org.vn/thu-duc-khanh-thanh-cau-moi-post812345.html"],
    "baoangiang": ["https://baoangiang.com.vn/long-xuyen-mo-rong-cho-noi-a410987.html"],
    "baodaklak": ["https://baodaklak.vn/kinh-te/202510/buon-ma-thuot-vao-vu-ca-phe-3f9a1c2/"],
    "baodanang": ["https://baodanang.vn/hoi-an-don-khach-dip-cuoi-tuan-3291045.html"],
    "baodienbienphu": ["https://baodienbienphu.vn/tin-bai/kinh-te/muong-ang-mo-rong-vung-ca-phe"],
    "baodongkhoi": ["https://dongkhoi.baovinhlong.vn/ba-tri-thu-hoach-dua-som-a145678.html"],
    "baodongnai": ["https://baodongnai.com.vn/kinh-te/202510/nhon-trach-khoi-cong-cang-can-0a1b2c3/"],
    "baodongthap": ["https://baodongthap.vn/sa-dec-lang-hoa-vao-vu-tet-a156789.html"],
    "baogialai": ["https://baogialai.com.vn/ia-grai-mo-rong-vung-ca-phe-post312345.html"],
    "baohaiphong": ["https://baohaiphong.vn/do-son-don-mua-du-lich-he-412356.html"],
    "baohatinh": ["https://baohatinh.vn/cam-xuyen-ve-dich-nong-thon-moi-post290001.html"],
    "baohaugiang": ["https://baohaugiang.com.vn/thoi-su/vi-thanh-thong-xe-cau-moi-134567.html"],
    "baohungyen": [
        "https://baohungyen.vn/van-giang-mua-hoa-xuan-3181234.html",
        "https://www.baothaibinh.com.vn/tin-tuc/206/140540/tien-hai-vao-vu-lua-mua",
    ],
    "baokhanhhoa": ["https://baokhanhhoa.vn/chinh-tri/202510/nha-trang-hop-ban-ke-hoach-bien-9c8b7a6/"],
    "baolaichau": ["https://baolaichau.vn/kinh-te/tam-duong-mo-rong-vung-che-52345"],
    "baolamdong": ["https://baolamdong.vn/kinh-te/202409/duc-trong-vao-vu-rau-sach-4d5e6f7/"],
    "baolangson": ["https://baolangson.vn/hanh-trinh-hoi-nhap-bat-dau-tu-ren-luyen-5071654.html"],
    "baolaocai": ["https://baolaocai.vn/y-ty-mo-rong-vung-che-shan-tuyet-co-thu-post405112.html"],
    "baonghean": [
        "https://baonghean.vn/cua-lo-don-khach-mua-he-10298765.html",
        "https://baonghean.vn/le-hoi-lang-sen-event301234.html",
        "https://baonghean.vn/nam-dan-don-bang-nong-thon-moi-post258616.html",
    ],
    "baoninhbinh": ["https://baoninhbinh.org.vn/hoa-lu-don-khach-dip-le-202510011234567.html"],
    "baophutho": ["https://baophutho.vn/viet-tri-mo-rong-cong-vien-van-lang-241234.htm"],
    "baoquangngai": ["https://baoquangngai.vn/ly-son-vao-vu-toi-241236.htm"],
    "baoquangninh": ["https://baoquangninh.vn/khai-thac-than-thoi-ky-phap-thuoc-3349315.html"],
    "baoquangtri": ["https://baoquangtri.vn/chinh-tri/202510/dong-ha-hop-hoi-dong-nhan-dan-5b6c7d8/"],
    "baosonla": ["https://baosonla.vn/kinh-te/moc-chau-vao-vu-man-70123.html"],
    "baotayninh": ["https://baotayninh.vn/trang-bang-mo-rong-khu-cong-nghiep-91543.html"],
    "baothainguyen": ["https://baothainguyen.vn/kinh-te/202510/dai-tu-vao-vu-che-xuan-1f2e3d4/"],
    "baothanhhoa": ["https://baothanhhoa.vn/sam-son-don-mua-du-lich-241235.htm"],
    "baotuyenquang": ["https://baotuyenquang.com.vn/thoi-su/chinh-tri/202510/hoi-nghi-tinh-uy-mo-rong/"],
    "baovinhlong": ["https://baovinhlong.com.vn/kinh-te/202510/tra-on-vao-vu-cam-sanh-7e8f9a0/"],
}


def start_requests(spider: NewsSpider) -> list[Any]:
    async def collect() -> list[Any]:
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def host(url: str) -> str:
    return urlsplit(url).hostname or ""


def test_at_least_25_provincial_spiders() -> None:
    assert len(SPIDERS) >= 25


def test_every_spider_has_a_sample() -> None:
    assert sorted(SAMPLE_ARTICLES) == sorted(SPIDERS)


def test_spider_names_are_unique_module_names() -> None:
    assert all(cls.__module__ == f"spiders.{name}" for name, cls in SPIDERS.items())


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_registry_entry_is_complete(name: str) -> None:
    cls = SPIDERS[name]
    assert (
        bool(cls.source_name[:1].isupper() and "." not in cls.source_name),  # a paper's name, not a domain
        bool(cls.platform),
        bool(cls.allowed_domains),
        bool(cls.listing_urls or cls.feed_urls or cls.sitemap_urls),
        bool(inspect.getdoc(cls)),
    ) == (True, True, True, True, True)


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_province_is_a_current_province(name: str) -> None:
    assert SPIDERS[name].province in PROVINCES


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_former_provinces_merged_into_it(name: str) -> None:
    cls = SPIDERS[name]
    assert set(cls.former_provinces) <= set(PROVINCES[cls.province])


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_inferred_structure_is_said(name: str) -> None:
    """A spider not checked against a real page says so, in ``inferred`` and in its docstring."""
    cls = SPIDERS[name]
    doc = (inspect.getdoc(cls) or "").lower()
    if name in SEEN_ON_REAL_PAGES:
        assert (cls.inferred, "real page" in doc) == ("", True)
    else:
        assert (bool(cls.inferred), "inferred" in doc) == (True, True)


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_entry_urls_are_on_allowed_domains(name: str) -> None:
    cls = SPIDERS[name]
    spider = make_spider(cls)
    urls = [*cls.listing_urls, *cls.feed_urls, *cls.sitemap_urls]
    assert [u for u in urls if not u.startswith("https://") or not spider._on_site(u)] == []


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_start_requests_are_well_formed(name: str) -> None:
    cls = SPIDERS[name]
    spider = make_spider(cls)
    found = [(r.url, r.callback, r.errback, r.meta.get("listing_page")) for r in start_requests(spider)]
    expected = [
        *((url, spider.parse_feed, spider.failed, None) for url in cls.feed_urls),
        *((url, spider.parse_sitemap, spider.failed, None) for url in cls.sitemap_urls),
        *((url, spider.parse_listing, spider.failed, 1) for url in cls.listing_urls),
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("name", "url"), [(n, u) for n, urls in sorted(SAMPLE_ARTICLES.items()) for u in urls]
)
def test_article_pattern_accepts_a_sample(name: str, url: str) -> None:
    assert make_spider(SPIDERS[name]).is_article_url(url)


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_article_pattern_rejects_section_pages(name: str) -> None:
    cls = SPIDERS[name]
    spider = make_spider(cls)
    root = f"https://{host(cls.listing_urls[0])}/"
    pages = [root, *cls.listing_urls, f"{root}tags/nong-thon-moi/", f"{root}video/"]
    assert [u for u in pages if spider.is_article_url(u)] == []


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_article_pattern_rejects_other_sites(name: str) -> None:
    url = SAMPLE_ARTICLES[name][0]
    other = url.replace(host(url), "example.com")
    assert not make_spider(SPIDERS[name]).is_article_url(other)


@pytest.mark.parametrize("name", sorted(SPIDERS))
def test_robots_txt_obeyed(name: str) -> None:
    """Overriding robots.txt is a per-site decision (``custom_settings``); none is taken today."""
    assert (SPIDERS[name].custom_settings or {}).get("ROBOTSTXT_OBEY", True) is True
