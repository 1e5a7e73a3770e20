from spiders.platforms.pubdate import PubdatePlatformSpider


class BaoAnGiangSpider(PubdatePlatformSpider):
    """Báo An Giang (An Giang; absorbed Kiên Giang in 2025). Platform F4, a real page seen.

    The page shows the F4 markup of Báo Cần Thơ with the title in ``div.detail-title h1``, no
    ``link rel=canonical`` (og:url instead), a ``<base href>`` on the image host, and five tags the
    site appends to every article's tag box; sections and feeds are inferred from the URL shapes.
    """

    name = "baoangiang"
    source_name = "Báo An Giang"
    province = "An Giang"
    former_provinces = ("Kiên Giang",)
    allowed_domains = ["baoangiang.com.vn"]
    listing_urls = ["https://baoangiang.com.vn/thoi-su/", "https://baoangiang.com.vn/kinh-te/"]
    profile = PubdatePlatformSpider.profile.but(
        sitewide_tags=("An Giang", "Báo An Giang", "APEC 2027", "Rạch Giá", "Phú Quốc")
    )
    inferred = "sections and listing pages (article pages verified on a real page)"
