"""The SQLite database: schema, batched upserts, drops, crawl runs, and the queries feeds need.

The database is a public interface (users query it with SQL, sqlite-utils and datasette), so the
schema is explicit (``schema.py``) rather than inferred from the first row. Writes are batched into
one transaction per batch and the journal is WAL, so readers (feeds, search, datasette) never
block a crawl and a killed crawl leaves the last committed batch intact.
"""

from __future__ import annotations

import contextlib
import json
import operator
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from aggregator.store import frontier, fts, schema
from aggregator.store.dedup import ClusterIndex, ensure_tables
from aggregator.store.records import RunRecords
from aggregator.store.schema import (
    _PLAIN_TYPES,
    _SCHEMA_EXTRA,
    ARTICLE_COLUMNS,
    TABLES,
    SaveResult,
    _quote,
    _text_changed,
    sort_time,
    url_ids,
)


class UnusableDatabaseError(RuntimeError):
    """The database file exists but SQLite cannot use it (not a database, damaged, unreadable)."""


def _checked(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """*conn* once SQLite has read the file's header; nothing is written before this check."""
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise UnusableDatabaseError(
            f"{path} cannot be used as the articles database ({exc}); move it aside or point "
            f"BAOTINH_DB elsewhere"
        ) from None
    return conn


class ArticleStore(RunRecords):
    """One connection to the articles database; every write method is one transaction."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, readonly: bool = False) -> None:
        """Open (and create or migrate) the database; ``readonly`` opens an existing file only.

        Readers (feeds, search, stats) open read-only so they never take a write lock while a
        crawl is writing: WAL lets them read the last committed state.
        """
        self.path = Path(path)
        if readonly:
            if not self.path.is_file():
                raise FileNotFoundError(f"no database at {self.path}: run a crawl first (baotinh demo)")
            uri = f"file:{self.path.resolve()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            self.db = sqlite_utils.Database(_checked(conn, self.path))
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # ``timeout`` makes a writer wait for another writer's transaction instead of failing.
        try:
            conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise UnusableDatabaseError(f"{self.path} cannot be opened ({exc})") from None
        self.db = sqlite_utils.Database(_checked(conn, self.path))
        self.db.enable_wal()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.ensure_schema()

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction that takes SQLite's write lock when it begins (``IMMEDIATE``).

        Several crawler processes can write one database (``baotinh crawl --processes``). A
        plain deferred ``BEGIN`` that reads before it writes, as clustering does, fails at once
        with "database is locked" when another process committed since its read (SQLite's
        BUSY_SNAPSHOT): no busy timeout applies to that. Taking the lock up front makes every
        writer wait its turn instead. Nested use is a savepoint, as in sqlite-utils.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ----------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create or migrate the tables; writes (and locks) only when something is missing.

        A deferred transaction on purpose: opening a store must not wait for another process's
        write. ``baotinh crawl --processes`` opens the database once before it forks, so its
        crawler processes never race to create the schema.
        """
        with self.db.atomic():
            self.db["articles"].create(ARTICLE_COLUMNS, pk="id", if_not_exists=True)
            for table, (columns, key) in TABLES.items():
                self.db[table].create(columns, pk=key, if_not_exists=True)
            frontier.ensure_table(self.db)
            self._add_missing_columns()
            self.db.executescript(_SCHEMA_EXTRA)
            fts.ensure_index(self.db)
            ensure_tables(self.db)

    def _add_missing_columns(self) -> None:
        """Databases made by an older version gain the columns added since (NULL until rewritten)."""
        present = self.db["articles"].columns_dict
        for name, kind in ARTICLE_COLUMNS.items():
            if name not in present:
                self.db["articles"].add_column(name, kind)
        if "published_day" not in present:
            self.db.execute(schema.BACKFILL_PUBLISHED_DAY)
        if "sort_time" not in present:
            self.db.execute(
                "UPDATE articles SET sort_time = strftime('%Y-%m-%dT%H:%M:%S', coalesce(published, first_seen))"
            )

    # --- articles --------------------------------------------------------------------------

    def save_articles(
        self, rows: Sequence[dict[str, Any]], *, aliases: Iterable[tuple[str, str]] = ()
    ) -> SaveResult:
        """Insert new articles and update known ones in one transaction.

        A known article keeps ``first_seen``; ``updated`` and ``revisions`` move only when its
        title or body changed (``content_hash``), so feed readers see an edit once, not every run.
        A new URL whose content equals a stored article of the same paper becomes that article's
        alias. The full-text and near-duplicate indexes are kept in step in the same transaction.
        """
        result = SaveResult()
        unique = list({row["id"]: row for row in rows}.values())  # the last copy of an id wins
        if not unique:
            return result
        now = schema.utc_now()
        # Reads and writes in one IMMEDIATE transaction: another crawler process can never
        # change what this batch believes is stored between the two.
        with self.transaction():
            existing = self._existing([r["id"] for r in unique])
            unique, copies = self._split_exact_copies(unique, existing)
            result.duplicates = len(copies)
            records = []
            for row in unique:
                record = dict(row)
                old = existing.get(record["id"])
                record["last_seen"] = now
                if old is None:
                    record.update(first_seen=now, updated=now, revisions=1, cluster_id=record["id"])
                    result.new += 1
                else:
                    record["first_seen"] = old["first_seen"]
                    record["cluster_id"] = old["cluster_id"] or record["id"]
                    if old["content_hash"] == record["content_hash"]:
                        record.update(updated=old["updated"], revisions=old["revisions"])
                        result.unchanged += 1
                    else:
                        record.update(updated=now, revisions=(old["revisions"] or 1) + 1)
                        result.updated += 1
                record["sort_time"] = sort_time(record.get("published"), record["first_seen"])
                record["published_day"] = schema.published_day(record.get("published"))
                record["tags"] = json.dumps(record.get("tags") or [], ensure_ascii=False)
                records.append(record)
            reindex = [r for r in records if _text_changed(existing.get(r["id"]), r)]
            alias_rows = [{"url": u, "article_id": i, "first_seen": now} for u, i in [*aliases, *copies]]
            fts.remove(self.db, [existing[r["id"]] for r in reindex if r["id"] in existing])
            self._upsert_articles(records)
            if reindex:
                changed = self._with_rowids(reindex)
                fts.index(self.db, changed)
                fresh = [r["id"] for r in reindex if r["id"] not in existing]
                result.clustered = len(ClusterIndex(self.db).assign(changed, fresh=fresh))
            if alias_rows:
                self.db["article_urls"].insert_all(alias_rows, pk="url", ignore=True)
        return result

    def _upsert_articles(self, records: Sequence[dict[str, Any]]) -> None:
        """``upsert_all(records, pk="id", alter=False)``, in one prepared statement when possible.

        sqlite-utils rebuilds a multi-row statement and converts every value on each call, which
        cost as much as SQLite's own work. Records as the pipeline makes them (the same keys, plain
        values, an id each) are written with ``executemany`` of the statement sqlite-utils would run,
        row by row in the same order, so rowids and values come out the same; anything else (mixed
        keys, values sqlite-utils would convert to JSON or text, a missing id) goes to sqlite-utils.
        """
        if not records:  # every row was a copy of a stored article
            return
        columns = list(records[0])
        keys = records[0].keys()
        plain = all(
            record.keys() == keys
            and record.get("id") is not None
            and all(type(value) in _PLAIN_TYPES for value in record.values())
            for record in records
        )
        if not plain or "id" not in keys:
            self.db["articles"].upsert_all(records, pk="id", alter=False)
            return
        names = [_quote(column) for column in columns]
        # save_articles always sets last_seen etc., so there is something to update.
        updates = ", ".join(
            f"{name} = excluded.{name}" for column, name in zip(columns, names, strict=True) if column != "id"
        )
        sql = (
            f"INSERT INTO articles ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}"
        )
        values = operator.itemgetter(*columns)  # in the statement's order, whatever the record's
        self.db.conn.executemany(sql, [values(record) for record in records])

    def _split_exact_copies(
        self, rows: list[dict[str, Any]], existing: dict[str, dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
        """Separate new rows whose paper already has the same content under another URL."""
        fresh_hashes = [r["content_hash"] for r in rows if r["id"] not in existing and r.get("content_hash")]
        owners: dict[tuple[str, str], str] = {}
        for start in range(0, len(fresh_hashes), 500):
            chunk = fresh_hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"select source, content_hash, id from articles where content_hash in ({marks})", chunk
            ):
                owners.setdefault((row[0], row[1]), row[2])
        kept: list[dict[str, Any]] = []
        copies: list[tuple[str, str]] = []
        for row in rows:
            key = (row.get("source"), row.get("content_hash"))
            owner = owners.get(key)
            if row["id"] not in existing and owner and owner != row["id"]:
                copies.append((row["url"], owner))
                continue
            owners.setdefault(key, row["id"])
            kept.append(row)
        return kept, copies

    def _with_rowids(self, records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [r["id"] for r in records]
        marks = ",".join("?" * len(ids))
        rowids = dict(
            self.db.execute(f"select id, rowid from articles where id in ({marks})", ids).fetchall()
        )
        return [{**r, "rowid": rowids[r["id"]]} for r in records]

    def _existing(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                "select rowid, id, source, province, title, summary, body, content_hash, first_seen, "
                f"updated, revisions, cluster_id from articles where id in ({marks})"
            )
            found.update((r["id"], r) for r in self.db.query(sql, chunk))
        return found

    def count(self, table: str = "articles") -> int:
        return self.db.execute(f"select count(*) from [{table}]").fetchone()[0]

    def newest(self, *, limit: int, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The newest *limit* articles (by published, else first seen) matching *where*."""
        clause = f"where {where}" if where else ""
        sql = f"select * from articles {clause} order by sort_time desc, id limit ?"
        return list(self.db.query(sql, [*params, limit]))

    def known_ids(self, source: str, *, retry_dropped_after_days: float = 7.0) -> set[str]:
        """Ids a run need not fetch again: stored articles, their other URLs, recent content drops.

        A page dropped for its content (no title, no body) is not fetched again for a while; a page
        that failed to download is (the failure may have been passing).
        """
        known = {row[0] for row in self.db.execute("select id from articles where source = ?", (source,))}
        # Other URLs of stored articles (a listing's path variant, a same-paper copy) by their own id.
        known.update(
            url_ids(
                row[0]
                for row in self.db.execute(
                    "select u.url from article_urls u join articles a on a.id = u.article_id where a.source = ?",
                    (source,),
                )
            )
        )
        known.update(
            url_ids(
                row[0]
                for row in self.db.execute(
                    "select url from drops where source = ? and reason in ('no_title', 'no_body', "
                    "'not_article') and dropped_at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', ?)",
                    (source, f"-{retry_dropped_after_days} days"),
                )
            )
        )
        return known

    def distinct(self, column: str) -> list[str]:
        sql = f"select distinct [{column}] from articles where [{column}] is not null order by 1"
        return [row[0] for row in self.db.execute(sql).fetchall()]
