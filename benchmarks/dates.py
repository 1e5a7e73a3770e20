"""Speed and accuracy of ``parse_vn_date`` against plain dateparser, on one mixed corpus.

Why: the date normalizer runs on every page the crawler reads, and its fast path exists only
because dateparser is slow (~1 ms a string) and wrong on several site formats. This script keeps
both claims measured: it builds one corpus of strings with known answers (the real strings of
``../shared/corpus/dates.tsv`` when present, plus synthetic strings rendered from seeded random
datetimes in every format the fast path supports, plus noise that must give None), times both
parsers on the same mix, scores both with the same rule, and prints one JSON object on its last
line.

Run from the repo root: ``python benchmarks/dates.py``.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from aggregator.dates import VN_TZ, parse_vn_date  # noqa: E402 - needs the path set above

CORPUS_TSV = REPO_ROOT.parent / "shared" / "corpus" / "dates.tsv"
# "Now" for relative rows without a render time in their note, and for the synthetic ones.
FROZEN_NOW = datetime(2025, 12, 23, 10, 22, tzinfo=VN_TZ)
SEED = 20251223
SYNTHETIC_PER_FORMAT = 12
OURS_MIN_STRINGS = 20_000
DATEPARSER_MIN_STRINGS = 1000
ROUNDS = 5
EXACT = timedelta(0)

WEEKDAY_WORDS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
VN_MONTH_WORDS = (
    "Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai",
)  # fmt: skip
NOISE = (
    "0912 345 678", "0912345678", "+84-214-3842-648", "số 118", "10:15", "25:61", "31/02/2020",
    "29/02/2023", "", "   ", "2021", "9/10", "Trang 2", "Tin, ảnh: P.Y", "1/1/1850",
    "từ ngày 1/1/2020 đến ngày 5/1/2020",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Case:
    """One string, the answer it should give, and how close an answer must be to count."""

    text: str
    expected: datetime | None  # None: the string is noise and must give None
    day_only: bool  # compare calendar days only (the answer has no time)
    tolerance: timedelta
    now: datetime
    origin: str  # "real", "synthetic" or "noise"


# --------------------------------------------------------------------------- the corpus
def real_cases(path: Path = CORPUS_TSV) -> list[Case]:
    """The rows of dates.tsv, with relative rows anchored at the render time their notes give."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    render_times = _render_times(rows)
    return [case for row in rows if (case := _real_case(row, render_times)) is not None]


def _render_times(rows: list[dict[str, str]]) -> dict[str, datetime]:
    """Per site, the page render time a note states (``rendered ~2025-12-23T10:22+07:00``)."""
    found: dict[str, datetime] = {}
    for row in rows:
        if m := re.search(r"rendered ~(\S+?)(?:[\s;,)]|$)", row["note"]):
            found[row["site"]] = datetime.fromisoformat(m.group(1))
    return found


def _real_case(row: dict[str, str], render_times: dict[str, datetime]) -> Case | None:
    text, answer = row["raw_string"], row["iso_expected"]
    if m := re.fullmatch(r"NOW-(\d+)h.*", answer):
        expected = FROZEN_NOW - timedelta(hours=int(m.group(1)))
        return Case(text, expected, False, timedelta(minutes=1), FROZEN_NOW, "real")
    if not re.match(r"\d{4}-\d{2}-\d{2}", answer):
        return None
    now = render_times.get(row["site"], FROZEN_NOW)
    tolerance = EXACT
    if "phút trước" in text:
        tolerance = timedelta(minutes=1)
    elif "giờ trước" in text:
        tolerance = timedelta(minutes=35)  # znews rounds hours to the nearest
    if len(answer) == 10:
        return Case(text, datetime.fromisoformat(answer).replace(tzinfo=VN_TZ), True, EXACT, now, "real")
    return Case(text, datetime.fromisoformat(answer), False, tolerance, now, "real")


def synthetic_cases(rng: random.Random) -> list[Case]:
    """Every supported format, rendered from random datetimes between 1995 and 2090."""
    cases = []
    for render in RENDERERS:
        for _ in range(SYNTHETIC_PER_FORMAT):
            moment = _random_moment(rng)
            text, expected, day_only = render(moment, rng)
            cases.append(Case(text, expected, day_only, EXACT, FROZEN_NOW, "synthetic"))
    cases.extend(_relative_cases(rng))
    return cases


