from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class BaoLaiChauSpider(NewsSpider):
    """Báo Lai Châu (Lai Châu, not merged in 2025). Its own CMS.

    Inferred from SITES.md alone (public crawler configuration): article URLs
    ``/<category>/<slug>-<id>`` without an extension, ``#post-content .post-detail`` holding
    ``.post-info .title``, ``.sapo`` and ``.body``, listing links ``a.blc-post__link``; the feed is
    one public monitoring bots list. The date, byline and ``?page=N`` pagination are inferred.
    """

    name = "baolaichau"
    source_name = "Báo Lai Châu"
    province = "Lai Châu"
    allowed_domains = ["baolaichau.vn"]
    listing_urls = ["https://baolaichau.vn/chinh-tri", "https://baolaichau.vn/kinh-te"]
    feed_urls = ["https://baolaichau.vn/rss/home.rss"]
    platform = "one-off"
    article_url_pattern = r"^https?://[^/]+/[a-z0-9-]+/[a-z0-9-]+-\d+$"
    listing_link_css = "a.blc-post__link::attr(href)"
    next_page_xpath = "//a[@rel='next']/@href"
    profile = Profile(
        name="baolaichau",
        title=("#post-content .post-info .title",),
        summary=("#post-content .post-detail .sapo",),
        body=("#post-content .post-detail .body",),
        date=("#post-content .post-info .date",),
        author=("#post-content .post-info .author",),
        category=("#post-content .post-info .cate a",),
    )
    inferred = "date, byline, sections and pagination inferred; the rest from SITES.md"
