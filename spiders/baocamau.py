from spiders.platforms.pubdate import PubdatePlatformSpider


class BaoCaMauSpider(PubdatePlatformSpider):
    """Báo Cà Mau (Cà Mau; absorbed Bạc Liêu in 2025). Platform F4.

    Inferred from SITES.md alone: a public crawler configuration puts baocamau.vn on the F4
    platform; sections inferred.
    """

    name = "baocamau"
    source_name = "Báo Cà Mau"
    province = "Cà Mau"
    former_provinces = ("Bạc Liêu",)
    allowed_domains = ["baocamau.vn"]
    listing_urls = ["https://baocamau.vn/thoi-su/", "https://baocamau.vn/kinh-te/"]
    inferred = "markup from the F4 platform (public crawler configuration); sections inferred"
