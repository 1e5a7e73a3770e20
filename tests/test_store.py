"""The SQLite store on a real file: schema, upserts, revisions, drops, runs, ordering, WAL readers."""

from __future__ import annotations

import json
import sqlite3

import pytest

import aggregator.store.schema
from aggregator.store import ArticleStore, SaveResult

T1 = "2026-01-08T01:00:00+00:00"
T2 = "2026-01-08T02:00:00+00:00"
T3 = "2026-01-08T03:00:00+00:00"


class Clock:
    """A frozen ``utc_now`` that the test moves by hand."""

    def __init__(self, now: str) -> None:
        self.now = now

    def __call__(self) -> str:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock(T1)
    monkeypatch.setattr(aggregator.store.schema, "utc_now", frozen)
    return frozen


@pytest.fixture
def store(tmp_path):
    with ArticleStore(tmp_path / "articles.db") as opened:
        yield opened


def article(article_id: str = "a1", **fields):
    row = {
        "id": article_id,
        "url": f"https://baolangson.vn/bai-{article_id}.html",
        "source": "baolangson",
        "source_name": "Báo Lạng Sơn",
        "province": "Lạng Sơn",
        "title": "Hội chợ nông sản mùa xuân khai mạc",
        "body": "Sáng nay hội chợ khai mạc.",
        "content_hash": f"hash-{article_id}",
        "published": "2026-01-08T08:30:00+07:00",
        "tags": ["hội chợ", "nông sản"],
    }
    row.update(fields)
    return row


def columns(store: ArticleStore, table: str) -> list[str]:
    return [c.name for c in store.db[table].columns]


# --- schema ----------------------------------------------------------------------------------


def test_articles_columns(store):
    assert columns(store, "articles") == [
        "id",
        "url",
        "source",
        "source_name",
        "province",
        "platform",
        "title",
        "summary",
        "body",
        "body_html",
        "author",
        "credit",
        "dateline",
        "category",
        "tags",
        "image_url",
        "published",
        "published_raw",
        "date_conflict",
        "provenance",
        "modified",
        "first_seen",
        "last_seen",
        "updated",
        "revisions",
        "content_hash",
        "cluster_id",
        "sort_time",
        "published_day",
    ]


def test_articles_has_every_column_design_lists(store):
    design = {
        "id",
        "url",
        "source",
        "source_name",
        "province",
        "title",
        "summary",
        "body",
        "body_html",
        "author",
        "dateline",
        "category",
        "tags",
        "image_url",
        "published",
        "published_raw",
        "modified",
        "first_seen",
        "last_seen",
        "updated",
        "content_hash",
        "cluster_id",
    }
    assert design - set(columns(store, "articles")) == set()


def test_articles_primary_key(store):
    assert store.db["articles"].pks == ["id"]


def test_drops_columns(store):
    assert columns(store, "drops") == ["id", "url", "reason", "detail", "source", "run_id", "dropped_at"]


def test_crawl_runs_columns(store):
    assert columns(store, "crawl_runs") == [
        "id",
        "source",
        "started",
        "finished",
        "finish_reason",
        "pages",
        "new",
        "updated",
        "unchanged",
        "dropped",
        "errors",
        "stats",
    ]


def test_article_urls_columns(store):
    assert columns(store, "article_urls") == ["url", "article_id", "first_seen"]


def test_article_urls_primary_key(store):
    assert store.db["article_urls"].pks == ["url"]


def test_journal_mode_is_wal(store):
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_rows(tmp_path, clock):
    with ArticleStore(tmp_path / "articles.db") as first:
        first.save_articles([article()])
    with ArticleStore(tmp_path / "articles.db") as second:
        assert second.count() == 1


# --- save_articles ---------------------------------------------------------------------------


def row_of(store: ArticleStore, article_id: str = "a1") -> dict:
    return store.db["articles"].get(article_id)


def test_new_article_counted(store, clock):
    assert store.save_articles([article()]) == SaveResult(new=1)


