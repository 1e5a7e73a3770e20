"""The add-on that turns a crawl into a worker of the shared frontier when ``BAOTINH_REDIS_URL`` is set."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from aggregator.config import setting
from aggregator.pipelines import StorePipeline
from aggregator.run.conditional import ConditionalRequestsMiddleware
from aggregator.run.distributed.common import Keys, logger
from aggregator.run.distributed.outbox import (
    RedisConditionalRequestsMiddleware,
    RedisIncrementalMiddleware,
    RedisItemPipeline,
)
from aggregator.run.incremental import IncrementalMiddleware


class RedisAddon:
    """Turns a crawl into a worker of the shared Redis frontier when ``BAOTINH_REDIS_URL`` is set.

    Like ``MirrorAddon`` it changes nothing without its setting, and sets values at ``spider``
    priority so that settings.py does not override them while ``-s`` on the command line still can.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        url = setting(settings, "BAOTINH_REDIS_URL")
        if not url:
            return
        if not str(url).startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(f"BAOTINH_REDIS_URL must be a redis:// URL, not {url!r}")
        keys = Keys.from_settings(settings)
        for name, value in {
            "BAOTINH_REDIS_URL": url,
            "REDIS_URL": url,
            "SCHEDULER": "aggregator.run.distributed.RedisScheduler",
            "DUPEFILTER_CLASS": "aggregator.run.distributed.RedisDupeFilter",
            "SCHEDULER_QUEUE_CLASS": "aggregator.run.distributed.LeasedPriorityQueue",
            "SCHEDULER_QUEUE_KEY": keys.requests("%(spider)s"),
            "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter("%(spider)s"),
            "SCHEDULER_PERSIST": True,  # a killed worker's queue survives; the run bookkeeping clears it
            "SCHEDULER_FLUSH_ON_START": False,
            "BAOTINH_FEEDS_ON_CLOSE": False,  # crawlers have no database: ingest builds the feeds
        }.items():
            settings.set(name, value, priority="spider")
        for name, old, new in (
            ("ITEM_PIPELINES", StorePipeline, RedisItemPipeline),
            ("SPIDER_MIDDLEWARES", IncrementalMiddleware, RedisIncrementalMiddleware),
            ("DOWNLOADER_MIDDLEWARES", ConditionalRequestsMiddleware, RedisConditionalRequestsMiddleware),
        ):
            try:
                settings.replace_in_component_priority_dict(name, old, new)
            except KeyError:
                if name == "ITEM_PIPELINES":  # without it a worker would write the database
                    raise
                logger.debug("%s is not enabled; %s not installed", old.__name__, new.__name__)
