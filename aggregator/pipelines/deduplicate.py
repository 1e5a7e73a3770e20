"""Deduplicate: one article per canonical URL within a run (across runs the store upserts by id)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from aggregator.pipelines.base import CrawlerPipeline, DuplicateArticle


class DeduplicatePipeline(CrawlerPipeline):
    """One article per canonical URL within a run; across runs the Store upserts by id."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: Any) -> Any:
        article = ItemAdapter(item)
        key = article["id"]
        if key in self.seen:
            self.inc("duplicate/url")
            raise DuplicateArticle(key, (article.get("alias_urls") or [article["url"]])[0])
        self.seen.add(key)
        return item
