from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoQuangTriSpider(YearMonthPlatformSpider):
    """Báo Quảng Trị (Quảng Trị; absorbed Quảng Bình in 2025). Platform F3.

    Inferred from SITES.md alone: listing links ``a.h2``, ``a.h3`` and ``a.card-img`` (public
    crawler configuration).
    """

    name = "baoquangtri"
    source_name = "Báo Quảng Trị"
    province = "Quảng Trị"
    former_provinces = ("Quảng Bình",)
    allowed_domains = ["baoquangtri.vn"]
    listing_urls = ["https://baoquangtri.vn/chinh-tri/", "https://baoquangtri.vn/kinh-te/"]
    listing_link_css = "a.h2::attr(href), a.h3::attr(href), a.card-img::attr(href)"
    inferred = "markup inferred from SITES.md (F3 configuration); sections, date line and byline inferred"
