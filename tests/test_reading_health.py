"""``drift``, ``fallback`` and ``date_conflicts`` in ``baotinh stats``, from stored provenance."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import aggregator.store.schema
from aggregator.store import ArticleStore
from aggregator.store.health import source_health
from aggregator.store.reading_health import Thresholds, reading_figures, reading_flags, run_share

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
LIMITS = Thresholds(drift_drop=0.3, fallback_share=0.5, conflict_share=0.2, min_articles=5)
SELECTORS = {"title": "selector", "published": "selector", "body": "selector"}
CONFLICT = [{"source": "meta", "raw": "1/2/2026 3:00:00 PM", "value": "2026-01-02T15:00:00+07:00"}]


def article(article_id: str, source: str, provenance: dict[str, str], conflict: list | None = None) -> dict:
    return {
        "id": article_id,
        "url": f"https://x.vn/{article_id}",
        "source": source,
        "title": article_id,
        "body": "nội dung",
        "content_hash": article_id,
        "published": "2026-11-25T09:00:00+07:00",
        "provenance": json.dumps(provenance),
        "date_conflict": json.dumps(conflict) if conflict else None,
    }


def counters(articles: int, source: str) -> dict[str, int]:
    """A run's ``baotinh/field/…`` counters: every core field of every article from *source*."""
    return {f"baotinh/field/{name}/{source}": articles for name in ("title", "published", "body")}


def finished_run(store: ArticleStore, source: str, stats: dict[str, int]) -> None:
    run_id = store.start_run(source)
    store.finish_run(
        run_id,
        finish_reason="finished",
        pages=10,
        new=5,
        updated=0,
        unchanged=0,
        dropped=0,
        errors=0,
        stats=stats,
    )


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ArticleStore:
    monkeypatch.setattr(aggregator.store.schema, "utc_now", lambda: "2026-11-26T02:30:00+00:00")
    opened = ArticleStore(tmp_path / "a.db")
    # steady: selectors in every run; drifted: selectors, then fallbacks in the last run;
    # inferred: fallbacks all along; conflicted: selectors, but dates that disagree on a third.
    for source, before, last in (
        ("steady", "selector", "selector"),
        ("drifted", "selector", "jsonld"),
        ("inferred", "meta", "meta"),
        ("conflicted", "selector", "selector"),
    ):
        finished_run(opened, source, counters(10, before))
        finished_run(opened, source, counters(6, last))
        conflict = CONFLICT if source == "conflicted" else None
        rows = [
            article(f"{source}-{i}", source, SELECTORS, conflict if i % 3 == 0 else None) for i in range(9)
        ]
        opened.save_articles(rows)
    return opened


def flags_of(store: ArticleStore) -> dict[str, list[str]]:
    return {h.source: h.flags for h in source_health(store, now=NOW, limits=LIMITS)}


def test_steady_source_is_not_flagged(store: ArticleStore) -> None:
    assert flags_of(store)["steady"] == []


def test_a_source_whose_selectors_stopped_matching_drifts(store: ArticleStore) -> None:
    assert "drift" in flags_of(store)["drifted"]


def test_a_source_read_by_fallbacks_all_along_is_fallback_not_drift(store: ArticleStore) -> None:
    assert flags_of(store)["inferred"] == ["fallback"]


def test_a_source_with_disagreeing_dates_is_flagged(store: ArticleStore) -> None:
    assert flags_of(store)["conflicted"] == ["date_conflicts"]


def test_figures_behind_the_flags(store: ArticleStore) -> None:
    health = {h.source: h for h in source_health(store, now=NOW, limits=LIMITS)}
    figures = health["drifted"].reading
    assert (
        figures["articles_last_run"],
        figures["selector_share_last_run"],
        figures["selector_share_before"],
    ) == (
        6,
        0.0,
        1.0,
    )


def test_drift_needs_enough_articles_in_the_last_run() -> None:
    figures = {
        "articles_last_run": 4,
        "articles_before": 50,
        "articles_recent": 54,
        "selector_share_last_run": 0.0,
        "selector_share_before": 1.0,
        "selector_share_recent": 0.93,
        "articles_dated": 54,
        "date_conflict_share": 0.0,
    }
    assert reading_flags(figures, LIMITS) == []


@pytest.mark.parametrize(("last", "flagged"), [(0.71, False), (0.69, True)])
def test_drift_threshold(last: float, flagged: bool) -> None:
    figures = {
        "articles_last_run": 10,
        "articles_before": 10,
        "articles_recent": 20,
        "selector_share_last_run": last,
        "selector_share_before": 1.0,
        "selector_share_recent": 0.9,
        "articles_dated": 20,
        "date_conflict_share": 0.0,
    }
    assert ("drift" in reading_flags(figures, LIMITS)) is flagged


@pytest.mark.parametrize(("share", "flagged"), [(0.2, False), (0.25, True)])
def test_conflict_threshold(share: float, flagged: bool) -> None:
    figures = {
        "articles_last_run": 10,
        "articles_before": 10,
        "articles_recent": 20,
        "selector_share_last_run": 1.0,
        "selector_share_before": 1.0,
        "selector_share_recent": 1.0,
        "articles_dated": 20,
        "date_conflict_share": share,
    }
    assert ("date_conflicts" in reading_flags(figures, LIMITS)) is flagged


def test_runs_and_articles_without_provenance_count_for_nothing(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path / "old.db")
    store.save_articles([{**article("x1", "old", SELECTORS), "provenance": None}])
    finished_run(store, "old", {"item_scraped_count": 4})
    figures = reading_figures(store.db, "old")
    assert (figures["articles_recent"], figures["articles_dated"]) == (0, 0)


def test_run_share_counts_articles_read_by_selectors_in_every_core_field() -> None:
    stats = {
        **counters(10, "selector"),
        "baotinh/field/published/selector": 7,
        "baotinh/field/published/jsonld": 3,
    }
    assert run_share(stats) == (10, 7)


def test_thresholds_come_from_the_settings() -> None:
    limits = Thresholds.from_settings({"BAOTINH_DRIFT_DROP": "0.5", "BAOTINH_QUALITY_MIN_ARTICLES": "9"})
    assert (limits.drift_drop, limits.min_articles, limits.fallback_share) == (0.5, 9, 0.5)
