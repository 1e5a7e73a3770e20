from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoDongNaiSpider(YearMonthPlatformSpider):
    """Báo Đồng Nai (Đồng Nai; absorbed Bình Phước in 2025). Platform F3.

    Inferred from SITES.md alone: listing links ``a.title1``/``a.title3``, body
    ``div#content.content-detail .td-post-content`` whose first paragraph is the sapo (public
    crawler configuration); the sitemap is the one a working crawler used.
    """

    name = "baodongnai"
    source_name = "Báo Đồng Nai"
    province = "Đồng Nai"
    former_provinces = ("Bình Phước",)
    allowed_domains = ["baodongnai.com.vn"]
    listing_urls = ["https://baodongnai.com.vn/chinh-tri/", "https://baodongnai.com.vn/kinh-te/"]
    feed_urls = ["https://baodongnai.com.vn/rss/home.rss"]
    sitemap_urls = ["https://baodongnai.com.vn/sitemap.xml"]
    listing_link_css = "a.title1::attr(href), a.title3::attr(href)"
    profile = YearMonthPlatformSpider.profile.but(body_summary_xpath="./p[1]")
    inferred = "markup inferred from SITES.md (F3 configuration); date line and byline inferred"
