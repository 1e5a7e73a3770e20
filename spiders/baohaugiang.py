from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class BaoHauGiangSpider(NewsSpider):
    """Báo Hậu Giang (Hậu Giang's paper, now part of Báo Cần Thơ, 2025). Its own CMS.

    Inferred from SITES.md alone (public crawler configuration): sections are
    ``/<slug>-<id>.html`` (``/thoi-su-215.html``), articles ``/<section>/<slug>-<id>.html``. The
    archive stays on baohaugiang.com.vn; title, sapo, body, date and byline elements are inferred.
    """

    name = "baohaugiang"
    source_name = "Báo Hậu Giang"
    province = "Cần Thơ"
    former_provinces = ("Hậu Giang",)
    allowed_domains = ["baohaugiang.com.vn"]
    listing_urls = [
        "https://baohaugiang.com.vn/thoi-su-215.html",
        "https://baohaugiang.com.vn/kinh-te-216.html",
    ]
    platform = "one-off"
    article_url_pattern = r"^https?://[^/]+/[a-z0-9-]+/[a-z0-9-]+-\d+\.html$"
    listing_link_css = "div.news-item a::attr(href), h3 a::attr(href)"
    next_page_xpath = "//a[@rel='next']/@href"
    profile = Profile(
        name="baohaugiang",
        title=("h1.news-title",),
        summary=("div.news-sapo",),
        body=("div.news-content",),
        date=("span.news-date",),
        category=("ul.breadcrumb li:last-child a",),
    )
    inferred = "markup inferred: SITES.md gives only the URL shapes"
