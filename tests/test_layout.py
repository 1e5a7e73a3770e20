"""The layout draws the flow: small modules, no import circle, imports pointing one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAX_LINES = 400
MODULES = sorted(p for p in (*ROOT.glob("aggregator/**/*.py"), *ROOT.glob("spiders/**/*.py")))
# What each stage may import (besides the basics: text, dates, urls, config, items, paths, signals).
MAY_NOT_IMPORT = {
    "extract": {"pipelines", "store", "publish", "run", "cli", "demo"},
    "pipelines": {"publish", "run", "cli", "demo"},
    "store": {"extract", "pipelines", "publish", "run", "cli", "demo"},
    "publish": {"extract", "pipelines", "run", "cli", "demo"},
    "run": {"cli", "demo"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module *path* imports from the project, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found.update(n if n in NAMES else node.module for n in names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] in ("aggregator", "spiders") and name in NAMES}


NAMES = {module_name(p) for p in MODULES}
GRAPH = {module_name(p): imports(p) for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_no_import_circle() -> None:
    """No chain of imports (at the top of a module or inside a function) leads back to its start."""

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in GRAPH.get(start, ()):
            if nxt == target:
                return True
            if nxt not in seen:
                seen.add(nxt)
                if reaches(nxt, target, seen):
                    return True
        return False

    assert [name for name in GRAPH if reaches(name, name, set())] == []


def test_the_graph_is_read() -> None:
    """The check above sees the imports (a broken reader would make it pass on nothing)."""
    assert "aggregator.publish.model" in GRAPH["aggregator.publish.build"]


@pytest.mark.parametrize("stage", sorted(MAY_NOT_IMPORT))
def test_imports_point_one_way(stage: str) -> None:
    wrong = sorted(
        (name, target)
        for name, targets in GRAPH.items()
        if name.startswith(f"aggregator.{stage}")
        for target in targets
        if any(target.startswith(f"aggregator.{other}") for other in MAY_NOT_IMPORT[stage])
    )
    assert wrong == []