def noise_cases() -> list[Case]:
    return [Case(text, None, False, EXACT, FROZEN_NOW, "noise") for text in NOISE]


def _random_moment(rng: random.Random) -> datetime:
    start = datetime(1995, 1, 1, tzinfo=VN_TZ)
    span = int((datetime(2090, 12, 31, tzinfo=VN_TZ) - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(span))


Rendered = tuple[str, datetime, bool]


def _minute(t: datetime) -> datetime:
    return t.replace(second=0)


def _midnight(t: datetime) -> datetime:
    return t.replace(hour=0, minute=0, second=0)


def _dmy(t: datetime, rng: random.Random, sep: str = "/") -> str:
    if rng.random() < 0.5:
        return f"{t.day:02d}{sep}{t.month:02d}{sep}{t.year}"
    return f"{t.day}{sep}{t.month}{sep}{t.year}"


def _weekday(t: datetime, rng: random.Random) -> str:
    word = WEEKDAY_WORDS[t.weekday()]
    forms = (word, word.lower(), word.title(), word.upper())
    if t.weekday() < 6:
        forms += (f"Thứ {t.weekday() + 2}", f"T{t.weekday() + 2}")
    else:
        forms += ("CN",)
    return rng.choice(forms)


def _date_time(t: datetime, rng: random.Random) -> Rendered:
    sep = rng.choice((" ", " - ", ", ", " | "))
    return f"{_dmy(t, rng, rng.choice('/-.'))}{sep}{t:%H:%M}", _minute(t), False


def _time_date(t: datetime, rng: random.Random) -> Rendered:
    sep = rng.choice((" ", ", ", " | ", " ngày "))
    return f"{t:%H:%M}{sep}{_dmy(t, rng)}", _minute(t), False


def _weekday_gmt(t: datetime, rng: random.Random) -> Rendered:
    return f"{_weekday(t, rng)}, {_dmy(t, rng)} {t:%H:%M} (GMT+7)", _minute(t), False


def _weekday_seconds_offset(t: datetime, rng: random.Random) -> Rendered:
    offset = rng.choice(("+07:00", "+0700", "GMT+7"))
    return f"{_weekday(t, rng)}, {t:%d/%m/%Y %H:%M:%S} {offset}", t, False


def _weekday_date(t: datetime, rng: random.Random) -> Rendered:
    return f"{_weekday(t, rng)},{rng.choice(('  ', ' '))}{_dmy(t, rng)}", _midnight(t), True


def _weekday_ngay_pm(t: datetime, rng: random.Random) -> Rendered:
    meridiem = "PM" if t.hour >= 12 else "AM"
    return f"{_weekday(t, rng)}, ngày {t:%d/%m/%Y %H:%M} {meridiem} (GMT+7)", _minute(t), False


def _twelve_hour(t: datetime, rng: random.Random) -> Rendered:
    return f"{t:%I:%M %p} {_dmy(t, rng)}", _minute(t), False


def _vietnamese_clock(t: datetime, rng: random.Random) -> Rendered:
    clock = rng.choice((f"{t.hour}h{t.minute:02d}", f"{t.hour} giờ {t.minute} phút"))
    return f"{clock}, ngày {_dmy(t, rng)}", _minute(t), False


def _label(t: datetime, rng: random.Random) -> Rendered:
    label = rng.choice(("Cập nhật lúc", "Đăng lúc:", "Cập nhật:", "Xuất bản:"))
    return f"{label} {t:%H:%M} ngày {_dmy(t, rng)}", _minute(t), False


def _words(t: datetime, rng: random.Random) -> Rendered:
    text = rng.choice(
        (
            f"ngày {t.day} tháng {t.month} năm {t.year}",
            f"{t.day} tháng {t.month}, {t.year}",
            f"Ngày đăng: {t.day} Tháng {VN_MONTH_WORDS[t.month - 1]} {t.year}",
            f"{t.day} thg {t.month}, {t.year}",
        )
    )
    return text, _midnight(t), True


def _month_year(t: datetime, rng: random.Random) -> Rendered:
    return f"tháng {t.month}/{t.year}", _midnight(t).replace(day=1), True


def _iso(t: datetime, rng: random.Random) -> Rendered:
    offset = timezone(timedelta(minutes=15 * rng.randrange(-48, 57)))
    shown = t.astimezone(offset)
    text = rng.choice(
        (
            shown.isoformat(),
            shown.strftime("%Y-%m-%dT%H:%M:%S%z"),
            shown.strftime("%Y-%m-%dT%H:%M:%S.") + f"{rng.randrange(1000):03d}" + shown.strftime("%z"),
            t.strftime("%Y-%m-%dT%H:%M:%S"),
        )
    )
    return text, t, False


def _iso_date(t: datetime, rng: random.Random) -> Rendered:
    return t.strftime("%Y-%m-%d"), _midnight(t), True


def _rfc822(t: datetime, rng: random.Random) -> Rendered:
    shown, zone = rng.choice(((t, "+0700"), (t.astimezone(UTC), "GMT")))
    text = (
        f"{EN_WEEKDAYS[shown.weekday()]}, {shown.day:02d} {EN_MONTHS[shown.month - 1]} "
        f"{shown.year} {shown:%H:%M:%S} {zone}"
    )
    return text, t, False


def _epoch(t: datetime, rng: random.Random) -> Rendered:
    if t.timestamp() < 1e9:  # before 2001-09-09 an epoch has 9 digits, not a shape sites use
        t += timedelta(days=3653)
    seconds = int(t.timestamp())
    return rng.choice((str(seconds), str(seconds * 1000 + rng.randrange(1000)))), t, False


def _yearless(t: datetime, rng: random.Random) -> Rendered:
    # Anchored at FROZEN_NOW: the latest such day not after it.
    day = FROZEN_NOW.date() - timedelta(days=rng.randrange(360))
    expected = datetime(day.year, day.month, day.day, tzinfo=VN_TZ)
    return f"Ngày {day.day}-{day.month}", expected, True


RENDERERS: tuple[Callable[[datetime, random.Random], Rendered], ...] = (
    _date_time, _time_date, _weekday_gmt, _weekday_seconds_offset, _weekday_date,
    _weekday_ngay_pm, _twelve_hour, _vietnamese_clock, _label, _words, _month_year, _iso,
    _iso_date, _rfc822, _epoch, _yearless,
)  # fmt: skip


def _relative_cases(rng: random.Random) -> Iterator[Case]:
    """Relative strings with the exact answer a site would mean at FROZEN_NOW."""
    minute_now = FROZEN_NOW.replace(second=0)
    for _ in range(SYNTHETIC_PER_FORMAT):
        n = rng.randrange(1, 59)
        yield Case(f"{n} phút trước", minute_now - timedelta(minutes=n), False, timedelta(minutes=1),
                   FROZEN_NOW, "synthetic")  # fmt: skip
        h = rng.randrange(1, 24)
        yield Case(f"{h} giờ trước", minute_now - timedelta(hours=h), False, timedelta(minutes=1),
                   FROZEN_NOW, "synthetic")  # fmt: skip
        d = rng.randrange(1, 7)
        yield Case(f"{d} ngày trước", _midnight(FROZEN_NOW - timedelta(days=d)), True, EXACT,
                   FROZEN_NOW, "synthetic")  # fmt: skip
        at = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
        yesterday = FROZEN_NOW - timedelta(days=1)
        expected = yesterday.replace(hour=int(at[:2]), minute=int(at[3:]), second=0)
        yield Case(f"hôm qua {at}", expected, False, EXACT, FROZEN_NOW, "synthetic")


def build_corpus() -> list[Case]:
    rng = random.Random(SEED)
    return real_cases() + synthetic_cases(rng) + noise_cases()


# --------------------------------------------------------------------------- the parsers
def ours(case: Case) -> datetime | None:
    parsed = parse_vn_date(case.text, now=case.now)
    return None if parsed is None else parsed.value


def make_dateparser() -> Callable[[Case], datetime | None]:
    """Plain ``dateparser.parse`` with the settings a Vietnamese crawler would give it."""
    import dateparser

    def parse(case: Case) -> datetime | None:
        settings: dict[str, Any] = {
            "DATE_ORDER": "DMY",
            "TIMEZONE": "Asia/Ho_Chi_Minh",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": case.now.astimezone(VN_TZ).replace(tzinfo=None),
        }
        try:
            return dateparser.parse(case.text, languages=["vi"], settings=settings)
        except Exception:  # it raises on some inputs; count that as no answer
            return None

    return parse


def is_correct(case: Case, got: datetime | None) -> bool:
    """One rule for both parsers: right day for date-only answers, else the instant within
    the case's tolerance; None is right only for noise."""
    if case.expected is None or got is None:
        return case.expected is None and got is None
    if got.tzinfo is None:
        got = got.replace(tzinfo=VN_TZ)
    if case.day_only:
        return got.astimezone(VN_TZ).date() == case.expected.date()
    return abs(got - case.expected) <= case.tolerance


# --------------------------------------------------------------------------- measuring
def accuracy(parse: Callable[[Case], datetime | None], corpus: list[Case]) -> tuple[float, list[str]]:
    wrong = [case.text for case in corpus if not is_correct(case, parse(case))]
    return (len(corpus) - len(wrong)) / len(corpus), wrong


def strings_per_second(
    parse: Callable[[Case], datetime | None], corpus: list[Case], minimum: int
) -> tuple[float, int]:
    """Whole passes over the corpus (so the mix stays the same) until ``minimum`` strings."""
    passes = max(1, -(-minimum // len(corpus)))
    start = time.perf_counter()
    for _ in range(passes):
        for case in corpus:
            parse(case)
    elapsed = time.perf_counter() - start
    return passes * len(corpus) / elapsed, passes * len(corpus)


def race(
    corpus: list[Case], parsers: dict[str, Callable[[Case], datetime | None]], minimums: dict[str, int]
) -> dict[str, tuple[float, int]]:
    """Rates of each parser, timed in interleaved rounds, best round kept.

    The machine is shared: interleaving exposes both parsers to the same load, and the best
    round (as timeit does) is the least disturbed one.
    """
    best = dict.fromkeys(parsers, 0.0)
    timed = dict.fromkeys(parsers, 0)
    for _ in range(ROUNDS):
        for name, parse in parsers.items():
            rate, count = strings_per_second(parse, corpus, -(-minimums[name] // ROUNDS))
            best[name] = max(best[name], rate)
            timed[name] += count
    return {name: (best[name], timed[name]) for name in parsers}


def main() -> int:
    corpus = build_corpus()
    dateparser_parse = make_dateparser()
    for case in corpus:  # warm both up: imports, locale data, lazy fallbacks
        ours(case)
        dateparser_parse(case)
    ours_acc, ours_wrong = accuracy(ours, corpus)
    dp_acc, dp_wrong = accuracy(dateparser_parse, corpus)
    real = [case for case in corpus if case.origin == "real"]
    ours_real = accuracy(ours, real)[0] if real else None
    dp_real = accuracy(dateparser_parse, real)[0] if real else None
    rates = race(
        corpus,
        {"ours": ours, "dateparser": dateparser_parse},
        {"ours": OURS_MIN_STRINGS, "dateparser": DATEPARSER_MIN_STRINGS},
    )
    (ours_rate, ours_n), (dp_rate, dp_n) = rates["ours"], rates["dateparser"]
    origins = {o: sum(c.origin == o for c in corpus) for o in ("real", "synthetic", "noise")}
    print(f"corpus: {len(corpus)} strings {origins} (dates.tsv found: {CORPUS_TSV.exists()})")
    print(
        f"parse_vn_date: {ours_rate:,.0f}/s (best of {ROUNDS} rounds, {ours_n} strings), accuracy {ours_acc:.4f}"
    )
    print(f"dateparser:    {dp_rate:,.0f}/s (best of {ROUNDS} rounds, {dp_n} strings), accuracy {dp_acc:.4f}")
    print(f"parse_vn_date wrong on: {ours_wrong[:10]}")
    print(f"dateparser wrong on ({len(dp_wrong)}): {dp_wrong[:12]}")
    result = {
        "ours_per_s": round(ours_rate),
        "dateparser_per_s": round(dp_rate, 1),
        "ratio": round(ours_rate / dp_rate, 1),
        "ours_accuracy": round(ours_acc, 4),
        "dateparser_accuracy": round(dp_acc, 4),
        "ours_real_accuracy": ours_real and round(ours_real, 4),
        "dateparser_real_accuracy": dp_real and round(dp_real, 4),
        "corpus_size": len(corpus),
        "real_strings": origins["real"],
        "ours_strings_timed": ours_n,
        "dateparser_strings_timed": dp_n,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
