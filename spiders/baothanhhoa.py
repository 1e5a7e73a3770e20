from spiders.platforms.htm import HtmPlatformSpider


class BaoThanhHoaSpider(HtmPlatformSpider):
    """Báo Thanh Hóa (Thanh Hóa, not merged in 2025). Platform F6.

    Inferred from SITES.md alone: article URLs ``…-<id>.htm`` and the sapo ``div.article__sapo``
    (public crawler configuration); title, body and sections inferred.
    """

    name = "baothanhhoa"
    source_name = "Báo Thanh Hóa"
    province = "Thanh Hóa"
    allowed_domains = ["baothanhhoa.vn"]
    listing_urls = ["https://baothanhhoa.vn/thoi-su.htm", "https://baothanhhoa.vn/kinh-te.htm"]
    inferred = "markup inferred from SITES.md (F6 configuration); sections inferred"
