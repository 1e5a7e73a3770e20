"""The ``baotinh`` command: demo, crawl, mirror, extract, parse-date, feeds, sources.

Subcommands are thin: each one calls the module that owns the work. Output meant for scripts is
JSON on stdout; progress and logs go to stderr, so ``baotinh … | jq`` works.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "aggregator.settings")


def _settings(overrides: dict[str, Any] | None = None) -> Any:
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    if overrides:
        settings.setdict({k: v for k, v in overrides.items() if v is not None}, priority="cmdline")
    return settings


def spider_classes() -> list[type]:
    """Every registered site spider, sorted by name (the spider loader is the site registry)."""
    from scrapy.spiderloader import SpiderLoader

    loader = SpiderLoader.from_settings(_settings())
    return [loader.load(name) for name in sorted(loader.list())]


# --- crawling ----------------------------------------------------------------------------------


def run_spiders(
    names: Sequence[str],
    overrides: dict[str, Any],
    spider_args: dict[str, str] | None = None,
    processes: int = 1,
) -> dict[str, dict[str, Any]]:
    """Run the named spiders; return each spider's final stats, in the order of *names*.

    One process runs its spiders side by side in one reactor, each site in its own download
    slot, so politeness is per domain. With ``processes`` > 1 the sources are shared out among
    that many forked crawler processes (see ``aggregator.run.parallel``), all under this process's
    writer lock.
    """
    from aggregator.config import get_float
    from aggregator.paths import db_path
    from aggregator.store import ArticleStore
    from aggregator.store.lock import acquire, release

    settings = _settings(overrides)
    database = db_path(settings)
    distributed = bool(settings.get("BAOTINH_REDIS_URL"))  # crawlers then never write the database
    if not distributed:
        if database.is_file():  # a file SQLite cannot use stops here, before the lock file is made
            ArticleStore(database, readonly=True).close()
        acquire(database, wait=get_float(settings, "BAOTINH_LOCK_WAIT", 0.0, minimum=0))  # fail early
    try:
        if not distributed:  # the schema is made once, before any fork
            ArticleStore(database).close()
        if processes > 1 and len(names) > 1:
            from aggregator.run.parallel import plan_shards, run_sharded, source_weights

            shards = plan_shards(names, processes, source_weights(database, names))
            stats = run_sharded(shards, lambda shard: _crawl_here(shard, settings, spider_args))
        else:
            stats = _crawl_here(names, settings, spider_args)
    finally:
        if not distributed:
            release(database)
    return {name: stats[name] for name in names if name in stats}


def _crawl_here(
    names: Sequence[str], settings: Any, spider_args: dict[str, str] | None
) -> dict[str, dict[str, Any]]:
    """The named spiders in this process's reactor."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from aggregator.run import stopping
    from aggregator.run.parallel import in_crawler_process

    process = CrawlerProcess(settings)
    crawlers = []
    for name in names:
        crawler = process.create_crawler(name)
        crawler.signals.connect(_record_pid, signal=signals.spider_opened)
        crawlers.append(crawler)
        process.crawl(crawler, **(spider_args or {}))
    if in_crawler_process():  # of `--processes N`: its signal handlers request a stop
        process.start(install_signal_handlers=False)
    else:
        with stopping.command_signals.phase(_local_stop) as received:
            if received.count:  # a signal while the crawlers were being created
                stopping.request_stop()
            process.start(install_signal_handlers=False)
        stopping.disarm()
    return {crawler.spidercls.name: crawler.stats.get_stats() for crawler in crawlers}


def _local_stop(count: int) -> None:
    """Signals while this process crawls: the first finishes every run cleanly, the second forces."""
    from aggregator.run import stopping

    if count == 1:
        os.write(2, stopping.STOPPING_NOTICE)  # not print: a handler may interrupt a write to stderr
        stopping.request_stop()
        return
    raise stopping.StopRequested("second signal")  # out of the reactor loop, through every finally


def _record_pid(spider: Any) -> None:
    """Which process crawled a source: kept in the run's stats (``crawl_runs.stats``)."""
    spider.crawler.stats.set_value("baotinh/pid", os.getpid())


