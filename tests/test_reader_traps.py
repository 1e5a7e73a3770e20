"""Each trap the real pages showed, reproduced in our own pages in the real markup: one field each.

tests/fixtures/baohaiphong (OneCMS: header block inside the body, en-US date meta, local time
labelled Z, prefixed byline, ``meta[name=canonical]``, relative og:image, ad and font-size widgets),
baotayninh (former Long An CMS: stray ``</html>``, embedded document, run-on sapo, CMS-account
author, person/source byline, crawl-time line), baodaklak/article_qa (F3 as Phú Yên serves it:
time-first date, stale header date, placeholder author, Q&A question repeated, nested document,
image table caption, legacy og:url), baoangiang (F4: site-wide tags appended, source credit,
``<base href>`` on another host, keywords meta of the site).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from itemadapter import ItemAdapter

from spiders.baoangiang import BaoAnGiangSpider
from spiders.baodaklak import BaoDakLakSpider
from spiders.baohaiphong import BaoHaiPhongSpider
from spiders.baotayninh import BaoTayNinhSpider
from tests.conftest import ROOT
from tests.spider_fixtures import article_from, fixture_text, make_spider, page

HP_URL = "https://baohaiphong.vn/khanh-thanh-cau-dan-sinh-noi-hai-xa-ven-song-509871.html"
TN_URL = "https://baotayninh.vn/nong-dan-hoa-thanh-thu-hoach-mia-som-nua-thang-91234.html"
DL_URL = "https://phuyen.baodaklak.vn/suc-khoe/201605/dau-lung-khi-ngoi-lau-3c4d5e6/"
AG_URL = "https://baoangiang.com.vn/meo-giu-rau-tuoi-lau-trong-tu-lanh-a410022.html"


def paragraphs(article: ItemAdapter) -> list[str]:
    return article["body"].split("\n\n")


@pytest.fixture(scope="module")
def onecms() -> ItemAdapter:
    return article_from(make_spider(BaoHaiPhongSpider), page(HP_URL, "baohaiphong", "article.html"))


@pytest.fixture(scope="module")
def longan() -> ItemAdapter:
    return article_from(make_spider(BaoTayNinhSpider), page(TN_URL, "baotayninh", "article.html"))


@pytest.fixture(scope="module")
def qa() -> ItemAdapter:
    return article_from(make_spider(BaoDakLakSpider), page(DL_URL, "baodaklak", "article_qa.html"))


@pytest.fixture(scope="module")
def f4() -> ItemAdapter:
    return article_from(make_spider(BaoAnGiangSpider), page(AG_URL, "baoangiang", "article.html"))


# --- OneCMS -------------------------------------------------------------------------------------


def test_onecms_us_meta_and_false_z_do_not_move_the_date(onecms: ItemAdapter) -> None:
    assert onecms["published"].isoformat() == "2025-10-14T09:07:31+07:00"


def test_onecms_dates_agree_once_read_right(onecms: ItemAdapter) -> None:
    assert onecms["date_conflict"] == []


def test_onecms_header_block_is_not_body(onecms: ItemAdapter) -> None:
    assert paragraphs(onecms)[0].startswith("Cây cầu bắc qua sông Văn Úc")


def test_onecms_widgets_and_ads_are_not_body(onecms: ItemAdapter) -> None:
    assert not [p for p in paragraphs(onecms) if "Cỡ chữ" in p or "Mặc định" in p or "loadAd" in p]


def test_onecms_captions_are_not_body(onecms: ItemAdapter) -> None:
    assert not [p for p in paragraphs(onecms) if p.startswith(("Người dân hai xã", "Mặt cầu rộng"))]


def test_onecms_byline_is_not_body(onecms: ItemAdapter) -> None:
    assert paragraphs(onecms)[-1].endswith("sớm hai tháng./.")


def test_onecms_author_without_role_prefix(onecms: ItemAdapter) -> None:
    assert onecms["author"] == "Hoàng Yến"


def test_onecms_sapo_without_dateline(onecms: ItemAdapter) -> None:
    assert onecms["summary"] == "Sáng 14-10, xã An Thắng khánh thành cây cầu dân sinh dài 120 m."


def test_onecms_dateline_from_the_sapo(onecms: ItemAdapter) -> None:
    assert onecms["dateline"] == "(HPĐT)"


def test_onecms_tags(onecms: ItemAdapter) -> None:
    assert onecms["tags"] == ["cầu dân sinh", "giao thông nông thôn"]


def test_onecms_category_is_the_last_breadcrumb(onecms: ItemAdapter) -> None:
    assert onecms["category"] == "Giao thông"


def test_onecms_canonical_from_meta_name(onecms: ItemAdapter) -> None:
    assert onecms["url"] == HP_URL


def test_onecms_relative_og_image_resolved(onecms: ItemAdapter) -> None:
    assert onecms["image_url"] == "https://baohaiphong.vn/baohp/thumbs/1200x630/2025/10/14/cau-dan-sinh.jpg"


# --- former Long An CMS (Báo Tây Ninh) ------------------------------------------------------------


def test_longan_title_despite_the_stray_end_tag(longan: ItemAdapter) -> None:
    assert longan["title"] == "Nông dân Hòa Thành thu hoạch mía sớm nửa tháng"


def test_longan_printed_date_not_the_crawl_time(longan: ItemAdapter) -> None:
    assert longan["published"].isoformat() == "2025-11-20T07:45:00+07:00"


def test_longan_sapo_is_the_inner_one(longan: ItemAdapter) -> None:
    assert longan["summary"] == "Vụ mía năm nay vào mùa sớm hơn mọi năm nửa tháng nhờ thời tiết khô ráo."


def test_longan_body_from_the_embedded_document(longan: ItemAdapter) -> None:
    assert paragraphs(longan) == [
        "Giá ổn định",
        "Ruộng mía ven kênh Đông đã chín đều, thương lái vào tận ruộng thu mua với giá 1,1 triệu đồng mỗi tấn.",
        "Nhà máy đường trong tỉnh mở cửa nhận mía từ đầu tuần, sớm hơn kế hoạch mười ngày để kịp chế biến.",
    ]


def test_longan_author_is_the_person_not_the_account(longan: ItemAdapter) -> None:
    assert longan["author"] == "Bảo Trâm"


def test_longan_credit_is_the_source_paper(longan: ItemAdapter) -> None:
    assert longan["credit"] == "Báo Tin tức"


def test_longan_category(longan: ItemAdapter) -> None:
    assert longan["category"] == "Nông nghiệp"


def test_longan_site_keywords_are_not_tags(longan: ItemAdapter) -> None:
    assert longan["tags"] == []


# --- F3 as Phú Yên serves it -----------------------------------------------------------------------


def test_f3_time_first_date_not_the_stale_header(qa: ItemAdapter) -> None:
    assert qa["published"].isoformat() == "2016-05-12T08:30:00+07:00"


def test_f3_placeholder_is_not_the_author(qa: ItemAdapter) -> None:
    assert qa["author"] == "BS NGUYỄN VĂN PHÚC"


def test_f3_question_is_the_sapo(qa: ItemAdapter) -> None:
    assert qa["summary"] == "Hỏi: Tôi làm văn phòng, ngồi nhiều nên hay đau lưng về chiều. Tôi nên làm gì?"


def test_f3_question_is_not_repeated_in_the_body(qa: ItemAdapter) -> None:
    assert paragraphs(qa)[0] == "Lê Thị Hoa"


def test_f3_image_table_caption_is_not_body(qa: ItemAdapter) -> None:
    assert "Ảnh minh họa: Internet" not in paragraphs(qa)


def test_f3_answer_ends_the_body(qa: ItemAdapter) -> None:
    assert paragraphs(qa)[-1].startswith("Nếu cơn đau lan xuống chân")


def test_f3_legacy_og_url_does_not_replace_the_address(qa: ItemAdapter) -> None:
    assert qa["url"] == DL_URL


def test_f3_glued_og_image_is_unglued(qa: ItemAdapter) -> None:
    assert (
        qa["image_url"]
        == "http://baophuyen.vn/Upload/Images/2016/5/dau-lung.jpg?width=600&height=-&type=resize"
    )


def test_f3_category(qa: ItemAdapter) -> None:
    assert qa["category"] == "Sức khỏe"


def test_f3_site_keywords_are_not_tags(qa: ItemAdapter) -> None:
    assert qa["tags"] == []


# --- F4 as Báo An Giang serves it ---------------------------------------------------------------


def test_f4_site_wide_tags_are_dropped(f4: ItemAdapter) -> None:
    assert f4["tags"] == ["rau xanh"]


def test_f4_credit_is_not_an_author(f4: ItemAdapter) -> None:
    assert (f4["author"], f4["credit"]) == (None, "Vietnamnet")


def test_f4_credit_is_not_body(f4: ItemAdapter) -> None:
    assert paragraphs(f4)[-1].startswith("Không để rau sát thành sau")


def test_f4_title_from_the_detail_heading(f4: ItemAdapter) -> None:
    assert f4["title"] == "Mẹo giữ rau tươi lâu trong tủ lạnh"


def test_f4_printed_minute_beats_unbacked_seconds(f4: ItemAdapter) -> None:
    assert f4["published"].isoformat() == "2025-11-03T16:20:00+07:00"


def test_f4_category_is_the_last_breadcrumb(f4: ItemAdapter) -> None:
    assert f4["category"] == "Gia đình"


def test_f4_url_from_og_url_without_canonical(f4: ItemAdapter) -> None:
    assert f4["url"] == AG_URL


def test_f4_body_images_resolve_against_base_href(f4: ItemAdapter) -> None:
    assert (
        'src="https://images.baoangiang.com.vn/static/templates/version1/homepage/image/news/2025/'
        in f4["body_html"]
    )


# --- what `baotinh extract` tells a person ------------------------------------------------------


def test_extract_command_prints_sources_and_date_conflicts(tmp_path: Path) -> None:
    text = fixture_text("baothainguyen", "article.html").replace("2025-10-09T07:45:12", "2025-10-02T21:00:00")
    saved = tmp_path / "page.html"
    saved.write_text(text, encoding="utf-8")
    url = "https://baothainguyen.vn/kinh-te/202510/dai-tu-vao-vu-che-dong-1f2e3d4/"
    done = subprocess.run(
        [sys.executable, "-m", "aggregator.cli", "extract", str(saved), "--url", url],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    found = json.loads(done.stdout)
    assert (found["provenance"]["published"], found["date_conflict"][0]["source"], done.returncode) == (
        "selector",
        "meta",
        0,
    )
    assert "date conflict: meta says '2025-10-02T21:00:00+07:00'" in done.stderr
    assert re.search(r"^published\s+selector\s+2025-10-09T07:45:00\+07:00$", done.stderr, re.M)
