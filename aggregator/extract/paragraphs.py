"""An article body as a sequence of text blocks, with the layout facts the splitting rules use.

Pages nest paragraphs in tables, pasted Word markup and bare text between ``<div>``s; this walk
yields every leaf block once, in order, with whether it is bold, centred, or a photo caption
(``figcaption``, a caption class such as ``td.image_desc`` or ``p.wp-caption-text``, a block of an
image table, or an all-italic paragraph right under an image).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from aggregator.text import _text_content, clean_text

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "figcaption",
        "td",
        "th",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "table",
        "tbody",
        "thead",
        "tr",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "center",
    ]
)
# Classes of photo captions on the papers' pages (``td.image_desc``, ``p.wp-caption-text``, …).
CAPTION_WORDS = r"caption|img-?desc|image_?desc|photo-?desc|desc_?image|chu-?thich"
# A block's own mark; VTC's ``expNoEdit`` marks caption blocks but also whole photo boxes.
CAPTION_CLASS = re.compile(CAPTION_WORDS + "|expNoEdit", re.IGNORECASE)


@dataclass(slots=True)
class Paragraph:
    """One block of text in the body, with the layout facts the byline/caption rules need."""

    text: str
    element: etree._Element
    bold: bool = False
    caption: bool = False
    align: str = ""


@dataclass(slots=True)
class BodyParts:
    """The body split into its parts; ``paragraphs`` is the plain text the reader came for."""

    paragraphs: list[str] = field(default_factory=list)
    dateline: str | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    html: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _style_align(el: etree._Element) -> str:
    style = (el.get("style") or "").replace(" ", "").lower()
    align = (el.get("align") or "").lower()
    for value in ("right", "center"):
        if f"text-align:{value}" in style or align == value:
            return value
    return ""


def _caption_mark(node: etree._Element) -> str:
    """``"caption"`` (figcaption, caption class), ``"figure"`` or ``"table"`` (an image table).

    A block is a photo caption when it has a mark itself (except a figure: the figure holds the
    photo) or when one of the four levels above it has one (see :func:`_marks_captions`).
    """
    tag = node.tag if isinstance(node.tag, str) else ""
    css_class = node.get("class") or ""
    if tag == "figcaption" or (css_class and CAPTION_CLASS.search(css_class)):
        return "caption"
    if tag == "figure" or (tag == "table" and ("image" in css_class or _image_table(node))):
        return tag
    return ""


def _image_table(table: etree._Element) -> bool:
    """A table that frames a photo and a line under it (pasted Word markup), not a data table."""
    return next(table.iter("img"), None) is not None and len(_text_content(table).strip()) <= 200


def _marks_captions(node: etree._Element | None, levels: int = 4) -> bool:
    """Whether *node* or its ancestors (*levels* in all) make the blocks below them captions.

    Any caption mark does, for a block that is not a figure itself: the figure's own caption.
    It depends on *node* only, so :func:`iter_paragraphs` asks once for all of a node's children.
    """
    while node is not None and levels > 0:
        if _caption_mark(node):
            return True
        node = node.getparent()
        levels -= 1
    return False


def _all_in(el: etree._Element, tags: tuple[str, ...], text: str) -> bool:
    """True when the whole visible text of *el* sits inside elements with one of *tags*."""
    inner = "".join(clean_text(_text_content(x)) for x in el.iter(*tags) if _outermost(x, tags))
    return bool(text) and inner.replace(" ", "") == text.replace(" ", "")


def _outermost(el: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in tags:
            return False
        parent = parent.getparent()
    return True


def _block_text(el: etree._Element) -> str:
    parts: list[str] = []
    for node in el.iter():
        if node.tag == "br":
            parts.append(" ")
        if (node.text and node is el) or (node.text and node.tag not in _BLOCK_TAGS):
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return clean_text("".join(parts))


_BOLD_TAGS = ("strong", "b")
_ITALIC_TAGS = ("em", "i")
_EMPHASIS_TAGS = frozenset(_BOLD_TAGS + _ITALIC_TAGS)


def _scan_block(el: etree._Element) -> tuple[bool, set[str], bool]:
    """What the layout rules need from inside a block, in one walk over it.

    Returns whether a block element sits below *el* (its text is then several paragraphs, and
    the walk stops there), the emphasis tags below it and whether it or a descendant has a ``t2``
    class (``"t2" in`` the classes joined by spaces is the same as in any one of them). A
    comment's tag is a function, in neither tag set.
    """
    emphasis: set[str] = set()
    t2_class = "t2" in (el.get("class") or "")
    for node in el.iterdescendants():
        tag = node.tag
        if tag in _BLOCK_TAGS:
            return True, emphasis, t2_class
        if tag in _EMPHASIS_TAGS:
            emphasis.add(tag)
        if not t2_class and "t2" in (node.get("class") or ""):
            t2_class = True
    return False, emphasis, t2_class


def _leaf_paragraph(
    el: etree._Element, emphasis: set[str], t2_class: bool, in_captions: bool
) -> Paragraph | None:
    """The paragraph of a block without nested blocks, or None when it has no text.

    *emphasis* and *t2_class* come from :func:`_scan_block`; :func:`_all_in` only runs when a
    ``<strong>``/``<b>`` (or ``<em>``/``<i>``) is there at all: without one it is False, as *text*
    (cleaned, not empty) has a non-space character. *in_captions* is :func:`_marks_captions` of
    the block's parent.
    """
    text = clean_text(_text_content(el))
    if not text:
        return None
    align = _style_align(el)
    bold = (not emphasis.isdisjoint(_BOLD_TAGS) and _all_in(el, _BOLD_TAGS, text)) or t2_class
    mark = _caption_mark(el)  # a figure's own mark does not make it a caption
    italic = not emphasis.isdisjoint(_ITALIC_TAGS) and _all_in(el, _ITALIC_TAGS, text)
    caption = (mark != "figure" if mark else in_captions) or (
        italic and (align == "center" or _follows_image(el))
    )
    return Paragraph(text=text, element=el, bold=bold, caption=caption, align=align)


def _follows_image(el: etree._Element) -> bool:
    """Whether the nearest element before *el* (or before its parent) is an image-only block."""
    node = el
    for _ in range(3):
        previous = node.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if previous is not None:
            has_image = previous.tag == "img" or next(previous.iter("img"), None) is not None
            return has_image and not clean_text(_text_content(previous))
        node = node.getparent()
        if node is None:
            return False
    return False


def iter_paragraphs(root: etree._Element) -> Iterator[Paragraph]:
    """Yield the leaf text blocks of *root* in document order.

    A block with nested blocks contributes its loose text (text before/between children) as
    blocks of its own, so neither ``<div>text<p>…</p></div>`` nor ``<p>`` soup loses words.

    The caller may drop a yielded paragraph's element before asking for the next one, so a
    block's paragraph is only built after the loose text before it has been yielded.
    """
    loose: list[str] = [root.text or ""]
    # The ancestors of root do not change while its children are read (the caller only drops
    # paragraphs' elements: root's children, or root itself once they are all read).
    root_marks_captions = _marks_captions(root)
    for child in root:
        tag = child.tag
        if tag not in _BLOCK_TAGS:
            if isinstance(tag, str):
                loose.append(etree.tostring(child, method="text", encoding="unicode", with_tail=True))
            else:  # a comment or processing instruction: only its tail is text
                loose.append(child.tail or "")
            continue
        has_blocks, emphasis, t2_class = _scan_block(child)
        text = clean_text("".join(loose))
        loose.clear()
        if text:
            yield Paragraph(text=text, element=child)
        if has_blocks:
            yield from iter_paragraphs(child)
        else:
            # child has no parent any more if the caller dropped it as the loose text's anchor.
            parent = child.getparent()
            in_captions = root_marks_captions if parent is root else _marks_captions(parent)
            paragraph = _leaf_paragraph(child, emphasis, t2_class, in_captions)
            if paragraph is not None:
                yield paragraph
        loose.append(child.tail or "")
    text = clean_text("".join(loose))
    if text:
        yield Paragraph(text=text, element=root)