def _finish_crawl(stats: dict[str, dict[str, Any]], settings: Any) -> int:
    from aggregator.paths import db_path, output_dir
    from aggregator.publish import build_feeds_for
    from aggregator.run.extensions import progress_line

    if settings.get("BAOTINH_REDIS_URL"):
        print("per source:")
        for name, values in stats.items():
            print(f"  {progress_line(name, values)}")
        print("items queued in Redis: `baotinh ingest` stores them and builds the feeds")
        return 1 if any(source_failed(v) for v in stats.values()) else 0
    report = build_feeds_for(settings)
    print(f"database: {db_path(settings)}")
    print(
        f"feeds:    {output_dir(settings) / 'feeds'} ({len(report.files)} files, {len(report.written)} changed)"
    )
    print("per source:")
    for name, values in stats.items():
        print(f"  {progress_line(name, values)}")
    print(f"drops and failed pages, with their reasons: sqlite-utils rows {db_path(settings)} drops")
    failed = [name for name, values in stats.items() if source_failed(values)]
    if failed:
        print(f"failed sources: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def source_failed(stats: dict[str, Any]) -> bool:
    """A run failed if it did not finish, or fetched nothing usable at all."""
    if stats.get("finish_reason") != "finished":
        return True
    stored = sum(int(stats.get(f"baotinh/articles/{k}", 0)) for k in ("new", "updated", "unchanged"))
    stored += int(stats.get("baotinh/redis/articles", 0))  # queued for `baotinh ingest`
    skipped = int(stats.get("baotinh/incremental/skipped_known", 0))
    not_modified = int(stats.get("baotinh/not_modified", 0))
    return stored + skipped + not_modified == 0


def cmd_crawl(args: argparse.Namespace) -> int:
    from aggregator.run.parallel import process_count
    from aggregator.store.lock import DatabaseBusyError

    known = {cls.name for cls in spider_classes()}
    names = list(dict.fromkeys(args.spiders)) or sorted(known - {"news"})  # each source once
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"unknown spider(s): {', '.join(unknown)}; see `baotinh sources`", file=sys.stderr)
        return 2
    overrides = {
        "BAOTINH_FEEDS_ON_CLOSE": False,
        "BAOTINH_OUTPUT": args.output,
        "BAOTINH_DB": args.db,
        "BAOTINH_PROGRESS_INTERVAL": args.progress,
    }
    if args.mirror:
        overrides["MIRROR"] = args.mirror
    try:
        spider_args = _spider_args(args)
    except ValueError:
        print(f"--since takes a date as YYYY-MM-DD, not {args.since!r}", file=sys.stderr)
        return 2
    try:
        processes = process_count(args.processes or _settings().get("BAOTINH_PROCESSES"), len(names))
    except ValueError as exc:
        print(f"baotinh: --processes or BAOTINH_PROCESSES: {exc}", file=sys.stderr)
        return 2
    try:
        stats = run_spiders(names, overrides, spider_args=spider_args, processes=processes)
    except DatabaseBusyError as exc:
        print(f"baotinh: {exc}", file=sys.stderr)
        return 3
    return _finish_crawl(stats, _settings(overrides))


def _spider_args(args: argparse.Namespace) -> dict[str, str]:
    from datetime import date

    found = {}
    if getattr(args, "since", None):
        date.fromisoformat(args.since)  # a typo must stop the run, not silently make it incremental
    if getattr(args, "full", False):
        found["full"] = "1"
    if getattr(args, "since", None):
        found["since"] = args.since
    return found


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the bundled mirror, crawl it with every demo site's spider, build the feeds."""
    from aggregator.demo import build_mirror
    from aggregator.demo.sites import SITES
    from aggregator.run.mirror import running_mirror
    from aggregator.run.parallel import process_count

    output = Path(args.output)
    mirror_dir = output / "demo-mirror"
    try:
        processes = process_count(_settings().get("BAOTINH_PROCESSES"), len(SITES))
    except ValueError as exc:
        print(f"baotinh: BAOTINH_PROCESSES: {exc}", file=sys.stderr)
        return 2
    manifest = build_mirror(mirror_dir)
    names = sorted(manifest["sites"])
    overrides = {
        "BAOTINH_OUTPUT": str(output),
        "BAOTINH_DB": args.db or str(output / "articles.db"),
        "BAOTINH_FEEDS_ON_CLOSE": False,
        "LOG_LEVEL": args.log_level,
        "BAOTINH_REDIS_URL": "",  # the demo is local whatever the environment says
    }
    with running_mirror(mirror_dir) as url:
        print(f"serving the demo mirror ({mirror_dir}) at {url}", file=sys.stderr)
        overrides["MIRROR"] = url
        stats = run_spiders(names, overrides, processes=processes)
    return _finish_crawl(stats, _settings(overrides))


