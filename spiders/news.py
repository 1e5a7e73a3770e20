"""The generic spider: ``scrapy crawl news -a url=https://SITE/`` for a news site without its own.

Discovery starts at the home page: the feeds it declares (or, failing that, the usual feed paths),
the sitemaps robots.txt lists (or the usual sitemap paths), and the article-shaped links of the
page itself. Each page is judged by ``aggregator.generic`` and read by the same reader as every
spider's (with no profile, so structured data and the generic body decide); pages that are not
articles are counted (``baotinh/news/not_article/<reason>``), not yielded and not dropped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from aggregator import generic, signals
from aggregator.extract import Reading, extract_metadata
from aggregator.items import Article
from spiders.platforms.base import NewsSpider


class GenericNewsSpider(NewsSpider):
    """Any Vietnamese news site: ``-a url=https://SITE/`` (``-a province=…``, ``-a source_name=…``)."""

    name = "news"
    platform = "generic"
    deny_url_pattern = ""  # aggregator.generic.denied_url decides
    max_feeds = 10  # feeds followed from the home page or a feed directory (``-a max_feeds=N``)
    max_sitemaps = 5  # children of a sitemap index, news and newest first (``-a max_sitemaps=N``)

    def __init__(self, url: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_url = None
        if url:
            self.start_url = url if "://" in url else f"https://{url}"
            self.allowed_domains = [generic.site_domain(self.start_url)]
        self.max_feeds = int(self.max_feeds)
        self.max_sitemaps = int(self.max_sitemaps)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> GenericNewsSpider:
        if not kwargs.get("url"):
            raise ValueError(
                "the news spider needs the site's address: scrapy crawl news -a url=https://SITE/"
            )
        return super().from_crawler(crawler, *args, **kwargs)

    # --- discovery -----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.start_url, callback=self.parse_home, errback=self.home_failed)

    def is_article_url(self, url: str) -> bool:
        """Feeds and sitemaps: any page of the site that is not denied (the page itself decides)."""
        return (
            url.startswith(("http://", "https://"))
            and self._on_site(url)
            and generic.could_be_article_url(url)
        )

    def article_links(self, response: Response) -> Iterator[str]:
        """Links on a page: only those with the shape of an article URL."""
        return (url for url in super().article_links(response) if generic.looks_like_article_url(url))

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        """Name the source, follow the declared feeds, robots.txt and the page's article links."""
        if not isinstance(response, TextResponse):
            yield from self.probes(generic.FEED_PATHS, self.parse_feed_probe)
            yield self.robots_request()
            return
        site = extract_metadata(response.selector).site_name
        self.source_name = self.source_name or site or generic.site_domain(response.url)
        feeds = [u for u in generic.declared_feeds(response.selector, response.url) if self._on_site(u)]
        self.crawler.stats.inc_value("baotinh/news/feeds_declared", len(feeds))
        for url in feeds[: self.max_feeds]:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.failed)
        if not feeds:
            yield from self.probes(generic.FEED_PATHS, self.parse_feed_probe)
        yield self.robots_request()
        for url in self.article_links(response):
            yield self.article_request(url)

    def home_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """Without the home page the feeds and sitemaps at the usual places may still work."""
        self.failed(failure)
        self.source_name = self.source_name or generic.site_domain(self.start_url)
        yield from self.probes(generic.FEED_PATHS, self.parse_feed_probe)
        yield self.robots_request()

    def robots_request(self) -> scrapy.Request:
        return scrapy.Request(
            urljoin(self.start_url, "/robots.txt"), callback=self.parse_robots, errback=self.robots_missing
        )

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        text = response.body.decode("utf-8", "replace")
        sitemaps = [u for u in generic.robots_sitemaps(text, response.url) if self._on_site(u)]
        self.crawler.stats.inc_value("baotinh/news/sitemaps_declared", len(sitemaps))
        for url in sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
        if not sitemaps:
            yield from self.probes(generic.SITEMAP_PATHS, self.parse_sitemap_probe)

    def robots_missing(self, failure: Failure) -> Iterator[scrapy.Request]:
        self.crawler.stats.inc_value("baotinh/news/probe_missing")
        yield from self.probes(generic.SITEMAP_PATHS, self.parse_sitemap_probe)

    def probes(self, paths: tuple[str, ...], callback: Any) -> Iterator[scrapy.Request]:
        """Guesses at the usual places: a miss is counted, not recorded as a failed page."""
        for path in paths:
            yield scrapy.Request(urljoin(self.start_url, path), callback=callback, errback=self.probe_missing)

    def probe_missing(self, failure: Failure) -> None:
        self.crawler.stats.inc_value("baotinh/news/probe_missing")

    def parse_feed_probe(self, response: Response) -> Iterator[scrapy.Request]:
        """A feed, or an HTML page listing the site's feeds (``/rss`` often is one)."""
        if generic.is_feed(response.body):
            yield from self.parse_feed(response)
        elif isinstance(response, TextResponse):
            feeds = [u for u in generic.linked_feeds(response.selector, response.url) if self._on_site(u)]
            if not feeds:
                self.crawler.stats.inc_value("baotinh/news/probe_missing")
            for url in feeds[: self.max_feeds]:
                yield scrapy.Request(url, callback=self.parse_feed, errback=self.failed)

    def parse_sitemap_probe(self, response: Response) -> Iterator[scrapy.Request]:
        if generic.is_sitemap(_unzipped(response).body):
            yield from self.parse_sitemap(response)
        else:
            self.crawler.stats.inc_value("baotinh/news/probe_missing")

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Like every spider's, but an index gives only its news and newest sitemaps (gzip too)."""
        response = _unzipped(response)
        try:
            sitemap = Sitemap(response.body)
        except Exception as exc:  # lxml raises several types on garbage
            self._report(response.url, "bad_sitemap", repr(exc))
            return
        if sitemap.type != "sitemapindex":
            yield from super().parse_sitemap(response)
            return
        entries = [
            ((e.get("loc") or "").strip(), e.get("lastmod") or "")
            for e in sitemap
            if (e.get("loc") or "").strip().startswith(("http://", "https://"))
        ]
        entries = [e for e in entries if self._on_site(e[0])]
        entries.sort(key=lambda e: e[1], reverse=True)  # newest first, then news sitemaps before all
        entries.sort(key=lambda e: "news" not in e[0].lower())
        for loc, _ in entries[: self.max_sitemaps]:
            yield scrapy.Request(loc, callback=self.parse_sitemap, errback=self.failed)

    # --- extraction ----------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Article]:
        if not isinstance(response, TextResponse):
            self.not_article(response, "not_html")
            return
        meta = extract_metadata(response.selector)
        early = generic.rejection(response.url, meta)  # cheap: before any reading
        if early:
            self.not_article(response, early)
            return
        reading = self.read(response, meta=meta)
        # A page a feed or sitemap of the site listed is an article whatever its length.
        listed = bool(response.meta.get("found_on"))
        late = generic.rejection(response.url, meta, len(reading.body), listed=listed)
        if late:
            self.not_article(response, late)
            return
        yield self.article_from(response, reading)

    def article_from(self, response: Response, reading: Reading) -> Article:
        article = super().article_from(response, reading)
        site_name = reading.meta.site_name if reading.meta else None
        article["source_name"] = self.source_name or site_name or generic.site_domain(response.url)
        return article

    def not_article(self, response: Response, reason: str | None) -> None:
        self.crawler.stats.inc_value("baotinh/news/not_article")
        self.crawler.stats.inc_value(f"baotinh/news/not_article/{reason}")
        self.logger.debug("not an article (%s): %s", reason, response.url)
        # recorded as a drop, so scheduled runs leave the page alone for a while (known_ids)
        self.crawler.signals.send_catch_log(
            signal=signals.page_failed, url=response.url, reason="not_article", detail=reason or ""
        )


def _unzipped(response: Response) -> Response:
    """A ``.xml.gz`` sitemap's XML (Scrapy only undoes ``Content-Encoding``, not gzip files)."""
    if response.body[:2] != b"\x1f\x8b":
        return response
    try:
        return response.replace(body=gunzip(response.body))
    except OSError:
        return response
