"""The fast paths of the Normalize step give exactly what the plain implementations give.

``text``, ``urls`` and ``normalize_article`` skip work when they can prove it changes nothing
(clean text, canonical URLs, HTML without relative links…). Each test here sets the optimized
code against the straightforward form of the same rule, on hand-picked edge cases, random input
and the fixture pages.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from itemadapter import ItemAdapter
from lxml import etree
from w3lib.url import canonicalize_url, safe_url_string

from aggregator import text, urls
from aggregator.extract import body, paragraphs
from aggregator.pipelines import normalize_article

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EDGE_FRAGMENTS = [
    "",
    "text only",
    "   <p>x</p>  ",
    "Loose <b>lead</b> text<p>Para</p>tail text<div>Div <span>x</span></div>",
    "<body class='z'>in body</body>",
    "<p>one</p></body><p>after body</p></html>trailing",
    "<head><title>t</title></head><p>x</p>",
    "<html><body><p>full</p></body></html>",
    "<!doctype html><p>x</p>",
    "<frameset><frame></frameset>",
    "<p>a</p><!-- c --><p>b</p><?php echo 1 ?>",
    "<figure>Xem thêm: abc<p>Caption text here</p></figure><p>Body one.</p><p>Body two.</p>",
    "<div class='image_desc'><div><p>Inner caption</p></div></div><p>Body.</p><p>More body.</p>",
    "<div class='caption'><div><div><div><p>Depth4</p></div></div></div></div><p>B.</p><p>C.</p>",
    "<div class='caption'><div><div><div><div><p>Depth5</p></div></div></div></div></div><p>B.</p>",
    "<figure><figure><p>nested fig</p></figure></figure><p>B.</p><p>C.</p>",
    "<figure><p>in fig</p><figcaption>cap</figcaption></figure><table class='image'><tr><td>c</td></tr></table>",
    "<p>{<b>x</b>{ y</p><p>keep {% x</p><p>a<?php {{ x ?>b</p><div>{{ name }}</div>",
    "<p><strong>LSO</strong> - Nội dung</p><p>Hai.</p><p class='t2'>TRÍ DŨNG</p>",
    "<p style='text-align:center'><em>Ảnh: minh họa</em></p><p align=right><b>Văn <i>A</i></b></p>",
    "<div>Xem thêm: link<p>p1</p><p>p2</p></div><p>Tin liên quan</p><p>after</p>",
    "<p>x<img data-src='/a.jpg' src='data:x'></p><a href=''>e</a><a href=' http://x'>s</a><img src>",
    "<a href='//h/x'>r</a><a href='HTTPS://Example.com/A'>a</a><a xlink:href='rel'>x</a><image src=y>",
    "<p>caf\u0065\u0301 &amp;#7879; &nbsp;\u200b x\u2028y\x07z</p><pre>a\n\n  b</pre>",
]


def _fixture_bodies() -> list[str]:
    """The body markup of every fixture page (without <html>, so the fragment path is used)."""
    bodies = []
    for page in sorted(FIXTURES.glob("*/*.html")):
        source = page.read_text(encoding="utf-8")
        bodies.append(re.sub(r"(?is)^.*?<body[^>]*>|</body>.*$", "", source))
    return bodies


FRAGMENTS = EDGE_FRAGMENTS + _fixture_bodies()


# --- clean_text ------------------------------------------------------------------------------


def _reference_clean_text(value: str | None) -> str:
    """clean_text as first written: every substitution on every string."""
    if not value:
        return ""
    text_ = value
    for _ in range(2):
        if "&" not in text_ or not text._ENTITY.search(text_):
            break
        text_ = html.unescape(text_)
    text_ = text._INVISIBLE.sub("", text_)
    text_ = text._CONTROL.sub(" ", text_)
    text_ = text._SPACES.sub(" ", text_)
    return unicodedata.normalize("NFC", text_).strip()


TRICKY = (
    "aAđĐ ế\u0301\u0323.,&;#x7879amp nbsp \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2001\u200a\u200b\u200d"
    "\u2028\u2029\u202a\u202f\u205f\u2060\u3000\ufeff\ufffe\x00\x07\x7f\x9f"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=40) | st.text(max_size=40))
def test_clean_text_matches_reference(value: str) -> None:
    assert text.clean_text(value) == _reference_clean_text(value)


@pytest.mark.parametrize(
    "value",
    [None, "", " ", "\n\n", "\u2028", "a\u2028b", "x\x1cy", "  Tiêu  đề ", "&amp;#7879;&#7879;", "Hoa\u0300"],
)
def test_clean_text_edge_cases(value: str | None) -> None:
    assert text.clean_text(value) == _reference_clean_text(value)


# --- parsing and serializing -----------------------------------------------------------------

_LXML_PARSER = lxml.html.HTMLParser(huge_tree=True)


def _reference_parse(fragment: str) -> etree._Element:
    try:
        return lxml.html.fragment_fromstring(fragment, create_parent="div", parser=_LXML_PARSER)
    except (etree.ParserError, ValueError):
        root = lxml.html.Element("div")
        root.text = fragment
        return root


def _shape(root: etree._Element) -> tuple[object, ...]:
    return (
        etree.tostring(root, encoding="unicode", method="html"),
        root.text,
        root.tail,
        dict(root.attrib),
        root.getparent(),
        [type(node) for node in root.iter()],
    )


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_parse_fragment_matches_lxml_html(fragment: str) -> None:
    assert _shape(text.parse_fragment(fragment)) == _shape(_reference_parse(fragment))


def test_element_classes_match_lxml_html() -> None:
    markup = "<form><input><select></select><textarea></textarea><label>l</label><p>p</p></form><!--c-->"
    ours = [type(node) for node in text.parse_fragment(markup).iter()]
    assert ours == [type(node) for node in _reference_parse(markup).iter()]


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_text_content_and_children_markup(fragment: str) -> None:
    root = text.parse_fragment(fragment)
    for node in root.iter(etree.Element):
        assert text._text_content(node) == node.text_content()
    text.remove_junk(root)
    for tree in (root, _reference_parse(fragment)):
        joined = "".join(etree.tostring(child, encoding="unicode", method="html") for child in tree)
        assert text._children_markup(tree) == joined


def _reference_remove_junk(root: etree._Element) -> None:
    for el in root.iter(*text._JUNK_TAGS):
        el.drop_tree()
    for el in list(root.iter(etree.Comment)):
        el.drop_tree()
    for el in list(root.iter()):
        if el is root or el.getparent() is None:
            continue
        own = (el.text or "") + "".join(c.tail or "" for c in el)
        if "{{" in own or "{%" in own:
            el.drop_tree()


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_remove_junk_matches_reference(fragment: str) -> None:
    ours, reference = text.parse_fragment(fragment), text.parse_fragment(fragment)
    text.remove_junk(ours)
    _reference_remove_junk(reference)
    assert _shape(ours) == _shape(reference)


def _reference_sanitize(root: etree._Element, base_url: str | None) -> str:
    text._promote_lazy_images(root)
    markup = html.escape(root.text or "", quote=False)
    markup += "".join(etree.tostring(child, encoding="unicode", method="html") for child in root)
    relative = ("rewrite_with_base", base_url) if base_url else "deny"
    cleaned = nh3.clean(markup, url_relative=relative, **text._NH3_OPTIONS)
    return text.xml_safe(re.sub(r"(?:<div>\s*</div>|<span>\s*</span>|<p>\s*</p>)", "", cleaned)).strip()


@pytest.mark.parametrize("base_url", [None, "https://baomau.vn/tin/bai-1.html"])
@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_sanitize_html_matches_reference(fragment: str, base_url: str | None) -> None:
    reference = text.parse_fragment(fragment)
    text.remove_junk(reference)
    assert text.sanitize_html(fragment, base_url=base_url) == _reference_sanitize(reference, base_url)


@pytest.mark.parametrize("value", ["", " http://x", "//h/x", "/x", "x.jpg", "1http://x", "ht tp://x"])
def test_relative_looking_urls_keep_the_base(value: str) -> None:
    root = text.parse_fragment(f'<p><a href="{value}">a</a><img src="https://x.vn/a.jpg"></p>')
    assert not text._only_absolute_urls(root)


# --- paragraphs ------------------------------------------------------------------------------


def _reference_is_caption(el: etree._Element) -> bool:
    node: etree._Element | None = el
    depth = 0
    while node is not None and depth < 5:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "figcaption" or paragraphs.CAPTION_CLASS.search(node.get("class") or ""):
            return True
        image_table = tag == "table" and (
            "image" in (node.get("class") or "") or paragraphs._image_table(node)
        )
        if tag == "figure" or image_table:
            return (el.tag != "figure" and tag == "figure") or tag == "table"
        node = node.getparent()
        depth += 1
    return False


def _reference_paragraphs(root: etree._Element) -> Iterator[paragraphs.Paragraph]:
    """iter_paragraphs as first written (a fresh text_content, class join and walk per block)."""
    loose: list[str] = [root.text or ""]
    for child in root:
        if not isinstance(child.tag, str):
            loose.append(child.tail or "")
            continue
        if child.tag in paragraphs._BLOCK_TAGS:
            has_blocks = any(
                isinstance(d.tag, str) and d.tag in paragraphs._BLOCK_TAGS for d in child.iterdescendants()
            )
            flushed = _reference_clean_text("".join(loose))
            loose.clear()
            if flushed:
                yield paragraphs.Paragraph(text=flushed, element=child)
            if has_blocks:
                yield from _reference_paragraphs(child)
            else:
                block = _reference_clean_text(child.text_content())
                if block:
                    align = paragraphs._style_align(child)
                    yield paragraphs.Paragraph(
                        text=block,
                        element=child,
                        bold=paragraphs._all_in(child, ("strong", "b"), block)
                        or "t2" in " ".join(x.get("class") or "" for x in child.iter()),
                        caption=_reference_is_caption(child)
                        or (
                            paragraphs._all_in(child, ("em", "i"), block)
                            and (align == "center" or paragraphs._follows_image(child))
                        ),
                        align=align,
                    )
            loose.append(child.tail or "")
        else:
            loose.append(etree.tostring(child, method="text", encoding="unicode", with_tail=True))
    flushed = _reference_clean_text("".join(loose))
    if flushed:
        yield paragraphs.Paragraph(text=flushed, element=root)


def _facts(paragraphs: Iterator[paragraphs.Paragraph]) -> list[tuple[object, ...]]:
    return [(p.text, p.element, p.bold, p.caption, p.align) for p in paragraphs]


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_iter_paragraphs_matches_reference(fragment: str) -> None:
    root = text.parse_fragment(fragment)
    text.remove_junk(root)
    assert _facts(paragraphs.iter_paragraphs(root)) == _facts(_reference_paragraphs(root))


def test_block_dropped_as_an_anchor_is_read_without_its_figure() -> None:
    """The boilerplate before a block drops that block; it is then no longer inside its figure."""
    parts = body.split_body("<figure>Xem thêm: abc<p>Caption text</p></figure><p>Body one.</p><p>Two.</p>")
    assert parts.paragraphs == ["Caption text", "Body one.", "Two."]
    assert parts.captions == []


# --- URLs and the item -----------------------------------------------------------------------


def _reference_canonical(url: str) -> str:
    return canonicalize_url(urls.strip_tracking(safe_url_string(url.strip())), keep_fragments=False)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(urls._PLAIN_URL, fullmatch=True))
def test_plain_urls_are_already_canonical(url: str) -> None:
    assert _reference_canonical(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "https://Baomau.vn/a",
        "https://baomau.vn",
        "https://baomau.vn:443/a",
        "https://xn--bo-mau.vn/a",
        "https://baomau.123/a",
        "https://baomau.vn/a/../b",
        "https://baomau.vn/a/%2e/b",
        "https://baomau.vn/a b",
        "https://baomau.vn/a;x",
        "https://baomau.vn/a?utm_source=x",
        "https://baomau.vn/a#top",
        "https://baomau.vn/ảnh",
        " https://baomau.vn/a",
    ],
)
def test_other_urls_take_the_full_path(url: str) -> None:
    assert urls._PLAIN_URL.fullmatch(url) is None
    assert urls.canonical_url(url) == _reference_canonical(url)


def test_normalize_writes_fields_in_the_same_order() -> None:
    item = {
        "url": "https://baolangson.vn/a-123.html?utm_source=x",
        "title": " Tiêu đề ",
        "body_html": "<p><strong>LSO</strong> - Một.</p><p>Hai.</p><p><b>TRÍ DŨNG</b></p>",
        "category": "THỜI SỰ",
        "summary": "LSO - Tóm tắt",
        "published_raw": "Thứ tư, 19/02/2020",
    }
    normalize_article(ItemAdapter(item), dateline_markers=("LSO",))
    assert list(item) == [
        *("url", "title", "body_html", "category", "summary", "published_raw", "alias_urls", "id"),
        *("author", "credit", "dateline", "modified_raw", "source_name", "province", "tags", "body"),
        *("published", "modified", "content_hash"),
    ]
    assert (item["category"], item["summary"], item["author"], item["dateline"], item["body"]) == (
        "Thời sự",
        "Tóm tắt",
        "TRÍ DŨNG",
        "LSO",
        "Một.\n\nHai.",
    )
