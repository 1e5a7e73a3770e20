from spiders.platforms.mediatech import MediatechPlatformSpider


class BaoTayNinhSpider(MediatechPlatformSpider):
    """Báo Tây Ninh (Tây Ninh; absorbed Long An in 2025). Platform F7, a real page seen.

    Since the merger baotayninh.vn runs the former Báo Long An CMS (a real 2026 page shows it);
    article pages are verified, the sections and listing markup are inferred.
    """

    name = "baotayninh"
    source_name = "Báo Tây Ninh"
    province = "Tây Ninh"
    former_provinces = ("Long An",)
    allowed_domains = ["baotayninh.vn"]
    listing_urls = ["https://baotayninh.vn/thoi-su/", "https://baotayninh.vn/kinh-te/"]
    inferred = "listing markup and sections (article pages verified on a real page)"
