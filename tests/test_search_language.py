"""The search language shared by ``baotinh search``, topic feeds and datasette's search box.

Each query runs on a real store (the real full-text index), so what is asserted is which
articles it finds, besides the FTS5 text it becomes and the errors a wrong query gets.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aggregator.store import ArticleStore
from aggregator.store.fts import FTS_TABLE, match_expression
from aggregator.store.query import QueryError, lenient, parse, plain_expression, words

TEXTS = {
    "lu": "Lũ lụt ở miền Trung, nhiều nhà bị ngập",
    "satlo": "Sạt lở đất trên đường đèo",
    "baogia": "Bão giá tiếp tục đẩy chi phí sản xuất lên cao",
    "bao": "Bão số 3 đổ bộ vào Quảng Ninh",
    "covid": "Tiêm vắc xin Covid-19 cho trẻ em",
    "duong": "Đường cao tốc Bắc Nam thông xe",
    "donglua": "Đồng lúa chín vàng ở Lai Châu",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("language") / "articles.db"
    with ArticleStore(path) as opened:
        opened.save_articles(
            [
                {
                    "id": key,
                    "url": f"https://baolaocai.vn/{key}.html",
                    "source": "baolaocai",
                    "source_name": "Báo Lào Cai",
                    "province": "Lào Cai",
                    "title": text,
                    "body": f"{text}. Tin do phóng viên gửi về.",
                    "content_hash": key,
                    "published": "2026-01-08T08:00:00+07:00",
                }
                for key, text in TEXTS.items()
            ]
        )
    with ArticleStore(path, readonly=True) as opened:
        yield opened


def found(store: ArticleStore, query: str) -> list[str]:
    expression = match_expression(query, strict=True)
    rows = store.db.execute(
        f"select a.id from {FTS_TABLE} f join articles a on a.rowid = f.rowid where {FTS_TABLE} match ?",
        [expression],
    )
    return sorted(r[0] for r in rows)


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("lũ lụt OR sạt lở", ["lu", "satlo"]),
        ("lu lut", ["lu"]),  # accents ignored
        ("LŨ LỤT", ["lu"]),  # case ignored
        ("đường", ["duong", "satlo"]),  # đ folded
        ("duong", ["duong", "satlo"]),
        ('"đường cao tốc"', ["duong"]),  # a phrase
        ('"cao đường"', []),  # a phrase keeps its order
        ('bão -"bão giá"', ["bao"]),  # an exclusion
        ("bão NOT giá", ["bao"]),
        ("(lũ OR bão) AND -giá", ["bao", "lu"]),
        ("covid-19", ["covid"]),  # a word with a dash is its pieces side by side
        ("đồng*", ["donglua"]),  # a prefix
        ("bão AND (số OR giá)", ["bao", "baogia"]),
        ("bão - Quảng Ninh", ["bao"]),  # a dash between words is punctuation, not an exclusion
        ('"sạt lở"*', ["satlo"]),  # a phrase whose last word is a prefix
        ("lũ or lụt", []),  # a lower-case or is a word
    ],
)
def test_query_finds(store, query, ids):
    assert found(store, query) == ids


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(lũ", "bracket is not closed"),
        ("lũ)", "bracket closed twice"),
        ('"sạt lở', "quotation mark is not closed"),
        ("lũ OR", "OR needs words on both sides"),
        ("OR lũ", "OR needs words on both sides"),
        ("lũ AND", "AND needs words on both sides"),
        ("-lũ", "only leaves words out"),
        ("NOT lũ", "only leaves words out"),
        ("lũ NOT", "NOT (or -) needs the words to leave out"),
        ("", "no words to look for"),
        ("!!! ...", "no words to look for"),
        ("()", "no words to look for"),
        ("(lũ AND)", "AND needs words on both sides"),
        ('"*', "quotation mark is not closed"),
        ("a (b (c (d (e (f (g (h (i (j)))))))))", "brackets nested more than 8 deep"),
        ("(" * 1000 + "lũ" + ")" * 1000, "brackets nested more than 8 deep"),
    ],
)
def test_wrong_query_says_what_is_wrong(query, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(query)


def test_lenient_reads_a_wrong_query_as_its_words():
    assert (lenient("lũ OR"), lenient('"sạt lở'), lenient("!!!")) == ('"lu"', '"sat" "lo"', "")


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ('bão -"bão giá', '"bao"'),  # the quote not closed: still without what it excluded
        ("-bão", ""),  # nothing left to look for: nothing found, not everything excluded
        ("a NOT b OR NOT c", '"a"'),
        ("lũ -(giá xăng) OR", '"lu"'),
    ],
)
def test_lenient_never_looks_for_what_was_excluded(query, expression):
    assert lenient(query) == expression


def test_plain_expression_drops_operators_and_exclusions():
    assert plain_expression('a OR NOT "b" c* "d e"*') == '"a" "c"* "d" "e"*'


def test_words_for_ranking_leave_out_exclusions_and_operators():
    assert words('Lũ OR "sạt lở" -giá NOT bão đường* -(xăng dầu) mưa') == ["lu", "sat", "lo", "duong*", "mua"]


def test_search_box_reads_a_wrong_query_as_its_words(store):
    expression = match_expression("lũ OR (", strict=False)
    rows = store.db.execute(
        f"select a.id from {FTS_TABLE} f join articles a on a.rowid = f.rowid where {FTS_TABLE} match ?",
        [expression],
    )
    assert [r[0] for r in rows] == ["lu"]


ALPHABET = st.sampled_from(["ab", "đ", "lũ", "OR", "AND", "NOT", "x*", " ", '"', "(", ")", "-"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join))
def test_any_text_parses_to_valid_fts5_or_a_query_error(text):
    """Whatever is typed: a QueryError, or an expression FTS5 accepts (never FTS5's own syntax error)."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute(f"create virtual table {FTS_TABLE} using fts5(title, summary, body, facets, content='')")
    for strict in (True, False):
        try:
            expression = match_expression(text, strict=strict)
        except QueryError:
            assert strict
            continue
        if expression:
            conn.execute(f"select rowid from {FTS_TABLE} where {FTS_TABLE} match ?", [expression]).fetchall()
