"""Platform F3 ("/{category}/{YYYYMM}/{slug}-{hex7}/") on hand-written pages in its markup.

No real page of the platform was available: the fixtures follow the F3 facts of SITES.md (Báo Thái
Nguyên's ``a.title2``, ``div.desc``, ``div.content-detail``; Báo Tuyên Quang's
``h1.media-heading.title5`` and bold sapo inside ``div.content#content``; Báo Đồng Nai's
``.td-post-content`` opening with the sapo) with our own text.
"""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.baodongnai import BaoDongNaiSpider
from spiders.baothainguyen import BaoThaiNguyenSpider
from spiders.baotuyenquang import BaoTuyenQuangSpider
from spiders.platforms.yearmonth import months_apart, url_month
from tests.spider_fixtures import article_from, fixture_text, make_spider, page, run

SITE = "baothainguyen"
URL = "https://baothainguyen.vn/kinh-te/202510/dai-tu-vao-vu-che-dong-1f2e3d4/"
LISTING = "https://baothainguyen.vn/kinh-te/"
MISMATCH = "baotinh/date/url_month_mismatch"


@pytest.fixture(scope="module")
def spider() -> BaoThaiNguyenSpider:
    return make_spider(BaoThaiNguyenSpider, BAOTINH_MAX_LISTING_PAGES=3)


@pytest.fixture(scope="module")
def article(spider: BaoThaiNguyenSpider) -> ItemAdapter:
    return article_from(spider, page(URL, SITE, "article.html"))


# --- the article --------------------------------------------------------------------------------


def test_title(article: ItemAdapter) -> None:
    assert article["title"] == "Đại Từ vào vụ chè đông sớm hơn mọi năm"


def test_summary(article: ItemAdapter) -> None:
    assert article["summary"] == (
        "Nhờ tưới phun mưa và đốn tỉa đúng lịch, nhiều hợp tác xã chè ở Đại Từ đã hái lứa chè đông "
        "đầu tiên sớm hơn khoảng hai tuần."
    )


def test_body_first_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[0] == (
        "Từ sáng sớm, các đồi chè ở xã Đại Từ đã rộn tiếng người gọi nhau đi hái lứa búp đầu tiên của vụ đông."
    )


def test_body_last_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[-1] == (
        "Huyện tiếp tục hướng dẫn bà con sản xuất theo tiêu chuẩn VietGAP để giữ vững thương hiệu chè Thái Nguyên."
    )


def test_body_paragraph_count(article: ItemAdapter) -> None:
    """Caption, ad slot and byline are not paragraphs of the story."""
    assert len(article["body"].split("\n\n")) == 4


def test_author(article: ItemAdapter) -> None:
    assert article["author"] == "Hồng Nhung"


def test_published(article: ItemAdapter) -> None:
    """The printed 07:45 and the meta's 07:45:12 agree; one each, the printed line is trusted more."""
    assert article["published"].isoformat() == "2025-10-09T07:45:00+07:00"


def test_agreeing_dates_are_no_conflict(article: ItemAdapter) -> None:
    assert article["date_conflict"] == []


def test_published_from_the_date_line(spider: BaoThaiNguyenSpider) -> None:
    text = fixture_text(SITE, "article.html").replace('property="article:published_time"', 'property="x"')
    assert article_from(spider, page(URL, text=text))["published"].isoformat() == "2025-10-09T07:45:00+07:00"


def test_category(article: ItemAdapter) -> None:
    assert article["category"] == "Kinh tế"


def test_tags(article: ItemAdapter) -> None:
    assert article["tags"] == ["chè đông", "Đại Từ"]


def test_image_url(article: ItemAdapter) -> None:
    assert article["image_url"] == "https://baothainguyen.vn/uploads/2025/10/09/hai-che-dong-dai-tu.jpg"


def test_caption_not_in_body(article: ItemAdapter) -> None:
    assert "hái chè vụ đông." not in article["body"]


@pytest.mark.parametrize("junk", ["adsbygoogle", "<script", "Thứ năm, 09/10/2025"])
def test_no_ads_or_date_line_in_body_html(article: ItemAdapter, junk: str) -> None:
    assert junk not in article["body_html"]


def test_platform(article: ItemAdapter) -> None:
    assert article["platform"] == "F3"


# --- the URL's year-month folder as a date check -------------------------------------------------


def test_url_month() -> None:
    assert url_month(URL) == (2025, 10)


def test_url_month_absent() -> None:
    assert url_month("https://baothainguyen.vn/kinh-te/") is None


@pytest.mark.parametrize(
    ("raw", "apart"),
    [("2025-10-09T07:45:12+07:00", 0), ("30/09/2025 23:50", 1), ("01/12/2025 08:00", 2), ("", None)],
)
def test_months_apart(raw: str, apart: int | None) -> None:
    assert months_apart(URL, raw) == apart


def test_month_mismatch_counted() -> None:
    spider = make_spider(BaoThaiNguyenSpider)
    text = fixture_text(SITE, "article.html").replace("2025-10-09T07:45:12", "2025-06-09T07:45:12")
    article_from(spider, page(URL, text=text.replace("09/10/2025 07:45", "09/06/2025 07:45")))
    assert spider.crawler.stats.get_value(MISMATCH) == 1


def test_matching_month_not_counted() -> None:
    spider = make_spider(BaoThaiNguyenSpider)
    article_from(spider, page(URL, SITE, "article.html"))
    assert spider.crawler.stats.get_value(MISMATCH) is None


# --- Báo Tuyên Quang: the sapo is the body's bold first paragraph, the date line sits in the body --

