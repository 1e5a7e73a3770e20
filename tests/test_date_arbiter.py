"""The date arbiter: every candidate with its source, rules from real pages, order never matters."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from aggregator.dates import VN_TZ
from aggregator.extract.arbiter import interpret, read_candidates

# OneCMS's four dates of one story (our own story, the real pages' shapes): printed header,
# JSON-LD, the en-US article:published_time meta, and an inline script's local time labelled Z.
ONECMS = [
    ("selector", "14/10/2025 09:07"),
    ("jsonld", "2025-10-14T09:07:31+07:00"),
    ("meta", "10/14/2025 9:07:31 AM"),
    ("script", "2025-10-14T09:07:31Z"),
]
AMBIGUOUS_ONECMS = [
    ("selector", "05/03/2024 16:40"),
    ("jsonld", "2024-03-05T16:40:12+07:00"),
    ("meta", "3/5/2024 4:40:12 PM"),
    ("script", "2024-03-05T16:40:12Z"),
]


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VN_TZ)


def test_agreeing_onecms_dates_give_the_structured_seconds() -> None:
    choice = read_candidates(ONECMS)
    assert choice.value == at(2025, 10, 14, 9, 7, 31)


def test_agreeing_onecms_dates_leave_no_conflict() -> None:
    assert read_candidates(ONECMS).conflicts == []


def test_am_pm_numeric_date_is_month_first() -> None:
    candidate = interpret("meta", "9/11/2021 3:29:47 PM")
    assert candidate is not None and candidate.value == at(2021, 9, 11, 15, 29, 47)


def test_am_pm_date_with_both_numbers_a_month_is_ambiguous() -> None:
    candidate = interpret("meta", "9/11/2021 3:29:47 PM")
    assert candidate is not None and candidate.ambiguous


def test_am_pm_date_with_a_day_over_twelve_is_sure() -> None:
    candidate = interpret("meta", "4/26/2022 11:05:00 AM")
    assert candidate is not None and not candidate.ambiguous and candidate.value == at(2022, 4, 26, 11, 5)


def test_weekday_word_proves_a_pm_date_day_first() -> None:
    """dates.tsv: "Chủ nhật, 4/1/2026 08:15 PM" is Sunday 4 January (1 April 2026 is a Wednesday)."""
    candidate = interpret("selector", "Chủ nhật, 4/1/2026 08:15 PM")
    assert candidate is not None and candidate.value == at(2026, 1, 4, 20, 15)


def test_without_am_pm_dates_are_day_first() -> None:
    candidate = interpret("selector", "05/03/2024 16:40")
    assert candidate is not None and candidate.value == at(2024, 3, 5, 16, 40)


def test_ambiguous_candidate_never_beats_a_sure_one_that_disagrees() -> None:
    choice = read_candidates([("meta", "3/5/2024 4:40:12 PM"), ("selector", "03/05/2024 16:40")])
    assert choice.value == at(2024, 5, 3, 16, 40)


def test_the_ambiguous_one_that_lost_is_a_conflict() -> None:
    choice = read_candidates([("meta", "3/5/2024 4:40:12 PM"), ("selector", "03/05/2024 16:40")])
    assert [c["source"] for c in choice.conflicts] == ["meta"]


def test_false_utc_is_read_as_local_time() -> None:
    choice = read_candidates([("script", "2022-04-26T11:05:00Z"), ("selector", "26/04/2022 11:05")])
    assert choice.value == at(2022, 4, 26, 11, 5) and choice.conflicts == []


def test_real_utc_naming_the_same_instant_stays_utc() -> None:
    """Tây Ninh's dateModified …T04:51:00Z is 11:51 +07: right as it is."""
    choice = read_candidates(
        [("jsonld", "2021-12-01T04:51:00.000000Z"), ("selector", "01/12/2021 | 11:51:00")]
    )
    assert choice.value == at(2021, 12, 1, 11, 51) and choice.conflicts == []


def test_naive_time_is_vietnam_time() -> None:
    choice = read_candidates([("jsonld", "2021-12-01 11:51:00")])
    assert choice.value is not None and choice.value.utcoffset() == timedelta(hours=7)


def test_agreement_beats_a_lone_meta() -> None:
    choice = read_candidates(
        [
            ("meta", "2023-01-02T08:00:00+07:00"),
            ("selector", "05/01/2023 10:30"),
            ("jsonld", "2023-01-05T10:30:00+07:00"),
        ]
    )
    assert choice.value == at(2023, 1, 5, 10, 30)


