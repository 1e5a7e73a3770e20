from spiders.platforms.htm import HtmPlatformSpider


class BaoQuangNgaiSpider(HtmPlatformSpider):
    """Báo Quảng Ngãi (Quảng Ngãi; absorbed Kon Tum in 2025). Platform F6.

    Inferred from SITES.md alone: article URLs ``…-<id>.htm``, listing ``article a[href$=.htm]``,
    sapo ``p.sapo`` (public crawler configuration); title, body and sections inferred.
    """

    name = "baoquangngai"
    source_name = "Báo Quảng Ngãi"
    province = "Quảng Ngãi"
    former_provinces = ("Kon Tum",)
    allowed_domains = ["baoquangngai.vn"]
    listing_urls = ["https://baoquangngai.vn/thoi-su.htm", "https://baoquangngai.vn/kinh-te.htm"]
    # SITES.md's ``article a[href$=.htm]`` would miss links shared with tracking parameters
    # (``….htm?utm_source=…``); the article URL pattern already keeps only ``-<id>.htm`` pages.
    listing_link_css = "article a::attr(href)"
    inferred = "markup inferred from SITES.md (F6 configuration); sections inferred"
