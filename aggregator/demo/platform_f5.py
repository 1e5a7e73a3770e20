"""F5 pages: the "sc-longform / b-grid" platform (Báo Nghệ An, Hải Phòng, Đà Nẵng).

From SITES.md (F5, public crawler configurations): ``.sc-longform-header-title.block-sc-title``,
``.sc-longform-header-sapo`` / ``p.block-sc-sapo``, the body ``article.entry`` inside
``div.b-maincontent``, listing items ``.b-grid__img a`` and ``h3.b-grid__title a``; URLs
``…-<id>.html`` and ``…-event<id>.html``; Báo Nghệ An's "(Baonghean.vn) -" dateline. [inferred]:
the header's date and author elements, ``?page=N`` pagination.
"""

from __future__ import annotations

from aggregator.demo.markup import moment
from aggregator.demo.platform_basic import BasicPages
from aggregator.demo.stories import Story


class F5Pages(BasicPages):
    article_template = "f5_article.html"
    byline = "block"
    author_block = ' <span class="sc-longform-header-author">{}</span>'
    tags_class = "entry-tags"
    item_markup = (
        '<div class="b-grid"><div class="b-grid__img"><a href="{href}"><img src="{image}" alt="{title}"></a>'
        '</div><div class="b-grid__content"><h3 class="b-grid__title"><a href="{href}">{title}</a></h3>'
        '<div class="b-grid__desc">{sapo}</div></div></div>'
    )

    def article_url(self, story: Story) -> str:
        kind = "event" if story.index % 6 == 5 else ""  # event pages share the article markup
        return f"{self.spec.root}{self.slug(story)}-{kind}{story.number}.html"

    def date_text(self, story: Story) -> str:
        return f"{moment(story.published):%d/%m/%Y %H:%M}"
