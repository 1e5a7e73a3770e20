from spiders.platforms.longform import LongformPlatformSpider


class BaoDaNangSpider(LongformPlatformSpider):
    """Báo Đà Nẵng (Đà Nẵng; absorbed Quảng Nam in 2025). Platform F5.

    Inferred from SITES.md alone: listing links ``h3.b-grid__title a`` (public crawler
    configuration); the feed is one public monitoring bots list.
    """

    name = "baodanang"
    source_name = "Báo Đà Nẵng"
    province = "Đà Nẵng"
    former_provinces = ("Quảng Nam",)
    allowed_domains = ["baodanang.vn"]
    listing_urls = ["https://baodanang.vn/thoi-su/", "https://baodanang.vn/kinh-te/"]
    feed_urls = ["https://baodanang.vn/rss/home.rss"]
    listing_link_css = "h3.b-grid__title a::attr(href)"
    inferred = "markup inferred from SITES.md (F5 configuration); sections, date and author inferred"
