"""Platform F3, the "/{category}/{YYYYMM}/{slug}-{hex7}/" CMS (no ``.html``, a year-month folder).

Public crawler configurations (SITES.md, F3) give its URL shapes and selectors for eight papers;
a real page of the former Báo Phú Yên, served under Báo Đắk Lắk, shows the article markup:
``div.detail-main-title h1.title``, the date ``div.group-time time.time`` time first
(``13:00, 31/03/2014``; the page header's ``div.today`` is a stale static date, never read), the
body ``div.content-detail > div.td-post-content`` inside a nested ``<html><body>``, the byline as
the right-aligned last body paragraph (``div.after-author p.author`` holds the placeholder "Bút
danh"), the section in ``ol.breadcrumb li.active``, and on Q&A pages the question in
``div.content-reply p.reply``, repeated as the body's first paragraph. Listing links carry
numbered classes (``a.title1`` … ``a.title5``, ``div.item a``, ``a.h2``/``a.h3``/``a.card-img``)
[inferred]; Báo Đồng Nai and Báo Tuyên Quang print the sapo as the body's first paragraph (their
spiders say so).

The URL's year-month folder is the month the CMS filed the article under. A published date more
than a month away from it is counted as ``baotinh/date/url_month_mismatch``: it usually means the
date came from the wrong element (a related item, a print edition), not that the URL lies.
"""

from __future__ import annotations

import re

from scrapy.http import Response

from aggregator.dates import parse_vn_date
from aggregator.extract import Profile
from aggregator.items import Article
from spiders.platforms.base import NewsSpider

_URL_MONTH = re.compile(r"/(20\d\d)(0[1-9]|1[0-2])/")


def url_month(url: str) -> tuple[int, int] | None:
    """(year, month) of the ``/YYYYMM/`` folder in *url*, if it has one."""
    match = _URL_MONTH.search(url.split("?", 1)[0])
    return (int(match.group(1)), int(match.group(2))) if match else None


def months_apart(url: str, published_raw: str | None) -> int | None:
    """How many months the parsed *published_raw* lies from the URL's folder (None: unknown)."""
    folder = url_month(url)
    parsed = parse_vn_date(published_raw) if published_raw else None
    if folder is None or parsed is None:
        return None
    year, month = folder
    return abs((parsed.value.year - year) * 12 + parsed.value.month - month)


class YearMonthPlatformSpider(NewsSpider):
    platform = "F3"
    article_url_pattern = r"/\d{6}/[a-z0-9-]+-[0-9a-f]{7}/?$"
    listing_link_css = (
        "a.title1::attr(href), a.title2::attr(href), a.title3::attr(href), a.title4::attr(href), "
        "a.title5::attr(href), div.item a::attr(href), a.h2::attr(href), a.h3::attr(href), "
        "a.card-img::attr(href)"
    )
    next_page_xpath = (
        "//div[contains(@class,'pagination')]//a[contains(@class,'next')]/@href | //a[@rel='next']/@href"
    )
    profile = Profile(
        name="F3",
        title=("div.detail-main-title h1.title", "h1.title", "h1.media-heading", "h1.post-title"),
        summary=("div.content-reply p.reply", "div.desc", "div.sapo"),
        body=(
            "div.content-detail div.td-post-content",
            "div.content-detail",
            "div.article_content div#content",
        ),
        body_drop=(
            "script, style, iframe, noscript, form, div.date, div.desc, div.related, div.tags, "
            "div.after-author, div.detail-related-list"
        ),
        author=("div.after-author p.author",),
        date=("div.group-time time.time", "div.date", "span.date"),
        category=(
            "ol.breadcrumb li.active a",
            "ul.breadcrumb li:last-child a",
            "div.breadcrumb a:last-child",
        ),
        tags=("div.tags a",),
    )

    def extract_article(self, response: Response) -> Article:
        article = super().extract_article(response)
        apart = months_apart(response.url, article.get("published_raw"))
        if apart is not None and apart > 1:
            self.crawler.stats.inc_value("baotinh/date/url_month_mismatch")
            self.logger.info(
                "published %r is %d months from the URL's folder: %s",
                article.get("published_raw"),
                apart,
                response.url,
            )
        return article
