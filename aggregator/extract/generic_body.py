"""The generic reading of a page whose markup no profile knows: byline, visible dates, body.

trafilatura, a proven main-text extractor, finds the body; captions and the visible byline are
taken out first, and its HTML output goes through the same body splitter as every platform's
body. The byline printed near the title beats the JSON-LD author, which some sites fill with
another form of the name or a CMS account. The reader uses this when a profile has no body
selector that matches, so a platform spider whose selectors broke still reads the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from aggregator.extract.paragraphs import CAPTION_WORDS
from aggregator.text import caseless, clean_text

# Elements removed whole before trafilatura sees the page (their photo goes with them).
_CAPTION_CLASS = re.compile(CAPTION_WORDS, re.IGNORECASE)
_BYLINE_MARK = re.compile(r"author|byline|tac-?gia|pseudonym|writer", re.IGNORECASE)
# Regions whose bylines belong to other articles (related lists, sidebars, comments).
_ELSEWHERE = re.compile(
    r"related|relate|lien-?quan|sidebar|comment|binh-?luan|footer|menu|widget|most-?view|xem-?nhieu"
    r"|tin-?khac|box-?news|list-?news|article-?item|teaser|suggest",
    re.IGNORECASE,
)
_ELSEWHERE_TAGS = frozenset({"aside", "nav", "footer", "head", "a"})
_DATE_MARK = re.compile(r"date|time|publish|ngay-?dang|thoi-?gian", re.IGNORECASE)
_SAPO_MARK = re.compile(r"sapo|chapeau|lead|excerpt|description|summary", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BYLINE_PREFIX = re.compile(r"^(?:Tác giả|Người viết|Bởi|By)\s*:?\s*", re.IGNORECASE)
_BYLINE_LABEL = re.compile(r"^(?:tác giả|author|by|theo)$", re.IGNORECASE)


def take_byline(
    root: etree._Element, *, title: str | None = None, site_name: str | None = None
) -> str | None:
    """The byline printed near the title, removed from *root* so it stays out of the body.

    Candidates are elements marked author/byline (class, id, ``itemprop``, ``rel``) that hold a
    short name and sit outside related lists, sidebars and comments; the innermost mark wins
    over its container, and the one nearest the ``<h1>`` (deepest common ancestor) over the rest.
    """
    ranks = _ancestor_depths(_title_heading(root, title))
    best: tuple[int, etree._Element, str] | None = None
    for el in _byline_marks(root):
        name = _byline_text(el, site_name)
        if not name:
            continue
        rank = _nearness(el, ranks)
        if best is None or rank > best[0]:
            best = (rank, el, name)
    if best is None:
        return None
    _, el, name = best
    if el.getparent() is not None:
        el.drop_tree()
    return name


def visible_dates(root: etree._Element, *, title: str | None = None, limit: int = 3) -> list[str]:
    """Dates printed near the title (class date/time/publish, ``<time datetime>``), nearest first.

    They back up structured data that gives only the day (``datePublished: "2026-01-08"``) while
    the page prints the time; dates in related lists and sidebars are left out.
    """
    ranks = _ancestor_depths(_title_heading(root, title))
    found: list[tuple[int, int, str]] = []
    for order, el in enumerate(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style"):
            continue
        if el.tag == "time" and el.get("datetime"):
            text = el.get("datetime") or ""
        elif _DATE_MARK.search(_marks(el)):
            text = clean_text(el.text_content())
        else:
            continue
        if re.search(r"\d", text) and len(text) <= 60 and not _elsewhere(el):
            found.append((-_nearness(el, ranks), order, text))
    return [text for _, _, text in sorted(found)[:limit]]


def _byline_marks(root: etree._Element) -> Iterator[etree._Element]:
    marked = [el for el in root.iter() if isinstance(el.tag, str) and _is_byline_mark(el)]
    inner = set(marked)
    for el in marked:
        if any(d in inner for d in el.iterdescendants()):
            continue  # a container of a more precise mark (author box → author name)
        if not _elsewhere(el):
            yield el


def _is_byline_mark(el: etree._Element) -> bool:
    if el.tag in ("meta", "link", "script", "style", "img"):
        return False
    if (el.get("itemprop") or "").lower() == "author" or "author" in (el.get("rel") or "").lower():
        return True
    return bool(_BYLINE_MARK.search(_marks(el)))


def _elsewhere(el: etree._Element) -> bool:
    return any(node.tag in _ELSEWHERE_TAGS or _ELSEWHERE.search(_marks(node)) for node in el.iterancestors())


def _byline_text(el: etree._Element, site_name: str | None) -> str | None:
    text = _BYLINE_PREFIX.sub("", clean_text(el.text_content())).strip(" -–|,")
    if not (2 <= len(text) <= 60) or len(text.split()) > 8 or re.search(r"\d", text):
        return None
    if _BYLINE_LABEL.match(text) or not re.search(r"[^\W\d_]", text):
        return None
    if site_name and text.casefold() == clean_text(site_name).casefold():
        return None
    return text


def _title_heading(root: etree._Element, title: str | None) -> etree._Element | None:
    """The ``<h1>`` that holds the title (a logo can be an ``<h1>`` too), else the first one."""
    headings = list(root.iter("h1"))
    wanted = clean_text(title).casefold() if title else ""
    for h1 in headings:
        text = clean_text(h1.text_content()).casefold()
        if wanted and text and (text in wanted or wanted in text):
            return h1
    return headings[0] if headings else None


def _ancestor_depths(anchor: etree._Element | None) -> dict[etree._Element, int]:
    if anchor is None:
        return {}
    chain = [anchor, *anchor.iterancestors()]
    return {node: len(chain) - i for i, node in enumerate(chain)}


def _nearness(el: etree._Element, ranks: dict[etree._Element, int]) -> int:
    for node in el.iterancestors():
        if node in ranks:
            return ranks[node]
    return 0


MAX_DEPTH = 120
_TOO_DEEP = etree.XPath(f"boolean(//*[ancestor::*[{MAX_DEPTH}]])")


def extract_body(
    root: etree._Element, *, url: str, title: str | None = None, summary: str | None = None
) -> tuple[str, int]:
    """The article body as HTML paragraphs (for ``split_body``) and its length in characters.

    Photo captions are removed before trafilatura sees the page: it keeps them as paragraphs,
    and without their classes ``split_body`` could no longer tell them from text. So is the sapo
    (a ``sapo``/``lead``/``description`` element that prints the summary), which the article keeps
    as its summary. Leading blocks that repeat the title, or the summary as a heading, go too.

    A page nested deeper than ``MAX_DEPTH`` elements is no page a person reads, and trafilatura's
    time grows with the square of the nesting (3,000 nested tables: 20 s): it gets no generic body.
    """
    if _TOO_DEEP(root):
        return "", 0
    lead = caseless(summary)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if _is_caption(el) or (
            lead and _SAPO_MARK.search(_marks(el)) and caseless(el.text_content()) == lead
        ):
            el.drop_tree()
    import trafilatura  # imported on first use: it is slow to import and most crawls never need it

    extracted = trafilatura.extract(
        root,
        url=url,
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=True,
        include_links=True,
    )
    if not extracted:
        return "", 0
    body = lxml.html.fromstring(extracted)
    body = body.find("body") if body.find("body") is not None else body
    blocks = list(body)
    while blocks and _repeats_head(blocks[0], caseless(title), lead):
        body.remove(blocks.pop(0))
    chars = sum(len(clean_text(block.text_content())) for block in blocks)
    return "".join(etree.tostring(block, encoding="unicode", method="html") for block in blocks), chars


def _repeats_head(block: etree._Element, title: str, lead: str) -> bool:
    text = caseless(block.text_content())
    return bool(text) and (text == title or (text == lead and block.tag in _HEADINGS))


def _marks(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_caption(el: etree._Element) -> bool:
    return el.tag == "figcaption" or bool(_CAPTION_CLASS.search(el.get("class") or ""))
