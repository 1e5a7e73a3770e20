"""The Store pipeline keeps a batch it could not write and writes it with the next one."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from aggregator.items import Article
from aggregator.pipelines import StorePipeline
from aggregator.store import ArticleStore


def article(number: int) -> Article:
    return Article(
        id=f"a{number}", url=f"https://baolaocai.vn/bai-{number}-post{number}.html", source="baolaocai",
        title=f"Bài số {number}", body="Nội dung bài viết.", content_hash=f"h{number}", tags=[],
    )  # fmt: skip


@pytest.fixture
def pipeline(tmp_path: Path) -> Any:
    crawler = get_crawler(Spider, {"BAOTINH_DB": str(tmp_path / "articles.db"), "BAOTINH_BATCH_SIZE": 2})
    crawler.spider = Spider(name="baolaocai")
    store = StorePipeline.from_crawler(crawler)
    store.open_spider()
    yield store
    store.spider_closed(crawler.spider, "finished")


def test_a_batch_that_fails_is_kept_and_written_with_the_next(
    pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.store.save_articles
    failures = iter([sqlite3.OperationalError("database is locked")])

    def flaky(rows: Any, **kwargs: Any) -> Any:
        failure = next(failures, None)
        if failure:
            raise failure
        return real(rows, **kwargs)

    monkeypatch.setattr(pipeline.store, "save_articles", flaky)
    for number in range(4):
        pipeline.process_item(article(number))
    pipeline.flush()
    with ArticleStore(pipeline.db_path, readonly=True) as store:
        assert store.count() == 4
    assert pipeline.stats.get_value("baotinh/store/retried_batches") == 1
    assert pipeline.stats.get_value("baotinh/articles/new") == 4
