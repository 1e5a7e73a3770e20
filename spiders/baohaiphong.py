from spiders.platforms.longform import LongformPlatformSpider


class BaoHaiPhongSpider(LongformPlatformSpider):
    """Báo Hải Phòng (Hải Phòng; absorbed Hải Dương in 2025). Platform F5.

    Inferred from SITES.md alone: body ``div.b-maincontent .entry`` (public crawler
    configuration). A public crawl report lists baohaiphong.vn among sites with a restrictive
    robots.txt and long crawl delays: it is obeyed (the default).
    """

    name = "baohaiphong"
    source_name = "Báo Hải Phòng"
    province = "Hải Phòng"
    former_provinces = ("Hải Dương",)
    allowed_domains = ["baohaiphong.vn"]
    listing_urls = ["https://baohaiphong.vn/chinh-tri/", "https://baohaiphong.vn/kinh-te/"]
    inferred = "markup inferred from SITES.md (F5 configuration); sections, date and author inferred"
