"""Platform F4, the Mekong-delta papers' CMS (URLs ``…-a<id>.html``, date in ``span.pubdate``).

Seen on real Báo Cần Thơ pages: the page's first ``<h1>`` is the category breadcrumb, not the
title (so the title comes from og:title); JSON-LD's datePublished is a date without a time, so the
visible ``span.pubdate`` (``08/01/2026 - 18:21``) is the better date; ``<base href>`` points at the
template folder, so relative links resolve against it; the body opens with the ``(CTO) -``
dateline and closes with a ``Tin, ảnh: …`` credit. Listing pages carry no per-item dates and
paginate with ``?p=N``.
"""

from __future__ import annotations

from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class PubdatePlatformSpider(NewsSpider):
    platform = "F4"
    article_url_pattern = r"-a\d+\.html$"
    next_page_xpath = "//div[@id='page']//a[normalize-space(.)='>']/@href | //a[@rel='next']/@href"
    profile = Profile(
        name="F4",
        title=("div.detail-title h1", "h1.margintopbot10"),
        summary=("div.detail-desc p", "div.detail-desc", "h4.sapo", "div.sapo"),
        body=("#newscontents div.content-fck", "#newscontents", "div.content-fck"),
        body_drop="script, style, iframe, noscript, form, p.author, div.c-sticky-title",
        author=("p.author",),
        date=("span.pubdate", "div.pubdate"),
        category=("div.titlecate h1 a", "ul.breadcrumb li h4 a"),
        tags=("div.block_tag a.tag_item", "div.detail-tag a.tag_item"),
    )