def test_the_lone_meta_is_recorded_as_a_conflict() -> None:
    choice = read_candidates(
        [
            ("meta", "2023-01-02T08:00:00+07:00"),
            ("selector", "05/01/2023 10:30"),
            ("jsonld", "2023-01-05T10:30:00+07:00"),
        ]
    )
    assert choice.conflicts == [
        {"source": "meta", "raw": "2023-01-02T08:00:00+07:00", "value": "2023-01-02T08:00:00+07:00"}
    ]


def test_printed_minute_wins_a_tie_with_unbacked_seconds() -> None:
    """Báo An Giang: printed 14:50, JSON-LD 14:50:06: one each, the printed header is trusted more."""
    choice = read_candidates([("jsonld", "2023-06-30T14:50:06+07:00"), ("selector", "30/06/2023 - 14:50")])
    assert choice.value == at(2023, 6, 30, 14, 50) and choice.source == "selector"


def test_a_day_only_date_agrees_with_a_time_that_day() -> None:
    """Báo Cần Thơ: JSON-LD gives the day, the header the time: the time is kept, no conflict."""
    choice = read_candidates([("jsonld", "2026-01-08"), ("selector", "08/01/2026 - 18:21")])
    assert choice.value == at(2026, 1, 8, 18, 21) and choice.conflicts == []


def test_feed_date_decides_only_when_the_page_says_nothing() -> None:
    assert read_candidates([("feed", "Tue, 14 Oct 2025 02:07:31 GMT")]).value == at(2025, 10, 14, 9, 7, 31)


def test_feed_date_never_makes_a_conflict() -> None:
    choice = read_candidates([("feed", "Wed, 15 Oct 2025 10:00:00 GMT"), ("selector", "14/10/2025 09:07")])
    assert choice.value == at(2025, 10, 14, 9, 7) and choice.conflicts == []


def test_unreadable_dates_keep_the_raw_string() -> None:
    choice = read_candidates([("selector", "đang cập nhật")])
    assert (choice.value, choice.raw) == (None, "đang cập nhật")


def test_no_candidates_no_date() -> None:
    assert read_candidates([]).value is None


PAGES = st.sampled_from(
    [
        ONECMS,
        AMBIGUOUS_ONECMS,
        [("meta", "3/5/2024 4:40:12 PM"), ("selector", "03/05/2024 16:40")],
        [("jsonld", "2023-06-30T14:50:06+07:00"), ("selector", "30/06/2023 - 14:50"), ("url", "2023-06-30")],
        [("meta", "2023-01-02T08:00:00+07:00"), ("jsonld", "2023-01-05T10:30:00+07:00")],
        [("text", "2 giờ trước"), ("jsonld", "2025-12-23T09:02:07+07:00"), ("time", "2025-12-23T09:02:00")],
        [
            ("selector", "01/12/2021 | 11:51:00"),
            ("jsonld", "2021-12-01 11:51:00"),
            ("script", "2021-12-01T04:51:00Z"),
        ],
    ]
)


@settings(max_examples=200, deadline=None)
@given(page=PAGES, data=st.data())
def test_any_order_of_candidates_gives_the_same_answer(
    page: list[tuple[str, str]], data: st.DataObject
) -> None:
    now = datetime(2025, 12, 23, 11, 0, tzinfo=VN_TZ)
    shuffled = data.draw(st.permutations(page))
    first, second = read_candidates(page, now=now), read_candidates(shuffled, now=now)
    assert (second.value, second.source, second.raw, second.conflicts) == (
        first.value,
        first.source,
        first.raw,
        first.conflicts,
    )


@settings(max_examples=200, deadline=None)
@given(
    minutes=st.lists(st.integers(min_value=0, max_value=60 * 24 * 3), min_size=1, max_size=5),
    sources=st.lists(st.sampled_from(["selector", "jsonld", "meta", "time", "text"]), min_size=5, max_size=5),
    data=st.data(),
)
def test_any_order_of_random_candidates_gives_the_same_answer(
    minutes: list[int], sources: list[str], data: st.DataObject
) -> None:
    base = at(2024, 7, 1, 6, 0)
    page = [(sources[i], (base + timedelta(minutes=m)).isoformat()) for i, m in enumerate(minutes)]
    shuffled = data.draw(st.permutations(page))
    first, second = read_candidates(page), read_candidates(shuffled)
    assert (second.value, second.source, second.conflicts) == (first.value, first.source, first.conflicts)
