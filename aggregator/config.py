"""Every ``BAOTINH_*`` setting in one place: its default, its meaning, and checked reading.

``SETTINGS`` is the registry: ``aggregator/settings.py`` takes the environment's values from it,
every component reads its value with :func:`setting`, ``baotinh settings`` prints it, and a test
keeps the README's table in step with it. A typo in a cron line (``BAOTINH_BATCH_SIZE=abc``) says
so in one line, not in a ``ValueError`` traceback: environment values are checked when
``aggregator.settings`` is imported, values given with ``-s NAME=VALUE`` where they are read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


class SettingError(ValueError):
    """A setting whose value is not of the kind it accepts."""


def parse_int(name: str, raw: Any, *, minimum: int | None = None) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = None
    if value is None or (minimum is not None and value < minimum):
        floor = f" of at least {minimum}" if minimum is not None else ""
        raise SettingError(f"{name}={raw!r} is not valid: it takes a whole number{floor}")
    return value


def parse_float(name: str, raw: Any, *, minimum: float | None = None) -> float:
    try:
        value = float(str(raw).strip())
    except ValueError:
        value = None
    if value is None or value != value or (minimum is not None and value < minimum):
        floor = f" of at least {minimum:g}" if minimum is not None else ""
        raise SettingError(f"{name}={raw!r} is not valid: it takes a number{floor}")
    return value


def parse_bool(name: str, raw: Any) -> bool:
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingError(f"{name}={raw!r} is not valid: it takes 1/0, true/false, yes/no or on/off")


# --- the registry: every setting of baotinh, its default and its meaning -------------------------


@dataclass(frozen=True, slots=True)
class Setting:
    """One ``BAOTINH_*`` setting (or ``MIRROR``): read from the environment or ``-s``, checked."""

    name: str
    default: Any
    kind: str  # "int", "float", "bool" or "str"
    meaning: str
    minimum: float | None = None

    def parse(self, raw: Any) -> Any:
        """A raw value (a ``-s`` string, an environment string, a Python value) of this kind."""
        if self.kind == "int":
            return parse_int(self.name, raw, minimum=None if self.minimum is None else int(self.minimum))
        if self.kind == "float":
            return parse_float(self.name, raw, minimum=self.minimum)
        if self.kind == "bool":
            return raw if isinstance(raw, bool) else parse_bool(self.name, raw)
        return "" if raw is None else str(raw)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "BAOTINH_OUTPUT",
        "output",
        "str",
        "folder for the feeds (and the database unless `BAOTINH_DB` is set)",
    ),
    Setting("BAOTINH_DB", "", "str", "the SQLite database (default `<BAOTINH_OUTPUT>/articles.db`)"),
    Setting(
        "BAOTINH_MAX_LISTING_PAGES",
        5,
        "int",
        "listing pages followed per entry URL (`-a pages=N` per run)",
        1,
    ),
    Setting("BAOTINH_BATCH_SIZE", 100, "int", "articles written per SQLite transaction", 1),
    Setting("BAOTINH_FEED_LIMIT", 100, "int", "entries per feed file", 1),
    Setting("BAOTINH_FEEDS_ON_CLOSE", True, "bool", "rebuild the feeds when `scrapy crawl` ends"),
    Setting(
        "BAOTINH_SITE_URL",
        "http://127.0.0.1:8000/",
        "str",
        "public URL of the output folder (feed self links)",
    ),
    Setting("MIRROR", "", "str", "fetch every page from a local mirror (see Offline: the mirror)"),
    Setting("BAOTINH_REDIS_URL", "", "str", "share the frontier through Redis (see Distributed crawling)"),
    Setting("BAOTINH_REDIS_PREFIX", "baotinh", "str", "prefix of every Redis key"),
    Setting("BAOTINH_REDIS_HEARTBEAT", 5.0, "float", "seconds between a crawler's heartbeats in Redis", 0.1),
    Setting(
        "BAOTINH_REDIS_WORKER_TIMEOUT",
        60.0,
        "float",
        "seconds of silence after which a crawler's leases return",
        1,
    ),
    Setting("BAOTINH_INGEST_PAUSE", 0.0, "float", "seconds `baotinh ingest` pauses between batches", 0),
    Setting(
        "BAOTINH_PROCESSES",
        "auto",
        "str",
        "crawler processes of `baotinh crawl`/`baotinh demo` (`auto`: one per core; see Scheduled runs)",
    ),
    Setting(
        "BAOTINH_STOP_AFTER_KNOWN_PAGES",
        1,
        "int",
        "listing pages of known articles after which pagination stops",
        1,
    ),
    Setting(
        "BAOTINH_BACKFILL_MAX_PAGES", 200, "int", "pagination depth of `-a full=1` and `-a since=…` runs", 1
    ),
    Setting(
        "BAOTINH_RETRY_DROPPED_AFTER_DAYS",
        7.0,
        "float",
        "days after which a page dropped for its content is tried again",
        0,
    ),
    Setting(
        "BAOTINH_LOCK_WAIT", 0.0, "float", "seconds a crawl waits for another writer of the same database", 0
    ),
    Setting("BAOTINH_PROGRESS_INTERVAL", 30.0, "float", "seconds between progress lines (0: none)", 0),
    Setting(
        "BAOTINH_STOP_TIMEOUT",
        60.0,
        "float",
        "seconds a crawler may take to finish cleanly once asked to stop, before it exits anyway (see Interrupted runs)",
        1,
    ),
    Setting(
        "BAOTINH_FRONTIER_MAX_ATTEMPTS",
        5,
        "int",
        "runs that may fail to download an owed article before it is given up",
        1,
    ),
    Setting(
        "BAOTINH_SILENT_DAYS",
        3.0,
        "float",
        "days without a new article after which `baotinh stats` says silent",
        0,
    ),
    Setting(
        "BAOTINH_DRIFT_DROP",
        0.3,
        "float",
        "`drift`: how far a source's share of articles read by its selectors may fall in one run",
        0,
    ),
    Setting(
        "BAOTINH_FALLBACK_SHARE",
        0.5,
        "float",
        "`fallback`: share of recent articles with a core field from fallbacks",
        0,
    ),
    Setting(
        "BAOTINH_CONFLICT_SHARE",
        0.2,
        "float",
        "`date_conflicts`: share of recent articles whose dates disagree",
        0,
    ),
    Setting(
        "BAOTINH_QUALITY_MIN_ARTICLES",
        5,
        "int",
        "articles needed before `drift`, `fallback`, `date_conflicts` speak",
        1,
    ),
    Setting("BAOTINH_LOG_LEVEL", "INFO", "str", "Scrapy's log level"),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def from_environment() -> dict[str, Any]:
    """Every setting's value from the environment, else its default (for ``aggregator.settings``)."""
    values = {}
    for spec in SETTINGS:
        raw = os.environ.get(spec.name)
        if raw is None:
            values[spec.name] = spec.default
            continue
        try:
            values[spec.name] = spec.parse(raw)
        except SettingError as exc:  # at import of the settings: one line and exit, no traceback
            raise SystemExit(f"baotinh: environment variable {exc}") from None
    return values


def setting(settings: Any, name: str) -> Any:
    """``settings[name]`` checked against the registry (a ``-s`` value is a string), else the default.

    *settings* may be Scrapy settings or None (a tool run outside Scrapy): the environment is
    read then, with the same check.
    """
    spec = BY_NAME[name]
    raw = settings.get(name) if settings is not None else None
    if raw is None:  # not in the settings at all: the environment variable of the same name
        raw = os.environ.get(name)
    if raw is None or raw == "":
        return spec.default
    return spec.parse(raw)
