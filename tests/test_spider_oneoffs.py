"""The one-off papers (and the ``.bbg`` platform) on hand-written pages in their markup.

No real page of any of them was available: each fixture follows what SITES.md records for that
paper (Báo Bắc Ninh's ``.bbg`` CMS, Báo Ninh Bình's 15-digit ids, Báo Lai Châu's ``#post-content``,
Báo Điện Biên Phủ's ``/tin-bai/`` articles found from the home page, Báo Hậu Giang's section and
article URLs, Báo Sơn La's ``div.fulltext`` / ``#editor-detail``) and is otherwise [inferred] as the
spiders document, with our own text. Each test asserts one field of one paper.
"""

from __future__ import annotations

from typing import Any

import pytest
from itemadapter import ItemAdapter

from spiders.baobacninhtv import BaoBacNinhSpider
from spiders.baodienbienphu import BaoDienBienPhuSpider
from spiders.baohaugiang import BaoHauGiangSpider
from spiders.baolaichau import BaoLaiChauSpider
from spiders.baoninhbinh import BaoNinhBinhSpider
from spiders.baosonla import BaoSonLaSpider
from tests.spider_fixtures import article_from, make_spider, page, run

SPIDERS: dict[str, type] = {
    "baobacninhtv": BaoBacNinhSpider,
    "baoninhbinh": BaoNinhBinhSpider,
    "baolaichau": BaoLaiChauSpider,
    "baodienbienphu": BaoDienBienPhuSpider,
    "baohaugiang": BaoHauGiangSpider,
    "baosonla": BaoSonLaSpider,
}

URLS = {
    "baobacninhtv": "https://baobacninhtv.vn/luc-ngan-vao-mua-vai-thieu-som-postid412345.bbg",
    "baoninhbinh": "https://baoninhbinh.org.vn/hoa-lu-don-khach-dip-le-hoi-trang-an-202503150812345.html",
    "baolaichau": "https://baolaichau.vn/kinh-te/tam-duong-mo-rong-vung-che-chat-luong-cao-52345",
    "baodienbienphu": "https://baodienbienphu.vn/tin-bai/kinh-te/muong-ang-mo-rong-vung-ca-phe",
    "baohaugiang": "https://baohaugiang.com.vn/thoi-su/vi-thanh-thong-xe-cau-moi-qua-kenh-xa-no-134567.html",
    "baosonla": "https://baosonla.vn/kinh-te/moc-chau-vao-vu-man-hau-70123.html",
}

