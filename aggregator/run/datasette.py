"""A datasette plugin: ``datasette output/articles.db`` searches and browses the articles at once.

Installed with ``pip install 'baotinh[datasette]'`` (datasette finds it through the package's
``datasette`` entry point); ``baotinh serve --datasette`` starts it on the output database. For
every database with baotinh's schema, whatever its file name:

- the ``articles`` table's search box uses the full-text index, and datasette's ``escape_fts``
  is replaced there by the search language of ``baotinh search`` (``store.query``: accents and
  ``đ`` folded by ``text.fold``, OR, "phrases", -exclusions), so ``dong nai`` finds Đồng Nai;
- facets on the paper, province, category and publication day; newest first; the browser's
  table shows title (a link to the article), paper, province, category, time and sapo;
- canned queries: ``search`` (words, province, since), ``latest_per_source``,
  ``near_duplicates``; SQL functions ``baotinh_fold(text)`` and ``baotinh_match(words, province)``
  for one's own queries.

Other databases served beside it are left as datasette shows them.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from markupsafe import Markup

from aggregator.run.datasette_queries import CANNED_QUERIES
from aggregator.store.fts import FTS_TABLE, facet_expression, match_expression
from aggregator.store.search import utc_day_start
from aggregator.text import fold

# What the table page shows when the URL names no columns (``_col``/``_nocol`` choose others).
DEFAULT_COLUMNS = ("title", "source_name", "province", "category", "published", "summary")
FACETS = ("source_name", "province", "category", "published_day")


@lru_cache(maxsize=64)
def _is_ours(path: str, mtime: float) -> bool:
    """Whether the database file has baotinh's articles table and its full-text index."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return {"articles", FTS_TABLE} <= names


def _our_databases(datasette: Any) -> list[str]:
    """The names of the served databases that are baotinh's (asked often: cached per file state)."""
    names = []
    for name, db in datasette.databases.items():
        path = getattr(db, "path", None)
        try:
            if path and _is_ours(path, os.stat(path).st_mtime):
                names.append(name)
        except OSError:
            continue
    return names


def _is_our_connection(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "select count(*) from sqlite_master where type = 'table' and name in ('articles', ?)", (FTS_TABLE,)
    ).fetchone()
    return bool(found and found[0] == 2)


def search_box_expression(query: str | None) -> str:
    """What the search box's words become: our language over the text columns; never an error."""
    return match_expression(query or "") or '""'  # an empty phrase matches nothing


def topic_match(words: str | None, province: str | None) -> str:
    """``baotinh_match(words, province)``: as ``baotinh search WORDS --province P`` filters."""
    sources: list[str] = []
    place = (province or "").strip() or None
    if place:
        from spiders.registry import province_filter

        with suppress(ValueError):  # a province only this database knows: its token, as it is
            sources, place = province_filter(place)
    facets = facet_expression(sources, place)
    text = match_expression(words or "")
    if text and facets:
        return f"({text}) AND {facets}"
    return text or facets or '""'


def day_start(value: str | None) -> str:
    """``baotinh_day_start('2026-01-08')``: that day's local midnight as ``sort_time`` text; "" if blank."""
    try:
        return utc_day_start(date.fromisoformat(value.strip())) if value and value.strip() else ""
    except ValueError:
        return ""


@hookimpl(trylast=True)  # after datasette's own escape_fts, which ours replaces
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    conn.create_function("baotinh_fold", 1, fold, deterministic=True)
    if not _is_our_connection(conn):
        return
    conn.create_function("escape_fts", 1, search_box_expression, deterministic=True)
    conn.create_function("baotinh_match", 2, topic_match, deterministic=True)
    conn.create_function("baotinh_day_start", 1, day_start, deterministic=True)


def database_metadata() -> dict[str, Any]:
    """Title, table settings (search, facets, sort) and column notes of one baotinh database."""
    return {
        "title": "Báo tỉnh: các bài báo",
        "description": "Bài của các báo địa phương Việt Nam, do baotinh thu thập. "
        'Ô tìm kiếm bỏ qua dấu và đ (dong nai = Đồng Nai); OR, "cụm từ", -loại trừ.',
        "tables": {
            "articles": {
                "fts_table": FTS_TABLE,
                "fts_pk": "rowid",
                "facets": list(FACETS),
                "sort_desc": "sort_time",
                "label_column": "title",
                "size": 50,
                "columns": {
                    "title": "tiêu đề (liên kết tới bài gốc)",
                    "source_name": "tên báo",
                    "published": "thời điểm đăng (giờ Việt Nam)",
                    "published_day": "ngày đăng theo giờ Việt Nam",
                    "sort_time": "thời điểm sắp xếp (UTC): ngày đăng, nếu không có thì lúc thu thập",
                    "cluster_id": "nhóm tin gần trùng (cùng một câu chuyện ở nhiều báo)",
                },
            },
        },
    }


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    return {"databases": {name: database_metadata() for name in _our_databases(datasette)}}


@hookimpl
def canned_queries(datasette: Any, database: str, actor: Any) -> dict[str, Any] | None:
    if database in _our_databases(datasette):
        return {name: dict(query) for name, query in CANNED_QUERIES.items()}
    return None


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """The title as a link to the paper's page (read by the row's id when ``url`` is not shown)."""
    if table != "articles" or column != "title" or not value:
        return None
    keys = row.keys() if hasattr(row, "keys") else ()
    if "url" in keys:
        return _link(row["url"], value)
    if "id" not in keys or database not in _our_databases(datasette):
        return None

    async def linked() -> Markup | None:
        found = await datasette.get_database(database).execute(
            "select url from articles where id = ?", [row["id"]]
        )
        first = found.first()
        return _link(first[0], value) if first else None

    return linked()


def _link(url: str | None, title: str) -> Markup | None:
    if not url or not url.startswith(("http://", "https://")):
        return None
    return Markup(f'<a href="{escape(url)}">{escape(title)}</a>')


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """The articles table's HTML page, asked for without ``_col``/``_nocol``, shows DEFAULT_COLUMNS."""

    def wrap(app: Any) -> Any:
        async def with_default_columns(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD"):
                parts = scope.get("path", "").strip("/").split("/")
                if len(parts) == 2 and parts[1] == "articles" and parts[0] in _our_databases(datasette):
                    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                    if not any(k in ("_col", "_nocol") for k, _ in args):
                        args += [("_col", c) for c in DEFAULT_COLUMNS]
                        scope = dict(scope, query_string=urlencode(args).encode("latin-1"))
            await app(scope, receive, send)

        return with_default_columns

    return wrap
