from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class BaoDienBienPhuSpider(NewsSpider):
    """Báo Điện Biên Phủ (Điện Biên, not merged in 2025). Its own CMS.

    Inferred from SITES.md alone (public crawler configuration): articles at
    ``/tin-bai/<category>/<slug>`` (no id, no extension), the body in ``div.editor-content``;
    category pages are rendered client-side, so the crawl starts from the home page, which has no
    pagination. The old baodienbienphu.com.vn domain stays allowed for old links.
    """

    name = "baodienbienphu"
    source_name = "Báo Điện Biên Phủ"
    province = "Điện Biên"
    allowed_domains = ["baodienbienphu.vn", "baodienbienphu.com.vn"]
    listing_urls = ["https://baodienbienphu.vn/"]
    platform = "one-off"
    article_url_pattern = r"/tin-bai/[a-z0-9-]+/[a-z0-9-]+$"
    next_page_xpath = "//a[@rel='next']/@href"
    profile = Profile(
        name="baodienbienphu",
        title=("h1.article-title", "h1.title"),
        summary=("div.article-sapo",),
        body=("div.editor-content",),
        date=("div.article-date",),
        category=("div.article-cate a",),
    )
    inferred = "title, sapo, date and byline elements inferred; the rest from SITES.md"
