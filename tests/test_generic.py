"""The generic spider (``scrapy crawl news -a url=…``) and ``aggregator.generic``.

Discovery and extraction run on pages written for a made-up paper, Báo Mẫu (``baomau.vn``), in
``tests/fixtures/generic/``; the real vtcnews and znews pages of ``../shared/corpus`` are read as if
no spider knew those sites, against the ground truth of MANIFEST.md (read at test time).
"""

from __future__ import annotations

import asyncio
import gzip
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import scrapy
from itemadapter import ItemAdapter
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from aggregator import generic
from aggregator.extract import extract_metadata
from aggregator.pipelines import normalize_article
from spiders.news import GenericNewsSpider
from tests.conftest import ROOT
from tests.manifest import GroundTruth, read_ground_truth
from tests.spider_fixtures import FIXTURES, fixture_text, page, run

HOME = "https://baomau.vn/"
ARTICLE = "https://baomau.vn/nong-dan-vung-cao-thu-hoach-lua-che-shan-tuyet-dau-tien-post123456.html"
PLAIN = "https://baomau.vn/2025/12/22/hoi-cho-nong-san-cuoi-nam-thu-hut-nguoi-dan/"
BRIDGE = "https://baomau.vn/khanh-thanh-cau-treo-noi-hai-ban-a20411.html"
YOUTH = "https://baomau.vn/gioi-tre-ra-quan/"


def make_spider(url: str = HOME, **kwargs: Any) -> GenericNewsSpider:
    crawler = get_crawler(GenericNewsSpider)
    spider = GenericNewsSpider.from_crawler(crawler, url=url, **kwargs)
    crawler.spider = spider
    return spider


def urls(requests: list[Any], callback: Any = None) -> list[str]:
    return [r.url for r in requests if callback is None or r.callback == callback]


def stat(spider: GenericNewsSpider, key: str) -> int:
    return spider.crawler.stats.get_value(f"baotinh/news/{key}", 0)


def article_of(spider: GenericNewsSpider, response: Response) -> ItemAdapter | None:
    items = run(spider.parse_article, response)
    if not items:
        return None
    (item,) = items
    adapter = ItemAdapter(item)
    normalize_article(adapter)
    return adapter


# --- URL shapes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://vtcnews.vn/mo-rong-duong-hon-2-000-ty-dong-giai-cuu-ket-xe-ar994669.html",
        "https://znews.vn/gia-vang-the-gioi-cao-nhat-moi-thoi-dai-post1613516.html",
        "https://znews.vn/booktok-post1613472.html",
        "https://baocantho.com.vn/tap-trung-trien-khai-cac-dot-thanh-tra-a196670.html",
        "https://baolangson.vn/tong-ket-cong-tac-thong-tin-doi-ngoai-1234567.html",
        "https://tuoitre.vn/mua-lu-lich-su-o-mien-trung-20251223093012345.htm",
        "https://baomau.vn/2025/12/22/hoi-cho-nong-san-cuoi-nam/",
        "https://baomau.vn/hoi-cho-nong-san-cuoi-nam-thu-hut-nguoi-dan/",
        "https://baomau.vn/tin-tuc/hoi-cho-nong-san-9f86d081884c7d65.html",
    ],
)
def test_article_url_shape(url: str) -> None:
    assert generic.looks_like_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://baomau.vn/",
        "https://baomau.vn/kinh-te/",
        "https://vtcnews.vn/kinh-te-29.html",
        "https://vtcnews.vn/bao-ve-nguoi-tieu-dung-51.html",
        "https://vtcnews.vn/tin-moi-hom-nay.html",
        "https://znews.vn/kinh-doanh-tai-chinh/trang2.html",
        "https://baomau.vn/tag/che-shan-tuyet-vung-cao-post999999.html",
        "https://baomau.vn/video/toan-canh-le-hoi-dua-thuyen-post123460.html",
        "https://vtcnews.vn/tac-gia/luong-van-y--1149.html",
        "https://baomau.vn/uploads/2025/12/anh-hoi-cho-nong-san-cuoi-nam-123456.jpg",
        "https://baomau.vn/tim-kiem?q=hoi-cho-nong-san-123456",
    ],
)
def test_not_article_url_shape(url: str) -> None:
    assert not generic.looks_like_article_url(url)


def test_feed_entries_may_have_any_shape() -> None:
    assert generic.could_be_article_url(YOUTH)


