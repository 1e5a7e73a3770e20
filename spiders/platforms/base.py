"""The base of every news spider: discovery, the call to the reader, and failure reporting.

A platform spider (one per CMS family) declares its listing markup and its article ``profile``
(selectors as data); a site spider sets its name, paper, province and entry URLs. Discovery runs
from feeds, sitemaps and listing pages; reading an article page is ``aggregator.extract``'s job,
the same reader for every spider, which says where each field came from.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from functools import partial
from typing import Any, ClassVar
from urllib.parse import urljoin

import scrapy
from parsel import Selector
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
from aggregator.config import setting
from aggregator.extract import GENERIC, Metadata, Profile, Reading, read_article
from aggregator.extract.select import compiled_css, compiled_xpath, kind_of, matches, serialized
from aggregator.items import Article
from aggregator.urls import NOT_ARTICLE_PATH, strip_tracking, within

# Sections that never hold articles (media galleries, search, tag and topic pages, feeds, authors).
DEFAULT_DENY = NOT_ARTICLE_PATH


def _url_joiner(response: Response) -> Callable[[str], str]:
    """``response.urljoin`` with the base URL looked up once per page rather than once per link."""
    base = get_base_url(response) if isinstance(response, TextResponse) else response.url
    return partial(urljoin, base)


class NewsSpider(scrapy.Spider):
    """Discovery shared by every platform, and the reader's call; subclasses set class attributes."""

    # --- the site registry (set by each site's spider) ---------------------------------------
    source_name: ClassVar[str] = ""
    province: ClassVar[str] = ""
    former_provinces: ClassVar[tuple[str, ...]] = ()  # absorbed in the 2025 merger
    listing_urls: ClassVar[Sequence[str]] = ()
    feed_urls: ClassVar[Sequence[str]] = ()
    sitemap_urls: ClassVar[Sequence[str]] = ()
    inferred: ClassVar[str] = ""  # what of this spider's structure was inferred, not seen on a page

    # --- the platform (set by each platform's base spider) -----------------------------------
    platform: ClassVar[str] = ""
    article_url_pattern: ClassVar[str] = r"\.html?$"
    deny_url_pattern: ClassVar[str] = DEFAULT_DENY
    listing_link_css: ClassVar[str] = "a::attr(href)"
    next_page_xpath: ClassVar[str] = "//a[@rel='next']/@href"
    profile: ClassVar[Profile] = GENERIC  # where the platform's article pages print each field

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._article_re = re.compile(self.article_url_pattern)
        self._deny_re = re.compile(self.deny_url_pattern) if self.deny_url_pattern else None

    @property
    def max_listing_pages(self) -> int:
        return int(getattr(self, "pages", 0) or setting(self.settings, "BAOTINH_MAX_LISTING_PAGES"))

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
        return not self.allowed_domains or any(within(host, d) for d in self.allowed_domains)

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
        kind = kind_of(response.selector)
        absolute = _url_joiner(response)
        for match in matches(compiled_css(self.listing_link_css, kind), response.selector.root):
            href = serialized(match, kind)
            url = absolute(href.strip())
            clean = strip_tracking(url)
            if clean not in seen and self.is_article_url(url):
                seen.add(clean)
                yield url

    def next_page(self, response: Response) -> str | None:
        found = matches(compiled_xpath(self.next_page_xpath), response.selector.root)
        href = serialized(found[0], kind_of(response.selector)) if found else None
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

    def read(self, response: Response, *, meta: Metadata | None = None) -> Reading:
        """The page through the reader, with this spider's profile."""
        return read_article(
            response.selector.root,
            response.url,
            self.profile,
            base_url=get_base_url(response),
            feed_date=response.meta.get("feed_date"),
            site_names=(self.source_name,) if self.source_name else (),
            meta=meta,
        )

    def extract_article(self, response: Response) -> Article:
        """The Article item of a page: the reader's fields and their sources."""
        return self.article_from(response, self.read(response))

    def article_from(self, response: Response, reading: Reading) -> Article:
        return Article(
            url=response.url,
            canonical_url=reading.canonical_url,
            source=self.name,
            source_name=self.source_name,
            province=self.province,
            platform=self.platform,
            title=reading.title,
            summary=reading.summary,
            body=reading.body,
            body_html=reading.body_html,
            author=reading.author,
            credit=reading.credit,
            dateline=reading.dateline,
            category=reading.category,
            tags=reading.tags,
            image_url=reading.image_url,
            base_url=get_base_url(response),
            published=reading.published,
            published_raw=reading.published_raw,
            modified=reading.modified,
            modified_raw=reading.modified_raw,
            date_conflict=reading.date_conflict,
            provenance=reading.sources,
        )

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
