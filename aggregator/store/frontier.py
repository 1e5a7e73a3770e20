"""The durable frontier: article URLs a run discovered and still owes the database.

A run that stops early (a signal, ``kill -9``, a ``CLOSESPIDER_*`` limit, a crash) leaves articles
it had found in a feed, sitemap or listing but not yet downloaded. The next run cannot count on
finding them again: new articles push them down the listings, past the pagination depth, and an
unchanged feed answers 304. So every article request is written here *before* it is scheduled,
and the row leaves only in the transaction that settles it: the article stored, dropped with a
reason, or gone for good (404/410). A download that failed otherwise is tried again by later runs,
at most ``BAOTINH_FRONTIER_MAX_ATTEMPTS`` times. The next run of the source requests what it owes
first, whatever its discovery finds.

Rows are keyed by the article id of the requested URL (``aggregator.urls.article_id``), so the
stored article's own id and the ids of its other URLs (tracking variants, redirects) settle it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils

TABLE = "frontier"
COLUMNS: dict[str, type] = {
    "id": str,  # article_id(url)
    "url": str,  # the URL requested
    "source": str,  # spider name
    "found_on": str,  # the feed, sitemap or listing page that listed it
    "feed_date": str,  # the date that page gave, a fallback for the article's own
    "discovered": str,  # UTC ISO, the first run that found it
    "attempts": int,  # runs whose download of it failed
}
_CHUNK = 500


def ensure_table(db: sqlite_utils.Database) -> None:
    db[TABLE].create(COLUMNS, pk="id", if_not_exists=True, defaults={"attempts": 0})
    db.execute(f"CREATE INDEX IF NOT EXISTS idx_{TABLE}_source ON {TABLE}(source)")


def owe(db: sqlite_utils.Database, rows: Sequence[dict[str, Any]]) -> None:
    """Remember *rows* (``COLUMNS`` but attempts); one already owed keeps its first discovery."""
    if rows:
        db.conn.executemany(
            f"INSERT INTO {TABLE} (id, url, source, found_on, feed_date, discovered, attempts) "
            "VALUES (:id, :url, :source, :found_on, :feed_date, :discovered, 0) ON CONFLICT(id) DO NOTHING",
            rows,
        )


def settle(db: sqlite_utils.Database, ids: Iterable[str]) -> None:
    """The articles *ids* are stored, dropped with a reason, or gone: nothing is owed for them."""
    for chunk in _chunks(ids):
        db.execute(f"DELETE FROM {TABLE} WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def failed(db: sqlite_utils.Database, ids: Iterable[str], *, max_attempts: int) -> int:
    """Count a failed download of each of *ids*; those that reach *max_attempts* are given up.

    Returns how many were given up (their failures are in ``drops`` already).
    """
    given_up = 0
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        db.execute(f"UPDATE {TABLE} SET attempts = attempts + 1 WHERE id IN ({marks})", chunk)
        given_up += db.execute(
            f"DELETE FROM {TABLE} WHERE id IN ({marks}) AND attempts >= ?", [*chunk, max_attempts]
        ).rowcount
    return given_up


def owed(db: sqlite_utils.Database, source: str) -> list[dict[str, Any]]:
    """What *source* owes, oldest discovery first."""
    if not db[TABLE].exists():
        return []
    sql = f"SELECT url, found_on, feed_date FROM {TABLE} WHERE source = ? ORDER BY discovered, url"
    return list(db.query(sql, [source]))


def owed_per_source(db: sqlite_utils.Database) -> dict[str, int]:
    if not db[TABLE].exists():
        return {}
    return dict(db.execute(f"SELECT source, count(*) FROM {TABLE} GROUP BY source").fetchall())


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    values = sorted(set(ids))
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
