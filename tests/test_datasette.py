"""Datasette on the demo's database: search box, facets, sort, columns and canned queries.

A real ``baotinh demo`` run writes the database; plain ``datasette serve`` (the plugin found
through the package's entry point, no options) and ``baotinh serve --datasette`` serve it on
127.0.0.1; everything is asserted through datasette's JSON API and HTML pages.
"""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from aggregator.store import ArticleStore
from aggregator.store.search import search
from tests.conftest import ROOT

pytest.importorskip("datasette")
pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(command: list[str], port: int) -> Iterator[tuple[str, subprocess.Popen]]:
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stdout.read().decode() if process.stdout else "") from None
                time.sleep(0.2)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


def get(url: str, path: str, **params: Any) -> Any:
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{url}{path}?{query}", timeout=30) as response:
        body = response.read().decode("utf-8")
    return json.loads(body) if ".json" in path else body


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("datasette-demo")
    done = subprocess.run(
        [sys.executable, "-m", "aggregator.cli", "demo", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return output / "articles.db"


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy (the WAL included), through SQLite's backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture(scope="module")
def others(demo_db: Path) -> dict[str, Path]:
    """Served beside the demo: a copy under a name datasette must encode, a database not ours."""
    folder = demo_db.parent / "others"
    folder.mkdir()
    dotted = copy_database(demo_db, folder / "my.articles.db")
    foreign = folder / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("create table articles (id integer primary key, title text, url text)")
        conn.execute("insert into articles (title, url) values ('Hello', 'https://example.com/x')")
    return {"dotted": dotted, "foreign": foreign}


@pytest.fixture(scope="module")
def site(demo_db: Path, others: dict[str, Path]) -> Iterator[str]:
    port = free_port()
    databases = [str(demo_db), str(others["dotted"]), str(others["foreign"])]
    command = [sys.executable, "-m", "datasette", "serve", *databases, "--port", str(port)]
    with running(command, port) as (url, _):
        yield url


def final_url(url: str, path: str) -> str:
    """Where the browser ends up (redirects followed)."""
    with urllib.request.urlopen(f"{url}{path}", timeout=30) as response:
        return response.geturl()


def table(url: str, **params: Any) -> dict[str, Any]:
    return get(url, "/articles/articles.json", **{"_shape": "objects", "_size": "max", **params})


def searched_ids(demo_db: Path, query: str) -> set[str]:
    with ArticleStore(demo_db, readonly=True) as store:
        return {hit["id"] for hit in search(store, query, limit=10_000)}


def test_search_box_finds_dong_nai_unaccented(site, demo_db):
    """``dong nai`` finds what ``baotinh search "dong nai"`` finds: Đồng Nai's articles among them."""
    rows = table(site, _search="dong nai")["rows"]
    assert {r["id"] for r in rows} == searched_ids(demo_db, "dong nai") and any(
        r["province"] == "Đồng Nai" for r in rows
    )


@pytest.mark.parametrize("typed", ["Đồng Nai", "ĐỒNG NAI", "đồng nai"])
def test_search_box_folds_accents_and_d_stroke(site, typed):
    assert {r["id"] for r in table(site, _search=typed)["rows"]} == {
        r["id"] for r in table(site, _search="dong nai")["rows"]
    }


def test_search_box_speaks_the_search_language(site, demo_db):
    query = 'giao thông -"tuyên truyền"'
    assert {r["id"] for r in table(site, _search=query)["rows"]} == searched_ids(demo_db, query)


def test_search_box_survives_a_broken_query(site):
    assert table(site, _search='(dong "nai')["rows"] == table(site, _search="dong nai")["rows"]


def test_facets_are_paper_province_category_and_day(site):
    facets = table(site, _search="dong nai")["facet_results"]
    assert sorted(facets) == ["category", "province", "published_day", "source_name"]


def test_province_facet_counts_dong_nai(site):
    province = table(site, _search="dong nai")["facet_results"]["province"]["results"]
    rows = table(site, _search="dong nai")["rows"]
    assert {r["value"]: r["count"] for r in province}["Đồng Nai"] == sum(
        1 for r in rows if r["province"] == "Đồng Nai"
    )


def test_day_facet_counts_articles_per_day_in_vietnam(site, demo_db):
    facet = table(site, _facet_size="max")["facet_results"]["published_day"]["results"]
    assert {r["value"]: r["count"] for r in facet} == pairs(
        demo_db,
        "select published_day, count(*) from articles where published_day is not null group by published_day",
    )


def test_newest_first(site):
    times = [r["sort_time"] for r in table(site)["rows"]]
    assert times == sorted(times, reverse=True) and len(times) > 100


def test_table_page_shows_the_chosen_columns(site):
    page = get(site, "/articles/articles")
    shown = [c for c in ("title", "source_name", "province", "category", "published", "summary", "body_html")
             if f'class="col-{c} ' in page or f'class="col-{c}"' in page]  # fmt: skip
    assert shown == ["title", "source_name", "province", "category", "published", "summary"]


@pytest.mark.parametrize("route", ["articles", "my~2Earticles"])
def test_table_page_address_names_its_columns(site, route):
    """A redirect: the column menu and the export links start from the columns on the screen."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(final_url(site, f"/{route}/articles")).query)
    assert query["_col"] == ["title", "source_name", "province", "category", "published", "summary"]


def test_a_chosen_column_set_is_kept(site):
    assert "_col" not in final_url(site, "/articles/articles?_nocol=body_html")


def test_another_database_is_left_as_datasette_shows_it(site):
    """Its own ``articles`` table: no title link, no chosen columns, no facets of ours."""
    page = get(site, "/other/articles")
    facets = get(site, "/other/articles.json")["facet_results"]
    assert (">Hello</a>" in page, "_col" in final_url(site, "/other/articles"), facets) == (False, False, {})


def test_title_links_to_the_article(site):
    row = table(site, _size=1)["rows"][0]
    page = get(site, "/articles/articles", _search=row["title"])
    assert f'<a href="{row["url"]}">' in page


def test_canned_search_with_a_former_province(site):
    """Bình Phước merged into Đồng Nai: the search's province names Báo Đồng Nai's articles."""
    rows = get(site, "/articles/search.json", words="xã", province="Bình Phước", since="", _shape="array")
    assert rows and {r["source_name"] for r in rows} == {"Báo Đồng Nai"}


def test_canned_search_since(site):
    everything = get(site, "/articles/search.json", words="xã", province="Đồng Nai", since="", _shape="array")
    since = sorted(r["published"][:10] for r in everything)[len(everything) // 2]
    later = get(site, "/articles/search.json", words="xã", province="Đồng Nai", since=since, _shape="array")
    assert later and len(later) < len(everything) and all(r["published"][:10] >= since for r in later)


def test_canned_search_without_words_finds_nothing(site):
    assert get(site, "/articles/search.json", words="", province="", since="", _shape="array") == []


def pairs(demo_db: Path, sql: str) -> dict[Any, Any]:
    """The two columns of *sql*, read straight from the database, as a mapping."""
    with ArticleStore(demo_db, readonly=True) as store:
        return dict(store.db.execute(sql).fetchall())


def test_latest_per_source_is_one_row_per_paper(site, demo_db):
    rows = get(site, "/articles/latest_per_source.json", _shape="array")
    assert {r["source_name"]: r["title"] for r in rows} == pairs(
        demo_db,
        "select source_name, title from articles a where sort_time = "
        "(select max(sort_time) from articles b where b.source = a.source)",
    )


def test_near_duplicates_are_clusters_of_several_articles(site, demo_db):
    rows = get(site, "/articles/near_duplicates.json", _shape="array")
    assert rows and {r["cluster_id"]: r["articles"] for r in rows} == pairs(
        demo_db, "select cluster_id, count(*) from articles group by cluster_id having count(*) > 1"
    )


def test_baotinh_serve_datasette_starts_and_stops(demo_db):
    port = free_port()
    command = [
        sys.executable, "-m", "aggregator.cli", "serve", str(demo_db.parent), "--datasette", "--port", str(port),
    ]  # fmt: skip
    with running(command, port) as (url, process):
        rows = table(url, _search="dong nai")["rows"]
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=20)
    assert (bool(rows), code in (0, -signal.SIGINT, 1), listening(port)) == (True, True, False)


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def old_database(demo_db: Path, folder: Path) -> Path:
    """The demo database as a version before ``published_day`` left it."""
    folder.mkdir()
    path = copy_database(demo_db, folder / "articles.db")
    with sqlite3.connect(path) as conn:
        conn.execute("alter table articles drop column published_day")
    return path


def test_plain_datasette_opens_a_database_from_an_older_version(demo_db, tmp_path):
    old = old_database(demo_db, tmp_path / "old")
    port = free_port()
    with running([sys.executable, "-m", "datasette", "serve", str(old), "--port", str(port)], port) as (
        url,
        _,
    ):
        found = table(url, _search="dong nai")
    assert (bool(found["rows"]), sorted(found["facet_results"])) == (
        True,
        ["category", "province", "source_name"],
    )


def test_serve_datasette_brings_an_older_database_up_to_date(demo_db, tmp_path):
    old = old_database(demo_db, tmp_path / "old")
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "aggregator.cli",
        "serve",
        str(old.parent),
        "--datasette",
        "--port",
        str(port),
    ]
    with running(command, port) as (url, _):
        facets = table(url, _search="dong nai")["facet_results"]
    assert "published_day" in facets
