from spiders.platforms.longform import LongformPlatformSpider


class BaoNgheAnSpider(LongformPlatformSpider):
    """Báo Nghệ An (Nghệ An, not merged in 2025). Platform F5 (OneCMS), a real page seen.

    The article page is verified on a real page (header block inside ``article.entry``, en-US
    date meta, local time labelled Z in a script, sapo opening with ``(Baonghean.vn) -``, tags
    in ``div.c-widget-tags``); the listing markup ``.b-grid__title a`` and the sections are
    inferred from a public crawler configuration.
    """

    name = "baonghean"
    source_name = "Báo Nghệ An"
    province = "Nghệ An"
    allowed_domains = ["baonghean.vn"]
    listing_urls = ["https://baonghean.vn/thoi-su/", "https://baonghean.vn/kinh-te/"]
    inferred = "listing markup, sections and pagination (article pages verified on a real page)"
