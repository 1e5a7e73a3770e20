"""``baotinh stats``: last run, new per day, newest age, and the silent/broken flags."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import aggregator.store.schema
from aggregator.store import ArticleStore
from aggregator.store.health import source_health

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam


def article(article_id: str, source: str, published: str) -> dict:
    return {
        "id": article_id,
        "url": f"https://x.vn/{article_id}",
        "source": source,
        "title": article_id,
        "body": "nội dung",
        "content_hash": article_id,
        "published": published,
    }


def run(
    store: ArticleStore,
    source: str,
    *,
    pages: int,
    new: int,
    unchanged: int = 0,
    reason: str | None = "finished",
    stats: dict | None = None,
) -> None:
    run_id = store.start_run(source)
    if reason:
        store.finish_run(
            run_id,
            finish_reason=reason,
            pages=pages,
            new=new,
            updated=0,
            unchanged=unchanged,
            dropped=0,
            errors=0,
            stats=stats or {},
        )


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ArticleStore:
    monkeypatch.setattr(aggregator.store.schema, "utc_now", lambda: "2026-11-25T03:00:00+00:00")
    opened = ArticleStore(tmp_path / "a.db")
    opened.save_articles([article("h1", "healthy", "2026-11-25T09:00:00+07:00")])
    run(opened, "healthy", pages=10, new=1)
    monkeypatch.setattr(aggregator.store.schema, "utc_now", lambda: "2026-11-01T03:00:00+00:00")
    opened.save_articles(
        [
            article("q1", "quiet", "2026-11-01T09:00:00+07:00"),
            article("b1", "broke", "2026-11-01T09:00:00+07:00"),
        ]
    )
    run(opened, "quiet", pages=5, new=0, stats={"baotinh/incremental/skipped_known": 12})
    run(opened, "broke", pages=20, new=5)
    run(opened, "broke", pages=20, new=0, stats={"baotinh/listing/pages": 3, "baotinh/listing/empty": 3})
    run(opened, "killed", pages=0, new=0, reason=None)
    return opened


def health(store: ArticleStore) -> dict[str, dict]:
    return {h.source: h.as_dict() for h in source_health(store, ["healthy", "newpaper"], now=NOW)}


def test_healthy_source_has_no_flag(store: ArticleStore) -> None:
    assert health(store)["healthy"]["flags"] == []


def test_new_per_day_in_local_days(store: ArticleStore) -> None:
    assert health(store)["healthy"]["new_per_day"] == {"2026-11-25": 1}


def test_newest_age_in_hours(store: ArticleStore) -> None:
    assert health(store)["healthy"]["newest_age_hours"] == 25.0  # published 02:00 UTC the day before


def test_silent_source_flagged(store: ArticleStore) -> None:
    assert health(store)["quiet"]["flags"] == ["silent"]


def test_source_that_stopped_yielding_is_broken(store: ArticleStore) -> None:
    assert health(store)["broke"]["flags"] == ["silent", "broken"]


def test_killed_run_is_flagged_interrupted(store: ArticleStore) -> None:
    assert health(store)["killed"]["flags"][0] == "interrupted"


def test_registered_spider_never_run(store: ArticleStore) -> None:
    assert health(store)["newpaper"]["flags"] == ["never_run"]


def test_json_serializable(store: ArticleStore) -> None:
    assert (
        json.loads(json.dumps([h.as_dict() for h in source_health(store, now=NOW)]))[0]["source"] == "broke"
    )


def test_redesign_with_known_links_is_broken(tmp_path: Path) -> None:
    """Listings still link known articles, but every new article page is dropped: broken."""
    store = ArticleStore(tmp_path / "b.db")
    store.save_articles([article("r1", "redesigned", "2026-11-20T09:00:00+07:00")])
    run(store, "redesigned", pages=20, new=5)
    run(
        store,
        "redesigned",
        pages=12,
        new=0,
        stats={"baotinh/incremental/skipped_known": 30, "baotinh/drop/no_title": 4},
    )
    assert "broken" in {h.source: h for h in source_health(store, now=NOW)}["redesigned"].flags


def test_run_in_progress_is_not_flagged(tmp_path: Path) -> None:
    from aggregator.store import lock

    store = ArticleStore(tmp_path / "c.db")
    store.save_articles([article("w1", "working", "2026-11-26T09:00:00+07:00")])
    run(store, "working", pages=3, new=1)
    run(store, "working", pages=0, new=0, reason=None)
    lock.acquire(store.path)
    try:
        health = {h.source: h for h in source_health(store, now=NOW)}["working"]
    finally:
        lock.release(store.path)
    assert (health.last_finish_reason, "interrupted" in health.flags) == ("running", False)
