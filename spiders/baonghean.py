from spiders.platforms.longform import LongformPlatformSpider


class BaoNgheAnSpider(LongformPlatformSpider):
    """Báo Nghệ An (Nghệ An, not merged in 2025). Platform F5.

    Inferred from SITES.md alone: title ``.sc-longform-header-title``, sapo
    ``.sc-longform-header-sapo``, body ``article.entry``, listing ``.b-grid__title a`` (public
    crawler configuration); article URLs ``…-<id>.html``, ``…-event<id>.html`` and older
    ``…-post<id>.html``; bodies open with the ``(Baonghean.vn) -`` dateline.
    """

    name = "baonghean"
    source_name = "Báo Nghệ An"
    province = "Nghệ An"
    allowed_domains = ["baonghean.vn"]
    listing_urls = ["https://baonghean.vn/thoi-su/", "https://baonghean.vn/kinh-te/"]
    inferred = "markup inferred from SITES.md (F5 configuration); date, author and pagination inferred"