def test_new_article_timestamps(store, clock):
    store.save_articles([article()])
    row = row_of(store)
    assert (row["first_seen"], row["last_seen"], row["updated"]) == (T1, T1, T1)


def test_new_article_revision_one(store, clock):
    store.save_articles([article()])
    assert row_of(store)["revisions"] == 1


def test_new_article_cluster_is_itself(store, clock):
    store.save_articles([article()])
    assert row_of(store)["cluster_id"] == "a1"


def test_tags_stored_as_json(store, clock):
    store.save_articles([article()])
    assert json.loads(row_of(store)["tags"]) == ["hội chợ", "nông sản"]


def test_tags_json_keeps_vietnamese_letters(store, clock):
    store.save_articles([article()])
    assert row_of(store)["tags"] == '["hội chợ", "nông sản"]'


@pytest.fixture
def edited(store, clock):
    """An article saved at T1 and saved again at T2 with a new title and hash."""
    store.save_articles([article()])
    clock.now = T2
    result = store.save_articles(
        [article(title="Hội chợ nông sản kéo dài thêm hai ngày", content_hash="hash-2")]
    )
    return store, result


def test_changed_article_counted_as_updated(edited):
    assert edited[1] == SaveResult(updated=1)


def test_changed_article_revisions_two(edited):
    assert row_of(edited[0])["revisions"] == 2


def test_changed_article_updated_moves(edited):
    assert row_of(edited[0])["updated"] == T2


def test_changed_article_first_seen_kept(edited):
    assert row_of(edited[0])["first_seen"] == T1


def test_changed_article_new_title_stored(edited):
    assert row_of(edited[0])["title"] == "Hội chợ nông sản kéo dài thêm hai ngày"


def test_changed_article_is_still_one_row(edited):
    assert edited[0].count() == 1


@pytest.fixture
def seen_again(edited, clock):
    """The edited article seen a third time at T3 with the same hash."""
    store, _ = edited
    clock.now = T3
    result = store.save_articles(
        [article(title="Hội chợ nông sản kéo dài thêm hai ngày", content_hash="hash-2")]
    )
    return store, result


def test_unchanged_article_counted(seen_again):
    assert seen_again[1] == SaveResult(unchanged=1)


def test_unchanged_article_updated_stays(seen_again):
    assert row_of(seen_again[0])["updated"] == T2


def test_unchanged_article_revisions_stay(seen_again):
    assert row_of(seen_again[0])["revisions"] == 2


def test_unchanged_article_last_seen_moves(seen_again):
    assert row_of(seen_again[0])["last_seen"] == T3


def test_unchanged_article_first_seen_kept(seen_again):
    assert row_of(seen_again[0])["first_seen"] == T1


def test_batch_mixes_new_and_known(store, clock):
    store.save_articles([article("a1")])
    result = store.save_articles(
        [article("a1"), article("a2", content_hash="y"), article("a3", content_hash="x")]
    )
    # a2 and a3 repeat a1's text under new hashes: stored, and clustered with a1 as near duplicates
    assert result == SaveResult(new=2, unchanged=1, clustered=2)


def test_empty_batch_writes_nothing(store, clock):
    assert (store.save_articles([]), store.count()) == (SaveResult(), 0)


def test_aliases_stored(store, clock):
    aliases = [
        ("https://baolangson.vn/bai-a1.html?utm_source=zalo", "a1"),
        ("http://www.baolangson.vn/bai-a1.html", "a1"),
    ]
    store.save_articles([article()], aliases=aliases)
    rows = list(store.db.query("select url, article_id, first_seen from article_urls order by url"))
    assert rows == [
        {"url": "http://www.baolangson.vn/bai-a1.html", "article_id": "a1", "first_seen": T1},
        {"url": "https://baolangson.vn/bai-a1.html?utm_source=zalo", "article_id": "a1", "first_seen": T1},
    ]


