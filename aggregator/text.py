"""Text normalization: clean Unicode, and the article body split into dateline, paragraphs, byline.

Vietnamese pages mix composed and decomposed diacritics, double-encoded entities, non-breaking
spaces and zero-width characters; the same words must compare equal in search and dedup, so every
string is NFC with plain spaces. Provincial papers print the dateline (``LSO``, ``(CTO) -``) glued
to the first paragraph and the byline (``TRÍ DŨNG``, ``Tin, ảnh: P.Y``) as the last one: both are
metadata, not body text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import lxml.html
import nh3
from lxml import etree

# Characters that are invisible or forbidden in XML 1.0; they break feeds and comparisons.
_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def clean_text(value: str | None) -> str:
    """NFC, entities decoded (also double-encoded ones), invisible characters gone, spaces folded."""
    if not value:
        return ""
    text = value
    # Some CMSs (baocaobang) encode Vietnamese as entities inside already-decoded text.
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text).strip()


def clean_multiline(value: str | None) -> str:
    """Like :func:`clean_text` but keeps paragraph breaks (blank lines)."""
    if not value:
        return ""
    paragraphs = [clean_text(p) for p in re.split(r"\n\s*\n", value)]
    return "\n\n".join(p for p in paragraphs if p)


# --- Body splitting --------------------------------------------------------------------------

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
_JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "svg",
    "template",
    "object",
    "embed",
    "video",
    "audio",
)
_CAPTION_CLASS = re.compile(r"caption|image_desc|img-desc|photo-desc|desc_image|expNoEdit", re.I)

# Lines that belong to the site chrome rather than the article.
_BOILERPLATE = re.compile(
    r"^(?:Không được sao chép|Bản quyền (?:thuộc|©)|Ghi rõ nguồn|Theo dõi .{0,40} trên Google News"
    r"|Mời (?:quý )?(?:độc giả|bạn đọc) (?:theo dõi|xem)|Xem thêm\s*:|Đọc thêm\s*:"
    r"|Nguồn\s*:\s*https?://)",
    re.IGNORECASE,
)
# Headings after which everything is related links, comments or tags.
_CUTOFF = re.compile(r"^(?:Từ khóa|Từ khoá|Tin liên quan|Bài liên quan|Ý kiến bạn đọc|Tags?)\s*:?$", re.I)

# "(CTO) - ", "(Baonghean.vn) – ", "(PLO)-" at the start of the first paragraph.
_PAREN_DATELINE = re.compile(r"^\(\s*([A-ZĐ][\w.\-]{1,24}?)\s*\)\s*(?:[-–—:]\s*)?")
# A short bold marker such as "LSO" or "(CTO)" that opens the first paragraph.
_MARKER_TEXT = re.compile(r"^\(?[A-ZĐ][A-Za-zĐ.]{1,15}\)?$")
_CREDIT = re.compile(
    r"^(?:(?:Tin|Bài|Ảnh|Video|Clip|Thực hiện|Nhóm PV)(?:\s*(?:,|và|-|&|\+)\s*"
    r"(?:tin|bài|ảnh|video|clip))*)\s*:\s*\S.{0,80}$",
    re.IGNORECASE,
)
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_CAPS_NAME = re.compile(rf"^[{_UPPER}][{_UPPER}.]*(?:[ \-]+[{_UPPER}][{_UPPER}.]*){{0,4}}$")
# A capitalised name glued to the end of the last sentence: "…TTĐN… TRÍ DŨNG".
_GLUED_CAPS_NAME = re.compile(
    rf"(?<=[.…!?”\")])\s*([{_UPPER}][{_UPPER}.]+(?:[ \-]+[{_UPPER}][{_UPPER}.]+){{1,3}})$"
)


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


# huge_tree: libxml2 otherwise refuses a text node over 10 MB, and one hostile page would lose
# its whole body.
_PARSER = lxml.html.HTMLParser(huge_tree=True)


def parse_fragment(body_html: str) -> etree._Element:
    """Parse an HTML fragment into a single ``<div>`` root, tolerating broken markup."""
    try:
        return lxml.html.fragment_fromstring(body_html or "", create_parent="div", parser=_PARSER)
    except (etree.ParserError, ValueError):
        root = lxml.html.Element("div")
        root.text = body_html or ""
        return root


def remove_junk(root: etree._Element) -> None:
    """Drop scripts, styles, embeds and unrendered template text (``{{ … }}``)."""
    for el in root.iter(*_JUNK_TAGS):
        el.drop_tree()
    for el in list(root.iter(etree.Comment)):
        el.drop_tree()
    for el in list(root.iter()):
        if el is root or el.getparent() is None:
            continue
        own = (el.text or "") + "".join(c.tail or "" for c in el)
        if "{{" in own or "{%" in own:
            el.drop_tree()


def _style_align(el: etree._Element) -> str:
    style = (el.get("style") or "").replace(" ", "").lower()
    align = (el.get("align") or "").lower()
    for value in ("right", "center"):
        if f"text-align:{value}" in style or align == value:
            return value
    return ""


def _is_caption(el: etree._Element) -> bool:
    node: etree._Element | None = el
    depth = 0
    while node is not None and depth < 5:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "figcaption" or _CAPTION_CLASS.search(node.get("class") or ""):
            return True
        if tag == "figure" or (tag == "table" and "image" in (node.get("class") or "")):
            return (el.tag != "figure" and tag == "figure") or tag == "table"
        node = node.getparent()
        depth += 1
    return False


def _all_in(el: etree._Element, tags: tuple[str, ...], text: str) -> bool:
    """True when the whole visible text of *el* sits inside elements with one of *tags*."""
    inner = "".join(clean_text(x.text_content()) for x in el.iter(*tags) if _outermost(x, tags))
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


def iter_paragraphs(root: etree._Element) -> Iterator[Paragraph]:
    """Yield the leaf text blocks of *root* in document order.

    A block with nested blocks contributes its loose text (text before/between children) as
    blocks of its own, so neither ``<div>text<p>…</p></div>`` nor ``<p>`` soup loses words.
    """
    loose: list[str] = [root.text or ""]

    def flush(anchor: etree._Element) -> Iterator[Paragraph]:
        text = clean_text("".join(loose))
        loose.clear()
        if text:
            yield Paragraph(text=text, element=anchor)

    for child in root:
        if not isinstance(child.tag, str):
            loose.append(child.tail or "")
            continue
        has_blocks = child.tag in _BLOCK_TAGS and any(
            isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in child.iterdescendants()
        )
        if child.tag in _BLOCK_TAGS:
            yield from flush(child)
            if has_blocks:
                yield from iter_paragraphs(child)
            else:
                text = clean_text(child.text_content())
                if text:
                    yield Paragraph(
                        text=text,
                        element=child,
                        bold=_all_in(child, ("strong", "b"), text)
                        or "t2" in " ".join(x.get("class") or "" for x in child.iter()),
                        caption=_is_caption(child)
                        or (_style_align(child) == "center" and _all_in(child, ("em", "i"), text)),
                        align=_style_align(child),
                    )
            loose.append(child.tail or "")
        else:
            loose.append(etree.tostring(child, method="text", encoding="unicode", with_tail=True))
    yield from flush(root)


def _split_dateline(first: Paragraph, markers: Sequence[str]) -> tuple[str | None, str]:
    text = first.text
    match = _PAREN_DATELINE.match(text)
    if match:
        return f"({match.group(1)})", text[match.end() :].lstrip(" -–—:")
    for marker in markers:
        if text.startswith(marker) and len(text) > len(marker):
            rest = text[len(marker) :]
            if rest[0].isupper() or rest[0] in " -–—:":
                return marker, rest.lstrip(" -–—:")
    lead = first.element.find(".//strong") if first.element is not None else None
    if lead is None and first.element is not None:
        lead = first.element.find(".//b")
    if lead is not None:
        lead_text = clean_text(lead.text_content())
        if _MARKER_TEXT.match(lead_text) and text.startswith(lead_text) and len(text) > len(lead_text):
            return lead_text, text[len(lead_text) :].lstrip(" -–—:")
    return None, text


def _byline_of(last: Paragraph) -> str | None:
    text = last.text
    if len(text) > 80:
        return None
    if _CREDIT.match(text):
        return text
    words = text.split()
    if len(words) <= 6 and (last.bold or last.align == "right") and not text.endswith((".", ":", "?")):
        return text
    if len(words) <= 5 and _CAPS_NAME.match(text):
        return text
    return None


def split_body(
    body_html: str, *, base_url: str | None = None, dateline_markers: Sequence[str] = ()
) -> BodyParts:
    """Split an article body into dateline, paragraphs, byline and captions; sanitize its HTML."""
    root = parse_fragment(body_html)
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


# --- Sanitized HTML --------------------------------------------------------------------------

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "a",
    "img",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "h5",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "sub",
    "sup",
    "div",
    "span",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


def _promote_lazy_images(root: etree._Element) -> None:
    for img in root.iter("img"):
        lazy = img.get("data-src") or img.get("data-original") or img.get("data-lazy-src")
        src = img.get("src") or ""
        if lazy and (not src or src.startswith("data:")):
            img.set("src", lazy)


def sanitize_html(root: etree._Element | str, *, base_url: str | None = None) -> str:
    """Safe HTML for feeds and readers: no scripts, styles, handlers or iframes; absolute URLs."""
    if isinstance(root, str):
        root = parse_fragment(root)
        remove_junk(root)
    _promote_lazy_images(root)
    markup = "".join(etree.tostring(child, encoding="unicode", method="html") for child in root)
    markup = html.escape(root.text or "", quote=False) + markup
    relative = ("rewrite_with_base", base_url) if base_url else "deny"
    cleaned = nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "noscript", "template", "object"},
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        url_relative=relative,
        link_rel="noopener noreferrer nofollow",
    )
    return xml_safe(re.sub(r"(?:<div>\s*</div>|<span>\s*</span>|<p>\s*</p>)", "", cleaned)).strip()


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """Remove characters that XML 1.0 forbids (one of them would sink a whole feed)."""
    return _XML_FORBIDDEN.sub("", value) if value else value
