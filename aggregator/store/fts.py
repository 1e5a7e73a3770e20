"""Full-text search that ignores Vietnamese diacritics, including đ/Đ.

SQLite's ``unicode61 remove_diacritics 2`` folds tone marks but never ``đ`` to ``d`` (it is a
letter of its own, not a d with a mark), so ``dong nai`` would not find ``Đồng Nai``. We fold the
text ourselves before indexing and fold every query the same way. The index is a contentless FTS5
table keyed by the articles' rowid: it stores no second copy of the text, only the index, and the
tokenizer still folds tone marks of queries typed in other tools (datasette, sqlite-utils).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from aggregator.store.query import lenient, parse
from aggregator.text import fold

FTS_TABLE = "articles_fts"
# ``facets`` holds one token per source and province ("srcbaolaocai provlaocai") so a filtered
# search is an intersection of posting lists inside FTS5, not a scan of every text match.
_COLUMNS = ("title", "summary", "body", "facets")
_TEXT_COLUMNS = ("title", "summary", "body")
_INDEXED = (*_TEXT_COLUMNS, "source", "province")  # what the index is built from


def source_token(source: str) -> str:
    return "src" + re.sub(r"[^a-z0-9]", "", fold(source))


def province_token(province: str) -> str:
    return "prov" + re.sub(r"[^a-z0-9]", "", fold(province))


def _facets(row: dict[str, Any]) -> str:
    return " ".join(
        token
        for token in (
            source_token(row["source"]) if row.get("source") else "",
            province_token(row["province"]) if row.get("province") else "",
        )
        if token
    )


def _values(row: dict[str, Any]) -> tuple[str, ...]:
    return (*(fold(row.get(c)) for c in _TEXT_COLUMNS), _facets(row))


def ensure_index(db: Database) -> None:
    """Create the index; a database that had articles before it existed gets them all indexed."""
    if db[FTS_TABLE].exists():
        if "facets" in (db[FTS_TABLE].schema or ""):
            return
        db.execute(f"DROP TABLE {FTS_TABLE}")  # an index from an older version: rebuild it
    db.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        f"{', '.join(_COLUMNS)}, content='', tokenize='unicode61 remove_diacritics 2')"
    )
    add(db, [row[0] for row in db.execute("select id from articles")])


def remove(db: Database, old_rows: Sequence[dict[str, Any]]) -> None:
    """Take rows out of the index; a contentless table needs the values that were indexed."""
    db.conn.executemany(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {', '.join(_COLUMNS)}) VALUES ('delete', ?, ?, ?, ?, ?)",
        [(row["rowid"], *_values(row)) for row in old_rows],
    )


def add(db: Database, ids: Sequence[str]) -> None:
    """Index the stored articles *ids*, read back from the table (building a missing index)."""
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        index(db, db.query(f"select rowid, {', '.join(_INDEXED)} from articles where id in ({marks})", chunk))


def index(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Index rows that carry their ``rowid`` and text: a batch just written needs no read back."""
    db.conn.executemany(
        f"INSERT INTO {FTS_TABLE}(rowid, {', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
        [(row["rowid"], *_values(row)) for row in rows],
    )


def match_expression(query: str, *, strict: bool = False) -> str:
    """A safe FTS5 query over the text columns, in the search language of ``store.query``.

    Lenient by default (a query that does not parse is read as its words: a search box always
    answers); ``strict=True`` raises ``QueryError`` instead, for a topic that will be published.
    """
    expression = parse(query) if strict else lenient(query)
    return f"{{{' '.join(_TEXT_COLUMNS)}}} : ({expression})" if expression else ""


def search_expression(
    query: str, sources: Sequence[str] = (), province: str | None = None, *, strict: bool = False
) -> str:
    """The whole FTS5 expression of a search: its words narrowed to sources and/or a province.

    "" when the query has no word to look for (a filter alone is not a search).
    """
    words = match_expression(query, strict=strict)
    facets = facet_expression(sources, province)
    return f"({words}) AND {facets}" if words and facets else words


def facet_expression(sources: Sequence[str] = (), province: str | None = None) -> str:
    """FTS5 terms restricting a match to some sources and/or one province."""
    parts = []
    if sources:
        parts.append("facets : (" + " OR ".join(f'"{source_token(s)}"' for s in sources) + ")")
    if province:
        parts.append(f'facets : "{province_token(province)}"')
    return " AND ".join(parts)
