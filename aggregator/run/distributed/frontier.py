"""The shared frontier: a queue whose requests are leased to workers, the seen-set, the scheduler."""

from __future__ import annotations

from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from aggregator.config import setting
from aggregator.run.distributed.common import Keys, logger, worker_token

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
