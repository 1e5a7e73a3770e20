"""Checked reading of ``BAOTINH_*`` settings: a bad value names the setting and what it accepts.

A typo in a cron line (``BAOTINH_BATCH_SIZE=abc``) must say so in one line, not end a scheduled
crawl in a ``ValueError`` traceback. Environment values are read here when ``aggregator.settings``
is imported; values given with ``-s NAME=VALUE`` are checked where a component reads them.
"""

from __future__ import annotations

import os
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


def _from_env(name: str, default: Any, parse: Any, **limits: Any) -> Any:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return parse(name, raw, **limits)
    except SettingError as exc:  # at import of the settings: one line and exit, no traceback
        raise SystemExit(f"baotinh: environment variable {exc}") from None


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    return _from_env(name, default, parse_int, minimum=minimum)


def env_float(name: str, default: float, *, minimum: float | None = None) -> float:
    return _from_env(name, default, parse_float, minimum=minimum)


def env_bool(name: str, default: bool) -> bool:
    return _from_env(name, default, parse_bool)


def get_int(settings: Any, name: str, default: int, *, minimum: int | None = None) -> int:
    """``settings[name]`` as a whole number (a ``-s`` value is a string), checked."""
    raw = settings.get(name)
    return default if raw is None or raw == "" else parse_int(name, raw, minimum=minimum)


def get_float(settings: Any, name: str, default: float, *, minimum: float | None = None) -> float:
    raw = settings.get(name)
    return default if raw is None or raw == "" else parse_float(name, raw, minimum=minimum)
