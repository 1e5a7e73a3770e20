"""Text normalization: clean Unicode strings, fold accents, parse HTML fragments, sanitize HTML.

Vietnamese pages mix composed and decomposed diacritics, double-encoded entities, non-breaking
spaces and zero-width characters; the same words must compare equal in search and dedup, so every
string is NFC with plain spaces. The reader (``aggregator.extract``) and the feed builder share
these helpers; splitting a body into dateline, paragraphs and byline is the reader's business.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
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


def caseless(value: str | None) -> str:
    """The form two labels are compared in: clean, and case-insensitive (accents kept)."""
    return clean_text(value).casefold() if value else ""


def clean_multiline(value: str | None) -> str:
    """Like :func:`clean_text` but keeps paragraph breaks (blank lines)."""
    if not value:
        return ""
    paragraphs = [clean_text(p) for p in re.split(r"\n\s*\n", value)]
    return "\n\n".join(p for p in paragraphs if p)


# --- Body splitting --------------------------------------------------------------------------

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


# What no published HTML may keep (scripts, embeds, javascript: links, bare rel): every nh3 call.
NH3_SAFETY: dict[str, Any] = {
    "clean_content_tags": {"script", "style", "iframe", "noscript", "template", "object"},
    "url_schemes": {"http", "https", "mailto"},
    "link_rel": "noopener noreferrer nofollow",
}
_NH3_OPTIONS: dict[str, Any] = {"tags": _ALLOWED_TAGS, "attributes": _ALLOWED_ATTRIBUTES, **NH3_SAFETY}
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


def fold(text: str | None) -> str:
    """``Lạng Sơn`` → ``lang son``; ``ĐỒNG NAI`` → ``dong nai`` (ASCII, lowercase)."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()  # NFD leaves ASCII as it is
    return _fold_nonascii(text).decode("ascii")


def fold_bytes(text: str | None) -> bytes:
    """``fold(text)`` as ASCII bytes, for callers that go on working on bytes (shingling)."""
    if not text:
        return b""
    if text.isascii():
        return text.lower().encode("ascii")
    return _fold_nonascii(text)


# Fields longer than this are folded each time: the cache must not hold whole long pages.
_CACHED_CHARS = 20_000


def _fold_nonascii(text: str) -> bytes:
    return _fold_remembered(text) if len(text) <= _CACHED_CHARS else _fold_marked(text)


@functools.lru_cache(maxsize=512)  # a batch of 100 articles folds 300 fields
def _fold_remembered(text: str) -> bytes:
    return _fold_marked(text)


def _fold_marked(text: str) -> bytes:
    """The folding of text with non-ASCII characters.

    Every field of every article is folded when it is stored, so this is on the hot path of a
    crawl: chained ``str.replace`` and bytes methods run in C, where ``str.translate`` with a dict
    table looks up every character in Python objects (4x slower on Vietnamese text). The result is
    the same; ``tests/test_store_speedups.py`` checks it against the old implementation.

    Remembered (up to ``_CACHED_CHARS`` characters, for a batch's worth of fields): the
    near-duplicate signature folds the title and body that the index has just folded (``fold``
    works character by character, so the signature can fold fields one by one:
    ``fold(a + b) == fold(a) + fold(b)``).
    """
    # Đ/đ, and Ð/ð (U+00D0/U+00F0) that text converted from legacy encodings uses for them.
    text = text.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
    # Dropping what is not ASCII removes the marks (and non-Latin symbols, which search ignores).
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").lower()
