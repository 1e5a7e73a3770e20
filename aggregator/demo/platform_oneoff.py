"""Pages of the one-off papers: each on its own CMS (or, for Báo Sơn La, its own F1 article page).

From SITES.md (one-offs, public crawler configurations), per paper:
- baobacninhtv: ``-postid<id>.bbg`` URLs, ``div.news_detail_sapo``, ``.news-details__content
  .link_content``, listing links ``a.font-tin-doc``;
- baoninhbinh: ``-<15 digits>.html``, ``h1.header-title``, ``#content_detail``, the sapo
  ``.content-detail .font-bold``;
- baolaichau: ``/<category>/<slug>-<id>``, ``#post-content .post-detail`` with ``.post-info
  .title``, ``.sapo``, ``.body``, listing links ``a.blc-post__link``;
- baodienbienphu: ``/tin-bai/<category>/<slug>``, ``div.editor-content``, the home page as the only
  listing (its category pages need JavaScript);
- baohaugiang: sections ``/<slug>-<id>.html``, articles ``/<section>/<slug>-<id>.html``;
- baosonla: ``/<category>/<slug>-<id>.html``, F1's ``a.cms-link``, the sapo ``div.fulltext >
  p.font-bold``, the body ``div#editor-detail``.
Everything else (titles where not named, date lines, bylines, pagination) is [inferred] and
matches what the spiders document.
"""

from __future__ import annotations

from collections.abc import Sequence

from aggregator.demo.markup import dmy_hm, esc, iso_compact, moment, weekday_vi
from aggregator.demo.platform_basic import BasicPages
from aggregator.demo.sites import section_slug
from aggregator.demo.stories import VISIBLE_DATE_ONLY, Story

_NEXT = '<ul class="pagination"><li><a rel="next" href="{href}">›</a></li></ul>'


class BbgPages(BasicPages):
    article_template = "bbg_article.html"
    byline = "block"
    author_block = '<div class="news_detail_author">{}</div>'
    tags_class = "news_detail_tags"
    item_markup = (
        '<div class="news-item"><a class="font-tin-doc" href="{href}">{title}</a>'
        '<div class="news-item__sapo">{sapo}</div></div>'
    )
    pagination_markup = _NEXT

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.slug(story)}-postid{story.number}.bbg"

    def date_text(self, story: Story) -> str:
        return f"{moment(story.published):%d/%m/%Y | %H:%M}"


class NinhBinhPages(BasicPages):
    article_template = "ninhbinh_article.html"
    item_markup = '<div class="post"><h3><a href="{href}">{title}</a></h3><p>{sapo}</p></div>'
    pagination_markup = _NEXT

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.slug(story)}-{story.number}.html"


class LaiChauPages(BasicPages):
    article_template = "laichau_article.html"
    byline = "block"
    author_block = ' <span class="author">{}</span>'
    item_markup = '<div class="blc-post"><a class="blc-post__link" href="{href}">{title}</a></div>'
    pagination_markup = _NEXT

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.category_slug(story)}/{self.slug(story)}-{story.number}"

    def date_text(self, story: Story) -> str:
        return f"{moment(story.published):%H:%M - %d/%m/%Y}"


class DienBienPhuPages(BasicPages):
    article_template = "dienbienphu_article.html"
    item_markup = '<div class="news-item"><a href="{href}">{title}</a><p>{sapo}</p></div>'

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}tin-bai/{self.category_slug(story)}/{self.slug(story)}"

    def date_text(self, story: Story) -> str:
        return f"{moment(story.published):%d/%m/%Y %H:%M}"

    def extra_pages(self) -> list[tuple[str, str]]:
        """Section pages: an empty shell that JavaScript fills, so no article link to follow."""
        shell = (
            '<div id="app" data-page="category" data-slug="{slug}"></div>\n'
            "<noscript>Vui lòng bật JavaScript để xem chuyên mục.</noscript>\n"
            '<script src="{root}static/js/category.js"></script>'
        )
        return [
            (
                self.spec.root + s.path,
                self._page(
                    f"{esc(s.name)} - {esc(self.spec.paper)}",
                    f'<link rel="canonical" href="{self.spec.root}{s.path}">',
                    shell.format(slug=section_slug(s.path), root=self.spec.root),
                    body_class="category",
                ),
            )
            for s in self.spec.sections
        ]


class HauGiangPages(BasicPages):
    article_template = "haugiang_article.html"
    item_markup = '<div class="news-item"><h3><a href="{href}">{title}</a></h3></div>'
    pagination_markup = _NEXT

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.category_slug(story)}/{self.slug(story)}-{story.number}.html"

    def date_text(self, story: Story) -> str:
        when = moment(story.published)
        return f"{weekday_vi(story.published)}, ngày {when:%d/%m/%Y} lúc {when:%H:%M}"

    def body(self, story: Story) -> str:
        # The byline closes the body right-aligned but not bold.
        text = super().body(story)
        return text.replace(
            '<p style="text-align: right;"><strong>', '<p style="text-align: right;">'
        ).replace("</strong></p>\n", "</p>\n")


class SonLaPages(BasicPages):
    article_template = "sonla_article.html"
    item_markup = (
        '<article class="story"><h2 class="story__heading"><a class="cms-link" href="{href}">{title}</a></h2>'
        "</article>"
    )
    ads = (
        '<div class="sda_middle"><div id="sdaWeb_SdaArticleMiddle" class="rennab" data-platform="1">'
        "</div></div>\n"
    )

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.category_slug(story)}/{self.slug(story)}-{story.number}.html"

    def article_fields(self, story: Story, stories: Sequence[Story]) -> dict[str, str]:
        fields = super().article_fields(story, stories)
        shown = dmy_hm(story.published)
        if story.index == VISIBLE_DATE_ONLY:
            fields["time_html"] = f'<time class="time">{shown}</time>'
        else:
            fields["time_html"] = (
                f'<time class="time" datetime="{iso_compact(story.published)}">{shown}</time>'
            )
        return fields
