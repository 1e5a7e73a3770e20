"""A bad setting or a damaged database file: one clear line, a non-zero exit, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aggregator.config import SettingError, parse_bool, setting
from tests.conftest import ROOT


def baotinh(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aggregator.cli", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "value", "accepts"),
    [
        ("BAOTINH_BATCH_SIZE", "abc", "a whole number of at least 1"),
        ("BAOTINH_BATCH_SIZE", "0", "a whole number of at least 1"),
        ("BAOTINH_LOCK_WAIT", "-5", "a number of at least 0"),
        ("BAOTINH_STOP_TIMEOUT", "soon", "a number of at least 1"),
        ("BAOTINH_FEEDS_ON_CLOSE", "maybe", "1/0, true/false"),
    ],
)
def test_bad_environment_value_is_one_line(tmp_path: Path, name: str, value: str, accepts: str) -> None:
    done = baotinh("stats", "--output", str(tmp_path), env={name: value})
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        f"baotinh: environment variable {name}={value!r} is not valid: it takes {accepts}"
        + ("" if "1/0" not in accepts else ", yes/no or on/off")
    ]


def test_scrapy_crawl_with_a_bad_environment_value_is_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "baolaocai"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "BAOTINH_BATCH_SIZE": "abc"},
    )  # fmt: skip
    assert done.returncode != 0
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .endswith("BAOTINH_BATCH_SIZE='abc' is not valid: it takes a whole number of at least 1")
    )
    assert "Traceback" not in done.stderr


def test_component_reads_are_checked_too() -> None:
    """``-s NAME=VALUE`` values are strings, read where a component needs them."""
    with pytest.raises(SettingError, match="BAOTINH_BATCH_SIZE='many' is not valid"):
        setting({"BAOTINH_BATCH_SIZE": "many"}, "BAOTINH_BATCH_SIZE")
    assert setting({"BAOTINH_LOCK_WAIT": "2.5"}, "BAOTINH_LOCK_WAIT") == 2.5
    assert setting({}, "BAOTINH_BATCH_SIZE") == 100
    assert parse_bool("X", " Yes ") is True and parse_bool("X", "0") is False


@pytest.fixture
def not_a_database(tmp_path: Path) -> Path:
    path = tmp_path / "articles.db"
    path.write_bytes(b"<html>this was saved over the database</html>\n")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["search", "lang son"],
        ["feeds"],
        ["crawl", "baolaocai", "--mirror", "http://127.0.0.1:9"],
    ],
)
def test_a_file_that_is_not_sqlite_is_one_line_and_left_alone(
    not_a_database: Path, command: list[str]
) -> None:
    before = not_a_database.read_bytes()
    done = baotinh(*command, "--db", str(not_a_database), "--output", str(not_a_database.parent))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"baotinh: {not_a_database} cannot be used as the articles database (file is not a database); "
        "move it aside or point BAOTINH_DB elsewhere"
    ]
    assert not_a_database.read_bytes() == before
    assert sorted(p.name for p in not_a_database.parent.iterdir()) == ["articles.db"]
