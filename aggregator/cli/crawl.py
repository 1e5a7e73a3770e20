"""``baotinh crawl``, ``demo`` and ``mirror``: spiders shared out among processes, then the feeds."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aggregator.config import setting
from spiders.registry import project_settings, spider_classes


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
    from aggregator.paths import db_path
    from aggregator.store import ArticleStore
    from aggregator.store.lock import acquire, release

    settings = project_settings(overrides)
    database = db_path(settings)
    distributed = bool(setting(settings, "BAOTINH_REDIS_URL"))  # crawlers then never write the database
    if not distributed:
        if database.is_file():  # a file SQLite cannot use stops here, before the lock file is made
            ArticleStore(database, readonly=True).close()
        acquire(database, wait=setting(settings, "BAOTINH_LOCK_WAIT"))  # fail early
    try:
        if not distributed:  # the schema is made once, before any fork
            ArticleStore(database).close()
        if processes > 1 and len(names) > 1:
            from aggregator.run.parallel import plan_shards, run_sharded, source_weights

            shards = plan_shards(names, processes, source_weights(database, names))
            stats = run_sharded(shards, lambda shard: crawl_here(shard, settings, spider_args))
        else:
            stats = crawl_here(names, settings, spider_args)
    finally:
        if not distributed:
            release(database)
    return {name: stats[name] for name in names if name in stats}


def crawl_here(
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

    if setting(settings, "BAOTINH_REDIS_URL"):
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
        processes = process_count(
            args.processes or setting(project_settings(), "BAOTINH_PROCESSES"), len(names)
        )
    except ValueError as exc:
        print(f"baotinh: --processes or BAOTINH_PROCESSES: {exc}", file=sys.stderr)
        return 2
    try:
        stats = run_spiders(names, overrides, spider_args=spider_args, processes=processes)
    except DatabaseBusyError as exc:
        print(f"baotinh: {exc}", file=sys.stderr)
        return 3
    return _finish_crawl(stats, project_settings(overrides))


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
        processes = process_count(setting(project_settings(), "BAOTINH_PROCESSES"), len(SITES))
    except ValueError as exc:
        print(f"baotinh: BAOTINH_PROCESSES: {exc}", file=sys.stderr)
        return 2
    manifest = build_mirror(mirror_dir, edition=_demo_edition(args.db or output / "articles.db"))
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
    return _finish_crawl(stats, project_settings(overrides))


def _demo_edition(database: Path | str) -> int:
    """1 once a demo run has crawled the drift paper: the mirror then shows its redesign."""
    from aggregator.demo.changes import DRIFT_PAPER
    from aggregator.store import ArticleStore

    if not Path(database).is_file():
        return 0
    with ArticleStore(database, readonly=True) as store:
        if not store.db["crawl_runs"].exists():
            return 0
        done = store.db.execute(
            "select count(*) from crawl_runs where source = ? and finish_reason = 'finished'", (DRIFT_PAPER,)
        ).fetchone()[0]
    return 1 if done else 0


def cmd_mirror(args: argparse.Namespace) -> int:
    from aggregator.run.mirror import serve

    root = args.root
    if root is None:
        from aggregator.demo import build_mirror

        root = Path(tempfile.mkdtemp(prefix="baotinh-mirror-"))
        build_mirror(root, edition=args.edition)
        print(f"bundled demo mirror written to {root}", file=sys.stderr)
    serve(Path(root), args.port, args.host)
    return 0