def cmd_mirror(args: argparse.Namespace) -> int:
    from aggregator.run.mirror import serve

    root = args.root
    if root is None:
        from aggregator.demo import build_mirror

        root = Path(tempfile.mkdtemp(prefix="baotinh-mirror-"))
        build_mirror(root)
        print(f"bundled demo mirror written to {root}", file=sys.stderr)
    serve(Path(root), args.port, args.host)
    return 0


# --- one page, one date ------------------------------------------------------------------------


def spider_for_url(url: str) -> type:
    """The spider that owns *url*'s domain, or the generic spider for any other news site."""
    from urllib.parse import urlsplit

    from spiders.news import GenericNewsSpider

    host = (urlsplit(url).hostname or "").lower()
    for cls in spider_classes():
        domains = getattr(cls, "allowed_domains", None) or []
        if any(host == d or host.endswith("." + d) for d in domains):
            return cls
    return GenericNewsSpider


def extract_file(path: Path, url: str) -> dict[str, Any]:
    """Run the owning spider's reader and the Normalize step on a saved page."""
    from itemadapter import ItemAdapter
    from scrapy.http import HtmlResponse, Request

    from aggregator.extract import adopt_stray_roots
    from aggregator.pipelines import normalize_article

    spider = spider_for_url(url)()
    response = HtmlResponse(url=url, body=path.read_bytes(), request=Request(url))
    adopt_stray_roots(response.selector.root)  # as the crawl's downloader middleware does
    article = ItemAdapter(spider.extract_article(response))
    normalize_article(article, dateline_markers=spider.profile.dateline_markers)
    published = article.get("published")
    return {
        "url": article.get("url"),
        "canonical_url": article.get("canonical_url"),
        "source": article.get("source"),
        "title": article.get("title"),
        "summary": article.get("summary"),
        "body": article.get("body"),
        "author": article.get("author"),
        "credit": article.get("credit"),
        "dateline": article.get("dateline"),
        "published": published.isoformat() if published else None,
        "published_raw": article.get("published_raw"),
        "date_conflict": article.get("date_conflict") or [],
        "category": article.get("category"),
        "tags": article.get("tags") or [],
        "image_url": article.get("image_url"),
        "provenance": article.get("provenance") or {},
    }


