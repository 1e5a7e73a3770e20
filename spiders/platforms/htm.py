"""Platform F6, the ``.htm`` papers (URLs ``…-<id>.htm``).

Báo Thanh Hóa, Báo Quảng Ngãi and Báo Phú Thọ end article URLs in ``-<digits>.htm`` (SITES.md,
F6, from public crawler configurations); no page of this platform was available to us. The
three print the same parts under different class names, so the selectors below list all three:
Báo Phú Thọ ``h1.pTitle`` / ``p.pHead`` / ``#dcontent``, Báo Thanh Hóa ``div.article__sapo``,
Báo Quảng Ngãi ``p.sapo`` and listings of ``article a[href$=.htm]``. Titles, bodies other than
``#dcontent``, dates, bylines and the ``?page=N`` pagination are [inferred].
"""

from __future__ import annotations

from aggregator.extract import Profile
from spiders.platforms.base import DEFAULT_DENY, NewsSpider


class HtmPlatformSpider(NewsSpider):
    platform = "F6"
    article_url_pattern = r"-\d+\.htm$"
    # "/thoi-su/trang-2.htm" also ends in "-<digits>.htm": pagination is never an article.
    deny_url_pattern = DEFAULT_DENY + r"|/trang-\d+\.htm$"
    listing_link_css = (
        "article a[href$='.htm']::attr(href), h2 a::attr(href), h3 a::attr(href), a.title::attr(href)"
    )
    next_page_xpath = (
        "//div[contains(@class,'paging')]//a[contains(@class,'next')]/@href | //a[@rel='next']/@href"
    )
    profile = Profile(
        name="F6",
        title=("h1.pTitle", "h1.article__title", "h1.detail-title", "h1.title"),
        summary=("p.pHead", "div.article__sapo", "p.sapo", "h2.sapo"),
        body=("#dcontent", "div.article__body", "div.detail-content", "div.content-detail"),
        body_drop="script, style, iframe, noscript, form, div.relate-news, div.box-related, div.article__tags",
        author=("p.pAuthor", "div.article__author", "p.author"),
        date=("div.pDate", "div.article__meta time", "span.time", "div.date"),
        category=("ul.breadcrumb li:last-child a", "div.breadcrumb a:last-child"),
        tags=("div.article__tags a", "div.tags a"),
    )
