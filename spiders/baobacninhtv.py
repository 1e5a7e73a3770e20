from spiders.platforms.bbg import BbgPlatformSpider


class BaoBacNinhSpider(BbgPlatformSpider):
    """Báo Bắc Ninh (Bắc Ninh; absorbed Báo Bắc Giang in 2025). The ``.bbg`` platform.

    Inferred from SITES.md alone: baobacninhtv.vn publishes on the former Báo Bắc Giang's
    ``.bbg`` CMS (public crawler configuration); old Bắc Giang links on baobacgiang.vn and
    baobacgiang.com.vn stay allowed.
    """

    name = "baobacninhtv"
    source_name = "Báo Bắc Ninh"
    province = "Bắc Ninh"
    former_provinces = ("Bắc Giang",)
    allowed_domains = ["baobacninhtv.vn", "baobacgiang.vn", "baobacgiang.com.vn"]
    listing_urls = ["https://baobacninhtv.vn/thoi-su/", "https://baobacninhtv.vn/kinh-te/"]
    inferred = "title, date, byline and sections inferred; the rest from SITES.md (.bbg configuration)"
