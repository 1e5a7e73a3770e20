"""parse_vn_date on real strings, frozen clocks, noise, and its dateparser fallback.

Every row of ../shared/corpus/dates.tsv is a case (read at run time, skipped when the corpus is
absent). Random round trips of every format live in test_dates_properties.py.
"""

from __future__ import annotations

import csv
import json
import random
import re
import string
import time
import unicodedata
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from aggregator.dates import VN_TZ, ParsedDate, fallback, parse_vn_date

CORPUS_TSV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dates.tsv"
# Frozen "now": the znews listing render time, which the corpus notes give.
NOW = datetime(2025, 12, 23, 10, 22, tzinfo=VN_TZ)


def _corpus_rows() -> list[dict[str, str]]:
    if not CORPUS_TSV.exists():
        return []
    with CORPUS_TSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


ROWS = _corpus_rows()


def _render_times(rows: list[dict[str, str]]) -> dict[str, datetime]:
    """Per site, the render time a note gives (``page rendered ~2025-12-23T10:22+07:00``)."""
    found = {}
    for row in rows:
        if m := re.search(r"rendered ~(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?)", row["note"]):
            found[row["site"]] = datetime.fromisoformat(m.group(1)).astimezone(VN_TZ)
    return found


RENDER_TIMES = _render_times(ROWS)


def _row_params() -> list[Any]:
    if not ROWS:
        return [pytest.param(None, id="corpus-absent")]
    return [pytest.param(row, id=f"{i:02d}-{row['raw_string'][:32]}") for i, row in enumerate(ROWS)]


def _fields(text: str | None, *names: str, now: datetime = NOW) -> tuple[Any, ...] | None:
    """The named attributes of the parse (``isoformat`` for the ISO string), or None."""
    parsed = parse_vn_date(text, now=now)
    if parsed is None:
        return None
    return tuple(parsed.isoformat() if name == "isoformat" else getattr(parsed, name) for name in names)


def _iso(text: str, now: datetime = NOW) -> str | None:
    parsed = parse_vn_date(text, now=now)
    return None if parsed is None else parsed.isoformat()


def _rounding_window(raw: str) -> timedelta:
    """How far a site's rounded relative string may sit from the real time."""
    if "phút trước" in raw:
        return timedelta(minutes=1)
    return timedelta(minutes=35)  # znews rounds hours to the nearest one


# --------------------------------------------------------------------------- the real corpus
@pytest.mark.parametrize("row", _row_params())
def test_corpus_row(row: dict[str, str] | None) -> None:
    if row is None:
        pytest.skip("../shared/corpus/dates.tsv is absent")
    raw, answer = row["raw_string"], row["iso_expected"]
    if m := re.fullmatch(r"NOW-(\d+)h.*", answer):
        parsed = parse_vn_date(raw, now=NOW)
        assert parsed == ParsedDate(NOW - timedelta(hours=int(m.group(1))), "minute", True, False)
    elif "trước" in raw:
        if row["site"] not in RENDER_TIMES:
            pytest.skip(f"no render time noted for {row['site']}")
        parsed = parse_vn_date(raw, now=RENDER_TIMES[row["site"]])
        off_by = abs(parsed.value - datetime.fromisoformat(answer)) if parsed else None
        within = off_by is not None and off_by <= _rounding_window(raw)
        got = parsed and (parsed.relative, parsed.precision, within)
        assert got == (True, "minute", True), f"{raw!r} -> {parsed}, expected about {answer}"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", answer):
        assert _fields(raw, "isoformat", "precision") == (f"{answer}T00:00:00+07:00", "day")
    else:
        assert _fields(raw, "isoformat", "relative") == (answer, False)


