"""Báo Lào Cai (platform F1) on hand-written pages in its real markup: tests/fixtures/baolaocai."""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.baolaocai import BaoLaoCaiSpider
from tests.spider_fixtures import article_from, edited_article, fixture_text, make_spider, page, run

SITE = "baolaocai"
URL = "https://baolaocai.vn/y-ty-mo-rong-vung-che-shan-tuyet-co-thu-post405112.html"
LISTING = "https://baolaocai.vn/chinh-tri/"
MAX_PAGES = 3


@pytest.fixture(scope="module")
def spider() -> BaoLaoCaiSpider:
    return make_spider(BaoLaoCaiSpider, BAOTINH_MAX_LISTING_PAGES=MAX_PAGES)


@pytest.fixture(scope="module")
def article(spider: BaoLaoCaiSpider) -> ItemAdapter:
    return article_from(spider, page(URL, SITE, "article.html"))


def article_of(spider: BaoLaoCaiSpider, *replacements: tuple[str, str]) -> ItemAdapter:
    return edited_article(spider, SITE, URL, *replacements)


# --- the article --------------------------------------------------------------------------------


def test_title(article: ItemAdapter) -> None:
    assert article["title"] == "Y Tý mở rộng vùng chè Shan tuyết cổ thụ"


def test_summary(article: ItemAdapter) -> None:
    assert article["summary"] == (
        "Sau ba năm làm thử, hợp tác xã chè ở xã Y Tý đã chăm sóc thêm 40 ha chè Shan tuyết, "
        "giúp nhiều hộ người Hà Nhì có nguồn thu ổn định ngay trên nương của mình."
    )


def test_body_first_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[0] == (
        "Sương còn phủ kín sườn núi khi những người hái chè đầu tiên đã đeo gùi lên nương, "
        "men theo lối mòn giữa các gốc chè hàng trăm năm tuổi."
    )


def test_body_last_paragraph(article: ItemAdapter) -> None:
    """The closing ``div.t1 > span.t2`` byline is not a paragraph of the story."""
    assert article["body"].split("\n\n")[-1] == (
        "Mùa thu hoạch năm nay, hợp tác xã dự kiến thu mua khoảng 60 tấn búp tươi cho bà con trong xã."
    )


def test_body_paragraph_count(article: ItemAdapter) -> None:
    assert len(article["body"].split("\n\n")) == 5


def test_author(article: ItemAdapter) -> None:
    """JSON-LD's author is "" and meta author is the paper: the byline in the body is the author."""
    assert article["author"] == "Thanh Hà"


def test_dateline(article: ItemAdapter) -> None:
    assert article["dateline"] is None


def test_published(article: ItemAdapter) -> None:
    assert article["published"].isoformat() == "2025-09-12T08:15:40+07:00"


def test_modified(article: ItemAdapter) -> None:
    assert article["modified"].isoformat() == "2025-09-12T10:02:11+07:00"


def test_published_not_from_sidebar(spider: BaoLaoCaiSpider) -> None:
    """Without the structured dates, the header's ``time.time`` wins over the sidebars' ones."""
    degraded = article_of(
        spider,
        ('property="article:published_time"', 'property="article:published"'),
        ('"datePublished": "2025-09-12T08:15:40+0700"', '"dateCreated": "2025-09-12T08:15:40+0700"'),
        ('class="cms-date" itemprop="datePublished"', 'class="cms-date"'),
    )
    assert degraded["published"].isoformat() == "2025-09-12T08:15:40+07:00"


def test_no_date_rather_than_a_sidebar_date(spider: BaoLaoCaiSpider) -> None:
    """With every article date gone, related items, print edition and licence dates stay unused."""
    degraded = article_of(
        spider,
        ('property="article:published_time"', 'property="article:published"'),
        ('"datePublished": "2025-09-12T08:15:40+0700"', '"dateCreated": "2025-09-12T08:15:40+0700"'),
        ('class="cms-date" itemprop="datePublished"', 'class="cms-date"'),
        ('<div class="article__meta">', '<div class="article__info">'),
    )
    assert degraded["published"] is None


def test_category(article: ItemAdapter) -> None:
    assert article["category"] == "Kinh tế"


def test_tags(article: ItemAdapter) -> None:
    assert article["tags"] == ["chè Shan tuyết", "Y Tý"]


