"""Platform F7, the former Báo Long An CMS by MEDIATECH (URLs ``…-<post id>.html``).

Seen on a real Báo Tây Ninh page (after the 2025 merger baotayninh.vn runs the former Báo Long
An system, ``meta[name=author]`` "MEDIATECH"): title ``div.content-article h1.name``, the date line
``div.date`` (``Thứ 4, 01/12/2021 | 11:51:00 [GMT +7]``), the body ``#content-detail`` holding an
embedded full HTML document (migrated WordPress content with ``wp-caption`` captions) whose
``p.sapo`` is the real sapo, the byline ``div.author > strong`` ("person/source"), the section in
``ol.breadcrumb li.active a``. Traps the reader handles: a stray ``</html>`` right after
``<html>``, an outer ``div.sapo`` that runs sapo and body together (dropped), ads
``ins.ads-zone-group`` inside paragraphs, the crawl-time line ``div.title-time`` by the breadcrumb
(never read), JSON-LD's author being the CMS account. Listing markup is [inferred].
"""

from __future__ import annotations

from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class MediatechPlatformSpider(NewsSpider):
    platform = "F7"
    article_url_pattern = r"/[a-z0-9-]+-\d{4,}\.html$"
    listing_link_css = (
        "h3 a::attr(href), h2 a::attr(href), a.title::attr(href), div.content-article a::attr(href)"
    )
    next_page_xpath = "//ul[contains(@class,'pagination')]//a[@rel='next']/@href | //a[@rel='next']/@href"
    profile = Profile(
        name="F7",
        title=("div.content-article h1.name", "h1.name"),
        summary=("#content-detail p.sapo", "div.content-article p.sapo"),
        body=("#content-detail",),
        body_drop="script, style, iframe, noscript, form, div.sapo, p.sapo, div.author, div.relates, div.tags",
        author=("#content-detail div.author > strong", "div.content-article div.author"),
        date=("div.content-article div.date", "div.date"),
        category=("ol.breadcrumb li.active a", "ol.breadcrumb li:last-child a"),
        tags=("div.tags a",),
    )
