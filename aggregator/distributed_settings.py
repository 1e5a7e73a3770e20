"""The project settings with the Redis add-on enabled: ``SCRAPY_SETTINGS_MODULE`` for distributed
crawls until ``aggregator.settings`` lists ``aggregator.distributed.RedisAddon`` itself (it is
inert without ``BAOTINH_REDIS_URL``, so this module stays harmless afterwards)."""

from aggregator.settings import *  # noqa: F403
from aggregator.settings import ADDONS

ADDONS = {**ADDONS, "aggregator.distributed.RedisAddon": 10}