def test_image_url(article: ItemAdapter) -> None:
    assert article["image_url"] == (
        "https://cdn.baolaocai.vn/images/5c1e0a9d7b3f42e8a61d2f0c9b8e7a6d5c4b3a29180f7e6d5c4b3a2918/"
        "che-shan-tuyet-y-ty.jpg.webp"
    )


def test_image_url_from_lazy_body_image(spider: BaoLaoCaiSpider) -> None:
    """Without og:image the body's photo is used: its ``data-src``, not the ``data:`` placeholder."""
    degraded = article_of(
        spider,
        ('property="og:image"', 'property="og:picture"'),
        ('name="twitter:image"', 'name="twitter:picture"'),
        ('"image": { "@type": "ImageObject"', '"thumbnail": { "@type": "ImageObject"'),
    )
    assert degraded["image_url"] == (
        "https://cdn.baolaocai.vn/images/7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f/"
        "hai-che-y-ty.jpg.webp"
    )


def test_captions_not_in_body(article: ItemAdapter) -> None:
    assert "thôn Lao Chải" not in article["body"]


def test_body_html_keeps_the_photo(article: ItemAdapter) -> None:
    assert 'src="https://cdn.baolaocai.vn/images/7a6b5c4d' in article["body_html"]


@pytest.mark.parametrize("junk", ["<style", "font-weight", "<script", "sdaQueue", "rennab", "Thanh Hà"])
def test_no_ads_or_styles_in_body_html(article: ItemAdapter, junk: str) -> None:
    assert junk not in article["body_html"]


def test_url_is_canonical(spider: BaoLaoCaiSpider) -> None:
    shared = article_from(
        spider, page(URL + "?utm_source=zalo&utm_medium=share&zarsrc=30", SITE, "article.html")
    )
    assert shared["url"] == URL


def test_source_name(article: ItemAdapter) -> None:
    assert article["source_name"] == "Báo Lào Cai"


# --- a redesign: the platform's title and date selectors no longer match -------------------------


@pytest.fixture(scope="module")
def degraded(spider: BaoLaoCaiSpider) -> ItemAdapter:
    return article_of(
        spider,
        ('<h1 class="article__title cms-title ">', '<h1 class="detail__title">'),
        ('<div class="article__meta">', '<div class="detail__meta">'),
    )


def test_degraded_title_from_opengraph(degraded: ItemAdapter) -> None:
    assert degraded["title"] == "Y Tý mở rộng vùng chè Shan tuyết cổ thụ"


def test_degraded_published_from_meta(degraded: ItemAdapter) -> None:
    assert degraded["published"].isoformat() == "2025-09-12T08:15:40+07:00"


# --- listing pages ------------------------------------------------------------------------------


def listing(spider: BaoLaoCaiSpider, number: int) -> list:
    return run(spider.parse_listing, page(LISTING, SITE, "listing.html", meta={"listing_page": number}))


def test_listing_article_urls(spider: BaoLaoCaiSpider) -> None:
    """Each story once, tracking stripped; category, video, e-magazine and tag links ignored."""
    urls = [r.url for r in listing(spider, 1) if r.callback == spider.parse_article]
    assert urls == [
        "https://baolaocai.vn/sat-lo-tren-quoc-lo-4d-da-duoc-khac-phuc-post405140.html",
        "https://baolaocai.vn/y-ty-mo-rong-vung-che-shan-tuyet-co-thu-post405112.html",
        "https://baolaocai.vn/hoi-nghi-giao-ban-bao-chi-thang-9-post405101.html",
        "https://baolaocai.vn/tuyen-duong-bac-ha-si-ma-cai-thong-xe-post405087.html",
        "https://baolaocai.vn/truong-hoc-vung-cao-san-sang-nam-hoc-moi-post405066.html",
        "https://baolaocai.vn/nghia-lo-chuan-bi-le-hoi-muong-lo-post405052.html",
    ]


def test_listing_reports_the_tracking_url(spider: BaoLaoCaiSpider) -> None:
    from aggregator import signals

    found: list[tuple[str, str]] = []

    def record(url: str, target: str) -> None:
        found.append((url, target))

    spider.crawler.signals.connect(record, signal=signals.alias_found, weak=False)
    listing(spider, 1)
    assert [url for url, _ in found] == [
        "https://baolaocai.vn/hoi-nghi-giao-ban-bao-chi-thang-9-post405101.html?utm_source=zalo&utm_medium=share"
    ]


