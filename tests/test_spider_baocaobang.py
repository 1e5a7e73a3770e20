"""Báo Cao Bằng (platform F2 with its own habits) on a hand-written page: tests/fixtures/baocaobang.

SITES.md records two quirks of this paper: Vietnamese spelled as HTML entities (``N&ocirc;ng``,
even double-encoded in meta tags) and the sapo printed as the body's first, bold paragraph instead
of F2's ``h2``. The fixture has both, with our own text.
"""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from spiders.baocaobang import BaoCaoBangSpider
from tests.spider_fixtures import article_from, make_spider, page

URL = "https://baocaobang.vn/Trung-Khanh-vao-mua-hat-de-38412.html"


@pytest.fixture(scope="module")
def article() -> ItemAdapter:
    return article_from(make_spider(BaoCaoBangSpider), page(URL, "baocaobang", "article.html"))


def test_title_from_entities(article: ItemAdapter) -> None:
    assert article["title"] == "Trùng Khánh vào mùa hạt dẻ"


def test_summary_is_the_bold_first_paragraph(article: ItemAdapter) -> None:
    assert article["summary"] == "Nông dân xã Trùng Khánh đang vào vụ thu hoạch hạt dẻ, giá bán ổn định."


def test_body_first_paragraph(article: ItemAdapter) -> None:
    assert article["body"].split("\n\n")[0] == "Năm nay cây dẻ ra quả đều, nhiều hộ thu trên 5 tạ hạt."


def test_body_paragraph_count(article: ItemAdapter) -> None:
    """Sapo, byline and the "Cùng chuyên mục" block are not paragraphs of the story."""
    assert len(article["body"].split("\n\n")) == 2


def test_author(article: ItemAdapter) -> None:
    assert article["author"] == "BÍCH NGỌC"


def test_published(article: ItemAdapter) -> None:
    assert article["published"].isoformat() == "2025-09-18T07:00:00+07:00"


def test_category(article: ItemAdapter) -> None:
    assert article["category"] == "Kinh tế"


def test_summary_falls_back_to_the_double_encoded_description() -> None:
    """Without the bold paragraph the meta description, entities encoded twice, still reads right."""
    text = (page(URL, "baocaobang", "article.html").text).replace("<p><strong>N&ocirc;ng", "<p>N&ocirc;ng", 1)
    article = article_from(make_spider(BaoCaoBangSpider), page(URL, text=text))
    assert article["summary"] == "Nông dân Trùng Khánh thu hoạch hạt dẻ."
