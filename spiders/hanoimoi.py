from spiders.platforms.longform import LongformPlatformSpider


class HaNoiMoiSpider(LongformPlatformSpider):
    """Hà Nội Mới (Hà Nội, not merged in 2025). Platform F5 (OneCMS, CDN ``hnm.1cdn.vn``).

    Inferred from a 2025-26 public crawler configuration (SITES.md §7): articles
    ``https://hanoimoi.vn/<slug>-<id>.html`` (``-event<id>`` pages are events, skipped), sections
    ``/kinh-te``, ``/do-thi/giao-thong``, feeds ``/rss/<section path>`` without ``.rss``, the author in
    ``span.c-detail-head__author`` or ``span.block-sc-author``, the sapo ``p.block-sc-sapo``; the date
    line is inferred from the OneCMS siblings (``DD/MM/YYYY HH:MM``).
    """

    name = "hanoimoi"
    source_name = "Hà Nội Mới"
    province = "Hà Nội"
    allowed_domains = ["hanoimoi.vn"]
    listing_urls = ["https://hanoimoi.vn/kinh-te", "https://hanoimoi.vn/do-thi/giao-thong"]
    feed_urls = ["https://hanoimoi.vn/rss/kinh-te", "https://hanoimoi.vn/rss/do-thi"]
    article_url_pattern = r"^https://hanoimoi\.vn/[a-z0-9-]+-\d+\.html$"
    inferred = (
        "article and listing markup from a crawler configuration and the OneCMS siblings; date line inferred"
    )
