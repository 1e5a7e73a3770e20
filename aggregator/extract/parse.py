"""A stray ``</html>`` before the page's head, read as a browser reads it.

A browser ignores an ``</html>`` end tag that more markup follows: what comes after still goes
into the document. libxml2 (and so lxml, parsel and Scrapy's selectors) closes the root there,
and the rest of the page becomes a second, sibling ``<html>`` element that no selector rooted at
the document's element sees. Báo Tây Ninh's CMS opens every page with ``<html …></html><head>``:
without this repair every article of that paper reads as empty. (Other stray end tags, such as
the ``</body></html>`` of a whole document embedded in an article body, libxml2 already reads as a
browser does.)

The repair works on the parsed tree: the children of the sibling roots move into the first one,
in order. Checking for siblings costs nothing, so every HTML response goes through it. Repairing
the tree costs nothing measurable; an HTML5 parser (html5-parser, selectolax) would read these
pages right too, but costs a second parse of every page or a second tree type for the selectors.
"""

from __future__ import annotations

from typing import Any


def adopt_stray_roots(root: Any) -> bool:
    """Move the content of the elements that follow the document's root *root* into it.

    Returns whether anything moved. *root* is an lxml element (a Selector's ``root``).
    """
    if root is None or not hasattr(root, "getnext"):
        return False
    moved = False
    sibling = root.getnext()
    while sibling is not None:
        if isinstance(sibling.tag, str):  # an element, not a comment or processing instruction
            root.extend(list(sibling))  # moves them: the emptied sibling stays, harmless, at the top
            moved = True
        sibling = sibling.getnext()
    return moved


def page_root(html: str | bytes, url: str = "about:blank") -> Any:
    """Parse a whole page as Scrapy does for a spider (same parser, same repair): its root element."""
    from scrapy.http import HtmlResponse

    body = html.encode("utf-8") if isinstance(html, str) else html
    response = HtmlResponse(url=url, body=body, encoding="utf-8" if isinstance(html, str) else None)
    root = response.selector.root
    adopt_stray_roots(root)
    return root


class StrayEndTagsMiddleware:
    """Downloader middleware: HTML responses reach the spiders with the whole page in one tree.

    The response's selector is built here (Scrapy caches it on the response, so the spider's
    callback does not parse the page again) and repaired in place.
    """

    def process_response(self, request: object, response: Any) -> Any:
        from scrapy.http import HtmlResponse

        if isinstance(response, HtmlResponse) and response.body:
            adopt_stray_roots(response.selector.root)
        return response