# --------------------------------------------------------------------------- absolute formats
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ tư,  19/02/2020", "2020-02-19T00:00:00+07:00"),
        ("thứ 4, 19/02/2020", "2020-02-19T00:00:00+07:00"),
        ("T4, 19-2-2020", "2020-02-19T00:00:00+07:00"),
        ("Chủ nhật, 4/1/2026 08:15 PM", "2026-01-04T20:15:00+07:00"),
        ("CN 4.1.2026", "2026-01-04T00:00:00+07:00"),
        ("9h41, ngày 20/02/2020", "2020-02-20T09:41:00+07:00"),
        ("9 giờ 41 phút, ngày 20/02/2020", "2020-02-20T09:41:00+07:00"),
        ("20/02/2020 lúc 9 giờ 41 phút 5 giây", "2020-02-20T09:41:05+07:00"),
        ("Cập nhật lúc 08:00 ngày 12/3/2021", "2021-03-12T08:00:00+07:00"),
        ("Đăng lúc: 08:00 12/3/2021", "2021-03-12T08:00:00+07:00"),
        ("Ngày đăng: 12/03/2021", "2021-03-12T00:00:00+07:00"),
        ("Xuất bản: 12.03.2021 08:00:05", "2021-03-12T08:00:05+07:00"),
        ("ngày 12 tháng 3 năm 2021", "2021-03-12T00:00:00+07:00"),
        ("12 tháng 3, 2021", "2021-03-12T00:00:00+07:00"),
        ("12 Tháng Ba 2021", "2021-03-12T00:00:00+07:00"),
        ("12 tháng Mười Một, 2021 10:15", "2021-11-12T10:15:00+07:00"),
        ("12 thg 3, 2021", "2021-03-12T00:00:00+07:00"),
        ("tháng 3/2021", "2021-03-01T00:00:00+07:00"),
        ("Thứ năm, 2/11/2023, 19:20 (GMT+7)", "2023-11-02T19:20:00+07:00"),
        ("Thứ sáu, ngày 23/02/2024 18:36 PM (GMT+7)", "2024-02-23T18:36:00+07:00"),
        ("12:30 AM 1/1/2020", "2020-01-01T00:30:00+07:00"),
        ("12:05 PM 1/1/2020", "2020-01-01T12:05:00+07:00"),
        ("8:15 CH 1/1/2020", "2020-01-01T20:15:00+07:00"),
        ("2021/03/12 08:00", "2021-03-12T08:00:00+07:00"),
        ("10:05 | 31/10/2012", "2012-10-31T10:05:00+07:00"),
        ("08/01/2026 – 18:21", "2026-01-08T18:21:00+07:00"),
        ("2025-06-17T13:43:02+0700", "2025-06-17T13:43:02+07:00"),
        ("2025-06-17T13:43:02.123456-05:00", "2025-06-17T13:43:02-05:00"),
        ("2025-12-24 09:30", "2025-12-24T09:30:00+07:00"),
        ("2025-12-24T02:30:00Z", "2025-12-24T02:30:00+00:00"),
        ("2026-01-08", "2026-01-08T00:00:00+07:00"),
        ("Wed, 30 Aug 2017 20:03:00 +0700", "2017-08-30T20:03:00+07:00"),
        ("Wed, 30 Aug 2017 13:03:00 GMT", "2017-08-30T13:03:00+00:00"),
        ("1750142582", "2025-06-17T13:43:02+07:00"),
        ("1750142582999", "2025-06-17T13:43:02+07:00"),
    ],
)
def test_absolute_formats(text: str, expected: str) -> None:
    assert _iso(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/02/2020", "2020-02-07T00:00:00+07:00"),
        ("02/01/2026 07:30", "2026-01-02T07:30:00+07:00"),
        ("1.2.2020", "2020-02-01T00:00:00+07:00"),
        ("12-11-2024", "2024-11-12T00:00:00+07:00"),
    ],
)
def test_day_comes_first(text: str, expected: str) -> None:
    assert _iso(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/06/2025 13:43", ("2025-06-17T13:43:00+07:00", "minute")),
        ("Thứ Tư, 24/12/2025 09:30:00 +07:00", ("2025-12-24T09:30:00+07:00", "second")),
        ("23/12/2025", ("2025-12-23T00:00:00+07:00", "day")),
        ("2025-12-23T09:02:07.000+07:00", ("2025-12-23T09:02:07+07:00", "second")),
    ],
)
def test_precision_follows_the_text(text: str, expected: tuple[str, str]) -> None:
    assert _fields(text, "isoformat", "precision") == expected


