"""The ``.bbg`` CMS of the former Báo Bắc Giang, now Báo Bắc Ninh's (URLs ``…-postid<id>.bbg``).

After the 2025 merger Báo Bắc Ninh (baobacninhtv.vn) publishes on the Bắc Giang paper's platform,
whose article URLs end in ``-postid<id>.bbg`` (SITES.md, one-offs, from a public crawler
configuration); no page was available to us. Seen in that configuration: the sapo
``div.news_detail_sapo``, the body ``.news-details__content.link_content``, listing links
``a.font-tin-doc``. The title, date and byline elements and the ``?page=N`` pagination are
[inferred].
"""

from __future__ import annotations

from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class BbgPlatformSpider(NewsSpider):
    platform = "bbg"
    article_url_pattern = r"-postid\d+\.bbg$"
    listing_link_css = "a.font-tin-doc::attr(href), h3 a::attr(href)"
    next_page_xpath = "//ul[contains(@class,'pagination')]//a[@rel='next']/@href | //a[@rel='next']/@href"
    profile = Profile(
        name="BBG",
        title=("h1.news_detail_title", "h1.title-detail"),
        summary=("div.news_detail_sapo",),
        body=(".news-details__content.link_content", ".news-details__content"),
        body_drop="script, style, iframe, noscript, form, div.news-relate",
        author=("div.news_detail_author",),
        date=("span.news_detail_date",),
        category=("div.news_detail_cate a",),
        tags=("div.news_detail_tags a",),
    )
