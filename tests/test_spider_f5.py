"""Platform F5 ("sc-longform / b-grid") on hand-written pages in its markup: tests/fixtures/baonghean.

No real page of the platform was available: the fixtures follow the F5 facts of SITES.md
(``.sc-longform-header-title``, ``.sc-longform-header-sapo``, ``article.entry`` inside
``div.b-maincontent``, ``.b-grid__title a``, the "(Baonghean.vn) -" dateline) with our own text.
"""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.baodanang import BaoDaNangSpider
from spiders.baonghean import BaoNgheAnSpider
from tests.spider_fixtures import article_from, make_spider, page, run

SITE = "baonghean"
URL = "https://baonghean.vn/cua-lo-don-hon-20000-luot-khach-dip-cuoi-tuan-10298765.html"
LISTING = "https://baonghean.vn/du-lich/"


@pytest.fixture(scope="module")
def spider() -> BaoNgheAnSpider:
    return make_spider(BaoNgheAnSpider)


@pytest.fixture(scope="module")
def article(spider: BaoNgheAnSpider) -> ItemAdapter:
    return article_from(spider, page(URL, SITE, "article.html"))


def test_title(article: ItemAdapter) -> None:
    assert article["title"] == "Cửa Lò đón hơn 20.000 lượt khách dịp cuối tuần"


def test_summary(article: ItemAdapter) -> None:
    assert article["summary"] == (
        "Thời tiết nắng đẹp cùng nhiều hoạt động văn hóa bên bờ biển đã kéo du khách về Cửa Lò đông hơn dự kiến."
    )


def test_dateline(article: ItemAdapter) -> None:
    assert article["dateline"] == "(Baonghean.vn)"


def test_body_first_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[0] == (
        "Theo Ban Quản lý du lịch Cửa Lò, hai ngày cuối tuần qua thị xã đón khoảng 21.500 lượt khách."
    )


def test_body_last_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[-1] == (
        "Lực lượng cứu hộ được tăng cường tại các bãi tắm đông người để bảo đảm an toàn cho du khách."
    )


def test_body_paragraph_count(article: ItemAdapter) -> None:
    """The caption and the related-article box inside the body are not paragraphs."""
    assert len(article["body"].split("\n\n")) == 3


def test_author_from_the_header(article: ItemAdapter) -> None:
    """Meta author is the paper itself; the header names the writer."""
    assert article["author"] == "Phương Thảo"


def test_published(article: ItemAdapter) -> None:
    assert article["published"].isoformat() == "2025-06-16T06:30:00+07:00"


def test_category(article: ItemAdapter) -> None:
    assert article["category"] == "Du lịch"


def test_tags(article: ItemAdapter) -> None:
    assert article["tags"] == ["Cửa Lò", "du lịch biển"]


def test_image_url(article: ItemAdapter) -> None:
    assert article["image_url"] == "https://baonghean.vn/uploads/2025/06/16/cua-lo-cuoi-tuan.jpg"


def test_related_box_not_in_body_html(article: ItemAdapter) -> None:
    assert "khai-truong-mua-du-lich" not in article["body_html"]


def test_platform(article: ItemAdapter) -> None:
    assert article["platform"] == "F5"


# --- listing and feed -----------------------------------------------------------------------------


def listing(spider: BaoNgheAnSpider) -> list:
    return run(spider.parse_listing, page(LISTING, SITE, "listing.html", meta={"listing_page": 1}))


def test_listing_article_urls(spider: BaoNgheAnSpider) -> None:
    """Image and title links once; ``-event`` and older ``-post`` URLs kept; e-magazine skipped."""
    assert [r.url for r in listing(spider) if r.callback == spider.parse_article] == [
        "https://baonghean.vn/cua-lo-don-hon-20000-luot-khach-dip-cuoi-tuan-10298765.html",
        "https://baonghean.vn/le-hoi-lang-sen-event301234.html",
        "https://baonghean.vn/nam-dan-don-bang-nong-thon-moi-post258616.html",
    ]


def test_listing_next_page(spider: BaoNgheAnSpider) -> None:
    assert [r.url for r in listing(spider) if r.callback == spider.parse_listing] == [
        "https://baonghean.vn/du-lich/?page=2"
    ]


FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Đà Nẵng</title>
<item><title>Hội An đón khách</title><link>https://baodanang.vn/hoi-an-don-khach-3291045.html</link>
<pubDate>Sat, 14 Jun 2025 08:00:00 +0700</pubDate></item>
<item><title>Video</title><link>https://baodanang.vn/video/cau-rong-phun-lua-3291046.html</link></item>
</channel></rss>"""


def test_feed_article_requests() -> None:
    spider = make_spider(BaoDaNangSpider)
    requests = run(spider.parse_feed, page("https://baodanang.vn/rss/home.rss", text=FEED))
    assert [(r.url, r.meta["feed_date"]) for r in requests] == [
        ("https://baodanang.vn/hoi-an-don-khach-3291045.html", "Sat, 14 Jun 2025 08:00:00 +0700")
    ]
