from spiders.platforms.yearmonth import YearMonthPlatformSpider


class BaoTuyenQuangSpider(YearMonthPlatformSpider):
    """Báo Tuyên Quang (Tuyên Quang; absorbed Báo Hà Giang in 2025). Platform F3.

    Inferred from SITES.md alone (public crawler configuration): categories nest several levels
    before the year-month folder and the id need not be hexadecimal; the title is
    ``h1.media-heading.title5``, the body ``div.article_content div.content#content`` whose first
    paragraph, bold, is the sapo; the date sits in ``div.date``. Old Báo Hà Giang links stay
    allowed (its feed is still listed by public monitoring bots).
    """

    name = "baotuyenquang"
    source_name = "Báo Tuyên Quang"
    province = "Tuyên Quang"
    former_provinces = ("Hà Giang",)
    allowed_domains = ["baotuyenquang.com.vn", "baohagiang.vn"]
    listing_urls = [
        "https://baotuyenquang.com.vn/thoi-su/chinh-tri/",
        "https://baotuyenquang.com.vn/kinh-te/",
    ]
    feed_urls = ["https://baotuyenquang.com.vn/rss/home.rss"]
    article_url_pattern = r"/(?:[^/]+/)+\d{6}/[^/]+/?$"
    profile = YearMonthPlatformSpider.profile.but(
        title=("h1.media-heading.title5", "h1.media-heading"),
        body=("div.article_content div.content#content",),
        body_summary_xpath="./p[1][strong and normalize-space(.) = normalize-space(strong)]",
    )
    inferred = "markup inferred from SITES.md (F3 configuration); byline and pagination inferred"
