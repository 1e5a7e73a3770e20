"""Whether a source is still read right: drift, fallbacks and date conflicts from stored provenance.

Every run counts where each field of each article came from (``baotinh/field/<field>/<source>``
in its stats, kept in ``crawl_runs``), and every stored article keeps the dates that disagreed
(``date_conflict``). A site that changes its template does not stop a crawl: the fallbacks
(JSON-LD, metas, the generic extractor) take over, and only the share of articles read by the
platform's own selectors shows it. Three flags, beside ``silent`` and ``broken``:

``drift``           in the last run, the share of articles whose core fields (title, date, body)
                    came from the selectors fell more than ``BAOTINH_DRIFT_DROP`` below the source's
                    own level before that run;
``fallback``        over the recent articles, more than ``BAOTINH_FALLBACK_SHARE`` had a core field
                    from a fallback: the markup we inferred does not match the site;
``date_conflicts``  more than ``BAOTINH_CONFLICT_SHARE`` of the recent articles had dates that
                    disagreed on the page.

Each needs at least ``BAOTINH_QUALITY_MIN_ARTICLES`` articles to speak; the figures behind it are
returned too. Runs and articles from before provenance was kept count for nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aggregator.config import setting
from aggregator.items import CORE_FIELDS

# The runs before the last one that make a source's own level, and the newest articles whose
# date conflicts count.
RUNS = 5
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


def run_share(stats: dict[str, Any]) -> tuple[int, int]:
    """(articles, articles read by selectors) of one run, from its ``baotinh/field/…`` counters.

    An article counts as read by the selectors when all its core fields were; from per-field
    counters that is at most the smallest of the core fields' selector counts.
    """
    totals = [
        sum(v for k, v in stats.items() if k.startswith(f"baotinh/field/{name}/") and isinstance(v, int))
        for name in CORE_FIELDS
    ]
    articles = max(totals, default=0)
    selected = min(int(stats.get(f"baotinh/field/{name}/selector", 0)) for name in CORE_FIELDS)
    return articles, min(selected, articles)


def reading_figures(db: Any, source: str) -> dict[str, Any]:
    """Shares of articles read by selectors in the source's last run and the runs before; conflicts."""
    runs = [
        run_share(json.loads(stats or "{}"))
        for (stats,) in db.execute(
            "select stats from crawl_runs where source = ? and finished is not null order by id desc limit ?",
            (source, RUNS + 1),
        )
    ]
    runs = [run for run in runs if run[0]]  # runs that read no article say nothing
    last, before = runs[:1], runs[1:]
    rows = db.execute(
        "select date_conflict from articles where source = ? and provenance is not null "
        "order by first_seen desc limit ?",
        (source, WINDOW),
    ).fetchall()

    def share(subset: list[tuple[int, int]]) -> float | None:
        articles = sum(n for n, _ in subset)
        return round(sum(s for _, s in subset) / articles, 3) if articles else None

    return {
        "articles_last_run": sum(n for n, _ in last),
        "articles_before": sum(n for n, _ in before),
        "articles_recent": sum(n for n, _ in runs),
        "selector_share_last_run": share(last),
        "selector_share_before": share(before),
        "selector_share_recent": share(runs),
        "articles_dated": len(rows),
        "date_conflict_share": round(sum(1 for (c,) in rows if c) / len(rows), 3) if rows else None,
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
    if figures["articles_dated"] >= enough and conflicts is not None and conflicts > limits.conflict_share:
        flags.append("date_conflicts")
    return flags
