from spiders.platforms.cms_title import CmsTitlePlatformSpider


class BaoGiaLaiSpider(CmsTitlePlatformSpider):
    """Báo Gia Lai (Gia Lai; absorbed Bình Định in 2025). Platform F1.

    Inferred from SITES.md alone: a public crawler configures baogialai.com.vn with the F1
    selectors and ``article a`` listing links; the sections are the usual ones, unverified.
    """

    name = "baogialai"
    source_name = "Báo Gia Lai"
    province = "Gia Lai"
    former_provinces = ("Bình Định",)
    allowed_domains = ["baogialai.com.vn"]
    listing_urls = ["https://baogialai.com.vn/thoi-su/", "https://baogialai.com.vn/kinh-te/"]
    inferred = "markup from the F1 platform (public crawler configuration); sections inferred"
