"""What the store keeps about runs rather than articles: drops, crawl runs, HTTP validators.

A mixin of :class:`~aggregator.store.articles.ArticleStore`: the same connection and transactions,
kept in a module of its own so the article writes read on their own.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlite_utils

from aggregator.store import schema


class RunRecords:
    """Drops, crawl runs and HTTP validators, written in the store's transactions."""

    # Provided by ArticleStore: the connection and its batched transactions.
    db: sqlite_utils.Database
    transaction: Callable[[], contextlib.AbstractContextManager[sqlite_utils.Database]]

    # --- drops and runs --------------------------------------------------------------------

    def record_drops(self, drops: Sequence[dict[str, Any]]) -> None:
        """Store rejected pages/items (url, reason, detail, source, run_id) with a timestamp."""
        if not drops:
            return
        now = schema.utc_now()
        with self.transaction():
            self.db["drops"].insert_all([{**d, "dropped_at": now} for d in drops], alter=False)

    def last_run_interrupted(self, source: str, *, before: str) -> bool:
        """True when the source's last run that started before *before* ended before its queue did.

        Killed (never finished), stopped by a signal (``shutdown``), cut short by a
        ``CLOSESPIDER_*`` limit, or failed: anything but ``finished`` left pages unvisited.
        """
        if not self.db["crawl_runs"].exists():
            return False
        row = self.db.execute(
            "select finished, finish_reason from crawl_runs where source = ? and started < ? "
            "order by id desc limit 1",
            (source, before),
        ).fetchone()
        return row is not None and (row[0] is None or row[1] != "finished")

    def start_run(self, source: str) -> int:
        with self.transaction():
            table = self.db["crawl_runs"].insert({"source": source, "started": schema.utc_now()})
        return int(table.last_pk)

    def finish_run(self, run_id: int, **counts: Any) -> None:
        fields = {k: v for k, v in counts.items() if k != "stats"}
        fields["stats"] = json.dumps(counts.get("stats") or {}, ensure_ascii=False, default=str)
        fields["finished"] = schema.utc_now()
        with self.transaction():
            self.db["crawl_runs"].update(run_id, fields)

    # --- HTTP validators for conditional requests -------------------------------------------

    def validators(self, url: str) -> dict[str, Any] | None:
        rows = list(self.db.query("select * from http_validators where url = ?", [url]))
        return rows[0] if rows else None

    def save_validators(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            with self.transaction():
                self.db["http_validators"].upsert_all(rows, pk="url", alter=False)
