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
from typing import Any

import lxml.html
import nh3
from lxml import etree

# Characters that are invisible or forbidden in XML 1.0; they break feeds and comparisons.
_INVISIBLE_CHARS = "\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufffe\uffff"
_CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# Either of the above: one search tells whether the two substitutions have anything to do.
_INVISIBLE_OR_CONTROL = re.compile(f"[{_INVISIBLE_CHARS}{_CONTROL_CHARS}]")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def clean_text(value: str | None) -> str:
    """NFC, entities decoded (also double-encoded ones), invisible characters gone, spaces folded.

    Runs ~50 times per article (every paragraph, field and tag), so the common case of text that
    is already clean takes fast paths that give the same result as the full treatment:

    * ``str.isprintable()`` is False for every invisible, control and non-space whitespace
      character (all are Unicode "Other" or "Separator"), so printable text needs none of the
      substitutions, only runs of plain spaces folded;
    * once invisible and control characters are gone, ``str.split()`` splits on exactly the
      characters of ``_SPACES``, so ``" ".join(text.split())`` is ``_SPACES.sub(" ", text).strip()``
      without a regex match per word;
    * ASCII text is already NFC, and blank text cleans to nothing.
    """
    if not value or value.isspace():
        return ""
    text = value
    # Some CMSs (baocaobang) encode Vietnamese as entities inside already-decoded text.
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    if not text.isprintable():  # tabs, newlines, NBSP, invisible or control characters
        if _INVISIBLE_OR_CONTROL.search(text) is not None:
            text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
        text = " ".join(text.split())
    elif "  " in text:
        text = " ".join(text.split())
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.strip()


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
# "HNN.VN - ", "TTH - ": a marker in capitals (dots allowed), then a dash.
_CAPS_DATELINE = re.compile(r"^([A-ZĐ][A-ZĐ.]{1,15})\s*[-–—]\s*")
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


def _html_class_lookup() -> etree.ElementNamespaceClassLookup:
    """The element classes of ``lxml.html`` (``HtmlElement``, ``FormElement``…), chosen in C.

    ``lxml.html.HtmlElementClassLookup`` makes the same choice in a Python method that runs
    each time lxml creates a Python object for a node: tens of thousands of calls per crawl
    batch, for nothing but a dict lookup.
    """
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    by_tag = lookup.get_namespace(None)
    for tag, cls in lxml.html.HtmlElementClassLookup._default_element_classes.items():
        by_tag[tag] = cls
    return lookup


# huge_tree: libxml2 otherwise refuses a text node over 10 MB, and one hostile page would lose
# its whole body.
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_PARSER.set_element_class_lookup(_html_class_lookup())
# lxml.html's own test for a whole document, which fragment parsing does not wrap in <body>.
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.I)


def parse_fragment(body_html: str) -> etree._Element:
    """Parse an HTML fragment into a single ``<div>`` root, tolerating broken markup."""
    if isinstance(body_html, str) and not _FULL_DOCUMENT.match(body_html):
        root = _parse_into_body(body_html)
        if root is not None:
            return root
    try:
        return lxml.html.fragment_fromstring(body_html or "", create_parent="div", parser=_PARSER)
    except (etree.ParserError, ValueError):
        root = lxml.html.Element("div")
        root.text = body_html or ""
        return root


def _parse_into_body(body_html: str) -> etree._Element | None:
    """What ``lxml.html.fragment_fromstring(body_html, create_parent="div")`` returns, cheaper.

    lxml parses ``<html><body>FRAGMENT</body></html>`` and moves the body's children into a new
    ``<div>`` of another document; here the ``<body>`` itself becomes that ``<div>`` (detached,
    no attributes, no tail, its text kept only when not blank, as lxml does). Anything unusual
    (a parse error, not exactly one body) gives None, and the caller takes lxml's own path.
    """
    try:
        doc = etree.fromstring(f"<html><body>{body_html}</body></html>", _PARSER)
    except Exception:  # lxml's own path then raises or recovers exactly as before
        return None
    if doc is None or doc.tag != "html":
        return None
    bodies = [el for el in doc if el.tag == "body"]
    if len(bodies) != 1:
        return None
    body = bodies[0]
    doc.remove(body)
    body.tag = "div"
    body.attrib.clear()
    if not (body.text and body.text.strip()):
        body.text = None
    body.tail = None
    return body


