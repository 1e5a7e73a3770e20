"""Conditional requests for feeds and sitemaps (``If-None-Match`` / ``If-Modified-Since``).

A scheduled run asks each feed and sitemap "changed since last time?" and a 304 costs the site
almost nothing. Validators are saved only when a run finishes cleanly: a run killed after reading
a feed but before storing its articles must read that feed in full next time.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from aggregator.paths import db_path
from aggregator.run.incremental import truthy
from aggregator.store import ArticleStore, utc_now

_DISCOVERY_CALLBACKS = frozenset({"parse_feed", "parse_sitemap"})


class ConditionalRequestsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.known: dict[str, dict[str, Any]] = {}
        self.seen: dict[str, dict[str, Any]] = {}
        # Feeds/sitemaps one of whose articles failed: asked in full next run, so it is retried.
        self.tainted: set[str] = set()
        # Every feed/sitemap that listed an article, beyond the one whose request was scheduled
        # (the duplicate filter drops the others): any of them may be the only way back to it.
        self.also_listed_by: dict[str, set[str]] = {}
        self.failed: set[str] = set()
        self.enabled = True
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestsMiddleware:
        return cls(crawler)

    @staticmethod
    def wanted(spider: Spider) -> bool:
        """Full runs and backfills read every feed and sitemap in full."""
        return not (truthy(getattr(spider, "full", "")) or getattr(spider, "since", None))

    def to_save(self) -> list[dict[str, Any]]:
        return [row for url, row in self.seen.items() if url not in self.tainted]

    def spider_opened(self, spider: Spider) -> None:
        self.enabled = self.wanted(spider)
        database = db_path(self.crawler.settings)
        if self.enabled and database.is_file():
            with ArticleStore(database, readonly=True) as store:
                if store.db["http_validators"].exists():
                    self.known = {row["url"]: row for row in store.db["http_validators"].rows}

    def spider_closed(self, spider: Spider, reason: str) -> None:
        rows = self.to_save()
        if reason == "finished" and rows:
            with ArticleStore(db_path(self.crawler.settings)) as store:
                store.save_validators(rows)

    def _is_discovery(self, request: Request) -> bool:
        return getattr(request.callback, "__name__", "") in _DISCOVERY_CALLBACKS

    def process_request(self, request: Request) -> None:
        if not self.enabled or not self._is_discovery(request):
            return
        known = self.known.get(request.url)
        if not known:
            return
        if known.get("etag"):
            request.headers.setdefault(b"If-None-Match", known["etag"].encode("latin-1"))
        if known.get("last_modified"):
            request.headers.setdefault(b"If-Modified-Since", known["last_modified"].encode("latin-1"))

    def request_dropped(self, request: Request, spider: Spider) -> None:
        """A duplicate article request: remember the feed or sitemap that listed it too."""
        found_on = request.meta.get("found_on")
        if not found_on:
            return
        if request.url in self.failed:
            self.tainted.add(found_on)
        else:
            self.also_listed_by.setdefault(request.url, set()).add(found_on)

    def _article_failed(self, request: Request) -> None:
        """Every feed and sitemap that listed the article is read in full next run."""
        self.failed.add(request.url)
        self.tainted.update(self.also_listed_by.pop(request.url, ()))
        if request.meta.get("found_on"):
            self.tainted.add(request.meta["found_on"])

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not self._is_discovery(request):
            self._article_failed(request)

    def process_response(self, request: Request, response: Response) -> Response:
        if not self._is_discovery(request):
            if response.status >= 400:
                self._article_failed(request)
            return response
        if response.status == 304:
            self.stats.inc_value("baotinh/not_modified")
            self.seen[request.url] = {
                **self.known.get(request.url, {"url": request.url}),
                "checked": utc_now(),
            }
        elif response.status == 200 and b"<sitemapindex" in response.body[:4096]:
            pass  # an index can stay byte-identical while the sitemaps it lists grow: always read it
        elif response.status == 200:
            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            if etag or modified:
                self.seen[request.url] = {
                    "url": request.url,
                    "etag": etag.decode("latin-1") if etag else None,
                    "last_modified": modified.decode("latin-1") if modified else None,
                    "checked": utc_now(),
                }
        return response
