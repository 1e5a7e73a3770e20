"""RSS 2.0 and Atom feeds built with feedgen from the stored articles, plus the OPML and the index page.

Feed readers punish small mistakes, so: entry ids derive from the article id and never change;
every time carries its offset (RSS ``+0700``, Atom ``+07:00``); characters XML forbids are removed
before feedgen sees them (one would sink the whole file); the RSS ``<description>`` is escaped
HTML, because readers render it as HTML; and a file is replaced atomically and only when its bytes
change, so an unchanged feed keeps its mtime and HTTP caches stay valid.

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
import mimetypes
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import nh3
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from aggregator.config import get_int
from aggregator.dates import VN_TZ
from aggregator.store import ArticleStore
from aggregator.text import sanitize_html, xml_safe

logger = logging.getLogger(__name__)

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
INDEX_ITEMS_PER_SOURCE = 20
# A longer body is cut (with a link to the paper): libxml2-based readers refuse a text node over
# 10 MB, and every poll of a combined feed would carry it.
MAX_CONTENT_CHARS = 200_000

_FULL_COLUMNS = (
    "id, url, source, source_name, province, title, summary, body_html, author, credit, category, tags, "
    "image_url, published, first_seen, updated"
)
_KEY_COLUMNS = "id, coalesce(cluster_id, id), sort_time, published, first_seen, source, source_name, province, category, url"


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One slice of the articles published as a pair of files (``<path>.rss``, ``<path>.atom``).

    A slice is ``column IN values`` (no column: every article). ``where``/``params`` describe a
    custom slice instead (read without the index-only fast path).
    """

    path: str  # relative to the feeds folder, without extension
    title: str
    description: str
    where: str = ""
    params: tuple[Any, ...] = ()
    column: str = ""  # "source", "province" or "category"; "" for every article
    values: tuple[str, ...] = ()
    combined: bool = False  # one entry per near-duplicate cluster
    kind: str = "custom"  # all, source, province, category, custom
    name: str = ""  # display name: the paper, province or category
    group: str = ""  # a source's province (the OPML groups by it)
    home: str = ""  # the HTML page of the slice, relative to the site URL (index.html filters)


@dataclass(slots=True)
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [*self.written, *self.unchanged]


class Member(NamedTuple):
    """The fields of an article that choosing and collapsing entries needs."""

    id: str
    cluster: str
    when: float  # POSIX time of published (or first seen)
    source: str
    source_name: str
    province: str
    category: str
    url: str


@dataclass(frozen=True, slots=True)
class Entry:
    """An article ready to publish: clean strings, aware times, sanitized HTML."""

    id: str
    url: str
    title: str
    summary: str
    content: str
    author: str
    credit: str  # shown under the body: "Theo <credit>"
    categories: tuple[str, ...]
    image_url: str
    published: datetime
    updated: datetime
    source: str
    source_name: str
    province: str
    category: str  # display name of the normalized category


# --- names ----------------------------------------------------------------------------------


def slugify(value: str) -> str:
    """ASCII slug for file names: ``Lạng Sơn`` → ``lang-son``, ``TP. Hồ Chí Minh`` → ``tp-ho-chi-minh``."""
    folded = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    ascii_only = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "khac"


def display_name(variants: Mapping[str, int]) -> str:
    """The spelling to show for a group of variants: the most used, then the best-written one."""

    def rank(name: str) -> tuple[int, bool, int, str]:
        accents = sum(1 for ch in name if ord(ch) > 127)
        return (-variants[name], name.isupper() or name.islower(), -accents, name)

    return " ".join(min(variants, key=rank).split())


def entry_id(article_id: str) -> str:
    """A permanent, globally unique entry id (RFC 4151 tag URI)."""
    return f"tag:baotinh,2026:article:{article_id}"


def feed_url(site_url: str, spec: FeedSpec, suffix: str) -> str:
    return f"{site_url.rstrip('/')}/feeds/{spec.path}{suffix}"


def page_url(site_url: str, spec: FeedSpec) -> str:
    return site_url if not spec.home else f"{site_url.rstrip('/')}/{spec.home}"


def web_url(value: str | None) -> str:
    """*value* if it is an http(s) URL, else "" (a ``javascript:`` link must never reach a page)."""
    value = xml_safe((value or "").strip())
    return value if urlsplit(value).scheme in ("http", "https") and " " not in value else ""


# --- which feeds ----------------------------------------------------------------------------


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