def test_no_offset_means_vietnam_zone() -> None:
    parsed = parse_vn_date("17/06/2025 13:43", now=NOW)
    assert (parsed.value.tzinfo if parsed else None) is VN_TZ


def test_explicit_offset_is_kept() -> None:
    assert _iso("Thứ ba, 23/12/2025 09:02 (GMT+8)") == "2025-12-23T09:02:00+08:00"


@pytest.mark.parametrize(
    "text",
    [
        unicodedata.normalize("NFD", "Thứ tư, 19/02/2020"),
        "Thứ\xa0tư,\u200b 19/02/2020",
        "  THỨ TƯ ,  19 / 02 / 2020  ",
    ],
    ids=["decomposed", "nbsp-zero-width", "spaced-capitals"],
)
def test_text_quirks(text: str) -> None:
    assert _iso(text) == "2020-02-19T00:00:00+07:00"


# --------------------------------------------------------------------------- weekdays
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ hai, 19/02/2020", ("2020-02-19T00:00:00+07:00", True)),
        ("Thứ tư, 19/02/2020", ("2020-02-19T00:00:00+07:00", False)),
        ("T2, 19/02/2020 10:15", ("2020-02-19T10:15:00+07:00", True)),
        ("Chủ nhật, ngày 19/02/2020 10:15 PM (GMT+7)", ("2020-02-19T22:15:00+07:00", True)),
        ("19/02/2020 (Thứ Tư)", ("2020-02-19T00:00:00+07:00", False)),
        ("Mon, 19 Feb 2020 10:15:00 +0700", ("2020-02-19T10:15:00+07:00", True)),
    ],
)
def test_weekday_checked_and_numbers_win(text: str, expected: tuple[str, bool]) -> None:
    assert _fields(text, "isoformat", "weekday_mismatch") == expected


# --------------------------------------------------------------------------- year-less dates
@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("Ngày 28-12", datetime(2026, 1, 5, 9, 0, tzinfo=VN_TZ), "2025-12-28T00:00:00+07:00"),
        ("Ngày 9-10", datetime(2025, 10, 9, 8, 0, tzinfo=VN_TZ), "2025-10-09T00:00:00+07:00"),
        ("Ngày 9-10", datetime(2025, 10, 8, 8, 0, tzinfo=VN_TZ), "2024-10-09T00:00:00+07:00"),
        ("ngày 29/2", datetime(2026, 3, 1, 8, 0, tzinfo=VN_TZ), "2024-02-29T00:00:00+07:00"),
        ("ngày 12 tháng 3", datetime(2026, 1, 5, 8, 0, tzinfo=VN_TZ), "2025-03-12T00:00:00+07:00"),
        ("10:00 ngày 23/12", NOW, "2025-12-23T10:00:00+07:00"),
        ("(CTO) - Ngày 8-1, Phó Thủ tướng chủ trì hội nghị", NOW, "2025-01-08T00:00:00+07:00"),
    ],
)
def test_yearless_is_latest_not_after_now(text: str, now: datetime, expected: str) -> None:
    assert _iso(text, now) == expected


