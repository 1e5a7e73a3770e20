"""Scrapy settings for baotinh.

Every ``BAOTINH_*`` setting can also be given as an environment variable of the same name, so a
cron line or a systemd unit can point a run at another database without editing this file. The
crawl is polite by default (robots.txt, AutoThrottle, a User-Agent that names the project); the
``MIRROR`` add-on relaxes politeness only when the target is a local mirror.
"""

from __future__ import annotations

import os

from aggregator.config import env_bool, env_float, env_int

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
LOG_LEVEL = os.environ.get("BAOTINH_LOG_LEVEL", "INFO")

# --- Offline mirror -----------------------------------------------------------------------------
# ``-s MIRROR=http://127.0.0.1:8765`` fetches every http(s)://HOST/PATH?QUERY from
# MIRROR/HOST/PATH?QUERY while spiders, items and the database keep seeing the real URL.
MIRROR = os.environ.get("MIRROR", "")
ADDONS = {"aggregator.run.mirror.MirrorAddon": 0, "aggregator.run.distributed.RedisAddon": 10}

# --- Distributed crawling (Redis) ---------------------------------------------------------------
# With a Redis URL, crawlers share one request queue and seen-set per spider and queue their items;
# `baotinh ingest` (one process) stores them. Empty: everything runs locally.
BAOTINH_REDIS_URL = os.environ.get("BAOTINH_REDIS_URL", "")
# Prefix of every Redis key (baotinh:<spider>:requests, :dupefilter, baotinh:items …).
BAOTINH_REDIS_PREFIX = os.environ.get("BAOTINH_REDIS_PREFIX", "baotinh")
# Seconds between a crawler's heartbeats, and silence after which its in-flight requests return.
BAOTINH_REDIS_HEARTBEAT = env_float("BAOTINH_REDIS_HEARTBEAT", 5.0, minimum=0.1)
BAOTINH_REDIS_WORKER_TIMEOUT = env_float("BAOTINH_REDIS_WORKER_TIMEOUT", 60.0, minimum=1)
# Seconds ingest pauses between batches (tests use it to kill ingest mid-drain).
BAOTINH_INGEST_PAUSE = env_float("BAOTINH_INGEST_PAUSE", 0.0, minimum=0)

# --- Where results go ---------------------------------------------------------------------------
# The output folder (feeds, index); the database defaults to <BAOTINH_OUTPUT>/articles.db.
BAOTINH_OUTPUT = os.environ.get("BAOTINH_OUTPUT", "output")
BAOTINH_DB = os.environ.get("BAOTINH_DB", "")
# Rows written per SQLite transaction: large enough to amortize commits, small enough that a
# killed crawl loses at most this many articles' worth of work (they are re-fetched next run).
BAOTINH_BATCH_SIZE = env_int("BAOTINH_BATCH_SIZE", 100, minimum=1)
# Listing pages followed per entry URL (pagination depth).
BAOTINH_MAX_LISTING_PAGES = env_int("BAOTINH_MAX_LISTING_PAGES", 5, minimum=1)
# Rebuild the feeds when a ``scrapy crawl`` finishes (``baotinh crawl`` builds them once instead).
BAOTINH_FEEDS_ON_CLOSE = env_bool("BAOTINH_FEEDS_ON_CLOSE", True)
# Public base URL of the output folder, used in feeds' self links and the OPML.
BAOTINH_SITE_URL = os.environ.get("BAOTINH_SITE_URL", "http://127.0.0.1:8000/")
# Entries per feed file.
BAOTINH_FEED_LIMIT = env_int("BAOTINH_FEED_LIMIT", 100, minimum=1)

# --- Scheduled runs --------------------------------------------------------------------------------
# Stop following a listing's pagination after this many pages whose articles were all known.
BAOTINH_STOP_AFTER_KNOWN_PAGES = env_int("BAOTINH_STOP_AFTER_KNOWN_PAGES", 1, minimum=1)
# Pagination depth of ``-a full=1`` and ``-a since=YYYY-MM-DD`` runs.
BAOTINH_BACKFILL_MAX_PAGES = env_int("BAOTINH_BACKFILL_MAX_PAGES", 200, minimum=1)
# A page dropped for its content (no title/body) is fetched again after this many days.
BAOTINH_RETRY_DROPPED_AFTER_DAYS = env_float("BAOTINH_RETRY_DROPPED_AFTER_DAYS", 7.0, minimum=0)
# Seconds a crawl waits for another crawl writing the same database before giving up.
BAOTINH_LOCK_WAIT = env_float("BAOTINH_LOCK_WAIT", 0.0, minimum=0)
# Crawler processes of `baotinh crawl` and `baotinh demo`: "auto" is one per core (a site is
# always crawled by one process); 1 keeps everything in one process.
BAOTINH_PROCESSES = os.environ.get("BAOTINH_PROCESSES", "auto")
# Seconds between progress lines (pages, new, updated, dropped per source); 0 turns them off.
BAOTINH_PROGRESS_INTERVAL = env_float("BAOTINH_PROGRESS_INTERVAL", 30.0, minimum=0)
# Stopping: seconds a crawler may take to finish cleanly once asked to stop (a signal, its parent
# gone) before it exits at once; what it had not written stays owed to the next run.
BAOTINH_STOP_TIMEOUT = env_float("BAOTINH_STOP_TIMEOUT", 60.0, minimum=1)
# Runs that may fail to download an owed article (see README, "Interrupted runs") before it is given up.
BAOTINH_FRONTIER_MAX_ATTEMPTS = env_int("BAOTINH_FRONTIER_MAX_ATTEMPTS", 5, minimum=1)
# ``baotinh stats`` flags a source with no new article for this many days as silent.
BAOTINH_SILENT_DAYS = env_float("BAOTINH_SILENT_DAYS", 3.0, minimum=0)

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