EXPECTED: dict[str, dict[str, Any]] = {
    "baobacninhtv": {
        "title": "Lục Ngạn vào mùa vải thiều sớm",
        "summary": "Những vườn vải sớm ở xã Lục Ngạn đã cho thu hoạch, giá bán tại vườn cao hơn năm trước.",
        "first": "Tại các điểm cân vải trên tuyến đường vào xã, thương lái thu mua từ 4 giờ sáng.",
        "last": "Năm nay toàn vùng có khoảng 3.000 ha vải sớm, sản lượng ước đạt 25.000 tấn.",
        "paragraphs": 2,
        "author": "Thanh Tùng",
        "published": "2025-05-28T05:40:00+07:00",
        "category": "Kinh tế",
        "platform": "bbg",
    },
    "baoninhbinh": {
        "title": "Hoa Lư đón khách dịp lễ hội Tràng An",
        "summary": "Lễ hội Tràng An năm nay kéo dài ba ngày với nhiều hoạt động văn hóa dân gian.",
        "first": "Ngay từ sáng sớm, bến thuyền Tràng An đã đông du khách xếp hàng lên thuyền.",
        "last": "Ban tổ chức bố trí thêm 200 thuyền để phục vụ khách trong những ngày cao điểm.",
        "paragraphs": 2,
        "author": "Khánh Linh",
        "published": "2025-03-15T08:12:00+07:00",
        "category": "Văn hóa",
        "platform": "one-off",
    },
    "baolaichau": {
        "title": "Tam Đường mở rộng vùng chè chất lượng cao",
        "summary": "Năm nay xã Tam Đường trồng mới thêm 120 ha chè giống mới, nâng tổng diện tích lên hơn 1.000 ha.",
        "first": "Bà con được hỗ trợ cây giống và phân bón trong hai năm đầu.",
        "last": "Hợp tác xã cam kết bao tiêu toàn bộ sản phẩm búp tươi cho các hộ tham gia.",
        "paragraphs": 2,
        "author": "Đình Nam",
        "published": "2025-04-02T14:30:00+07:00",
        "category": "Kinh tế",
        "platform": "one-off",
    },
    "baodienbienphu": {
        "title": "Mường Ảng mở rộng vùng cà phê",
        "summary": "Xã Mường Ảng đặt mục tiêu có 500 ha cà phê chè vào năm 2030.",
        "first": "Nhiều hộ dân đã chuyển diện tích ngô kém hiệu quả sang trồng cà phê xen cây che bóng.",
        "last": "Cán bộ khuyến nông thường xuyên xuống vườn hướng dẫn bà con cắt tỉa và bón phân.",
        "paragraphs": 2,
        "author": "Minh Châu",
        "published": "2025-07-22T09:05:00+07:00",
        "category": "Kinh tế",
        "platform": "one-off",
    },
    "baohaugiang": {
        "title": "Vị Thanh thông xe cầu mới qua kênh Xà No",
        "summary": "Cây cầu dài 120 m giúp người dân hai bờ kênh không còn phải đi đò.",
        "first": "Công trình được khởi công từ đầu năm, tổng vốn hơn 40 tỷ đồng.",
        "last": "Các hộ dân ven kênh đã góp đất để mở đường dẫn lên cầu.",
        "paragraphs": 2,
        "author": "Minh Khôi",
        "published": "2025-09-02T15:00:00+07:00",
        "category": "Thời sự",
        "platform": "one-off",
    },
    "baosonla": {
        "title": "Mộc Châu vào vụ mận hậu",
        "summary": "Mận hậu Mộc Châu năm nay được mùa, các hợp tác xã đã ký hợp đồng tiêu thụ với siêu thị.",
        "first": "Từ đầu tháng năm, các vườn mận ở phường Mộc Châu đã cho thu hoạch lứa quả đầu.",
        "last": "Nhờ áp dụng quy trình VietGAP, quả mận đều và giữ được lâu hơn.",
        "paragraphs": 2,
        "author": "Phương Thảo",
        "published": "2025-05-30T06:20:00+07:00",
        "category": "Kinh tế",
        "platform": "F1",
    },
}

# (listing URL, fixture, article links in page order, next page)
LISTINGS: dict[str, tuple[str, str, list[str], str | None]] = {
    "baobacninhtv": (
        "https://baobacninhtv.vn/kinh-te/",
        "listing.html",
        [URLS["baobacninhtv"], "https://baobacgiang.vn/yen-the-trong-rung-postid398765.bbg"],
        "https://baobacninhtv.vn/kinh-te/?page=2",
    ),
    "baoninhbinh": (
        "https://baoninhbinh.org.vn/van-hoa/",
        "listing.html",
        [URLS["baoninhbinh"], "https://baoninhbinh.org.vn/phu-ly-mo-duong-moi-202503140915001.html"],
        "https://baoninhbinh.org.vn/van-hoa/?page=2",
    ),
    "baolaichau": (
        "https://baolaichau.vn/kinh-te",
        "listing.html",
        [URLS["baolaichau"], "https://baolaichau.vn/kinh-te/than-uyen-vao-vu-lua-52300"],
        "https://baolaichau.vn/kinh-te?page=2",
    ),
    "baodienbienphu": (
        "https://baodienbienphu.vn/",
        "home.html",
        [URLS["baodienbienphu"], "https://baodienbienphu.vn/tin-bai/thoi-su/tuan-giao-khanh-thanh-cau-treo"],
        None,
    ),
    "baohaugiang": (
        "https://baohaugiang.com.vn/thoi-su-215.html",
        "listing.html",
        [URLS["baohaugiang"], "https://baohaugiang.com.vn/kinh-te/nga-bay-cho-noi-134501.html"],
        "https://baohaugiang.com.vn/thoi-su-215.html?page=2",
    ),
    "baosonla": (
        "https://baosonla.vn/kinh-te",
        "listing.html",
        [URLS["baosonla"], "https://baosonla.vn/thoi-su/thuan-chau-mo-duong-70110.html"],
        "https://baosonla.vn/kinh-te?page=2",
    ),
}