def test_known_alias_keeps_first_seen(store, clock):
    alias = [("http://baolangson.vn/bai-a1.html", "a1")]
    store.save_articles([article()], aliases=alias)
    clock.now = T2
    store.save_articles([article()], aliases=alias)
    assert store.db["article_urls"].get("http://baolangson.vn/bai-a1.html")["first_seen"] == T1


# --- drops and runs --------------------------------------------------------------------------


def test_record_drops(store, clock):
    store.record_drops(
        [
            {
                "url": "https://baolangson.vn/x.html",
                "reason": "no_title",
                "source": "baolangson",
                "run_id": 1,
            },
            {
                "url": "https://baolangson.vn/y.html",
                "reason": "no_body",
                "detail": "0 chars",
                "source": "baolangson",
            },
        ]
    )
    rows = list(store.db.query("select url, reason, detail, run_id, dropped_at from drops order by id"))
    assert rows == [
        {
            "url": "https://baolangson.vn/x.html",
            "reason": "no_title",
            "detail": None,
            "run_id": 1,
            "dropped_at": T1,
        },
        {
            "url": "https://baolangson.vn/y.html",
            "reason": "no_body",
            "detail": "0 chars",
            "run_id": None,
            "dropped_at": T1,
        },
    ]


def test_record_no_drops(store, clock):
    store.record_drops([])
    assert store.count("drops") == 0


def test_start_run_ids_increase(store, clock):
    assert (store.start_run("baolangson"), store.start_run("baocantho")) == (1, 2)


def test_run_started_not_finished(store, clock):
    run = store.start_run("baolangson")
    row = store.db["crawl_runs"].get(run)
    assert (row["source"], row["started"], row["finished"]) == ("baolangson", T1, None)


def test_finish_run_counts(store, clock):
    run = store.start_run("baolangson")
    clock.now = T2
    store.finish_run(
        run, finish_reason="finished", pages=12, new=3, updated=1, unchanged=7, dropped=1, errors=0
    )
    row = store.db["crawl_runs"].get(run)
    del row["stats"]
    assert row == {
        "id": run,
        "source": "baolangson",
        "started": T1,
        "finished": T2,
        "finish_reason": "finished",
        "pages": 12,
        "new": 3,
        "updated": 1,
        "unchanged": 7,
        "dropped": 1,
        "errors": 0,
    }


def test_finish_run_stats_json(store, clock):
    run = store.start_run("baolangson")
    store.finish_run(run, stats={"baotinh/drop/no_title": 2, "tỉnh": "Lạng Sơn"})
    stored = store.db["crawl_runs"].get(run)["stats"]
    assert stored == '{"baotinh/drop/no_title": 2, "tỉnh": "Lạng Sơn"}'


def test_finish_run_without_stats_stores_empty_object(store, clock):
    run = store.start_run("baolangson")
    store.finish_run(run, pages=1)
    assert store.db["crawl_runs"].get(run)["stats"] == "{}"


# --- newest ----------------------------------------------------------------------------------


@pytest.fixture
def timeline(store, clock):
    store.save_articles(
        [
            article("morning", published="2026-01-08T07:00:00+07:00"),
            article("evening", published="2026-01-08T19:00:00+07:00", source="baocantho"),
            article("yesterday", published="2026-01-07T21:00:00+07:00"),
        ]
    )
    # No published date: first seen at 15:00 UTC = 22:00 in Vietnam, the newest of all.
    clock.now = "2026-01-08T15:00:00+00:00"
    store.save_articles([article("undated", published=None)])
    # First seen at 05:00 UTC = 12:00 in Vietnam: between morning and evening.
    clock.now = "2026-01-08T05:00:00+00:00"
    store.save_articles([article("noon", published=None)])
    return store


def test_newest_order(timeline):
    assert [r["id"] for r in timeline.newest(limit=10)] == [
        "undated",
        "evening",
        "noon",
        "morning",
        "yesterday",
    ]


def test_newest_limit(timeline):
    assert [r["id"] for r in timeline.newest(limit=2)] == ["undated", "evening"]


