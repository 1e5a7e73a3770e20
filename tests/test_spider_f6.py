"""Platform F6 (the ``.htm`` papers) on hand-written pages in their markup: tests/fixtures/baophutho.

No real page of the platform was available: the fixtures follow the F6 facts of SITES.md (Báo Phú
Thọ's ``h1.pTitle``, ``p.pHead``, ``#dcontent``; Báo Thanh Hóa's ``div.article__sapo``) with our
own text.
"""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.baophutho import BaoPhuThoSpider
from spiders.baothanhhoa import BaoThanhHoaSpider
from tests.spider_fixtures import article_from, make_spider, page, run

SITE = "baophutho"
URL = "https://baophutho.vn/viet-tri-mo-rong-cong-vien-van-lang-them-6-ha-241234.htm"
LISTING = "https://baophutho.vn/xa-hoi.htm"


@pytest.fixture(scope="module")
def spider() -> BaoPhuThoSpider:
    return make_spider(BaoPhuThoSpider)


@pytest.fixture(scope="module")
def article(spider: BaoPhuThoSpider) -> ItemAdapter:
    return article_from(spider, page(URL, SITE, "article.html"))


def test_title(article: ItemAdapter) -> None:
    assert article["title"] == "Việt Trì mở rộng công viên Văn Lang thêm 6 ha"


def test_summary(article: ItemAdapter) -> None:
    assert article["summary"] == (
        "Phần mở rộng gồm hồ điều hòa, đường dạo và khu vui chơi cho trẻ em, dự kiến hoàn thành trước Tết."
    )


def test_body_first_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[0] == (
        "Phường Việt Trì vừa khởi công hạng mục mở rộng công viên Văn Lang về phía đông, trên diện tích gần 6 ha."
    )


def test_body_last_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[-1] == (
        "Người dân trong phường đã đóng góp ý kiến về vị trí sân chơi và lối đi cho người cao tuổi."
    )


def test_body_paragraph_count(article: ItemAdapter) -> None:
    """The caption table and the related-news box are not paragraphs."""
    assert len(article["body"].split("\n\n")) == 3


def test_author(article: ItemAdapter) -> None:
    assert article["author"] == "Văn Long"


def test_published(article: ItemAdapter) -> None:
    """The printed minute and the meta's seconds agree; one each, the printed line is trusted more."""
    assert article["published"].isoformat() == "2025-08-21T10:12:00+07:00"


def test_category(article: ItemAdapter) -> None:
    assert article["category"] == "Xã hội"


def test_tags(article: ItemAdapter) -> None:
    assert article["tags"] == ["Việt Trì", "công viên"]


def test_image_url(article: ItemAdapter) -> None:
    assert article["image_url"] == "https://baophutho.vn/uploads/2025/08/21/cong-vien-van-lang.jpg"


def test_platform(article: ItemAdapter) -> None:
    assert article["platform"] == "F6"


# --- Báo Thanh Hóa's markup: article__ classes, the time first in the date line -------------------

THANHHOA = """<html><head><title>Sầm Sơn đón mùa du lịch - Báo Thanh Hóa</title>
<meta property="og:title" content="Sầm Sơn đón mùa du lịch"></head><body>
<article class="article"><h1 class="article__title">Sầm Sơn đón mùa du lịch</h1>
<div class="article__meta"><time>07:20 02/05/2025</time> <div class="article__author">Trung Kiên</div></div>
<div class="article__sapo">Bãi biển Sầm Sơn đón lượng khách đông nhất từ đầu năm.</div>
<div class="article__body"><p>Trong ba ngày nghỉ lễ, phường Sầm Sơn đón khoảng 150.000 lượt khách.</p>
<p>Các lực lượng chức năng bố trí thêm điểm trông giữ xe gần bãi tắm.</p></div></article></body></html>"""


@pytest.fixture(scope="module")
def thanhhoa() -> ItemAdapter:
    url = "https://baothanhhoa.vn/sam-son-don-mua-du-lich-241235.htm"
    return article_from(make_spider(BaoThanhHoaSpider), page(url, text=THANHHOA))


def test_thanhhoa_summary(thanhhoa: ItemAdapter) -> None:
    assert thanhhoa["summary"] == "Bãi biển Sầm Sơn đón lượng khách đông nhất từ đầu năm."


def test_thanhhoa_author(thanhhoa: ItemAdapter) -> None:
    assert thanhhoa["author"] == "Trung Kiên"


def test_thanhhoa_published_from_the_time_first_date_line(thanhhoa: ItemAdapter) -> None:
    assert thanhhoa["published"].isoformat() == "2025-05-02T07:20:00+07:00"


def test_thanhhoa_body_paragraph_count(thanhhoa: ItemAdapter) -> None:
    assert len(thanhhoa["body"].split("\n\n")) == 2


# --- listing and feed -----------------------------------------------------------------------------


def listing(spider: BaoPhuThoSpider) -> list:
    return run(spider.parse_listing, page(LISTING, SITE, "listing.html", meta={"listing_page": 1}))


def test_listing_article_urls(spider: BaoPhuThoSpider) -> None:
    """``trang-2.htm`` also ends in ``-<digits>.htm`` but is a listing page; ``.html`` is not F6."""
    assert [r.url for r in listing(spider) if r.callback == spider.parse_article] == [
        "https://baophutho.vn/viet-tri-mo-rong-cong-vien-van-lang-them-6-ha-241234.htm",
        "https://baophutho.vn/tam-nong-thu-hoach-buoi-som-241201.htm",
    ]


def test_listing_next_page(spider: BaoPhuThoSpider) -> None:
    assert [r.url for r in listing(spider) if r.callback == spider.parse_listing] == [
        "https://baophutho.vn/xa-hoi.htm?page=2"
    ]


def test_feed_article_requests(spider: BaoPhuThoSpider) -> None:
    requests = run(spider.parse_feed, page("https://baophutho.vn/rss/home.rss", SITE, "feed.rss"))
    assert [r.url for r in requests] == [
        "https://baophutho.vn/viet-tri-mo-rong-cong-vien-van-lang-them-6-ha-241234.htm",
        "https://baophutho.vn/tam-nong-thu-hoach-buoi-som-241201.htm",
    ]
