"""``baotinh stats``: the health of every source, from ``crawl_runs`` and ``articles``.

A scheduled crawler fails quietly: a site redesign yields zero articles, a paper stops publishing,
cron kills a run. Each source's line says when it last ran and how that ended, what it brought
lately, how old its newest article is, and flags the failures worth waking up for: ``silent``
(no new article for N days), ``broken`` (pages fetched but nothing extracted, where earlier runs
did extract), and the signs that a site is read wrong (``drift``, ``fallback``,
``date_conflicts``: see ``reading_health``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aggregator.dates import VN_TZ
from aggregator.store import ArticleStore, frontier, lock
from aggregator.store.reading_health import Thresholds, reading_figures, reading_flags


@dataclass(slots=True)
class SourceHealth:
    source: str
    articles: int = 0
    last_run: str | None = None
    last_finish_reason: str | None = None
    last_run_pages: int = 0
    last_run_new: int = 0
    last_run_dropped: int = 0
    last_run_errors: int = 0
    new_per_day: dict[str, int] = field(default_factory=dict)
    newest_article: str | None = None
    newest_age_hours: float | None = None
    # Articles earlier runs discovered but did not store or drop yet: the next run fetches them.
    owed: int = 0
    flags: list[str] = field(default_factory=list)
    # The figures behind drift / fallback / date_conflicts (see reading_health).
    reading: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def source_health(
    store: ArticleStore,
    sources: Iterable[str] = (),
    *,
    silent_days: float = 3.0,
    days: int = 7,
    now: datetime | None = None,
    limits: Thresholds | None = None,
) -> list[SourceHealth]:
    """Health of every source in the database plus *sources* (registered spiders never run)."""
    now = now or datetime.now(UTC)
    found: dict[str, SourceHealth] = {s: SourceHealth(s) for s in sources}
    for source, count, newest in store.db.execute(
        "select source, count(*), max(sort_time) from articles group by source"
    ):
        health = found.setdefault(source, SourceHealth(source))
        health.articles = count
        if newest:
            newest_at = datetime.fromisoformat(newest).replace(tzinfo=UTC)
            health.newest_article = newest_at.astimezone(VN_TZ).isoformat()
            health.newest_age_hours = round((now - newest_at).total_seconds() / 3600, 1)
    first_day = (now.astimezone(VN_TZ) - timedelta(days=days - 1)).date()
    for source, day, count in store.db.execute(
        "select source, date(first_seen, '+7 hours') as day, count(*) from articles "
        "where first_seen >= ? group by source, day",
        (datetime.combine(first_day, datetime.min.time(), tzinfo=VN_TZ).astimezone(UTC).isoformat(),),
    ):
        found.setdefault(source, SourceHealth(source)).new_per_day[day] = count
    _add_runs(store, found)
    for source, count in frontier.owed_per_source(store.db).items():
        found.setdefault(source, SourceHealth(source)).owed = count
    running = lock.is_held(store.path)
    limits = limits or Thresholds.from_settings()
    for health in found.values():
        health.flags = _flags(store, health, now=now, silent_days=silent_days, running=running)
        if health.last_run is not None:
            health.reading = reading_figures(store.db, health.source)
            health.flags += reading_flags(health.reading, limits)
    return sorted(found.values(), key=lambda h: h.source)


def _add_runs(store: ArticleStore, found: dict[str, SourceHealth]) -> None:
    rows = store.db.execute(
        "select source, started, finish_reason, pages, new, dropped, errors from crawl_runs "
        "where id in (select max(id) from crawl_runs group by source)"
    )
    for source, started, reason, pages, new, dropped, errors in rows:
        health = found.setdefault(source, SourceHealth(source))
        health.last_run = started
        health.last_finish_reason = reason or "interrupted"
        health.last_run_pages = pages or 0
        health.last_run_new = new or 0
        health.last_run_dropped = dropped or 0
        health.last_run_errors = errors or 0


def _flags(
    store: ArticleStore, health: SourceHealth, *, now: datetime, silent_days: float, running: bool
) -> list[str]:
    flags: list[str] = []
    if health.last_run is None:
        return ["never_run"]
    if health.last_finish_reason == "interrupted" and running:
        health.last_finish_reason = "running"  # a crawl holds the writer lock now: not a failure
    elif health.last_finish_reason not in ("finished",):
        flags.append(health.last_finish_reason or "interrupted")
    newest_new = store.db.execute(
        "select max(first_seen) from articles where source = ?", (health.source,)
    ).fetchone()[0]
    newest_at = _parse(newest_new)
    if newest_at is None or now - newest_at > timedelta(days=silent_days):
        flags.append("silent")
    recent = store.db.execute(
        "select pages, coalesce(new, 0) + coalesce(updated, 0) + coalesce(unchanged, 0), stats "
        "from crawl_runs where source = ? and finished is not null order by id desc limit 5",
        (health.source,),
    ).fetchall()
    if recent and _broken(recent):
        flags.append("broken")
    return flags


def _broken(runs: list[tuple[int, int, str]]) -> bool:
    """The last run fetched pages but extracted nothing, while an earlier run did extract."""
    pages, items, stats = runs[0]
    if not pages or items:
        return False
    counters = json.loads(stats or "{}")
    skipped = counters.get("baotinh/incremental/skipped_known", 0)
    listing_pages = counters.get("baotinh/listing/pages", 0)
    empty = counters.get("baotinh/listing/empty", 0)
    content_drops = sum(
        counters.get(f"baotinh/drop/{r}", 0) for r in ("no_title", "no_body", "extraction_error")
    )
    if skipped and not content_drops and not (listing_pages and empty == listing_pages):
        return False  # nothing new is normal for an incremental run that saw known links
    return any(earlier_items for _, earlier_items, _ in runs[1:])
