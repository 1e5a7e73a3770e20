"""``baotinh ingest``: the single writer of a distributed crawl (see ``aggregator.run.distributed``).

Crawlers append entries to the Redis list ``baotinh:items`` (run start, normalized and validated
article rows with their aliases, drops, run end); this process drains it into SQLite through
``ArticleStore`` (the Store step: upsert by id, exact copies become aliases, FTS and near-duplicate
clusters kept in step) under the database's writer lock, then rebuilds the feeds and publishes
each source's known article ids to ``baotinh:<spider>:known`` for the crawlers' incremental runs.

No entry is lost and none is applied twice:

- a batch is moved atomically (``LMOVE``/``BLMOVE``) from ``baotinh:items`` to
  ``baotinh:items:processing``, applied in one SQLite transaction, and only then trimmed from the
  processing list; a killed ingest leaves its batch there, and the next one applies it first;
- every entry carries its crawler run and a sequence number, and the transaction that applies a
  batch also records, per run, the last sequence number applied (table ``redis_ingest``): an entry
  replayed after a kill between commit and trim is recognised and skipped, so drops and run counts
  are not doubled either.

Each crawler run becomes one ``crawl_runs`` row (created at its start entry, finished at its end
entry with the crawler's stats; a killed crawler's run stays unfinished, as a killed local crawl's
does); its new/updated/unchanged counts are what ingest stored for it.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import redis
from scrapy.settings import BaseSettings

from aggregator.config import setting
from aggregator.paths import db_path
from aggregator.run.distributed import Keys, connect
from aggregator.store import ArticleStore, lock, utc_now
from spiders.registry import project_settings

logger = logging.getLogger(__name__)

#: Per crawler run: its crawl_runs row and the last entry applied.
BOOKKEEPING = "redis_ingest"
_RUN_COUNTS = ("new", "updated", "unchanged")


def ingest(
    redis_url: str,
    settings: BaseSettings,
    *,
    until_idle: bool = True,
    batch: int = 100,
    stop: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Drain the crawlers' Redis queue into the SQLite database of *settings*; return the counts.

    With *until_idle* it returns once the queue is empty; otherwise it waits for more entries
    until *stop* returns true. Feeds are rebuilt and known ids published whenever the queue runs
    dry after a change. ``BAOTINH_INGEST_PAUSE`` seconds are slept after each committed batch,
    before it leaves Redis (a throttle, and how the tests kill an ingest at the worst moment).
    """
    keys = Keys.from_settings(settings)
    batch = max(1, int(batch))
    pause = setting(settings, "BAOTINH_INGEST_PAUSE")
    days = setting(settings, "BAOTINH_RETRY_DROPPED_AFTER_DAYS")
    stop = stop or (lambda: False)
    server = connect(redis_url)
    server.ping()
    database = db_path(settings)
    lock.acquire(database, wait=setting(settings, "BAOTINH_LOCK_WAIT"))
    counts: Counter[str] = Counter()
    try:
        with ArticleStore(database) as store:
            writer = _Writer(store, counts)
            publish_known(server, keys, store, writer.sources(), days)
            touched: set[str] = set()
            while not stop():
                entries = server.lrange(keys.processing, 0, batch - 1)  # left by a killed ingest
                if entries:
                    counts["recovered"] += len(entries)
                else:
                    entries = _take(server, keys, batch, block=0 if until_idle else 1.0)
                if not entries:
                    if touched:
                        _drained(server, keys, store, settings, touched, days, counts)
                        touched = set()
                    if until_idle:
                        break
                    continue
                touched |= writer.apply(entries)
                if pause:
                    time.sleep(pause)
                server.ltrim(keys.processing, len(entries), -1)
            if touched:
                _drained(server, keys, store, settings, touched, days, counts)
    finally:
        lock.release(database)
        server.close()
    return dict(counts)


def _take(server: redis.Redis, keys: Keys, batch: int, *, block: float) -> list[bytes]:
    """Move up to *batch* entries to the processing list (waiting up to *block* s for the first)."""
    if block:
        first = server.blmove(keys.items, keys.processing, block, "LEFT", "RIGHT")
    else:
        first = server.lmove(keys.items, keys.processing, "LEFT", "RIGHT")
    if first is None:
        return []
    pipe = server.pipeline(transaction=False)
    for _ in range(batch - 1):
        pipe.lmove(keys.items, keys.processing, "LEFT", "RIGHT")
    return [first, *(entry for entry in pipe.execute() if entry is not None)]


