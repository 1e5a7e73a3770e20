"""``feeds/feeds.opml``: every feed once, grouped the way readers browse the provincial press.

OPML 2.0 (http://opml.org/spec2.opml): one ``type="rss"`` outline per feed with ``xmlUrl``,
``htmlUrl``, ``title`` and ``text``; a folder for every feed, one per province (the province feed
and its papers' feeds), one for the categories and one for the topics (saved searches). Each slice is listed once, by its RSS file, so
importing the file never subscribes a reader twice to the same articles. It carries no date (both
are optional), so its bytes change only when the list of feeds does.
"""

from __future__ import annotations

from lxml import etree

from aggregator.publish.model import Built, FeedSpec, feed_url, page_url, slugify


def _feed(parent: etree._Element, spec: FeedSpec, site_url: str) -> None:
    etree.SubElement(
        parent,
        "outline",
        type="rss",
        version="RSS2",
        text=spec.title,
        title=spec.title,
        description=spec.description,
        language="vi",
        xmlUrl=feed_url(site_url, spec, ".rss"),
        htmlUrl=page_url(site_url, spec),
    )


def _folder(parent: etree._Element, text: str) -> etree._Element:
    return etree.SubElement(parent, "outline", text=text, title=text)


def render_opml(built: Built, *, site_url: str) -> bytes:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    for tag, text in (
        ("title", "Báo tỉnh — các báo địa phương Việt Nam"),
        ("ownerName", "baotinh"),
        ("docs", "http://opml.org/spec2.opml"),
    ):
        etree.SubElement(head, tag).text = text
    body = etree.SubElement(root, "body")
    by_kind: dict[str, list[FeedSpec]] = {}
    for spec in built.specs:
        by_kind.setdefault(spec.kind, []).append(spec)
    for spec in by_kind.get("all", []):
        _feed(_folder(body, "Tất cả các báo"), spec, site_url)
    sources = by_kind.get("source", [])
    placed: set[str] = set()
    for province in by_kind.get("province", []):
        folder = _folder(body, province.name)
        _feed(folder, province, site_url)
        slug = province.path.rsplit("/", 1)[-1]
        for source in sources:
            if slugify(source.group) == slug:
                _feed(folder, source, site_url)
                placed.add(source.path)
    others = [s for s in sources if s.path not in placed]
    if others:
        folder = _folder(body, "Báo khác")
        for source in others:
            _feed(folder, source, site_url)
    if by_kind.get("category"):
        folder = _folder(body, "Chuyên mục")
        for spec in by_kind["category"]:
            _feed(folder, spec, site_url)
    if by_kind.get("topic"):
        folder = _folder(body, "Chủ đề")
        for spec in by_kind["topic"]:
            _feed(folder, spec, site_url)
    for spec in by_kind.get("custom", []):
        _feed(body, spec, site_url)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
