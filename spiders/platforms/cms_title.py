"""Platform F1, the "cms-title / zce-content-body" CMS (URLs ``…-post<id>.html``).

Seen on a real Báo Lào Cai page: the title in ``h1.article__title``, the sapo in
``div.article__sapo``, the body in ``div.article__body.zce-content-body`` (with a ``<style>`` block
and ``div.rennab`` ad slots inside it), the date in ``time.time[datetime]`` with a ``+0700``
offset, and the byline only as a bold ``div.t1 > span.t2`` closing the body (JSON-LD's author is
empty). Related-article boxes repeat ``time.time`` with other dates, so dates are taken only from
the article header.
"""

from __future__ import annotations

from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class CmsTitlePlatformSpider(NewsSpider):
    platform = "F1"
    article_url_pattern = r"-post\d+\.html$"
    listing_link_css = "a.cms-link::attr(href), article a::attr(href), h2 a::attr(href), h3 a::attr(href)"
    # Pagination markup is not in the saved pages; a "next" link or rel=next is assumed.
    next_page_xpath = (
        "//div[contains(@class,'pagination')]//a[contains(@class,'next')]/@href | //a[@rel='next']/@href"
    )
    profile = Profile(
        name="F1",
        title=("h1.article__title",),
        summary=("div.article__sapo", "h2.article__sapo"),
        body=("div.article__body", "div[data-field=body]"),
        body_drop="script, style, iframe, noscript, form, div.rennab, div.sda_middle, div.t1",
        author=("div.article__body div.t1 span.t2", "div.author.cms-author"),
        date=(
            "div.article__meta time.time::attr(datetime)",
            "div.article__meta time.time span::attr(data-time)",
            "div.article__meta time.time",
            "time.article__time",
        ),
        category=("div.breadcrumbs h2.main a", "div.breadcrumbs a"),
        tags=("div.article__tags div.box-content a",),
    )
