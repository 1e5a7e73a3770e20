"""The article's date by arbitration among every date the page gives, not by first match.

Real pages disagree with themselves. OneCMS prints ``article:published_time`` as .NET's en-US
``9/11/2021 3:29:47 PM`` (month first) and an inline script value ``…T15:29:47Z`` that is local
time labelled UTC, while its JSON-LD and the printed header say 11 September 15:29 (+07:00). The
rules, each demanded by a real page:

* a numeric date with AM/PM is month-first (unless its weekday word says otherwise); without
  AM/PM, Vietnamese dates are day-first. An AM/PM date whose two numbers could both be a month is
  *ambiguous*, and an ambiguous candidate never beats an unambiguous one that disagrees with it;
* a ``Z`` (or ``+00:00``) value whose wall-clock time equals another candidate's local time is a
  mislabelled local time; one that names the same instant as another candidate is real UTC;
* agreement wins: the value backed by the most kinds of source wins, then the most trusted source
  (the printed header, JSON-LD, ``<time>``, ``<meta>``, visible text, scripts, the URL);
* within the agreeing group the exact value most candidates give wins (seconds from structured
  data refine a printed minute only when they are backed), then the most trusted one;
* a naive time is Asia/Ho_Chi_Minh (the date parser's rule).

The answer does not depend on the order the candidates are given in (tested by permutation).
Candidates that disagree with the answer by more than a minute (another day, for dates without
a time) are returned as conflicts, to be stored with the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aggregator.dates import DAY, VN_TZ, ParsedDate, parse_vn_date
from aggregator.text import clean_text

# Trust, most trusted first; unknown sources rank after these.
SOURCE_RANK = {
    name: rank
    for rank, name in enumerate(("selector", "jsonld", "time", "meta", "text", "script", "url", "feed"))
}
# Sources that decide a date only when the page gives none, refine a day the page gives with a
# time, and never make a conflict: a feed's or sitemap's date is often the last modification,
# and would flag half of every crawl.
QUIET_SOURCES = frozenset({"feed"})
AGREEMENT = timedelta(seconds=60)

_US_NUMERIC = re.compile(
    r"^(?P<pre>\D*?)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?P<post>\s.*?\b[AaPp]\.?[Mm]\.?\s*)$"
)
_UTC_SUFFIX = re.compile(r"(?:Z|[+-]00:?00|\s*(?:UTC|GMT))$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One date the page gives, where it was found, and how it was read."""

    source: str
    raw: str
    value: datetime
    precision: str
    ambiguous: bool = False
    note: str = ""  # how the raw string was reinterpreted ("month_first", "false_utc")

    @property
    def rank(self) -> int:
        return SOURCE_RANK.get(self.source, len(SOURCE_RANK))

    @property
    def has_time(self) -> bool:
        return self.precision != DAY

    def agrees(self, other: Candidate) -> bool:
        """Same instant within a minute; a date without a time agrees with any time that day."""
        if self.has_time and other.has_time:
            return abs(self.value - other.value) <= AGREEMENT
        return self.value.astimezone(VN_TZ).date() == other.value.astimezone(VN_TZ).date()

    def conflict_record(self) -> dict[str, str]:
        record = {"source": self.source, "raw": self.raw, "value": self.value.isoformat()}
        if self.note:
            record["note"] = self.note
        return record


@dataclass(slots=True)
class DateChoice:
    """The chosen date (None when no candidate parsed), its source and the dissenting candidates."""

    value: datetime | None = None
    raw: str | None = None
    source: str | None = None
    conflicts: list[dict[str, str]] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)  # raw strings nobody could read
    backed_by: frozenset[str] = frozenset()  # the sources that agree with the chosen value


def read_candidates(found: Iterable[tuple[str, str | None]], *, now: datetime | None = None) -> DateChoice:
    """Arbitrate among ``(source, raw string)`` pairs (see the module's rules)."""
    parsed: list[Candidate] = []
    unparsed: list[str] = []
    seen: set[tuple[str, str]] = set()
    for source, raw_value in found:
        raw = clean_text(raw_value)
        if not raw or (source, raw) in seen:
            continue
        seen.add((source, raw))
        candidate = interpret(source, raw, now=now)
        if candidate is None:
            unparsed.append(raw)
        else:
            parsed.append(candidate)
    choice = arbitrate(correct_false_utc(parsed))
    choice.unparsed = sorted(unparsed)
    if choice.value is None and unparsed:
        choice.raw = choice.raw or unparsed[0]  # kept raw, so the article keeps what the page said
    return choice


