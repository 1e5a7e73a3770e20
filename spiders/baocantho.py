from spiders.platforms.pubdate import PubdatePlatformSpider


class BaoCanThoSpider(PubdatePlatformSpider):
    """Báo Cần Thơ (Cần Thơ; absorbed Sóc Trăng and Hậu Giang in 2025). Platform F4, real pages seen.

    The feed is the one the real article page links (``/rss/subcate/can-tho/``).
    """

    name = "baocantho"
    source_name = "Báo Cần Thơ"
    province = "Cần Thơ"
    former_provinces = ("Sóc Trăng", "Hậu Giang")
    allowed_domains = ["baocantho.com.vn"]
    listing_urls = ["https://baocantho.com.vn/thoi-su/"]
    feed_urls = ["https://baocantho.com.vn/rss/subcate/can-tho/"]
