"""Settings, keys and the connection shared by every part of the Redis frontier."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass

import redis
from scrapy.settings import BaseSettings

from aggregator.config import setting

logger = logging.getLogger("aggregator.run.distributed")


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
