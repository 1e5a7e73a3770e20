"""Scrapy settings for baotinh.

Every ``BAOTINH_*`` setting (and ``MIRROR``) is defined, with its default and meaning, in the
registry of ``aggregator.config``; its value here comes from the environment variable of the same
name or that default, so a cron line or a systemd unit can point a run at another database without
editing this file, and ``-s NAME=VALUE`` overrides it for one run. The
crawl is polite by default (robots.txt, AutoThrottle, a User-Agent that names the project); the
``MIRROR`` add-on relaxes politeness only when the target is a local mirror.
"""

from __future__ import annotations

from aggregator.config import from_environment

# BAOTINH_OUTPUT, BAOTINH_DB, BAOTINH_BATCH_SIZE, …, MIRROR: see aggregator.config.SETTINGS.
globals().update(from_environment())

BOT_NAME = "baotinh"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Politeness -------------------------------------------------------------------------------
USER_AGENT = "baotinh/0.1 (+https://github.com/baotinh/baotinh; Vietnamese provincial news aggregator)"
# A site that forbids crawlers is skipped unless its spider knowingly sets
# ``custom_settings = {"ROBOTSTXT_OBEY": False}`` (see README, "Politeness").
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
COOKIES_ENABLED = False
# Scrapy starts this many asyncio workers for every callback's output; our pipelines are
# synchronous, so a pool (the default is 100) buys nothing and costs that many tasks per page.
CONCURRENT_ITEMS = 1
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = globals()["BAOTINH_LOG_LEVEL"]  # set from the registry above

# --- Add-ons: the offline mirror (MIRROR) and the shared Redis frontier (BAOTINH_REDIS_URL) ------
ADDONS = {"aggregator.run.mirror.MirrorAddon": 0, "aggregator.run.distributed.RedisAddon": 10}


SPIDER_MIDDLEWARES = {
    # Closest to the spider, so repeated and known links are dropped before anything else runs.
    "aggregator.run.incremental.IncrementalMiddleware": 950,
}
DOWNLOADER_MIDDLEWARES = {
    "aggregator.run.conditional.ConditionalRequestsMiddleware": 560,
    # After decompression (590): stray </html> and </body> removed so selectors see the whole page.
    "aggregator.extract.parse.StrayEndTagsMiddleware": 580,
}

ITEM_PIPELINES = {
    "aggregator.pipelines.NormalizePipeline": 100,
    "aggregator.pipelines.ValidatePipeline": 200,
    "aggregator.pipelines.DeduplicatePipeline": 300,
    "aggregator.pipelines.StorePipeline": 400,
}
EXTENSIONS = {
    "aggregator.run.extensions.FeedsOnClose": 500,
    "aggregator.run.extensions.ProgressLog": 510,
    # A stop request (signal, parent gone) closes the spider cleanly at any moment of the run.
    "aggregator.run.stopping.StopOnRequest": 520,
}
