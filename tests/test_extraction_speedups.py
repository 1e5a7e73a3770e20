"""The compiled-selector helpers of the extraction give what parsel gives.

``aggregator.extract.select`` evaluates compiled XPath on the lxml tree
instead of building a parsel Selector per match, and stop at the first good value where only one
is used. Each helper is checked here against the parsel call it replaces, on every fixture page
and with every selector a spider declares.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, Response, XmlResponse

from aggregator.extract.parse import adopt_stray_roots
from aggregator.extract.profile import ALWAYS_DROP
from aggregator.extract.select import (
    compiled_css,
    compiled_xpath,
    drop_element,
    first_text,
    kind_of,
    matches,
    serialized,
    texts_of,
)
from aggregator.extract.structured import _structured
from spiders.platforms.base import _url_joiner
from spiders.registry import provincial_spiders
from tests.spider_fixtures import FIXTURES

PAGES = sorted(FIXTURES.glob("*/*.html"))
SPIDERS = list(provincial_spiders())


def _response(path: Path, kind: type[Response] = HtmlResponse) -> Response:
    """The fixture page as the spiders get it (a stray ``</html>`` repaired, as the crawl does)."""
    url = f"https://{path.parent.name}.vn/{path.stem}-post123.html"
    response = kind(url=url, body=path.read_bytes(), request=Request(url), encoding="utf-8")
    adopt_stray_roots(response.selector.root)
    return response


def _css_selectors() -> set[str]:
    """Every CSS selector a spider declares, and the ones the base class adds."""
    found = {ALWAYS_DROP, "img", "title::text", "[itemprop=datePublished]::attr(datetime)"}
    for cls in SPIDERS:
        found.update(cls.profile.selectors())
        found.add(cls.listing_link_css)
    return found


@cache
def _responses() -> list[Response]:
    """Every fixture page as HTML and as XML (parsel's XML rules); read-only: parsed once."""
    return [_response(path, kind) for path in PAGES for kind in (HtmlResponse, XmlResponse)]


@pytest.mark.parametrize("css", sorted(_css_selectors()))
def test_compiled_css_gives_what_parsel_gives(css: str) -> None:
    for response in _responses():
        sel = response.selector
        kind = kind_of(sel)
        got = [serialized(m, kind) for m in matches(compiled_css(css, kind), sel.root)]
        assert got == sel.css(css).getall(), (css, response.url, kind)


def test_compiled_xpath_gives_what_parsel_gives() -> None:
    queries = {cls.next_page_xpath for cls in SPIDERS} | {
        cls.profile.body_summary_xpath for cls in SPIDERS if cls.profile.body_summary_xpath
    }
    for response in _responses():
        for query in queries:
            found = matches(compiled_xpath(query), response.selector.root)
            assert [serialized(m, kind_of(response.selector)) for m in found] == response.xpath(
                query
            ).getall()


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_drop_edits_the_tree_as_selector_drop(path: Path) -> None:
    for cls in SPIDERS:
        for kind in (HtmlResponse, XmlResponse):
            ours, theirs = _response(path, kind).selector, _response(path, kind).selector
            for junk in (cls.profile.body_drop, ALWAYS_DROP):
                for element in matches(compiled_css(junk, kind_of(ours)), ours.root):
                    drop_element(element)
                theirs.css(junk).drop()
            assert ours.get() == theirs.get(), (cls.name, kind)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lazy_texts_agree_with_texts(path: Path) -> None:
    root = _response(path).selector.root
    for cls in SPIDERS:
        profile = cls.profile
        for selectors in (profile.title, profile.summary, profile.author, profile.date, profile.category):
            texts = list(texts_of(root, selectors))
            assert first_text(root, selectors) == (texts[0] if texts else None)
            assert list(texts_of(root, selectors)) == texts


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_one_walk_finds_what_the_queries_find(path: Path) -> None:
    sel = _response(path).selector
    found = _structured(sel.root)
    assert found.canonicals == sel.xpath('//link[@rel="canonical"]/@href').getall()
    assert found.jsonld == sel.xpath('//script[@type="application/ld+json"]/text()').getall()
    assert found.metas == list(sel.root.iter("meta"))


def test_url_joiner_joins_as_the_response() -> None:
    for path in PAGES:
        response = _response(path)
        joined = _url_joiner(response)
        for href in ("a.html", "/b/c.html", "../d.html", "https://x.vn/e.html?utm_source=z", ""):
            assert joined(href) == response.urljoin(href)
