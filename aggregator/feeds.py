"""RSS 2.0 and Atom feeds built with feedgen from the stored articles.

Feed readers punish small mistakes, so: entry ids derive from the article id and never change;
every time carries its offset (RSS ``+0700``, Atom ``+07:00``); characters XML forbids are removed
before feedgen sees them (one would sink the whole file); and a file is replaced atomically and
only when its bytes change, so an unchanged feed keeps its mtime and HTTP caches stay valid.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from aggregator.dates import VN_TZ
from aggregator.store import ArticleStore
from aggregator.text import xml_safe

logger = logging.getLogger(__name__)

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One slice of the articles published as a pair of files (``<path>.rss``, ``<path>.atom``)."""

    path: str  # relative to the feeds folder, without extension
    title: str
    description: str
    where: str = ""
    params: tuple[Any, ...] = ()


@dataclass(slots=True)
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [*self.written, *self.unchanged]


def slugify(value: str) -> str:
    """ASCII slug for file names: ``Lạng Sơn`` → ``lang-son``, ``TP. Hồ Chí Minh`` → ``tp-ho-chi-minh``."""
    folded = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    ascii_only = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "khac"


def feed_specs(store: ArticleStore) -> list[FeedSpec]:
    """Every feed to build: all sources, each source, each province."""
    specs = [FeedSpec("all", "Báo tỉnh — tất cả các báo", "Tin mới nhất từ các báo địa phương Việt Nam")]
    for source, name in store.db.execute(
        "select source, max(source_name) from articles group by source order by source"
    ).fetchall():
        specs.append(
            FeedSpec(
                f"source/{source}",
                name or source,
                f"Tin mới nhất của {name or source}",
                "source = ?",
                (source,),
            )
        )
    for province in store.distinct("province"):
        specs.append(
            FeedSpec(
                f"province/{slugify(province)}",
                f"Tin {province}",
                f"Tin mới nhất về tỉnh {province} từ các báo địa phương",
                "province = ?",
                (province,),
            )
        )
    return specs


def _aware(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)


def entry_id(article_id: str) -> str:
    """A permanent, globally unique entry id (RFC 4151 tag URI)."""
    return f"tag:baotinh,2026:article:{article_id}"


def render(spec: FeedSpec, rows: Sequence[dict[str, Any]], *, site_url: str) -> tuple[bytes, bytes]:
    """The RSS and Atom bytes of one feed (deterministic for the same rows)."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    base = site_url.rstrip("/") + "/feeds/" + spec.path
    fg.id(f"tag:baotinh,2026:feed:{spec.path}")
    fg.title(xml_safe(spec.title))
    fg.description(xml_safe(spec.description))
    fg.subtitle(xml_safe(spec.description))
    fg.language("vi")
    fg.generator("baotinh")
    newest: datetime | None = None
    for row in rows:
        published = _aware(row.get("published")) or _aware(row.get("first_seen"))
        updated = max(filter(None, [published, _aware(row.get("updated"))]), default=published)
        newest = max(filter(None, [newest, updated]), default=None)
        _add_entry(fg, row, published, updated)
    stamp = newest or datetime(2026, 1, 1, tzinfo=VN_TZ)
    fg.lastBuildDate(stamp)
    fg.updated(stamp)
    # feedgen uses the last link as the RSS channel <link>, which must be the site, not the feed.
    fg.link(href=base + ".atom", rel="self", type="application/atom+xml", replace=True)
    fg.link(href=site_url, rel="alternate")
    atom = fg.atom_str(pretty=True)
    # Enclosures only after the Atom text: feedgen drops the rel of entry links, so in Atom the
    # image would become a second rel=alternate link, which Atom forbids.
    for fe, row in zip(fg.entry(), rows, strict=True):
        if row.get("image_url"):
            kind = mimetypes.guess_type(row["image_url"])[0] or "image/jpeg"
            fe.enclosure(row["image_url"], "0", kind)
    fg.link(href=base + ".rss", rel="self", type="application/rss+xml", replace=True)
    fg.link(href=site_url, rel="alternate")
    rss = fg.rss_str(pretty=True)
    return rss, atom


def _add_entry(
    fg: FeedGenerator, row: dict[str, Any], published: datetime | None, updated: datetime | None
) -> None:
    fe = fg.add_entry(order="append")
    fe.id(entry_id(row["id"]))
    fe.guid(entry_id(row["id"]), permalink=False)
    # Atom requires a title; an empty one would sink the whole file.
    fe.title(xml_safe(row.get("title") or "") or row["url"])
    fe.link(href=row["url"])
    if published:
        fe.published(published)
    if updated:
        fe.updated(updated)
    summary = xml_safe(row.get("summary") or "")
    if summary:
        fe.summary(summary)
        fe.description(summary)
    if row.get("body_html"):
        # type "html" (escaped text); feedgen writes type="CDATA" literally, which Atom forbids.
        fe.content(xml_safe(row["body_html"]), type="html")
    if row.get("author"):
        fe.author({"name": xml_safe(row["author"])})
        fe.dc.dc_creator(xml_safe(row["author"]))
    if row.get("category"):
        fe.category({"term": xml_safe(row["category"])})


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace *path* with *data* unless it already holds exactly these bytes."""
    if path.exists() and path.read_bytes() == data:
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


def build_feeds(
    db: str | Path,
    output: str | Path,
    *,
    limit: int = 100,
    site_url: str = DEFAULT_SITE_URL,
    specs: Iterable[FeedSpec] | None = None,
) -> BuildReport:
    """Build every feed from the database *db* into ``<output>/feeds``."""
    report = BuildReport()
    feeds_dir = Path(output) / "feeds"
    with ArticleStore(db) as store:
        for spec in specs if specs is not None else feed_specs(store):
            rows = store.newest(limit=limit, where=spec.where, params=spec.params)
            rss, atom = render(spec, rows, site_url=site_url)
            for suffix, data in ((".rss", rss), (".atom", atom)):
                path = feeds_dir / f"{spec.path}{suffix}"
                (report.written if write_if_changed(path, data) else report.unchanged).append(path)
    logger.info("feeds: %d written, %d unchanged", len(report.written), len(report.unchanged))
    return report
