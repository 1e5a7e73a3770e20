from spiders.platforms.pubdate import PubdatePlatformSpider


class BaoDongKhoiSpider(PubdatePlatformSpider):
    """Báo Đồng Khởi (Bến Tre's paper, now part of Báo Vĩnh Long, 2025). Platform F4.

    The paper's F4 site lives on as dongkhoi.baovinhlong.vn (SITES.md, F4); the old
    baodongkhoi.vn links stay allowed. Inferred from SITES.md alone; sections inferred.
    """

    name = "baodongkhoi"
    source_name = "Báo Đồng Khởi"
    province = "Vĩnh Long"
    former_provinces = ("Bến Tre",)
    allowed_domains = ["dongkhoi.baovinhlong.vn", "baodongkhoi.vn"]
    listing_urls = [
        "https://dongkhoi.baovinhlong.vn/thoi-su/",
        "https://dongkhoi.baovinhlong.vn/kinh-te/",
    ]
    inferred = "markup from the F4 platform (public crawler configuration); sections inferred"
