"""The one reader of an article page: URL + parsed page + platform profile → fields with provenance.

Every spider, the generic one and ``baotinh extract`` call :func:`read_article`. It reads
everything outside the body first (a byline box, the date line or the sapo may sit inside the
body container, and cleaning the body edits the tree), then the body. For each field it notes
where the value came from:

``selector``  the platform profile's CSS selector (the markup we know);
``jsonld``    JSON-LD structured data;
``meta``      ``<meta>`` tags (OpenGraph, ``article:*``, ``author``, keywords);
``time``      a ``<time datetime>`` / ``itemprop=datePublished`` attribute;
``text``      the page's text read by rule (a byline closing the body, a dateline, a date line
              near the title, the ``<title>``, a script value, the URL's date folder);
``generic``   the generic main-text extractor (no profile selector matched the body).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from aggregator.dates import parse_vn_date
from aggregator.extract import generic_body, labels
from aggregator.extract.arbiter import DateChoice, read_candidates
from aggregator.extract.body import split_body, split_lead_dateline
from aggregator.extract.people import choose_byline
from aggregator.extract.profile import ALWAYS_DROP, GENERIC, Profile
from aggregator.extract.select import (
    all_texts,
    compiled_css,
    compiled_xpath,
    drop_element,
    first_text,
    matches,
    node_texts,
    texts_of,
)
from aggregator.extract.structured import Metadata, extract_metadata
from aggregator.text import clean_text

_IMAGE_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")
_URL_DAY = re.compile(r"/(20\d\d)[/-](0[1-9]|1[0-2])[/-]([0-2]\d|3[01])/")
_EMBEDDED_URL = re.compile(r".(https?://.+)$")  # "/filehttp://host/…": a URL glued behind a prefix


@dataclass(slots=True)
class Reading:
    """What one article page says, each field with the source it came from (``sources``)."""

    title: str | None = None
    summary: str | None = None
    body: str = ""
    body_html: str = ""
    author: str | None = None
    credit: str | None = None
    dateline: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    canonical_url: str | None = None
    published: datetime | None = None
    published_raw: str | None = None
    modified: datetime | None = None
    modified_raw: str | None = None
    date_conflict: list[dict[str, str]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    meta: Metadata | None = None

    def note(self, name: str, value: Any, source: str | None) -> Any:
        """Set a field and remember its source (nothing is noted for an empty value)."""
        setattr(self, name, value)
        if value and source:
            self.sources[name] = source
        return value


def read_article(
    root: etree._Element,
    url: str,
    profile: Profile = GENERIC,
    *,
    base_url: str | None = None,
    feed_date: str | None = None,
    site_names: tuple[str, ...] = (),
    now: datetime | None = None,
    meta: Metadata | None = None,
) -> Reading:
    """Read the page rooted at *root* (a parsed page: Scrapy's ``response.selector.root``).

    The tree is edited (the body is cut out and cleaned): parse the page once per reading.
    """
    meta = meta or extract_metadata(root)
    reading = Reading(meta=meta)
    names = (*site_names, *meta.publishers)
    # Everything outside the body first: reading the body edits the tree.
    _read_title(reading, root, profile, meta)
    printed_summary = first_text(root, profile.summary)
    printed_authors = [("selector", text) for text in texts_of(root, profile.author)]
    _read_category(reading, root, profile, meta)
    _read_tags(reading, root, profile, meta, names)
    published = _date_candidates(root, profile, meta, url, reading.title)
    published += [("feed", feed_date)] if feed_date else []
    modified = [("meta", raw) for raw in meta.modified] + [
        ("selector", t) for t in texts_of(root, profile.modified)
    ]
    body_bylines = _read_body(reading, root, url, profile, printed_summary, base_url or url)
    byline, author_source = choose_byline(
        [*printed_authors, *body_bylines, *(("meta", text) for text in meta.author)], publishers=names
    )
    reading.note("author", byline.author, author_source)
    reading.note("credit", byline.credit, "text")
    _apply_dates(reading, read_candidates(published, now=now), read_candidates(modified, now=now))
    reading.note("canonical_url", meta.canonical, "meta")
    return reading


def _read_body(
    reading: Reading,
    root: etree._Element,
    url: str,
    profile: Profile,
    printed_summary: str | None,
    base_url: str,
) -> list[tuple[str, str | None]]:
    """Body, captions, dateline, sapo and lead image; returns the bylines the body gave."""
    meta = reading.meta or Metadata()
    found = _body_container(root, url, profile, reading.title, printed_summary or _first(meta.summary))
    summary = printed_summary or found.lead or _first(meta.summary)
    parts = split_body(
        found.body if found.body is not None else "",
        base_url=base_url,
        dateline_markers=profile.dateline_markers,
        repeated=(reading.title, printed_summary or found.lead),
    )
    reading.body, reading.body_html, reading.captions = parts.text, parts.html, parts.captions
    if parts.paragraphs:
        reading.sources["body"] = found.source
    reading.note("dateline", parts.dateline, "text")
    if summary:  # the sapo opens with the dateline ("(Baonghean.vn) - Từ tháng 4…")
        lead_dateline, rest = split_lead_dateline(summary, profile.dateline_markers)
        if lead_dateline and rest:
            summary = rest
            reading.note("dateline", reading.dateline or lead_dateline, "text")
    reading.note("summary", summary, "selector" if printed_summary or found.lead else "meta")
    image_source = "meta" if meta.image else found.source
    reading.note("image_url", _image(meta, found.body, url, base_url), image_source)
    return [("text", parts.byline), ("text", found.byline)]


def _read_title(reading: Reading, root: etree._Element, profile: Profile, meta: Metadata) -> None:
    printed = first_text(root, profile.title)
    if printed:
        reading.note("title", printed, "selector")
    elif meta.title:
        reading.note("title", meta.title[0], "meta")
    else:
        head = clean_text(_first([t for t in (" ".join(node_texts(e)) for e in root.iter("title")) if t]))
        reading.note("title", re.sub(profile.title_suffix, "", head) or None, "text")


def _read_category(reading: Reading, root: etree._Element, profile: Profile, meta: Metadata) -> None:
    for css in profile.category:
        entry = labels.section(all_texts(root, css))
        if entry:
            reading.note("category", entry, "selector")
            return
    for source, entry in meta.category:
        named = labels.section([entry])
        if named:
            reading.note("category", named, source)
            return


def _read_tags(
    reading: Reading, root: etree._Element, profile: Profile, meta: Metadata, names: tuple[str, ...]
) -> None:
    shown = [text for css in profile.tags for text in all_texts(root, css)]
    if shown:
        tags = labels.article_tags(shown, sitewide=profile.sitewide_tags, site_names=names)
        reading.note("tags", tags, "selector")
    elif meta.tags:
        reading.note("tags", labels.article_tags(meta.tags, site_names=names), "meta")
    else:
        reading.note("tags", labels.keyword_tags(meta.keywords, site_names=names), "meta")


def _date_candidates(
    root: etree._Element, profile: Profile, meta: Metadata, url: str, title: str | None
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for text in texts_of(root, profile.date):  # alternatives: the first readable one is the date line
        found.append(("selector", text))
        if parse_vn_date(text) is not None:
            break
    if not profile.date:  # a page no profile knows: the date printed nearest the title
        found = [("text", text) for text in generic_body.visible_dates(root, title=title, limit=1)]
    found += meta.dates
    found += [
        ("time", t) for t in matches(compiled_css("[itemprop=datePublished]::attr(datetime)"), root)[:1]
    ]
    day = _URL_DAY.search(url.split("?", 1)[0])
    if day:
        found.append(("url", "{}-{}-{}".format(*day.groups())))
    return found


def _apply_dates(reading: Reading, published: DateChoice, modified: DateChoice) -> None:
    # The printed date line that agrees counts as the source: its seconds may come from elsewhere.
    source = "selector" if "selector" in published.backed_by else _date_source(published.source)
    reading.note("published", published.value, source)
    reading.published_raw = published.raw
    reading.date_conflict = published.conflicts
    reading.note("modified", modified.value, _date_source(modified.source))
    reading.modified_raw = modified.raw


def _date_source(source: str | None) -> str | None:
    """Arbiter sources as field provenance: scripts, URLs and feeds are text read by rule."""
    return {"script": "text", "url": "text", "feed": "text"}.get(source or "", source)


@dataclass(slots=True)
class _Body:
    body: Any  # the container element, generic HTML, or None
    source: str  # "selector" or "generic"
    lead: str | None = None  # the sapo printed as the body's first paragraph
    byline: str | None = None  # the byline the generic reading took out near the title


def _body_container(
    root: etree._Element, url: str, profile: Profile, title: str | None, summary: str | None
) -> _Body:
    """The profile's body container cleaned of furniture, or else the generic reading's body."""
    for css in profile.body:
        found = matches(compiled_css(css), root)
        if not found or not clean_text(" ".join(node_texts(found[0]))):
            continue
        body = found[0]
        for junk in (profile.body_drop, profile.header, ALWAYS_DROP):
            if junk:
                for element in matches(compiled_css(junk), body):
                    if element is not body and element.getparent() is not None:
                        drop_element(element)
        return _Body(body, "selector", lead=_take_lead(body, profile))
    page = copy.deepcopy(root)
    byline = generic_body.take_byline(page, title=title, site_name=None)
    html, _chars = generic_body.extract_body(page, url=url, title=title, summary=summary)
    return _Body(html or None, "generic", byline=byline)


def _take_lead(body: etree._Element, profile: Profile) -> str | None:
    """The sapo printed as the body's first paragraph, removed from the body."""
    if not profile.body_summary_xpath:
        return None
    found = matches(compiled_xpath(profile.body_summary_xpath), body)[:1]
    if not found:
        return None
    text = clean_text(" ".join(node_texts(found[0])))
    drop_element(found[0])
    return text or None


def _image(meta: Metadata, body: Any, url: str, base_url: str) -> str | None:
    if meta.image:
        value = meta.image[0]
        glued = _EMBEDDED_URL.search(value) if not value.startswith("http") else None
        return glued.group(1) if glued else urljoin(url, value)
    if isinstance(body, etree._Element):
        for img in body.iter("img"):  # lazy-loaded images: a data: placeholder in src
            for attr in _IMAGE_ATTRS:
                src = (img.get(attr) or "").strip()
                if src and not src.startswith("data:"):
                    return urljoin(base_url, src)
    return None


def _first(values: list[str]) -> str | None:
    return values[0] if values else None
