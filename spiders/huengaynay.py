from spiders.platforms.base import NewsSpider


class HueNgayNaySpider(NewsSpider):
    """Huế Ngày Nay (Huế, not merged in 2025; formerly Báo Thừa Thiên Huế, ``baothuathienhue.vn``).

    Inferred: no selectors of this site are known (SITES.md §7 has its URL shapes only): it reads every
    article with the reader's structured-data and generic fallbacks (``profile`` is the generic
    one), which ``baotinh verify`` reports as ``fallback`` until a real page shows the markup.
    Articles ``/<cat>[/<sub>]/<slug>-<id>.html`` (ids continue the old site's, whose URLs are
    allowed), the printed date ``Thứ Năm, 05/03/2026 10:17``, datelines ``HNN.VN -`` (old site
    ``TTH -``). No feed or sitemap is known: the home page and two sections are listings.
    """

    name = "huengaynay"
    source_name = "Huế Ngày Nay"
    province = "Huế"
    allowed_domains = ["huengaynay.vn", "baothuathienhue.vn"]
    listing_urls = ["https://huengaynay.vn/chinh-tri-xa-hoi/", "https://huengaynay.vn/kinh-te/"]
    platform = "generic"
    article_url_pattern = r"/[a-z0-9-]+-\d{4,}\.html$"
    listing_link_css = "h2 a::attr(href), h3 a::attr(href), h4 a::attr(href), a.title::attr(href)"
    inferred = (
        "everything but the URL shapes: no selectors known, read by the structured-data and generic fallbacks"
    )