def cmd_extract(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    found = extract_file(args.file, args.url)
    print(json.dumps(found, ensure_ascii=False, indent=2))
    print(_provenance_lines(found), file=sys.stderr)
    return 0


def _provenance_lines(found: dict[str, Any]) -> str:
    """Where each field came from, and the dates that disagreed, for a person reading the terminal."""
    sources = found["provenance"]
    lines = ["field       source    value"]
    for name in ("title", "published", "author", "credit", "dateline", "summary", "body", "category", "tags"):
        value = found.get(name)
        shown = ", ".join(value) if isinstance(value, list) else str(value or "")
        lines.append(f"{name:<11} {sources.get(name, '-'):<9} {shown[:60]}")
    for conflict in found["date_conflict"]:
        lines.append(f"date conflict: {conflict['source']} says {conflict['raw']!r} ({conflict['value']})")
    return "\n".join(lines)


def cmd_parse_date(args: argparse.Namespace) -> int:
    from datetime import datetime

    from aggregator.dates import parse_vn_date

    now = datetime.fromisoformat(args.now) if args.now else None
    parsed = parse_vn_date(args.text, now=now)
    print(json.dumps(parsed.as_dict() if parsed else None, ensure_ascii=False))
    return 0 if parsed else 1


def cmd_feeds(args: argparse.Namespace) -> int:
    from aggregator.paths import db_path, output_dir
    from aggregator.publish import build_feeds_for

    settings = _settings({"BAOTINH_OUTPUT": args.output, "BAOTINH_DB": args.db})
    database = db_path(settings)
    if not database.is_file():
        print(f"no database at {database}: run a crawl first (baotinh demo)", file=sys.stderr)
        return 2
    report = build_feeds_for(settings)
    print(
        f"{len(report.files)} feed files in {output_dir(settings) / 'feeds'}, {len(report.written)} changed"
    )
    return 0


def _emit(rows: list[dict[str, Any]], fmt: str, table_columns: Sequence[str]) -> None:
    """Print rows as a table, a JSON list of objects, or CSV."""
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(table_columns))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                    for k, v in row.items()
                }
            )
        return
    cells = [[str(row.get(c)) if row.get(c) is not None else "-" for c in table_columns] for row in rows]
    widths = [
        max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(table_columns)
    ]
    print("  ".join(c.ljust(w) for c, w in zip(table_columns, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _open_db(args: argparse.Namespace) -> Any:
    from aggregator.paths import db_path
    from aggregator.store import ArticleStore

    database = db_path(_settings({"BAOTINH_OUTPUT": args.output, "BAOTINH_DB": args.db}))
    return ArticleStore(database, readonly=True)


def _province_sources(province: str) -> list[str]:
    """Sources of a former province (merged in 2025): ``--province "Yên Bái"`` searches Báo Lào Cai."""
    from aggregator.store.fts import fold

    return [
        cls.name
        for cls in spider_classes()
        if any(fold(old) == fold(province) for old in getattr(cls, "former_provinces", ()))
    ]


def cmd_search(args: argparse.Namespace) -> int:
    from datetime import date

    from aggregator.store.search import search

    sources = list(args.source or [])
    province = args.province
    if province and (former := _province_sources(province)):
        # a former province names papers, not a value of the province column
        sources, province = sources or former, None
    try:
        store = _open_db(args)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    with store:
        rows = search(
            store,
            args.query,
            sources=sources,
            province=province,
            since=date.fromisoformat(args.since) if args.since else None,
            until=date.fromisoformat(args.until) if args.until else None,
            limit=args.limit,
            sort=args.sort,
        )
    for row in rows:
        row.pop("score", None)
    _emit(rows, args.format, ("published", "source", "title", "url"))
    return 0 if rows else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from aggregator.config import get_float
    from aggregator.run.health import source_health

    try:
        store = _open_db(args)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    settings = _settings()
    with store:
        rows = [
            h.as_dict()
            for h in source_health(
                store,
                [cls.name for cls in spider_classes() if cls.name != "news"],
                silent_days=args.silent_days or get_float(settings, "BAOTINH_SILENT_DAYS", 3.0, minimum=0),
            )
        ]
    if args.format == "table":
        for row in rows:
            row["flags"] = ",".join(row["flags"]) or "ok"
            row["new_7d"] = sum(row["new_per_day"].values())
    _emit(
        rows,
        args.format,
        (
            "source",
            "articles",
            "new_7d",
            "newest_age_hours",
            "last_run",
            "last_finish_reason",
            "last_run_errors",
            "owed",
            "flags",
        ),
    )
    return 1 if any(r["flags"] not in ("ok", []) for r in rows) else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from aggregator.run.ingest import cmd_ingest as run

    return run(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from aggregator.paths import output_dir
    from aggregator.run.serve import serve

    root = Path(args.root) if args.root else output_dir(_settings())
    if not root.is_dir():
        print(f"nothing to serve at {root}: run `baotinh demo` first", file=sys.stderr)
        return 2
    serve(root, args.port, args.host)
    return 0


def source_rows() -> list[dict[str, Any]]:
    return [
        {
            "spider": cls.name,
            "paper": cls.source_name,
            "province": cls.province,
            "former_provinces": list(cls.former_provinces),
            "platform": cls.platform,
            "domains": list(cls.allowed_domains or []),
            "listing_urls": list(cls.listing_urls),
            "feed_urls": list(cls.feed_urls),
            "sitemap_urls": list(cls.sitemap_urls),
            "inferred": cls.inferred or None,
        }
        for cls in spider_classes()
        if cls.name != "news"
    ]


def cmd_sources(args: argparse.Namespace) -> int:
    rows = source_rows()
    if args.format in ("json", "csv"):
        _emit(rows, args.format, ())
    else:
        for row in rows:
            entries = len(row["listing_urls"]) + len(row["feed_urls"]) + len(row["sitemap_urls"])
            print(
                f"{row['spider']:<14} {row['paper']:<22} {row['province']:<16} {row['platform']:<4} {entries} entry points"
            )
    return 0


# --- argument parsing --------------------------------------------------------------------------


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

    stats = sub.add_parser("stats", help="per source: last run, new per day, newest age, flags")
    stats.add_argument("--format", choices=("table", "json", "csv"), default="table")
    stats.add_argument(
        "--silent-days", type=float, help="flag sources silent this long (BAOTINH_SILENT_DAYS)"
    )
    with_paths(stats)
    stats.set_defaults(func=cmd_stats)

    mirror = sub.add_parser("mirror", help="serve a mirror folder (the bundled demo by default)")
    mirror.add_argument("root", nargs="?", type=Path)
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
    serve.set_defaults(func=cmd_serve)

    sources = sub.add_parser("sources", help="list every source (spider, paper, province, platform)")
    sources.add_argument("--format", choices=("table", "json", "csv"), default="table")
    sources.set_defaults(func=cmd_sources)
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


if __name__ == "__main__":
    sys.exit(main())
