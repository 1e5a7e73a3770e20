from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoDakLakSpider(YearMonthPlatformSpider):
    """Báo Đắk Lắk (Đắk Lắk; absorbed Phú Yên in 2025). Platform F3.

    Inferred from SITES.md alone: listing links ``a.title5`` (public crawler configuration).
    """

    name = "baodaklak"
    source_name = "Báo Đắk Lắk"
    province = "Đắk Lắk"
    former_provinces = ("Phú Yên",)
    allowed_domains = ["baodaklak.vn"]
    listing_urls = ["https://baodaklak.vn/thoi-su/", "https://baodaklak.vn/kinh-te/"]
    listing_link_css = "a.title5::attr(href)"
    inferred = "markup inferred from SITES.md (F3 configuration); sections, date line and byline inferred"
