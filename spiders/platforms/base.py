"""The base of every news spider: discovery, the extraction skeleton, and failure reporting.

A platform spider (one per CMS family) sets selectors; a site spider sets its name, paper,
province and entry URLs. Discovery runs from feeds, sitemaps and listing pages; extraction asks the
platform selectors first and the shared metadata fallbacks (``aggregator.extract``) for the rest.
The spider only collects raw strings: cleaning and parsing happen in the pipelines.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial
from itertools import chain
from typing import Any, ClassVar
from urllib.parse import urljoin

import scrapy
from lxml import etree
from parsel import Selector
from parsel.csstranslator import GenericTranslator, HTMLTranslator
from parsel.selector import CannotDropElementWithoutParent, CannotRemoveElementWithoutRoot
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import get_base_url
from scrapy.utils.sitemap import Sitemap
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from aggregator import signals
from aggregator.config import get_int
from aggregator.extract import Metadata, extract_metadata, pick_date, split_tags
from aggregator.items import Article
from aggregator.text import clean_text
from aggregator.urls import strip_tracking

# Sections that never hold articles (media galleries, search, tag pages, feeds).
DEFAULT_DENY = r"/(?:video|videos|multimedia|media|podcasts?|e-?magazine|rss|search|tim-kiem|tags?|tu-khoa)/"
# Ad slots that sit inside article bodies on every platform seen (F1 ``div.rennab``/``sdaWeb_…``,
# F4 ``AMN_res_…``, AdSense): they are dropped whatever the platform's own junk list says.
AD_CSS = "div.rennab, [id^='sdaWeb_'], [class^='AMN_res'], ins.adsbygoogle"
_IMAGE_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")

# --- compiled selectors ----------------------------------------------------------------------
# Extraction runs a few dozen fixed selectors on every page. ``Selector.css``/``.xpath`` wrap every
# match in a new Selector, and ``_Element.xpath`` compiles its expression on every call; compiled
# ``etree.XPath`` objects evaluated on the lxml tree do neither. Results are what parsel would give:
# the same translation of CSS (HTML or XML rules, by the selector's type), the same EXSLT prefixes,
# plain strings (parsel turns lxml's "smart strings" off too) and parsel's serialization.

_CSS_TRANSLATORS = {"html": HTMLTranslator(), "xml": GenericTranslator()}
_EXSLT_NAMESPACES = {"re": "http://exslt.org/regular-expressions", "set": "http://exslt.org/sets"}


@lru_cache(maxsize=1024)
def compiled_xpath(query: str) -> etree.XPath:
    """*query* compiled once; EXSLT prefixes are declared only when used, as parsel does."""
    namespaces = {prefix: uri for prefix, uri in _EXSLT_NAMESPACES.items() if f"{prefix}:" in query}
    return etree.XPath(query, namespaces=namespaces, smart_strings=False)


@lru_cache(maxsize=1024)
def compiled_css(css: str, kind: str = "html") -> etree.XPath:
    """The CSS selector translated as parsel translates it for a ``kind`` ("html"/"xml") page."""
    return compiled_xpath(_CSS_TRANSLATORS[kind].css_to_xpath(css))


def _kind(sel: Selector) -> str:
    """The document kind parsel evaluates a selector's queries as ("xml" or "html")."""
    return "xml" if sel.type == "xml" else "html"


def _matches(query: etree.XPath, node: Any) -> list[Any]:
    """The nodes/strings *query* gives for *node*, always a list, as ``Selector.xpath`` gives them.

    A matched string (``::attr``, ``::text``) has nothing under it: parsel answers ``[]`` there.
    """
    if isinstance(node, str):
        return []
    found = query(node)
    return found if isinstance(found, list) else [found]


def _serialized(match: Any, kind: str) -> str:
    """A match as ``Selector.get()`` gives it: strings as they are, elements as markup."""
    if isinstance(match, str):
        return match
    if isinstance(match, bool):
        return "1" if match else "0"
    if isinstance(match, etree._Element):
        return etree.tostring(match, method=kind, encoding="unicode", with_tail=False)
    return str(match)


_TEXT_NODES = compiled_xpath("descendant-or-self::text()")  # what ``::text`` of a match selects


def _node_texts(match: Any) -> list[str]:
    """The text nodes under a matched element (none under a string, as parsel's ``.css`` gives)."""
    return _matches(_TEXT_NODES, match)


def _url_joiner(response: Response) -> Callable[[str], str]:
    """``response.urljoin`` with the base URL looked up once per page rather than once per link."""
    base = get_base_url(response) if isinstance(response, TextResponse) else response.url
    return partial(urljoin, base)