SITES = sorted(SPIDERS)


@pytest.fixture(scope="module")
def articles() -> dict[str, ItemAdapter]:
    return {
        site: article_from(make_spider(SPIDERS[site]), page(URLS[site], site, "article.html"))
        for site in SITES
    }


def paragraphs(article: ItemAdapter) -> list[str]:
    return article["body"].split("\n\n")


@pytest.mark.parametrize("site", SITES)
def test_title(articles: dict[str, ItemAdapter], site: str) -> None:
    assert articles[site]["title"] == EXPECTED[site]["title"]


@pytest.mark.parametrize("site", SITES)
def test_summary(articles: dict[str, ItemAdapter], site: str) -> None:
    assert articles[site]["summary"] == EXPECTED[site]["summary"]


@pytest.mark.parametrize("site", SITES)
def test_body_first_paragraph(articles: dict[str, ItemAdapter], site: str) -> None:
    assert paragraphs(articles[site])[0] == EXPECTED[site]["first"]


@pytest.mark.parametrize("site", SITES)
def test_body_last_paragraph(articles: dict[str, ItemAdapter], site: str) -> None:
    assert paragraphs(articles[site])[-1] == EXPECTED[site]["last"]


@pytest.mark.parametrize("site", SITES)
def test_body_paragraph_count(articles: dict[str, ItemAdapter], site: str) -> None:
    """Sapo, byline, related links and ad slots are not paragraphs of the story."""
    assert len(paragraphs(articles[site])) == EXPECTED[site]["paragraphs"]


@pytest.mark.parametrize("site", SITES)
def test_author(articles: dict[str, ItemAdapter], site: str) -> None:
    assert articles[site]["author"] == EXPECTED[site]["author"]


@pytest.mark.parametrize("site", SITES)
def test_published(articles: dict[str, ItemAdapter], site: str) -> None:
    assert articles[site]["published"].isoformat() == EXPECTED[site]["published"]


@pytest.mark.parametrize("site", SITES)
def test_category(articles: dict[str, ItemAdapter], site: str) -> None:
    assert articles[site]["category"] == EXPECTED[site]["category"]


@pytest.mark.parametrize("site", SITES)
def test_platform(articles: dict[str, ItemAdapter], site: str) -> None:
    assert articles[site]["platform"] == EXPECTED[site]["platform"]


@pytest.mark.parametrize("site", SITES)
def test_no_ads_in_body_html(articles: dict[str, ItemAdapter], site: str) -> None:
    assert "rennab" not in articles[site]["body_html"]


# --- listings -------------------------------------------------------------------------------------


def listing(site: str) -> tuple[Any, list[Any]]:
    spider = make_spider(SPIDERS[site])
    url, name, _, _ = LISTINGS[site]
    return spider, run(spider.parse_listing, page(url, site, name, meta={"listing_page": 1}))


@pytest.mark.parametrize("site", SITES)
def test_listing_article_urls(site: str) -> None:
    """Section pages, other sites and wrong id shapes are skipped; old domains are followed."""
    spider, requests = listing(site)
    assert [r.url for r in requests if r.callback == spider.parse_article] == LISTINGS[site][2]


@pytest.mark.parametrize("site", SITES)
def test_listing_next_page(site: str) -> None:
    spider, requests = listing(site)
    following = [r.url for r in requests if r.callback == spider.parse_listing]
    assert following == ([LISTINGS[site][3]] if LISTINGS[site][3] else [])
