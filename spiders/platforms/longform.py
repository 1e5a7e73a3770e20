"""Platform F5, OneCMS by NEKO (URLs ``…-<id>.html``, ``-event<id>``, ``-post<id>``).

Real Báo Nghệ An and Báo Hải Phòng pages show the article markup: a header block
``div.sc-longform-header`` (``h1.sc-longform-header-title``, ``span.sc-longform-header-author``,
``span.sc-longform-header-date`` ``DD/MM/YYYY HH:MM``, ``p.sc-longform-header-sapo``) that sits
*inside* the body container (``div[itemprop=articleBody] > article.entry`` or
``div.b-maincontent > div.entry``) and is dropped from the body, tags in ``div.c-widget-tags``,
the section in ``article:section`` / ``ol.breadcrumb``. Their traps (an en-US
``article:published_time``, a script's local time labelled Z, a prefixed byline, a relative
og:image, ``<meta name=canonical>``) are the reader's rules. The listing links
``.b-grid__title a`` / ``.b-grid__img a`` and the pagination come from public crawler
configurations [inferred].
"""

from __future__ import annotations

from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class LongformPlatformSpider(NewsSpider):
    platform = "F5"
    article_url_pattern = r"-(?:post|event)?\d+\.html$"
    listing_link_css = (
        "h3.b-grid__title a::attr(href), .b-grid__title a::attr(href), .b-grid__img a::attr(href)"
    )
    next_page_xpath = (
        "//div[contains(@class,'pagination')]//a[contains(@class,'next')]/@href | //a[@rel='next']/@href"
    )
    profile = Profile(
        name="F5",
        title=("h1.sc-longform-header-title", ".sc-longform-header-title", "h1.block-sc-title"),
        summary=(".sc-longform-header-sapo", "p.block-sc-sapo"),
        header="div.sc-longform-header",
        body=(
            "div[itemprop=articleBody] article.entry",
            "div.b-maincontent div.entry",
            "article.entry",
            "div.entry",
        ),
        body_drop=(
            "script, style, iframe, noscript, form, div.c-widget-tags, div.entry-tags, div.sc-related, "
            "div.box-related, b.vtranslate-author-translate"
        ),
        author=(
            ".sc-longform-header-author",
            "span.block-sc-author",
            "span.c-detail-head__author",
            "div.entry-author",
        ),
        date=(
            ".sc-longform-header-date",
            "span.block-sc-publish-time",
            "time.sc-longform-header-time::attr(datetime)",
        ),
        category=(
            "ol.breadcrumb li:last-child a",
            "ul.breadcrumb li:last-child a",
            ".sc-longform-header-cate a",
        ),
        tags=("div.c-widget-tags li h4 a", "div.c-widget-tags a", "div.entry-tags a"),
    )