def interpret(source: str, raw: str, *, now: datetime | None = None) -> Candidate | None:
    """Read one raw date string, applying the AM/PM month-first rule."""
    us = _US_NUMERIC.match(raw)
    if us is not None:
        return _month_first(source, raw, us, now)
    parsed = parse_vn_date(raw, now=now)
    return _candidate(source, raw, parsed) if parsed is not None else None


def _month_first(source: str, raw: str, us: re.Match[str], now: datetime | None) -> Candidate | None:
    """``9/11/2021 3:29:47 PM`` is 11 September (en-US); a weekday word may prove it day-first."""
    swapped = f"{us['pre']}{us['b']}/{us['a']}/{us['year']}{us['post']}"
    month_first = parse_vn_date(swapped, now=now)
    day_first = parse_vn_date(raw, now=now)
    if month_first is None or (month_first.weekday_mismatch and day_first and not day_first.weekday_mismatch):
        return _candidate(source, raw, day_first) if day_first is not None else None
    both_readable = day_first is not None and int(us["a"]) != int(us["b"])
    weekday_proves = bool(us["pre"].strip()) and day_first is not None and day_first.weekday_mismatch
    return _candidate(
        source, raw, month_first, ambiguous=both_readable and not weekday_proves, note="month_first"
    )


def _candidate(
    source: str, raw: str, parsed: ParsedDate, *, ambiguous: bool = False, note: str = ""
) -> Candidate:
    return Candidate(source, raw, parsed.value, parsed.precision, ambiguous=ambiguous, note=note)


def correct_false_utc(candidates: list[Candidate]) -> list[Candidate]:
    """UTC values whose wall clock is another candidate's local time become that local time.

    A value that names the same instant as another candidate stays UTC (it is right).
    """
    local = [c for c in candidates if c.has_time and c.value.utcoffset() != timedelta(0)]
    corrected = []
    for c in candidates:
        if c.has_time and c.value.utcoffset() == timedelta(0) and _UTC_SUFFIX.search(c.raw):
            same_instant = any(abs(o.value - c.value) <= AGREEMENT for o in local)
            wall = c.value.replace(tzinfo=None)
            same_wall = any(
                abs(o.value.astimezone(VN_TZ).replace(tzinfo=None) - wall) <= AGREEMENT for o in local
            )
            if same_wall and not same_instant:
                c = Candidate(
                    c.source, c.raw, c.value.replace(tzinfo=VN_TZ), c.precision, c.ambiguous, "false_utc"
                )
        corrected.append(c)
    return corrected


def arbitrate(candidates: list[Candidate]) -> DateChoice:
    """The agreeing group with the most support, and its best-backed exact value."""
    deciding = [c for c in candidates if c.source not in QUIET_SOURCES] or candidates
    if not deciding:
        return DateChoice()
    anchor = max(deciding, key=lambda c: _support(c, deciding))
    # A feed's time of day may refine a day the page gives (it agrees with it), never decide it.
    group = [c for c in candidates if c.agrees(anchor)]
    chosen = _best_value(group)
    conflicts = [
        c.conflict_record()
        for c in sorted(candidates, key=_order)
        if c.source not in QUIET_SOURCES and not c.agrees(chosen)
    ]
    return DateChoice(
        value=chosen.value,
        raw=chosen.raw,
        source=chosen.source,
        conflicts=conflicts,
        backed_by=frozenset(c.source for c in group),
    )


def _support(anchor: Candidate, candidates: list[Candidate]) -> tuple:
    """How well the group agreeing with *anchor* is backed; a total order (ties broken by value)."""
    group = [c for c in candidates if c.agrees(anchor)]
    sure = [c for c in group if not c.ambiguous]
    return (
        bool(sure),
        len({c.source for c in sure}),
        anchor.has_time,
        -min(c.rank for c in group),
        -anchor.rank,
        not anchor.ambiguous,
        _order_key_value(anchor),
    )


def _best_value(group: list[Candidate]) -> Candidate:
    """The exact value most members give (times before days), then the most trusted member's."""
    timed = [c for c in group if c.has_time] or group
    votes: dict[datetime, list[Candidate]] = {}
    for c in timed:
        votes.setdefault(c.value, []).append(c)

    def backing(value: datetime) -> tuple:
        backers = votes[value]
        return (len(backers), -min(c.rank for c in backers), sum(not c.ambiguous for c in backers), value)

    value = max(votes, key=backing)
    return min(votes[value], key=_order)


def _order(c: Candidate) -> tuple:
    # A readable raw string before an epoch number of the same instant and source.
    return (c.rank, c.raw.isdigit(), c.value, c.raw)


def _order_key_value(c: Candidate) -> tuple:
    # Larger is preferred by max(): earlier instants and smaller raw strings win the last ties.
    return (-c.value.timestamp(), tuple(-ord(ch) for ch in c.raw))
