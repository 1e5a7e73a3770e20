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
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import asgi_send_redirect
from markupsafe import Markup

from aggregator.run.datasette_queries import CANNED_QUERIES
from aggregator.store.fts import FTS_TABLE, facet_expression, match_expression, search_expression
from aggregator.store.search import utc_day_start
from aggregator.text import fold

# What the table page shows when the URL names no columns (``_col``/``_nocol`` choose others).
DEFAULT_COLUMNS = ("title", "source_name", "province", "category", "published", "summary")
FACETS = ("source_name", "province", "category", "published_day")


@lru_cache(maxsize=64)
def _articles_columns(path: str, mtime: float) -> frozenset[str]:
    """The articles table's columns if the file is a baotinh database (with its index), else none."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
            if not {"articles", FTS_TABLE} <= names:
                return frozenset()
            return frozenset(r[1] for r in conn.execute("pragma table_info(articles)"))
        finally:
            conn.close()
    except sqlite3.Error:
        return frozenset()


def _ours(datasette: Any) -> dict[str, frozenset[str]]:
    """Served baotinh databases by name, with their articles columns (cached per file state)."""
    found = {}
    for name, db in datasette.databases.items():
        path = getattr(db, "path", None)
        try:
            columns = _articles_columns(path, os.stat(path).st_mtime) if path else frozenset()
        except OSError:
            continue
        if columns:
            found[name] = columns
    return found


def search_box_expression(query: str | None) -> str:
    """What the search box's words become: our language over the text columns; never an error."""
    return match_expression(query or "") or '""'  # an empty phrase matches nothing


@lru_cache(maxsize=256)  # the province's papers come from the spider registry: read once
def topic_match(words: str | None, province: str | None) -> str:
    """``baotinh_match(words, province)``: as ``baotinh search WORDS --province P`` filters."""
    from spiders.registry import province_filter

    sources, place = province_filter((province or "").strip() or None, strict=False)
    # no words but a province: that province's newest; neither: nothing (an empty phrase)
    return search_expression(words or "", sources, place) or facet_expression(sources, place) or '""'


def day_start(value: str | None) -> str:
    """``baotinh_day_start('2026-01-08')``: that day's local midnight as ``sort_time`` text; "" if blank."""
    try:
        return utc_day_start(date.fromisoformat(value.strip())) if value and value.strip() else ""
    except ValueError:
        return ""


@hookimpl(trylast=True)  # after datasette's own escape_fts, which ours replaces
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    if database not in _ours(datasette):
        return  # other databases keep datasette's own functions
    conn.create_function("baotinh_fold", 1, fold, deterministic=True)
    conn.create_function("escape_fts", 1, search_box_expression, deterministic=True)
    conn.create_function("baotinh_match", 2, topic_match, deterministic=True)
    conn.create_function("baotinh_day_start", 1, day_start, deterministic=True)


def database_metadata(columns: frozenset[str] = frozenset(FACETS)) -> dict[str, Any]:
    """Title, table settings (search, facets, sort) and column notes of one baotinh database.

    Facets name only columns the file has: a database from an older version that no command has
    migrated yet (``published_day``) still opens.
    """
    return {
        "title": "Báo tỉnh: các bài báo",
        "description": "Bài của các báo địa phương Việt Nam, do baotinh thu thập. "
        'Ô tìm kiếm bỏ qua dấu và đ (dong nai = Đồng Nai); OR, "cụm từ", -loại trừ.',
        "tables": {
            "articles": {
                "fts_table": FTS_TABLE,
                "fts_pk": "rowid",
                "facets": [facet for facet in FACETS if facet in columns],
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
    return {"databases": {name: database_metadata(columns) for name, columns in _ours(datasette).items()}}


@hookimpl
def canned_queries(datasette: Any, database: str, actor: Any) -> dict[str, Any] | None:
    if database in _ours(datasette):
        return {name: dict(query) for name, query in CANNED_QUERIES.items()}
    return None


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """The title as a link to the paper's page (read by the row's id when ``url`` is not shown)."""
    if table != "articles" or column != "title" or not value or database not in _ours(datasette):
        return None
    keys = row.keys() if hasattr(row, "keys") else ()
    if "url" in keys:
        return _link(row["url"], value)
    if "id" not in keys:
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


def default_columns_location(datasette: Any, scope: dict[str, Any]) -> str | None:
    """Where to send a browser that asked for the articles table's page without choosing columns.

    A redirect, not a rewrite: the address then names the columns, so datasette's column menu
    (hide one, show all) and the export links work from what is on the screen.
    """
    if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
        return None
    path = (scope.get("raw_path") or scope.get("path", "").encode()).decode("ascii", "replace")
    path = path.partition("?")[0]
    base = datasette.setting("base_url") or "/"
    inner = "/" + path[len(base) :] if base != "/" and path.startswith(base) else path
    parts = inner.strip("/").split("/")
    if len(parts) != 2 or parts[1] != "articles":
        return None
    routes = {datasette.databases[name].route for name in _ours(datasette)}
    if tilde_decode(parts[0]) not in routes:
        return None
    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if any(key in ("_col", "_nocol") for key, _ in args):
        return None
    return f"{path}?{urlencode([*args, *(('_col', c) for c in DEFAULT_COLUMNS)])}"


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """The articles table's HTML page, asked for without ``_col``/``_nocol``, shows DEFAULT_COLUMNS."""

    def wrap(app: Any) -> Any:
        async def with_default_columns(scope: dict[str, Any], receive: Any, send: Any) -> None:
            location = default_columns_location(datasette, scope)
            if location:
                await asgi_send_redirect(send, location)
                return
            await app(scope, receive, send)

        return with_default_columns

    return wrap