# --------------------------------------------------------------------------- relative dates
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vừa xong", ("2025-12-23T10:22:00+07:00", "minute")),
        ("30 giây trước", ("2025-12-23T10:21:30+07:00", "second")),
        ("5 phút trước", ("2025-12-23T10:17:00+07:00", "minute")),
        ("4 giờ trước", ("2025-12-23T06:22:00+07:00", "minute")),
        ("16 giờ trước", ("2025-12-22T18:22:00+07:00", "minute")),
        ("1 giờ 20 phút trước", ("2025-12-23T09:02:00+07:00", "minute")),
        ("2 ngày trước", ("2025-12-21T10:22:00+07:00", "day")),
        ("hai ngày trước", ("2025-12-21T10:22:00+07:00", "day")),
        ("cách đây 3 ngày", ("2025-12-20T10:22:00+07:00", "day")),
        ("tuần trước", ("2025-12-16T10:22:00+07:00", "day")),
        ("2 tuần trước", ("2025-12-09T10:22:00+07:00", "day")),
        ("3 tháng trước", ("2025-09-23T10:22:00+07:00", "day")),
        ("năm ngoái", ("2024-12-23T10:22:00+07:00", "day")),
        ("hôm qua 10:00", ("2025-12-22T10:00:00+07:00", "minute")),
        ("10:00 hôm qua", ("2025-12-22T10:00:00+07:00", "minute")),
        ("hôm qua", ("2025-12-22T00:00:00+07:00", "day")),
        ("hôm nay", ("2025-12-23T00:00:00+07:00", "day")),
        ("hôm nay 08:30", ("2025-12-23T08:30:00+07:00", "minute")),
        ("hôm kia", ("2025-12-21T00:00:00+07:00", "day")),
    ],
)
def test_relative_against_frozen_now(text: str, expected: tuple[str, str]) -> None:
    assert _fields(text, "isoformat", "precision", "relative") == (*expected, True)


def test_month_arithmetic_clamps_to_month_end() -> None:
    now = datetime(2024, 3, 31, 12, 0, tzinfo=VN_TZ)
    assert _iso("1 tháng trước", now) == "2024-02-29T12:00:00+07:00"


def test_naive_now_is_vietnam_time() -> None:
    assert _iso("2 giờ trước", datetime(2025, 12, 23, 10, 22)) == "2025-12-23T08:22:00+07:00"


def test_aware_now_elsewhere_is_converted() -> None:
    now = datetime(2025, 12, 22, 18, 0, tzinfo=UTC)  # 01:00 on the 23rd in Vietnam
    assert _iso("hôm qua", now) == "2025-12-22T00:00:00+07:00"


def test_default_now_is_the_current_time() -> None:
    parsed = parse_vn_date("vừa xong")
    lag = abs(parsed.value - datetime.now(VN_TZ)) if parsed else None
    assert (lag is not None and lag < timedelta(minutes=2), parsed and parsed.relative) == (True, True)


# --------------------------------------------------------------------------- noise
NOISE = [
    None,
    "",
    "   ",
    "\u200b",
    "0912 345 678",
    "0912345678",
    "+84-214-3842-648",
    "(0214) 3842 648",
    "số 118",
    "Số 118",
    "10:15",
    "25:61",
    "31/02/2020",
    "29/02/2023",
    "32/01/2020",
    "12/13/2020",
    "24/12/2025 25:61",
    "2021",
    "9/10",
    "1/1/1850",
    "1/1/2150",
    "năm 2021",
    "tháng ba",
    "tuần này",
    "2 ngày qua",
    "ngày trước",
    "9999 năm trước",
    "Trang 2",
    "Tin, ảnh: P.Y",
    "10:15 24/12/2025 10:20",
    "từ ngày 1/1/2020 đến ngày 5/1/2020",
    "Trong tháng 3/2021, tỉnh đã trồng 2 triệu cây",
    "ngày 9-10/1",
    "ngày 9-10 tháng 3",
    "12345678901",
    "thg 12 31, 9999",
    "thg 12 31, 2099",
]


@pytest.mark.parametrize("text", NOISE, ids=lambda t: repr(t)[:30])
def test_noise_gives_none(text: str | None) -> None:
    assert parse_vn_date(text, now=NOW) is None


