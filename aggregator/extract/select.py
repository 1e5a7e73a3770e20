"""Compiled selectors evaluated on the lxml tree: the one way every reader asks a page a question.

Extraction runs a few dozen fixed selectors on every page. ``Selector.css``/``.xpath`` wrap every
match in a new Selector, and ``_Element.xpath`` compiles its expression on every call; compiled
``etree.XPath`` objects evaluated on the lxml tree do neither. Results are what parsel would give:
the same translation of CSS (HTML or XML rules, by the selector's type), the same EXSLT prefixes,
plain strings (parsel turns lxml's "smart strings" off too) and parsel's serialization.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from lxml import etree
from parsel import Selector
from parsel.csstranslator import GenericTranslator, HTMLTranslator
from parsel.selector import CannotDropElementWithoutParent, CannotRemoveElementWithoutRoot

from aggregator.text import clean_text

_CSS_TRANSLATORS = {"html": HTMLTranslator(), "xml": GenericTranslator()}
_EXSLT_NAMESPACES = {"re": "http://exslt.org/regular-expressions", "set": "http://exslt.org/sets"}


@lru_cache(maxsize=1024)
def compiled_xpath(query: str) -> etree.XPath:
    """*query* compiled once; EXSLT prefixes are declared only when used, as parsel does."""
    namespaces = {prefix: uri for prefix, uri in _EXSLT_NAMESPACES.items() if f"{prefix}:" in query}
    return etree.XPath(query, namespaces=namespaces, smart_strings=False)


@lru_cache(maxsize=1024)
def compiled_css(css: str, kind: str = "html") -> etree.XPath:
    """The CSS selector translated as parsel translates it for a ``kind`` ("html"/"xml") page."""
    return compiled_xpath(_CSS_TRANSLATORS[kind].css_to_xpath(css))


def kind_of(sel: Selector) -> str:
    """The document kind parsel evaluates a selector's queries as ("xml" or "html")."""
    return "xml" if sel.type == "xml" else "html"


def matches(query: etree.XPath, node: Any) -> list[Any]:
    """The nodes/strings *query* gives for *node*, always a list, as ``Selector.xpath`` gives them.

    A matched string (``::attr``, ``::text``) has nothing under it: parsel answers ``[]`` there.
    """
    if isinstance(node, str):
        return []
    found = query(node)
    return found if isinstance(found, list) else [found]


def serialized(match: Any, kind: str) -> str:
    """A match as ``Selector.get()`` gives it: strings as they are, elements as markup."""
    if isinstance(match, str):
        return match
    if isinstance(match, bool):
        return "1" if match else "0"
    if isinstance(match, etree._Element):
        return etree.tostring(match, method=kind, encoding="unicode", with_tail=False)
    return str(match)


_TEXT_NODES = compiled_xpath("descendant-or-self::text()")  # what ``::text`` of a match selects


def node_texts(match: Any) -> list[str]:
    """The text nodes under a matched element (none under a string, as parsel's ``.css`` gives)."""
    return matches(_TEXT_NODES, match)


def drop_element(element: Any) -> None:
    """Remove a matched element but keep its tail text, as ``Selector.drop()`` does (HTML or XML)."""
    if isinstance(element, str):
        raise CannotRemoveElementWithoutRoot(f"cannot drop a string match: {element[:40]!r}")
    parent = element.getparent()
    if parent is None:
        raise CannotDropElementWithoutParent("cannot drop the root element")
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def texts_of(root: Any, selectors: Iterable[str]) -> Iterator[str]:
    """The clean text of the first match of each selector (``::attr``/``::text`` as is), lazily.

    Every selector is a walk of the whole page, so the ones after a match should not run. CSS is
    translated by HTML rules whatever the page's type, as always.
    """
    for css in selectors:
        found = matches(compiled_css(css), root)
        if not found:
            continue
        first = found[0]
        value = clean_text(first if isinstance(first, str) else " ".join(_TEXT_NODES(first)))
        if value:
            yield value


def first_text(root: Any, selectors: Iterable[str]) -> str | None:
    """The first non-empty text the selectors give, or None."""
    return next(texts_of(root, selectors), None)


def all_texts(root: Any, css: str) -> list[str]:
    """The clean text of every match of *css*, in page order (tag boxes, breadcrumbs)."""
    found = matches(compiled_css(css), root)
    texts = (clean_text(m if isinstance(m, str) else " ".join(_TEXT_NODES(m))) for m in found)
    return [text for text in texts if text]


def strings(sel: Selector, css: str) -> list[str]:
    """``sel.css(css).getall()`` without a Selector per match."""
    kind = kind_of(sel)
    return [serialized(m, kind) for m in matches(compiled_css(css, kind), sel.root)]
