"""Demo articles as data: story *i* of a site is a pure function of ``(site, i)``.

Purity is what lets a bigger build add newer articles without touching the files of older ones,
and what makes two builds byte-identical. Index 0 is the oldest article; publish times grow with
the index from a fixed anchor and stay before 2026-11-26 however many articles are asked for.
The special cases the tests rely on (no byline, HTML entities, two URLs, a malformed page…) sit at
fixed indices below 30, so the default build has every one of them exactly once.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from math import gcd

from aggregator.demo import texts
from aggregator.demo.sites import SITES, SiteSpec
from aggregator.text import fold as accent_fold

VN = timezone(timedelta(hours=7))
# The oldest article of every site; newer ones follow (spacing: _TIERS, published_epoch).
ANCHOR = int(datetime(2026, 10, 1, 7, 0, tzinfo=VN).timestamp())
# (first index of the tier, gap in seconds): 7 h apart for the first 150 articles, then closer
# and closer so that 100,000 articles per site still end before 2026-11-26.
_TIERS = ((0, 7 * 3600), (150, 600), (1150, 15), (21150, 1), (121150, 0))

# Fixed indices of the one-off cases (all below 30 so the default build has each once).
HTML_ENTITIES = 3
NO_BYLINE = 7
VISIBLE_DATE_ONLY = 11
PSEUDONYM_BOX = 13  # F2 only: the byline sits in div.pseudonym
PSEUDONYM_SITES = frozenset({"baohungyen"})  # F2 papers whose every byline sits in div.pseudonym
NFD_TEXT = 14
TWO_URLS = 15
MALFORMED = 19
FAILING = 23
# Cross-paper republication (near-duplicate clustering): this story of the first paper is the
# second paper's story of the same index, lightly edited, as papers reprint each other.
REPUBLISHED = 9
REPUBLISHED_FROM = {"baolaocai": "baolangson"}


@dataclass(frozen=True, slots=True)
class Photo:
    """An in-body photo: its caption and the paragraph it follows."""

    caption: str
    after: int  # index into Story.paragraphs
    name: str  # file name stem, ASCII


@dataclass(frozen=True, slots=True)
class Story:
    """Everything the pages say about one article, as clean NFC text (no markup)."""

    site: str
    index: int
    number: int  # the id in the URL
    section: int  # index into SiteSpec.sections
    topic: str
    place: str
    title: str
    sapo: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences per paragraph; the dateline is not in them
    dateline: str | None  # as an extractor reports it: "(CTO)", "LSO", "LCĐT"
    author: str | None  # the byline as printed: "Tin, ảnh: T.H", "MINH ANH"
    tags: tuple[str, ...]
    photo: Photo | None
    published: int  # epoch seconds, already cut to the precision the page shows
    precision: str  # "second", "minute" or "day"
    modified: int
    hexseed: str  # 64 hex digits for image paths
    cases: tuple[str, ...]

    @property
    def person(self) -> str | None:
        """The author a reader should report: the printed byline without its role prefix."""
        if self.author is None:
            return None
        for prefix in ROLE_PREFIXES:
            if self.author.startswith(prefix):
                return self.author[len(prefix) :]
        return self.author

    @property
    def special(self) -> bool:
        """Malformed and failing pages: listed, but never linked from other articles."""
        return self.index in (MALFORMED, FAILING)

    def text(self, paragraph: int) -> str:
        return " ".join(self.paragraphs[paragraph])


def published_epoch(index: int, jitter: float) -> int:
    """Publish time of article *index*; *jitter* in [0, 1) moves it within half its gap."""
    base = ANCHOR
    for (start, gap), end in zip(_TIERS, (*(t[0] for t in _TIERS[1:]), math.inf), strict=True):
        if index < end:
            return base + (index - start) * gap + int(jitter * min(gap // 2, 3600))
        base += (end - start) * gap
    raise AssertionError("the last tier has no end")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: how Vietnamese CMSs build slugs."""
    return re.sub(r"[^a-z0-9]+", "-", accent_fold(text))


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Slots(dict[str, str]):
    """Slot values for one sentence; numbers are drawn afresh at each use."""

    def __init__(self, base: Mapping[str, str], rng: random.Random) -> None:
        super().__init__(base)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        r = self.rng
        if key == "n":
            return str(r.randint(2, 9))
        if key == "n2":
            return str(r.randint(10, 95))
        if key == "n3":
            return str(r.randint(12, 95) * 10)
        if key == "big":
            return f"{r.randint(1, 9)}.{r.randint(0, 999):03d}"
        if key in ("km", "money"):
            return f"{r.randint(1, 12 if key == 'km' else 60)},{r.randint(1, 9)}"
        if key == "pct":
            return str(r.randint(60, 98))
        if key == "ha":
            return str(r.randint(20, 900))
        if key == "w":
            return r.choice(("3", "3,5", "4", "5"))
        raise KeyError(key)


