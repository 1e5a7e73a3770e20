"""``output/health.html``: every source's health on one page people would rather look at than read.

Per source: its new articles per day over the last weeks as a bar strip (inline SVG, no scripts
from anywhere), the age of its newest article, its last run and every flag with the figure behind
it, flagged sources first. Built with the feeds from the same database snapshot; ages are counted
from the last run's end, so an unchanged database gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from aggregator.dates import VN_TZ
from aggregator.publish.site_index import environment
from aggregator.store import ArticleStore
from aggregator.store.health import SourceHealth, source_health

TITLE = "Tình trạng các nguồn tin"
DAYS = 28
BAR_HEIGHT = 22


def _as_of(store: ArticleStore) -> datetime:
    """The end of the newest run (else the newest article seen): the moment the page describes.

    Not the clock: an unchanged database gives the same page, byte for byte.
    """
    newest = None
    if store.db["crawl_runs"].exists():
        newest = store.db.execute("select max(coalesce(finished, started)) from crawl_runs").fetchone()[0]
    if newest is None:
        newest = store.db.execute("select max(last_seen) from articles").fetchone()[0]
    return datetime.fromisoformat(newest) if newest else datetime(2026, 1, 1, tzinfo=VN_TZ)


def _figure(flag: str, health: SourceHealth) -> str:
    """The number behind a flag, in a few words."""
    reading = health.reading
    if flag == "silent":
        return (
            f"bài mới nhất {_age(health.newest_age_hours)} trước"
            if health.newest_age_hours is not None
            else "chưa có bài"
        )
    if flag == "broken":
        return f"{health.last_run_pages} trang, 0 bài"
    if flag == "drift":
        return f"đọc đúng {_pct(reading.get('selector_share_last_run'))} (trước đó {_pct(reading.get('selector_share_before'))})"
    if flag == "fallback":
        return f"đọc đúng {_pct(reading.get('selector_share_recent'))} bài gần đây"
    if flag == "date_conflicts":
        return f"{_pct(reading.get('date_conflict_share'))} bài có ngày lệch nhau"
    return health.last_finish_reason or ""


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _age(hours: float | None) -> str:
    if hours is None:
        return "—"
    return f"{round(hours)} giờ" if hours < 48 else f"{round(hours / 24)} ngày"


def _bars(health: SourceHealth, as_of: datetime) -> list[tuple[str, int, int]]:
    first = (as_of.astimezone(VN_TZ) - timedelta(days=DAYS - 1)).date()
    days = [(first + timedelta(days=i)).isoformat() for i in range(DAYS)]
    counts = [health.new_per_day.get(day, 0) for day in days]
    top = max(counts) or 1
    return [
        (day, count, round(BAR_HEIGHT * count / top) if count else 0)
        for day, count in zip(days, counts, strict=True)
    ]


def health_rows(store: ArticleStore) -> tuple[datetime, list[dict[str, Any]]]:
    """The page's rows, flagged sources first, and the moment they describe."""
    as_of = _as_of(store)
    names = dict(store.db.execute("select source, max(source_name) from articles group by source").fetchall())
    rows = []
    for health in source_health(store, days=DAYS, now=as_of):
        last_run = datetime.fromisoformat(health.last_run).astimezone(VN_TZ) if health.last_run else None
        rows.append(
            {
                "source": health.source,
                "name": names.get(health.source) or health.source,
                "articles": health.articles,
                "bars": _bars(health, as_of),
                "new_total": sum(health.new_per_day.values()),
                "newest_age_hours": health.newest_age_hours,
                "newest_age": _age(health.newest_age_hours),
                "last_run": last_run.isoformat() if last_run else None,
                "last_run_shown": last_run.strftime("%d/%m/%Y %H:%M") if last_run else None,
                "last_finish_reason": health.last_finish_reason,
                "flags": [(flag, _figure(flag, health)) for flag in health.flags],
            }
        )
    rows.sort(key=lambda row: (not row["flags"], row["source"]))
    return as_of.astimezone(VN_TZ), rows


def render_health(store: ArticleStore) -> bytes:
    as_of, rows = health_rows(store)
    page = (
        environment()
        .get_template("health.html")
        .render(
            title=TITLE, rows=rows, days=DAYS, as_of=as_of, flagged=sum(1 for row in rows if row["flags"])
        )
    )
    return page.encode("utf-8")
