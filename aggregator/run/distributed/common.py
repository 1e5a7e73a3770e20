"""Settings, keys and the connection shared by every part of the Redis frontier."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

import redis
from scrapy.settings import BaseSettings

logger = logging.getLogger("aggregator.run.distributed")

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
