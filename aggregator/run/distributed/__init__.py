"""Distributed crawling on Redis: many crawler processes, one shared frontier, one SQLite writer.

With ``BAOTINH_REDIS_URL=redis://host:6379/0`` (setting or environment variable) the
``RedisAddon`` turns every ``scrapy crawl``/``baotinh crawl`` process into a *worker*:

- requests go through scrapy-redis's scheduler and duplicate filter, so every worker of a spider
  shares one request queue (``baotinh:<spider>:requests``, a sorted set by priority) and one
  seen-set (``baotinh:<spider>:dupefilter``); the queue persists (``SCHEDULER_PERSIST``);
- a request a worker takes is *leased*, not removed: it moves atomically to the worker's
  ``baotinh:<spider>:inflight:<worker>`` set and leaves it only once the engine has finished with
  it (response parsed, new requests queued, items pushed). Workers beat in
  ``baotinh:<spider>:workers``; a worker silent for ``BAOTINH_REDIS_WORKER_TIMEOUT`` seconds is
  dead, and the first live worker to notice puts its leases back in the queue (at-least-once: a
  page in flight when a worker was killed is fetched again, never lost). A worker whose queue is
  empty stays open while another live worker still holds leases, so it can pick up their new
  links or their leases if they die;
- the first worker of a run (no live worker, empty queue) clears the spider's seen-set, and the
  last one to finish cleanly clears it too: every scheduled run reads the feeds and listings again,
  while a run whose workers were all killed resumes its queue;
- Normalize → Validate → Deduplicate run in the crawler, unchanged; the Store pipeline is replaced
  by ``RedisItemPipeline``, the same StorePipeline writing to ``RedisOutbox`` instead of SQLite:
  run start, articles (as database rows), drops and aliases, run end are appended, in order, to
  ``baotinh:items``. No crawler opens the database or takes the writer lock;
- incremental runs read the known article ids from ``baotinh:<spider>:known`` (published by
  ``baotinh ingest`` after every drain) and keep the HTTP validators of feeds and sitemaps in
  ``baotinh:<spider>:validators``, so crawlers need no copy of the database.

``baotinh ingest`` (``aggregator.run.ingest``) is the single writer that drains ``baotinh:items``.

scrapy-redis 0.9.1 works with Scrapy 2.19 as is; the subclasses here add the leases and the run
bookkeeping, use Scrapy's request fingerprinter for the seen-set, and stop passing the deprecated
``spider`` argument to the stats collector. The lease acknowledgement reads the engine's set of
requests in progress (``engine._slot.inprogress``, the set Scrapy itself waits on before closing);
should a future Scrapy drop it, workers fall back to scrapy-redis's behaviour (a request leaves
Redis when taken) and say so in the log.

Requests are stored with scrapy-redis's default (pickle) serializer: the Redis server must be as
private as the crawlers themselves.
"""

from aggregator.run.distributed.addon import RedisAddon
from aggregator.run.distributed.common import Keys, connect, worker_token
from aggregator.run.distributed.frontier import LeasedPriorityQueue, RedisDupeFilter, RedisScheduler
from aggregator.run.distributed.outbox import (
    RedisConditionalRequestsMiddleware,
    RedisIncrementalMiddleware,
    RedisItemPipeline,
    RedisOutbox,
)

__all__ = [
    "Keys",
    "LeasedPriorityQueue",
    "RedisAddon",
    "RedisConditionalRequestsMiddleware",
    "RedisDupeFilter",
    "RedisIncrementalMiddleware",
    "RedisItemPipeline",
    "RedisOutbox",
    "RedisScheduler",
    "connect",
    "worker_token",
]
