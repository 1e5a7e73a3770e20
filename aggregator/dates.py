"""Turn the date strings of Vietnamese news pages into aware datetimes.

Sites print dates in a dozen shapes (``Thứ tư,  19/02/2020``, ``10:15 24/12/2025``,
``9 giờ 41 phút, ngày 20/02/2020``, ``2025-06-17T13:43:02+0700``, ``4 giờ trước`` …) and the
crawler meets one on every page it reads, so :func:`parse_vn_date` is built for speed and for
never inventing a date:

* a fast path of precompiled regular expressions owns every format seen on the sites
  (roughly 100x faster than dateparser, which is also wrong on several of them: it reads
  ``9 giờ 41 phút, ngày 20/02/2020`` as "9h41 ago" and ``10:15`` as today);
* dateparser is only a fallback for wordier Vietnamese it understands better (``12 thg 3 2021``),
  imported lazily because importing it costs about a second, and its answers are sanity-checked;
* anything that is not clearly one date (phone numbers, a bare time, ``31/02/2020``, two dates)
  gives ``None``: a missing date is visible, a wrong one is not.

Dates are read day first (``07/02/2020`` is 7 February), as every Vietnamese site writes them.
A string that is free text around a single full date (a licence footer ``… cấp ngày 02-12-2021``,
a print-edition box ``… số 118 ra ngày 5/1/2026``) yields that date: deciding whether it is the
*article's* date is the extraction layer's job, which knows where on the page the text came from.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any, Final
from zoneinfo import ZoneInfo

__all__ = ["VN_TZ", "ParsedDate", "parse_vn_date"]

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


# --------------------------------------------------------------------------- patterns
# Patterns run on NFC-normalised, lower-cased text. Group names carry a tag so the same
# piece (a clock time, a weekday) can appear at two places of one expression.

_NOT_LETTER_AFTER = r"(?![^\W\d_])"


def _time_src(tag: str) -> str:
    """A clock time: ``9:41``, ``09:41:07.5``, ``9h41``, ``9 giờ 41 phút``, with AM/PM words."""
    return (
        rf"(?<![\d:])(?P<h{tag}>\d{{1,2}})\s?(?:"
        rf":\s?(?P<m{tag}>\d{{2}})(?:\s?:\s?(?P<s{tag}>\d{{2}})(?:[.,]\d{{1,9}})?)?"
        rf"|(?:h|giờ){_NOT_LETTER_AFTER}\s?(?:(?P<n{tag}>\d{{1,2}})(?!\d)"
        rf"(?:\s?(?:phút|p))?{_NOT_LETTER_AFTER}"
        rf"(?:\s?(?P<t{tag}>\d{{1,2}})\s?(?:giây|s){_NOT_LETTER_AFTER})?)?"
        rf")(?:\s?(?P<ap{tag}>am|pm|sa|ch|sáng|trưa|chiều|tối){_NOT_LETTER_AFTER})?"
    )


def _weekday_src(tag: str) -> str:
    """A weekday word: ``thứ tư``, ``Thứ 4``, ``T4``, ``Chủ nhật``, ``CN``."""
    return (
        rf"(?<!\w)(?P<wd{tag}>thứ\s?(?:hai|ba|tư|bốn|năm|sáu|bảy|bẩy|[2-7])"
        rf"|chủ\s?nhật|cn|t[2-7])(?!\w)"
    )


_SEP = r"\s?[,|\-–—]?\s?"
_AT = r"(?:(?:vào\s?lúc|lúc|vào)\s?)?"
_LABEL = (
    r"(?:(?:ngày\s?)?(?:cập\s?nhật|đăng(?:\s?tải)?|xuất\s?bản|phát\s?hành)"
    r"|thời\s?gian(?:\s?đăng)?|published|updated|posted)"
    r"(?:\s?(?:lần\s?cuối|vào\s?lúc|lúc|vào|ngày))?\s?:?\s?"
)
_OFFSET = (
    r"(?:\(\s?)?(?:(?:gmt|utc)\s?(?P<os>[+-])\s?(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?"
    r"|(?P<os2>[+-])(?P<oh2>\d{2}):?(?P<om2>\d{2})|(?P<oz>gmt|utc))(?:\s?\))?"
)
# The date itself: D/M/YYYY (/ - .), YYYY/M/D, D tháng M năm YYYY, tháng M/YYYY, and the
# year-less ``ngày D-M`` (only after the word ngày: a bare ``9/10`` is as often a score or a
# ratio; ``ngày 9-10/1`` and ``ngày 9-10 tháng 3`` are ranges of days, not dates).
_CORE_SRC = (
    r"(?<![\w/.:])(?<!\d-)(?:(?:ngày\s?)?(?:"
    r"(?P<d>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})"
    r"|(?P<y2>\d{4})(?P<sep2>[/.\-])(?P<m2>\d{1,2})(?P=sep2)(?P<d2>\d{1,2})"
    r"|(?P<d3>\d{1,2})\stháng\s?(?P<m3>\d{1,2})(?:\s?[,/\-]\s?|\s)(?:năm\s?)?(?P<y3>\d{4})"
    r"|tháng\s?(?P<m4>\d{1,2})(?:\s?[,/\-]\s?|\s)(?:năm\s?)?(?P<y4>\d{4}))"
    r"|ngày\s?(?P<d5>\d{1,2})\s?(?:[/.\-]|\stháng)\s?(?P<m5>\d{1,2})"
    r"(?!\s?(?:[/.\-,]|năm)?\s?\d)(?!\s?tháng))"
    r"(?![\w/]|[.:\-]\d)"
)
# What may stand before the date: a label, a weekday, a time (``10:15 24/12/2025``), in order.
_PREFIX_SRC = (
    rf"(?:{_LABEL})?(?:{_weekday_src('a')}{_SEP})?{_AT}(?:{_time_src('a')}{_SEP})?"
    rf"(?:{_weekday_src('b')}{_SEP})?{_AT}"
)
# What may follow it: a time, an offset, a weekday in brackets, a full stop.
_SUFFIX_SRC = (
    rf"{_SEP}{_AT}(?:{_time_src('z')})?\s?(?:{_OFFSET})?"
    rf"\s?(?:[,(\-–—]?\s?{_weekday_src('z')}\s?\)?)?\s?[.;,]?"
)
# One anchored pass reads a whole date line; the three parts below read dates inside free text.
_FULL = re.compile(_PREFIX_SRC + _CORE_SRC + _SUFFIX_SRC)
_CORE = re.compile(_CORE_SRC)
_PREFIX = re.compile(_PREFIX_SRC + r"\s?$")
_SUFFIX = re.compile(_SUFFIX_SRC)
# How far before a date in free text its label, weekday and time can start.
_PREFIX_REACH: Final = 64
# What the text just before a date in free text must end with for _PREFIX to be worth a search
# (a time, a separator, a weekday, a label): most sentences end in another word ("cấp ngày").
_PREFIX_CUE = re.compile(
    r"(?:[\d,|\-–—:(]|(?<!\w)(?:thứ|cn|t[2-7]|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|nhật|h|giờ|phút|p|giây|s"
    r"|am|pm|sa|ch|sáng|trưa|chiều|tối|lúc|vào|đăng|tải|bản|hành|gian|cuối|published|updated|posted))"
    r"\s?$"
)
_PREFIX_CUE_REACH: Final = 12


def _span(pattern: re.Pattern[str], first: str, last: str) -> slice:
    """Where the groups ``first``..``last`` sit in ``match.groups()``.

    Slicing one tuple is far cheaper than asking for groups by name on every call.
    """
    return slice(pattern.groupindex[first] - 1, pattern.groupindex[last])


def _index(pattern: re.Pattern[str], name: str) -> int:
    """Where group ``name`` sits in ``match.groups()``."""
    return pattern.groupindex[name] - 1


_F_CORE, _F_BEFORE, _F_AFTER = _span(_FULL, "d", "m5"), _span(_FULL, "ha", "apa"), _span(_FULL, "hz", "apz")
_F_OFFSET = _span(_FULL, "os", "oz")
_F_WEEKDAYS = tuple(_index(_FULL, name) for name in ("wda", "wdb", "wdz"))
_C_CORE = _span(_CORE, "d", "m5")
_P_TIME, _P_WEEKDAYS = _span(_PREFIX, "ha", "apa"), (_index(_PREFIX, "wda"), _index(_PREFIX, "wdb"))
_S_TIME, _S_OFFSET, _S_WEEKDAY = (
    _span(_SUFFIX, "hz", "apz"),
    _span(_SUFFIX, "os", "oz"),
    _index(_SUFFIX, "wdz"),
)
_NO_OFFSET: Final = (None,) * 7
_PLUS_7: Final = timezone(timedelta(hours=7))

# The shapes most pages print, in one small pattern that is 2-3x cheaper than _FULL:
# ``[label][weekday, ][HH:MM[ AM] ][ngày ]D/M/YYYY[ HH:MM[:SS][ PM]][ (GMT+7)]``. It answers only
# clean cases; anything odd (a bad date, two times, an unknown weekday) is left to _FULL.
_QUICK = re.compile(
    rf"(?:{_LABEL})?(?:(?P<wd>thứ \w+|t\d|cn|chủ nhật),? ?)?"
    r"(?:(?P<h1>\d{1,2}):(?P<i1>\d{2})(?: (?P<ap1>am|pm))?(?: ngày | | ?[|,\-] ?))?(?:ngày )?"
    r"(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
    r"(?:(?: | ?[|,\-] ?)(?P<h>\d{1,2}):(?P<i>\d{2})(?::(?P<s>\d{2}))?(?: (?P<ap>am|pm))?)?"
    r"(?P<tz> ?(?:\(gmt\+7\)|gmt\+7|\+07:?00))?"
)
_RELATIVE_CUE = re.compile(r"trước|hôm|cách|vừa|mới|ngoái|just")

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[t ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?"
    r"\s?(?:(?P<z>z|utc|gmt)|(?P<os>[+-])(?P<oh>\d{2})(?::?(?P<om>\d{2}))?)?)?"
)

_EN_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_EN_WEEKDAYS: Final = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
# Minutes east of UTC of the zone names RFC 822 allows, plus ICT (Indochina Time).
_RFC_ZONES: Final = dict(
    zip(
        ("gmt", "ut", "utc", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "ict"),
        (0, 0, 0, 0, -300, -240, -360, -300, -420, -360, -480, -420, 420),
        strict=True,
    )
)
_RFC822 = re.compile(
    r"(?:(?P<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s?,?\s?)?"
    r"(?P<d>\d{1,2})\s(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s"
    r"(?P<y>\d{4}|\d{2})(?:,?\s(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
    r"\s?(?:(?P<os>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})|(?P<zn>[a-z]{1,3}))?)?"
)

_REL_UNITS = r"giây|phút|giờ|tiếng|ngày|tuần|tháng|năm"
_REL_WORDS: Final = dict(
    zip(("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"), range(1, 11), strict=True)
)


def _count_src(tag: str) -> str:
    """How many units: digits or a number word (``hai ngày trước``)."""
    return rf"(?:(?P<n{tag}>\d{{1,4}})|(?P<w{tag}>{'|'.join(_REL_WORDS)})(?=\s))"


_RELATIVE = re.compile(
    rf"(?:khoảng\s?)?(?P<ago>cách\s?đây\s?)?(?:khoảng\s?)?"
    rf"(?:{_count_src('a')}\s?)?(?P<ua>{_REL_UNITS})"
    rf"(?:\s?{_count_src('b')}\s?(?P<ub>{_REL_UNITS}))?"
    rf"\s?(?P<tr>trước|qua)?"
)
_TODAYISH = re.compile(
    rf"(?:{_time_src('c')}{_SEP})?hôm\s?(?P<which>nay|qua|kia)(?:{_SEP}{_AT}{_time_src('d')})?"
)
_TODAYISH_TIMES = (_span(_TODAYISH, "hc", "apc"), _span(_TODAYISH, "hd", "apd"))
_JUST_NOW = re.compile(r"vừa\s?(?:xong|mới|đăng|rồi)?|mới\s?(?:đây|đăng|xong)|just\s?now")
_LAST_YEAR: Final = frozenset({"năm ngoái", "năm rồi"})

# A month written as a word (``tháng Ba``) or as ICU's short month (``thg 3``).
_MONTH_WORD = re.compile(
    r"(?<!\w)(?:thg\s?(\d{1,2})|tháng\s(mười\s?một|mười\s?hai|mười|một|giêng|hai|ba|tư|bốn|năm"
    r"|sáu|bảy|bẩy|tám|chín|chạp))(?!\w)"
)
_MONTH_WORDS: Final = {
    **{"mười một": 11, "mườimột": 11, "mười hai": 12, "mườihai": 12, "mười": 10},
    **{"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6},
    **{"bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "chạp": 12},
}

# dateparser is asked only about absolute dates in words: a month word and a 4-digit year.
# Without them it guesses (``10:15`` -> today), and its relative parsing is poor
# (``hôm qua lúc 10 giờ`` -> 00:22, ``1 năm 2 tháng trước`` -> 2 months ago).
_FALLBACK_GATE = re.compile(r"(?<!\w)(?:tháng|thg|năm)(?!\w)")
_RELATIVE_WORDS = re.compile(r"(?<!\w)(?:trước|ngoái|hôm|qua|nay|cách|tới|sau|mai|giây|phút|giờ|tuần)(?!\w)")
_YEAR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")

_WEEKDAY_WORDS: Final = (
    ("thứ hai", "thứ 2", "t2"),
    ("thứ ba", "thứ 3", "t3"),
    ("thứ tư", "thứ bốn", "thứ 4", "t4"),
    ("thứ năm", "thứ 5", "t5"),
    ("thứ sáu", "thứ 6", "t6"),
    ("thứ bảy", "thứ bẩy", "thứ 7", "t7"),
    ("chủ nhật", "cn"),
)
# Keyed by the words as the normalised text has them, with or without the space.
_WEEKDAY_INDEX: Final = {
    form: index
    for index, words in enumerate(_WEEKDAY_WORDS)
    for word in words
    for form in (word, word.replace(" ", ""))
}
_PM: Final = frozenset({"pm", "ch", "chiều", "tối"})
_ODD_CHARS = re.compile("[\u200b-\u200f\ufeff\xad\u2010\u2011\u2212]")
_ODD_TABLE = str.maketrans(
    {**dict.fromkeys("\u200b\u200c\u200d\u200e\u200f\ufeff\xad"), **dict.fromkeys("\u2010\u2011\u2212", "-")}
)


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


def _local_now(now: datetime | None) -> datetime:
    """``now`` in Vietnam time; a naive ``now`` already is."""
    if now is None:
        return datetime.now(VN_TZ)
    if now.tzinfo is None:
        return now.replace(tzinfo=VN_TZ)
    return now.astimezone(VN_TZ)


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
_Time = tuple[int, int, int | None]


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


def _months_back(day: date, months: int) -> date:
    """``day`` moved back by whole months, clamped to the month's last day (31/3 -> 28/2)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    _check_year(year)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


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


# --------------------------------------------------------------------------- dateparser
_dateparser_cls: Any = None


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
