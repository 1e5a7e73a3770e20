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

``baotinh ingest`` (``aggregator.ingest``) is the single writer that drains ``baotinh:items``.

scrapy-redis 0.9.1 works with Scrapy 2.19 as is; the subclasses here add the leases and the run
bookkeeping, use Scrapy's request fingerprinter for the seen-set, and stop passing the deprecated
``spider`` argument to the stats collector. The lease acknowledgement reads the engine's set of
requests in progress (``engine._slot.inprogress``, the set Scrapy itself waits on before closing);
should a future Scrapy drop it, workers fall back to scrapy-redis's behaviour (a request leaves
Redis when taken) and say so in the log.

Requests are stored with scrapy-redis's default (pickle) serializer: the Redis server must be as
private as the crawlers themselves.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from aggregator.conditional import ConditionalRequestsMiddleware
from aggregator.incremental import IncrementalMiddleware
from aggregator.paths import db_path
from aggregator.pipelines import StorePipeline
from aggregator.store import SaveResult, utc_now

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "BAOTINH_REDIS_URL": "",
    # Prefix of every Redis key (several deployments can share one server).
    "BAOTINH_REDIS_PREFIX": "baotinh",
    # Seconds between a worker's heartbeats (and its checks for dead workers).
    "BAOTINH_REDIS_HEARTBEAT": 5.0,
    # A worker silent this long is dead: its leased requests go back to the queue.
    "BAOTINH_REDIS_WORKER_TIMEOUT": 60.0,
}


def setting(settings: BaseSettings | None, name: str) -> Any:
    """A ``BAOTINH_REDIS_*`` value: the Scrapy setting, else the environment variable, else default.

    An empty setting wins over the environment (``-s BAOTINH_REDIS_URL=`` crawls locally).
    """
    value = settings.get(name) if settings is not None else None
    if value is None:  # not in the settings at all: the environment variable of the same name
        value = os.environ.get(name)
    if value in (None, ""):
        return DEFAULTS.get(name)
    default = DEFAULTS.get(name)
    return type(default)(value) if isinstance(default, float) else value


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)


def worker_token() -> str:
    """A name unique to one process run, readable in ``redis-cli``: ``host-pid-random``."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class Keys:
    """Every Redis key baotinh uses, under one prefix."""

    prefix: str = "baotinh"

    @classmethod
    def from_settings(cls, settings: BaseSettings | None) -> Keys:
        return cls(setting(settings, "BAOTINH_REDIS_PREFIX"))

    def requests(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:requests"

    def dupefilter(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:dupefilter"

    def workers(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:workers"

    def inflight_prefix(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:inflight:"

    def known(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:known"

    def validators(self, spider: str) -> str:
        return f"{self.prefix}:{spider}:validators"

    @property
    def items(self) -> str:
        return f"{self.prefix}:items"

    @property
    def processing(self) -> str:
        return f"{self.prefix}:items:processing"


# --- the add-on --------------------------------------------------------------------------------


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
            "SCHEDULER": "aggregator.distributed.RedisScheduler",
            "DUPEFILTER_CLASS": "aggregator.distributed.RedisDupeFilter",
            "SCHEDULER_QUEUE_CLASS": "aggregator.distributed.LeasedPriorityQueue",
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


# --- the shared frontier: queue with leases, seen-set, scheduler --------------------------------

# Take the first request of the queue and lease it to a worker, atomically.
_POP_LEASE = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('ZADD', KEYS[2], r[2], r[1])
return r[1]
"""

# Shared by the scripts below: beat for ARGV[1] (when given), give the leases of workers silent
# for ARGV[2] seconds back to the queue, and count live other workers and those holding leases.
_SURVEY = """
local workers, queue, prefix, me = KEYS[1], KEYS[2], ARGV[3], ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local recovered = 0
for _, w in ipairs(redis.call('ZRANGEBYSCORE', workers, '-inf', now - tonumber(ARGV[2]))) do
  if w ~= me then
    local leases = redis.call('ZRANGE', prefix .. w, 0, -1, 'WITHSCORES')
    for i = 1, #leases, 2 do
      redis.call('ZADD', queue, leases[i + 1], leases[i])
      recovered = recovered + 1
    end
    redis.call('DEL', prefix .. w)
    redis.call('ZREM', workers, w)
  end
end
local live, busy = 0, 0
for _, w in ipairs(redis.call('ZRANGE', workers, 0, -1)) do
  if w ~= me then
    live = live + 1
    if redis.call('ZCARD', prefix .. w) > 0 then busy = busy + 1 end
  end
end
"""

