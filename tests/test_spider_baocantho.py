"""Báo Cần Thơ (platform F4) on hand-written pages in its real markup: tests/fixtures/baocantho."""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.baocantho import BaoCanThoSpider
from tests.spider_fixtures import article_from, edited_article, fixture_text, make_spider, page, run

SITE = "baocantho"
URL = "https://baocantho.com.vn/ninh-kieu-ra-quan-nao-vet-kenh-rach-truoc-mua-kho-a197034.html"
LISTING = "https://baocantho.com.vn/thoi-su/"
FEED = "https://baocantho.com.vn/rss/subcate/can-tho/"
MAX_PAGES = 3
PHOTO = "https://baocantho.com.vn/image/fckeditor/upload/2026/20260214/images/nao-vet-kenh-ninh-kieu.webp"


@pytest.fixture(scope="module")
def spider() -> BaoCanThoSpider:
    return make_spider(BaoCanThoSpider, BAOTINH_MAX_LISTING_PAGES=MAX_PAGES)


@pytest.fixture(scope="module")
def article(spider: BaoCanThoSpider) -> ItemAdapter:
    return article_from(spider, page(URL, SITE, "article.html"))


def article_of(spider: BaoCanThoSpider, *replacements: tuple[str, str]) -> ItemAdapter:
    return edited_article(spider, SITE, URL, *replacements)


# --- the article --------------------------------------------------------------------------------


def test_title(article: ItemAdapter) -> None:
    """The page's first <h1> is the category ("THỜI SỰ > Cần Thơ"); the title is og:title."""
    assert article["title"] == "Ninh Kiều ra quân nạo vét kênh rạch trước mùa khô"


def test_summary(article: ItemAdapter) -> None:
    """The description repeats the body's "(CTO) -" dateline; the summary reads as prose."""
    assert article["summary"] == (
        "Sáng 14-2, phường Ninh Kiều ra quân nạo vét 6 tuyến kênh rạch nội ô, "
        "khơi thông dòng chảy trước khi bước vào cao điểm mùa khô."
    )


def test_body_first_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[0] == (
        "Sáng 14-2, phường Ninh Kiều ra quân nạo vét 6 tuyến kênh rạch nội ô, "
        "khơi thông dòng chảy trước khi bước vào cao điểm mùa khô."
    )


def test_body_last_paragraph(article: ItemAdapter) -> None:
    """The closing "Tin, ảnh: …" credit is not a paragraph of the story."""
    assert article["body"].split("\n\n")[-1] == (
        "Phường sẽ duy trì việc kiểm tra hằng tuần và xử lý các trường hợp xả rác xuống kênh đến hết mùa khô."
    )


def test_body_paragraph_count(article: ItemAdapter) -> None:
    assert len(article["body"].split("\n\n")) == 4


def test_author(article: ItemAdapter) -> None:
    """The printed "Tin, ảnh: HOÀNG YẾN" without its role prefix."""
    assert article["author"] == "HOÀNG YẾN"


def test_dateline(article: ItemAdapter) -> None:
    assert article["dateline"] == "(CTO)"


def test_published(article: ItemAdapter) -> None:
    """``span.pubdate`` has the time; JSON-LD's datePublished is only the day."""
    assert article["published"].isoformat() == "2026-02-14T09:40:00+07:00"


def test_published_raw(article: ItemAdapter) -> None:
    assert article["published_raw"] == "14/02/2026 - 09:40"


def test_published_not_from_sidebar(spider: BaoCanThoSpider) -> None:
    """Without JSON-LD's day, the header's ``span.pubdate`` still wins over the related items' dates."""
    degraded = article_of(spider, ('"datePublished": "2026-02-14", ', ""))
    assert degraded["published"].isoformat() == "2026-02-14T09:40:00+07:00"


def test_no_date_rather_than_a_sidebar_date(spider: BaoCanThoSpider) -> None:
    """With every article date gone, related items and the licence footer stay unused."""
    degraded = article_of(
        spider, ('"datePublished": "2026-02-14", ', ""), ('<span class="pubdate 128">', "<span>")
    )
    assert degraded["published"] is None


def test_category(article: ItemAdapter) -> None:
    """The last breadcrumb entry: the section the article was filed in (THỜI SỰ > Ninh Kiều)."""
    assert article["category"] == "Cần Thơ"


def test_tags(article: ItemAdapter) -> None:
    assert article["tags"] == ["nạo vét kênh rạch", "phường Ninh Kiều", "mùa khô"]


def test_image_url(article: ItemAdapter) -> None:
    assert article["image_url"] == (
        "https://baocantho.com.vn/image/news/2026/20260214/thumbnail/810x478/1771047312.webp"
    )


def test_image_url_from_relative_body_photo(spider: BaoCanThoSpider) -> None:
    """Without og:image the body photo is used; its src (relative to the <base href> template
    folder, ``../../../../image/…``) becomes absolute."""
    degraded = article_of(spider, ('property="og:image"', 'property="og:picture"'))
    assert degraded["image_url"] == PHOTO


def test_base_url(article: ItemAdapter) -> None:
    assert article["base_url"] == "https://baocantho.com.vn/static/templates/version1/homepage/"


def test_body_html_photo_is_absolute(article: ItemAdapter) -> None:
    assert f'src="{PHOTO}"' in article["body_html"]


def test_captions_not_in_body(article: ItemAdapter) -> None:
    assert "rạch Khai Luông." not in article["body"]


@pytest.mark.parametrize("junk", ["<script", "adsbygoogle", "<ins", "HOÀNG YẾN", "style="])
def test_no_ads_or_styles_in_body_html(article: ItemAdapter, junk: str) -> None:
    assert junk not in article["body_html"]


