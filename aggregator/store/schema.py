"""The articles table's columns and indexes, and the small values every write computes.

Columns are added, never renamed or dropped: a database made by an older version gains the new
ones (NULL until the article is written again) when it is opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

ARTICLE_COLUMNS: dict[str, type] = {
    "id": str,
    "url": str,
    "source": str,
    "source_name": str,
    "province": str,
    "platform": str,
    "title": str,
    "summary": str,
    "body": str,
    "body_html": str,
    "author": str,
    "credit": str,  # the source a story is credited to ("Theo Vietnamnet" → Vietnamnet)
    "dateline": str,
    "category": str,
    "tags": str,  # JSON list
    "image_url": str,
    "published": str,  # ISO 8601 with +07:00, or NULL when the page's date could not be read
    "published_raw": str,
    "date_conflict": str,  # JSON list of the dates that disagreed with "published", or NULL
    "provenance": str,  # JSON {field: source}: selector, jsonld, meta, time, text, generic
    "modified": str,
    "first_seen": str,
    "last_seen": str,
    "updated": str,  # when the title or body last changed
    "revisions": int,
    "content_hash": str,
    "cluster_id": str,
    # The instant that orders feeds and listings (UTC ISO): published, else first_seen. Stored so
    # "newest N" is an index walk however large the table grows.
    "sort_time": str,
    # The local day of "published" (YYYY-MM-DD, Asia/Ho_Chi_Minh): what "articles of that day"
    # means to a Vietnamese reader, whatever offset the page gave (datasette's day facet).
    "published_day": str,
}

_SCHEMA_EXTRA = """
CREATE INDEX IF NOT EXISTS idx_articles_published ON articles(published DESC);
CREATE INDEX IF NOT EXISTS idx_articles_sort_time ON articles(sort_time DESC);
CREATE INDEX IF NOT EXISTS idx_articles_source_sort_time ON articles(source, sort_time DESC);
CREATE INDEX IF NOT EXISTS idx_articles_province_sort_time ON articles(province, sort_time DESC);
CREATE INDEX IF NOT EXISTS idx_articles_category_sort_time ON articles(category, sort_time DESC);
CREATE INDEX IF NOT EXISTS idx_articles_cluster ON articles(cluster_id);
CREATE INDEX IF NOT EXISTS idx_drops_url ON drops(url);
CREATE INDEX IF NOT EXISTS idx_articles_content_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS idx_article_urls_article ON article_urls(article_id);
CREATE INDEX IF NOT EXISTS idx_drops_source ON drops(source, dropped_at);
"""

# Values that sqlite-utils passes to SQLite unchanged (it converts dicts, lists, dates… first).
_PLAIN_TYPES = frozenset({str, int, float, bytes, type(None)})


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def utc_now() -> str:
    """Timestamps of our own actions are UTC ISO 8601 (publish times keep the site's +07:00)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(slots=True)
class SaveResult:
    """How a batch changed the database."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0  # same paper, same content, another URL: kept as an alias
    clustered: int = 0  # new articles that joined another article's near-duplicate cluster

    def __iadd__(self, other: SaveResult) -> SaveResult:
        for name in ("new", "updated", "unchanged", "duplicates", "clustered"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def sort_time(published: str | None, first_seen: str) -> str:
    """UTC ISO instant of *published* (any offset), else *first_seen*: comparable as text."""
    if published:
        try:
            return datetime.fromisoformat(published).astimezone(UTC).replace(tzinfo=None).isoformat()
        except ValueError:
            pass
    return datetime.fromisoformat(first_seen).astimezone(UTC).replace(tzinfo=None).isoformat()


def published_day(published: str | None) -> str | None:
    """``2026-01-08T23:30:00+07:00`` → ``2026-01-08``; a time in another offset counts in Vietnam."""
    if not published:
        return None
    from aggregator.dates import VN_TZ

    try:
        return datetime.fromisoformat(published).astimezone(VN_TZ).date().isoformat()
    except ValueError:
        return None


# What a database made before "published_day" existed gets (SQLite's date() counts in UTC).
BACKFILL_PUBLISHED_DAY = (
    "UPDATE articles SET published_day = date(published, '+7 hours') WHERE published IS NOT NULL"
)


def _text_changed(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    if old is None:
        return True
    fields = ("title", "summary", "body", "source", "province")
    return any((old.get(k) or "") != (new.get(k) or "") for k in fields)


def url_ids(urls: Iterable[str]) -> set[str]:
    from aggregator.urls import article_id

    return {article_id(u) for u in urls if u}


# The other tables: (columns, primary key).
TABLES: dict[str, tuple[dict[str, type], str]] = {
    # Other URLs an article was served under (tracking variants, old domains, redirects).
    "article_urls": ({"url": str, "article_id": str, "first_seen": str}, "url"),
    # Every rejected item and every page that failed to download, with its reason.
    "drops": (
        {
            "id": int,
            "url": str,
            "reason": str,
            "detail": str,
            "source": str,
            "run_id": int,
            "dropped_at": str,
        },
        "id",
    ),
    # One row per spider run: its counts and the full Scrapy stats as JSON.
    "crawl_runs": (
        {
            "id": int,
            "source": str,
            "started": str,
            "finished": str,
            "finish_reason": str,
            "pages": int,
            "new": int,
            "updated": int,
            "unchanged": int,
            "dropped": int,
            "errors": int,
            "stats": str,
        },
        "id",
    ),
    # Saved searches published as topic feeds (``baotinh topics``): sources is a JSON list.
    "topics": (
        {
            "slug": str,
            "title": str,
            "query": str,
            "province": str,
            "sources": str,
            "created": str,
        },
        "slug",
    ),
    # ETag / Last-Modified of feeds and sitemaps, for conditional requests.
    "http_validators": ({"url": str, "etag": str, "last_modified": str, "checked": str}, "url"),
}
