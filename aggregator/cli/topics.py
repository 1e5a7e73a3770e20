"""``baotinh topics add|list|remove``: saved searches that the feed build publishes as feeds.

A topic is checked before it is saved (its query in the search language, its province and
sources against the known papers), so a bad one is refused here with the reason and exit code 2,
never met by a feed build. Adding or removing one rebuilds the feeds at once (``--no-build`` to
leave that to the next crawl), so the OPML and the index page list exactly the saved topics.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aggregator.cli.queries import emit
from spiders.registry import project_settings, province_filter, spider_classes

if TYPE_CHECKING:  # the store is imported by the command that uses it: `baotinh` starts fast
    from aggregator.store import ArticleStore


def add_parser(
    sub: argparse._SubParsersAction, with_paths: Callable[[argparse.ArgumentParser], None]
) -> None:
    topics = sub.add_parser("topics", help="saved searches published as feeds (feeds/topic/<name>.rss)")
    actions = topics.add_subparsers(dest="action", required=True)

    add = actions.add_parser("add", help="save a topic (replaces one of the same name)")
    add.add_argument("name", help="the topic's name, its feed's file name: lu-lut")
    add.add_argument("query", help='words, "phrases", OR, NOT/-word, (…), word*: "lũ lụt OR sạt lở"')
    add.add_argument("--title", default="", help="the feed's title (default: the query)")
    add.add_argument("--province", help="current or former (pre-2025) province")
    add.add_argument("--source", action="append", help="spider name (repeatable)")
    add.add_argument("--no-build", action="store_true", help="do not rebuild the feeds now")
    with_paths(add)

    listing = actions.add_parser("list", help="every saved topic with its feed")
    listing.add_argument("--format", choices=("table", "json", "csv"), default="table")
    with_paths(listing)

    remove = actions.add_parser("remove", help="delete a topic and its feed files")
    remove.add_argument("name")
    remove.add_argument("--no-build", action="store_true", help="do not rebuild the feeds now")
    with_paths(remove)
    topics.set_defaults(func=cmd_topics)


def _settings(args: argparse.Namespace) -> object:
    return project_settings({"BAOTINH_OUTPUT": args.output, "BAOTINH_DB": args.db})


def _checked_filter(store: ArticleStore, args: argparse.Namespace) -> tuple[list[str], str | None]:
    """The topic's sources and province, or ``ValueError`` saying which name is unknown."""
    known = {cls.name for cls in spider_classes()}
    unknown = sorted(set(args.source or []) - known)
    if unknown:
        raise ValueError(f"unknown source {', '.join(unknown)}; `baotinh sources` lists them")
    try:
        return province_filter(args.province, args.source)
    except ValueError:
        stored = store.db.execute(
            "select province from articles where province = ? limit 1", (args.province,)
        ).fetchone()
        if stored:  # a province only this database's articles carry (the generic spider's)
            return list(args.source or []), args.province
        raise


def cmd_topics(args: argparse.Namespace) -> int:
    from aggregator.paths import db_path, output_dir
    from aggregator.store import ArticleStore
    from aggregator.store.query import QueryError
    from aggregator.store.topics import load_topics, remove_topic, save_topic, topic_slug

    settings = _settings(args)
    database = db_path(settings)
    if args.action == "list":
        if not Path(database).is_file():
            print(f"no database at {database}: run a crawl first (baotinh demo)", file=sys.stderr)
            return 2
        with ArticleStore(database, readonly=True) as store:
            rows = [{**t.as_dict(), "feed": f"feeds/topic/{t.slug}.rss"} for t in load_topics(store.db.conn)]
        if args.format == "table":
            rows = [{**row, "sources": ", ".join(row["sources"]) or None} for row in rows]
        emit(rows, args.format, ("slug", "title", "query", "province", "sources", "feed"))
        return 0
    with ArticleStore(database) as store:
        try:
            if args.action == "add":
                sources, province = _checked_filter(store, args)
                topic, replaced = save_topic(
                    store.db.conn,
                    args.name,
                    args.query,
                    title=args.title,
                    province=province or "",
                    sources=sources,
                )
                print(
                    f"{'replaced' if replaced else 'added'} topic {topic.slug}: feeds/topic/{topic.slug}.rss"
                )
            else:
                slug = topic_slug(args.name)
                if not remove_topic(store.db.conn, args.name):
                    print(f"no topic {slug!r}; `baotinh topics list` shows them", file=sys.stderr)
                    return 1
                for suffix in (".rss", ".atom"):
                    (output_dir(settings) / "feeds" / "topic" / f"{slug}{suffix}").unlink(missing_ok=True)
                print(f"removed topic {slug}")
        except (QueryError, ValueError) as exc:
            print(f"baotinh topics: {exc}", file=sys.stderr)
            return 2
    if not args.no_build:
        from aggregator.publish import build_feeds_for

        report = build_feeds_for(settings)
        print(
            f"{len(report.files)} feed files in {output_dir(settings) / 'feeds'}, {len(report.written)} changed"
        )
    return 0
