"""Store: batched upserts into SQLite; drops, failures, discovered articles and the run's counts too.

Nothing rejected disappears: drops land in the ``drops`` table with their reason, and what a run
discovered but did not finish stays owed in the ``frontier`` table.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from aggregator import signals as baotinh_signals
from aggregator.config import setting
from aggregator.items import Article
from aggregator.paths import db_path
from aggregator.pipelines.base import CrawlerPipeline, DuplicateArticle
from aggregator.store import ARTICLE_COLUMNS, ArticleStore, SaveResult, frontier, lock
from aggregator.urls import article_id

logger = logging.getLogger(__name__)

# The columns an Article fills, in the table's order (the store adds first_seen, revisions, …).
ITEM_COLUMNS = tuple(column for column in ARTICLE_COLUMNS if column in Article.fields)
_TIMES = frozenset({"published", "modified"})
_JSON = frozenset({"date_conflict", "provenance"})


def article_row(article: ItemAdapter) -> dict[str, Any]:
    """The database row for a normalized article."""
    row = {}
    for key in ITEM_COLUMNS:
        value = article.get(key)
        if key in _TIMES:
            value = value.isoformat() if value is not None else None
        elif key in _JSON:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
        row[key] = value
    return row


# Failures after which nothing is owed: the page is gone, is not an article, or may not be fetched.
_SETTLING_FAILURES = frozenset({"http_404", "http_410", "not_article", "ignored"})


class StorePipeline(CrawlerPipeline):
    """Batched upserts into SQLite; drops, failures and the run's counts recorded as well."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.batch_size = setting(crawler.settings, "BAOTINH_BATCH_SIZE")
        self.db_path = db_path(crawler.settings)
        # A second crawl into the same database fails here, before any request is made.
        lock.acquire(self.db_path, wait=setting(crawler.settings, "BAOTINH_LOCK_WAIT"))
        self.store = ArticleStore(self.db_path)
        self.rows: list[dict[str, Any]] = []
        self.aliases: list[tuple[str, str]] = []
        self.drops: list[dict[str, Any]] = []
        self.totals = SaveResult()
        self.run_id: int | None = None
        # The frontier (aggregator.frontier): discoveries written at once; what this run settled
        # or failed is written with the batch that stores or drops it, in the same transaction.
        self.max_attempts = setting(crawler.settings, "BAOTINH_FRONTIER_MAX_ATTEMPTS")
        self.owing: list[dict[str, Any]] = []
        self.settled: set[str] = set()
        self.failed_ids: set[str] = set()
        crawler.signals.connect(self.articles_discovered, signal=baotinh_signals.articles_discovered)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.page_failed, signal=baotinh_signals.page_failed)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.alias_found, signal=baotinh_signals.alias_found)

    def open_spider(self) -> None:
        self.run_id = self.store.start_run(self.crawler.spider.name)

    def process_item(self, item: Any) -> Any:
        article = ItemAdapter(item)
        self.rows.append(article_row(article))
        self.aliases.extend((url, article["id"]) for url in article.get("alias_urls") or ())
        self._settle(article)
        if len(self.rows) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered batch, its drops and what it settles in the frontier, in one transaction.

        A batch that cannot be written (another process held the database past the busy
        timeout, a full disk) stays buffered and is retried with the next one; whatever is
        still unwritten when the spider closes is logged and, never having been stored, is
        still owed in the frontier and fetched by the next run.
        """
        try:
            result, given_up = self.write_batch()
        except sqlite3.OperationalError as exc:
            self.inc("store/retried_batches")
            logger.warning(
                "could not write %d articles yet (%s); retrying with the next batch", len(self.rows), exc
            )
            return
        self.rows, self.aliases, self.drops = [], [], []
        self.settled, self.failed_ids = set(), set()
        self.totals += result
        self.inc("articles/new", result.new)
        self.inc("articles/updated", result.updated)
        self.inc("articles/unchanged", result.unchanged)
        self.inc("articles/duplicate_content", result.duplicates)
        self.inc("articles/clustered", result.clustered)
        if given_up:
            self.inc("frontier/given_up", given_up)

    def write_batch(self) -> tuple[SaveResult, int]:
        """One transaction: the buffered articles and drops, and the frontier rows they settle or
        count as failed; returns how the articles changed the database and how many were given up."""
        with self.store.transaction():
            self._write_owed()
            result = self.store.save_articles(self.rows, aliases=self.aliases)
            self.store.record_drops(self.drops)
            frontier.settle(self.store.db, self.settled)
            failed_ids = self.failed_ids - self.settled
            return result, frontier.failed(self.store.db, failed_ids, max_attempts=self.max_attempts)

    def _write_owed(self) -> None:
        if self.owing:
            frontier.owe(self.store.db, self.owing)
            self.inc("frontier/discovered", len(self.owing))
            self.owing = []

    def articles_discovered(self, rows: list[dict[str, Any]]) -> None:
        """Article requests about to be scheduled: in the frontier before the page's next step."""
        self.owing.extend(rows)
        try:
            with self.store.transaction():
                self._write_owed()
        except sqlite3.OperationalError as exc:  # kept in ``owing``, written with the next batch
            logger.warning("could not write %d discovered articles yet (%s)", len(self.owing), exc)

    def _settle(self, article: ItemAdapter) -> None:
        """Every URL an article went by settles what the frontier owes for it."""
        urls = [article.get("url"), *(article.get("alias_urls") or ())]
        self.settled.update(article_id(u) for u in urls if u)

    def close_spider(self) -> None:
        self.flush()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Record the run once Scrapy knows why it ended (``finished``, ``shutdown``…)."""
        self.flush()
        if self.rows:
            self.inc("store/unwritten", len(self.rows))
            logger.error("%d articles could not be written; the next run fetches them again", len(self.rows))
        stats = self.stats.get_stats()
        if self.run_id is not None:
            self.store.finish_run(
                self.run_id,
                finish_reason=reason,
                pages=stats.get("response_received_count", 0),
                new=self.totals.new,
                updated=self.totals.updated,
                unchanged=self.totals.unchanged,
                dropped=sum(v for k, v in stats.items() if k.startswith("baotinh/drop/")),
                errors=stats.get("log_count/ERROR", 0) + stats.get("baotinh/failed_pages", 0),
                stats=stats,
            )
        self.store.close()
        lock.release(self.db_path)

    # --- signal handlers: every rejection leaves a row ----------------------------------------

    def _drop(self, url: str, reason: str, detail: str = "") -> None:
        self.drops.append(
            {
                "url": url,
                "reason": reason,
                "detail": detail[:500],
                "source": self.crawler.spider.name,
                "run_id": self.run_id,
            }
        )

    def item_dropped(self, item: Any, response: Response, exception: Exception, spider: Spider) -> None:
        self._settle(ItemAdapter(item))
        if isinstance(exception, DuplicateArticle):
            self.aliases.append((exception.url, exception.article_id))
            return
        reason = getattr(exception, "reason", "dropped")
        url = ItemAdapter(item).get("url") or getattr(response, "url", "")
        self._drop(url, reason, getattr(exception, "detail", str(exception)))

    def item_error(self, item: Any, response: Response, spider: Spider, failure: Failure) -> None:
        """A pipeline raised on this item: recorded with its reason, never lost without a trace."""
        self.inc("drop/pipeline_error")
        adapter = ItemAdapter(item)
        self._settle(adapter)
        self._drop(adapter.get("url") or getattr(response, "url", ""), "pipeline_error", repr(failure.value))

    def spider_error(self, failure: Failure, response: Response, spider: Spider) -> None:
        self.inc("drop/extraction_error")
        urls = [*response.meta.get("redirect_urls", ()), response.url]
        self.settled.update(article_id(u) for u in urls)
        self._drop(response.url, "extraction_error", repr(failure.value))

    def alias_found(self, url: str, target: str) -> None:
        self.aliases.append((url, article_id(target)))

    def page_failed(self, url: str, reason: str, detail: str = "", requested: Sequence[str] = ()) -> None:
        if reason == "http_304":
            return  # a feed or sitemap unchanged since the last run: nothing failed
        ids = {article_id(u) for u in (*requested, url)}
        if reason in _SETTLING_FAILURES:
            self.settled.update(ids)  # gone for good, or deliberately not fetched
        else:
            self.failed_ids.update(ids)  # tried again by the next run, a few times
        if reason == "not_article":
            self._drop(url, reason, detail)  # a page that is not news: kept for known_ids, not a failure
            return
        self.inc("failed_pages")
        self.inc(f"failed/{reason}")
        self._drop(url, reason, detail)
