"""Scrapy extensions: rebuild the feeds when a ``scrapy crawl`` closes."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from aggregator.feeds import DEFAULT_SITE_URL, build_feeds
from aggregator.paths import db_path, output_dir

logger = logging.getLogger(__name__)


class FeedsOnClose:
    """Runs after the pipelines have flushed (``spider_closed`` fires after they close).

    A failing feed build is logged as an error and counted, never raised: the articles are
    already stored and ``baotinh feeds`` can rebuild the feeds at any time.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FeedsOnClose:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        settings = self.crawler.settings
        if not settings.getbool("BAOTINH_FEEDS_ON_CLOSE", True):
            return  # ``baotinh crawl`` builds them once after every spider
        try:
            report = build_feeds(
                db_path(settings),
                output_dir(settings),
                limit=settings.getint("BAOTINH_FEED_LIMIT", 100),
                site_url=settings.get("BAOTINH_SITE_URL") or DEFAULT_SITE_URL,
            )
        except Exception:
            logger.exception("feed build failed; run `baotinh feeds` to retry")
            self.crawler.stats.inc_value("baotinh/feeds/failed")
            return
        self.crawler.stats.set_value("baotinh/feeds/written", len(report.written))
