from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoKhanhHoaSpider(YearMonthPlatformSpider):
    """Báo Khánh Hòa (Khánh Hòa; absorbed Ninh Thuận in 2025). Platform F3.

    Inferred from SITES.md alone: listing links ``div.item a`` and article URLs
    ``/<category>/<YYYYMM>/<slug>-<hex7>/`` (public crawler configuration).
    """

    name = "baokhanhhoa"
    source_name = "Báo Khánh Hòa"
    province = "Khánh Hòa"
    former_provinces = ("Ninh Thuận",)
    allowed_domains = ["baokhanhhoa.vn"]
    listing_urls = ["https://baokhanhhoa.vn/chinh-tri/", "https://baokhanhhoa.vn/kinh-te/"]
    listing_link_css = "div.item a::attr(href)"
    inferred = "markup inferred from SITES.md (F3 configuration); sections, date line and byline inferred"
