"""What crawlers send to the single writer instead of writing SQLite, and what they read back.

The Store pipeline writes to ``RedisOutbox`` (``baotinh:items``), the incremental middleware reads
known ids from ``baotinh:<spider>:known``, the conditional middleware keeps its validators in
``baotinh:<spider>:validators``.
"""

from __future__ import annotations

import json
from typing import Any

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler

from aggregator.config import setting
from aggregator.paths import db_path
from aggregator.pipelines import StorePipeline
from aggregator.run.conditional import ConditionalRequestsMiddleware
from aggregator.run.distributed.common import Keys, connect, logger, worker_token
from aggregator.run.incremental import IncrementalMiddleware
from aggregator.store import SaveResult, utc_now


class RedisOutbox:
    """The crawler's stand-in for ``ArticleStore``: what the Store pipeline writes goes to Redis.

    Every call appends one JSON entry to ``baotinh:items``: ``{"kind", "run", "seq", "source",
    …}`` with ``kind`` one of ``start``, ``articles``, ``drops``, ``finish``. ``run`` names this
    crawler run and ``seq`` numbers its entries, so ingest applies each entry exactly once.
    """

    def __init__(self, server: redis.Redis, key: str, stats: Any) -> None:
        self.server = server
        self.key = key
        self.stats = stats
        self.token = worker_token()
        self.source = ""
        self.seq = 0

    def _push(self, kind: str, **payload: Any) -> None:
        self.seq += 1
        entry = {"kind": kind, "run": self.token, "seq": self.seq, "source": self.source, **payload}
        self.server.rpush(self.key, json.dumps(entry, ensure_ascii=False, default=str))

    def start_run(self, source: str) -> str:
        self.source = source
        self._push("start", started=utc_now())
        return self.token

    def save_articles(self, rows: Any, *, aliases: Any = ()) -> SaveResult:
        rows, aliases = list(rows), [list(pair) for pair in aliases]
        if rows or aliases:
            self._push("articles", rows=rows, aliases=aliases)
            self.stats.inc_value("baotinh/redis/articles", len(rows))
        return SaveResult()  # new/updated/unchanged are known once ingest has stored them

    def record_drops(self, drops: Any) -> None:
        if drops:
            self._push("drops", drops=list(drops))

    def finish_run(self, run_id: str, **counts: Any) -> None:
        self._push("finish", finished=utc_now(), **counts)

    def close(self) -> None:
        self.server.close()


class RedisItemPipeline(StorePipeline):
    """StorePipeline without SQLite: no writer lock, no database; every row, alias and drop goes to
    Redis at once (before the request that produced it is acknowledged)."""

    def __init__(self, crawler: Crawler) -> None:
        super(StorePipeline, self).__init__(crawler)
        keys = Keys.from_settings(crawler.settings)
        self.batch_size = 1
        self.db_path = db_path(crawler.settings)  # never locked here: release() is then a no-op
        self.store = RedisOutbox(
            connect(setting(crawler.settings, "BAOTINH_REDIS_URL")), keys.items, self.stats
        )
        self.rows: list[dict[str, Any]] = []
        self.aliases: list[tuple[str, str]] = []
        self.drops: list[dict[str, Any]] = []
        self.totals = SaveResult()
        self.run_id = None
        # The shared Redis queue is the frontier here: requests stay in it until acknowledged.
        self.owing: list[dict[str, Any]] = []
        self.settled: set[str] = set()
        self.failed_ids: set[str] = set()
        for handler, signal in (
            (self.item_dropped, signals.item_dropped),
            (self.spider_error, signals.spider_error),
            (self.spider_closed, signals.spider_closed),
        ):
            crawler.signals.connect(handler, signal=signal)
        from aggregator import signals as baotinh_signals

        crawler.signals.connect(self.page_failed, signal=baotinh_signals.page_failed)
        crawler.signals.connect(self.alias_found, signal=baotinh_signals.alias_found)

    def write_batch(self) -> tuple[SaveResult, int]:
        """Rows, aliases and drops onto the Redis queue (``baotinh ingest`` writes them)."""
        result = self.store.save_articles(self.rows, aliases=self.aliases)
        self.store.record_drops(self.drops)
        return result, 0

    # Drops and aliases arrive by signal; push them at once rather than with the next article.
    # (Explicit signatures: the dispatcher passes a handler only the arguments it names.)
    def item_dropped(self, item: Any, response: Any, exception: Exception, spider: Spider) -> None:
        super().item_dropped(item, response, exception, spider)
        self.flush()

    def spider_error(self, failure: Any, response: Any, spider: Spider) -> None:
        super().spider_error(failure, response, spider)
        self.flush()

    def page_failed(self, url: str, reason: str, detail: str = "") -> None:
        super().page_failed(url, reason, detail)
        self.flush()

    def alias_found(self, url: str, target: str) -> None:
        super().alias_found(url, target)
        self.flush()


class RedisIncrementalMiddleware(IncrementalMiddleware):
    """Known articles come from ``baotinh:<spider>:known``, published by ``baotinh ingest``
    (plus the local database, when this machine happens to have one)."""

    def spider_opened(self, spider: Spider) -> None:
        super().spider_opened(spider)
        if self.full:
            return
        server = connect(setting(self.crawler.settings, "BAOTINH_REDIS_URL"))
        try:
            published = server.smembers(Keys.from_settings(self.crawler.settings).known(spider.name))
        finally:
            server.close()
        self.known |= {member.decode() for member in published}
        self.stats.set_value("baotinh/incremental/known_at_start", len(self.known))
        logger.info("%d articles known from the shared Redis set", len(self.known))


class RedisConditionalRequestsMiddleware(ConditionalRequestsMiddleware):
    """Feed and sitemap validators kept in ``baotinh:<spider>:validators`` instead of SQLite
    (saved, as before, only when a run finishes cleanly)."""

    def _redis(self) -> tuple[redis.Redis, str]:
        settings = self.crawler.settings
        return connect(setting(settings, "BAOTINH_REDIS_URL")), Keys.from_settings(settings).validators(
            self.crawler.spider.name
        )

    def spider_opened(self, spider: Spider) -> None:
        self.enabled = self.wanted(spider)
        if not self.enabled:
            return
        server, key = self._redis()
        with server:
            self.known = {url.decode(): json.loads(row) for url, row in server.hgetall(key).items()}

    def spider_closed(self, spider: Spider, reason: str) -> None:
        rows = self.to_save()
        if reason == "finished" and rows:
            server, key = self._redis()
            with server:
                server.hset(key, mapping={row["url"]: json.dumps(row) for row in rows})
