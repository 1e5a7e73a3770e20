"""Báo Lạng Sơn (platform F2) on hand-written pages: tests/fixtures/baolangson.

No HTML page of this platform was available: the fixtures follow the F2 facts of SITES.md
(``#content-detail`` whose ``h2`` is the sapo, ``h1.name``, unrendered ``{{ … }}`` template text,
breadcrumb category) and the real article's text conventions (``LSO`` glued to the first word, a
date line ``Thứ tư,  13/05/2020`` with two spaces, photo captions between paragraphs, a closing
byline in capitals). The pages carry no structured date, so the feed's date is the fallback.
"""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.baolangson import BaoLangSonSpider
from tests.spider_fixtures import article_from, edited_article, make_spider, page, run

SITE = "baolangson"
URL = "https://baolangson.vn/hoi-nghi-tong-ket-cong-tac-dan-van-nam-2019-o-cao-loc-5081734.html"
LISTING = "https://baolangson.vn/chinh-tri"
FEED = "https://baolangson.vn/rss/home.rss"
FEED_DATE = "Wed, 13 May 2020 08:27:00 +0700"
MAX_PAGES = 3


@pytest.fixture(scope="module")
def spider() -> BaoLangSonSpider:
    return make_spider(BaoLangSonSpider, BAOTINH_MAX_LISTING_PAGES=MAX_PAGES)


@pytest.fixture(scope="module")
def article(spider: BaoLangSonSpider) -> ItemAdapter:
    return article_from(spider, page(URL, SITE, "article.html"))


def article_of(
    spider: BaoLangSonSpider, *replacements: tuple[str, str], meta: dict[str, str] | None = None
) -> ItemAdapter:
    return edited_article(spider, SITE, URL, *replacements, meta=meta)


# --- the article --------------------------------------------------------------------------------


def test_title(article: ItemAdapter) -> None:
    assert article["title"] == "Hội nghị tổng kết công tác dân vận năm 2019 ở Cao Lộc"


def test_summary(article: ItemAdapter) -> None:
    """The sapo is the ``h2`` inside ``#content-detail``."""
    assert article["summary"] == (
        "Hội nghị đánh giá kết quả công tác dân vận năm 2019 và bàn giải pháp phát huy vai trò "
        "của người có uy tín trong đồng bào dân tộc thiểu số."
    )


def test_body_first_paragraph(article: ItemAdapter) -> None:
    """The bold ``LSO`` glued to the first word is the dateline, not part of the sentence."""
    assert article["body"].split("\n\n")[0] == (
        "Chiều 12/5, Ban Dân vận Huyện ủy Cao Lộc tổ chức hội nghị tổng kết công tác dân vận năm 2019, "
        "triển khai nhiệm vụ năm 2020."
    )


def test_body_last_paragraph(article: ItemAdapter) -> None:
    """The capitals byline and the "Cùng chuyên mục" block are not paragraphs of the story."""
    assert article["body"].split("\n\n")[-1] == (
        "Năm 2020, huyện đặt mục tiêu mỗi xã có ít nhất một mô hình dân vận khéo gắn với xây dựng nông thôn mới."
    )


def test_body_paragraph_count(article: ItemAdapter) -> None:
    assert len(article["body"].split("\n\n")) == 4


def test_sapo_not_in_body(article: ItemAdapter) -> None:
    assert "người có uy tín" not in article["body"]


def test_template_text_not_in_body(article: ItemAdapter) -> None:
    assert "{{" not in article["body"]


def test_author(article: ItemAdapter) -> None:
    assert article["author"] == "MINH CHÂU"


def test_dateline(article: ItemAdapter) -> None:
    assert article["dateline"] == "LSO"


def test_published(article: ItemAdapter) -> None:
    """``Thứ tư,  13/05/2020``: weekday, comma, two spaces, the day only."""
    assert article["published"].isoformat() == "2020-05-13T00:00:00+07:00"


def test_published_with_feed_time(spider: BaoLangSonSpider) -> None:
    """Reached from the feed, the feed's time of day refines the page's bare day."""
    assert (
        article_of(spider, meta={"feed_date": FEED_DATE})["published"].isoformat()
        == "2020-05-13T08:27:00+07:00"
    )


def test_published_not_from_sidebar(article: ItemAdapter) -> None:
    """Header "today" (15/05), most-read items (11/05, 10/05) and the licence date stay unused."""
    assert article["published_raw"] == "Thứ tư, 13/05/2020"


def test_no_date_rather_than_a_sidebar_date(spider: BaoLangSonSpider) -> None:
    degraded = article_of(spider, ('<div class="date-time">', '<div class="post-date">'))
    assert degraded["published"] is None


def test_category(article: ItemAdapter) -> None:
    assert article["category"] == "Chính trị"


def test_tags(article: ItemAdapter) -> None:
    assert article["tags"] == ["công tác dân vận", "Cao Lộc"]


