from spiders.platforms.content_detail import ContentDetailPlatformSpider


class BaoLangSonSpider(ContentDetailPlatformSpider):
    """Báo Lạng Sơn (Lạng Sơn, not merged in 2025). Platform F2.

    No HTML page of this site was available: the markup is inferred from the F2 facts in
    SITES.md (public crawler configurations) and the text of one real article, whose dateline
    ``LSO`` is glued to the first word and whose byline closes the body in capitals. The site is
    reported to have a restrictive robots.txt and crawl delay: it is obeyed (the default).
    """

    name = "baolangson"
    source_name = "Báo Lạng Sơn"
    province = "Lạng Sơn"
    allowed_domains = ["baolangson.vn"]
    listing_urls = [
        "https://baolangson.vn/chinh-tri",
        "https://baolangson.vn/kinh-te",
        "https://baolangson.vn/xa-hoi",
    ]
    feed_urls = ["https://baolangson.vn/rss/home.rss"]
    profile = ContentDetailPlatformSpider.profile.but(dateline_markers=("LSO",))
    inferred = "markup, listing pagination and feed URL inferred from SITES.md (F2)"