def test_newest_where(timeline):
    rows = timeline.newest(limit=10, where="source = ?", params=("baolangson",))
    assert [r["id"] for r in rows] == ["undated", "noon", "morning", "yesterday"]


def test_newest_same_time_ordered_by_id(store, clock):
    same = "2026-01-08T07:00:00+07:00"
    store.save_articles([article("b", published=same), article("a", published=same)])
    assert [r["id"] for r in store.newest(limit=10)] == ["a", "b"]


def test_distinct_provinces(store, clock):
    store.save_articles([article("a1"), article("a2", province="Cần Thơ"), article("a3", province=None)])
    assert store.distinct("province") == ["Cần Thơ", "Lạng Sơn"]


# --- two connections on one file (WAL) -------------------------------------------------------


@pytest.fixture
def writer_in_transaction(tmp_path, clock):
    path = tmp_path / "articles.db"
    writer = ArticleStore(path)
    writer.save_articles([article("committed")])
    writer.db.execute("BEGIN IMMEDIATE")
    writer.db.execute("insert into articles (id, title) values ('pending', 'Chưa ghi')")
    yield path, writer
    writer.db.execute("ROLLBACK")
    writer.close()


def test_reader_opens_while_writer_holds_transaction(writer_in_transaction):
    path, _ = writer_in_transaction
    with ArticleStore(path, timeout=0.5) as reader:
        assert [r["id"] for r in reader.newest(limit=10)] == ["committed"]


def test_reader_counts_while_writer_holds_transaction(writer_in_transaction):
    path, _ = writer_in_transaction
    with ArticleStore(path, timeout=0.5) as reader:
        assert reader.count() == 1


def test_reader_sees_row_after_commit(writer_in_transaction):
    path, writer = writer_in_transaction
    with ArticleStore(path, timeout=0.5) as reader:
        writer.db.execute("COMMIT")
        writer.db.execute("BEGIN")  # for the fixture's rollback
        assert reader.count() == 2


def test_second_writer_waits_then_fails_clearly(writer_in_transaction):
    path, _ = writer_in_transaction
    with ArticleStore(path, timeout=0.2) as other, pytest.raises(sqlite3.OperationalError, match="locked"):
        other.save_articles([article("other")])


def test_known_ids_include_other_urls_of_stored_articles(store, clock):
    from aggregator.urls import article_id

    store.save_articles([article("a1")], aliases=[("https://baolangson.vn/chinh-tri/bai-a1.html", "a1")])
    assert article_id("https://baolangson.vn/chinh-tri/bai-a1.html") in store.known_ids("baolangson")


def test_last_run_interrupted(store, clock):
    store.start_run("baolangson")
    assert store.last_run_interrupted("baolangson", before="9999") is True


def test_last_run_finished_is_not_interrupted(store, clock):
    run_id = store.start_run("baolangson")
    store.finish_run(run_id, finish_reason="finished")
    assert store.last_run_interrupted("baolangson", before="9999") is False


# --- the day in Vietnam ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "day"),
    [
        ("2026-01-08T23:30:00+07:00", "2026-01-08"),
        ("2026-01-08T20:00:00+00:00", "2026-01-09"),  # 03:00 the next morning in Vietnam
        ("2026-01-08T16:59:59Z", "2026-01-08"),
        (None, None),
    ],
)
def test_published_day_is_the_day_in_vietnam(store, published, day):
    store.save_articles([article("a1", published=published)])
    assert store.db.execute("select published_day from articles").fetchone()[0] == day


def test_a_database_from_before_published_day_gets_it_filled(tmp_path):
    path = tmp_path / "old.db"
    with ArticleStore(path) as store:
        store.save_articles(
            [article("a1", published="2026-01-08T20:00:00+00:00"), article("a2", published=None)]
        )
        store.db.execute("alter table articles drop column published_day")
    with ArticleStore(path) as store:
        days = dict(store.db.execute("select id, published_day from articles order by id").fetchall())
    assert days == {"a1": "2026-01-09", "a2": None}
