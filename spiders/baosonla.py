from spiders.platforms.cms_title import CmsTitlePlatformSpider


class BaoSonLaSpider(CmsTitlePlatformSpider):
    """Báo Sơn La (Sơn La, not merged in 2025). Platform F1 with its own article page.

    Inferred from SITES.md alone (public crawler configuration): F1's ``a.cms-link`` listing
    links, but article URLs ``/<category>/<slug>-<id>.html`` (no ``-post``), the sapo
    ``div.fulltext > p.font-bold`` and the body ``div#editor-detail``. The old baosonla.org.vn
    domain (its feed is still listed by public monitoring bots) stays allowed.
    """

    name = "baosonla"
    source_name = "Báo Sơn La"
    province = "Sơn La"
    allowed_domains = ["baosonla.vn", "baosonla.org.vn"]
    listing_urls = ["https://baosonla.vn/thoi-su", "https://baosonla.vn/kinh-te"]
    article_url_pattern = r"^https?://[^/]+/[a-z0-9-]+/[a-z0-9-]+-\d+\.html$"
    listing_link_css = "a.cms-link::attr(href)"
    profile = CmsTitlePlatformSpider.profile.but(
        title=("h1.article__title", "h1.title"),
        summary=("div.fulltext > p.font-bold",),
        body=("div#editor-detail",),
    )
    inferred = "title, date and byline inferred; URL shape, sapo and body from SITES.md"