def _drained(
    server: redis.Redis,
    keys: Keys,
    store: ArticleStore,
    settings: BaseSettings,
    sources: set[str],
    days: float,
    counts: Counter[str],
) -> None:
    """The queue ran dry after changes: publish known ids, rebuild the feeds."""
    from aggregator.publish import build_feeds_for

    publish_known(server, keys, store, sorted(sources), days)
    try:
        report = build_feeds_for(settings)
    except Exception:
        logger.exception("feed build failed; run `baotinh feeds` to retry")
        counts["feeds_failed"] += 1
    else:
        counts["feeds_written"] += len(report.written)
    logger.info(
        "ingested: %s",
        ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
    )


def publish_known(
    server: redis.Redis, keys: Keys, store: ArticleStore, sources: Iterable[str], days: float
) -> None:
    """Replace each source's ``known`` set with the ids an incremental run need not fetch."""
    for source in sources:
        ids = sorted(store.known_ids(source, retry_dropped_after_days=days))
        key = keys.known(source)
        if not ids:
            server.delete(key)
            continue
        staging = f"{key}:staging"
        pipe = server.pipeline(transaction=False)
        pipe.delete(staging)
        for start in range(0, len(ids), 5000):
            pipe.sadd(staging, *ids[start : start + 5000])
        pipe.rename(staging, key)  # readers see the old set or the new one, never half of it
        pipe.execute()


class _Writer:
    """Applies batches of entries to the database, each batch in one transaction."""

    def __init__(self, store: ArticleStore, counts: Counter[str]) -> None:
        self.store = store
        self.db = store.db
        self.counts = counts
        with self.db.atomic():
            self.db[BOOKKEEPING].create(
                {"token": str, "run_id": int, "source": str, "seq": int, "updated": str, "finished": str},
                pk="token",
                if_not_exists=True,
            )
            now = datetime.now(UTC).replace(microsecond=0)
            self.db.execute(
                f"delete from {BOOKKEEPING} where (finished is not null and updated < ?) or updated < ?",
                ((now - timedelta(days=7)).isoformat(), (now - timedelta(days=30)).isoformat()),
            )

    def sources(self) -> list[str]:
        return [
            row[0]
            for row in self.db.execute(
                "select source from articles union select source from drops where source is not null"
            )
        ]

    def apply(self, raw: list[bytes]) -> set[str]:
        entries = []
        for data in raw:
            try:
                entry = json.loads(data)
                if not {"run", "seq", "kind"} <= entry.keys():
                    raise ValueError("not a baotinh entry")
            except (ValueError, AttributeError):
                logger.error("unreadable queue entry skipped: %r", data[:200])
                self.counts["unreadable"] += 1
                continue
            entries.append(entry)
        with self.db.atomic():
            marks = self._marks({e["run"] for e in entries})
            fresh = []
            for entry in entries:
                mark = marks.get(entry["run"])
                if mark is not None and entry["seq"] <= mark["seq"]:
                    self.counts["replayed"] += 1  # applied before a kill, still in Redis
                    continue
                fresh.append(entry)
                if mark is None:
                    marks[entry["run"]] = mark = {"run_id": None, "seq": 0, "finished": None}
                mark.update(seq=max(mark["seq"], entry["seq"]), source=entry.get("source"), touched=True)
            self.counts["entries"] += len(fresh)
            # Within a batch: runs open, then articles, drops, and runs close (a run's own entries
            # keep their order: its start comes before, its end after, everything else).
            for entry in fresh:
                if entry["kind"] == "start":
                    self._start(entry, marks[entry["run"]])
            self._articles([e for e in fresh if e["kind"] == "articles"], marks)
            drops = [
                {**drop, "run_id": marks.get(drop.get("run_id"), {}).get("run_id")}
                for e in fresh
                if e["kind"] == "drops"
                for drop in e.get("drops", ())
            ]
            self.store.record_drops(drops)
            self.counts["drops"] += len(drops)
            for entry in fresh:
                if entry["kind"] == "finish":
                    self._finish(entry, marks[entry["run"]])
            now = utc_now()
            self.db[BOOKKEEPING].upsert_all(
                [
                    {
                        "token": token,
                        "run_id": m["run_id"],
                        "source": m.get("source"),
                        "seq": m["seq"],
                        "updated": now,
                        "finished": m["finished"],
                    }
                    for token, m in marks.items()
                    if m.get("touched")
                ],
                pk="token",
            )
        return {e["source"] for e in fresh if e.get("source")}

    def _marks(self, tokens: set[str]) -> dict[str, dict[str, Any]]:
        if not tokens:
            return {}
        marks = ",".join("?" * len(tokens))
        sql = f"select token, run_id, seq, finished from {BOOKKEEPING} where token in ({marks})"
        return {
            token: {"run_id": run_id, "seq": seq, "finished": finished}
            for token, run_id, seq, finished in self.db.execute(sql, list(tokens))
        }

    def _start(self, entry: dict[str, Any], mark: dict[str, Any]) -> None:
        run_id = self.store.start_run(entry["source"])
        self.db["crawl_runs"].update(run_id, {"started": entry.get("started") or utc_now()})
        mark["run_id"] = run_id
        self.counts["runs_started"] += 1

    def _articles(self, entries: list[dict[str, Any]], marks: dict[str, dict[str, Any]]) -> None:
        by_run: dict[str, tuple[list[dict[str, Any]], list[tuple[str, str]]]] = {}
        for entry in entries:
            rows, aliases = by_run.setdefault(entry["run"], ([], []))
            rows.extend(entry.get("rows", ()))
            aliases.extend((url, target) for url, target in entry.get("aliases", ()))
        for run, (rows, aliases) in by_run.items():
            result = self.store.save_articles(rows, aliases=aliases)
            for name in (*_RUN_COUNTS, "duplicates"):
                self.counts[name] += getattr(result, name)
            self.counts["articles"] += len(rows)
            run_id = marks[run]["run_id"]
            if run_id is not None:
                self.db.execute(
                    "update crawl_runs set new = coalesce(new, 0) + ?, updated = coalesce(updated, 0) + ?, "
                    "unchanged = coalesce(unchanged, 0) + ? where id = ?",
                    (result.new, result.updated, result.unchanged, run_id),
                )

    def _finish(self, entry: dict[str, Any], mark: dict[str, Any]) -> None:
        mark["finished"] = entry.get("finished") or utc_now()
        self.counts["runs_finished"] += 1
        if mark["run_id"] is None:
            return
        skip = {"kind", "run", "seq", "source", "finished", *_RUN_COUNTS}
        self.store.finish_run(mark["run_id"], **{k: v for k, v in entry.items() if k not in skip})
        self.db["crawl_runs"].update(mark["run_id"], {"finished": mark["finished"]})


