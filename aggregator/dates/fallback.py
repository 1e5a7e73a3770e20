"""dateparser, asked only about wordier absolute dates, imported on first use, and checked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aggregator.dates.model import (
    DAY,
    MAX_FUTURE,
    MAX_YEAR,
    MIN_YEAR,
    MINUTE,
    SECOND,
    VN_TZ,
    ParsedDate,
    _local_now,
    _make,
)
from aggregator.dates.patterns import _FALLBACK_GATE, _RELATIVE_WORDS, _YEAR_DIGITS

_dateparser_cls: Any = None  # dateparser's class, imported on first use


def _date_data_parser_class() -> Any:
    """dateparser's DateDataParser, imported on first use: the import alone takes ~1 s."""
    global _dateparser_cls
    if _dateparser_cls is None:
        from dateparser.date import DateDataParser

        _dateparser_cls = DateDataParser
    return _dateparser_cls


def _worth_asking_dateparser(s: str) -> bool:
    """Whether ``s`` might be an absolute date in words that dateparser can read."""
    return (
        _FALLBACK_GATE.search(s) is not None
        and _YEAR_DIGITS.search(s) is not None
        and _RELATIVE_WORDS.search(s) is None
    )


def _parse_with_dateparser(s: str, given_now: datetime | None) -> ParsedDate | None:
    """Ask dateparser about wordy text the fast path does not know; distrust what it says."""
    now = _local_now(given_now)
    settings = {
        "DATE_ORDER": "DMY",
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    try:
        data = _date_data_parser_class()(languages=["vi"], settings=settings).get_date_data(s)
        found, period = data.date_obj, data.period
    except Exception:  # dateparser raises OverflowError, ValueError, KeyError… on odd input
        return None
    if found is None or period not in ("time", "day", "month"):
        return None  # "tuần này", "năm 2021": a week or a year is not a date
    if period == "month" and not _YEAR_DIGITS.search(s):
        return None  # "tháng ba" alone names no particular month
    return _trusted(found.astimezone(VN_TZ), period, s, now)


def _trusted(found: datetime, period: str, s: str, now: datetime) -> ParsedDate | None:
    """dateparser's answer, unless it is outside news history, in the future, or in a year the
    text does not even contain (it builds dates out of stray numbers)."""
    if not MIN_YEAR <= found.year <= MAX_YEAR or found > now + MAX_FUTURE:
        return None
    if str(found.year) not in _YEAR_DIGITS.findall(s):
        return None
    if period == "time":
        precision = SECOND if found.second else MINUTE
        return ParsedDate(found.replace(microsecond=0), precision, False, False)
    day = 1 if period == "month" else found.day
    return ParsedDate(_make(found.year, found.month, day, 0, 0, 0, VN_TZ), DAY, False, False)


# --------------------------------------------------------------------------- dateparser
_dateparser_cls: Any = None
