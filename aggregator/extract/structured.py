"""What a page's structured data says: JSON-LD, OpenGraph, ``<meta>``, inline-script dates.

Platform selectors know where a CMS prints things; these fallbacks know where the web at large
puts them. The reader asks the profile's selectors first and this module for whatever they miss,
so a redesign that breaks one selector degrades an article instead of dropping it. Every value
keeps the kind of source it came from (``jsonld`` or ``meta``), because the date arbiter and the
field provenance need it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from parsel import Selector

from aggregator.extract.labels import split_tags
from aggregator.text import clean_text

_ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "BlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "LiveBlogPosting",
        "WebPage",
    }
)
_JSON_CONTROL = re.compile(r"[\x00-\x1f]")
# Inline scripts that hand the article's date to analytics: ``item_published_time = "…"``.
_SCRIPT_DATE = re.compile(r"""\b\w*publish\w*_?(?:time|date)\w*\s*[=:]\s*["']([^"']{8,40})["']""", re.I)
# Date metas, in order of trust (the arbiter decides; the order only breaks exact ties).
_DATE_METAS = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "date",
    "og:published_time",
)
# The text nodes of a JSON-LD ``<script>``, as ``//script[…]/text()`` gives them (plain strings).
_CHILD_TEXTS = etree.XPath("text()", smart_strings=False)


@dataclass(slots=True)
class _Structured:
    """The elements the metadata comes from, found in one walk of the tree."""

    metas: list[etree._Element] = field(default_factory=list)
    canonicals: list[str] = field(default_factory=list)  # ``//link[@rel="canonical"]/@href``
    jsonld: list[str] = field(default_factory=list)  # ``//script[@type="application/ld+json"]/text()``
    script_dates: list[str] = field(default_factory=list)  # ``item_published_time = "…"`` values


def _structured(root: etree._Element) -> _Structured:
    """``<meta>``s, canonical links and JSON-LD texts, in page order.

    One C-level walk for the three element names instead of one walk (or XPath query) each:
    the walk, not the few matches, is what costs on every page. *root* is a page's root element
    (callers pass ``response.selector``), where the walk and ``//…`` see the same elements.
    """
    found = _Structured()
    for node in root.iter("meta", "link", "script"):
        if node.tag == "meta":
            found.metas.append(node)
        elif node.tag == "link":
            href = node.get("href") if node.get("rel") == "canonical" else None
            if href is not None:
                found.canonicals.append(href)
        elif node.get("type") == "application/ld+json":
            found.jsonld.extend(_CHILD_TEXTS(node))
        elif node.get("src") is None:
            for text in _CHILD_TEXTS(node):
                if "ublish" in text:
                    found.script_dates.extend(_SCRIPT_DATE.findall(text))
    return found


def _jsonld_objects(texts: Iterable[str]) -> list[dict[str, Any]]:
    """Every JSON-LD object of the blocks, ``@graph`` and lists flattened; broken blocks skipped."""
    found: list[dict[str, Any]] = []
    for raw in texts:
        try:
            data = json.loads(_JSON_CONTROL.sub(" ", raw))
        except ValueError:
            continue
        found.extend(_flatten(data))
    return found


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _flatten(entry)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _flatten(data["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    return set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()


def _names(value: Any) -> list[str]:
    """Names from a JSON-LD person/organization value in any of its shapes."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for entry in value for name in _names(entry)]
    return []


def _url_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _url_of(value.get("url") or value.get("@id"))
    if isinstance(value, list) and value:
        return _url_of(value[0])
    return None


def _meta_map(metas: Iterable[etree._Element]) -> dict[str, list[str]]:
    """All ``<meta>`` contents keyed by lowercased name/property/itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for node in metas:
        content = node.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = node.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(content)
    return found


@dataclass(slots=True)
class Metadata:
    """What the page's structured data says about the article, as raw strings."""

    title: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    canonical: str | None = None
    image: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    author: list[str] = field(default_factory=list)
    category: list[tuple[str, str]] = field(default_factory=list)  # (source, section)
    tags: list[str] = field(default_factory=list)  # article:tag and JSON-LD keywords
    keywords: str | None = None  # the keywords meta, often a site-wide list
    dates: list[tuple[str, str]] = field(default_factory=list)  # (source, raw) for the arbiter
    publishers: list[str] = field(default_factory=list)  # the publisher's names (never an author)
    site_name: str | None = None
    og_type: str | None = None
    is_news_article: bool = False


def extract_metadata(sel: Selector | etree._Element) -> Metadata:
    """Collect the page's structured metadata in order of trust (JSON-LD, meta, OpenGraph).

    *sel* is a page's Selector or its root element.
    """
    structured = _structured(sel.root if isinstance(sel, Selector) else sel)
    meta = _meta_map(structured.metas)
    first = {key: values[0] for key, values in meta.items()}
    found = Metadata(site_name=first.get("og:site_name"), og_type=first.get("og:type"))
    objects = _jsonld_objects(structured.jsonld)
    article = next((o for o in objects if _types(o) & _ARTICLE_TYPES - {"WebPage"}), None)
    breadcrumb = next((o for o in objects if "BreadcrumbList" in _types(o)), None)
    found.is_news_article = article is not None
    article = article or {}

    found.title = _present(
        first.get("og:title"), article.get("headline"), article.get("name"), first.get("twitter:title")
    )
    found.summary = _present(
        first.get("description"),
        first.get("og:description"),
        article.get("description"),
        first.get("twitter:description"),
    )
    found.canonical = _first_of(structured.canonicals) or first.get("canonical") or first.get("og:url")
    found.image = _present(first.get("og:image"), _url_of(article.get("image")), first.get("twitter:image"))
    jsonld_date = str(article["datePublished"]) if article.get("datePublished") else None
    found.dates = [("jsonld", jsonld_date)] if jsonld_date else []
    found.dates += [("meta", first[name]) for name in _DATE_METAS if first.get(name)]
    found.dates += [("script", value) for value in structured.script_dates[:2]]
    found.modified = _present(
        first.get("article:modified_time"),
        first.get("datemodified"),
        str(article["dateModified"]) if article.get("dateModified") else None,
        first.get("og:updated_time"),
        first.get("lastmod"),
    )
    found.publishers = _present(*_names(article.get("publisher")), found.site_name)
    authors = [*_names(article.get("author")), *meta.get("dable:author", []), *meta.get("author", [])]
    found.author = _present(*authors)
    crumbs = [
        _names(item.get("item")) or _names(item)
        for item in (breadcrumb or {}).get("itemListElement", [])
        if isinstance(item, dict)
    ]
    found.category = [("meta", v) for v in _present(first.get("article:section"))]
    found.category += [("jsonld", v) for v in _present(_first_str(article.get("articleSection")))]
    found.category += [("jsonld", c[0]) for c in crumbs[-1:] if c]
    found.tags = split_tags([*meta.get("article:tag", []), *_as_list(article.get("keywords"))])
    found.keywords = first.get("news_keywords") or first.get("keywords")
    return found


def _present(*values: Any) -> list[str]:
    """The non-empty values, cleaned, without repeats, in the given order."""
    seen: list[str] = []
    for value in values:
        if isinstance(value, str):
            text = clean_text(value)
            if text and text not in seen:
                seen.append(text)
    return seen


def _first_of(values: list[str]) -> str | None:
    return values[0] if values else None


def _first_str(value: Any) -> str | None:
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) else None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
