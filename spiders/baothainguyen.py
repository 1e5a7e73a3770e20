from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoThaiNguyenSpider(YearMonthPlatformSpider):
    """Báo Thái Nguyên (Thái Nguyên; absorbed Bắc Kạn in 2025). Platform F3.

    Inferred from SITES.md alone: listing links ``a.title2``, body ``div.content-detail``, sapo
    ``div.desc`` (public crawler configuration); the feed is one public monitoring bots list.
    """

    name = "baothainguyen"
    source_name = "Báo Thái Nguyên"
    province = "Thái Nguyên"
    former_provinces = ("Bắc Kạn",)
    allowed_domains = ["baothainguyen.vn"]
    listing_urls = ["https://baothainguyen.vn/thoi-su/", "https://baothainguyen.vn/kinh-te/"]
    feed_urls = ["https://baothainguyen.vn/rss/home.rss"]
    listing_link_css = "a.title2::attr(href)"
    inferred = "markup inferred from SITES.md (F3 configuration); date line and byline inferred"
