"""The ``baotinh`` command: demo, crawl, mirror, extract, parse-date, feeds, search, topics, stats, sources.

Subcommands are thin: each one calls the package that owns the work (``crawl``, ``reading`` and
``queries`` here only parse arguments and print). Output meant for scripts is JSON on stdout;
progress and logs go to stderr, so ``baotinh … | jq`` works.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from aggregator.cli.crawl import cmd_crawl, cmd_demo, cmd_mirror
from aggregator.cli.queries import (
    cmd_feeds,
    cmd_ingest,
    cmd_search,
    cmd_serve,
    cmd_settings,
    cmd_sources,
    cmd_stats,
)
from aggregator.cli.reading import cmd_extract, cmd_parse_date, cmd_verify
from aggregator.cli.topics import add_parser as add_topics_parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baotinh", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def with_paths(p: argparse.ArgumentParser, output_default: str | None = None) -> None:
        p.add_argument("--output", default=output_default, help="output folder (BAOTINH_OUTPUT)")
        p.add_argument("--db", default=None, help="database file (BAOTINH_DB)")

    demo = sub.add_parser("demo", help="crawl the bundled offline mirror, build the feeds")
    with_paths(demo, "output")
    demo.add_argument("--log-level", default="CRITICAL", help="Scrapy log level (default: quiet)")
    demo.set_defaults(func=cmd_demo)

    crawl = sub.add_parser("crawl", help="run all (or the named) spiders, then build the feeds")
    crawl.add_argument("spiders", nargs="*")
    crawl.add_argument("--mirror", help="fetch from a local mirror (MIRROR setting)")
    crawl.add_argument("--full", action="store_true", help="fetch every article again (-a full=1)")
    crawl.add_argument("--since", help="backfill to YYYY-MM-DD (-a since=…)")
    crawl.add_argument("--progress", type=float, default=10, help="seconds between progress lines")
    crawl.add_argument(
        "--processes",
        default=None,
        help="crawler processes, each with a share of the sources (BAOTINH_PROCESSES; default auto: one per core)",
    )
    with_paths(crawl)
    crawl.set_defaults(func=cmd_crawl)

    search = sub.add_parser("search", help="full-text search, accents ignored (lang son = Lạng Sơn)")
    search.add_argument("query")
    search.add_argument("--source", action="append", help="spider name (repeatable)")
    search.add_argument("--province", help="current or former (pre-2025) province")
    search.add_argument("--since", help="YYYY-MM-DD, inclusive")
    search.add_argument("--until", help="YYYY-MM-DD, inclusive")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--format", choices=("table", "json", "csv"), default="table")
    with_paths(search)
    search.set_defaults(func=cmd_search)

    add_topics_parser(sub, with_paths)

    stats = sub.add_parser("stats", help="per source: last run, new per day, newest age, flags")
    stats.add_argument("--format", choices=("table", "json", "csv"), default="table")
    stats.add_argument(
        "--silent-days", type=float, help="flag sources silent this long (BAOTINH_SILENT_DAYS)"
    )
    with_paths(stats)
    stats.set_defaults(func=cmd_stats)

    mirror = sub.add_parser("mirror", help="serve a mirror folder (the bundled demo by default)")
    mirror.add_argument("root", nargs="?", type=Path)
    mirror.add_argument(
        "--edition",
        type=int,
        default=0,
        help="the bundled mirror after the demo's first run (1): one paper redesigned",
    )
    mirror.add_argument("--port", type=int, default=8765)
    mirror.add_argument("--host", default="127.0.0.1")
    mirror.set_defaults(func=cmd_mirror)

    extract = sub.add_parser("extract", help="one saved page -> the normalized article as JSON")
    extract.add_argument("file", type=Path)
    extract.add_argument("--url", required=True, help="the page's real URL (chooses the spider)")
    extract.set_defaults(func=cmd_extract)

    parse_date = sub.add_parser("parse-date", help="one date string -> the parsed value as JSON")
    parse_date.add_argument("text")
    parse_date.add_argument("--now", help="ISO time that anchors relative dates (default: now)")
    parse_date.set_defaults(func=cmd_parse_date)

    feeds = sub.add_parser("feeds", help="rebuild the RSS/Atom feeds from the database")
    with_paths(feeds)
    feeds.set_defaults(func=cmd_feeds)

    ingest = sub.add_parser("ingest", help="drain the crawlers' Redis queue into SQLite, then the feeds")
    ingest.add_argument("--redis", help="Redis URL (BAOTINH_REDIS_URL)")
    ingest.add_argument("--until-idle", action="store_true", help="stop when the queue is empty")
    ingest.add_argument("--batch", type=int, help="items per SQLite transaction (BAOTINH_BATCH_SIZE)")
    with_paths(ingest)
    ingest.set_defaults(func=cmd_ingest)

    serve = sub.add_parser("serve", help="serve output/ (feeds, OPML, index.html) with ETag and 304s")
    serve.add_argument("root", nargs="?", help="folder to serve (default: BAOTINH_OUTPUT)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument(
        "--datasette",
        action="store_true",
        help="serve the articles database in datasette instead (pip install 'baotinh[datasette]')",
    )
    serve.set_defaults(func=cmd_serve)

    sources = sub.add_parser("sources", help="list every source (spider, paper, province, platform)")
    sources.add_argument("--format", choices=("table", "json", "csv"), default="table")
    sources.set_defaults(func=cmd_sources)

    verify = sub.add_parser(
        "verify", help="read N articles per spider, store nothing, say where fields came from"
    )
    verify.add_argument("spiders", nargs="*", help="spider names (or --all)")
    verify.add_argument("--all", action="store_true", help="every provincial spider")
    verify.add_argument("--articles", type=int, default=20, help="articles read per spider (default 20)")
    verify.add_argument("--format", choices=("table", "json"), default="table")
    verify.add_argument("--mirror", default=None, help="read from a local mirror (MIRROR)")
    verify.set_defaults(func=cmd_verify)

    settings = sub.add_parser("settings", help="every BAOTINH_* setting: default, value here, meaning")
    settings.add_argument("--format", choices=("table", "json", "csv"), default="table")
    settings.set_defaults(func=cmd_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; SIGINT/SIGTERM at any moment of it end it cleanly.

    The handlers are in place from the first line, so a signal before the crawlers start stops
    the command too (lock released, mirror server stopped) rather than killing it halfway; while
    crawlers run, the crawl's own handlers take over (see ``aggregator.run.stopping``). A command
    that serves (``mirror``, ``serve``) or drains (``ingest``) installs its own. Exit code 1 after
    a stop, as for a crawl whose sources did not finish.
    """
    from aggregator.config import SettingError
    from aggregator.run import stopping
    from aggregator.store import UnusableDatabaseError

    try:
        with stopping.command_signals.phase():
            args = build_parser().parse_args(argv)
            return int(args.func(args) or 0)
    except stopping.StopRequested as stop:
        print(f"baotinh: stopped ({stop}); the next run fetches what it had discovered", file=sys.stderr)
        # Every ``finally`` on the way has run (lock released, mirror server stopped). A reactor
        # stopped by force leaves its thread pool behind, which would hold the interpreter's exit.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)
    except (SettingError, UnusableDatabaseError) as exc:
        print(f"baotinh: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `baotinh stats | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