def feed_specs(store: ArticleStore) -> list[FeedSpec]:
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
    for slug, (name, values) in _grouped(db, "province").items():
        specs.append(
            FeedSpec(
                f"province/{slug}",
                f"Tin {name}",
                f"Tin mới nhất về {name} từ các báo địa phương",
                column="province",
                values=values,
                combined=True,
                kind="province",
                name=name,
                home=f"#province={slug}",
            )
        )
    for slug, (name, values) in _grouped(db, "category").items():
        specs.append(
            FeedSpec(
                f"category/{slug}",
                f"Chuyên mục {name}",
                f"Tin {name} mới nhất từ các báo địa phương",
                column="category",
                values=values,
                combined=True,
                kind="category",
                name=name,
                home=f"#category={slug}",
            )
        )
    return specs


# --- which articles -------------------------------------------------------------------------


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


def _in_slice(spec: FeedSpec, member: Member) -> bool:
    return not spec.column or getattr(member, spec.column) in spec.values


def _collapse(
    db: sqlite3.Connection, spec: FeedSpec, members: list[Member]
) -> list[tuple[str, list[Member]]]:
    """One entry per cluster: an article stays unless an earlier member is in the same feed."""
    clusters = _cluster_members(db, (m.cluster for m in members))
    chosen = []
    for member in members:
        group = clusters.get(member.cluster) or [member]
        inside = [m for m in group if _in_slice(spec, m)] or [member]
        if min(inside, key=_oldest_first).id == member.id:
            others = sorted((m for m in group if m.id != member.id), key=_oldest_first)
            chosen.append((member.id, others))
    return chosen


def select_entries(db: sqlite3.Connection, spec: FeedSpec, limit: int) -> list[tuple[str, list[Member]]]:
    """Ids of the newest *limit* entries of a slice, each with the other members of its cluster."""
    fetch = limit
    while True:
        members, more = _newest_members(db, spec, fetch)
        if not spec.combined:
            return [(m.id, []) for m in members]
        chosen = _collapse(db, spec, members)
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
    return xml_safe(
        nh3.clean(
            body_html,
            clean_content_tags={"script", "style", "iframe", "noscript", "template", "object"},
            url_schemes={"http", "https", "mailto"},
            url_relative=relative,
            link_rel="noopener noreferrer nofollow",
        )
    ).strip()


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


# --- rendering ------------------------------------------------------------------------------


class _BaotinhFeed(BaseExtension):
    pass


class _BaotinhEntry(BaseEntryExtension):
    """RSS-only touches feedgen has no switch for: escaped description, the image enclosure."""

    def __init__(self) -> None:
        self.description: str | None = None
        self.enclosure: tuple[str, str] | None = None

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.description is not None:
            element = item.find("description")
            if element is None:
                element = etree.SubElement(item, "description")
            element.text = self.description
        if self.enclosure:
            etree.SubElement(item, "enclosure", url=self.enclosure[0], length="0", type=self.enclosure[1])
        return item


def also_published_html(others: Sequence[Member], own_source: str) -> str:
    """``<p>Cũng đăng trên: <a>Báo A</a>, <a>Báo B</a></p>`` for the other papers of a cluster."""
    papers: dict[str, str] = {}
    for m in others:
        if m.source != own_source and m.source not in papers and web_url(m.url):
            papers[m.source] = (
                f'<a href="{html.escape(web_url(m.url))}">{html.escape(xml_safe(m.source_name or m.source))}</a>'
            )
    return f"<p>Cũng đăng trên: {', '.join(papers.values())}</p>" if papers else ""


