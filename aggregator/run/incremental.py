"""Incremental runs: fetch discovery pages, and only the articles not stored yet.

A scheduled run every 15–60 minutes must not re-download a paper's archive. This spider
middleware drops article requests whose id is already in the database (or was dropped for its
content recently) and stops following a listing's pagination after ``BAOTINH_STOP_AFTER_KNOWN_PAGES``
pages whose articles were all known. The state lives in the database, not in a job folder:
Scrapy's JOBDIR makes a re-run of a sitemap spider end at once, and deltafetch skips listing
pages that once yielded items, which is exactly where new articles appear.

``-a full=1`` fetches everything again; ``-a since=YYYY-MM-DD`` backfills: pagination goes as deep
as ``BAOTINH_BACKFILL_MAX_PAGES`` and feed/sitemap entries dated before that day are skipped.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from aggregator import signals as baotinh_signals
from aggregator.config import setting
from aggregator.dates import VN_TZ, parse_vn_date
from aggregator.paths import db_path
from aggregator.store import ArticleStore, frontier, utc_now
from aggregator.urls import article_id

logger = logging.getLogger(__name__)


def truthy(value: Any) -> bool:
    return str(value).strip().lower() not in ("", "0", "false", "no", "none")


class IncrementalMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.stop_after = setting(crawler.settings, "BAOTINH_STOP_AFTER_KNOWN_PAGES")
        self.known: set[str] = set()
        # Article URLs met in this run, and whether each was already stored before the run.
        self.met: dict[str, bool] = {}
        self.full = False
        self.since: date | None = None
        self.resuming = False  # the source's last run ended early: walk the listings in full
        self.owed: list[dict[str, Any]] = []  # what earlier runs discovered and did not settle
        self.created = utc_now()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.full = truthy(getattr(spider, "full", ""))
        since = getattr(spider, "since", None)
        try:
            self.since = date.fromisoformat(since) if since else None
        except ValueError:
            logger.error("-a since=%r is not a date (YYYY-MM-DD): running incrementally instead", since)
            self.stats.set_value("baotinh/incremental/bad_since", since)
        if self.full or self.since:
            spider.pages = setting(self.crawler.settings, "BAOTINH_BACKFILL_MAX_PAGES")
        database = db_path(self.crawler.settings)
        if database.is_file():
            with ArticleStore(database, readonly=True) as store:
                self.owed = frontier.owed(store.db, spider.name)  # a full run owes them too
                if not self.full:
                    days = setting(self.crawler.settings, "BAOTINH_RETRY_DROPPED_AFTER_DAYS")
                    self.known = store.known_ids(spider.name, retry_dropped_after_days=days)
                    self.resuming = store.last_run_interrupted(spider.name, before=self.created)
        self.stats.set_value("baotinh/incremental/known_at_start", len(self.known))
        self.stats.set_value("baotinh/frontier/owed_at_start", len(self.owed))
        mode = "full" if self.full else f"backfill to {self.since}" if self.since else "incremental"
        if self.resuming:
            mode += ", resuming a run that ended early (listings walked in full)"
        logger.info(
            "%s run: %d articles already known, %d owed by earlier runs",
            mode,
            len(self.known),
            len(self.owed),
        )

    def _is_article(self, request: Request) -> bool:
        callback = request.callback
        return getattr(callback, "__name__", "") == "parse_article"

    def _verdict(self, request: Request) -> str:
        """``fetch``, ``known`` (stored before this run) or ``repeat`` (met earlier in this run).

        The same article is linked from a feed, a sitemap and listings: repeats are dropped here,
        closest to the spider, before other middlewares, the scheduler and the duplicate filter
        spend time on them.
        """
        seen = self.met.get(request.url)
        if seen is not None:
            self.stats.inc_value("baotinh/incremental/repeated_link")
            # What the scheduler announces for a duplicate it filters: a feed or sitemap that
            # listed this article too must learn of it (conditional requests).
            self.crawler.signals.send_catch_log(
                signal=signals.request_dropped, request=request, spider=self.crawler.spider
            )
            return "known" if seen else "repeat"
        known = not self.full and article_id(request.url) in self.known
        self.met[request.url] = known
        if known:
            self.stats.inc_value("baotinh/incremental/skipped_known")
            return "known"
        if self.since and request.meta.get("feed_date"):
            parsed = parse_vn_date(str(request.meta["feed_date"]))
            if parsed and parsed.value.astimezone(VN_TZ).date() < self.since:
                self.stats.inc_value("baotinh/incremental/skipped_before_since")
                return "known"
        return "fetch"

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The articles earlier runs owe first (at a higher priority), then the spider's own start."""
        spider = self.crawler.spider
        for row in self.owed if hasattr(spider, "article_request") else ():
            if not self.full and article_id(row["url"]) in self.known:
                continue  # stored meanwhile under another of its URLs
            if not spider.is_article_url(row["url"]):
                continue  # another site's (the generic spider runs under one name for many sites)
            self.met[row["url"]] = False
            self.stats.inc_value("baotinh/frontier/requested")
            request = spider.article_request(row["url"], feed_date=row["feed_date"], found_on=row["found_on"])
            yield request.replace(priority=request.priority + 10)
        async for request in start:
            yield request

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        articles = known = 0
        following: list[Request] = []
        fetch: list[Request] = []
        redirects = response.meta.get("redirect_urls") or []
        async for entry in result:
            if isinstance(entry, Request) and self._is_article(entry):
                verdict = self._verdict(entry)
                if verdict == "fetch":
                    articles += 1
                    fetch.append(entry)  # scheduled once they are in the frontier
                elif verdict == "known":
                    articles += 1
                    known += 1
            elif isinstance(entry, Request) and "listing_page" in entry.meta:
                following.append(entry)  # decided once every link of this page was seen
            else:
                if redirects and "alias_urls" in getattr(entry, "fields", ()):
                    # the URLs a redirect went through settle what the frontier owes for them
                    entry["alias_urls"] = [*(entry.get("alias_urls") or []), *redirects]
                yield entry
        if fetch:
            self._owe(fetch, response)
        for request in fetch:
            yield request
        streak = response.meta.get("known_streak", 0) + 1 if articles and known == articles else 0
        if following and streak >= self.stop_after and not (self.full or self.since or self.resuming):
            self.stats.inc_value("baotinh/incremental/pagination_stopped")
            return
        for request in following:
            request.meta["known_streak"] = streak
            yield request

    def _owe(self, requests: list[Request], response: Response) -> None:
        """Write the page's article requests to the frontier before any of them is scheduled."""
        now = utc_now()
        source = self.crawler.spider.name
        rows = [
            {
                "id": article_id(r.url),
                "url": r.url,
                "source": source,
                "found_on": response.url,
                "feed_date": str(r.meta["feed_date"]) if r.meta.get("feed_date") else None,
                "discovered": now,
            }
            for r in requests
        ]
        self.crawler.signals.send_catch_log(signal=baotinh_signals.articles_discovered, rows=rows)
