from spiders.platforms.content_detail import ContentDetailPlatformSpider


class BaoCaoBangSpider(ContentDetailPlatformSpider):
    """Báo Cao Bằng (Cao Bằng, not merged in 2025). Platform F2.

    Inferred from SITES.md alone (public crawler configuration): the body is ``#content-detail``
    but the sapo is its first paragraph, printed bold (not an ``h2``); a "Cùng chuyên mục"
    ``div.block-news-list`` sits inside the body; section slugs are Capitalised (``/Thoi-su``),
    as is the real article URL ``/Huong-vi-pho-chua-Cao-Bang-38371.html``. Pages spell Vietnamese
    letters as HTML entities (``N&ocirc;ng``), which the shared text cleaning decodes.
    """

    name = "baocaobang"
    source_name = "Báo Cao Bằng"
    province = "Cao Bằng"
    allowed_domains = ["baocaobang.vn"]
    listing_urls = ["https://baocaobang.vn/Thoi-su", "https://baocaobang.vn/chinh-tri"]
    feed_urls = ["https://baocaobang.vn/rss/home.rss"]
    # The sapo: a first paragraph that is bold all through (a bold dateline alone is not one).
    profile = ContentDetailPlatformSpider.profile.but(
        body_summary_xpath="./p[1][strong and normalize-space(.) = normalize-space(strong)]"
    )
    inferred = "markup inferred from SITES.md (F2 configuration: bold first paragraph as sapo)"