# A worker joins: a run with no live worker and an empty queue is a new run (fresh seen-set).
_JOIN = (
    _SURVEY
    + """
local fresh = 0
if live == 0 and redis.call('ZCARD', queue) == 0 then
  redis.call('DEL', KEYS[3])
  fresh = 1
end
redis.call('ZADD', workers, now, me)
return {fresh, recovered}
"""
)

_BEAT = (
    _SURVEY
    + """
redis.call('ZADD', workers, now, me)
return {recovered, busy, redis.call('ZCARD', queue)}
"""
)

# A worker leaves: unfinished leases go back to the queue; the last worker of a finished run
# (empty queue, nobody else alive) clears the seen-set so the next run starts afresh.
_LEAVE = (
    _SURVEY
    + """
local own = redis.call('ZRANGE', prefix .. me, 0, -1, 'WITHSCORES')
for i = 1, #own, 2 do redis.call('ZADD', queue, own[i + 1], own[i]) end
redis.call('DEL', prefix .. me)
redis.call('ZREM', workers, me)
local complete = 0
if ARGV[4] == '1' and live == 0 and redis.call('ZCARD', queue) == 0 then
  redis.call('DEL', KEYS[3])
  complete = 1
end
return {complete, #own / 2, recovered}
"""
)


class LeasedPriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop leases the request instead of removing it."""

    lease_key: str = ""
    _pop_lease: Any = None

    def pop(self, timeout: int = 0) -> Request | None:
        if not self.lease_key:
            return super().pop(timeout)
        data = self.pop_data()
        return self._decode_request(data) if data else None

    def pop_data(self) -> bytes | None:
        """The encoded first request, now leased in ``lease_key``."""
        if self._pop_lease is None:
            self._pop_lease = self.server.register_script(_POP_LEASE)
        return self._pop_lease(keys=[self.key, self.lease_key])

    def decode(self, data: bytes) -> Request:
        return self._decode_request(data)


class RedisDupeFilter(RFPDupeFilter):
    """scrapy-redis's shared seen-set, fingerprinting with the crawler's own request fingerprinter
    (so ``REQUEST_FINGERPRINTER_*`` settings and ``fingerprint`` request metadata keep working)."""

    fingerprinter: Any = None

    @classmethod
    def from_spider(cls, spider: Spider) -> RedisDupeFilter:
        dupefilter = super().from_spider(spider)
        crawler = getattr(spider, "crawler", None)
        dupefilter.fingerprinter = getattr(crawler, "request_fingerprinter", None)
        return dupefilter

    def request_fingerprint(self, request: Request) -> str:
        if self.fingerprinter is not None:
            return self.fingerprinter.fingerprint(request).hex()
        return super().request_fingerprint(request)


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler with leases, heartbeats, dead-worker recovery and run bookkeeping."""

    crawler: Crawler
    queue: LeasedPriorityQueue

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisScheduler:
        scheduler = cls.from_settings(crawler.settings)
        scheduler.stats = crawler.stats
        scheduler.crawler = crawler
        scheduler.keys = Keys.from_settings(crawler.settings)
        scheduler.worker = worker_token()
        scheduler.heartbeat = max(0.1, setting(crawler.settings, "BAOTINH_REDIS_HEARTBEAT"))
        # A live worker must never look dead: several heartbeats fit in the timeout.
        scheduler.timeout = max(
            3 * scheduler.heartbeat, setting(crawler.settings, "BAOTINH_REDIS_WORKER_TIMEOUT")
        )
        scheduler.leases = {}
        scheduler.loop = None
        scheduler.reliable = True
        scheduler.waiting = False
        return scheduler

    # --- lifecycle ---------------------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        self.spider = spider
        name = spider.name
        self.lease_key = self.keys.inflight_prefix(name) + self.worker
        self._scripts = {
            key: self.server.register_script(script)
            for key, script in (("join", _JOIN), ("beat", _BEAT), ("leave", _LEAVE))
        }
        fresh, recovered = self._run("join")
        # scrapy-redis's open() without its deprecated Spider.log() call
        self.queue = load_object(self.queue_cls)(
            server=self.server,
            spider=spider,
            key=self.queue_key % {"spider": name},
            serializer=self.serializer,
        )
        self.queue.lease_key = self.lease_key
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        self.stats.set_value("baotinh/redis/worker", self.worker)
        if recovered:
            self.stats.inc_value("baotinh/redis/recovered", recovered)
        if fresh:
            logger.info("new distributed run of %s: seen-set cleared (worker %s)", name, self.worker)
        else:
            logger.info(
                "joining the distributed run of %s (%d requests queued; worker %s)",
                name,
                len(self.queue),
                self.worker,
            )
        if self._in_progress() is None:
            self.reliable = False
            logger.warning(
                "this Scrapy version hides the engine's requests in progress: requests leave Redis "
                "when taken, and those of a killed worker are lost"
            )
        self.crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        from twisted.internet import task

        self.loop = task.LoopingCall(self.beat)
        self.loop.start(self.heartbeat, now=False)

    def close(self, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.ack_finished()
        complete, returned, recovered = self._run("leave", finished=reason == "finished")
        if returned:
            logger.info("%d unfinished requests returned to the shared queue", returned)
        if recovered:
            self.stats.inc_value("baotinh/redis/recovered", recovered)
        if complete:
            logger.info("distributed run of %s complete: seen-set cleared", self.spider.name)
        super().close(reason)

    def _run(self, script: str, *, finished: bool = False) -> list[int]:
        name = self.spider.name
        keys = [self.keys.workers(name), self.keys.requests(name), self.keys.dupefilter(name)]
        args = [self.worker, self.timeout, self.keys.inflight_prefix(name), "1" if finished else "0"]
        return [int(v) for v in self._scripts[script](keys=keys, args=args)]

    # --- requests ----------------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        self.ack_finished()
        data = self.queue.pop_data()
        if not data:
            return None
        request = self.queue.decode(data)
        if self.reliable:
            self.leases[request] = data
        else:
            self.server.zrem(self.lease_key, data)
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0

    def _in_progress(self) -> set[Request] | None:
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        return getattr(slot, "inprogress", None)

    def ack_finished(self) -> None:
        """Release the leases of requests the engine is done with (their output is in Redis)."""
        if not self.leases:
            return
        active = self._in_progress() or set()
        done = [request for request in self.leases if request not in active]
        if done:
            self.server.zrem(self.lease_key, *(self.leases.pop(request) for request in done))

    # --- heartbeat, dead workers, idling ------------------------------------------------------

    def beat(self) -> tuple[int, int, int]:
        """Ack, beat, recover dead workers' leases; return (recovered, busy others, queued)."""
        try:
            self.ack_finished()
            recovered, busy, queued = self._run("beat")
        except redis.RedisError as exc:
            logger.warning("redis heartbeat failed: %s", exc)
            return 0, 1, 0
        if recovered:
            self.stats.inc_value("baotinh/redis/recovered", recovered)
            logger.warning("%d requests of dead workers returned to the shared queue", recovered)
        if self.waiting and (recovered or queued or not busy):
            # Idle and kept open: look again now rather than at the engine's next heartbeat (5 s).
            self.waiting = False
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None:
                slot.nextcall.schedule()
        return recovered, busy, queued

    def spider_idle(self, spider: Spider) -> None:
        """Stay open while the queue may still grow: another live worker holds leases."""
        self.waiting = False
        _, busy, queued = self.beat()
        if busy or queued:
            self.waiting = True
            raise DontCloseSpider


# --- crawler side of the items: the Store pipeline writing to Redis -----------------------------


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


# --- incremental runs without the database ------------------------------------------------------


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
