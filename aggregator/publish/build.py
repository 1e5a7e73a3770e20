"""The build: every feed, the OPML and the index page from the stored articles, written atomically.

A file is replaced atomically and only when its bytes change, so an unchanged feed keeps its
mtime and HTTP caches stay valid.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aggregator.config import setting
from aggregator.publish.model import DEFAULT_SITE_URL, BuildReport, Built, FeedSpec, Member
from aggregator.publish.render import render
from aggregator.publish.selection import EntryCache, feed_specs, select_entries
from aggregator.store import ARTICLE_COLUMNS, ArticleStore
from aggregator.store.topics import load_topics

logger = logging.getLogger(__name__)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace *path* with *data* unless it already holds exactly these bytes."""
    if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def open_for_reading(path: Path) -> ArticleStore:
    """A read-only store (a crawl writing meanwhile is never blocked); created or migrated first.

    The queries rely on the store's indexes: (sort_time), (source|province|category, sort_time)
    and (cluster_id).
    """
    if path.is_file():
        store = ArticleStore(path, readonly=True)  # a file SQLite cannot use stops here, untouched
        present = {row[1] for row in store.db.execute("pragma table_info(articles)")}
        if present >= set(ARTICLE_COLUMNS):
            return store
        store.close()
    ArticleStore(path).close()  # creates the schema or adds what an older version lacks
    return ArticleStore(path, readonly=True)


def build_feeds_for(settings: Any) -> BuildReport:
    """The feeds and the health page, with the database, output folder, limit and site URL of *settings*.

    The health page (``<output>/health.html``) is written here, beside the feeds, and not by
    ``build_feeds``: its counts per source read whole index ranges, while every read of the feed
    build stays a walk of the newest N (``tests/test_publishing_queries.py``).
    """
    from aggregator.paths import db_path, output_dir
    from aggregator.publish.health_page import render_health

    database, output = db_path(settings), output_dir(settings)
    report = build_feeds(
        database,
        output,
        limit=setting(settings, "BAOTINH_FEED_LIMIT"),
        site_url=setting(settings, "BAOTINH_SITE_URL") or DEFAULT_SITE_URL,
    )
    with open_for_reading(Path(database)) as store:
        _write(report, Path(output) / "health.html", render_health(store))
    return report


def build_feeds(
    db: str | Path,
    output: str | Path,
    *,
    limit: int = 100,
    site_url: str = DEFAULT_SITE_URL,
    specs: Iterable[FeedSpec] | None = None,
) -> BuildReport:
    """Build every feed from the database *db* into ``<output>/feeds``.

    With the default specs this also writes ``<output>/feeds/feeds.opml`` and ``<output>/index.html``.
    """
    from aggregator.publish.opml import render_opml
    from aggregator.publish.site_index import render_index

    report = BuildReport()
    output = Path(output)
    with open_for_reading(Path(db)) as store:
        conn = store.db.conn
        conn.execute("BEGIN")  # one snapshot: every file shows the same state of the database
        try:
            built = _read(store, list(specs) if specs is not None else None, limit)
        finally:
            conn.execute("COMMIT")
    for spec in built.specs:
        rss, atom = render(spec, built.entries[spec.path], site_url=site_url, also=built.also[spec.path])
        for suffix, data in ((".rss", rss), (".atom", atom)):
            _write(report, output / "feeds" / f"{spec.path}{suffix}", data)
    if specs is None:
        _write(report, output / "feeds" / "feeds.opml", render_opml(built, site_url=site_url))
        _write(report, output / "index.html", render_index(built))
        _remove_dropped_topics(output / "feeds" / "topic", built.topics)
    logger.info("feeds: %d written, %d unchanged", len(report.written), len(report.unchanged))
    return report


def _remove_dropped_topics(folder: Path, saved: set[str]) -> None:
    """Delete the feed files of topics no longer saved (a topic saved but unreadable keeps its own)."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.suffix in (".rss", ".atom") and path.stem not in saved:
                path.unlink(missing_ok=True)
                logger.info("feeds: removed %s (its topic is no longer saved)", path)


def _read(store: ArticleStore, specs: list[FeedSpec] | None, limit: int) -> Built:
    conn = store.db.conn
    topics = load_topics(conn)
    built = Built(specs if specs is not None else feed_specs(store, topics))
    built.topics = {topic.slug for topic in topics}
    names = {v: s.name for s in built.specs if s.kind == "category" for v in s.values}
    cache = EntryCache(conn, names)
    for spec in list(built.specs):
        if spec.where:
            rows = store.newest(limit=limit, where=spec.where, params=spec.params)
            chosen: list[tuple[str, list[Member]]] = [(r["id"], []) for r in rows]
        else:
            try:
                chosen = select_entries(conn, spec, limit)
            except sqlite3.OperationalError as exc:
                if not spec.match:
                    raise
                # a topic's query the index cannot run: that feed is left as it was, the rest built
                logger.warning("topic feed %s not built: %s", spec.path, exc)
                built.specs.remove(spec)
                continue
        built.entries[spec.path] = cache.get([i for i, _ in chosen])
        built.also[spec.path] = {i: others for i, others in chosen if others}
    return built


def _write(report: BuildReport, path: Path, data: bytes) -> None:
    (report.written if write_if_changed(path, data) else report.unchanged).append(path)
