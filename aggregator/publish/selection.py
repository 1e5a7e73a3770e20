"""Which articles each feed shows: the slices of the store, newest first, one entry per story.

Every feed takes the newest N articles of its slice by walking an index on the store's
``sort_time`` (the UTC instant of ``published``, else of ``first_seen``): the cost of a build does
not grow with the database (``tests/test_publishing_queries.py`` checks every query plan). The
combined feeds (all, per province, per category) show one entry per near-duplicate cluster, the
earliest, naming the other papers that carried the story.
"""

from __future__ import annotations

import html
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import nh3

from aggregator.dates import VN_TZ
from aggregator.publish.model import (
    MAX_CONTENT_CHARS,
    Entry,
    FeedSpec,
    Member,
    display_name,
    slugify,
    web_url,
)
from aggregator.store import ArticleStore
from aggregator.store.fts import FTS_TABLE
from aggregator.store.query import QueryError
from aggregator.store.topics import VALID_SLUG, Topic, load_topics
from aggregator.text import NH3_SAFETY, sanitize_html, xml_safe

logger = logging.getLogger(__name__)

# A topic feed chooses among the most recently stored matches of its query (an index walk that
# stops early, however common its words): the newest by publication time among them.
TOPIC_WINDOW = 2000

_FULL_COLUMNS = (
    "id, url, source, source_name, province, title, summary, body_html, author, credit, category, tags, "
    "image_url, published, first_seen, updated"
)

_KEY_COLUMNS = "id, coalesce(cluster_id, id), sort_time, published, first_seen, source, source_name, province, category, url"


def _distinct(db: sqlite3.Connection, column: str) -> list[str]:
    """Distinct non-empty values of an indexed column, one index seek each (no scan)."""
    sql = (
        f"with recursive v(x) as (select min({column}) from articles union all "
        f"select (select {column} from articles where {column} > v.x order by {column} limit 1) "
        f"from v where v.x is not null) select x from v where x is not null"
    )
    return [x for (x,) in db.execute(sql) if x and x.strip()]


