"""Where a run reads and writes: the database file and the output folder, from settings."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings

from aggregator.config import setting


def output_dir(settings: BaseSettings) -> Path:
    return Path(setting(settings, "BAOTINH_OUTPUT") or "output")


def db_path(settings: BaseSettings) -> Path:
    """``BAOTINH_DB`` when set, else ``<BAOTINH_OUTPUT>/articles.db``."""
    explicit = setting(settings, "BAOTINH_DB")
    return Path(explicit) if explicit else output_dir(settings) / "articles.db"
