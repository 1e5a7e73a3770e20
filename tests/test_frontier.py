"""The frontier table: owed articles, settled in the batch that stores them, given up at a bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from aggregator.store import ArticleStore, frontier
from aggregator.urls import article_id

URLS = [f"https://baolaocai.vn/bai-{n}-post{n}.html" for n in range(1, 5)]


def owed_row(url: str, found_on: str = "https://baolaocai.vn/chinh-tri/") -> dict[str, str | None]:
    return {"id": article_id(url), "url": url, "source": "baolaocai", "found_on": found_on,
            "feed_date": None, "discovered": "2026-12-06T01:00:00+00:00"}  # fmt: skip


@pytest.fixture
def store(tmp_path: Path):
    with ArticleStore(tmp_path / "articles.db") as opened:
        frontier.owe(opened.db, [owed_row(u) for u in URLS])
        yield opened


def urls(store: ArticleStore) -> list[str]:
    return [row["url"] for row in frontier.owed(store.db, "baolaocai")]


def test_owed_in_discovery_order(store: ArticleStore) -> None:
    assert urls(store) == URLS


def test_a_second_discovery_keeps_the_first(store: ArticleStore) -> None:
    frontier.owe(store.db, [owed_row(URLS[0], found_on="https://baolaocai.vn/rss")])
    assert frontier.owed(store.db, "baolaocai")[0]["found_on"] == "https://baolaocai.vn/chinh-tri/"


def test_settled_ids_leave(store: ArticleStore) -> None:
    frontier.settle(store.db, [article_id(URLS[1]), article_id("https://baolaocai.vn/other.html")])
    assert urls(store) == [URLS[0], *URLS[2:]]


def test_failures_are_counted_and_given_up_at_the_bound(store: ArticleStore) -> None:
    ids = [article_id(URLS[0])]
    assert [frontier.failed(store.db, ids, max_attempts=3) for _ in range(3)] == [0, 0, 1]
    assert urls(store) == URLS[1:]


def test_owed_per_source(store: ArticleStore) -> None:
    assert frontier.owed_per_source(store.db) == {"baolaocai": 4}
    assert frontier.owed(store.db, "baocantho") == []