@pytest.mark.parametrize(
    "url", [HOME, "https://baomau.vn/tag/che-shan-tuyet/", "https://baomau.vn/van-hoa/trang-2.html"]
)
def test_feed_entries_not_taken(url: str) -> None:
    assert not generic.could_be_article_url(url)


# --- the spider's arguments ----------------------------------------------------------------------


def test_needs_the_site_address() -> None:
    with pytest.raises(ValueError, match="-a url="):
        GenericNewsSpider.from_crawler(get_crawler(GenericNewsSpider))


def test_allowed_domains_from_url() -> None:
    assert make_spider("www.baomau.vn").allowed_domains == ["baomau.vn"]


def test_province_argument() -> None:
    assert make_spider(province="Mẫu Sơn").province == "Mẫu Sơn"


def test_start_asks_the_home_page() -> None:
    spider = make_spider()

    async def collect() -> list[scrapy.Request]:
        return [r async for r in spider.start()]

    (request,) = asyncio.run(collect())
    assert (request.url, request.callback) == (HOME, spider.parse_home)


# --- discovery: home page, robots.txt, sitemaps, feeds ---------------------------------------------


@pytest.fixture
def home() -> tuple[GenericNewsSpider, list[Any]]:
    spider = make_spider()
    return spider, run(spider.parse_home, page(HOME, "generic", "home.html"))


def test_home_names_the_source(home: tuple[GenericNewsSpider, list[Any]]) -> None:
    assert home[0].source_name == "Báo Mẫu"


def test_source_name_argument_wins() -> None:
    spider = make_spider(source_name="Báo Mẫu điện tử")
    run(spider.parse_home, page(HOME, "generic", "home.html"))
    assert spider.source_name == "Báo Mẫu điện tử"


def test_home_declared_feeds(home: tuple[GenericNewsSpider, list[Any]]) -> None:
    spider, requests = home
    assert urls(requests, spider.parse_feed) == [
        "https://baomau.vn/rss/tin-moi-nhat.rss",
        "https://baomau.vn/atom.xml",
    ]


def test_home_with_feeds_probes_nothing(home: tuple[GenericNewsSpider, list[Any]]) -> None:
    spider, requests = home
    assert urls(requests, spider.parse_feed_probe) == []


def test_home_asks_robots(home: tuple[GenericNewsSpider, list[Any]]) -> None:
    spider, requests = home
    assert urls(requests, spider.parse_robots) == ["https://baomau.vn/robots.txt"]


def test_home_article_links(home: tuple[GenericNewsSpider, list[Any]]) -> None:
    spider, requests = home
    assert urls(requests, spider.parse_article) == [
        ARTICLE,
        BRIDGE,
        "https://baomau.vn/2025/12/22/hoi-cho-nong-san-cuoi-nam-thu-hut-nguoi-dan/",
    ]


def test_home_without_feeds_probes_the_usual_paths() -> None:
    spider = make_spider()
    text = re.sub(r'<link rel="alternate" type="application/[^>]+>', "", fixture_text("generic", "home.html"))
    requests = run(spider.parse_home, page(HOME, text=text))
    assert urls(requests, spider.parse_feed_probe) == [f"https://baomau.vn{p}" for p in generic.FEED_PATHS]


def test_probe_miss_is_counted_not_recorded() -> None:
    spider = make_spider()
    (probe, *_) = spider.probes(generic.FEED_PATHS, spider.parse_feed_probe)
    assert probe.errback == spider.probe_missing


def test_home_failure_still_probes_feeds_and_robots() -> None:
    spider = make_spider()
    response = HtmlResponse(url=HOME, status=503, body=b"", request=Request(HOME))
    failure = Failure(HttpError(response, "Ignoring non-200 response"))
    failure.request = response.request
    requests = list(spider.home_failed(failure))
    assert urls(requests) == [
        *(f"https://baomau.vn{p}" for p in generic.FEED_PATHS),
        "https://baomau.vn/robots.txt",
    ]


def _robots(text: str) -> TextResponse:
    url = "https://baomau.vn/robots.txt"
    return TextResponse(url=url, body=text.encode(), request=Request(url), encoding="utf-8")


def test_robots_sitemaps() -> None:
    spider = make_spider()
    requests = run(spider.parse_robots, _robots(fixture_text("generic", "robots.txt")))
    assert urls(requests, spider.parse_sitemap) == [
        "https://baomau.vn/sitemap_index.xml",
        "https://baomau.vn/sitemap-news.xml",
    ]