def _grouped(db: sqlite3.Connection, column: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Values of *column* grouped by slug (case, spaces, accents ignored): slug → (name, values).

    Only a slug spelled several ways costs a count (the most used spelling is the name shown).
    """
    spellings: dict[str, list[str]] = {}
    for value in _distinct(db, column):
        spellings.setdefault(slugify(value), []).append(value)
    groups = {}
    for slug, values in sorted(spellings.items()):
        counts = {v: 1 for v in values}
        if len(values) > 1:
            sql = f"select count(*) from articles where {column} = ?"
            counts = {v: db.execute(sql, (v,)).fetchone()[0] for v in values}
        groups[slug] = (display_name(counts), tuple(sorted(values)))
    return groups


# The combined feeds by province and by category: (column, title, description).
_COMBINED = (
    ("province", "Tin {name}", "Tin mới nhất về {name} từ các báo địa phương"),
    ("category", "Chuyên mục {name}", "Tin {name} mới nhất từ các báo địa phương"),
)


def feed_specs(store: ArticleStore, topics: Sequence[Topic] | None = None) -> list[FeedSpec]:
    """Every feed to build: all sources, each source, each province, each category."""
    db = store.db.conn
    specs = [
        FeedSpec(
            "all",
            "Báo tỉnh — tất cả các báo",
            "Tin mới nhất từ các báo địa phương Việt Nam",
            combined=True,
            kind="all",
            name="Tất cả các báo",
        )
    ]
    for source in _distinct(db, "source"):
        name, province = db.execute(
            "select source_name, province from articles where source = ? order by sort_time desc limit 1",
            (source,),
        ).fetchone()
        name = xml_safe(name or source)
        specs.append(
            FeedSpec(
                f"source/{source}",
                name,
                f"Tin mới nhất của {name}",
                column="source",
                values=(source,),
                kind="source",
                name=name,
                group=province or "",
                home=f"#source={source}",
            )
        )
    for column, title, description in _COMBINED:
        for slug, (name, values) in _grouped(db, column).items():
            specs.append(
                FeedSpec(
                    f"{column}/{slug}",
                    title.format(name=name),
                    description.format(name=name),
                    column=column,
                    values=values,
                    combined=True,
                    kind=column,
                    name=name,
                    home=f"#{column}={slug}",
                )
            )
    return specs + topic_specs(load_topics(db) if topics is None else topics)


def topic_specs(topics: Sequence[Topic]) -> list[FeedSpec]:
    """A feed per saved topic; one whose query no longer reads is left out, with a warning."""
    specs = []
    for topic in topics:
        try:
            if not VALID_SLUG.fullmatch(topic.slug):  # a row written by hand: never a path elsewhere
                raise QueryError(f"its name {topic.slug!r} is not a file name baotinh makes")
            expression = topic.expression()
        except QueryError as exc:
            logger.warning("topic %s left out of the feeds: %s", topic.slug, exc)
            continue
        title = xml_safe(topic.title)
        specs.append(
            FeedSpec(
                f"topic/{topic.slug}",
                f"Chủ đề: {title}",
                f"Tin về “{xml_safe(topic.query)}” từ các báo địa phương",
                match=expression,
                combined=True,
                kind="topic",
                name=title,
            )
        )
    return specs


def _aware(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)


def _member(row: Sequence[Any]) -> Member:
    sort_time = datetime.fromisoformat(row[2]).replace(tzinfo=UTC) if row[2] else None
    when = sort_time or _aware(row[3]) or _aware(row[4]) or datetime(1970, 1, 1, tzinfo=UTC)
    return Member(row[0], row[1], when.timestamp(), *(x or "" for x in row[5:]))


def _newest_first(m: Member) -> tuple[float, str]:
    return (-m.when, m.id)


def _oldest_first(m: Member) -> tuple[float, str]:
    return (m.when, m.id)


def _newest_members(db: sqlite3.Connection, spec: FeedSpec, limit: int) -> tuple[list[Member], bool]:
    """The newest *limit* articles of the slice, and whether it holds more.

    ``sort_time`` (the store's UTC instant of published, else first seen) orders them through the
    (column, sort_time) indexes; rows an older version left without it are read apart (exactly,
    without an index) and merged in.
    """
    rows: list[Sequence[Any]] = []
    full = False
    for value in spec.values or (None,):
        clause, params = (f"{spec.column} = ? and ", [value]) if spec.column else ("", [])
        for order in (
            "sort_time is not null order by sort_time desc, id",
            "sort_time is null order by coalesce(datetime(published), datetime(first_seen)) desc, id",
        ):
            sql = f"select {_KEY_COLUMNS} from articles where {clause}{order} limit ?"
            found = db.execute(sql, [*params, limit]).fetchall()
            full = full or len(found) == limit
            rows += found
    members = sorted(map(_member, rows), key=_newest_first)
    return members[:limit], full or len(members) > limit


def _cluster_members(db: sqlite3.Connection, clusters: Iterable[str]) -> dict[str, list[Member]]:
    found: dict[str, list[Member]] = {}
    wanted = sorted(set(clusters))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        sql = f"select {_KEY_COLUMNS} from articles where cluster_id in ({','.join('?' * len(chunk))})"
        for row in db.execute(sql, chunk):
            member = _member(row)
            found.setdefault(member.cluster, []).append(member)
    return found


def _matching_members(db: sqlite3.Connection, spec: FeedSpec) -> list[Member]:
    """A topic's candidates, newest first: the latest ``TOPIC_WINDOW`` stored matches of its query."""
    sql = (
        f"select {_KEY_COLUMNS} from articles where rowid in (select rowid from {FTS_TABLE} "
        f"where {FTS_TABLE} match ? order by rowid desc limit ?)"
    )
    return sorted(map(_member, db.execute(sql, (spec.match, TOPIC_WINDOW))), key=_newest_first)


def _collapse(
    db: sqlite3.Connection, members: list[Member], in_slice: Callable[[Member], bool]
) -> list[tuple[str, list[Member]]]:
    """One entry per cluster: an article stays unless an earlier member is in the same feed."""
    clusters = _cluster_members(db, (m.cluster for m in members))
    chosen = []
    for member in members:
        group = clusters.get(member.cluster) or [member]
        inside = [m for m in group if in_slice(m)] or [member]
        if min(inside, key=_oldest_first).id == member.id:
            others = sorted((m for m in group if m.id != member.id), key=_oldest_first)
            chosen.append((member.id, others))
    return chosen


def select_entries(db: sqlite3.Connection, spec: FeedSpec, limit: int) -> list[tuple[str, list[Member]]]:
    """Ids of the newest *limit* entries of a slice, each with the other members of its cluster."""
    matching = _matching_members(db, spec) if spec.match else None
    matched = {m.id for m in matching or ()}

    def in_slice(member: Member) -> bool:
        if matching is not None:
            return member.id in matched
        return not spec.column or getattr(member, spec.column) in spec.values

    fetch = limit
    while True:
        if matching is not None:
            members, more = matching[:fetch], len(matching) > fetch
        else:
            members, more = _newest_members(db, spec, fetch)
        if not spec.combined:
            return [(m.id, []) for m in members]
        chosen = _collapse(db, members, in_slice)
        if len(chosen) >= limit or not more:
            return chosen[:limit]
        fetch *= 2


class EntryCache:
    """Entries by article id, read and sanitized once per build however many feeds show them."""

    def __init__(self, db: sqlite3.Connection, categories: Mapping[str, str]) -> None:
        self.db = db
        self.categories = categories  # raw category → display name
        self.entries: dict[str, Entry] = {}

    def get(self, ids: Sequence[str]) -> list[Entry]:
        missing = [i for i in dict.fromkeys(ids) if i not in self.entries]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            sql = f"select {_FULL_COLUMNS} from articles where id in ({','.join('?' * len(chunk))})"
            cursor = self.db.execute(sql, chunk)
            names = [d[0] for d in cursor.description]
            for row in cursor:
                entry = self.prepare(dict(zip(names, row, strict=True)))
                self.entries[entry.id] = entry
        return [self.entries[i] for i in ids if i in self.entries]

    def prepare(self, row: dict[str, Any]) -> Entry:
        published = (
            _aware(row["published"]) or _aware(row["first_seen"]) or datetime(2026, 1, 1, tzinfo=VN_TZ)
        )
        updated = max(published, _aware(row["updated"]) or published)
        url = web_url(row["url"]) or row["url"]
        category = self.categories.get(row["category"] or "", xml_safe(row["category"] or "").strip())
        return Entry(
            id=row["id"],
            url=url,
            title=xml_safe(row["title"] or "").strip() or url,  # Atom requires a title
            summary=xml_safe(row["summary"] or "").strip(),
            content=_capped(safe_html(row["body_html"], url), url, row["source_name"] or ""),
            author=xml_safe(row["author"] or "").strip(),
            credit=xml_safe(row["credit"] or "").strip(),
            categories=_categories(category, row["tags"]),
            image_url=web_url(row["image_url"]),
            published=published,
            updated=updated,
            source=row["source"] or "",
            source_name=xml_safe(row["source_name"] or row["source"] or "").strip(),
            province=xml_safe(row["province"] or "").strip(),
            category=category,
        )


def safe_html(body_html: str | None, base_url: str) -> str:
    """The body as sanitized HTML (text.sanitize_html, with a plain nh3 pass as a fallback).

    The fallback is for what lxml's parser refuses: a text node over 10 MB comes back empty.
    """
    if not body_html or not body_html.strip():
        return ""
    cleaned = sanitize_html(body_html, base_url=base_url)
    if cleaned:
        return cleaned
    relative = ("rewrite_with_base", base_url) if web_url(base_url) else "deny"
    return xml_safe(nh3.clean(body_html, url_relative=relative, **NH3_SAFETY)).strip()


def _capped(content: str, url: str, paper: str) -> str:
    if len(content) <= MAX_CONTENT_CHARS:
        return content
    cut = nh3.clean(content[:MAX_CONTENT_CHARS])  # closes the tags the cut left open
    more = html.escape(xml_safe(paper.strip()) or "báo gốc")
    return f'{cut}<p><a href="{html.escape(url)}">Đọc tiếp trên {more}</a></p>'


def _categories(category: str, tags_json: str | None) -> tuple[str, ...]:
    try:
        tags = json.loads(tags_json or "[]")
    except ValueError:
        tags = []
    names = [category, *(t for t in tags if isinstance(t, str))] if isinstance(tags, list) else [category]
    unique: dict[str, str] = {}
    for name in (xml_safe(n).strip() for n in names):
        if name:
            unique.setdefault(name.casefold(), name)
    return tuple(unique.values())
