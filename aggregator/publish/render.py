"""One feed's RSS 2.0 and Atom bytes, written with feedgen.

Feed readers punish small mistakes, so: entry ids derive from the article id and never change;
every time carries its offset (RSS ``+0700``, Atom ``+07:00``); characters XML forbids are removed
before feedgen sees them (one would sink the whole file); the RSS ``<description>`` is escaped
HTML, because readers render it as HTML.
"""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Mapping, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from aggregator.dates import VN_TZ
from aggregator.publish.model import Entry, FeedSpec, Member, entry_id, feed_url, page_url, web_url
from aggregator.text import xml_safe


class _BaotinhFeed(BaseExtension):
    pass


class _BaotinhEntry(BaseEntryExtension):
    """RSS-only touches feedgen has no switch for: escaped description, the image enclosure."""

    def __init__(self) -> None:
        self.description: str | None = None
        self.enclosure: tuple[str, str] | None = None

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.description is not None:
            element = item.find("description")
            if element is None:
                element = etree.SubElement(item, "description")
            element.text = self.description
        if self.enclosure:
            etree.SubElement(item, "enclosure", url=self.enclosure[0], length="0", type=self.enclosure[1])
        return item


def also_published_html(others: Sequence[Member], own_source: str) -> str:
    """``<p>Cũng đăng trên: <a>Báo A</a>, <a>Báo B</a></p>`` for the other papers of a cluster."""
    papers: dict[str, str] = {}
    for m in others:
        if m.source != own_source and m.source not in papers and web_url(m.url):
            papers[m.source] = (
                f'<a href="{html.escape(web_url(m.url))}">{html.escape(xml_safe(m.source_name or m.source))}</a>'
            )
    return f"<p>Cũng đăng trên: {', '.join(papers.values())}</p>" if papers else ""


def render(
    spec: FeedSpec,
    entries: Sequence[Entry],
    *,
    site_url: str,
    also: Mapping[str, Sequence[Member]] | None = None,
) -> tuple[bytes, bytes]:
    """The RSS and Atom bytes of one feed (deterministic for the same entries)."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.load_extension("media", atom=True, rss=True)
    fg.register_extension("baotinh", _BaotinhFeed, _BaotinhEntry, atom=False, rss=True)
    fg.id(f"tag:baotinh,2026:feed:{spec.path}")
    fg.title(xml_safe(spec.title))
    fg.description(xml_safe(spec.description))
    fg.subtitle(xml_safe(spec.description))
    fg.author({"name": xml_safe(spec.name if spec.kind == "source" else "Báo tỉnh")})
    fg.language("vi")
    fg.generator("baotinh")
    for entry in entries:
        _add_entry(fg, entry, (also or {}).get(entry.id, ()))
    stamp = max((e.updated for e in entries), default=datetime(2026, 1, 1, tzinfo=VN_TZ))
    fg.lastBuildDate(stamp)
    fg.updated(stamp)
    home = page_url(site_url, spec)
    # feedgen uses the last link as the RSS channel <link>, which must be the site, not the feed.
    fg.link(href=feed_url(site_url, spec, ".atom"), rel="self", type="application/atom+xml", replace=True)
    fg.link(href=home, rel="alternate", type="text/html")
    atom = fg.atom_str(pretty=True)
    fg.link(href=feed_url(site_url, spec, ".rss"), rel="self", type="application/rss+xml", replace=True)
    fg.link(href=home, rel="alternate", type="text/html")
    return fg.rss_str(pretty=True), atom


def credit_html(credit: str) -> str:
    """The story's source credit as the paper prints it, under the body ("Theo Vietnamnet")."""
    return f"<p><em>Theo {html.escape(credit, quote=False)}</em></p>" if credit else ""


def _add_entry(fg: FeedGenerator, entry: Entry, others: Sequence[Member]) -> None:
    fe = fg.add_entry(order="append")
    fe.id(entry_id(entry.id))
    fe.guid(entry_id(entry.id), permalink=False)
    fe.title(entry.title)
    fe.link(href=entry.url)  # the one alternate link: images go to media:content, never here
    fe.published(entry.published)
    fe.updated(entry.updated)
    if entry.summary:
        fe.summary(entry.summary)
        # RSS readers render <description> as HTML: "<script>" in a summary must stay text.
        fe.baotinh.description = html.escape(entry.summary, quote=False)
    content = entry.content + credit_html(entry.credit) + also_published_html(others, entry.source)
    if content:
        # type "html" (escaped text); feedgen writes type="CDATA" literally, which Atom forbids.
        fe.content(content, type="html")
    if entry.author:
        fe.author({"name": entry.author})
        fe.dc.dc_creator(entry.author)
    for name in entry.categories:
        fe.category({"term": name})
    if entry.image_url:
        kind = mimetypes.guess_type(urlsplit(entry.image_url).path)[0] or "image/jpeg"
        fe.media.content({"url": entry.image_url, "medium": "image", "type": kind}, group=None)
        fe.media.thumbnail({"url": entry.image_url}, group=None)
        fe.baotinh.enclosure = (entry.image_url, kind)