def test_robots_without_sitemap_probes_the_usual_paths() -> None:
    spider = make_spider()
    requests = run(spider.parse_robots, _robots("User-agent: *\nDisallow: /tim-kiem/\n"))
    assert urls(requests, spider.parse_sitemap_probe) == [
        f"https://baomau.vn{p}" for p in generic.SITEMAP_PATHS
    ]


def test_missing_robots_probes_the_usual_paths() -> None:
    spider = make_spider()
    requests = list(spider.robots_missing(Failure(ValueError("404"))))
    assert urls(requests, spider.parse_sitemap_probe) == [
        f"https://baomau.vn{p}" for p in generic.SITEMAP_PATHS
    ]


def test_sitemap_index_news_and_newest_first() -> None:
    spider = make_spider(max_sitemaps="3")
    requests = run(
        spider.parse_sitemap, page("https://baomau.vn/sitemap_index.xml", "generic", "sitemap_index.xml")
    )
    assert urls(requests) == [
        "https://baomau.vn/sitemap-news.xml",
        "https://baomau.vn/sitemap-2025-12.xml",
        "https://baomau.vn/sitemap-2025-11.xml",
    ]


def test_news_sitemap_articles() -> None:
    spider = make_spider()
    requests = run(
        spider.parse_sitemap, page("https://baomau.vn/sitemap-news.xml", "generic", "sitemap_news.xml")
    )
    assert urls(requests, spider.parse_article) == [ARTICLE, YOUTH]


def test_news_sitemap_date_carried() -> None:
    spider = make_spider()
    requests = run(
        spider.parse_sitemap, page("https://baomau.vn/sitemap-news.xml", "generic", "sitemap_news.xml")
    )
    assert requests[0].meta["feed_date"] == "2025-12-23T08:30:00+07:00"


def test_gzipped_sitemap() -> None:
    spider = make_spider()
    url = "https://baomau.vn/sitemap-news.xml.gz"
    body = gzip.compress((FIXTURES / "generic" / "sitemap_news.xml").read_bytes())
    response = Response(url=url, body=body, request=Request(url))
    assert urls(run(spider.parse_sitemap, response)) == [ARTICLE, YOUTH]


def test_soft_404_sitemap_probe_counted() -> None:
    spider = make_spider()
    url = "https://baomau.vn/sitemap.xml"
    requests = run(
        spider.parse_sitemap_probe, page(url, text="<html><body>Không tìm thấy trang</body></html>")
    )
    assert (requests, stat(spider, "probe_missing")) == ([], 1)


def test_feed_articles() -> None:
    spider = make_spider()
    requests = run(spider.parse_feed, page("https://baomau.vn/rss/tin-moi-nhat.rss", "generic", "feed.rss"))
    assert urls(requests, spider.parse_article) == [ARTICLE, YOUTH]


def test_feed_probe_reads_a_feed() -> None:
    spider = make_spider()
    requests = run(spider.parse_feed_probe, page("https://baomau.vn/rss.xml", "generic", "feed.rss"))
    assert urls(requests, spider.parse_article) == [ARTICLE, YOUTH]


def test_feed_probe_reads_a_feed_directory() -> None:
    spider = make_spider()
    requests = run(spider.parse_feed_probe, page("https://baomau.vn/rss", "generic", "rss_directory.html"))
    assert urls(requests, spider.parse_feed) == [
        "https://baomau.vn/rss/tin-moi-nhat.rss",
        "https://baomau.vn/rss/thoi-su.rss",
        "https://baomau.vn/rss/kinh-te.rss",
    ]


# --- is it an article, and what does it say --------------------------------------------------------


@pytest.fixture(scope="module")
def article() -> ItemAdapter:
    spider = make_spider(province="Mẫu Sơn")
    run(spider.parse_home, page(HOME, "generic", "home.html"))
    found = article_of(spider, page(ARTICLE, "generic", "article.html"))
    assert found is not None
    return found


def test_title(article: ItemAdapter) -> None:
    assert article["title"] == "Nông dân vùng cao thu hoạch lứa chè Shan tuyết đầu tiên"


def test_published(article: ItemAdapter) -> None:
    assert article["published"].isoformat() == "2025-12-23T08:30:00+07:00"


def test_visible_byline_beats_jsonld(article: ItemAdapter) -> None:
    assert article["author"] == "Hà An"


def test_jsonld_author_differs() -> None:
    """The fixture's JSON-LD names the author otherwise, as vtcnews does."""
    meta = extract_metadata(page(ARTICLE, "generic", "article.html").selector)
    assert meta.author == ["Nguyễn Thị Hà An"]


