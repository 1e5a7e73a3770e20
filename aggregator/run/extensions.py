"""Scrapy extensions: feeds rebuilt when a crawl closes, and a progress line per source."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from aggregator.config import setting
from aggregator.publish import build_feeds_for

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
        if not setting(settings, "BAOTINH_FEEDS_ON_CLOSE"):
            return  # ``baotinh crawl`` builds them once after every spider
        try:
            report = build_feeds_for(settings)
        except Exception:
            logger.exception("feed build failed; run `baotinh feeds` to retry")
            self.crawler.stats.inc_value("baotinh/feeds/failed")
            return
        self.crawler.stats.set_value("baotinh/feeds/written", len(report.written))


class ProgressLog:
    """Every ``BAOTINH_PROGRESS_INTERVAL`` seconds, one line per running source.

    Scrapy's own LogStats counts pages and items; this line says what a user of the database
    cares about: new, updated and dropped articles and failed pages.
    """

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLog:
        interval = setting(crawler.settings, "BAOTINH_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured("BAOTINH_PROGRESS_INTERVAL is 0")
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        from twisted.internet import task

        self.task = task.LoopingCall(self.report, spider)
        self.task.start(self.interval, now=False)

    def report(self, spider: Spider) -> None:
        logger.info("progress %s", progress_line(spider.name, self.crawler.stats.get_stats()))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()


def progress_line(name: str, stats: dict[str, Any]) -> str:
    """``baolaocai: pages 120, new 30, updated 2, unchanged 5, dropped 1, failed pages 0``."""

    def get(key: str) -> int:
        return int(stats.get(f"baotinh/{key}", 0))

    dropped = sum(v for k, v in stats.items() if k.startswith("baotinh/drop/"))
    return (
        f"{name}: pages {stats.get('response_received_count', 0)}, new {get('articles/new')}, "
        f"updated {get('articles/updated')}, unchanged {get('articles/unchanged')}, "
        f"dropped {dropped}, failed pages {get('failed_pages')}"
    )
