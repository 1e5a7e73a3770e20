"""Normalize: canonical URL and id, clean text, and what the reader left to do for other items."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter

from aggregator.dates import VN_TZ, parse_vn_date
from aggregator.extract.body import split_body, split_lead_dateline
from aggregator.extract.people import read_byline
from aggregator.pipelines.base import CrawlerPipeline, no_count
from aggregator.text import clean_text
from aggregator.urls import article_id, canonical_url, choose_canonical

logger = logging.getLogger(__name__)


def content_hash(title: str, body: str) -> str:
    """Hash of the normalized title and body: equal content, equal hash, whatever the URL."""
    digest = hashlib.sha1(f"{title}\n\n{body}".casefold().encode("utf-8"))
    return digest.hexdigest()


class NormalizePipeline(CrawlerPipeline):
    """Clean text, split dateline/byline/captions from the body, parse dates, canonical URL."""

    def process_item(self, item: Any) -> Any:
        profile = getattr(self.crawler.spider, "profile", None)
        markers = profile.dateline_markers if profile is not None else ()
        normalize_article(ItemAdapter(item), dateline_markers=markers, count=self.inc)
        return item


def normalize_article(
    article: ItemAdapter, *, dateline_markers: tuple[str, ...] = (), count: Callable[[str], Any] = no_count
) -> None:
    """Derive the clean fields of *article* in place (also used by ``baotinh extract``).

    An item from the reader (``aggregator.extract``) arrives read: its body split, its date
    arbitrated. An item built another way (a custom spider filling raw fields only) gets the same
    body splitting and date parsing here. Either way the URL becomes canonical, the text clean,
    and date conflicts are counted per source.
    """
    fetched = article.get("url") or ""
    canonical = choose_canonical(fetched, article.get("canonical_url")) if fetched else ""
    seen = [*(article.get("alias_urls") or []), fetched]
    article["alias_urls"] = sorted({u for u in seen if u and canonical_url(u) != canonical})
    article["url"] = canonical
    article["id"] = article_id(canonical) if canonical else None

    clean: dict[str, str | None] = {}
    for key in _TEXT_FIELDS:
        clean[key] = article[key] = clean_text(article.get(key)) or None
    category = clean["category"]
    if category and category.isupper():
        article["category"] = category.capitalize()  # "THỜI SỰ" → "Thời sự"
    article["tags"] = [t for t in (clean_text(t) for t in article.get("tags") or []) if t]

    if article.get("body") is None:
        _split_raw_body(article, clean, dateline_markers, count)
    body = article["body"]
    if article.get("published") is None:
        article["published"] = _parse_date(clean["published_raw"], "published", count)
    elif not isinstance(article["published"], datetime):
        article["published"] = _aware(article["published"])
    if article.get("modified") is None:
        article["modified"] = _parse_date(clean["modified_raw"], "modified", count)
    elif not isinstance(article["modified"], datetime):
        article["modified"] = _aware(article["modified"])
    for conflict in article.get("date_conflict") or ():
        count(f"date/conflict/{conflict.get('source', 'unknown')}")
    for field, source in (article.get("provenance") or {}).items():
        count(f"field/{field}/{source}")
    article["content_hash"] = content_hash(clean["title"] or "", body)


def _split_raw_body(
    article: ItemAdapter, clean: dict[str, str | None], markers: tuple[str, ...], count: Callable[[str], Any]
) -> None:
    """Body, dateline and byline of an item that did not come through the reader."""
    parts = split_body(
        article.get("body_html") or "",
        base_url=article.get("base_url") or article.get("url"),
        dateline_markers=markers,
        repeated=(clean["title"], clean["summary"]),
    )
    article["body"] = parts.text
    article["body_html"] = parts.html
    article["dateline"] = clean["dateline"] or parts.dateline
    if not clean["author"] and parts.byline:
        byline = read_byline(parts.byline)
        article["author"] = byline.author
        article["credit"] = clean["credit"] or byline.credit
        count("author/from_byline")
    summary = clean["summary"]
    if summary:  # the sapo opens with the dateline ("(Baonghean.vn) - Từ tháng 4…")
        lead_dateline, rest = split_lead_dateline(summary, markers)
        if lead_dateline and rest:
            article["summary"] = rest
            article["dateline"] = article["dateline"] or lead_dateline


def _aware(value: Any) -> datetime | None:
    """A stored ISO string (an item that crossed a queue) as an aware datetime."""
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=VN_TZ)


_TEXT_FIELDS = (
    "title",
    "summary",
    "author",
    "credit",
    "category",
    "dateline",
    "published_raw",
    "modified_raw",
    "source_name",
    "province",
)


def _parse_date(raw: str | None, kind: str, count: Callable[[str], Any]) -> Any:
    if not raw:
        count(f"date/{kind}_missing")
        return None
    parsed = parse_vn_date(raw)
    if parsed is None:
        count(f"date/{kind}_unparsed")
        logger.info("could not read %s date %r", kind, raw)
        return None
    if parsed.weekday_mismatch:
        count("date/weekday_mismatch")
    return parsed.value
