"""Platform F2, the "#content-detail / h1.name" CMS (URLs ``…-<5–8 digit id>.html``).

Used by Báo Lạng Sơn, Báo Quảng Ninh, Báo Cao Bằng and Báo Hưng Yên according to public crawler
configurations (SITES.md, F2); no page of this platform was available to us, so the structure is
inferred from those configurations: body ``#content-detail`` whose ``h2`` is the sapo, title
``h1.name``, a byline box ``div.pseudonym``, related-news blocks inside the body, and unrendered
template text (``{{ … }}``) that must never reach the body.
"""

from __future__ import annotations

from aggregator.extract import Profile
from spiders.platforms.base import DEFAULT_DENY, NewsSpider


class ContentDetailPlatformSpider(NewsSpider):
    platform = "F2"
    article_url_pattern = r"-\d{5,8}\.html$"
    deny_url_pattern = DEFAULT_DENY + r"|/multimedia|/video|/media"
    listing_link_css = "article a::attr(href), h3 a::attr(href), h2 a::attr(href), .card-title a::attr(href)"
    next_page_xpath = "//ul[contains(@class,'pagination')]//a[@rel='next']/@href | //a[@rel='next']/@href"
    profile = Profile(
        name="F2",
        title=("h1.name", "h1.title", "h1"),
        summary=("#content-detail > h2", ".content-detail > h2"),
        body=("#content-detail", ".content-detail"),
        body_drop=(
            "script, style, iframe, noscript, form, #content-detail > h2, div.pseudonym, div.relates, "
            "div.topics, div.social, div.print_page, div.block-news-list, div.tags"
        ),
        author=("div.pseudonym",),
        date=("div.date-time", "span.date-time", "div.detail-time"),
        category=("ol.breadcrumb li:last-child a", "ul.breadcrumb li:last-child a"),
        tags=("div.tags a",),
    )
