"""Real saved pages from ../shared/corpus through the reader, every field against its ground truth.

``tests/real_pages/expected.json`` holds, per article page, what MANIFEST.md's hand-checked ground
truth says (and what the page shows where the manifest is silent): the owning spider, URL, date
to the second with its offset, author, credit, dateline, category, tags. Prose is never copied:
title, sapo, first paragraph and last sentence are read from MANIFEST.md at test time, after the
label the expected file names. Pages whose site has no spider are the generic reader's business.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request

from aggregator.cli.reading import extract_file
from spiders.baocantho import BaoCanThoSpider
from spiders.baolangson import BaoLangSonSpider
from spiders.registry import spider_for_url
from tests.manifest import read_ground_truth

EXPECTED: dict[str, dict[str, Any]] = {
    page: facts
    for page, facts in json.loads(
        (Path(__file__).parent / "real_pages" / "expected.json").read_text("utf-8")
    ).items()
    if not page.startswith("_")
}


@pytest.fixture(scope="module")
def manifest(corpus: Path) -> str:
    return (corpus / "MANIFEST.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def page(
    request: pytest.FixtureRequest, corpus: Path, manifest: str
) -> tuple[dict[str, Any], dict[str, Any], str]:
    expected = EXPECTED[request.param]
    return (
        expected,
        extract_file(corpus / request.param, expected["fetched_url"]),
        _block(manifest, request.param),
    )


def _block(manifest: str, page: str) -> str:
    """The page's ground-truth section of MANIFEST.md."""
    match = re.search(rf"^### {re.escape(page)}(.*?)(?=^### |^## |\Z)", manifest, re.M | re.S)
    assert match, f"MANIFEST.md has no section for {page}"
    return match.group(1)


def _quoted(block: str, after: str, nth: int = 1) -> str:
    """The *nth* quotation after the label *after* in a manifest block, without its ellipses."""
    start = block.index(after) + len(after)
    quotes = re.findall(r'"([^"]+)"', block[start:])
    return quotes[nth - 1].strip().strip("…").strip()


def _truth(block: str, expected: dict[str, Any], name: str) -> str | None:
    where = expected["manifest"].get(name)
    return _quoted(block, where["after"], where.get("nth", 1)) if where else None


def _paragraphs(article: dict[str, Any]) -> list[str]:
    return article["body"].split("\n\n")


def _without_dateline(text: str) -> str:
    return re.sub(r"^\([^)]{2,20}\)\s*-\s*", "", text)


def test_owning_spider_reads_it(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["source"] == expected["spider"] == spider_for_url(expected["fetched_url"]).name


def test_url(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["url"] == expected["url"]


def test_canonical_url_as_declared(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["canonical_url"] == expected["canonical_url"]


def test_title(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    _, article, block = page
    assert article["title"] == re.search(r"^- Title: `([^`]+)`", block, re.M).group(1)


def test_published_to_the_second_with_offset(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["published"] == expected["published"]


def test_published_agrees_with_the_manifest(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    _, article, block = page
    assert article["published"] == re.search(r"^- Published: \*\*([^*]+)\*\*", block, re.M).group(1)


def test_author(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["author"] == expected["author"]


def test_credit(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["credit"] == expected["credit"]


def test_dateline(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["dateline"] == expected["dateline"]


def test_category(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["category"] == expected["category"]


def test_tags(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, _ = page
    assert article["tags"] == expected["tags"]


def test_sapo_start(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, block = page
    truth = _truth(block, expected, "sapo")
    if truth is None:
        pytest.skip("the manifest gives no sapo for this page")
    assert article["summary"].startswith(_without_dateline(truth)[:60])


def test_first_paragraph(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    """The first paragraph of text (a subheading or the asker's signature may stand before it)."""
    expected, article, block = page
    truth = _without_dateline(_truth(block, expected, "first"))
    first_long = next(p for p in _paragraphs(article) if len(p) > 80)
    assert first_long.startswith(truth[:60])


def test_body_opens_with_text_not_the_header(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    """Not the repeated title, not "author • date", not a sapo printed above the body."""
    _, article, _ = page
    first = _paragraphs(article)[0]
    assert first != article["title"] and "•" not in first
    if article["provenance"].get("summary") == "selector":
        assert first != article["summary"]


def test_last_sentence(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    expected, article, block = page
    truth = _truth(block, expected, "last")
    if truth is None:
        pytest.skip("the manifest gives no last sentence for this page")
    assert article["body"].endswith(truth[-50:])


def test_no_byline_or_credit_in_the_body(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    _, article, _ = page
    tail = _paragraphs(article)[-1]
    for name in (article["author"], article["credit"]):
        assert not name or name not in tail


def test_dates_on_the_page_agree(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    """Every trap is read right (US meta, false Z, naive JSON-LD): nothing left in conflict."""
    _, article, _ = page
    assert article["date_conflict"] == []


def test_body_comes_from_the_platform_selectors(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    _, article, _ = page
    assert article["provenance"]["body"] == "selector"


def test_date_comes_from_the_page_itself(page: tuple[dict[str, Any], dict[str, Any], str]) -> None:
    """The printed header or the structured data it agrees with; never a script, URL or feed."""
    _, article, _ = page
    assert article["provenance"]["published"] in ("selector", "jsonld")


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
    normalize_article(article, dateline_markers=BaoLangSonSpider.profile.dateline_markers)
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
def test_article_date_on_every_real_page(corpus: Path, page_name: str) -> None:
    """The article's own publish time among the many dates a page carries (issue: dates)."""
    expected = read_ground_truth(corpus)[page_name]
    assert extract_file(corpus / page_name, expected.url)["published"] == expected.published
