"""``baotinh search``: accent-insensitive full-text search over the stored articles.

Ranking is BM25 with the title weighted above the sapo and the sapo above the body, or simply
newest first. Filters (source, province, dates) are applied in the same query so ``--limit``
counts matching articles, not index hits.

A name like ``Lạng Sơn`` matches a large share of a provincial archive; scoring every match would
cost hundreds of milliseconds at a million articles. Both orders therefore look at the newest
``window`` matches (index order is storage order, so this is a walk that stops early) and rank
those: for news, the best of the latest 2,000 matches is what a reader is after.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from aggregator.dates import VN_TZ
from aggregator.fts import FTS_TABLE, facet_expression, match_expression
from aggregator.store import ArticleStore

RESULT_COLUMNS = ("id", "url", "title", "source", "source_name", "province", "published", "summary")


def _utc_bound(day: date) -> str:
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
    window: int = 2000,
) -> list[dict[str, Any]]:
    """Articles matching *query* (diacritics and case ignored), best or newest first.

    ``until`` is inclusive: articles of that whole day match.
    """
    expression = match_expression(query)
    if not expression:
        return []
    facets = facet_expression(sources, province)
    where = [f"{FTS_TABLE} MATCH ?"]
    params: list[Any] = [f"({expression}) AND {facets}" if facets else expression]
    if since:
        where.append("a.sort_time >= ?")
        params.append(_utc_bound(since))
    if until:
        where.append("a.sort_time < ?")
        params.append(_utc_bound(date.fromordinal(until.toordinal() + 1)))
    score = f"bm25({FTS_TABLE}, 10.0, 3.0, 1.0, 0.0)" if sort == "relevance" else "0"
    columns = ", ".join(f"a.{c}" for c in RESULT_COLUMNS)
    sql = (
        f"SELECT {columns}, hits.score AS score FROM ("
        f"SELECT {FTS_TABLE}.rowid AS hit, {score} AS score "
        f"FROM {FTS_TABLE} JOIN articles a ON a.rowid = {FTS_TABLE}.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY {FTS_TABLE}.rowid DESC LIMIT ?"
        f") AS hits JOIN articles a ON a.rowid = hits.hit "
        f"ORDER BY {'hits.score' if sort == 'relevance' else 'a.sort_time DESC'}, a.sort_time DESC LIMIT ?"
    )
    params.extend([max(window, limit), limit])
    return [dict(row) for row in store.db.query(sql, params)]
