"""The compiled patterns of every date shape the papers print, and where their groups sit.

Patterns run on NFC-normalised, lower-cased text. Group names carry a tag so the same piece (a
clock time, a weekday) can appear at two places of one expression.
"""

from __future__ import annotations

import re
from typing import Final

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


_ODD_CHARS = re.compile("[\u200b-\u200f\ufeff\xad\u2010\u2011\u2212]")

_ODD_TABLE = str.maketrans(
    {**dict.fromkeys("\u200b\u200c\u200d\u200e\u200f\ufeff\xad"), **dict.fromkeys("\u2010\u2011\u2212", "-")}
)
