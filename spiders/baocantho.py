from spiders.platforms.pubdate import PubdatePlatformSpider


class BaoCanThoSpider(PubdatePlatformSpider):
    """Báo Cần Thơ (Cần Thơ; absorbed Sóc Trăng and Hậu Giang in 2025). Platform F4, real pages seen.

    The listing and the feed are the ones the real pages link (``/thoi-su/``,
    ``/rss/subcate/can-tho/``); the other feed and the sitemap follow the same shapes.
    """

    name = "baocantho"
    source_name = "Báo Cần Thơ"
    province = "Cần Thơ"
    former_provinces = ("Sóc Trăng", "Hậu Giang")
    allowed_domains = ["baocantho.com.vn"]
    listing_urls = ["https://baocantho.com.vn/thoi-su/"]
    feed_urls = [
        "https://baocantho.com.vn/rss/subcate/can-tho/",
        "https://baocantho.com.vn/rss/subcate/dbscl/",
    ]
    sitemap_urls = ["https://baocantho.com.vn/sitemap.xml"]