def test_source(article: ItemAdapter) -> None:
    assert (article["source"], article["source_name"], article["platform"]) == ("news", "Báo Mẫu", "generic")


def test_province(article: ItemAdapter) -> None:
    assert article["province"] == "Mẫu Sơn"


def test_summary(article: ItemAdapter) -> None:
    assert article["summary"].startswith("Sau ba năm chăm sóc, những đồi chè Shan tuyết")


def test_category(article: ItemAdapter) -> None:
    assert article["category"] == "Kinh tế"


def test_image(article: ItemAdapter) -> None:
    assert article["image_url"] == "https://cdn.baomau.vn/2025/12/23/che-shan-tuyet.jpg"


def test_body_starts_after_the_sapo(article: ItemAdapter) -> None:
    assert article["body"].startswith("Từ sáng sớm, hàng chục hộ dân thôn Nậm Mẫu")


def test_body_ends_before_the_boilerplate(article: ItemAdapter) -> None:
    assert article["body"].endswith("hướng tới xây dựng nhãn hiệu chè Shan tuyết Tà Mẫu.")


def test_body_paragraphs(article: ItemAdapter) -> None:
    assert len(article["body"].split("\n\n")) == 4


def test_caption_not_in_body(article: ItemAdapter) -> None:
    assert "Người dân thôn Nậm Mẫu hái chè" not in article["body"]


def test_related_box_not_in_body(article: ItemAdapter) -> None:
    assert "Mô hình trồng quế" not in article["body"]


def test_body_html_paragraphs(article: ItemAdapter) -> None:
    assert article["body_html"].startswith("<p>Từ sáng sớm")


@pytest.fixture(scope="module")
def plain() -> ItemAdapter:
    """A WordPress-like page without JSON-LD or OpenGraph: the URL shape and the body decide."""
    found = article_of(make_spider(), page(PLAIN, "generic", "article_plain.html"))
    assert found is not None
    return found


def test_plain_title(plain: ItemAdapter) -> None:
    assert plain["title"] == "Hội chợ nông sản cuối năm thu hút người dân"


def test_plain_published(plain: ItemAdapter) -> None:
    assert plain["published"].isoformat() == "2025-12-22T16:05:00+07:00"


def test_plain_author_is_the_innermost_byline(plain: ItemAdapter) -> None:
    assert plain["author"] == "Minh Khôi"


def test_plain_source_name_from_host(plain: ItemAdapter) -> None:
    assert plain["source_name"] == "baomau.vn"


def test_plain_body(plain: ItemAdapter) -> None:
    assert plain["body"].startswith("Chiều 22/12, hội chợ nông sản cuối năm khai mạc")


def test_website_type_with_article_url_is_an_article() -> None:
    """Some CMSs print ``og:type`` website on every page; the URL and the body still decide."""
    text = fixture_text("generic", "article_plain.html").replace(
        "</head>", '<meta property="og:type" content="website"></head>'
    )
    assert article_of(make_spider(), page("https://baomau.vn/hoi-cho-nong-san-post123500.html", text=text))


def test_website_type_with_a_section_like_url_is_not_an_article() -> None:
    text = fixture_text("generic", "article_plain.html").replace(
        "</head>", '<meta property="og:type" content="website"></head>'
    )
    assert article_of(make_spider(), page("https://baomau.vn/xa-hoi-1001.html", text=text)) is None


def _rejected(url: str, text: str, meta: dict[str, Any] | None = None) -> tuple[Any, int]:
    spider = make_spider()
    found = article_of(spider, page(url, text=text, meta=meta))
    reasons = {
        k: v for k, v in spider.crawler.stats.get_stats().items() if k.startswith("baotinh/news/not_article/")
    }
    return found, reasons


def test_listing_is_not_an_article() -> None:
    found, reasons = _rejected("https://baomau.vn/kinh-te-12.html", fixture_text("generic", "category.html"))
    assert (found, reasons) == (None, {"baotinh/news/not_article/not_article_type": 1})


def test_listing_without_type_is_not_an_article() -> None:
    text = fixture_text("generic", "category.html").replace('<meta property="og:type" content="website">', "")
    found, reasons = _rejected("https://baomau.vn/kinh-te-12.html", text)
    assert (found, reasons) == (None, {"baotinh/news/not_article/no_article_signal": 1})


def test_listing_links() -> None:
    spider = make_spider()
    response = page("https://baomau.vn/kinh-te-12.html", "generic", "category.html")
    assert len(list(spider.article_links(response))) == 4


