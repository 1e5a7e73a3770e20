"""Full-text search: diacritics (đ included) and case ignored, filters, ranking, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from aggregator.store import ArticleStore
from aggregator.store.fts import fold, match_expression
from aggregator.store.search import search
from tests.conftest import ROOT


def row(
    article_id: str,
    title: str,
    *,
    body: str = "",
    source: str = "baolangson",
    province: str = "Lạng Sơn",
    published: str = "2026-10-05T08:00:00+07:00",
) -> dict:
    return {
        "id": article_id,
        "url": f"https://example.vn/{article_id}.html",
        "source": source,
        "source_name": source,
        "province": province,
        "title": title,
        "summary": "",
        "body": body or title,
        "content_hash": article_id,
        "published": published,
    }


@pytest.fixture
def store(tmp_path: Path) -> ArticleStore:
    opened = ArticleStore(tmp_path / "articles.db")
    opened.save_articles(
        [
            row("a1", "Hội chợ nông sản Lạng Sơn khai mạc", published="2026-10-01T08:00:00+07:00"),
            row(
                "a2",
                "Đồng Nai mở rộng đường ven sông",
                source="baodongnai",
                province="Đồng Nai",
                published="2026-10-03T08:00:00+07:00",
            ),
            row(
                "a3",
                "Mưa lớn ở vùng cao",
                body="Nhiều tuyến đường ở Lạng Sơn bị sạt lở nhẹ.",
                published="2026-10-04T23:30:00+07:00",
            ),
            row("a4", "Cần Thơ khai trương chợ nổi mới", source="baocantho", province="Cần Thơ"),
        ]
    )
    return opened


def ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


def test_fold_removes_tone_marks_and_d_stroke() -> None:
    assert fold("ĐỒNG Nai, Lạng Sơn") == "dong nai, lang son"


def test_match_expression_quotes_words() -> None:
    assert match_expression('Lạng "Sơn" OR x*') == '{title summary body} : ((("lang" AND "son") OR "x"*))'


def test_match_expression_reads_a_broken_query_as_its_words() -> None:
    assert match_expression('Lạng ("Sơn" OR') == '{title summary body} : ("lang" "son")'


@pytest.mark.parametrize("query", ["lang son", "Lang Son", "LẠNG SƠN", "Lạng Sơn"])
def test_lang_son_found_with_or_without_accents(store: ArticleStore, query: str) -> None:
    assert ids(search(store, query)) == ["a1", "a3"]


@pytest.mark.parametrize("query", ["dong nai", "Đồng Nai", "ĐỒNG NAI"])
def test_d_stroke_folded(store: ArticleStore, query: str) -> None:
    assert ids(search(store, query)) == ["a2"]


def test_title_ranks_above_body(store: ArticleStore) -> None:
    assert ids(search(store, "lang son"))[0] == "a1"


def test_sort_by_date(store: ArticleStore) -> None:
    assert ids(search(store, "lang son", sort="date")) == ["a3", "a1"]


def test_province_filter_ignores_accents(store: ArticleStore) -> None:
    assert ids(search(store, "khai", province="can tho")) == ["a4"]


def test_source_filter(store: ArticleStore) -> None:
    assert ids(search(store, "khai", sources=["baolangson"])) == ["a1"]


def test_until_is_inclusive_in_local_time(store: ArticleStore) -> None:
    assert ids(search(store, "lang son", until=date(2026, 10, 4))) == ["a1", "a3"]


def test_since_excludes_earlier_days(store: ArticleStore) -> None:
    assert ids(search(store, "lang son", since=date(2026, 10, 2))) == ["a3"]


def test_edited_article_is_reindexed(store: ArticleStore) -> None:
    store.save_articles([row("a1", "Hội chợ nông sản Cao Bằng khai mạc") | {"content_hash": "a1-v2"}])
    assert (ids(search(store, "lang son")), ids(search(store, "cao bang"))) == (["a3"], ["a1"])


def test_empty_query_finds_nothing(store: ArticleStore) -> None:
    assert search(store, " ... ") == []


def cli_search(store: ArticleStore, *args: str) -> list[dict]:
    """``baotinh search … --format json`` in a child process, parsed."""
    command = [
        sys.executable,
        "-m",
        "aggregator.cli",
        "search",
        *args,
        "--db",
        str(store.path),
        "--format",
        "json",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    return json.loads(done.stdout)


def test_cli_json_has_the_documented_keys(store: ArticleStore) -> None:
    found = cli_search(store, "lang son")
    assert {"id", "url", "title", "source", "province", "published"} <= set(found[0])


def test_cli_former_province_searches_its_current_paper(store: ArticleStore) -> None:
    store.save_articles([row("b1", "Lễ hội ở Yên Bình", source="baolaocai", province="Lào Cai")])
    assert [r["id"] for r in cli_search(store, "le hoi", "--province", "Yên Bái")] == ["b1"]


def test_legacy_eth_letter_folds_to_d() -> None:
    assert fold("Ðồng Nai") == "dong nai"


def test_cli_former_province_with_source(store: ArticleStore) -> None:
    store.save_articles([row("b1", "Lễ hội ở Yên Bình", source="baolaocai", province="Lào Cai")])
    found = cli_search(store, "le hoi", "--province", "Yên Bái", "--source", "baolaocai")
    assert [r["id"] for r in found] == ["b1"]