# --- the command -------------------------------------------------------------------------------


def add_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redis", help="Redis URL (default: BAOTINH_REDIS_URL)")
    parser.add_argument(
        "--until-idle",
        action="store_true",
        help="stop once the queue is empty (default: keep waiting until SIGTERM or Ctrl-C)",
    )
    parser.add_argument(
        "--batch", type=int, default=None, help="queue entries per SQLite transaction (BAOTINH_BATCH_SIZE)"
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    """``baotinh ingest``: prints the counts as JSON; exit 2 without Redis, 3 if the database is busy."""
    settings = project_settings(
        {"BAOTINH_OUTPUT": getattr(args, "output", None), "BAOTINH_DB": getattr(args, "db", None)}
    )
    url = args.redis or setting(settings, "BAOTINH_REDIS_URL")
    if not url:
        print("baotinh ingest: no Redis URL (--redis or BAOTINH_REDIS_URL)", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.get("LOG_LEVEL") or "INFO",
        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    stopping: list[int] = []

    def request_stop(signum: int, frame: Any) -> None:
        if stopping:
            raise KeyboardInterrupt  # a second signal: stop now (the batch is replayed next time)
        stopping.append(signum)
        logger.info("stopping after the current batch")

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)
    try:
        counts = ingest(
            url,
            settings,
            until_idle=args.until_idle,
            batch=args.batch or setting(settings, "BAOTINH_BATCH_SIZE"),
            stop=lambda: bool(stopping),
        )
    except lock.DatabaseBusyError as exc:
        print(f"baotinh: {exc}", file=sys.stderr)
        return 3
    except redis.RedisError as exc:
        print(f"baotinh ingest: Redis at {url}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(counts, sort_keys=True))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m aggregator.run.ingest", description="Drain the crawlers' Redis queue into SQLite."
    )
    add_ingest_arguments(parser)
    parser.add_argument("--output", default=None, help="output folder (BAOTINH_OUTPUT)")
    parser.add_argument("--db", default=None, help="database file (BAOTINH_DB)")
    return cmd_ingest(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