def test_ten_kilobytes_of_random_text_is_rejected_quickly() -> None:
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + " /-:.,ăâđêôơưạảấầẩẫậ"
    text = "".join(rng.choice(alphabet) for _ in range(10_000))
    start = time.perf_counter()
    result = parse_vn_date(text, now=NOW)
    assert (result, time.perf_counter() - start < 0.05) == (None, True)


def test_long_text_is_not_a_date_string_even_with_a_date_inside() -> None:
    text = "Một đoạn văn dài. " * 40 + "ngày 12/3/2021"
    assert parse_vn_date(text, now=NOW) is None


def test_non_string_is_none() -> None:
    assert parse_vn_date(20250617, now=NOW) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------- free text
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Báo in số 118 ra ngày 5/1/2026", "2026-01-05T00:00:00+07:00"),
        ("giấy phép do Sở cấp ngày 02-12-2021.", "2021-12-02T00:00:00+07:00"),
        ("bài viết cập nhật lúc 08:00 ngày 12/3/2021 bởi ban biên tập", "2021-03-12T08:00:00+07:00"),
    ],
)
def test_one_date_inside_free_text_is_returned(text: str, expected: str) -> None:
    assert _iso(text) == expected


# --------------------------------------------------------------------------- dateparser fallback
class _Spy:
    """Wraps dateparser's DateDataParser to count calls and remember what they raised."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls = 0
        self.raised: list[type[BaseException]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> _Spy:
        self.parser = self.real(*args, **kwargs)
        return self

    def get_date_data(self, text: str) -> Any:
        self.calls += 1
        try:
            return self.parser.get_date_data(text)
        except Exception as error:
            self.raised.append(type(error))
            raise


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> _Spy:
    spy = _Spy(fallback._date_data_parser_class())
    monkeypatch.setattr(fallback, "_date_data_parser_class", lambda: spy)
    return spy


def test_fallback_reads_what_the_fast_path_does_not(spy: _Spy) -> None:
    iso = _iso("thg 3 12, 2021")  # ICU short month, month first
    assert (iso, spy.calls) == ("2021-03-12T00:00:00+07:00", 1)


def test_fallback_exception_gives_none(spy: _Spy) -> None:
    result = parse_vn_date("thg 1 1, 0001", now=NOW)  # dateparser raises OverflowError
    assert (result, spy.raised) == (None, [OverflowError])


def test_fallback_any_exception_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def __init__(self, **_: Any) -> None:
            pass

        def get_date_data(self, text: str) -> Any:
            raise RuntimeError("boom")

    monkeypatch.setattr(fallback, "_date_data_parser_class", lambda: Broken)
    assert parse_vn_date("thg 3 12, 2021", now=NOW) is None


@pytest.mark.parametrize("text", ["10:15", "0912 345 678", "số 118", "9 giờ 41 phút, ngày 20/02/2020"])
def test_fast_path_owns_these_and_dateparser_is_not_asked(spy: _Spy, text: str) -> None:
    parse_vn_date(text, now=NOW)
    assert spy.calls == 0


# --------------------------------------------------------------------------- the value object
def test_as_dict_is_json_ready() -> None:
    parsed = parse_vn_date("Thứ hai, 23/12/2025 09:02 (GMT+7)", now=NOW)
    assert parsed is not None
    assert json.loads(json.dumps(parsed.as_dict())) == {
        "value": "2025-12-23T09:02:00+07:00",
        "precision": "minute",
        "relative": False,
        "weekday_mismatch": True,
    }


def test_day_precision_isoformat_is_full_midnight() -> None:
    assert _iso("23/12/2025") == "2025-12-23T00:00:00+07:00"


def test_parsed_date_is_frozen() -> None:
    parsed = ParsedDate(NOW, "minute", False, False)
    with pytest.raises(FrozenInstanceError):
        parsed.precision = "day"  # type: ignore[misc]
