from spiders.platforms.htm import HtmPlatformSpider


class BaoPhuThoSpider(HtmPlatformSpider):
    """Báo Phú Thọ (Phú Thọ; absorbed Vĩnh Phúc and Hòa Bình in 2025). Platform F6.

    Inferred from SITES.md alone: URLs ``/<slug>-<id>.htm``, title ``h1.pTitle``, sapo ``p.pHead``,
    body ``#dcontent`` (public crawler configuration); the feed is one public monitoring bots list.
    """

    name = "baophutho"
    source_name = "Báo Phú Thọ"
    province = "Phú Thọ"
    former_provinces = ("Vĩnh Phúc", "Hòa Bình")
    allowed_domains = ["baophutho.vn"]
    listing_urls = ["https://baophutho.vn/thoi-su.htm", "https://baophutho.vn/kinh-te.htm"]
    feed_urls = ["https://baophutho.vn/rss/home.rss"]
    inferred = "markup inferred from SITES.md (F6 configuration); date, byline and sections inferred"
