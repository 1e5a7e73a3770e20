"""Datelines split from the sapo as well as from the body, in every marker shape the papers print."""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter

from aggregator.cli.reading import extract_file
from aggregator.extract.body import split_lead_dateline
from aggregator.pipelines import normalize_article

REST = "Sáng nay, nông dân xã ven sông bắt đầu xuống giống vụ mới."


@pytest.mark.parametrize(
    ("lead", "dateline"),
    [
        ("(CTO) - ", "(CTO)"),
        ("(Baonghean.vn) - ", "(Baonghean.vn)"),
        ("(HPĐT)-", "(HPĐT)"),
        ("(PLO)- ", "(PLO)"),
        ("HNN.VN - ", "HNN.VN"),
        ("TTH - ", "TTH"),
        ("TTH – ", "TTH"),
    ],
)
def test_marker_shapes(lead: str, dateline: str) -> None:
    assert split_lead_dateline(lead + REST) == (dateline, REST)


def test_spider_marker_glued_to_the_first_word() -> None:
    assert split_lead_dateline("LSOSáng nay, nông dân xuống giống.", ("LSO",)) == (
        "LSO",
        "Sáng nay, nông dân xuống giống.",
    )


@pytest.mark.parametrize("text", [REST, "Hà Nội - nơi hội tụ", "UBND tỉnh vừa ban hành", "(Ảnh minh họa)"])
def test_no_dateline(text: str) -> None:
    assert split_lead_dateline(text) == (None, text)


def normalized(url: str, summary: str, body_html: str) -> tuple[str | None, str | None]:
    """(dateline, summary) of an article once the Normalize step has run."""
    article = ItemAdapter(
        {"url": url, "title": "Nông dân xuống giống", "summary": summary, "body_html": body_html}
    )
    normalize_article(article)
    return article["dateline"], article["summary"]


def test_sapo_dateline_moves_to_the_dateline_field() -> None:
    body = "<p>Đoạn thân bài thứ nhất.</p><p>Đoạn thân bài thứ hai.</p>"
    assert normalized("https://baohaiphong.vn/a-472001.html", "(HPĐT)-" + REST, body) == ("(HPĐT)", REST)


def test_a_body_dateline_wins_and_the_sapo_loses_its_copy() -> None:
    body = "<p>(CTO) - Đoạn thân bài thứ nhất.</p><p>Đoạn thân bài thứ hai.</p>"
    assert normalized("https://baocantho.com.vn/a-a190001.html", "(CTO) - " + REST, body) == ("(CTO)", REST)


@pytest.mark.parametrize(
    ("page", "url", "dateline", "sapo_start"),
    [
        ("baonghean.vn/article_suc-khoe_10230827.html", "https://www.baonghean.vn/a-10230827.html",
         "(Baonghean.vn)", "Từ tháng 4/2021 đến nay"),
        ("baohaiphong.vn/article_y-te-suc-khoe_472928.html", "https://baohaiphong.vn/a-472928.html",
         "(HPĐT)", "Sáng 26-4, tại Hà Nội"),
    ],
)  # fmt: skip
def test_real_pages(corpus, page: str, url: str, dateline: str, sapo_start: str) -> None:
    """MANIFEST.md: these papers print the dateline at the start of the sapo."""
    found = extract_file(corpus / page, url)
    assert (found["dateline"], found["summary"][: len(sapo_start)]) == (dateline, sapo_start)
