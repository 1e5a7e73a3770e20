"""``baotinh verify``: does a spider read its site right? Where every field came from, per spider.

Most spiders rest on markup inferred from other crawlers' configurations, and sites change their
templates without notice; a spider whose selectors miss still stores what the fallbacks find. This
runs each spider's own discovery on the site (live, or under ``MIRROR``), reads up to N articles
through the same reader and Normalize step as a crawl, stores nothing, and counts per field how
many articles got it from the platform's selectors, from a fallback (JSON-LD, metas, ``<time>``,
text rules, the generic extractor) or not at all. The verdict per spider:

``ok``           the core fields (title, date, body) come from the selectors;
``fallback``     a core field comes mostly from fallbacks: the markup we inferred is wrong;
``broken``       a core field is mostly missing;
``unreachable``  no article page could be read (the site, its feeds or listings failed).

The crawl is as polite as any (robots.txt, AutoThrottle, the project's User-Agent).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from itemadapter import ItemAdapter

from aggregator.items import CORE_FIELDS

FIELDS = ("title", "published", "author", "dateline", "summary", "body", "category", "tags", "image_url")
CORE = CORE_FIELDS
VERDICTS = ("ok", "fallback", "broken", "unreachable")
# A core field read by fallbacks (or missing) in more than this share of articles decides.
SHARE = 0.5
# Readings collected in this process, by spider name (the collector pipeline fills them).
READINGS: dict[str, list[dict[str, Any]]] = {}


class VerifyCollector:
    """Item pipeline of a verify run: keeps what was read, stores nothing."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> VerifyCollector:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        article = ItemAdapter(item)
        READINGS.setdefault(self.crawler.spider.name, []).append(
            {
                "url": article.get("url"),
                "provenance": dict(article.get("provenance") or {}),
                "date_conflict": list(article.get("date_conflict") or []),
                "fields": {name: article.get(name) for name in FIELDS},
            }
        )
        return item


def crawl_settings(articles: int) -> dict[str, Any]:
    """Settings of a verify crawl: the reader and Normalize, no database, stop after N articles."""
    return {
        "ITEM_PIPELINES": {
            "aggregator.pipelines.NormalizePipeline": 100,
            "aggregator.run.verify.VerifyCollector": 200,
        },
        "SPIDER_MIDDLEWARES": {"aggregator.run.incremental.IncrementalMiddleware": None},
        "DOWNLOADER_MIDDLEWARES": {
            "aggregator.run.conditional.ConditionalRequestsMiddleware": None,
            "aggregator.extract.parse.StrayEndTagsMiddleware": 580,
        },
        "EXTENSIONS": {"aggregator.run.extensions.FeedsOnClose": None},
        "CLOSESPIDER_ITEMCOUNT": articles,
        "BAOTINH_FEEDS_ON_CLOSE": False,
        "LOG_LEVEL": "CRITICAL",
    }


@dataclass(slots=True)
class SpiderReport:
    """What a verify run found for one spider."""

    spider: str
    verdict: str
    articles: int
    sources: dict[str, dict[str, int]] = field(default_factory=dict)  # field -> selector/fallback/missing
    date_conflicts: int = 0
    median_body_chars: int = 0
    sample: dict[str, Any] = field(default_factory=dict)
    pages: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "spider": self.spider,
            "verdict": self.verdict,
            "articles": self.articles,
            "pages": self.pages,
            "fields": self.sources,
            "date_conflicts": self.date_conflicts,
            "median_body_chars": self.median_body_chars,
            "sample": self.sample,
        }


def report(
    spider: str, readings: Sequence[dict[str, Any]], stats: dict[str, Any], articles: int | None = None
) -> SpiderReport:
    """Counts and verdict of one spider's readings (the first *articles* of them)."""
    readings = list(readings)[:articles] if articles else list(readings)
    pages = int(stats.get("downloader/response_status_count/200", 0))
    sources = {name: {"selector": 0, "fallback": 0, "missing": 0} for name in FIELDS}
    for reading in readings:
        for name in FIELDS:
            sources[name][_kind(reading, name)] += 1
    bodies = [len(r["fields"].get("body") or "") for r in readings]
    found = SpiderReport(
        spider=spider,
        verdict=verdict(sources, len(readings)),
        articles=len(readings),
        sources=sources,
        date_conflicts=sum(1 for r in readings if r["date_conflict"]),
        median_body_chars=int(statistics.median(bodies)) if bodies else 0,
        sample=_sample(readings[0]) if readings else {},
        pages=pages,
    )
    return found


def _kind(reading: dict[str, Any], name: str) -> str:
    value = reading["fields"].get(name)
    if value in (None, "", []):
        return "missing"
    return "selector" if reading["provenance"].get(name) == "selector" else "fallback"


def verdict(sources: dict[str, dict[str, int]], articles: int) -> str:
    """``unreachable`` without articles; ``broken`` / ``fallback`` by the core fields' shares."""
    if not articles:
        return "unreachable"
    if any(sources[name]["missing"] > SHARE * articles for name in CORE):
        return "broken"
    if any(sources[name]["selector"] < (1 - SHARE) * articles for name in CORE):
        return "fallback"
    return "ok"


def _sample(reading: dict[str, Any]) -> dict[str, Any]:
    fields = dict(reading["fields"])
    for name, value in fields.items():
        if hasattr(value, "isoformat"):
            fields[name] = value.isoformat()
        elif isinstance(value, str) and len(value) > 120:
            fields[name] = value[:117] + "…"
    return {"url": reading["url"], **fields}


def table(reports: Sequence[SpiderReport]) -> str:
    """One block per spider: fields by source, conflicts, body length, sample, verdict."""
    lines: list[str] = []
    for found in reports:
        lines.append(f"{found.spider}: {found.verdict} ({found.articles} articles, {found.pages} pages)")
        if found.articles:
            lines.append(f"  {'field':<10} {'selector':>8} {'fallback':>8} {'missing':>8}")
            for name in FIELDS:
                counts = found.sources[name]
                lines.append(
                    f"  {name:<10} {counts['selector']:>8} {counts['fallback']:>8} {counts['missing']:>8}"
                )
            lines.append(
                f"  date conflicts: {found.date_conflicts}; median body: {found.median_body_chars} chars"
            )
            sample = found.sample
            lines.append(f"  first: {sample.get('url')}")
            for name in ("title", "published", "author"):
                lines.append(f"    {name}: {sample.get(name)}")
        lines.append("")
    verdicts = [found.verdict for found in reports]
    lines.append(", ".join(f"{v}: {verdicts.count(v)}" for v in VERDICTS if verdicts.count(v)))
    return "\n".join(lines)
