"""Round trips: random datetimes rendered the ways sites write them must parse back exactly.

Each strategy renders one aware datetime (1995..2090) in one family of formats, with the
separators, padding, weekday forms, time positions and offsets chosen at random, and returns the
string with the value and precision it must parse to.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from aggregator.dates import VN_TZ, parse, parse_vn_date, patterns

Rendered = tuple[str, datetime, str]

MOMENTS = st.datetimes(
    min_value=datetime(1995, 1, 1), max_value=datetime(2090, 12, 31, 23, 59, 59), timezones=st.just(VN_TZ)
).map(lambda t: t.replace(microsecond=0))
OFFSETS = st.sampled_from([0, 7 * 60, -5 * 60, 5 * 60 + 30, 9 * 60 + 45, -3 * 60 - 30, 14 * 60]).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
WEEKDAY_NAMES = ("hai", "ba", "tư", "năm", "sáu", "bảy")
MONTH_WORDS = ("Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai")
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FRESH = settings(max_examples=300, deadline=None)


def _midnight(t: datetime) -> datetime:
    return t.replace(hour=0, minute=0, second=0)


@st.composite
def weekday_words(draw: st.DrawFn, t: datetime) -> str:
    """``Thứ tư``, ``thứ Tư``, ``THỨ TƯ``, ``Thứ 4``, ``T4``, ``Chủ nhật``, ``CN``."""
    index = t.weekday()
    if index == 6:
        forms = ["Chủ nhật", "Chủ Nhật", "chủ nhật", "CHỦ NHẬT", "CN"]
    else:
        name = WEEKDAY_NAMES[index]
        forms = [f"Thứ {name}", f"Thứ {name.title()}", f"thứ {name}", f"THỨ {name.upper()}"]
        forms += [f"Thứ {index + 2}", f"T{index + 2}"]
    return draw(st.sampled_from(forms))


@st.composite
def numeric_dates(draw: st.DrawFn, t: datetime) -> str:
    sep = draw(st.sampled_from("/-."))
    if draw(st.booleans()):
        return f"{t.day:02d}{sep}{t.month:02d}{sep}{t.year}"
    return f"{t.day}{sep}{t.month}{sep}{t.year}"


@st.composite
def clock_times(draw: st.DrawFn, t: datetime) -> tuple[str, datetime, str]:
    """A clock time in one of the site forms, the value it stands for, and its precision."""
    minute = t.replace(second=0)
    form = draw(
        st.sampled_from(["hh:mm", "h:mm", "hh:mm:ss", "9h41", "giờ phút", "giờ phút giây", "12h", "stray"])
    )
    if form == "hh:mm":
        return f"{t:%H:%M}", minute, "minute"
    if form == "h:mm":
        return f"{t.hour}:{t.minute:02d}", minute, "minute"
    if form == "hh:mm:ss":
        return f"{t:%H:%M:%S}", t, "second"
    if form == "9h41":
        return f"{t.hour}h{t.minute:02d}", minute, "minute"
    if form == "giờ phút":
        return f"{t.hour} giờ {t.minute} phút", minute, "minute"
    if form == "giờ phút giây":
        return f"{t.hour} giờ {t.minute} phút {t.second} giây", t, "second"
    if form == "12h":
        am, pm = draw(st.sampled_from([("AM", "PM"), ("SA", "CH")]))
        return f"{t.hour % 12 or 12:02d}:{t.minute:02d} {pm if t.hour >= 12 else am}", minute, "minute"
    stray = "PM" if t.hour >= 12 else "AM"  # a 24-hour time with its AM/PM appended
    return f"{t:%H:%M} {stray}", minute, "minute"


@st.composite
def vietnamese_lines(draw: st.DrawFn) -> Rendered:
    """``[label] [weekday,] [ngày] D/M/YYYY`` with the time before, after or absent, and offsets."""
    t = draw(MOMENTS)
    date_text = draw(numeric_dates(t))
    position = draw(st.sampled_from(["none", "before", "after"]))
    ngay = draw(st.booleans())
    value, precision, parts = _midnight(t), "day", []
    if draw(st.booleans()):
        parts.append(
            draw(st.sampled_from(["Cập nhật:", "Cập nhật lúc", "Đăng lúc:", "Ngày đăng:", "Xuất bản:"]))
        )
    if draw(st.booleans()):
        parts.append(draw(weekday_words(t)) + draw(st.sampled_from([",", ", ", ",  ", ""])))
    if position != "none":
        clock, value, precision = draw(clock_times(t))
    if position == "before":
        joiner = draw(st.sampled_from([" ", ", ", " - ", " | ", " ngày "]))
        parts.append(clock + joiner.rstrip())
        ngay = ngay and "ngày" not in joiner
    parts.append(("ngày " if ngay else "") + date_text)
    text = " ".join(p for p in parts if p)
    if position == "after":
        text += draw(st.sampled_from([" ", ", ", " - ", " | ", " lúc "])) + clock
    if position != "none" and draw(st.booleans()):
        text += draw(st.sampled_from([" (GMT+7)", " GMT+7", " +07:00", " +0700"]))
        value = value.astimezone(timezone(timedelta(hours=7)))
    return text, value, precision


@st.composite
def worded_dates(draw: st.DrawFn) -> Rendered:
    """``ngày 12 tháng 3 năm 2021``, ``12 tháng 3, 2021``, ``12 Tháng Ba 2021``, ``12 thg 3, 2021``."""
    t = draw(MOMENTS)
    month_word = MONTH_WORDS[t.month - 1]
    text = draw(
        st.sampled_from(
            [
                f"ngày {t.day} tháng {t.month} năm {t.year}",
                f"{t.day} tháng {t.month}, {t.year}",
                f"{t.day:02d} tháng {t.month:02d} năm {t.year}",
                f"{t.day} Tháng {month_word} {t.year}",
                f"ngày {t.day} tháng {month_word.lower()} năm {t.year}",
                f"{t.day} thg {t.month}, {t.year}",
            ]
        )
    )
    if draw(st.booleans()):
        return f"{draw(weekday_words(t))}, {text}", _midnight(t), "day"
    return text, _midnight(t), "day"


@st.composite
def month_years(draw: st.DrawFn) -> Rendered:
    t = draw(MOMENTS)
    text = draw(
        st.sampled_from(
            [f"tháng {t.month}/{t.year}", f"Tháng {t.month} năm {t.year}", f"tháng {t.month:02d}/{t.year}"]
        )
    )
    return text, _midnight(t).replace(day=1), "day"


@st.composite
def iso_strings(draw: st.DrawFn) -> Rendered:
    t = draw(MOMENTS)
    form = draw(
        st.sampled_from(["offset", "no-colon", "fraction", "zulu", "naive", "space", "minutes", "date"])
    )
    shown = t.astimezone(draw(OFFSETS))
    if form == "offset":
        return shown.isoformat(), shown, "second"
    if form == "no-colon":
        return shown.strftime("%Y-%m-%dT%H:%M:%S%z"), shown, "second"
    if form == "fraction":
        digits = draw(st.sampled_from([1, 3, 6]))
        fraction = str(draw(st.integers(0, 10**digits - 1))).zfill(digits)
        return f"{shown:%Y-%m-%dT%H:%M:%S}.{fraction}{shown:%z}", shown, "second"
    if form == "zulu":
        utc = t.astimezone(UTC)
        return f"{utc:%Y-%m-%dT%H:%M:%S}Z", utc, "second"
    if form == "naive":
        return f"{t:%Y-%m-%dT%H:%M:%S}", t, "second"
    if form == "space":
        return f"{t:%Y-%m-%d %H:%M:%S}", t, "second"
    if form == "minutes":
        return f"{t:%Y-%m-%dT%H:%M}", t.replace(second=0), "minute"
    return f"{t:%Y-%m-%d}", _midnight(t), "day"


@st.composite
def rfc822_strings(draw: st.DrawFn) -> Rendered:
    t = draw(MOMENTS)
    shown = t.astimezone(draw(OFFSETS))
    zone = draw(st.sampled_from(["numeric", "GMT"])) if shown.utcoffset() == timedelta(0) else "numeric"
    zone_text = "GMT" if zone == "GMT" else shown.strftime("%z")
    weekday = f"{EN_WEEKDAYS[shown.weekday()]}, " if draw(st.booleans()) else ""
    text = f"{weekday}{shown.day:02d} {EN_MONTHS[shown.month - 1]} {shown.year} {shown:%H:%M:%S} {zone_text}"
    return text, shown, "second"


@st.composite
def epochs(draw: st.DrawFn) -> Rendered:
    t = draw(MOMENTS.filter(lambda t: t.timestamp() >= 1_000_000_000))
    if draw(st.booleans()):
        return str(int(t.timestamp())), t, "second"
    return str(int(t.timestamp()) * 1000 + draw(st.integers(0, 999))), t, "second"


def _check(rendered: Rendered) -> None:
    text, value, precision = rendered
    parsed = parse_vn_date(text, now=datetime(2091, 1, 1, tzinfo=VN_TZ))
    got = None if parsed is None else (parsed.isoformat(), parsed.precision, parsed.weekday_mismatch)
    assert got == (value.isoformat(), precision, False), text


@FRESH
@given(vietnamese_lines())
def test_vietnamese_lines_round_trip(rendered: Rendered) -> None:
    _check(rendered)


@FRESH
@given(worded_dates())
def test_worded_dates_round_trip(rendered: Rendered) -> None:
    _check(rendered)


@FRESH
@given(month_years())
def test_month_year_round_trip(rendered: Rendered) -> None:
    _check(rendered)


@FRESH
@given(iso_strings())
def test_iso_round_trip(rendered: Rendered) -> None:
    _check(rendered)


@FRESH
@given(rfc822_strings())
def test_rfc822_round_trip(rendered: Rendered) -> None:
    _check(rendered)


@FRESH
@given(epochs())
def test_epoch_round_trip(rendered: Rendered) -> None:
    _check(rendered)


@FRESH
@given(vietnamese_lines())
def test_general_pattern_agrees_with_the_quick_one(rendered: Rendered) -> None:
    """The quick pattern is only a shortcut: the general one must read its lines the same way."""
    text = " ".join(text_part for text_part in rendered[0].lower().split())
    full = patterns._FULL.fullmatch(text)
    got = None if full is None else parse._from_full(full, None).isoformat()
    assert got == rendered[1].isoformat(), text


@FRESH
@given(MOMENTS, st.integers(1, 59), st.sampled_from(["phút", "giờ", "ngày", "tuần"]))
def test_relative_counts_back_from_now(now: datetime, amount: int, unit: str) -> None:
    step = {"phút": timedelta(minutes=1), "giờ": timedelta(hours=1), "ngày": timedelta(days=1)}
    step["tuần"] = timedelta(days=7)
    expected = now - step[unit] * amount
    # The time of day is kept (to the minute) whatever the unit; days and weeks say "day".
    expected = expected.replace(second=0)
    precision = "day" if unit in ("ngày", "tuần") else "minute"
    parsed = parse_vn_date(f"{amount} {unit} trước", now=now)
    got = None if parsed is None else (parsed.isoformat(), parsed.precision, parsed.relative)
    assert got == (expected.isoformat(), precision, True)


@FRESH
@given(MOMENTS, st.integers(1, 28), st.integers(1, 12))
def test_yearless_is_never_after_now(now: datetime, day: int, month: int) -> None:
    parsed = parse_vn_date(f"Ngày {day}-{month}", now=now)
    candidate = now.date().replace(day=1).replace(month=month, day=day)
    expected = candidate if candidate <= now.date() else candidate.replace(year=candidate.year - 1)
    assert (parsed.value.date() if parsed else None) == expected


TOKENS = st.sampled_from(
    [
        "Thứ",
        "tư",
        "CN",
        "T4",
        "ngày",
        "tháng",
        "năm",
        "thg",
        "Ba",
        "giờ",
        "phút",
        "giây",
        "trước",
        "hôm",
        "qua",
        "nay",
        "cách đây",
        "lúc",
        "Cập nhật:",
        "GMT+7",
        "(GMT+7)",
        "+07:00",
        "PM",
        "AM",
        "/",
        "-",
        ".",
        ":",
        ",",
        "|",
        " ",
        "0",
        "00",
        "7",
        "12",
        "29",
        "31",
        "99",
        "2020",
        "0001",
        "9999",
        "1750142582",
        "Mon,",
        "Aug",
        "T",
        "Z",
    ]
)


@FRESH
@given(st.lists(TOKENS, max_size=12).map("".join) | st.text(max_size=60))
def test_never_raises_and_never_leaves_news_history(text: str) -> None:
    parsed = parse_vn_date(text, now=datetime(2025, 12, 23, 10, 22, tzinfo=VN_TZ))
    if parsed is not None:
        value = parsed.value
        assert (value.tzinfo is not None, 1990 <= value.year <= 2100) == (True, True), text
