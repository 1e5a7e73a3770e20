"""Reads the hand-checked ground truth of ../shared/corpus/MANIFEST.md at test time.

The real pages and their sentences stay in ../shared; tests compare against what the manifest says
instead of copying it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GroundTruth:
    page: str  # e.g. "baolaocai.vn/article_sample.html"
    url: str
    title: str
    published: str
    author: str
    first_sentence: str  # may end with "…" where the manifest abbreviates it


def _field(block: str, label: str) -> str:
    match = re.search(rf"^- {label}[^\n]*$", block, re.MULTILINE)
    if not match:
        raise LookupError(f"manifest block has no '{label}' line")
    return match.group(0)


def read_ground_truth(corpus: Path) -> dict[str, GroundTruth]:
    text = (corpus / "MANIFEST.md").read_text(encoding="utf-8")
    found: dict[str, GroundTruth] = {}
    for match in re.finditer(r"^### (\S+/article_sample\.html)(.*?)(?=^### |^## |\Z)", text, re.M | re.S):
        page, block = match.group(1), match.group(2)
        url = re.search(r"https://\S+?\.html", _field(block, "URL")).group(0)
        title = re.search(r"`([^`]+)`", _field(block, "Title")).group(1)
        published = re.search(r"\*\*([^*]+)\*\*", _field(block, "Published")).group(1)
        author_line = _field(block, "(?:Author|Byline)")
        author = re.search(r"\*\*([^*]+)\*\*", author_line).group(1)
        sentence_line = _field(block, "Body first sentence")
        sentence = re.search(r':\s*"(.+?)"(?:\s|$)', sentence_line).group(1)
        found[page] = GroundTruth(page, url, title, published, author, sentence)
    return found
