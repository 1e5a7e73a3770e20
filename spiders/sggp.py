from spiders.platforms.cms_title import CmsTitlePlatformSpider


class SaiGonGiaiPhongSpider(CmsTitlePlatformSpider):
    """Sài Gòn Giải Phóng (TP. Hồ Chí Minh; absorbed Bình Dương, Bà Rịa – Vũng Tàu in 2025). Platform F1.

    Inferred from 2025-26 public crawler configurations (SITES.md §7): the F1 class family
    (``h1.article__title.cms-title``, ``.article__sapo.cms-desc``, ``div.article__body.zce-content-body``),
    articles ``https://www.sggp.org.vn/<slug>-post<id>.html``, monthly news sitemaps
    ``/sitemaps/news-YYYY-M.xml`` under ``/sitemap.xml``, feeds ``/rss/<slug>-<id>.rss``, listing
    items ``article.story a``.
    """

    name = "sggp"
    source_name = "Sài Gòn Giải Phóng"
    province = "TP. Hồ Chí Minh"
    former_provinces = ("Bình Dương", "Bà Rịa – Vũng Tàu")
    allowed_domains = ["sggp.org.vn"]
    listing_urls = ["https://www.sggp.org.vn/chinhtri/", "https://www.sggp.org.vn/xahoi/"]
    feed_urls = ["https://www.sggp.org.vn/rss/kinh-te-3.rss"]
    sitemap_urls = ["https://www.sggp.org.vn/sitemap.xml"]
    listing_link_css = "article.story a::attr(href)"
    inferred = "markup from crawler configurations (the F1 class family); date and author inferred"
