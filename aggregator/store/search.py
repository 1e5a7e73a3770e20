"""``baotinh search``: accent-insensitive full-text search over the stored articles.

Ranking is BM25 with the title weighted above the sapo and the sapo above the body, or simply
newest first. Filters (source, province, dates) are applied in the same query so ``--limit``
counts matching articles, not index hits.

A name like ``Lạng Sơn`` matches a large share of a provincial archive; scoring every match (and
FTS5's bm25, which reads each term's whole posting list for its statistics) would cost hundreds of
milliseconds at a million articles. Both orders therefore look at the most recently *stored*
matches (the index is in storage order, so this is a walk that stops early): relevance ranks the
latest 500 by where the words appear (title, then sapo), newest first among equals; date order
sorts the latest 2,000 by publication time. After a backfill, older articles stored later can
fill that window; ``--since``/``--until`` narrow it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from aggregator.dates import VN_TZ
from aggregator.store import ArticleStore
from aggregator.store.fts import FTS_TABLE, fold, search_expression
from aggregator.store.query import words

# How many of the most recently stored matches are ranked (see the module docstring).
RELEVANCE_WINDOW = 500
DATE_WINDOW = 2000
RESULT_COLUMNS = ("id", "url", "title", "source", "source_name", "province", "published", "summary")


def utc_day_start(day: date) -> str:
    """Local midnight of *day* (Asia/Ho_Chi_Minh) as the naive UTC text ``sort_time`` uses."""
    local = datetime.combine(day, time(), tzinfo=VN_TZ)
    return local.astimezone(UTC).replace(tzinfo=None).isoformat()


def search(
    store: ArticleStore,
    query: str,
    *,
    sources: Sequence[str] = (),
    province: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 20,
    sort: str = "relevance",
    window: int | None = None,
) -> list[dict[str, Any]]:
    """Articles matching *query* (diacritics and case ignored), best or newest first.

    ``until`` is inclusive: articles of that whole day match.
    """
    expression = search_expression(query, sources, province)
    if not expression:
        return []
    where = [f"{FTS_TABLE} MATCH ?"]
    params: list[Any] = [expression]
    if since:
        where.append("a.sort_time >= ?")
        params.append(utc_day_start(since))
    if until:
        where.append("a.sort_time < ?")
        params.append(utc_day_start(date.fromordinal(until.toordinal() + 1)))
    columns = ", ".join(f"a.{c}" for c in RESULT_COLUMNS)
    sql = (
        f"SELECT {columns}, a.sort_time FROM {FTS_TABLE} JOIN articles a ON a.rowid = {FTS_TABLE}.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY {FTS_TABLE}.rowid DESC LIMIT ?"
    )
    window = window or (RELEVANCE_WINDOW if sort == "relevance" else DATE_WINDOW)
    params.append(max(window, limit))
    hits = [dict(row) for row in store.db.query(sql, params)]
    if sort == "relevance":
        terms = words(query)
        for hit in hits:
            hit["score"] = _score(hit, terms)
    hits.sort(key=lambda h: h["sort_time"] or "", reverse=True)
    if sort == "relevance":
        hits.sort(key=lambda h: -h["score"])  # stable: newest first among equal scores
    for hit in hits:
        hit.pop("sort_time", None)
    return hits[:limit]


def _count(term: str, words: list[str]) -> int:
    """Occurrences of *term* among *words*; ``word*`` counts every word it begins."""
    if term.endswith("*"):
        stem = term[:-1]
        return sum(1 for w in words if w.startswith(stem))
    return words.count(term)


_TERMS = re.compile(r"\w+\*?")


def _score(hit: dict[str, Any], terms: list[str]) -> float:
    """Title matches weigh most, then the sapo; every hit already matches the body or more.

    FTS5's bm25 needs each term's frequency across the whole index, which at a million
    articles costs more than the rest of the query; the newest matches ranked by where the words
    appear is what a reader of news expects anyway.
    """
    title = _TERMS.findall(fold(hit.get("title")))
    summary = _TERMS.findall(fold(hit.get("summary")))
    score = 0.0
    for term in terms:
        score += 3.0 * _count(term, title) + _count(term, summary)
    words = [t.rstrip("*") for t in terms]
    if len(words) > 1 and f" {' '.join(words)} " in f" {' '.join(title)} ":
        score += 5.0  # the words side by side in the title, as typed
    return score
