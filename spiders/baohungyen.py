from spiders.platforms.content_detail import ContentDetailPlatformSpider


class BaoHungYenSpider(ContentDetailPlatformSpider):
    """Báo Hưng Yên (Hưng Yên; absorbed Báo Thái Bình in 2025). Platform F2.

    Inferred from SITES.md alone: title ``h1.name``, body ``#content-detail`` with the byline in a
    ``div.pseudonym`` box (public crawler configuration). Old Báo Thái Bình links
    (``baothaibinh.com.vn/tin-tuc/<cat>/<id>/<slug>``) are accepted and read with the shared
    metadata fallbacks.
    """

    name = "baohungyen"
    source_name = "Báo Hưng Yên"
    province = "Hưng Yên"
    former_provinces = ("Thái Bình",)
    allowed_domains = ["baohungyen.vn", "baothaibinh.com.vn"]
    listing_urls = ["https://baohungyen.vn/chinh-tri", "https://baohungyen.vn/kinh-te"]
    article_url_pattern = (
        ContentDetailPlatformSpider.article_url_pattern + r"|baothaibinh\.com\.vn/tin-tuc/\d+/\d+/[^/]+$"
    )
    inferred = "markup inferred from SITES.md (F2 configuration); sections inferred"
