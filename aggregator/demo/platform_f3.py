"""F3 pages: "/{category}/{YYYYMM}/{slug}-{hex7}/" (Báo Đồng Nai, Khánh Hòa, Thái Nguyên…).

From SITES.md (F3, public crawler configurations): numbered link classes in listings
(``a.title1`` … ``a.title5``, ``div.item a``, ``a.h3``), ``h1.title``, the sapo ``div.desc`` above
the body ``div.content-detail``; Báo Đồng Nai's body ``div#content.content-detail
.td-post-content`` opening with the sapo as a plain paragraph; Báo Tuyên Quang's
``h1.media-heading.title5`` and ``div.article_content div.content#content`` holding the ``div.date``
line and the sapo as a bold first paragraph. [inferred]: the date line's wording, the closing
bold byline, ``?page=N`` pagination.
"""

from __future__ import annotations

from aggregator.demo.platform_basic import BasicPages
from aggregator.demo.sites import SiteSpec
from aggregator.demo.stories import Story

# The listing link class each paper's spider reads (SITES.md); "title1" for the others.
_LINK_CLASS = {"baothainguyen": "title2", "baodaklak": "title5", "baoquangtri": "h3", "baokhanhhoa": "title"}
_TEMPLATES = {"baodongnai": "f3_dongnai_article.html", "baotuyenquang": "f3_tuyenquang_article.html"}
_SAPO_IN_BODY = {"baodongnai": "plain", "baotuyenquang": "bold"}


class F3Pages(BasicPages):
    def __init__(self, spec: SiteSpec) -> None:
        super().__init__(spec)
        self.article_template = _TEMPLATES.get(spec.key, "f3_article.html")
        self.sapo_in_body = _SAPO_IN_BODY.get(spec.key, "")
        link = _LINK_CLASS.get(spec.key, "title1")
        self.item_markup = f'<div class="item"><a class="{link}" href="{{href}}">{{title}}</a><p class="sapo">{{sapo}}</p></div>'

    def hex_id(self, story: Story) -> str:
        return story.hexseed[:7]

    def article_url(self, story: Story) -> str:
        folder = self._day(story).strftime("%Y%m")
        return f"{self.spec.root}{self.section(story).path}{folder}/{self.slug(story)}-{self.hex_id(story)}/"
