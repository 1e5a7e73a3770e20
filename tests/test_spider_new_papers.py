"""The papers of Hà Nội, TP. Hồ Chí Minh and Huế on pages we wrote in their markup: one field each.

tests/fixtures/hanoimoi (OneCMS: ``div.c-detail-head``, ``span.c-detail-head__author``,
``p.block-sc-sapo``, en-US date meta, false-Z script), sggp (the F1 class family), huengaynay (no
known selectors: read by the structured-data and generic fallbacks, a printed date line above the
text and the ``HNN.VN -`` dateline).
"""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.hanoimoi import HaNoiMoiSpider
from spiders.huengaynay import HueNgayNaySpider
from spiders.sggp import SaiGonGiaiPhongSpider
from tests.spider_fixtures import article_from, make_spider, page

HNM = "https://hanoimoi.vn/ho-tay-them-tuyen-pho-di-bo-cuoi-tuan-712345.html"
SGGP = "https://www.sggp.org.vn/thu-duc-thong-xe-cau-vuot-nut-giao-phia-dong-post812345.html"
HNN = "https://huengaynay.vn/kinh-te/du-lich/phu-loc-don-tau-du-lich-dau-mua-156789.html"


@pytest.fixture(scope="module")
def hnm() -> ItemAdapter:
    return article_from(make_spider(HaNoiMoiSpider), page(HNM, "hanoimoi", "article.html"))


@pytest.fixture(scope="module")
def sggp() -> ItemAdapter:
    return article_from(make_spider(SaiGonGiaiPhongSpider), page(SGGP, "sggp", "article.html"))


@pytest.fixture(scope="module")
def hnn() -> ItemAdapter:
    return article_from(make_spider(HueNgayNaySpider), page(HNN, "huengaynay", "article.html"))


def test_hanoimoi_title(hnm: ItemAdapter) -> None:
    assert hnm["title"] == "Hồ Tây thêm tuyến phố đi bộ cuối tuần"


def test_hanoimoi_published(hnm: ItemAdapter) -> None:
    assert hnm["published"].isoformat() == "2026-03-05T10:17:42+07:00"


def test_hanoimoi_author(hnm: ItemAdapter) -> None:
    assert hnm["author"] == "Thu Hà"


def test_hanoimoi_sapo(hnm: ItemAdapter) -> None:
    assert hnm["summary"].startswith("Từ tối thứ Sáu tuần này")


def test_hanoimoi_body_without_the_header(hnm: ItemAdapter) -> None:
    assert hnm["body"].split("\n\n")[0].startswith("Quận đã bố trí bãi trông giữ xe")


def test_hanoimoi_category(hnm: ItemAdapter) -> None:
    assert hnm["category"] == "Giao thông"


def test_hanoimoi_tags(hnm: ItemAdapter) -> None:
    assert hnm["tags"] == ["phố đi bộ"]


def test_hanoimoi_read_by_its_selectors(hnm: ItemAdapter) -> None:
    assert [hnm["provenance"][f] for f in ("title", "published", "body")] == ["selector"] * 3


def test_hanoimoi_skips_event_pages() -> None:
    spider = make_spider(HaNoiMoiSpider)
    assert (
        spider.is_article_url(HNM),
        spider.is_article_url("https://hanoimoi.vn/le-hoi-hoa-event4567.html"),
    ) == (
        True,
        False,
    )


def test_sggp_title(sggp: ItemAdapter) -> None:
    assert sggp["title"] == "Thủ Đức thông xe cầu vượt nút giao phía Đông"


def test_sggp_published(sggp: ItemAdapter) -> None:
    assert sggp["published"].isoformat() == "2026-03-05T08:40:00+07:00"


def test_sggp_author(sggp: ItemAdapter) -> None:
    assert sggp["author"] == "Minh Khang"


def test_sggp_body_without_ads(sggp: ItemAdapter) -> None:
    assert sggp["body"].split("\n\n") == [
        "Sáng 5-3, đơn vị thi công đã hoàn tất thảm nhựa và sơn vạch kẻ đường trên toàn bộ mặt cầu.",
        "Lưu lượng xe qua nút giao giờ cao điểm được dự báo giảm một phần ba trong những tháng tới.",
    ]


def test_sggp_category(sggp: ItemAdapter) -> None:
    assert sggp["category"] == "Xã hội"


def test_sggp_url(sggp: ItemAdapter) -> None:
    assert sggp["url"] == SGGP


def test_huengaynay_title_from_structured_data(hnn: ItemAdapter) -> None:
    assert (hnn["title"], hnn["provenance"]["title"]) == ("Phú Lộc đón tàu du lịch đầu mùa", "meta")


def test_huengaynay_published(hnn: ItemAdapter) -> None:
    assert hnn["published"].isoformat() == "2026-03-05T10:17:00+07:00"


def test_huengaynay_dateline(hnn: ItemAdapter) -> None:
    assert hnn["dateline"] == "HNN.VN"


def test_huengaynay_sapo_without_dateline(hnn: ItemAdapter) -> None:
    assert hnn["summary"].startswith("Con tàu chở gần hai nghìn khách quốc tế")


def test_huengaynay_body_by_the_generic_reader(hnn: ItemAdapter) -> None:
    paragraphs = hnn["body"].split("\n\n")
    assert (paragraphs[0][:30], hnn["provenance"]["body"]) == ("Ngay sau khi tàu cập cảng, du ", "generic")


def test_huengaynay_author(hnn: ItemAdapter) -> None:
    assert hnn["author"] == "Thanh Bình"


def test_huengaynay_category(hnn: ItemAdapter) -> None:
    assert hnn["category"] == "Du lịch"


def test_huengaynay_accepts_the_old_domain() -> None:
    spider = make_spider(HueNgayNaySpider)
    assert spider.is_article_url(
        "https://baothuathienhue.vn/chinh-tri-xa-hoi/phu-loc-don-tau-du-lich-145678.html"
    )
