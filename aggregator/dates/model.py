"""What a parsed date is, the time zone and bounds every parser shares, and how values are built."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any, Final
from zoneinfo import ZoneInfo

VN_TZ: Final[ZoneInfo] = ZoneInfo("Asia/Ho_Chi_Minh")

MIN_YEAR: Final = 1990

MAX_YEAR: Final = 2100

# A date string is short; a longer text is a paragraph or a page, whose dates are noise here.
MAX_INPUT_CHARS: Final = 500

# dateparser answers further in the future than this are absurd for a news item.
MAX_FUTURE: Final = timedelta(days=1)

DAY: Final = "day"

MINUTE: Final = "minute"

SECOND: Final = "second"


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A parsed date, with what the text actually told us about it.

    ``value`` is aware: Asia/Ho_Chi_Minh unless the text gave an explicit offset. With
    precision ``"day"`` it is local midnight of that day. ``relative`` marks values computed
    from ``now`` (``4 giờ trước``), which sites round. ``weekday_mismatch`` says the weekday word
    disagreed with the numbers (the numbers win): sites hand-type weekdays and get them wrong.
    """

    value: datetime
    precision: str
    relative: bool
    weekday_mismatch: bool

    def isoformat(self) -> str:
        """ISO 8601 of ``value``; a day-precision value is still written with its midnight."""
        return self.value.isoformat()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, for items and feeds."""
        return {
            "value": self.value.isoformat(),
            "precision": self.precision,
            "relative": self.relative,
            "weekday_mismatch": self.weekday_mismatch,
        }


class _Reject(Exception):
    """The text is definitely not a usable date: stop, and do not ask dateparser either."""


_PLUS_7: Final = timezone(timedelta(hours=7))


def _local_now(now: datetime | None) -> datetime:
    """``now`` in Vietnam time; a naive ``now`` already is."""
    if now is None:
        return datetime.now(VN_TZ)
    if now.tzinfo is None:
        return now.replace(tzinfo=VN_TZ)
    return now.astimezone(VN_TZ)


def _truncate(value: datetime, precision: str) -> ParsedDate:
    """Drop what the relative text cannot know (seconds for ``phút``).

    ``3 ngày trước`` read at 12:00 is 12:00 three days earlier, to the minute, with day precision:
    the best guess of the moment, and one that keeps a listing's relative dates in their order
    (midnight would sort every story of a day before the ones an hour old).
    """
    if precision in (DAY, MINUTE):
        value = value.replace(second=0, microsecond=0)
    else:
        value = value.replace(microsecond=0)
    return ParsedDate(value, precision, True, False)


# --------------------------------------------------------------------------- helpers
def _make(year: int, month: int, day: int, hour: int, minute: int, second: int, tz: tzinfo) -> datetime:
    """A datetime, or a rejection for impossible ones (``31/02/2020``, ``25:61``)."""
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        raise _Reject from None


def _check_year(year: int) -> None:
    """Years outside news history are misreadings (an ID, a phone number), not dates."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Reject


def _offset_tz(sign: str, hours: str, minutes: str | None) -> tzinfo:
    """The fixed zone of an explicit ``+07:00``/``GMT+7`` offset."""
    total = int(hours) * 60 + int(minutes or 0)
    if total > 14 * 60 or int(minutes or 0) > 59:
        raise _Reject
    return _fixed_tz(-total if sign == "-" else total)


@lru_cache(maxsize=128)
def _fixed_tz(minutes: int) -> timezone:
    """Shared fixed-offset zones; offsets are few, so the cache stays small."""
    return timezone(timedelta(minutes=minutes))


_Time = tuple[int, int, int | None]


def _clock_time(groups: tuple[str | None, ...]) -> _Time | None:
    """(hour, minute, second or None) from the groups of one time, validated."""
    h, mi, sec, mi_word, sec_word, meridiem = groups
    if h is None:
        return None
    hour = _apply_meridiem(int(h), meridiem)
    minute = int(mi or mi_word or 0)
    second = sec or sec_word
    if hour > 23 or minute > 59 or (second is not None and int(second) > 59):
        raise _Reject
    return hour, minute, None if second is None else int(second)


def _apply_meridiem(hour: int, meridiem: str | None) -> int:
    """Apply AM/PM to 12-hour times only: sites append a stray ``PM`` to ``18:36``."""
    if meridiem is None or hour == 0 or hour > 12:
        return hour
    if meridiem == "trưa":  # noon: "11 giờ trưa" is 11:00, "1 giờ trưa" 13:00
        return hour if hour >= 11 else hour + 12
    if meridiem in _PM:
        return hour if hour == 12 else hour + 12
    return 0 if hour == 12 else hour


_PM: Final = frozenset({"pm", "ch", "chiều", "tối"})
