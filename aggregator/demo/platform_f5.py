"""F5 pages: OneCMS (Báo Nghệ An, Hải Phòng, Đà Nẵng), as the real Nghệ An and Hải Phòng pages are.

The header block ``div.sc-longform-header`` (title, "author • date", sapo) inside
``div[itemprop=articleBody] > article.entry``; the font-size widget "Cỡ chữ / Mặc định" in the
body; Báo Nghệ An's ``(Baonghean.vn) -`` dateline opening the sapo; tags in
``div.c-widget-tags li h4 a``; ``ol.breadcrumb``; in the head an en-US
``article:published_time`` without zone, an inline script's local time labelled ``Z``, JSON-LD
with ``+07:00``, ``og:type`` website and ``<meta name=canonical>``; "POWERED BY ONECMS". Listing
items ``.b-grid__img a`` and ``h3.b-grid__title a``, URLs ``…-<id>.html`` and ``…-event<id>.html``,
``?page=N`` pagination are [inferred].
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from aggregator.demo.markup import esc, iso, moment, text_of
from aggregator.demo.platform_basic import BasicPages
from aggregator.demo.stories import VISIBLE_DATE_ONLY, Story, fold


class F5Pages(BasicPages):
    article_template = "f5_article.html"
    byline = "block"
    author_block = '<span class="sc-longform-header-author block-sc-author">{}</span> • '
    item_markup = (
        '<div class="b-grid"><div class="b-grid__img"><a href="{href}"><img src="{image}" alt="{title}"></a>'
        '</div><div class="b-grid__content"><h3 class="b-grid__title"><a href="{href}">{title}</a></h3>'
        '<div class="b-grid__desc">{sapo}</div></div></div>'
    )

    def article_url(self, story: Story) -> str:
        # Event pages share the article markup; a paper whose spider skips them (Hà Nội Mới) gets none.
        kind = "event" if story.index % 6 == 5 and self.spec.event_pages else ""
        return f"{self.spec.root}{self.slug(story)}-{kind}{story.number}.html"

    def date_text(self, story: Story) -> str:
        return f"{moment(story.published):%d/%m/%Y %H:%M}"

    def article_fields(self, story: Story, stories: Sequence[Story]) -> dict[str, str]:
        fields = super().article_fields(story, stories)
        sapo = text_of(story, story.sapo)
        fields["sapo_line"] = f"{esc(story.dateline)} - {sapo}" if story.dateline else sapo
        return fields

    def body(self, story: Story) -> str:
        """The dateline opens the sapo on OneCMS, not the first paragraph."""
        found = super().body(story)
        return found.replace(f"<p>{esc(story.dateline)} - ", "<p>", 1) if story.dateline else found

    def _tags(self, story: Story) -> str:
        if not story.tags:
            return ""
        items = "".join(
            f'<li><h4><a href="{self.spec.root}{fold(t).strip("-")}-ptag.html">{esc(t)}</a></h4></li>'
            for t in story.tags
        )
        return f'<div class="c-widget-tags onecms__tags"><ul>{items}</ul></div>'

    def _head(self, story: Story) -> str:
        lines = [_onecms_line(line) for line in super()._head(story).split("\n")]
        lines = [line for line in lines if "article:published_time" not in line and "ld+json" not in line]
        if story.index != VISIBLE_DATE_ONLY:
            when = moment(story.published)
            meridiem = "PM" if when.hour >= 12 else "AM"
            us_date = f"{when.month}/{when.day}/{when.year} {when.hour % 12 or 12}:{when:%M:%S} {meridiem}"
            data = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "datePublished": iso(story.published),
            }
            lines += [
                f'<meta name="article:published_time" content="{us_date}">',
                f'<script type="application/ld+json">{json.dumps(data)}</script>',
                f'<script>var item_id = {story.number}; var item_published_time = "{when:%Y-%m-%dT%H:%M:%S}Z";</script>',
            ]
        return "\n".join(lines)


def _onecms_line(line: str) -> str:
    """OneCMS writes the canonical as ``<meta name=canonical>`` and og:type as website."""
    if line.startswith('<link rel="canonical" href="'):
        return line.replace('<link rel="canonical" href="', '<meta name="canonical" content="', 1)
    return line.replace('property="og:type" content="article"', 'property="og:type" content="website"')
