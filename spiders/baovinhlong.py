from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoVinhLongSpider(YearMonthPlatformSpider):
    """Báo Vĩnh Long (Vĩnh Long; absorbed Bến Tre and Trà Vinh in 2025). Platform F3.

    Inferred from SITES.md alone: a public crawler configuration puts baovinhlong.com.vn on the
    F3 platform. Báo Đồng Khởi (Bến Tre) lives on at dongkhoi.baovinhlong.vn: see ``baodongkhoi``.
    """

    name = "baovinhlong"
    source_name = "Báo Vĩnh Long"
    province = "Vĩnh Long"
    former_provinces = ("Bến Tre", "Trà Vinh")
    allowed_domains = ["baovinhlong.com.vn"]
    listing_urls = ["https://baovinhlong.com.vn/thoi-su/", "https://baovinhlong.com.vn/kinh-te/"]
    inferred = "markup inferred from SITES.md (F3 configuration); sections, date line and byline inferred"
