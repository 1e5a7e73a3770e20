"""``baotinh verify``: where each field came from, per spider, and a verdict; nothing stored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aggregator.demo import build_mirror
from aggregator.run.mirror import running_mirror
from aggregator.run.verify import CORE, FIELDS, verdict
from tests.conftest import ROOT

SITES = ["baolaocai", "baotayninh", "baonghean"]


def counts(articles: int, **core: tuple[int, int, int]) -> dict[str, dict[str, int]]:
    """Sources per field: every field from the selectors, except the core fields given."""
    found = {name: {"selector": articles, "fallback": 0, "missing": 0} for name in FIELDS}
    for name, (selector, fallback, missing) in core.items():
        found[name] = {"selector": selector, "fallback": fallback, "missing": missing}
    return found


def test_selectors_everywhere_is_ok() -> None:
    assert verdict(counts(10), 10) == "ok"


def test_half_from_selectors_is_still_ok() -> None:
    assert verdict(counts(10, title=(5, 5, 0)), 10) == "ok"


def test_core_field_mostly_from_fallbacks_is_fallback() -> None:
    assert verdict(counts(10, published=(4, 6, 0)), 10) == "fallback"


def test_core_field_mostly_missing_is_broken() -> None:
    assert verdict(counts(10, body=(4, 0, 6)), 10) == "broken"


def test_no_article_is_unreachable() -> None:
    assert verdict(counts(0), 0) == "unreachable"


def test_only_core_fields_decide() -> None:
    assert verdict(counts(10, author=(0, 0, 10), tags=(0, 10, 0)), 10) == "ok"
    assert set(CORE) <= set(FIELDS)


def run_verify(mirror: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aggregator.cli", "verify", *args, "--mirror", mirror],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=240,
    )


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("verify-mirror")
    build_mirror(root, sites=SITES)
    # The same paper after a redesign: its article pages lose the classes the F1 profile reads.
    for page in (root / "baolaocai.vn").rglob("*post*.html"):
        text = page.read_text(encoding="utf-8")
        text = text.replace("article__title", "story-heading").replace("article__meta", "story-info")
        page.write_text(text, encoding="utf-8")
    with running_mirror(root) as url:
        yield url


@pytest.fixture(scope="module")
def verified(mirror: str) -> tuple[int, list[dict[str, Any]]]:
    done = run_verify(mirror, *SITES, "--articles", "6", "--format", "json")
    return done.returncode, json.loads(done.stdout)


@pytest.mark.e2e
def test_verify_exits_1_when_a_spider_is_not_ok(verified: tuple[int, list[dict[str, Any]]]) -> None:
    assert verified[0] == 1


@pytest.mark.e2e
def test_verdicts_of_the_mirror(verified: tuple[int, list[dict[str, Any]]]) -> None:
    assert {r["spider"]: r["verdict"] for r in verified[1]} == {
        "baolaocai": "fallback",
        "baotayninh": "ok",
        "baonghean": "ok",
    }


@pytest.mark.e2e
def test_the_redesigned_paper_reads_its_title_from_fallbacks(
    verified: tuple[int, list[dict[str, Any]]],
) -> None:
    report = next(r for r in verified[1] if r["spider"] == "baolaocai")
    assert report["fields"]["title"] == {"selector": 0, "fallback": report["articles"], "missing": 0}


@pytest.mark.e2e
def test_articles_read_per_spider_are_capped(verified: tuple[int, list[dict[str, Any]]]) -> None:
    assert {r["spider"]: r["articles"] for r in verified[1]} == dict.fromkeys(SITES, 6)


@pytest.mark.e2e
def test_sample_is_a_real_article(verified: tuple[int, list[dict[str, Any]]]) -> None:
    sample = next(r for r in verified[1] if r["spider"] == "baotayninh")["sample"]
    assert sample["url"].startswith("https://baotayninh.vn/") and sample["title"] and sample["published"]


@pytest.mark.e2e
def test_verify_stores_nothing(mirror: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "aggregator.cli",
            "verify",
            "baonghean",
            "--articles",
            "3",
            "--mirror",
            mirror,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=240,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "BAOTINH_OUTPUT": str(tmp_path / "out")},
    )
    assert (done.returncode, list(tmp_path.iterdir())) == (0, [])


@pytest.mark.e2e
def test_table_ends_with_the_verdict_counts(mirror: str) -> None:
    done = run_verify(mirror, "baonghean", "--articles", "3")
    assert done.stdout.rstrip().splitlines()[-1] == "ok: 1"


def test_unknown_spider_is_refused() -> None:
    done = run_verify("http://127.0.0.1:9", "no-such-paper")
    assert (done.returncode, "unknown spider(s): no-such-paper" in done.stderr) == (2, True)


@pytest.mark.e2e
def test_a_site_that_does_not_answer_is_unreachable() -> None:
    done = run_verify("http://127.0.0.1:9", "baonghean", "--articles", "3", "--format", "json")
    assert (done.returncode, json.loads(done.stdout)[0]["verdict"]) == (1, "unreachable")
