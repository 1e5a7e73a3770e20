"""Real saved pages from ../shared/corpus against the hand-checked ground truth in MANIFEST.md.

Only pages whose site has a spider are run through that spider here; the national sites are the
generic extractor's business. Nothing of the pages is copied: the expected values are read from
MANIFEST.md at test time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request

from aggregator.cli import extract_file, spider_for_url
from spiders.baocantho import BaoCanThoSpider
from spiders.baolangson import BaoLangSonSpider
from tests.manifest import GroundTruth, read_ground_truth

SPIDER_PAGES = ["baolaocai.vn/article_sample.html", "baocantho.com.vn/article_sample.html"]


@pytest.fixture(scope="module")
def truth(corpus: Path) -> dict[str, GroundTruth]:
    return read_ground_truth(corpus)


@pytest.fixture(scope="module", params=SPIDER_PAGES)
def page(
    request: pytest.FixtureRequest, corpus: Path, truth: dict[str, GroundTruth]
) -> tuple[GroundTruth, dict[str, Any]]:
    expected = truth[request.param]
    return expected, extract_file(corpus / request.param, expected.url)


def _without_dateline(sentence: str) -> str:
    return re.sub(r"^\([A-Za-z.]+\)\s*-\s*", "", sentence)


def test_owning_spider_is_used(page: tuple[GroundTruth, dict[str, Any]]) -> None:
    expected, article = page
    assert article["source"] == spider_for_url(expected.url).name


def test_url(page: tuple[GroundTruth, dict[str, Any]]) -> None:
    expected, article = page
    assert article["url"] == expected.url


def test_title(page: tuple[GroundTruth, dict[str, Any]]) -> None:
    expected, article = page
    assert article["title"] == expected.title


def test_published(page: tuple[GroundTruth, dict[str, Any]]) -> None:
    expected, article = page
    assert article["published"] == expected.published


def test_author(page: tuple[GroundTruth, dict[str, Any]]) -> None:
    expected, article = page
    assert article["author"] == expected.author


def test_first_body_sentence(page: tuple[GroundTruth, dict[str, Any]]) -> None:
    expected, article = page
    assert article["body"].startswith(_without_dateline(expected.first_sentence))


def test_byline_not_in_body(page: tuple[GroundTruth, dict[str, Any]]) -> None:
    expected, article = page
    assert expected.author not in article["body"]


def test_baocantho_dateline(corpus: Path, truth: dict[str, GroundTruth]) -> None:
    expected = truth["baocantho.com.vn/article_sample.html"]
    article = extract_file(corpus / expected.page, expected.url)
    assert article["dateline"] == "(CTO)"


def test_baolaocai_related_dates_not_taken(corpus: Path, truth: dict[str, GroundTruth]) -> None:
    """The page holds ~20 other dates (related items, print edition); the header's wins."""
    expected = truth["baolaocai.vn/article_sample.html"]
    article = extract_file(corpus / expected.page, expected.url)
    assert article["published"].startswith("2025-06-17T13:43")


def test_baocantho_listing_links(corpus: Path) -> None:
    url = "https://baocantho.com.vn/thoi-su/"
    body = (corpus / "baocantho.com.vn" / "listing_category.html").read_bytes()
    response = HtmlResponse(url=url, body=body, request=Request(url, meta={"listing_page": 1}))
    spider = BaoCanThoSpider()
    links = list(spider.article_links(response))
    assert len(links) == 78
    assert spider.next_page(response) == "https://baocantho.com.vn/thoi-su?p=2"


def _langson_page(text: str) -> bytes:
    """F2 markup around the real Báo Lạng Sơn text (built here, never stored in the project).

    In the saved text a photo caption is set off by an extra blank line; it becomes the platform's
    caption table, the other blocks become paragraphs.
    """
    date_line, title = re.split(r"\n\s*\n", text.strip())[:2]
    html_blocks = []
    caption_next = False
    for chunk in re.split(r"(\n{3,})", text.strip().split(title, 1)[1].strip()):
        if re.fullmatch(r"\n{3,}", chunk):
            caption_next = True
            continue
        paragraphs = [p.strip() for p in chunk.split("\n\n") if p.strip()]
        for index, para in enumerate(paragraphs):
            if caption_next and index == 0:
                html_blocks.append(
                    '<table class="image"><tr><td><img src="/x.jpg"></td></tr>'
                    f'<tr><td class="image_desc">{para}</td></tr></table>'
                )
            else:
                html_blocks.append(f"<p>{para}</p>")
        caption_next = False
    body = "\n".join(html_blocks)
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<div class="date-time">{date_line}</div><h1 class="name">{title}</h1>'
        f'<div id="content-detail"><h2>{title}</h2>{body}</div></body></html>'
    ).encode()


@pytest.fixture(scope="module")
def langson(corpus: Path) -> tuple[str, dict[str, Any]]:
    from itemadapter import ItemAdapter

    from aggregator.pipelines import normalize_article

    text = (corpus / "baolangson.vn" / "article_text.txt").read_text(encoding="utf-8")
    url = "https://baolangson.vn/tong-ket-cong-tac-thong-tin-doi-ngoai-1234567.html"
    response = HtmlResponse(url=url, body=_langson_page(text), request=Request(url), encoding="utf-8")
    article = ItemAdapter(BaoLangSonSpider().extract_article(response))
    normalize_article(article, dateline_markers=BaoLangSonSpider.dateline_markers)
    return text, dict(article)


def test_langson_published(langson: tuple[str, dict[str, Any]]) -> None:
    assert langson[1]["published"].isoformat() == "2020-02-19T00:00:00+07:00"


def test_langson_dateline(langson: tuple[str, dict[str, Any]]) -> None:
    assert langson[1]["dateline"] == "LSO"


def test_langson_body_starts_after_dateline(langson: tuple[str, dict[str, Any]]) -> None:
    assert langson[1]["body"].startswith("Sáng nay (7/2),")


def test_langson_byline(langson: tuple[str, dict[str, Any]]) -> None:
    assert langson[1]["author"] == "TRÍ DŨNG"


def test_langson_byline_not_in_body(langson: tuple[str, dict[str, Any]]) -> None:
    assert not langson[1]["body"].rstrip().endswith("TRÍ DŨNG")


def _captions(text: str) -> list[str]:
    """Blocks the saved text sets off with an extra blank line: the photo captions."""
    return [" ".join(m.split()) for m in re.findall(r"\n{3,}(.+?)(?=\n\s*\n)", text, re.S)]


def test_langson_has_captions(langson: tuple[str, dict[str, Any]]) -> None:
    assert len(_captions(langson[0])) == 2


def test_langson_captions_not_in_body(langson: tuple[str, dict[str, Any]]) -> None:
    paragraphs = langson[1]["body"].split("\n\n")
    assert not [c for c in _captions(langson[0]) if c in paragraphs]


@pytest.mark.parametrize(
    "page_name",
    [
        "baolaocai.vn/article_sample.html",
        "baocantho.com.vn/article_sample.html",
        "vtcnews.vn/article_sample.html",
        "znews.vn/article_sample.html",
    ],
)
def test_article_date_on_every_real_page(corpus: Path, truth: dict[str, GroundTruth], page_name: str) -> None:
    """The article's own publish time among the many dates a page carries (issue: dates)."""
    expected = truth[page_name]
    assert extract_file(corpus / page_name, expected.url)["published"] == expected.published
