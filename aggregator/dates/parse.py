"""``parse_vn_date``: one date string of a Vietnamese page read by the fast patterns, else by the relative
or dateparser paths, else refused.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, date, datetime, tzinfo

from aggregator.dates.fallback import _parse_with_dateparser, _worth_asking_dateparser
from aggregator.dates.model import (
    _PLUS_7,
    DAY,
    MAX_INPUT_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    MINUTE,
    SECOND,
    VN_TZ,
    ParsedDate,
    _apply_meridiem,
    _check_year,
    _clock_time,
    _fixed_tz,
    _local_now,
    _make,
    _offset_tz,
    _Reject,
    _Time,
)
from aggregator.dates.patterns import (
    _C_CORE,
    _CORE,
    _EN_MONTHS,
    _EN_WEEKDAYS,
    _F_AFTER,
    _F_BEFORE,
    _F_CORE,
    _F_OFFSET,
    _F_WEEKDAYS,
    _FULL,
    _ISO,
    _MONTH_WORD,
    _MONTH_WORDS,
    _NO_OFFSET,
    _ODD_CHARS,
    _ODD_TABLE,
    _P_TIME,
    _P_WEEKDAYS,
    _PREFIX,
    _PREFIX_CUE,
    _PREFIX_CUE_REACH,
    _PREFIX_REACH,
    _QUICK,
    _RELATIVE_CUE,
    _RFC822,
    _RFC_ZONES,
    _S_OFFSET,
    _S_TIME,
    _S_WEEKDAY,
    _SUFFIX,
    _WEEKDAY_INDEX,
)
from aggregator.dates.relative import _parse_relative


# --------------------------------------------------------------------------- entry point
def parse_vn_date(text: str | None, *, now: datetime | None = None) -> ParsedDate | None:
    """Parse one date string from a Vietnamese news page, or return None.

    ``now`` anchors relative (``2 giờ trước``) and year-less (``Ngày 9-10``) dates; it defaults
    to the current time, and a naive ``now`` is read as Asia/Ho_Chi_Minh. None is returned for
    anything that is not clearly a single date, so callers can count unparsed dates instead of
    storing wrong ones.
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT_CHARS:
        return None
    s = _normalize(text)
    if not s:
        return None
    try:
        parsed = _parse_fast(s, now)
    except _Reject:
        return None
    if parsed is None and _worth_asking_dateparser(s):
        return _parse_with_dateparser(s, now)
    return parsed


