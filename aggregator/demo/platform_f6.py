"""F6 pages: the ``.htm`` papers (Báo Thanh Hóa, Quảng Ngãi, Phú Thọ), each in its own markup.

From SITES.md (F6, public crawler configurations): URLs ``…-<id>.htm``; Báo Thanh Hóa's sapo
``div.article__sapo``; Báo Quảng Ngãi's ``p.sapo`` and listings of ``article a``; Báo Phú Thọ's
``h1.pTitle``, ``p.pHead`` and ``#dcontent``. [inferred]: the other titles and bodies, the date
lines, the bylines (a header element, a closing bold paragraph, a ``p.pAuthor`` after the body),
section pages ``/<slug>.htm`` with ``?page=N``.
"""

from __future__ import annotations

from aggregator.demo.markup import moment, weekday_vi
from aggregator.demo.platform_basic import BasicPages
from aggregator.demo.sites import SiteSpec
from aggregator.demo.stories import Story

# paper: (article template, byline place, author markup, date format)
_PAPERS = {
    "baothanhhoa": (
        "f6_thanhhoa_article.html",
        "block",
        ' <div class="article__author">{}</div>',
        "time_first",
    ),
    "baoquangngai": ("f6_quangngai_article.html", "body", "", "plain"),
    "baophutho": ("f6_phutho_article.html", "block", '<p class="pAuthor">{}</p>', "weekday"),
}


class F6Pages(BasicPages):
    tags_class = "article__tags"
    item_markup = (
        '<article class="story"><a class="story__thumb" href="{href}"><img src="{image}" alt="{title}"></a>'
        '<h3 class="story__title"><a href="{href}">{title}</a></h3><p class="story__sapo">{sapo}</p></article>'
    )
    pagination_markup = '<div class="paging"><a class="next" rel="next" href="{href}">Trang sau</a></div>'

    def __init__(self, spec: SiteSpec) -> None:
        super().__init__(spec)
        self.article_template, self.byline, self.author_block, self.date_style = _PAPERS.get(
            spec.key, _PAPERS["baoquangngai"]
        )

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.slug(story)}-{story.number}.htm"

    def date_text(self, story: Story) -> str:
        when = moment(story.published)
        if self.date_style == "time_first":
            return f"{when:%H:%M %d/%m/%Y}"
        if self.date_style == "weekday":
            return f"{weekday_vi(story.published)}, {when:%d/%m/%Y %H:%M}"
        return f"{when:%d/%m/%Y %H:%M}"