def test_listing_next_page(spider: BaoLaoCaiSpider) -> None:
    following = [r for r in listing(spider, 1) if r.callback == spider.parse_listing]
    assert [(r.url, r.meta["listing_page"]) for r in following] == [
        ("https://baolaocai.vn/chinh-tri/?page=2", 2)
    ]


def test_listing_stops_at_the_depth_limit(spider: BaoLaoCaiSpider) -> None:
    following = [r for r in listing(spider, MAX_PAGES) if r.callback == spider.parse_listing]
    assert following == []


# --- feed and sitemaps --------------------------------------------------------------------------


def test_feed_article_dates(spider: BaoLaoCaiSpider) -> None:
    """Video items are skipped; each article request carries the item's pubDate."""
    requests = run(spider.parse_feed, page("https://baolaocai.vn/rss/home.rss", SITE, "feed.rss"))
    assert {r.url: r.meta["feed_date"] for r in requests} == {
        "https://baolaocai.vn/sat-lo-tren-quoc-lo-4d-da-duoc-khac-phuc-post405140.html": "Fri, 12 Sep 2025 11:20:00 +0700",
        "https://baolaocai.vn/y-ty-mo-rong-vung-che-shan-tuyet-co-thu-post405112.html": "Fri, 12 Sep 2025 08:15:40 +0700",
        "https://baolaocai.vn/hoi-nghi-giao-ban-bao-chi-thang-9-post405101.html": "Fri, 12 Sep 2025 07:30:00 +0700",
        "https://baolaocai.vn/truong-hoc-vung-cao-san-sang-nam-hoc-moi-post405066.html": "Thu, 11 Sep 2025 09:45:00 +0700",
    }


def test_feed_requests_are_parsed_as_articles(spider: BaoLaoCaiSpider) -> None:
    requests = run(spider.parse_feed, page("https://baolaocai.vn/rss/home.rss", SITE, "feed.rss"))
    assert {r.callback for r in requests} == {spider.parse_article}


def test_feed_date_reaches_the_article(spider: BaoLaoCaiSpider) -> None:
    """A page that lost every date still gets the feed's."""
    text = fixture_text(SITE, "article.html")
    for old, new in (
        ('property="article:published_time"', 'property="article:published"'),
        ('"datePublished": "2025-09-12T08:15:40+0700"', '"dateCreated": "2025-09-12T08:15:40+0700"'),
        ('class="cms-date" itemprop="datePublished"', 'class="cms-date"'),
        ('<div class="article__meta">', '<div class="article__info">'),
    ):
        text = text.replace(old, new)
    response = page(URL, text=text, meta={"feed_date": "Fri, 12 Sep 2025 08:15:40 +0700"})
    assert article_from(spider, response)["published"].isoformat() == "2025-09-12T08:15:40+07:00"


def test_sitemap_index_follows_its_sitemaps(spider: BaoLaoCaiSpider) -> None:
    requests = run(spider.parse_sitemap, page("https://baolaocai.vn/sitemap.xml", SITE, "sitemap_index.xml"))
    assert [(r.url, r.callback) for r in requests] == [
        ("https://baolaocai.vn/sitemaps/news.xml", spider.parse_sitemap),
        ("https://baolaocai.vn/sitemaps/categories.xml", spider.parse_sitemap),
        ("https://baolaocai.vn/sitemaps/2025-09.xml", spider.parse_sitemap),
    ]


def test_sitemap_urlset_article_requests(spider: BaoLaoCaiSpider) -> None:
    """Article URLs become article requests dated by news:publication_date, else lastmod."""
    requests = run(
        spider.parse_sitemap, page("https://baolaocai.vn/sitemaps/news.xml", SITE, "sitemap_news.xml")
    )
    assert [(r.url, r.callback, r.meta["feed_date"]) for r in requests] == [
        (
            "https://baolaocai.vn/sat-lo-tren-quoc-lo-4d-da-duoc-khac-phuc-post405140.html",
            spider.parse_article,
            "2025-09-12T11:20:00+07:00",
        ),
        (
            "https://baolaocai.vn/y-ty-mo-rong-vung-che-shan-tuyet-co-thu-post405112.html",
            spider.parse_article,
            "2025-09-12T08:15:40+07:00",
        ),
        (
            "https://baolaocai.vn/truong-hoc-vung-cao-san-sang-nam-hoc-moi-post405066.html",
            spider.parse_article,
            "2025-09-11T10:00:00+07:00",
        ),
    ]
