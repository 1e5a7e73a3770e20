from spiders.platforms.cms_title import CmsTitlePlatformSpider


class BaoLaoCaiSpider(CmsTitlePlatformSpider):
    """Báo Lào Cai (Lào Cai; absorbed Báo Yên Bái in the 2025 merger). Platform F1, real page seen.

    Sections are the real menu's; the feed URL comes from public monitoring bots and the
    pagination shape is assumed (see the platform's docstring); the sitemap is the one a working
    crawler used.
    """

    name = "baolaocai"
    source_name = "Báo Lào Cai"
    province = "Lào Cai"
    former_provinces = ("Yên Bái",)
    allowed_domains = ["baolaocai.vn", "baoyenbai.com.vn"]
    listing_urls = [
        "https://baolaocai.vn/chinh-tri/",
        "https://baolaocai.vn/kinh-te/",
        "https://baolaocai.vn/van-hoa/",
    ]
    feed_urls = ["https://baolaocai.vn/rss/home.rss"]
    sitemap_urls = ["https://baolaocai.vn/sitemap.xml"]