TQ_URL = "https://baotuyenquang.com.vn/xa-hoi/giao-duc/202511/meo-vac-mo-them-lop-hoc-xoa-mu-chu/"


@pytest.fixture(scope="module")
def tuyenquang() -> ItemAdapter:
    return article_from(make_spider(BaoTuyenQuangSpider), page(TQ_URL, "baotuyenquang", "article.html"))


def test_tuyenquang_title(tuyenquang: ItemAdapter) -> None:
    assert tuyenquang["title"] == "Mèo Vạc mở thêm lớp học xóa mù chữ cho phụ nữ"


def test_tuyenquang_summary_is_the_bold_first_paragraph(tuyenquang: ItemAdapter) -> None:
    assert tuyenquang["summary"] == (
        "Sau giờ làm nương, hơn 40 phụ nữ người Mông ở xã Mèo Vạc lại đến điểm trường để học đọc, học viết."
    )


def test_tuyenquang_body_starts_after_the_sapo(tuyenquang: ItemAdapter) -> None:
    assert tuyenquang["body"].split("\n\n")[0] == (
        "Lớp học do giáo viên Trường Tiểu học Mèo Vạc phụ trách, mỗi tuần ba buổi tối."
    )


def test_tuyenquang_body_paragraph_count(tuyenquang: ItemAdapter) -> None:
    assert len(tuyenquang["body"].split("\n\n")) == 2


def test_tuyenquang_published_from_the_date_line(tuyenquang: ItemAdapter) -> None:
    assert tuyenquang["published"].isoformat() == "2025-11-03T16:05:00+07:00"


def test_tuyenquang_author(tuyenquang: ItemAdapter) -> None:
    assert tuyenquang["author"] == "Khánh Linh"


def test_tuyenquang_category(tuyenquang: ItemAdapter) -> None:
    assert tuyenquang["category"] == "Giáo dục"


# --- Báo Đồng Nai: the sapo is the plain first paragraph of .td-post-content ---------------------

DN_URL = "https://baodongnai.com.vn/kinh-te/202510/nhon-trach-khoi-cong-ben-cang-tong-hop-0a1b2c3/"


@pytest.fixture(scope="module")
def dongnai() -> ItemAdapter:
    return article_from(make_spider(BaoDongNaiSpider), page(DN_URL, "baodongnai", "article.html"))


def test_dongnai_summary_is_the_first_paragraph(dongnai: ItemAdapter) -> None:
    assert dongnai["summary"] == (
        "Bến cảng tổng hợp ở xã Nhơn Trạch có tổng vốn khoảng 1.200 tỷ đồng, dự kiến hoàn thành trong hai năm."
    )


def test_dongnai_body_first_paragraph(dongnai: ItemAdapter) -> None:
    assert dongnai["body"].split("\n\n")[0] == (
        "Sáng 20/10, chủ đầu tư cùng chính quyền địa phương tổ chức lễ khởi công bến cảng trên sông Đồng Nai."
    )


def test_dongnai_author(dongnai: ItemAdapter) -> None:
    assert dongnai["author"] == "Đình Nam"


def test_dongnai_published(dongnai: ItemAdapter) -> None:
    assert dongnai["published"].isoformat() == "2025-10-20T09:10:00+07:00"


# --- listing and feed -----------------------------------------------------------------------------


def listing(spider: BaoThaiNguyenSpider, number: int) -> list:
    return run(spider.parse_listing, page(LISTING, SITE, "listing.html", meta={"listing_page": number}))


def test_listing_article_urls(spider: BaoThaiNguyenSpider) -> None:
    """``a.title2`` links in page order, each once, relative links resolved, tracking stripped;
    the video and the section link are not articles."""
    urls = [r.url for r in listing(spider, 1) if r.callback == spider.parse_article]
    assert urls == [
        "https://baothainguyen.vn/kinh-te/202510/dai-tu-vao-vu-che-dong-1f2e3d4/",
        "https://baothainguyen.vn/kinh-te/202510/pho-yen-them-mot-khu-cong-nghiep-2a3b4c5/",
        "https://baothainguyen.vn/kinh-te/202510/cho-dong-xuan-mua-nong-san-3b4c5d6/",
        "https://baothainguyen.vn/kinh-te/202509/dinh-hoa-giu-rung-5d6e7f8/",
    ]


def test_listing_next_page(spider: BaoThaiNguyenSpider) -> None:
    following = [r for r in listing(spider, 1) if r.callback == spider.parse_listing]
    assert [(r.url, r.meta["listing_page"]) for r in following] == [
        ("https://baothainguyen.vn/kinh-te/?page=2", 2)
    ]


def test_listing_stops_at_the_depth_limit(spider: BaoThaiNguyenSpider) -> None:
    assert [r for r in listing(spider, 3) if r.callback == spider.parse_listing] == []


def test_feed_article_requests(spider: BaoThaiNguyenSpider) -> None:
    requests = run(spider.parse_feed, page("https://baothainguyen.vn/rss/home.rss", SITE, "feed.rss"))
    assert {r.url: r.meta["feed_date"] for r in requests} == {
        "https://baothainguyen.vn/kinh-te/202510/dai-tu-vao-vu-che-dong-1f2e3d4/": "Thu, 09 Oct 2025 07:45:12 +0700",
        "https://baothainguyen.vn/kinh-te/202510/pho-yen-them-mot-khu-cong-nghiep-2a3b4c5/": "Tue, 07 Oct 2025 15:20:00 +0700",
    }
