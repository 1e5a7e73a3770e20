"""What the publishing modules share: feed specs, entries, names and URLs of the feeds.

The feed builder, the OPML and the index page all speak of the same feeds and entries; their
types and the rules that name them (slugs, entry ids, feed URLs) live here, so the three import
this module and never each other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from aggregator.config import BY_NAME
from aggregator.text import fold, xml_safe

DEFAULT_SITE_URL: str = BY_NAME["BAOTINH_SITE_URL"].default

INDEX_ITEMS_PER_SOURCE = 20

# A longer body is cut (with a link to the paper): libxml2-based readers refuse a text node over
# 10 MB, and every poll of a combined feed would carry it.
MAX_CONTENT_CHARS = 200_000


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
    kind: str = "custom"  # all, source, province, category, topic, custom
    name: str = ""  # display name: the paper, province or category
    group: str = ""  # a source's province (the OPML groups by it)
    home: str = ""  # the HTML page of the slice, relative to the site URL (index.html filters)
    match: str = ""  # a topic: the FTS5 expression its articles match (``store.topics``)


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


def slugify(value: str) -> str:
    """ASCII slug for file names: ``Lạng Sơn`` → ``lang-son``, ``TP. Hồ Chí Minh`` → ``tp-ho-chi-minh``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-") or "khac"


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


@dataclass(slots=True)
class Built:
    """What one build read: the specs and, per spec, its entries (the OPML and index use them)."""

    specs: list[FeedSpec]
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    also: dict[str, dict[str, list[Member]]] = field(default_factory=dict)
    topics: set[str] = field(default_factory=set)  # every saved topic's slug, published or not