def test_image_url(article: ItemAdapter) -> None:
    assert article["image_url"] == "https://baolangson.vn/uploads/2020/05/13/hoi-nghi-dan-van-cao-loc.jpg"


def test_image_url_not_an_ad_banner(spider: BaoLangSonSpider) -> None:
    """Without og:image the body photo is used, never the banner in the ad slot."""
    degraded = article_of(
        spider,
        ('property="og:image"', 'property="og:picture"'),
        (
            '<tr><td><img src="https://baolangson.vn/uploads/2020/05/13/hoi-nghi-dan-van-cao-loc.jpg" alt=""></td></tr>',
            "",
        ),
    )
    assert degraded["image_url"] is None


def test_captions_not_in_body(article: ItemAdapter) -> None:
    assert "biểu quyết thông qua chương trình" not in article["body"]


@pytest.mark.parametrize("junk", ["<script", "admicro", "banner-640x90", "Quảng cáo", "{{", "MINH CHÂU"])
def test_no_ads_or_styles_in_body_html(article: ItemAdapter, junk: str) -> None:
    assert junk not in article["body_html"]


def test_related_block_not_in_body_html(article: ItemAdapter) -> None:
    assert "Văn Lãng" not in article["body_html"]


def test_url_is_canonical(spider: BaoLangSonSpider) -> None:
    shared = article_from(
        spider, page(URL + "?utm_source=zalo&utm_medium=zalo&zarsrc=31", SITE, "article.html")
    )
    assert shared["url"] == URL


def test_source_name(article: ItemAdapter) -> None:
    assert article["source_name"] == "Báo Lạng Sơn"


# --- a redesign: h1.name and div.date-time no longer there ---------------------------------------


@pytest.fixture(scope="module")
def degraded(spider: BaoLangSonSpider) -> ItemAdapter:
    return article_of(
        spider,
        ('<h1 class="name">', '<div class="article-title">'),
        ("Cao Lộc</h1>", "Cao Lộc</div>"),
        ('<div class="date-time">', '<div class="post-date">'),
        meta={"feed_date": FEED_DATE},
    )


def test_degraded_title_from_opengraph(degraded: ItemAdapter) -> None:
    assert degraded["title"] == "Hội nghị tổng kết công tác dân vận năm 2019 ở Cao Lộc"


def test_degraded_published_from_feed(degraded: ItemAdapter) -> None:
    assert degraded["published"].isoformat() == "2020-05-13T08:27:00+07:00"


# --- listing pages ------------------------------------------------------------------------------


def listing(spider: BaoLangSonSpider, number: int) -> list:
    return run(spider.parse_listing, page(LISTING, SITE, "listing.html", meta={"listing_page": number}))


def test_listing_article_urls(spider: BaoLangSonSpider) -> None:
    """Each story once (the most-read copy too), tracking stripped; multimedia, video, tag and
    category links ignored."""
    urls = [r.url for r in listing(spider, 1) if r.callback == spider.parse_article]
    assert urls == [
        URL,
        "https://baolangson.vn/dong-dang-thong-quan-tro-lai-5081650.html",
        "https://baolangson.vn/trang-dinh-sap-xep-lai-cac-thon-5081622.html",
        "https://baolangson.vn/mua-vai-thieu-o-huu-lung-5081611.html",
        "https://baolangson.vn/bac-son-ra-quan-trong-rung-5081598.html",
        "https://baolangson.vn/chi-lang-don-bang-xa-nong-thon-moi-5081590.html",
    ]


def test_listing_next_page(spider: BaoLangSonSpider) -> None:
    following = [r for r in listing(spider, 1) if r.callback == spider.parse_listing]
    assert [(r.url, r.meta["listing_page"]) for r in following] == [
        ("https://baolangson.vn/chinh-tri?page=2", 2)
    ]


def test_listing_stops_at_the_depth_limit(spider: BaoLangSonSpider) -> None:
    following = [r for r in listing(spider, MAX_PAGES) if r.callback == spider.parse_listing]
    assert following == []


# --- feed ---------------------------------------------------------------------------------------


def test_feed_article_dates(spider: BaoLangSonSpider) -> None:
    requests = run(spider.parse_feed, page(FEED, SITE, "feed.rss"))
    assert {r.url: r.meta["feed_date"] for r in requests} == {
        URL: FEED_DATE,
        "https://baolangson.vn/dong-dang-thong-quan-tro-lai-5081650.html": "Mon, 11 May 2020 16:45:00 +0700",
        "https://baolangson.vn/mua-vai-thieu-o-huu-lung-5081611.html": "Sun, 10 May 2020 07:10:00 +0700",
    }


def test_feed_requests_are_parsed_as_articles(spider: BaoLangSonSpider) -> None:
    requests = run(spider.parse_feed, page(FEED, SITE, "feed.rss"))
    assert {r.callback for r in requests} == {spider.parse_article}
