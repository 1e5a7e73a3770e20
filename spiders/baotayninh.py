from spiders.platforms.pubdate import PubdatePlatformSpider


class BaoTayNinhSpider(PubdatePlatformSpider):
    """Báo Tây Ninh (Tây Ninh; absorbed Long An in 2025). Platform F4.

    Inferred from SITES.md alone: a public crawler configuration puts baotayninh.vn on the F4
    platform (listing links ``a.title`` with the sapo in ``h4.sapo``); sections inferred.
    """

    name = "baotayninh"
    source_name = "Báo Tây Ninh"
    province = "Tây Ninh"
    former_provinces = ("Long An",)
    allowed_domains = ["baotayninh.vn"]
    listing_urls = ["https://baotayninh.vn/thoi-su/", "https://baotayninh.vn/kinh-te/"]
    inferred = "markup from the F4 platform (public crawler configuration); sections inferred"
