from aggregator.extract import Profile
from spiders.platforms.base import NewsSpider


class BaoNinhBinhSpider(NewsSpider):
    """Báo Ninh Bình (Ninh Bình; absorbed Hà Nam and Nam Định in 2025). Its own CMS.

    Inferred from SITES.md alone (public crawler configuration): article URLs end in a 15-digit
    id (``…-<15 digits>.html``), the title is ``h1.header-title``, the sapo the bold
    ``.content-detail .font-bold`` above the body ``#content_detail``. The date line, byline
    and ``?page=N`` pagination are inferred.
    """

    name = "baoninhbinh"
    source_name = "Báo Ninh Bình"
    province = "Ninh Bình"
    former_provinces = ("Hà Nam", "Nam Định")
    allowed_domains = ["baoninhbinh.org.vn"]
    listing_urls = ["https://baoninhbinh.org.vn/thoi-su/", "https://baoninhbinh.org.vn/kinh-te/"]
    platform = "one-off"
    article_url_pattern = r"-\d{15}\.html$"
    listing_link_css = "h3 a::attr(href), h2 a::attr(href), a.title::attr(href)"
    next_page_xpath = "//a[@rel='next']/@href"
    profile = Profile(
        name="baoninhbinh",
        title=("h1.header-title",),
        summary=(".content-detail .font-bold",),
        body=("#content_detail",),
        date=("div.header-date",),
        category=("div.header-cate a",),
    )
    inferred = "date line, byline, sections and pagination inferred; the rest from SITES.md"
