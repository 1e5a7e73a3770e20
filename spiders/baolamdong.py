from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoLamDongSpider(YearMonthPlatformSpider):
    """Báo Lâm Đồng (Lâm Đồng; absorbed Đắk Nông and Bình Thuận in 2025). Platform F3.

    Inferred from SITES.md alone: a public crawler configuration gives F3 URLs for baolamdong.vn's
    older articles; whether the current site still uses them is unverified.
    """

    name = "baolamdong"
    source_name = "Báo Lâm Đồng"
    province = "Lâm Đồng"
    former_provinces = ("Đắk Nông", "Bình Thuận")
    allowed_domains = ["baolamdong.vn"]
    listing_urls = ["https://baolamdong.vn/chinh-tri/", "https://baolamdong.vn/kinh-te/"]
    inferred = "F3 known only for older articles (SITES.md); markup and sections inferred"
