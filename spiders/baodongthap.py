from spiders.platforms.pubdate import PubdatePlatformSpider


class BaoDongThapSpider(PubdatePlatformSpider):
    """Báo Đồng Tháp (Đồng Tháp; absorbed Tiền Giang in 2025). Platform F4.

    Inferred from SITES.md alone: a public crawler configuration puts baodongthap.vn on the F4
    platform (listing links ``a.news-title``, ``a.title``); sections inferred.
    """

    name = "baodongthap"
    source_name = "Báo Đồng Tháp"
    province = "Đồng Tháp"
    former_provinces = ("Tiền Giang",)
    allowed_domains = ["baodongthap.vn"]
    listing_urls = ["https://baodongthap.vn/thoi-su/", "https://baodongthap.vn/kinh-te/"]
    inferred = "markup from the F4 platform (public crawler configuration); sections inferred"
