"""Escaping, date strings and templates shared by the three platforms' pages."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from functools import cache, lru_cache
from html.entities import codepoint2name
from pathlib import Path
from string import Template
from typing import Any

from aggregator.demo.sites import SiteSpec
from aggregator.demo.stories import HTML_ENTITIES, NFD_TEXT, VN, Story
from aggregator.demo.texts import WEEKDAYS_VI

TEMPLATES = Path(__file__).parent / "templates"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The HTML-entities article spells these letters as entities, as some CMSs do.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                           "ô": "&ocirc;", "à": "&agrave;", "ố": "&#7889;"})  # fmt: skip


@cache
def template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


# The F1, F2 and F4 templates were written for one paper each; another paper on the same platform
# gets the same page with that paper's name and host put in (longest strings first).
_TEMPLATE_PAPERS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "f1_": ("baolaocai", (("Báo Lào Cai điện tử", "{paper}"), ("Báo Lào Cai", "{paper}"),
                          ("tỉnh Lào Cai", "{province}"), ("baolaocaidientu", "{slug}"),
                          ("baolaocai.vn", "{host}"))),
    "f2_": ("baolangson", (("Báo Lạng Sơn", "{paper}"), ("baolangson.vn", "{host}"))),
    "f4_": ("baocantho", (("\t\t\t<li><a href=\"https://baocantho.com.vn/thoi-su/\" title=\"Thời sự\">"
                           "Thời sự</a></li>\n", ""),
                          ("Báo Cần Thơ Online", "{paper}"), ("báo Cần Thơ online", "{paper}"),
                          ("baocantho.com.vn", "{host}"))),
}  # fmt: skip


@cache
def site_template(name: str, spec: SiteSpec) -> Template:
    """Template *name* for *spec*'s paper: the original paper's names replaced by its own."""
    if name[:3] not in _TEMPLATE_PAPERS:
        return template(name)
    origin, replacements = _TEMPLATE_PAPERS[name[:3]]
    if spec.key == origin:
        return template(name)
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    values = {
        "paper": spec.paper,
        "host": spec.host,
        "slug": spec.key,
        "province": f"tỉnh {spec.province}",
    }
    for old, new in replacements:
        text = text.replace(old, new.format(**values))
    return Template(text)


def esc(text: str) -> str:
    """Text or attribute value, HTML-escaped (quotes included); chained replace is the fastest."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# Papers whose CMS spells every non-ASCII letter as an entity (baocaobang: "N&ocirc;ng V&#259;n").
ENTITY_SITES = frozenset({"baocaobang"})


def all_entities(text: str) -> str:
    """*text* escaped, every non-ASCII letter as a named entity where HTML has one, else numeric."""
    return "".join(
        f"&{codepoint2name[ord(c)]};" if ord(c) in codepoint2name else f"&#{ord(c)};" if ord(c) > 127 else c
        for c in esc(text)
    )


def text_of(story: Story, text: str) -> str:
    """Escaped text as *story* prints it: entities or decomposed (NFD) letters for those cases."""
    if story.site in ENTITY_SITES:
        return all_entities(text)
    if story.index == HTML_ENTITIES:
        return text.translate(_ENTITIES)
    return esc(text)


def paragraph_text(story: Story, at: int) -> str:
    text = story.text(at)
    if story.index == NFD_TEXT and at == 1:  # one paragraph in decomposed Unicode
        text = unicodedata.normalize("NFD", text)
    return text_of(story, text)


def jsonld(data: dict[str, Any]) -> str:
    """JSON for a ``<script type=application/ld+json>``; ``</`` cannot close the script."""
    # No indent: json's C encoder only runs without one, and pages are written by the thousand.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def moment(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, VN)


@lru_cache(maxsize=1 << 16)
def dmy_hm(epoch: int) -> str:
    """``17/06/2025 13:43`` (F1 display)."""
    return moment(epoch).strftime("%d/%m/%Y %H:%M")


@lru_cache(maxsize=1 << 16)
def iso_compact(epoch: int) -> str:
    """``2025-06-17T13:43:02+0700`` (F1 meta and JSON-LD: no colon in the offset)."""
    return moment(epoch).strftime("%Y-%m-%dT%H:%M:%S+0700")


@cache
@lru_cache(maxsize=1 << 16)
def iso(epoch: int) -> str:
    """``2025-06-17T13:43:02+07:00``."""
    return moment(epoch).isoformat()


def iso_at(epoch: int, precision: str) -> str:
    """ISO 8601 with the precision the page gives (a date alone when it shows no time)."""
    return moment(epoch).date().isoformat() if precision == "day" else iso(epoch)


def rfc822(epoch: int) -> str:
    """``Wed, 01 Oct 2026 07:23:41 +0700`` for RSS (English names whatever the locale)."""
    m = moment(epoch)
    day, month = _DAYS[m.weekday()], _MONTHS[m.month - 1]
    return f"{day}, {m.day:02d} {month} {m.year} {m:%H:%M:%S} +0700"


def weekday_vi(epoch: int) -> str:
    return WEEKDAYS_VI[moment(epoch).weekday()]