def _fill(template: str, base: Mapping[str, str], rng: random.Random) -> str:
    return unicodedata.normalize("NFC", template.format_map(_Slots(base, rng)))


def _title_parts(spec: SiteSpec, section: int, position: int) -> tuple[texts.Topic, int, int, int, int]:
    """(topic, title template, detail, place, round) of the position-th story of a section.

    An injective mapping, so titles are unique within a section (and sections have disjoint
    topics): position → (topic t, rest q) → (place digit u, round digits r); the place is a
    coprime multiple of u shifted by t, detail and template are r's digits shifted by u and t.
    Past the last combination a "(kỳ N)" round number keeps titles apart.
    """
    topics = [t for t in texts.TOPICS if t.key in spec.sections[section].topics]
    places = len(texts.places(spec.key))
    step = next(a for a in (7, 11, 13, 17, 19, 23) if gcd(a, places) == 1)
    position += 5 * section
    t, q = position % len(topics), position // len(topics)
    u, r = q % places, q // places
    place = (step * u + 3 * t) % places
    detail = (r % 3 + u + t) % 3
    template = ((r // 3) % 2 + u) % 2
    return topics[t], template, detail, place, r // 6


def _when(spec: SiteSpec, moment: datetime, rng: random.Random) -> str:
    """The lead's opener, in each paper's habit: "Sáng 3/10", "Chiều 3-10", "Sáng nay (3/10)"."""
    day, month = moment.day, moment.month
    if spec.platform == "F4":
        return f"{rng.choice(('Ngày', 'Sáng', 'Chiều'))} {day}-{month}"
    if spec.platform == "F2":
        return f"{rng.choice(('Sáng nay', 'Hôm nay'))} ({day}/{month})"
    return f"{rng.choice(('Ngày', 'Sáng', 'Chiều'))} {day}/{month}"


def _dateline(spec: SiteSpec, index: int) -> str | None:
    """Each paper's own marker; the papers derived from spiders print none but Báo Nghệ An."""
    if spec.key == "baocantho":
        return None if index % 7 == 6 else "(CT)" if index % 5 == 2 else "(CTO)"
    if spec.key == "baolangson":
        return None if index % 8 == 7 else "LSO"
    if spec.key == "baolaocai":
        return "LCĐT" if index % 4 == 1 else None
    if spec.key == "baonghean":
        return None if index % 3 == 2 else "(Baonghean.vn)"
    return None


# The role prefixes this mirror prints before F4 bylines ("Tin, ảnh: T.N").
ROLE_PREFIXES = ("Tin, ảnh: ", "Bài, ảnh: ", "Tin: ", "Bài: ")


def _author(spec: SiteSpec, index: int, has_photo: bool, rng: random.Random) -> str | None:
    name = rng.choice(texts.authors(spec.key, spec.platform))
    if index == NO_BYLINE:
        return None
    if spec.platform == "F4":
        credits = (*ROLE_PREFIXES[:2], "") if has_photo else (*ROLE_PREFIXES[2:], "")
        return rng.choice(credits) + name
    return name


def _group(sentences: list[str], rng: random.Random) -> list[tuple[str, ...]]:
    groups: list[tuple[str, ...]] = []
    while sentences:
        take = min(len(sentences), rng.choice((1, 2, 2, 3)))
        groups.append(tuple(sentences[:take]))
        del sentences[:take]
    return groups


def make_story(site: str, index: int) -> Story:
    """Story *index* (0 = oldest) of *site*; depends on nothing else."""
    spec = SITES[site]
    rng = random.Random(f"baotinh-demo:{site}:{index}")
    pattern = spec.section_pattern
    section = pattern[index % len(pattern)]
    position = (index // len(pattern)) * pattern.count(section) + pattern[: index % len(pattern)].count(
        section
    )
    topic, template, detail_at, place_at, round_ = _title_parts(spec, section, position)
    if index == HTML_ENTITIES:
        topic = next(t for t in texts.TOPICS if t.key == texts.ENTITY_TOPIC)

    published = published_epoch(index, rng.random())
    visible_only = index == VISIBLE_DATE_ONLY
    precision = "second"
    # F4 shows minutes only (JSON-LD gives the day); F2's date line may show the day alone.
    if spec.platform == "F4" or (visible_only and spec.platform != "F2"):
        precision, published = "minute", published - published % 60
    elif visible_only:
        precision = "day"
    moment = datetime.fromtimestamp(published, VN)

    place = texts.places(site)[place_at]
    short, province = texts.province_names(site, spec.province)
    resident = rng.choice(texts.residents(site, spec.province))
    detail = topic.details[detail_at]
    base = {
        "place": place,
        "Place": upper_first(place),
        "prov": short,
        "province": province,
        "Province": upper_first(province),
        "resident": resident,
        "Resident": upper_first(resident),
        "official": rng.choice(texts.OFFICIALS),
        "detail": detail,
        "Detail": upper_first(detail),
        "year": str(moment.year),
        "when": _when(spec, moment, rng),
    }
    if index == HTML_ENTITIES:
        title = _fill(texts.ENTITY_TITLE, base, rng)
    else:
        title = _fill(topic.titles[template], base, rng)
        if round_:
            title += f" (kỳ {round_ + 1})"
    sapo = _fill(rng.choice(topic.sapos), base, rng)
    body = [_fill(s, base, rng) for s in rng.sample(topic.sentences, rng.randint(4, 6))]
    body += [_fill(s, base, rng) for s in rng.sample(texts.GENERIC, rng.randint(1, 3))]
    paragraphs = [(_fill(topic.lead, base, rng),)]
    if index == HTML_ENTITIES:
        sapo = _fill(texts.ENTITY_SAPO, base, rng)
        paragraphs = [(_fill(texts.ENTITY_LEAD, base, rng),), (_fill(texts.ENTITY_SENTENCE, base, rng),)]
    paragraphs += _group(body, rng)
    paragraphs.append((_fill(rng.choice(texts.CLOSINGS), base, rng),))

    photo = None
    if index % 3 != 0:
        caption = _fill(rng.choice(topic.captions), base, rng)
        photo = Photo(caption, rng.choice((1, 2)), f"{fold(detail).strip('-')}-{rng.randint(1, 99)}")
    tags = () if index % 9 == 8 else (*topic.tags, place.split(" ", 1)[1])
    modified = published
    if index % 5 == 2 and index < 150 and precision != "day":
        modified += rng.randint(10, 300) * 60
    story = Story(
        site=site,
        index=index,
        number=spec.id_base + spec.id_step * index + rng.randrange(spec.id_step),
        section=section,
        topic=topic.key,
        place=place,
        title=title,
        sapo=sapo,
        paragraphs=tuple(paragraphs),
        dateline=_dateline(spec, index),
        author=_author(spec, index, photo is not None, rng),
        tags=tags,
        photo=photo,
        published=published,
        precision=precision,
        modified=modified,
        hexseed=f"{rng.getrandbits(256):064x}",
        cases=(),
    )
    if index == REPUBLISHED and site in REPUBLISHED_FROM:
        story = _republished(story, make_story(REPUBLISHED_FROM[site], index))
    return _with_cases(spec, story)


def _republished(story: Story, origin: Story) -> Story:
    """*origin* as *story*'s paper reprints it: its own headline prefix, no closing paragraph."""
    return replace(
        story,
        topic=origin.topic,
        place=origin.place,
        title=f"{origin.title}: những kết quả bước đầu",
        sapo=origin.sapo,
        paragraphs=origin.paragraphs[:-1] if len(origin.paragraphs) > 3 else origin.paragraphs,
        photo=None,
        tags=origin.tags,
    )


def _with_cases(spec: SiteSpec, story: Story) -> Story:
    """Name the traps an article holds, for the manifest and for tests that look for one."""
    i = story.index
    named = {
        HTML_ENTITIES: "html_entities",
        NO_BYLINE: "no_byline",
        VISIBLE_DATE_ONLY: "visible_date_only",
        NFD_TEXT: "nfd_text",
        TWO_URLS: "two_urls",
    }
    cases = [named[i]] if i in named else []
    if i == REPUBLISHED and spec.key in REPUBLISHED_FROM:
        cases.append(f"republished_from:{REPUBLISHED_FROM[spec.key]}")
    if spec.platform == "F2" and story.author and (i == PSEUDONYM_BOX or spec.key in PSEUDONYM_SITES):
        cases.append("pseudonym_box")
    if story.precision == "day":
        cases.append("date_only")
    if story.photo:
        cases.append("photo_caption")
        if spec.platform == "F4" and i % 2 == 1:
            cases.append("relative_image")
    if story.dateline:
        cases.append("dateline")
    if story.author:
        cases.append("closing_byline")
    if story.tags:
        cases.append("tags")
    if story.modified != story.published:
        cases.append("modified_later")
    if spec.platform == "F1":
        cases.append("ad_placeholders")
    if spec.platform == "F2":
        cases.append("template_element")
    cases += ["lead_image", "related_sidebar"]
    return replace(story, cases=tuple(cases))
