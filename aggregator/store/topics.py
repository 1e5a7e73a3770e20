"""Topics: saved searches, kept in the database, that the feed build publishes as feeds of their own.

A topic is checked when it is saved (the query parses in the search language and FTS5 accepts
it), so a feed build never meets a query it cannot run; a row edited by hand into something
wrong is skipped by the build with a warning, never a failed build. Province and sources narrow
a topic through the index's facet tokens, as ``baotinh search`` does.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from aggregator.store.fts import FTS_TABLE, search_expression
from aggregator.store.query import QueryError
from aggregator.store.schema import utc_now
from aggregator.text import fold

TABLE = "topics"
_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80  # a file name every file system takes, with room for the suffix
VALID_SLUG = re.compile(rf"[a-z0-9](?:[a-z0-9-]{{0,{MAX_SLUG - 2}}}[a-z0-9])?")


@dataclass(frozen=True, slots=True)
class Topic:
    """One saved search: its feed is ``feeds/topic/<slug>.rss`` (and ``.atom``)."""

    slug: str
    title: str
    query: str
    province: str = ""
    sources: tuple[str, ...] = ()
    created: str = ""

    def expression(self) -> str:
        """The FTS5 expression of the whole topic: its words, then its province and sources."""
        return search_expression(self.query, self.sources, self.province or None, strict=True)

    def as_dict(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "title": self.title,
            "query": self.query,
            "province": self.province or None,
            "sources": list(self.sources),
            "created": self.created,
        }


def topic_slug(name: str) -> str:
    """``Lũ lụt`` → ``lu-lut``: the topic's name in its feed's file name."""
    slug = _SLUG.sub("-", fold(name)).strip("-")
    if not slug:
        raise QueryError(f"a topic needs a name with letters or digits, not {name!r}")
    if len(slug) > MAX_SLUG:
        raise QueryError(f"a topic's name makes a file name: {MAX_SLUG} letters at most, not {len(slug)}")
    return slug


def check(db: sqlite3.Connection, topic: Topic) -> None:
    """Raise ``QueryError`` unless the topic parses and FTS5 runs it on this database."""
    expression = topic.expression()
    try:
        db.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT 1", (expression,)
        ).fetchall()
    except sqlite3.OperationalError as exc:  # our quoting should make this unreachable
        raise QueryError(f"the search index refuses {topic.query!r}: {exc}") from exc


def save_topic(
    db: sqlite3.Connection,
    name: str,
    query: str,
    *,
    title: str = "",
    province: str = "",
    sources: Sequence[str] = (),
) -> tuple[Topic, bool]:
    """Check and store a topic; returns it and whether it replaced one of the same name."""
    slug = topic_slug(name)
    named = name.strip() != slug  # "Giá lúa" is a title; "lu-lut" only a file name
    topic = Topic(
        slug=slug,
        title=" ".join((title or (name if named else query)).split()),
        query=query.strip(),
        province=province or "",
        sources=tuple(sorted(set(sources))),
        created=utc_now(),
    )
    check(db, topic)
    replaced = db.execute(f"SELECT 1 FROM {TABLE} WHERE slug = ?", (topic.slug,)).fetchone() is not None
    db.execute(  # one statement: atomic, whatever the connection's transaction mode
        f"INSERT OR REPLACE INTO {TABLE} (slug, title, query, province, sources, created) VALUES (?, ?, ?, ?, ?, ?)",
        (
            topic.slug,
            topic.title,
            topic.query,
            topic.province or None,
            json.dumps(list(topic.sources), ensure_ascii=False),
            topic.created,
        ),
    )
    return topic, replaced


def remove_topic(db: sqlite3.Connection, name: str) -> bool:
    """Delete a topic by name or slug; False if there was none."""
    return db.execute(f"DELETE FROM {TABLE} WHERE slug = ?", (topic_slug(name),)).rowcount > 0


def load_topics(db: sqlite3.Connection) -> list[Topic]:
    """Every saved topic, by slug; none in a database made before topics existed."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
        return []
    topics = []
    for slug, title, query, province, sources, created in db.execute(
        f"SELECT slug, title, query, province, sources, created FROM {TABLE} ORDER BY slug"
    ):
        try:
            chosen = tuple(s for s in json.loads(sources or "[]") if isinstance(s, str))
        except ValueError:
            chosen = ()
        topics.append(Topic(slug, title or query or slug, query or "", province or "", chosen, created or ""))
    return topics
