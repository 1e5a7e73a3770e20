"""Our own Vietnamese news text for the demo mirror: topics, sentence pools, names, places.

Nothing here is copied from a real page. The text itself is data, in ``texts.json`` beside this
module; this module gives it its shapes. Sentences carry ``{slots}`` (places, people, numbers) so
that articles built from the same pool still differ word for word: near-duplicate detection must
not mistake two demo articles on one topic for copies. Pools are shared by all sites, so a later
test can print the same story on two papers on purpose.

Slots: ``{place}``/``{Place}`` (a commune or ward, lower/upper first letter), ``{prov}`` ("Lào
Cai"), ``{province}`` ("tỉnh Lào Cai"), ``{resident}``/``{Resident}`` ("ông Lò Văn Thắng"),
``{official}`` (a name), ``{detail}`` (the topic's title detail), ``{when}`` (the lead's opener),
numbers ``{n}`` (2-9), ``{n2}`` (10-95), ``{n3}`` (120-950), ``{big}`` ("1.250"), ``{km}``
("3,5"), ``{money}`` ("12,6"), ``{pct}`` (60-98), ``{ha}`` (20-900), ``{w}`` ("3,5"), ``{year}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ALL = frozenset({"baolaocai", "baocantho", "baolangson"})
NORTH = frozenset({"baolaocai", "baolangson"})
CANTHO = frozenset({"baocantho"})


@dataclass(frozen=True, slots=True)
class Topic:
    """One kind of story: how its titles, sapo, lead and body sentences read."""

    key: str
    titles: tuple[str, ...]  # each has {place} and {detail}
    details: tuple[str, ...]
    sapos: tuple[str, ...]
    lead: str  # starts with "{when}, " and a capitalised subject
    sentences: tuple[str, ...]
    captions: tuple[str, ...]
    tags: tuple[str, ...]  # no commas: feeds and keywords split tags on them
    sites: frozenset[str] = ALL


def _tuples(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in table.items()}


def _topic(entry: dict[str, Any]) -> Topic:
    fields = {key: tuple(value) if isinstance(value, list) else value for key, value in entry.items()}
    return Topic(**{**fields, "sites": frozenset(entry["sites"])})


_DATA: dict[str, Any] = json.loads((Path(__file__).with_name("texts.json")).read_text(encoding="utf-8"))

TOPICS: tuple[Topic, ...] = tuple(_topic(entry) for entry in _DATA["topics"])
GENERIC: tuple[str, ...] = tuple(_DATA["generic"])  # body sentences that fit any topic
CLOSINGS: tuple[str, ...] = tuple(_DATA["closings"])
# The story with entities and an ampersand in its title (``&amp;`` on the page, ``&`` in the data).
ENTITY_TOPIC: str = _DATA["entity"]["topic"]
ENTITY_TITLE: str = _DATA["entity"]["title"]
ENTITY_SAPO: str = _DATA["entity"]["sapo"]
ENTITY_LEAD: str = _DATA["entity"]["lead"]
ENTITY_SENTENCE: str = _DATA["entity"]["sentence"]
PLACES: dict[str, tuple[str, ...]] = _tuples(_DATA["places"])  # communes and wards of each paper
PROVINCES: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in _DATA["provinces"].items()}
RESIDENTS: dict[str, tuple[str, ...]] = _tuples(_DATA["residents"])
OFFICIALS: tuple[str, ...] = tuple(_DATA["officials"])
# Bylines in each paper's habit: F1 prints a plain name, F4 a credit line, F2 capitals.
AUTHORS: dict[str, tuple[str, ...]] = _tuples(_DATA["authors"])
WEEKDAYS_VI: tuple[str, ...] = tuple(_DATA["weekdays"])

_CITIES = frozenset(_DATA["cities"])
_SOUTH = frozenset(_DATA["south"])
_CENTRAL = frozenset(_DATA["central"])
_REGION_RESIDENTS: dict[str, tuple[str, ...]] = _tuples(_DATA["region_residents"])
# Bylines by habit: plain names, capitals (F2), credit lines and initials (F4, "Tin, ảnh: " added).
_AUTHOR_STYLES: dict[str, tuple[str, ...]] = _tuples(_DATA["author_styles"])


def places(site: str) -> tuple[str, ...]:
    return PLACES[site]


def province_names(site: str, province: str) -> tuple[str, str]:
    """(short name, "tỉnh X" / "thành phố X") of a paper's province."""
    if site in PROVINCES:
        return PROVINCES[site]
    kind = "thành phố" if province in _CITIES else "tỉnh"
    return province, f"{kind} {province.removeprefix('TP. ')}"


def residents(site: str, province: str) -> tuple[str, ...]:
    if site in RESIDENTS:
        return RESIDENTS[site]
    region = "south" if province in _SOUTH else "central" if province in _CENTRAL else "north"
    return _REGION_RESIDENTS[region]


def authors(site: str, platform: str) -> tuple[str, ...]:
    if site in AUTHORS:
        return AUTHORS[site]
    return _AUTHOR_STYLES["caps" if platform == "F2" else "credit" if platform == "F4" else "plain"]