def test_short_undeclared_page_is_not_an_article() -> None:
    """Without og:type article or JSON-LD, and reached from no feed or sitemap, length decides."""
    url = "https://baomau.vn/anh-sac-mau-cho-phien-vung-cao-ngay-cuoi-nam-post123470.html"
    text = fixture_text("generic", "gallery.html").replace('property="og:type"', 'property="og:kind"')
    found, reasons = _rejected(url, text)
    assert (found, reasons) == (None, {"baotinh/news/not_article/short_body": 1})


def test_short_declared_page_is_an_article() -> None:
    """A page that says it is an article (og:type) is one, however short."""
    url = "https://baomau.vn/anh-sac-mau-cho-phien-vung-cao-ngay-cuoi-nam-post123470.html"
    found, reasons = _rejected(url, fixture_text("generic", "gallery.html"))
    assert (found is not None, reasons) == (True, {})


def test_short_page_listed_by_a_feed_is_an_article() -> None:
    url = "https://baomau.vn/anh-sac-mau-cho-phien-vung-cao-ngay-cuoi-nam-post123470.html"
    text = fixture_text("generic", "gallery.html").replace('property="og:type"', 'property="og:kind"')
    found, _ = _rejected(url, text, meta={"found_on": "https://baomau.vn/rss/tin-moi-nhat.rss"})
    assert found is not None


def test_video_page_is_not_an_article() -> None:
    url = "https://baomau.vn/video/nong-dan-vung-cao-thu-hoach-che-post123456.html"
    found, reasons = _rejected(url, fixture_text("generic", "article.html"))
    assert (found, reasons) == (None, {"baotinh/news/not_article/denied_url": 1})


def test_non_html_is_not_an_article() -> None:
    spider = make_spider()
    url = "https://baomau.vn/bao-cao-tong-ket-nam-2025-post123480.html"
    assert run(spider.parse_article, Response(url=url, body=b"%PDF-1.7", request=Request(url))) == []
    assert stat(spider, "not_article/not_html") == 1


# --- the real pages, as if no spider knew those sites ----------------------------------------------

REAL_ARTICLES = ["vtcnews.vn/article_sample.html", "znews.vn/article_sample.html"]


@pytest.fixture(scope="module")
def truth(corpus: Path) -> dict[str, GroundTruth]:
    return read_ground_truth(corpus)


@pytest.fixture(scope="module", params=REAL_ARTICLES)
def real(
    request: pytest.FixtureRequest, corpus: Path, truth: dict[str, GroundTruth]
) -> tuple[GroundTruth, Any]:
    expected = truth[request.param]
    url = expected.url
    response = HtmlResponse(url=url, body=(corpus / request.param).read_bytes(), request=Request(url))
    return expected, article_of(make_spider(f"https://{generic.site_domain(url)}/"), response)


def test_real_page_is_an_article(real: tuple[GroundTruth, Any]) -> None:
    assert real[1] is not None


def test_real_title(real: tuple[GroundTruth, Any]) -> None:
    expected, article = real
    assert article["title"] == expected.title


def test_real_published(real: tuple[GroundTruth, Any]) -> None:
    expected, article = real
    assert article["published"].isoformat() == expected.published


def test_real_author(real: tuple[GroundTruth, Any]) -> None:
    expected, article = real
    assert article["author"] == expected.author


def test_real_first_sentence(real: tuple[GroundTruth, Any]) -> None:
    expected, article = real
    assert article["body"].startswith(expected.first_sentence.rstrip("… "))


def test_real_byline_not_in_body(real: tuple[GroundTruth, Any]) -> None:
    expected, article = real
    assert expected.author not in article["body"]


def test_vtcnews_copyright_line_not_in_body(corpus: Path, truth: dict[str, GroundTruth]) -> None:
    expected = truth["vtcnews.vn/article_sample.html"]
    response = HtmlResponse(
        url=expected.url, body=(corpus / expected.page).read_bytes(), request=Request(expected.url)
    )
    article = article_of(make_spider("https://vtcnews.vn/"), response)
    assert "Không được sao chép" not in article["body"]


REAL_LISTINGS = [
    ("vtcnews.vn/listing_latest.html", "https://vtcnews.vn/tin-moi-hom-nay.html", r"-ar\d+\.html$"),
    ("znews.vn/listing_kinh-doanh.html", "https://znews.vn/kinh-doanh-tai-chinh.html", r"-post\d+\.html$"),
]