def _normalize(text: str) -> str:
    """Lower-case NFC with single spaces.

    Pages mix composed and decomposed Vietnamese, capitalise at will and pad with
    non-breaking or doubled spaces; one space also keeps the patterns free of backtracking.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _ODD_CHARS.search(text) is not None:  # zero-width marks, soft hyphens, odd minus signs
            text = text.translate(_ODD_TABLE)
    return " ".join(text.lower().split())


def _parse_fast(s: str, now: datetime | None) -> ParsedDate | None:
    """Try the known formats, cheapest checks first; None means "not one of ours"."""
    if s[0].isdigit():
        if s.isdigit() and s.isascii():
            return _parse_epoch(s)
        if len(s) >= 10 and s[4] == "-" and (iso := _ISO.fullmatch(s)) is not None:
            return _from_iso(iso)
    elif s[:3] in _EN_WEEKDAYS and (rfc := _RFC822.fullmatch(s)) is not None:
        return _from_rfc822(rfc)
    if (quick := _QUICK.fullmatch(s)) is not None and (parsed := _from_quick(quick)) is not None:
        return parsed
    if _RELATIVE_CUE.search(s) is not None and (relative := _parse_relative(s, now)) is not None:
        return relative
    if ("thg" in s or "tháng " in s) and _MONTH_WORD.search(s) is not None:
        s = _MONTH_WORD.sub(_month_number, s)  # "12 Tháng Ba 2021" reads as "12 tháng 3 2021"
    if (full := _FULL.fullmatch(s)) is not None:
        return _from_full(full, now)
    if (core := _CORE.search(s)) is not None:
        return _from_free_text(s, core, now)
    if (rfc := _RFC822.fullmatch(s)) is not None:
        return _from_rfc822(rfc)
    return None


# --------------------------------------------------------------------------- machine formats
def _parse_epoch(s: str) -> ParsedDate:
    """Unix seconds (10 digits) or milliseconds (13), as in ``span[data-time]``.

    A leading zero means a phone number (``0912345678``), never a timestamp.
    """
    if s[0] == "0" or len(s) not in (10, 13):
        raise _Reject
    seconds = int(s) if len(s) == 10 else int(s) // 1000
    value = datetime.fromtimestamp(seconds, VN_TZ)
    _check_year(value.year)
    return ParsedDate(value, SECOND, False, False)


def _from_iso(m: re.Match[str]) -> ParsedDate:
    """ISO 8601; no offset means Vietnam time (vtcnews meta tags), a fraction is dropped."""
    y, mo, d, h, mi, sec, z, sign, oh, om = m.group("y", "m", "d", "h", "mi", "s", "z", "os", "oh", "om")
    _check_year(int(y))
    if h is None:
        return ParsedDate(_make(int(y), int(mo), int(d), 0, 0, 0, VN_TZ), DAY, False, False)
    tz = UTC if z else _offset_tz(sign, oh, om) if sign else VN_TZ
    value = _make(int(y), int(mo), int(d), int(h), int(mi), int(sec or 0), tz)
    return ParsedDate(value, MINUTE if sec is None else SECOND, False, False)


def _from_rfc822(m: re.Match[str]) -> ParsedDate:
    """RFC 822 dates of RSS feeds: ``Wed, 30 Aug 2017 20:03:00 +0700``."""
    wd, d, mon, y, h, mi, sec, sign, oh, om, zone = m.group(
        "wd", "d", "mon", "y", "h", "mi", "s", "os", "oh", "om", "zn"
    )
    year = int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 50 else 1900 + int(y)
    _check_year(year)
    if sign:
        tz = _offset_tz(sign, oh, om)
    elif zone:
        if zone not in _RFC_ZONES:
            raise _Reject
        tz = _fixed_tz(_RFC_ZONES[zone]) if _RFC_ZONES[zone] else UTC
    else:
        tz = VN_TZ
    if h is None:
        value, precision = _make(year, _EN_MONTHS[mon], int(d), 0, 0, 0, tz), DAY
    else:
        value = _make(year, _EN_MONTHS[mon], int(d), int(h), int(mi), int(sec or 0), tz)
        precision = MINUTE if sec is None else SECOND
    mismatch = wd is not None and _EN_WEEKDAYS[wd] != value.weekday()
    return ParsedDate(value, precision, False, mismatch)


# --------------------------------------------------------------------------- Vietnamese text
def _from_quick(m: re.Match[str]) -> ParsedDate | None:
    """The common shapes, built with as little work as possible; None hands over to _FULL."""
    weekday, h1, i1, meridiem1, d, _, mo, y, h, i, sec, meridiem, offset = m.groups()
    if h1 is not None:
        if h is not None:
            return None
        h, i, meridiem = h1, i1, meridiem1
    year = int(y)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    hour = 0 if h is None else _apply_meridiem(int(h), meridiem)
    tz = _PLUS_7 if offset else VN_TZ
    try:
        value = datetime(year, int(mo), int(d), hour, int(i or 0), int(sec or 0), 0, tz)
    except ValueError:
        return None
    mismatch = False
    if weekday is not None:
        if (index := _WEEKDAY_INDEX.get(weekday)) is None:
            return None
        mismatch = index != value.weekday()
    return ParsedDate(value, DAY if h is None else MINUTE if sec is None else SECOND, False, mismatch)


def _from_full(m: re.Match[str], now: datetime | None) -> ParsedDate:
    """A whole date line: ``Thứ ba, 23/12/2025 09:02 (GMT+7)``, ``10:15 24/12/2025`` …"""
    g = m.groups()
    wda, wdb, wdz = _F_WEEKDAYS
    return _assemble(
        _core_numbers(g[_F_CORE]),
        _clock_time(g[_F_BEFORE]),
        _clock_time(g[_F_AFTER]),
        g[_F_OFFSET],
        g[wda] or g[wdb] or g[wdz],
        now,
    )


def _from_free_text(s: str, core: re.Match[str], now: datetime | None) -> ParsedDate:
    """A sentence around one full date (``… cấp ngày 02-12-2021``): that date.

    Only a day-exact date counts (``tháng 3/2021`` in a sentence is a topic, not a date), and
    a second date makes the text ambiguous. A label, weekday or time right next to the date
    is still read.
    """
    numbers = _core_numbers(core.groups()[_C_CORE])
    if numbers[0] is None or _CORE.search(s, core.end()) is not None:
        raise _Reject
    prefix, suffix = s[: core.start()], s[core.end() :]
    before = weekday = offset = after = None
    if _PREFIX_CUE.search(prefix[-_PREFIX_CUE_REACH:]) and (
        pre := _PREFIX.search(prefix, max(0, len(prefix) - _PREFIX_REACH))
    ):
        pre_groups = pre.groups()
        before = _clock_time(pre_groups[_P_TIME])
        weekday = pre_groups[_P_WEEKDAYS[0]] or pre_groups[_P_WEEKDAYS[1]]
    if suffix and (post := _SUFFIX.match(suffix)):
        post_groups = post.groups()
        after, offset = _clock_time(post_groups[_S_TIME]), post_groups[_S_OFFSET]
        weekday = weekday or post_groups[_S_WEEKDAY]
    return _assemble(numbers, before, after, offset, weekday, now)


def _month_number(m: re.Match[str]) -> str:
    """``thg 3`` -> ``tháng 3``, ``tháng ba`` -> ``tháng 3``."""
    digits, word = m.groups()
    return f"tháng {digits or _MONTH_WORDS[word]}"


_Numbers = tuple[int | None, int, int | None]


def _assemble(
    numbers: _Numbers,
    before: _Time | None,
    after: _Time | None,
    offset: tuple[str | None, ...] | None,
    weekday: str | None,
    now: datetime | None,
) -> ParsedDate:
    """The ParsedDate of a date, its time (before or after it), offset and weekday word."""
    if before is not None and after is not None:
        raise _Reject  # two clock times around one date: which one is it?
    day, month, year = numbers
    if year is None:
        year = _latest_year(day or 1, month, _local_now(now).date())
    _check_year(year)
    tz = VN_TZ if offset is None or offset == _NO_OFFSET else _offset_of(offset)
    at = before or after
    if at is None:
        value, precision = _make(year, month, day or 1, 0, 0, 0, tz), DAY
    else:
        value = _make(year, month, day or 1, at[0], at[1], at[2] or 0, tz)
        precision = MINUTE if at[2] is None else SECOND
    mismatch = weekday is not None and _WEEKDAY_INDEX[weekday] != value.weekday()
    return ParsedDate(value, precision, False, mismatch)


def _core_numbers(groups: tuple[str | None, ...]) -> _Numbers:
    """(day, month, year) from whichever alternative matched; day None for ``tháng 3/2021``."""
    d, _, m, y, y2, _, m2, d2, d3, m3, y3, m4, y4, d5, m5 = groups
    if d is not None:
        return int(d), int(m), int(y)
    if y2 is not None:
        return int(d2), int(m2), int(y2)
    if d3 is not None:
        return int(d3), int(m3), int(y3)
    if m4 is not None:
        return None, int(m4), int(y4)
    return int(d5), int(m5), None


def _offset_of(groups: tuple[str | None, ...]) -> tzinfo:
    """The explicit offset (``(GMT+7)``, ``+07:00``, ``GMT``), else Vietnam time."""
    sign, oh, om, sign2, oh2, om2, zulu = groups
    if sign is not None:
        return _offset_tz(sign, oh, om)
    if sign2 is not None:
        return _offset_tz(sign2, oh2, om2)
    return UTC if zulu else VN_TZ


def _latest_year(day: int, month: int, today: date) -> int:
    """Year of the latest ``day``/``month`` not after today (``Ngày 28-12`` read in January)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise _Reject
    for year in range(today.year, today.year - 9, -1):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) <= today:
            return year
    raise _Reject