def test_url_is_canonical(spider: BaoCanThoSpider) -> None:
    shared = article_from(
        spider, page(URL + "?utm_source=zalo&utm_medium=zalo&zarsrc=31", SITE, "article.html")
    )
    assert shared["url"] == URL


def test_source_name(article: ItemAdapter) -> None:
    assert article["source_name"] == "Báo Cần Thơ"


# --- a redesign: og:title and span.pubdate no longer there ---------------------------------------


@pytest.fixture(scope="module")
def degraded(spider: BaoCanThoSpider) -> ItemAdapter:
    return article_of(
        spider,
        ('property="og:title"', 'property="og:headline"'),
        ('<span class="pubdate 128">', '<span class="publish-time">'),
    )


def test_degraded_title_from_jsonld(degraded: ItemAdapter) -> None:
    assert degraded["title"] == "Ninh Kiều ra quân nạo vét kênh rạch trước mùa khô"


def test_degraded_published_from_jsonld_day(degraded: ItemAdapter) -> None:
    """Only JSON-LD's day is left: the day at local midnight, not a sidebar's or footer's date."""
    assert degraded["published"].isoformat() == "2026-02-14T00:00:00+07:00"


def test_degraded_title_from_head_title(spider: BaoCanThoSpider) -> None:
    """With no og:title and no JSON-LD name, <title> without " - Báo Cần Thơ Online" remains."""
    degraded = article_of(
        spider,
        ('property="og:title"', 'property="og:headline"'),
        ('"name": "Ninh Kiều', '"alternativeHeadline": "Ninh Kiều'),
    )
    assert degraded["title"] == "Ninh Kiều ra quân nạo vét kênh rạch trước mùa khô"


# --- listing pages ------------------------------------------------------------------------------


def listing(spider: BaoCanThoSpider, number: int) -> list:
    return run(spider.parse_listing, page(LISTING, SITE, "listing.html", meta={"listing_page": number}))


def test_listing_article_urls(spider: BaoCanThoSpider) -> None:
    """Every ``-a<id>.html`` link on the page once (menus included, as on the real listing);
    tracking stripped; category, video, longform, classified and search links ignored."""
    urls = [r.url for r in listing(spider, 1) if r.callback == spider.parse_article]
    assert urls == [
        "https://baocantho.com.vn/cho-noi-cai-rang-don-khach-dau-nam-a196988.html",
        "https://baocantho.com.vn/ninh-kieu-ra-quan-nao-vet-kenh-rach-truoc-mua-kho-a197034.html",
        "https://baocantho.com.vn/cai-rang-lap-them-den-chieu-sang-ven-song-a197011.html",
        "https://baocantho.com.vn/phong-dien-ho-tro-nong-dan-chuyen-doi-cay-trong-a197002.html",
        "https://baocantho.com.vn/soc-trang-khoi-cong-cau-qua-song-maspero-a196995.html",
        "https://baocantho.com.vn/vi-thanh-don-bang-cong-nhan-do-thi-loai-ii-a196981.html",
        "https://baocantho.com.vn/binh-thuy-sua-chua-duong-le-hong-phong-a196964.html",
        "https://baocantho.com.vn/thanh-pho-chuan-bi-le-hoi-banh-dan-gian-a196940.html",
    ]


def test_listing_next_page(spider: BaoCanThoSpider) -> None:
    """The ``&gt;`` link of ``div#page``, not the javascript ``&lt;`` or the numbered pages."""
    following = [r for r in listing(spider, 1) if r.callback == spider.parse_listing]
    assert [(r.url, r.meta["listing_page"]) for r in following] == [
        ("https://baocantho.com.vn/thoi-su?p=2", 2)
    ]


def test_listing_stops_at_the_depth_limit(spider: BaoCanThoSpider) -> None:
    following = [r for r in listing(spider, MAX_PAGES) if r.callback == spider.parse_listing]
    assert following == []


# --- feed ---------------------------------------------------------------------------------------


def test_feed_article_dates(spider: BaoCanThoSpider) -> None:
    """Article items become requests carrying their pubDate; the advertising page is skipped."""
    requests = run(spider.parse_feed, page(FEED, SITE, "feed.xml"))
    assert {r.url: r.meta["feed_date"] for r in requests} == {
        URL: "Sat, 14 Feb 2026 09:40:00 +0700",
        "https://baocantho.com.vn/cai-rang-lap-them-den-chieu-sang-ven-song-a197011.html": "Fri, 13 Feb 2026 16:20:00 +0700",
        "https://baocantho.com.vn/phong-dien-ho-tro-nong-dan-chuyen-doi-cay-trong-a197002.html": "Fri, 13 Feb 2026 10:05:00 +0700",
    }


def test_feed_requests_are_parsed_as_articles(spider: BaoCanThoSpider) -> None:
    requests = run(spider.parse_feed, page(FEED, SITE, "feed.xml"))
    assert {r.callback for r in requests} == {spider.parse_article}


def test_feed_time_beats_jsonld_day(spider: BaoCanThoSpider) -> None:
    """Reached from the feed, a page without ``span.pubdate`` takes the feed's time of day."""
    text = fixture_text(SITE, "article.html").replace('<span class="pubdate 128">', "<span>")
    response = page(URL, text=text, meta={"feed_date": "Sat, 14 Feb 2026 09:40:00 +0700"})
    assert article_from(spider, response)["published"].isoformat() == "2026-02-14T09:40:00+07:00"
