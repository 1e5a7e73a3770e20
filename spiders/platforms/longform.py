"""Platform F5, the "sc-longform / b-grid" CMS (URLs ``…-<id>.html``, ``-event<id>``, ``-post<id>``).

Public crawler configurations (SITES.md, F5) give the title ``.sc-longform-header-title``, the
sapo ``.sc-longform-header-sapo`` (``p.block-sc-sapo`` on some members), the body ``article.entry``
or ``div.b-maincontent .entry`` and the listing links ``.b-grid__title a`` / ``.b-grid__img a``;
no page of this platform was available to us. The header's date and author elements and the
pagination are [inferred]. Báo Nghệ An opens its bodies with the ``(Baonghean.vn) -`` dateline,
which the shared body splitter recognizes.
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