def _drop(element: Any) -> None:
    """Remove a matched element but keep its tail text, as ``Selector.drop()`` does (HTML or XML)."""
    if isinstance(element, str):
        raise CannotRemoveElementWithoutRoot(f"cannot drop a string match: {element[:40]!r}")
    parent = element.getparent()
    if parent is None:
        raise CannotDropElementWithoutParent("cannot drop the root element")
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


class NewsSpider(scrapy.Spider):
    """Discovery and extraction shared by every platform; subclasses set class attributes."""

    # --- the site registry (set by each site's spider) ---------------------------------------
    source_name: ClassVar[str] = ""
    province: ClassVar[str] = ""
    former_provinces: ClassVar[tuple[str, ...]] = ()  # absorbed in the 2025 merger
    listing_urls: ClassVar[Sequence[str]] = ()
    feed_urls: ClassVar[Sequence[str]] = ()
    sitemap_urls: ClassVar[Sequence[str]] = ()
    dateline_markers: ClassVar[tuple[str, ...]] = ()  # unbracketed markers such as "LSO"
    inferred: ClassVar[str] = ""  # what of this spider's structure was inferred, not seen on a page

    # --- the platform (set by each platform's base spider) -----------------------------------
    platform: ClassVar[str] = ""
    article_url_pattern: ClassVar[str] = r"\.html?$"
    deny_url_pattern: ClassVar[str] = DEFAULT_DENY
    listing_link_css: ClassVar[str] = "a::attr(href)"
    next_page_xpath: ClassVar[str] = "//a[@rel='next']/@href"
    title_css: ClassVar[Sequence[str]] = ()
    summary_css: ClassVar[Sequence[str]] = ()
    # Bodies where most CMSs put them; platforms list their own container first.
    body_css: ClassVar[Sequence[str]] = (
        "[itemprop=articleBody]",
        "div.article__body",
        "div.article-body",
        "div.the-article-body",
        "div.detail-content",
        "div.content-detail",
        "div.edittor-content",
        "div.entry-content",
        "article",
    )
    body_drop_css: ClassVar[str] = "script, style, iframe, noscript, form"
    # Where the sapo is the body's own first paragraph (a bold ``<p>``, a plain first ``<p>``):
    # an XPath relative to the body container; the element becomes the summary and leaves the body.
    body_summary_xpath: ClassVar[str] = ""
    author_css: ClassVar[Sequence[str]] = ()
    date_css: ClassVar[Sequence[str]] = ()
    modified_css: ClassVar[Sequence[str]] = ()
    category_css: ClassVar[Sequence[str]] = ()
    tags_css: ClassVar[Sequence[str]] = ()
    title_suffix_pattern: ClassVar[str] = r"\s+[|–-]\s+[^|–-]*(?:Báo|Online|điện tử)[^|–-]*$"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._article_re = re.compile(self.article_url_pattern)
        self._deny_re = re.compile(self.deny_url_pattern) if self.deny_url_pattern else None
        self._suffix_re = re.compile(self.title_suffix_pattern)

    @property
    def max_listing_pages(self) -> int:
        return int(
            getattr(self, "pages", 0) or get_int(self.settings, "BAOTINH_MAX_LISTING_PAGES", 5, minimum=1)
        )

    # --- discovery ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.failed)
        for url in self.sitemap_urls:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
        for url in self.listing_urls:
            yield scrapy.Request(
                url, callback=self.parse_listing, errback=self.failed, meta={"listing_page": 1}
            )

    def is_article_url(self, url: str) -> bool:
        if not url.startswith(("http://", "https://")) or not self._on_site(url):
            return False
        if self._deny_re and self._deny_re.search(url):
            return False
        return bool(self._article_re.search(url.split("?", 1)[0].split("#", 1)[0]))

    def _on_site(self, url: str) -> bool:
        host = url.split("/", 3)[2].split(":")[0].lower()
        return not self.allowed_domains or any(
            host == d or host.endswith("." + d) for d in self.allowed_domains
        )

    def article_request(self, url: str, **meta: Any) -> scrapy.Request:
        """Request an article once, at its address without tracking parameters.

        The tracking URL is reported at once (``alias_found``) rather than carried in the request:
        the clean URL may already have been fetched from a feed, and the duplicate filter would
        then drop this request together with anything it carried.
        """
        clean = strip_tracking(url)
        if clean != url:
            self.crawler.signals.send_catch_log(signal=signals.alias_found, url=url, target=clean)
        return scrapy.Request(clean, callback=self.parse_article, errback=self.failed, meta=meta)

    def article_links(self, response: Response) -> Iterator[str]:
        """Article links in page order, each once even when a copy carries tracking parameters."""
        seen: set[str] = set()
        kind = _kind(response.selector)
        absolute = _url_joiner(response)
        for match in _matches(compiled_css(self.listing_link_css, kind), response.selector.root):
            href = _serialized(match, kind)
            url = absolute(href.strip())
            clean = strip_tracking(url)
            if clean not in seen and self.is_article_url(url):
                seen.add(clean)
                yield url

    def next_page(self, response: Response) -> str | None:
        found = _matches(compiled_xpath(self.next_page_xpath), response.selector.root)
        href = _serialized(found[0], _kind(response.selector)) if found else None
        return response.urljoin(href.strip()) if href and not href.startswith("javascript") else None

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of a listing page, then the next page up to the configured depth."""
        links = list(self.article_links(response))
        self.crawler.stats.inc_value("baotinh/listing/pages")
        if not links:
            self.crawler.stats.inc_value("baotinh/listing/empty")
            self.logger.warning("listing page without article links: %s", response.url)
        for url in links:
            yield self.article_request(url)
        page = response.meta.get("listing_page", 1)
        following = self.next_page(response)
        if following and page < self.max_listing_pages:
            yield scrapy.Request(
                following, callback=self.parse_listing, errback=self.failed, meta={"listing_page": page + 1}
            )

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """RSS 2.0 and Atom: item links become article requests (the feed date is a fallback)."""
        sel = Selector(text=response.text, type="xml")
        sel.remove_namespaces()
        found = 0
        for entry in sel.xpath("//item | //entry"):
            link = (
                entry.xpath("link/text()").get()
                or entry.xpath("link[not(@rel) or @rel='alternate']/@href").get()
            )
            date = entry.xpath("pubDate/text() | published/text() | updated/text()").get()
            if link and self.is_article_url(link.strip()):
                found += 1
                yield self.article_request(link.strip(), feed_date=date, found_on=response.url)
        if not found:
            self.crawler.stats.inc_value("baotinh/feed/empty")
            self.logger.warning("feed without article links: %s", response.url)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Sitemap indexes are followed; urlset entries become article requests."""
        try:
            sitemap = Sitemap(response.body)
        except Exception as exc:  # lxml raises several types on garbage
            self._report(response.url, "bad_sitemap", repr(exc))
            return
        news_dates = _news_dates(response.body) if sitemap.type == "urlset" else {}
        for entry in sitemap:
            loc = (entry.get("loc") or "").strip()
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(loc, callback=self.parse_sitemap, errback=self.failed)
            elif self.is_article_url(loc):
                yield self.article_request(
                    loc, feed_date=news_dates.get(loc) or entry.get("lastmod"), found_on=response.url
                )

    # --- extraction --------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Article]:
        yield self.extract_article(response)

    def extract_article(self, response: Response) -> Article:
        """Build the raw Article from platform selectors, then the shared metadata fallbacks."""
        meta = extract_metadata(response.selector)
        # Everything outside the body first: cleaning the body edits the page's tree, and a byline
        # box, a date line or the sapo may sit inside the body container (F2, Báo Tuyên Quang).
        title = self.extract_title(response, meta)
        summary = self.first_text(response, self.summary_css)
        author = self.first_text(response, self.author_css) or _first(meta.author)
        category = self.first_text(response, self.category_css) or _first(meta.category)
        tags = self.extract_tags(response, meta)
        published_raw = pick_date(self.date_candidates(response, meta))
        modified_raw = pick_date(chain(meta.modified, self.iter_texts(response, self.modified_css)))
        body = self.body_selector(response)
        lead = self.split_lead(body)
        return Article(
            url=response.url,
            canonical_url=meta.canonical,
            source=self.name,
            source_name=self.source_name,
            province=self.province,
            platform=self.platform,
            title=title,
            summary=summary or lead or _first(meta.summary),
            body_html=body.get() if body is not None else "",
            author=author,
            category=category,
            tags=tags,
            image_url=self.extract_image(response, meta, body),
            base_url=get_base_url(response),
            published_raw=published_raw,
            modified_raw=modified_raw,
        )

    def date_candidates(self, response: Response, meta: Metadata) -> Iterator[str]:
        """Structured dates first, then the header's visible date, then the feed's date.

        Lazy: ``pick_date`` stops at the first date with a time of day, usually the page's own
        metadata, so the selectors behind it never walk the page.
        """
        yield from meta.published
        yield from self.iter_texts(response, self.date_css)
        yield from self._css_strings(response, "[itemprop=datePublished]::attr(datetime)")[:1]
        yield response.meta.get("feed_date") or ""

    def extract_title(self, response: Response, meta: Metadata) -> str | None:
        title = self.first_text(response, self.title_css) or _first(meta.title)
        if title:
            return title
        head = clean_text(_first(self._css_strings(response, "title::text")))
        return self._suffix_re.sub("", head) or None

    def body_selector(self, response: Response) -> Selector | None:
        """The first body container found, with junk elements (ads, bylines boxes…) removed."""
        sel = response.selector
        kind = _kind(sel)
        for css in self.body_css:
            query = compiled_css(css, kind)
            found = _matches(query, sel.root)
            if found:
                body = found[0]
                for junk in (self.body_drop_css, AD_CSS):
                    if junk:
                        for element in _matches(compiled_css(junk, kind), body):
                            _drop(element)
                # The one Selector made: callers take the body's markup and edit it further.
                return type(sel)(root=body, _expr=query.path, namespaces=sel.namespaces, type=kind)
        return None

    def split_lead(self, body: Selector | None) -> str | None:
        """The sapo printed as the body's first paragraph, removed from the body."""
        if body is None or not self.body_summary_xpath:
            return None
        found = _matches(compiled_xpath(self.body_summary_xpath), body.root)[:1]
        if not found:
            return None
        lead = found[0]
        text = clean_text(" ".join(_matches(compiled_xpath(".//text()"), lead)))
        _drop(lead)
        return text or None

    def extract_tags(self, response: Response, meta: Metadata) -> list[str]:
        sel = response.selector
        kind = _kind(sel)
        shown = [
            clean_text(" ".join(_node_texts(match)))
            for css in self.tags_css
            for match in _matches(compiled_css(css, kind), sel.root)
        ]
        return split_tags(shown) if shown else meta.tags

    def extract_image(self, response: Response, meta: Metadata, body: Selector | None) -> str | None:
        if meta.image:
            return response.urljoin(meta.image[0])
        if body is not None:
            # Lazy-loaded images carry a data: placeholder in src and the photo in data-src.
            for img in _matches(compiled_css("img", _kind(body)), body.root):
                for attr in _IMAGE_ATTRS:
                    src = (img.get(attr) or "").strip()
                    if src and not src.startswith("data:"):
                        return response.urljoin(src)
        return None

    # --- selector helpers --------------------------------------------------------------------

    def iter_texts(self, response: Response | Selector, selectors: Iterable[str]) -> Iterator[str]:
        """The text of the first match of each selector (``::attr``/``::text`` taken as is), lazily.

        Every selector is a walk of the whole page, so the fallbacks after a match should not run.
        Evaluated on the lxml tree with compiled queries: Selector objects for every match cost
        more than the query. CSS is translated by HTML rules whatever the page's type, as always.
        """
        root = (response.selector if isinstance(response, Response) else response).root
        for css in selectors:
            matches = _matches(compiled_css(css), root)
            if not matches:
                continue
            first = matches[0]
            value = clean_text(first if isinstance(first, str) else " ".join(_TEXT_NODES(first)))
            if value:
                yield value

    def first_text(self, response: Response | Selector, selectors: Iterable[str]) -> str | None:
        return next(self.iter_texts(response, selectors), None)

    @staticmethod
    def _css_strings(response: Response, css: str) -> list[str]:
        """``response.css(css).getall()`` without a Selector per match."""
        kind = _kind(response.selector)
        return [_serialized(m, kind) for m in _matches(compiled_css(css, kind), response.selector.root)]

    # --- failures ----------------------------------------------------------------------------

    def failed(self, failure: Failure) -> None:
        """Record a page that could not be downloaded; the crawl goes on."""
        request = failure.request
        if failure.check(HttpError):
            reason = f"http_{failure.value.response.status}"
        elif failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
            reason = "timeout"
        elif failure.check(CannotResolveHostError, DNSLookupError):
            reason = "dns"
        elif failure.check(DownloadConnectionRefusedError):
            reason = "connection_refused"
        elif failure.check(IgnoreRequest):
            reason = "ignored"  # robots.txt forbids it, or a middleware chose not to fetch it
        else:
            reason = "download_error"
        requested = [*request.meta.get("redirect_urls", ()), request.url]
        self._report(request.url, reason, repr(failure.value), requested=requested)

    def _report(self, url: str, reason: str, detail: str, requested: Sequence[str] = ()) -> None:
        self.logger.warning("page failed (%s): %s", reason, url)
        self.crawler.signals.send_catch_log(
            signal=signals.page_failed, url=url, reason=reason, detail=detail, requested=list(requested)
        )


def _news_dates(body: bytes) -> dict[str, str]:
    """``news:publication_date`` by ``loc``; Scrapy's Sitemap keeps only direct children's text."""
    try:
        sel = Selector(body=body, type="xml")
    except Exception:  # lxml raises several types on garbage
        return {}
    sel.remove_namespaces()
    found: dict[str, str] = {}
    for url in sel.xpath("//url"):
        loc = (url.xpath("loc/text()").get() or "").strip()
        date = (url.xpath("news/publication_date/text()").get() or "").strip()
        if loc and date:
            found[loc] = date
    return found


def _first(values: Sequence[str]) -> str | None:
    return values[0] if values else None
