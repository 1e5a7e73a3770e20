"""The demo papers built to be read wrong: two demo runs, then ``baotinh stats`` and ``verify``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aggregator.demo import build_mirror
from aggregator.demo.changes import CONFLICT_PAPER, DRIFT_NEW_STORIES, DRIFT_PAPER
from aggregator.run.mirror import running_mirror
from tests.conftest import ROOT

READING_FLAGS = {"drift", "fallback", "date_conflicts"}
# Huế Ngày Nay's spider knows no selectors (no page of the site was seen): read by fallbacks by design.
NO_SELECTORS = "huengaynay"


def baotinh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aggregator.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def reading_flags(output: Path) -> dict[str, list[str]]:
    done = baotinh("stats", "--output", str(output), "--format", "json")
    rows = json.loads(done.stdout)
    flagged = {row["source"]: [f for f in row["flags"] if f in READING_FLAGS] for row in rows}
    return {source: flags for source, flags in flagged.items() if flags}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("demo-twice")
    first = baotinh("demo", "--output", str(output))
    after_first = reading_flags(output)
    second = baotinh("demo", "--output", str(output))
    return {
        "output": output,
        "codes": (first.returncode, second.returncode),
        "after_first": after_first,
        "after_second": reading_flags(output),
    }


@pytest.mark.e2e
def test_both_demo_runs_finish(two_runs: dict[str, Any]) -> None:
    assert two_runs["codes"] == (0, 0)


@pytest.mark.e2e
def test_after_one_run_the_conflicting_paper_is_flagged(two_runs: dict[str, Any]) -> None:
    assert two_runs["after_first"] == {CONFLICT_PAPER: ["date_conflicts"], NO_SELECTORS: ["fallback"]}


@pytest.mark.e2e
def test_after_the_redesign_exactly_the_built_papers_are_flagged(two_runs: dict[str, Any]) -> None:
    assert two_runs["after_second"] == {
        CONFLICT_PAPER: ["date_conflicts"],
        DRIFT_PAPER: ["drift"],
        NO_SELECTORS: ["fallback"],
    }


@pytest.mark.e2e
def test_verify_on_the_demo_mirror_finds_the_redesigned_paper(two_runs: dict[str, Any]) -> None:
    with running_mirror(two_runs["output"] / "demo-mirror") as url:
        done = baotinh("verify", "--all", "--articles", "12", "--format", "json", "--mirror", url)
    verdicts = {row["spider"]: row["verdict"] for row in json.loads(done.stdout)}
    assert (done.returncode, {s: v for s, v in verdicts.items() if v != "ok"}) == (
        1,
        {DRIFT_PAPER: "fallback", NO_SELECTORS: "fallback"},
    )


@pytest.mark.e2e
def test_verify_counts_the_conflicting_dates(two_runs: dict[str, Any]) -> None:
    with running_mirror(two_runs["output"] / "demo-mirror") as url:
        done = baotinh("verify", CONFLICT_PAPER, "--articles", "12", "--format", "json", "--mirror", url)
    (row,) = json.loads(done.stdout)
    assert (row["verdict"], row["date_conflicts"]) == ("ok", 4)


def test_edition_1_redesigns_the_drift_paper_only(tmp_path: Path) -> None:
    before = build_mirror(tmp_path / "e0", sites=[DRIFT_PAPER, CONFLICT_PAPER])
    after = build_mirror(tmp_path / "e1", sites=[DRIFT_PAPER, CONFLICT_PAPER], edition=1)
    counts = {
        key: (len(before["sites"][key]["articles"]), len(after["sites"][key]["articles"]))
        for key in after["sites"]
    }
    assert counts == {DRIFT_PAPER: (12, 12 + DRIFT_NEW_STORIES), CONFLICT_PAPER: (12, 12)}


def test_the_redesign_keeps_the_urls_and_changes_the_classes(tmp_path: Path) -> None:
    build_mirror(tmp_path / "e0", sites=[DRIFT_PAPER])
    build_mirror(tmp_path / "e1", sites=[DRIFT_PAPER], edition=1)
    old = sorted(p.relative_to(tmp_path / "e0") for p in (tmp_path / "e0").rglob("*/20????/*/index.html"))
    redesigned = [(tmp_path / "e1" / p).read_text("utf-8") for p in old if (tmp_path / "e1" / p).is_file()]
    assert len(redesigned) == len(old) > 0
    assert all(
        'class="headline"' in page and 'class="title"' not in page.split("<main", 1)[1] for page in redesigned
    )
