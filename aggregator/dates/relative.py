"""Relative dates (``4 giờ trước``, ``hôm qua 10:00``, ``vừa xong``) from the moment they are read at.

A count of days, weeks, months or years back keeps the time of day of that moment (precision
``day``); a calendar word alone (``hôm qua``) is that day's midnight.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Final

from aggregator.dates.model import (
    DAY,
    MAX_YEAR,
    MIN_YEAR,
    MINUTE,
    SECOND,
    VN_TZ,
    ParsedDate,
    _check_year,
    _clock_time,
    _local_now,
    _make,
    _Reject,
    _truncate,
)
from aggregator.dates.patterns import _JUST_NOW, _LAST_YEAR, _REL_WORDS, _RELATIVE, _TODAYISH, _TODAYISH_TIMES


# --------------------------------------------------------------------------- relative dates
def _parse_relative(s: str, now: datetime | None) -> ParsedDate | None:
    """``5 phút trước``, ``hôm qua 10:00``, ``vừa xong``: values counted back from ``now``."""
    if "hôm" in s:
        m = _TODAYISH.fullmatch(s)
        return None if m is None else _from_todayish(m, _local_now(now))
    if "trước" in s or "cách" in s or s.endswith("qua"):
        m = _RELATIVE.fullmatch(s)
        return None if m is None else _from_ago(m, _local_now(now))
    if s in _LAST_YEAR:
        return _shifted(_local_now(now), "năm", 1)
    if _JUST_NOW.fullmatch(s):
        return _truncate(_local_now(now), MINUTE)
    return None


def _from_todayish(m: re.Match[str], now: datetime) -> ParsedDate:
    """``hôm nay``/``hôm qua``/``hôm kia`` with an optional time before or after."""
    day = now.date() - timedelta(days=("nay", "qua", "kia").index(m.group("which")))
    groups = m.groups()
    before, after = (_clock_time(groups[span]) for span in _TODAYISH_TIMES)
    if before is not None and after is not None:
        raise _Reject
    at = before or after
    if at is None:
        return ParsedDate(_make(day.year, day.month, day.day, 0, 0, 0, VN_TZ), DAY, True, False)
    value = _make(day.year, day.month, day.day, at[0], at[1], at[2] or 0, VN_TZ)
    return ParsedDate(value, MINUTE if at[2] is None else SECOND, True, False)


def _from_ago(m: re.Match[str], now: datetime) -> ParsedDate | None:
    """``N đơn vị trước`` / ``cách đây N đơn vị``, also two units (``1 giờ 20 phút trước``)."""
    ago, back, unit, unit2 = m.group("ago", "tr", "ua", "ub")
    if back is None and ago is None:
        return None
    if back == "qua" and ago is None:
        return None  # "2 ngày qua" is "the past 2 days", a span rather than a moment
    first = _amount(m, "a")
    if first is None:
        if unit not in ("tuần", "tháng", "năm") or back is None:
            return None  # "ngày trước" means "in the old days", not "a day ago"
        first = 1
    if unit2 is None:
        return _shifted(now, unit, first)
    second = _amount(m, "b")
    if second is None:
        return None
    return _shifted_twice(now, (unit, first), (unit2, second))


def _amount(m: re.Match[str], tag: str) -> int | None:
    """The count before a unit, as digits or a word (``hai ngày trước``)."""
    digits, word = m.group(f"n{tag}", f"w{tag}")
    if digits is not None:
        return int(digits)
    return None if word is None else _REL_WORDS[word]


def _shifted_twice(now: datetime, *steps: tuple[str, int]) -> ParsedDate:
    """Apply several relative steps; the precision is that of the finest unit."""
    value, finest = now, DAY
    for unit, amount in steps:
        step = _shifted(value, unit, amount, truncate=False)
        value = step.value
        finest = max(finest, step.precision, key=_PRECISION_RANK.__getitem__)
    return _truncate(value, finest)


_PRECISION_RANK: Final = {DAY: 0, MINUTE: 1, SECOND: 2}

_SUB_DAY_UNITS: Final = {
    "giây": (timedelta(seconds=1), SECOND),
    "phút": (timedelta(minutes=1), MINUTE),
    "giờ": (timedelta(hours=1), MINUTE),
    "tiếng": (timedelta(hours=1), MINUTE),
}


def _shifted(now: datetime, unit: str, amount: int, *, truncate: bool = True) -> ParsedDate:
    """``now`` moved back by ``amount`` units; days and longer give a day-precision date."""
    if unit in _SUB_DAY_UNITS:
        step, precision = _SUB_DAY_UNITS[unit]
        value = now - step * amount
    else:
        precision = DAY
        day = now.date()
        if unit in ("ngày", "tuần"):
            days = amount * (7 if unit == "tuần" else 1)
            if days > (MAX_YEAR - MIN_YEAR + 1) * 366:
                raise _Reject
            day = day - timedelta(days=days)
        else:
            day = _months_back(day, amount * (12 if unit == "năm" else 1))
        value = now.replace(year=day.year, month=day.month, day=day.day)
    _check_year(value.year)
    return _truncate(value, precision) if truncate else ParsedDate(value, precision, True, False)


def _months_back(day: date, months: int) -> date:
    """``day`` moved back by whole months, clamped to the month's last day (31/3 -> 28/2)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    _check_year(year)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))
