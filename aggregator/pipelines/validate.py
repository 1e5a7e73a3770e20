"""Validate: an article needs a URL, a title and a body; the reason for a drop is recorded."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from aggregator.pipelines.base import CrawlerPipeline, DropArticle


class ValidatePipeline(CrawlerPipeline):
    """Reject items without url, title or body; keep (and count) those whose date is unreadable."""

    def process_item(self, item: Any) -> Any:
        article = ItemAdapter(item)
        for field, reason in (("url", "no_url"), ("title", "no_title"), ("body", "no_body")):
            if not article.get(field):
                self.inc(f"drop/{reason}")
                raise DropArticle(reason, article.get("url") or "")
        if article.get("published") is None and article.get("published_raw"):
            self.inc("date/kept_unparsed")
        return item
