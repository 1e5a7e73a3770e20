"""F7 pages: the former Báo Long An CMS that Báo Tây Ninh runs since the 2025 merger.

Modelled on a real 2026 Báo Tây Ninh page (SITES.md §7): ``h1.name`` padded with tabs, the date
line ``div.date`` ``Thứ 4, 01/12/2021 | 11:51:00 [GMT +7]`` with the font-size widget inside it,
the crawl-time line ``div.title-time`` beside the breadcrumb, a stray ``</html>`` right after
``<html>``, ``#content-detail`` holding an outer ``div.sapo`` that runs the sapo into the body
(cut mid-word) and an embedded full document whose ``p.sapo`` is the real sapo, WordPress
captions, an ad ``ins.ads-zone-group`` inside a paragraph, the byline ``div.author > strong``
"person/source", and JSON-LD whose author is the CMS account. [inferred]: listings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from aggregator.demo.markup import esc, moment, text_of, weekday_vi
from aggregator.demo.platform_basic import BasicPages
from aggregator.demo.stories import Story

_AD = '<ins class="ads-zone-group" data-zone="demo"><script>window.ads_zones = window.ads_zones || [];</script></ins>'
_WEEKDAY_NUMBER = {"Chủ nhật": "CN", "Thứ hai": "Thứ 2", "Thứ ba": "Thứ 3", "Thứ tư": "Thứ 4",
                   "Thứ năm": "Thứ 5", "Thứ sáu": "Thứ 6", "Thứ bảy": "Thứ 7"}  # fmt: skip


class F7Pages(BasicPages):
    article_template = "f7_article.html"
    byline = "none"  # the author box is part of the template
    item_markup = '<div class="item"><h3><a href="{href}">{title}</a></h3><p class="sapo">{sapo}</p></div>'

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.slug(story)}-{story.number}.html"

    def date_text(self, story: Story) -> str:
        weekday = _WEEKDAY_NUMBER.get(weekday_vi(story.published), weekday_vi(story.published))
        return f"{weekday}, {moment(story.published):%d/%m/%Y | %H:%M:%S}"

    def article_fields(self, story: Story, stories: Sequence[Story]) -> dict[str, str]:
        fields = super().article_fields(story, stories)
        body = fields["body"]
        if "</p>" in body:  # the ad sits inside a paragraph, as on the real page
            body = body.replace("</p>", f" {_AD}</p>", 1)
        runon = f"{text_of(story, story.sapo)} {esc(story.text(0))}"[:160]
        fields.update(
            body=body,
            sapo_runon=runon,
            author=f"{esc(story.author)}/Báo Tin tức" if story.author else "",
            crawl_time="Thứ 6, 02/10/2026 18:38",
            print_id=str(story.number // 2),
        )
        return fields

    def _head(self, story: Story) -> str:
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.title,
            "datePublished": f"{moment(story.published):%Y-%m-%d %H:%M:%S}",
            "author": {"@type": "Person", "name": "longantv"},
        }
        script = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
        plain = "\n".join(line for line in super()._head(story).split("\n") if "ld+json" not in line)
        return plain + '\n<meta name="author" content="MEDIATECH">\n' + script

    def _page(self, title: str, head: str, main: str, *, body_class: str = "") -> str:
        page = super()._page(title, head, main, body_class=body_class)
        return page.replace('<html lang="vi">', '<html lang="vi"></html>', 1)  # the CMS's stray end tag