def remove_junk(root: etree._Element) -> None:
    """Drop scripts, styles, embeds and unrendered template text (``{{ … }}``)."""
    for el in root.iter(*_JUNK_TAGS):
        el.drop_tree()
    for el in list(root.iter(etree.Comment)):
        el.drop_tree()
    if not _may_hold_template(root):
        return
    for el in list(root.iter()):
        if el is root or el.getparent() is None:
            continue
        own = (el.text or "") + "".join(c.tail or "" for c in el)
        if "{{" in own or "{%" in own:
            el.drop_tree()


def _may_hold_template(root: etree._Element) -> bool:
    """Whether any text under *root* has a ``{``: without one, no element holds template text.

    One C-level pass instead of joining every element's own text in Python. An element's own text
    is its text and its children's tails, all text nodes, which ``string()`` concatenates; only a
    processing instruction's text is outside it, so those are looked at too.
    """
    if "{" in _text_content(root):
        return True
    return any("{" in (pi.text or "") for pi in root.iter(etree.ProcessingInstruction))


def _text_content(el: etree._Element) -> str:
    """``el.text_content()`` (all descendant text, no tail) without an XPath evaluation.

    Both read libxml2's node content; serializing as text is about a third cheaper.
    """
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


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
    if tag == "figcaption" or (css_class and _CAPTION_CLASS.search(css_class)):
        return "caption"
    if tag == "figure" or (tag == "table" and "image" in css_class):
        return tag
    return ""


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
    caption = (mark != "figure" if mark else in_captions) or (
        align == "center" and not emphasis.isdisjoint(_ITALIC_TAGS) and _all_in(el, _ITALIC_TAGS, text)
    )
    return Paragraph(text=text, element=el, bold=bold, caption=caption, align=align)


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


_NH3_OPTIONS: dict[str, Any] = {
    "tags": _ALLOWED_TAGS,
    "clean_content_tags": {"script", "style", "iframe", "noscript", "template", "object"},
    "attributes": _ALLOWED_ATTRIBUTES,
    "url_schemes": {"http", "https", "mailto"},
    "link_rel": "noopener noreferrer nofollow",
}
# The base URL only changes relative URLs (ammonia leaves an absolute one as it is, whatever the
# base), so HTML without any is cleaned by this one Cleaner, built once: building the options
# into a sanitizer is about a third of what an ``nh3.clean`` call costs.
_WITHOUT_RELATIVE_URLS = nh3.Cleaner(url_relative="deny", **_NH3_OPTIONS)
# Every attribute that may end up as a URL one (href, src, xlink:href…); names are lower case.
_URL_ATTRIBUTE_VALUES = etree.XPath(
    "descendant::*/@*[contains(name(), 'href') or contains(name(), 'src')]", smart_strings=False
)
# A URL that starts with a scheme is never relative for ammonia (rust-url).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_EMPTY_ELEMENTS = re.compile(r"(?:<div>\s*</div>|<span>\s*</span>|<p>\s*</p>)")


def sanitize_html(root: etree._Element | str, *, base_url: str | None = None) -> str:
    """Safe HTML for feeds and readers: no scripts, styles, handlers or iframes; absolute URLs."""
    if isinstance(root, str):
        root = parse_fragment(root)
        remove_junk(root)
    _promote_lazy_images(root)
    markup = html.escape(root.text or "", quote=False) + _children_markup(root)
    if base_url and not _only_absolute_urls(root):
        cleaned = nh3.clean(markup, url_relative=("rewrite_with_base", base_url), **_NH3_OPTIONS)
    else:
        cleaned = _WITHOUT_RELATIVE_URLS.clean(markup)
    return xml_safe(_EMPTY_ELEMENTS.sub("", cleaned)).strip()


def _only_absolute_urls(root: etree._Element) -> bool:
    """True when every URL-like attribute below *root* starts with a scheme (none is relative)."""
    return all(_SCHEME.match(value) for value in _URL_ATTRIBUTE_VALUES(root))


def _children_markup(root: etree._Element) -> str:
    """The HTML of *root*'s children and their tails, without *root*'s own text.

    Serializing *root* once and cutting off its tags is cheaper than a ``tostring`` per child,
    and gives the same markup; it is done for the bare ``<div>`` that :func:`parse_fragment`
    returns, whose tags are known, with its text taken out for the moment.
    """
    if root.tag == "div" and not root.attrib:
        text = root.text
        root.text = None
        try:
            markup = etree.tostring(root, encoding="unicode", method="html", with_tail=False)
        finally:
            root.text = text
        if markup.startswith("<div>") and markup.endswith("</div>"):
            return markup[len("<div>") : -len("</div>")]
    return "".join(etree.tostring(child, encoding="unicode", method="html") for child in root)


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """Remove characters that XML 1.0 forbids (one of them would sink a whole feed)."""
    return _XML_FORBIDDEN.sub("", value) if value else value