def render(
    spec: FeedSpec,
    entries: Sequence[Entry],
    *,
    site_url: str,
    also: Mapping[str, Sequence[Member]] | None = None,
) -> tuple[bytes, bytes]:
    """The RSS and Atom bytes of one feed (deterministic for the same entries)."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.load_extension("media", atom=True, rss=True)
    fg.register_extension("baotinh", _BaotinhFeed, _BaotinhEntry, atom=False, rss=True)
    fg.id(f"tag:baotinh,2026:feed:{spec.path}")
    fg.title(xml_safe(spec.title))
    fg.description(xml_safe(spec.description))
    fg.subtitle(xml_safe(spec.description))
    fg.author({"name": xml_safe(spec.name if spec.kind == "source" else "Báo tỉnh")})
    fg.language("vi")
    fg.generator("baotinh")
    for entry in entries:
        _add_entry(fg, entry, (also or {}).get(entry.id, ()))
    stamp = max((e.updated for e in entries), default=datetime(2026, 1, 1, tzinfo=VN_TZ))
    fg.lastBuildDate(stamp)
    fg.updated(stamp)
    home = page_url(site_url, spec)
    # feedgen uses the last link as the RSS channel <link>, which must be the site, not the feed.
    fg.link(href=feed_url(site_url, spec, ".atom"), rel="self", type="application/atom+xml", replace=True)
    fg.link(href=home, rel="alternate", type="text/html")
    atom = fg.atom_str(pretty=True)
    fg.link(href=feed_url(site_url, spec, ".rss"), rel="self", type="application/rss+xml", replace=True)
    fg.link(href=home, rel="alternate", type="text/html")
    return fg.rss_str(pretty=True), atom


def credit_html(credit: str) -> str:
    """The story's source credit as the paper prints it, under the body ("Theo Vietnamnet")."""
    return f"<p><em>Theo {html.escape(credit, quote=False)}</em></p>" if credit else ""


def _add_entry(fg: FeedGenerator, entry: Entry, others: Sequence[Member]) -> None:
    fe = fg.add_entry(order="append")
    fe.id(entry_id(entry.id))
    fe.guid(entry_id(entry.id), permalink=False)
    fe.title(entry.title)
    fe.link(href=entry.url)  # the one alternate link: images go to media:content, never here
    fe.published(entry.published)
    fe.updated(entry.updated)
    if entry.summary:
        fe.summary(entry.summary)
        # RSS readers render <description> as HTML: "<script>" in a summary must stay text.
        fe.baotinh.description = html.escape(entry.summary, quote=False)
    content = entry.content + credit_html(entry.credit) + also_published_html(others, entry.source)
    if content:
        # type "html" (escaped text); feedgen writes type="CDATA" literally, which Atom forbids.
        fe.content(content, type="html")
    if entry.author:
        fe.author({"name": entry.author})
        fe.dc.dc_creator(entry.author)
    for name in entry.categories:
        fe.category({"term": name})
    if entry.image_url:
        kind = mimetypes.guess_type(urlsplit(entry.image_url).path)[0] or "image/jpeg"
        fe.media.content({"url": entry.image_url, "medium": "image", "type": kind}, group=None)
        fe.media.thumbnail({"url": entry.image_url}, group=None)
        fe.baotinh.enclosure = (entry.image_url, kind)


# --- files ----------------------------------------------------------------------------------


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
        if any(row[1] == "sort_time" for row in store.db.execute("pragma table_info(articles)")):
            return store
        store.close()
    ArticleStore(path).close()  # creates the schema or adds what an older version lacks
    return ArticleStore(path, readonly=True)


@dataclass(slots=True)
class Built:
    """What one build read: the specs and, per spec, its entries (the OPML and index use them)."""

    specs: list[FeedSpec]
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    also: dict[str, dict[str, list[Member]]] = field(default_factory=dict)


def build_feeds_for(settings: Any) -> BuildReport:
    """``build_feeds`` with the database, output folder, limit and site URL of Scrapy *settings*."""
    from aggregator.paths import db_path, output_dir

    return build_feeds(
        db_path(settings),
        output_dir(settings),
        limit=get_int(settings, "BAOTINH_FEED_LIMIT", 100, minimum=1),
        site_url=settings.get("BAOTINH_SITE_URL") or DEFAULT_SITE_URL,
    )


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
    from aggregator.opml import render_opml
    from aggregator.site_index import render_index

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
    logger.info("feeds: %d written, %d unchanged", len(report.written), len(report.unchanged))
    return report


def _read(store: ArticleStore, specs: list[FeedSpec] | None, limit: int) -> Built:
    conn = store.db.conn
    built = Built(specs if specs is not None else feed_specs(store))
    names = {v: s.name for s in built.specs if s.kind == "category" for v in s.values}
    cache = EntryCache(conn, names)
    for spec in built.specs:
        if spec.where:
            rows = store.newest(limit=limit, where=spec.where, params=spec.params)
            chosen: list[tuple[str, list[Member]]] = [(r["id"], []) for r in rows]
        else:
            chosen = select_entries(conn, spec, limit)
        built.entries[spec.path] = cache.get([i for i, _ in chosen])
        built.also[spec.path] = {i: others for i, others in chosen if others}
    return built


def _write(report: BuildReport, path: Path, data: bytes) -> None:
    (report.written if write_if_changed(path, data) else report.unchanged).append(path)
