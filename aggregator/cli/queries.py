"""The commands that read the database or serve the output: feeds, search, stats, sources, ingest, serve."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spiders.registry import project_settings, province_filter, spider_classes


def cmd_feeds(args: argparse.Namespace) -> int:
    from aggregator.paths import db_path, output_dir
    from aggregator.publish import build_feeds_for

    settings = project_settings({"BAOTINH_OUTPUT": args.output, "BAOTINH_DB": args.db})
    database = db_path(settings)
    if not database.is_file():
        print(f"no database at {database}: run a crawl first (baotinh demo)", file=sys.stderr)
        return 2
    report = build_feeds_for(settings)
    print(
        f"{len(report.files)} feed files in {output_dir(settings) / 'feeds'}, {len(report.written)} changed"
    )
    return 0


def emit(rows: list[dict[str, Any]], fmt: str, table_columns: Sequence[str]) -> None:
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

    database = db_path(project_settings({"BAOTINH_OUTPUT": args.output, "BAOTINH_DB": args.db}))
    return ArticleStore(database, readonly=True)


def cmd_search(args: argparse.Namespace) -> int:
    from datetime import date

    from aggregator.store.search import search

    # a former province names papers, not a value of the province column
    sources, province = province_filter(args.province, args.source, strict=False)
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
    emit(rows, args.format, ("published", "source", "title", "url"))
    return 0 if rows else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from aggregator.config import setting
    from aggregator.store.health import source_health
    from aggregator.store.reading_health import Thresholds

    try:
        store = _open_db(args)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    settings = project_settings()
    with store:
        rows = [
            h.as_dict()
            for h in source_health(
                store,
                [cls.name for cls in spider_classes() if cls.name != "news"],
                silent_days=args.silent_days or setting(settings, "BAOTINH_SILENT_DAYS"),
                limits=Thresholds.from_settings(settings),
            )
        ]
    if args.format == "table":
        for row in rows:
            row["flags"] = ",".join(row["flags"]) or "ok"
            row["new_7d"] = sum(row["new_per_day"].values())
    emit(
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


def datasette_command(database: Path, host: str, port: int) -> list[str]:
    """The datasette server on the articles database, its search box, facets and queries set up."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(database),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "facet_time_limit_ms",
        "1000",  # the day and category facets over a whole archive
        "--setting",
        "sql_time_limit_ms",
        "5000",
    ]


def cmd_serve(args: argparse.Namespace) -> int:
    from aggregator.paths import db_path, output_dir
    from aggregator.run.serve import serve

    if args.datasette:
        import importlib.util
        import os

        from aggregator.publish.build import open_for_reading

        # a folder given names its database; else BAOTINH_DB, else <BAOTINH_OUTPUT>/articles.db
        database = Path(args.root) / "articles.db" if args.root else db_path(project_settings())
        if not database.is_file():
            print(f"no database at {database}: run `baotinh demo` first", file=sys.stderr)
            return 2
        if importlib.util.find_spec("datasette") is None:
            print("datasette is not installed: pip install 'baotinh[datasette]'", file=sys.stderr)
            return 2
        open_for_reading(database).close()  # a database from an older version gains today's columns
        command = datasette_command(database, args.host, args.port)
        print(f"datasette on http://{args.host}:{args.port}/ (Ctrl-C stops it)", file=sys.stderr)
        sys.stderr.flush()
        os.execv(command[0], command)  # datasette itself, its own signals: nothing left behind
    root = Path(args.root) if args.root else output_dir(project_settings())
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
        emit(rows, args.format, ())
    else:
        for row in rows:
            entries = len(row["listing_urls"]) + len(row["feed_urls"]) + len(row["sitemap_urls"])
            print(
                f"{row['spider']:<14} {row['paper']:<22} {row['province']:<16} {row['platform']:<4} {entries} entry points"
            )
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    """Every ``BAOTINH_*`` setting with its default, its value in this environment and its meaning."""
    from aggregator.config import SETTINGS, setting

    settings = project_settings()
    rows = [
        {
            "setting": spec.name,
            "default": spec.default,
            "value": setting(settings, spec.name),
            "meaning": spec.meaning,
        }
        for spec in SETTINGS
    ]
    emit(rows, args.format, ("setting", "default", "value", "meaning"))
    return 0
