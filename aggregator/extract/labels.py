"""The article's own tags and section, not the site's.

Real pages pad both: keyword metas carry the same site-wide list on every page (``tin tức``,
``báo điện tử``, the paper's name), Báo An Giang appends five site-wide tags to every article's tag
box, and a breadcrumb starts with the home link. Tags are the tag box's (or structured data's)
minus those; the category is the last breadcrumb entry that is not the home link, else
``article:section``, JSON-LD ``articleSection``, or the last BreadcrumbList item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from aggregator.text import caseless, clean_text

_TAG_SEPARATORS = re.compile(r"[,;]")
HOME_LABELS = frozenset({"trang chủ", "trang nhất", "home", "trang chu", "tin tức", "tin mới"})
# Words that only a site-wide keyword list carries; an article's own keywords name its subject.
SITEWIDE_WORDS = frozenset(
    {
        "tin tức",
        "báo điện tử",
        "tin nhanh",
        "tin mới",
        "cập nhật",
        "thời sự",
        "tin nóng",
        "rao vặt",
        "tin tức mới",
    }
)
MAX_ARTICLE_KEYWORDS = 12


def split_tags(values: Iterable[str | None]) -> list[str]:
    """Tags from comma-separated strings, cleaned of ``#`` marks, duplicates removed."""
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        for piece in _TAG_SEPARATORS.split(value or ""):
            tag = clean_text(piece).lstrip("#").strip()
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tags


def article_tags(
    shown: Sequence[str], *, sitewide: Iterable[str] = (), site_names: Iterable[str] = ()
) -> list[str]:
    """A tag box's tags without the site's own appended ones and without the paper's name."""
    banned = {caseless(t) for t in (*sitewide, *site_names) if t}
    tags: list[str] = []
    for value in shown:  # one tag per link: "Phòng, chống tham nhũng" is one tag
        tag = clean_text(value).lstrip("#").strip()
        if tag and caseless(tag) not in banned and caseless(tag) not in {caseless(t) for t in tags}:
            tags.append(tag)
    return tags


def keyword_tags(keywords: str | None, *, site_names: Iterable[str] = ()) -> list[str]:
    """Tags from a keywords meta, or none when the list is the site's own boilerplate."""
    tags = split_tags([keywords])
    names = {caseless(n) for n in site_names if n}
    looks_sitewide = len(tags) > MAX_ARTICLE_KEYWORDS or any(
        caseless(t) in SITEWIDE_WORDS or caseless(t) in names or any(n and n in caseless(t) for n in names)
        for t in tags
    )
    return [] if looks_sitewide else tags


def section(entries: Sequence[str]) -> str | None:
    """The last breadcrumb entry that is not the home link."""
    for entry in reversed(entries):
        text = clean_text(entry).strip(" >»/|")
        if text and caseless(text) not in HOME_LABELS:
            return text
    return None
