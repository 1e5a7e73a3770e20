"""The body split into dateline, paragraphs, byline and captions, without the page's furniture.

Provincial papers print the dateline (``LSO``, ``(CTO) -``, ``(HPĐT)-``) glued to the first
paragraph and the byline (``TRÍ DŨNG``, ``Tin, ảnh: P.Y``, ``Theo Vietnamnet``) as the last one:
both are metadata, not body text. OneCMS repeats its header (title, "author • date", sapo) inside
the body container, and Q&A pages repeat the question: a leading block equal to the title or
the sapo, or an "author • date" line, is not body either. Everything after "Tin liên quan",
"Từ khóa" and the like is dropped, and so are font-size widgets and vendor lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from aggregator.dates import parse_vn_date
from aggregator.extract.paragraphs import BodyParts, Paragraph, iter_paragraphs
from aggregator.extract.people import CREDIT, ROLE_PREFIX
from aggregator.text import _text_content, caseless, clean_text, parse_fragment, remove_junk, sanitize_html

# Lines that belong to the site chrome rather than the article.
_BOILERPLATE = re.compile(
    r"^(?:Không được sao chép|Bản quyền (?:thuộc|©)|Ghi rõ nguồn|Theo dõi .{0,40} trên Google News"
    r"|Mời (?:quý )?(?:độc giả|bạn đọc) (?:theo dõi|xem)|Xem thêm\s*:|Đọc thêm\s*:"
    r"|Nguồn\s*:\s*https?://|Cỡ chữ\b|Mặc định$|POWERED BY\b|In bài viết$|Chia sẻ$|Bình luận$)",
    re.IGNORECASE,
)
# Headings after which everything is related links, comments or tags.
_CUTOFF = re.compile(r"^(?:Từ khóa|Từ khoá|Tin liên quan|Bài liên quan|Ý kiến bạn đọc|Tags?)\s*:?$", re.I)

# "(CTO) - ", "(Baonghean.vn) – ", "(PLO)-" at the start of the first paragraph.
_PAREN_DATELINE = re.compile(r"^\(\s*([A-ZĐ][\w.\-]{1,24}?)\s*\)\s*(?:[-–—:]\s*)?")
# "HNN.VN - ", "TTH - ": a marker in capitals (dots allowed), then a dash.
_CAPS_DATELINE = re.compile(r"^([A-ZĐ][A-ZĐ.]{1,15})\s*[-–—]\s*")
# A short bold marker such as "LSO" or "(CTO)" that opens the first paragraph.
_MARKER_TEXT = re.compile(r"^\(?[A-ZĐ][A-Za-zĐ.]{1,15}\)?$")
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_CAPS_NAME = re.compile(rf"^[{_UPPER}][{_UPPER}.]*(?:[ \-]+[{_UPPER}][{_UPPER}.]*){{0,4}}$")
# A capitalised name glued to the end of the last sentence: "…TTĐN… TRÍ DŨNG".
_GLUED_CAPS_NAME = re.compile(
    rf"(?<=[.…!?”\")])\s*([{_UPPER}][{_UPPER}.]+(?:[ \-]+[{_UPPER}][{_UPPER}.]+){{1,3}})$"
)


# "Đinh Nguyệt • 11/09/2021 15:29": the header's author-and-date line.
_AUTHOR_DATE_LINE = re.compile(r"^.{0,80}?[•·|]\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s+\d{1,2}:\d{2})?$")


def split_lead_dateline(text: str, markers: Sequence[str] = ()) -> tuple[str | None, str]:
    """The dateline that opens a sapo or a body's first paragraph, and the text after it.

    ``(CTO) -``, ``(Baonghean.vn) -``, ``(HPĐT)-`` and ``(PLO)-`` in brackets; ``HNN.VN -`` and
    ``TTH -`` in capitals before a dash; or one of the spider's own markers (``LSO``), which may be
    glued to the first word.
    """
    match = _PAREN_DATELINE.match(text)
    if match:
        return f"({match.group(1)})", text[match.end() :].lstrip(" -–—:")
    for marker in markers:
        if text.startswith(marker) and len(text) > len(marker):
            rest = text[len(marker) :]
            if rest[0].isupper() or rest[0] in " -–—:":
                return marker, rest.lstrip(" -–—:")
    match = _CAPS_DATELINE.match(text)
    if match and len(text) > match.end():
        return match.group(1), text[match.end() :]
    return None, text


def _split_dateline(first: Paragraph, markers: Sequence[str]) -> tuple[str | None, str]:
    dateline, text = split_lead_dateline(first.text, markers)
    if dateline:
        return dateline, text
    # next(iterdescendants(tag)) is what find(".//tag") returns, without an ElementPath query.
    lead = next(first.element.iterdescendants("strong"), None) if first.element is not None else None
    if lead is None and first.element is not None:
        lead = next(first.element.iterdescendants("b"), None)
    if lead is not None:
        lead_text = clean_text(_text_content(lead))
        if _MARKER_TEXT.match(lead_text) and text.startswith(lead_text) and len(text) > len(lead_text):
            return lead_text, text[len(lead_text) :].lstrip(" -–—:")
    return None, text


def _byline_of(last: Paragraph) -> str | None:
    text = last.text
    if len(text) > 80:
        return None
    if ROLE_PREFIX.match(text) or (CREDIT.match(text) and len(text.split()) <= 6):
        return text
    words = text.split()
    if len(words) <= 6 and (last.bold or last.align == "right") and not text.endswith((".", ":", "?")):
        return text
    if len(words) <= 5 and _CAPS_NAME.match(text):
        return text
    return None


def split_body(
    body_html: str | etree._Element,
    *,
    base_url: str | None = None,
    dateline_markers: Sequence[str] = (),
    repeated: Sequence[str | None] = (),
) -> BodyParts:
    """Split an article body into dateline, paragraphs, byline and captions; sanitize its HTML.

    *repeated* are the texts printed above the body (title, sapo) that a leading block may
    repeat. *body_html* may be a parsed element, which is then edited in place.
    """
    root = body_html if isinstance(body_html, etree._Element) else parse_fragment(body_html)
    remove_junk(root)
    parts = BodyParts()
    blocks: list[Paragraph] = []
    for para in iter_paragraphs(root):
        if _CUTOFF.match(para.text):
            _cut_from(para.element, root)
            break
        if _BOILERPLATE.match(para.text):
            _drop(para.element, root)
            continue
        if para.caption:
            parts.captions.append(para.text)
            continue
        blocks.append(para)
    _drop_header_blocks(blocks, root, repeated, dateline_markers)
    if blocks:
        byline = _byline_of(blocks[-1])
        if byline and len(blocks) > 1:
            parts.byline = byline
            _drop(blocks[-1].element, root)
            blocks.pop()
    if blocks:
        parts.dateline, blocks[0].text = _split_dateline(blocks[0], dateline_markers)
        if not blocks[0].text:
            blocks.pop(0)
    if blocks and parts.byline is None:
        glued = _GLUED_CAPS_NAME.search(blocks[-1].text)
        if glued:
            parts.byline = glued.group(1)
            blocks[-1].text = blocks[-1].text[: glued.start()].rstrip()
    parts.paragraphs = [b.text for b in blocks if b.text]
    parts.html = sanitize_html(root, base_url=base_url)
    return parts


def _drop_header_blocks(
    blocks: list[Paragraph], root: etree._Element, repeated: Sequence[str | None], markers: Sequence[str]
) -> None:
    """Remove leading blocks that repeat the title or sapo, or print "author • date" or a date."""
    heads = {caseless(text) for text in repeated if text}
    heads |= {caseless(split_lead_dateline(text, markers)[1]) for text in repeated if text}
    while blocks:
        text = blocks[0].text
        bare = split_lead_dateline(text, markers)[1]
        if (
            caseless(text) in heads
            or caseless(bare) in heads
            or _AUTHOR_DATE_LINE.match(text)
            or _date_line(text)
        ):
            _drop(blocks.pop(0).element, root)
            continue
        break


def _date_line(text: str) -> bool:
    """A short block that is nothing but a date: the header's date line repeated above the text."""
    return len(text) <= 60 and parse_vn_date(text) is not None


def _drop(el: etree._Element, root: etree._Element) -> None:
    if el is not None and el is not root and el.getparent() is not None:
        el.drop_tree()


def _cut_from(el: etree._Element, root: etree._Element) -> None:
    """Remove *el* and everything after it, so the HTML ends where the text does."""
    if el is None or el is root or el.getparent() is None:
        return
    node = el
    while node is not root and node.getparent() is not None:
        parent = node.getparent()
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node.tail = None
        node = parent
    el.getparent().remove(el)
