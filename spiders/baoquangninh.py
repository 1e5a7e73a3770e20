from spiders.platforms.content_detail import ContentDetailPlatformSpider


class BaoQuangNinhSpider(ContentDetailPlatformSpider):
    """Báo Quảng Ninh (Quảng Ninh, not merged in 2025). Platform F2.

    Inferred from SITES.md alone: title ``h1.name``, body ``.content-article #content-detail``,
    listing cards ``article.card a`` (public crawler configuration); a real article URL
    (``…-3349315.html``) fits the platform; the feed is one public monitoring bots list.
    """

    name = "baoquangninh"
    source_name = "Báo Quảng Ninh"
    province = "Quảng Ninh"
    allowed_domains = ["baoquangninh.vn"]
    listing_urls = ["https://baoquangninh.vn/chinh-tri", "https://baoquangninh.vn/kinh-te"]
    feed_urls = ["https://baoquangninh.vn/rss/home.rss"]
    listing_link_css = ContentDetailPlatformSpider.listing_link_css + ", .card-content a::attr(href)"
    inferred = "markup inferred from SITES.md (F2 configuration); sections and feed unverified"
