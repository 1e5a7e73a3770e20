"""Every setting in one place: the registry, the settings module, the README and the readers agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from aggregator import settings as project_settings_module
from aggregator.config import BY_NAME, SETTINGS, SettingError, setting
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = [
    p for p in (*ROOT.glob("aggregator/**/*.py"), *ROOT.glob("spiders/**/*.py")) if p.name != "config.py"
]


def _readme_table() -> dict[str, str]:
    start = README.index("| setting | default | meaning |")
    rows = README[start:].split("\n\n", 1)[0].splitlines()[2:]
    return {re.search(r"`(\w+)`", row).group(1): row.split("|")[2].strip() for row in rows}


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "`1`" if value else "`0`"
    if value == "":
        return "empty"
    return f"`{value:g}`" if isinstance(value, float) else f"`{value}`"


def test_readme_lists_every_setting_with_its_default() -> None:
    assert _readme_table() == {spec.name: _shown(spec.default) for spec in SETTINGS}


def test_the_settings_module_takes_every_default() -> None:
    assert {spec.name: getattr(project_settings_module, spec.name) for spec in SETTINGS} == {
        spec.name: spec.default for spec in SETTINGS
    }


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_reads_a_setting_by_itself(path: Path) -> None:
    """Settings are read through ``config.setting`` only: no ``os.environ``/``.get`` of one."""
    text = path.read_text(encoding="utf-8")
    direct = re.findall(
        r"""(?:environ\.get|settings\.get\w*|\.get\w*)\(\s*["'](BAOTINH_\w+|MIRROR)["']""", text
    )
    assert direct == []


def test_every_setting_named_in_the_code_is_registered() -> None:
    named = {
        name
        for path in SOURCES
        for name in re.findall(r"""["'](BAOTINH_[A-Z_]+)["']""", path.read_text("utf-8"))
    }
    assert named - set(BY_NAME) == set()


def test_a_command_line_value_is_checked_by_the_registry() -> None:
    with pytest.raises(SettingError, match="BAOTINH_FEED_LIMIT='0'"):
        setting({"BAOTINH_FEED_LIMIT": "0"}, "BAOTINH_FEED_LIMIT")


def test_settings_command_prints_every_setting() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aggregator.cli", "settings", "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "BAOTINH_BATCH_SIZE": "7"},
    )
    lines = done.stdout.splitlines()
    assert (len(lines) - 1, next(line for line in lines if line.startswith("BAOTINH_BATCH_SIZE,"))) == (
        len(SETTINGS),
        "BAOTINH_BATCH_SIZE,100,7,articles written per SQLite transaction",
    )
