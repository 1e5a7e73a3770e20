from spiders.platforms.longform import LongformPlatformSpider


class BaoHaiPhongSpider(LongformPlatformSpider):
    """Báo Hải Phòng (Hải Phòng; absorbed Hải Dương in 2025). Platform F5 (OneCMS), a real page seen.

    The article page is verified on a real page (served from the former Báo Hải Dương install:
    body ``div.b-maincontent > div.entry``, ``<meta name=canonical>``, a prefixed byline, the
    ``(HPĐT)-`` dateline); listings and sections are inferred. A public crawl report lists baohaiphong.vn among sites with a restrictive
    robots.txt and long crawl delays: it is obeyed (the default).
    """

    name = "baohaiphong"
    source_name = "Báo Hải Phòng"
    province = "Hải Phòng"
    former_provinces = ("Hải Dương",)
    allowed_domains = ["baohaiphong.vn"]
    listing_urls = ["https://baohaiphong.vn/chinh-tri/", "https://baohaiphong.vn/kinh-te/"]
    inferred = "listing markup and sections (article pages verified on a real page)"
