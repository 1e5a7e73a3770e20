from spiders.platforms.cms_title import CmsTitlePlatformSpider


class BaoHaTinhSpider(CmsTitlePlatformSpider):
    """Báo Hà Tĩnh (Hà Tĩnh, not merged in 2025). Platform F1.

    Inferred from SITES.md alone: a public crawler configures baohatinh.vn with the F1 selectors
    and ``a.cms-link`` listing links; the sections are the usual ones, unverified.
    """

    name = "baohatinh"
    source_name = "Báo Hà Tĩnh"
    province = "Hà Tĩnh"
    allowed_domains = ["baohatinh.vn"]
    listing_urls = ["https://baohatinh.vn/chinh-tri/", "https://baohatinh.vn/kinh-te/"]
    inferred = "markup from the F1 platform (public crawler configuration); sections inferred"
