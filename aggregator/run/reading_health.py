"""Whether a source is still read right: drift, fallbacks and date conflicts from stored provenance.

Every stored article keeps where its fields came from (``provenance``) and the dates that
disagreed (``date_conflict``). A site that changes its template does not stop a crawl: the
fallbacks (JSON-LD, metas, the generic extractor) take over, and only the share of articles read
by the platform's own selectors shows it. Three flags, beside ``silent`` and ``broken``:

``drift``           in the last run, the share of articles whose core fields (title, date, body)
                    came from the selectors fell more than ``BAOTINH_DRIFT_DROP`` below the source's
                    own level before that run;
``fallback``        over the recent articles, more than ``BAOTINH_FALLBACK_SHARE`` had a core field
                    from a fallback: the markup we inferred does not match the site;
``date_conflicts``  more than ``BAOTINH_CONFLICT_SHARE`` of the recent articles had dates that
                    disagreed on the page.

Each needs at least ``BAOTINH_QUALITY_MIN_ARTICLES`` articles to speak; the figures behind it are
returned too. Articles stored before provenance was kept count for nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aggregator.config import setting
from aggregator.extract.reader import CORE_FIELDS

# How many of a source's newest articles count as "recent".
WINDOW = 200


@dataclass(frozen=True, slots=True)
class Thresholds:
    drift_drop: float
    fallback_share: float
    conflict_share: float
    min_articles: int

    @classmethod
    def from_settings(cls, settings: Any = None) -> Thresholds:
        """The ``BAOTINH_*`` thresholds (Scrapy settings, else the environment, else the defaults)."""
        return cls(
            drift_drop=setting(settings, "BAOTINH_DRIFT_DROP"),
            fallback_share=setting(settings, "BAOTINH_FALLBACK_SHARE"),
            conflict_share=setting(settings, "BAOTINH_CONFLICT_SHARE"),
            min_articles=setting(settings, "BAOTINH_QUALITY_MIN_ARTICLES"),
        )


def read_from_selectors(provenance: dict[str, str]) -> bool:
    """Whether the article's core fields all came from the platform's selectors."""
    return all(provenance.get(name) == "selector" for name in CORE_FIELDS)


def reading_figures(db: Any, source: str, last_run_started: str | None) -> dict[str, Any]:
    """Shares of the source's recent articles read by selectors (last run, before) and in conflict."""
    rows = db.execute(
        "select first_seen, provenance, date_conflict from articles where source = ? and provenance is not null "
        "order by first_seen desc limit ?",
        (source, WINDOW),
    ).fetchall()
    last = [r for r in rows if last_run_started and r[0] >= last_run_started]
    before = [r for r in rows if not (last_run_started and r[0] >= last_run_started)]

    def share(subset: list[Any]) -> float | None:
        if not subset:
            return None
        return round(sum(read_from_selectors(json.loads(r[1])) for r in subset) / len(subset), 3)

    return {
        "articles_last_run": len(last),
        "articles_before": len(before),
        "articles_recent": len(rows),
        "selector_share_last_run": share(last),
        "selector_share_before": share(before),
        "selector_share_recent": share(rows),
        "date_conflict_share": round(sum(1 for r in rows if r[2]) / len(rows), 3) if rows else None,
    }


def reading_flags(figures: dict[str, Any], limits: Thresholds) -> list[str]:
    """``drift``, ``fallback`` and ``date_conflicts`` as the figures and thresholds say."""
    flags = []
    enough = limits.min_articles
    last, before = figures["selector_share_last_run"], figures["selector_share_before"]
    if (
        figures["articles_last_run"] >= enough
        and figures["articles_before"] >= enough
        and last is not None
        and before is not None
        and last < before - limits.drift_drop
    ):
        flags.append("drift")
    recent = figures["selector_share_recent"]
    if figures["articles_recent"] >= enough and recent is not None and 1 - recent > limits.fallback_share:
        flags.append("fallback")
    conflicts = figures["date_conflict_share"]
    if figures["articles_recent"] >= enough and conflicts is not None and conflicts > limits.conflict_share:
        flags.append("date_conflicts")
    return flags