@pytest.mark.parametrize(("name", "url", "pattern"), REAL_LISTINGS)
def test_real_listing_is_not_an_article(corpus: Path, name: str, url: str, pattern: str) -> None:
    found, reasons = _rejected(url, (corpus / name).read_text(encoding="utf-8"))
    assert (found, reasons) == (None, {"baotinh/news/not_article/not_article_type": 1})


@pytest.mark.parametrize(("name", "url", "pattern"), REAL_LISTINGS)
def test_real_listing_links(corpus: Path, name: str, url: str, pattern: str) -> None:
    """Every link the site's own URL pattern calls an article, and nothing else."""
    response = HtmlResponse(url=url, body=(corpus / name).read_bytes(), request=Request(url))
    spider = make_spider(url)
    by_pattern = {
        u
        for u in (response.urljoin(h) for h in response.css("a::attr(href)").getall())
        if re.search(pattern, u)
    }
    found = list(spider.article_links(response))
    assert (len(found) > 20, set(found)) == (True, {u for u in by_pattern if spider._on_site(u)})


def test_real_home_page_feed(corpus: Path) -> None:
    spider = make_spider("https://vtcnews.vn/")
    response = HtmlResponse(
        url="https://vtcnews.vn/",
        body=(corpus / "vtcnews.vn" / "listing_home.html").read_bytes(),
        request=Request("https://vtcnews.vn/"),
    )
    requests = run(spider.parse_home, response)
    assert urls(requests, spider.parse_feed) == ["https://vtcnews.vn/rss/trang-chu.rss"]


# --- end to end: scrapy crawl news on a mirror of Báo Mẫu -----------------------------------------

_MIRROR_FILES = {
    "index.html": "home.html",
    "robots.txt": "robots.txt",
    "rss/tin-moi-nhat.rss": "feed.rss",
    "sitemap_index.xml": "sitemap_index.xml",
    "sitemap-news.xml": "sitemap_news.xml",
    "nong-dan-vung-cao-thu-hoach-lua-che-shan-tuyet-dau-tien-post123456.html": "article.html",
    "2025/12/22/hoi-cho-nong-san-cuoi-nam-thu-hut-nguoi-dan/index.html": "article_plain.html",
    "gioi-tre-ra-quan/index.html": "category.html",
    "khanh-thanh-cau-treo-noi-hai-ban-a20411.html": "gallery.html",
}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from aggregator.run.mirror import running_mirror

    root = tmp_path_factory.mktemp("generic-mirror")
    for target, source in _MIRROR_FILES.items():
        (root / "baomau.vn" / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / "generic" / source, root / "baomau.vn" / target)
    output = tmp_path_factory.mktemp("generic-output")
    with running_mirror(root) as mirror:
        command = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "news",
            "-a",
            f"url={HOME}",
            "-a",
            "province=Mẫu Sơn",
            "-s",
            f"MIRROR={mirror}",
            "-s",
            f"BAOTINH_OUTPUT={output}",
            "-s",
            "LOG_LEVEL=INFO",
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    with sqlite3.connect(output / "articles.db") as conn:
        rows = conn.execute(
            "select url, source, source_name, province, author from articles order by url"
        ).fetchall()
        drops = conn.execute("select url, reason from drops order by url").fetchall()
    return {"rows": rows, "drops": drops, "log": done.stderr}


@pytest.mark.e2e
def test_crawl_stores_the_articles(crawl: dict[str, Any]) -> None:
    assert crawl["rows"] == [
        (PLAIN, "news", "Báo Mẫu", "Mẫu Sơn", "Minh Khôi"),
        (BRIDGE, "news", "Báo Mẫu", "Mẫu Sơn", None),  # a short photo story that says it is an article
        (ARTICLE, "news", "Báo Mẫu", "Mẫu Sơn", "Hà An"),
    ]


@pytest.mark.e2e
def test_crawl_counts_non_articles(crawl: dict[str, Any]) -> None:
    assert "'baotinh/news/not_article': 1" in crawl["log"]


@pytest.mark.e2e
def test_crawl_records_a_missing_declared_feed(crawl: dict[str, Any]) -> None:
    assert ("https://baomau.vn/atom.xml", "http_404") in crawl["drops"]


@pytest.mark.e2e
def test_crawl_records_non_articles_as_drops(crawl: dict[str, Any]) -> None:
    """Recorded, so the next scheduled run does not fetch them again for a while."""
    assert len([url for url, reason in crawl["drops"] if reason == "not_article"]) == 1
