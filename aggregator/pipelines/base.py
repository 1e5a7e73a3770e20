"""What every pipeline shares: the crawler's stats under ``baotinh/…`` and the drop exceptions."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem


class DropArticle(DropItem):
    """An article rejected for a stated reason (a short code such as ``no_title``)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason, log_level="INFO")
        self.reason = reason
        self.detail = detail


class DuplicateArticle(DropItem):
    """The same article (same canonical URL) seen again in this run: merged, not lost."""

    def __init__(self, article_id: str, url: str) -> None:
        super().__init__(f"duplicate of {article_id}", log_level="DEBUG")
        self.article_id = article_id
        self.url = url


def no_count(key: str) -> None:
    return None


class CrawlerPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def inc(self, key: str, count: int = 1) -> None:
        self.stats.inc_value(f"baotinh/{key}", count)
