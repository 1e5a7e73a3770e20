"""Pages of the papers derived from the spiders: one page skeleton, each family's own article part.

The F1, F2 and F4 pages copy a real (or closely described) page line by line; the other families
are known only from public crawler configurations (SITES.md), so their pages are drawn from one
plain skeleton (head with OpenGraph and ``article:published_time``, menu, footer) around the part
the configurations describe: the article template ``templates/<family>_article.html`` and the
listing items and pagination each subclass writes. What a configuration did not say (date line,
byline place, pagination) follows the choices the spiders document as [inferred].
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from aggregator.demo import changes
from aggregator.demo.markup import esc, iso, moment, paragraph_text, template, text_of, weekday_vi
from aggregator.demo.platform import Listing, Platform
from aggregator.demo.sites import section_slug
from aggregator.demo.stories import VISIBLE_DATE_ONLY, Story, fold
from aggregator.demo.texts import province_names

_BYLINE = '<p style="text-align: right;"><strong>{}</strong></p>\n'


class BasicPages(Platform):
    """A family's pages; subclasses set the class attributes and the URL shapes."""

    article_template = ""  # "f3_article.html"
    body_class = "detail"
    sapo_in_body = ""  # "plain": the sapo is the body's first <p>; "bold": a <p><strong>
    byline = "body"  # "body": a closing bold right-aligned paragraph; "block": author_block
    author_block = ""  # markup around the author, with {} for the name (byline == "block")
    tags_class = "tags"
    item_markup = '<div class="item"><a href="{href}">{title}</a></div>'
    pagination_markup = '<div class="pagination"><a class="next" rel="next" href="{href}">Trang sau</a></div>'
    ads = ""  # an ad slot put after the third paragraph

    # --- URLs --------------------------------------------------------------------------------

    def page_url(self, listing: Listing, page: int) -> str:
        first = self.spec.root + listing.path
        return first if page == 1 else f"{first}?page={page}"

    def category_slug(self, story: Story) -> str:
        """The section's slug as article URLs carry it: ``thoi-su`` of ``thoi-su-215.html``."""
        return section_slug(self.section(story).path)

    def _day(self, story: Story) -> datetime:
        return moment(story.published)

    def image_url(self, story: Story) -> str:
        stem = "-".join(self.slug(story).split("-")[:4])
        return f"{self.spec.root}uploads/{self._day(story):%Y/%m/%d}/{stem}-{story.number}.jpg"

    def body_image(self, story: Story) -> tuple[str, str]:
        assert story.photo
        url = f"{self.spec.root}uploads/{self._day(story):%Y/%m/%d}/{story.photo.name}.jpg"
        return url, url

    # --- article -----------------------------------------------------------------------------

    def date_text(self, story: Story) -> str:
        """The visible date line; every family shows the time of day."""
        return f"{weekday_vi(story.published)}, {moment(story.published):%d/%m/%Y %H:%M}"

    def render_article(self, story: Story, stories: Sequence[Story]) -> str:
        main = template(self.article_template).substitute(self.article_fields(story, stories))
        page = self._page(f"{text_of(story, story.title)} - {esc(self.spec.paper)}", self._head(story), main)
        return changes.redesigned(page) if self.redesigned else page

    def article_fields(self, story: Story, stories: Sequence[Story]) -> dict[str, str]:
        section = self.section(story)
        author = ""
        if story.author and self.byline == "block":
            author = self.author_block.format(esc(story.author))
        return {
            "root": self.spec.root,
            "title": text_of(story, story.title),
            "sapo": text_of(story, story.sapo),
            "date": self.date_text(story),
            "author_block": author,
            "section_url": self.spec.root + section.path,
            "section_name": esc(section.name),
            "body": self.body(story),
            "tags": self._tags(story),
            "related": self._related(story, stories),
        }

    def body(self, story: Story) -> str:
        out: list[str] = []
        if self.sapo_in_body == "plain":
            out.append(f"<p>{text_of(story, story.sapo)}</p>\n")
        elif self.sapo_in_body == "bold":
            out.append(f"<p><strong>{text_of(story, story.sapo)}</strong></p>\n")
        last = len(story.paragraphs) - 1
        for at in range(len(story.paragraphs)):
            text = paragraph_text(story, at)
            if at == 0 and story.dateline:
                text = f"{esc(story.dateline)} - {text}"
            out.append(f"<p>{text}</p>\n")
            if story.photo and at == story.photo.after:
                src, _ = self.body_image(story)
                caption = esc(story.photo.caption)
                out.append(
                    f'<figure class="image"><img src="{src}" alt="{caption}">'
                    f"<figcaption>{caption}</figcaption></figure>\n"
                )
            if self.ads and at == 2 and at < last:
                out.append(self.ads)
        if story.author and self.byline == "body":
            out.append(_BYLINE.format(esc(story.author)))
        return "".join(out)

    def _head(self, story: Story) -> str:
        url, title, sapo = self.url(story), text_of(story, story.title), text_of(story, story.sapo)
        lines = [
            f'<meta name="description" content="{sapo}">',
            f'<meta name="keywords" content="{esc(", ".join(story.tags))}">',
            f'<link rel="canonical" href="{url}">',
            f'<meta property="og:site_name" content="{esc(self.spec.paper)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="og:title" content="{title}">',
            f'<meta property="og:description" content="{sapo}">',
            f'<meta property="og:image" content="{self.image_url(story)}">',
            f'<meta property="article:section" content="{esc(self.section(story).name)}">',
        ]
        if story.index != VISIBLE_DATE_ONLY:
            lines.append(f'<meta property="article:published_time" content="{iso(story.published)}">')
            data = {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "datePublished": iso(story.published + changes.shift(self.spec.key, story.index)),
            }
            lines.append(f'<script type="application/ld+json">{json.dumps(data)}</script>')
        return "\n".join(lines)

    def _tags(self, story: Story) -> str:
        if not story.tags:
            return ""
        links = " ".join(
            f'<a href="{self.spec.root}tags/{fold(t).strip("-")}/">{esc(t)}</a>' for t in story.tags
        )
        return f'<div class="{self.tags_class}"><span>Từ khóa:</span> {links}</div>'

    def _related(self, story: Story, stories: Sequence[Story]) -> str:
        items = self.related(story, stories, 3, True)
        if not items:
            return ""
        return (
            '<aside class="box-related-news"><div class="box-title">Tin cùng chuyên mục</div><ul>'
            + "".join(self.snippet("related", s, self._related_item) for s in items)
            + "</ul></aside>"
        )

    def _related_item(self, other: Story) -> str:
        when = moment(other.published)
        return (
            f'<li><a href="{self.url(other)}">{esc(other.title)}</a> '
            f'<span class="related-time">{when:%d/%m/%Y %H:%M}</span></li>'
        )

    # --- listings ----------------------------------------------------------------------------

    def item(self, story: Story, href: str) -> str:
        return "    " + self.item_markup.format(
            href=esc(href), title=esc(story.title), sapo=esc(story.sapo), image=self.image_url(story)
        )

    def render_listing(self, listing: Listing, page: int, pages: int, items: Sequence[Story]) -> str:
        following = self.page_url(listing, page + 1) if page < pages else ""
        return self._listing(listing.name, self.page_url(listing, page), items, following, listed=True)

    def render_home(self, items: Sequence[Story]) -> str:
        return self._listing("Tin mới nhất", self.spec.root, items, "", listed=False)

    def _listing(
        self, heading: str, canonical: str, items: Sequence[Story], following: str, *, listed: bool
    ) -> str:
        pagination = self.pagination_markup.format(href=esc(following)) if following else ""
        main = template("basic_listing.html").substitute(
            heading=esc(heading),
            canonical=esc(canonical),
            items="\n".join(self.item(s, self.listed_url(s) if listed else self.url(s)) for s in items),
            pagination=pagination,
        )
        feeds = "".join(
            f'\n<link rel="alternate" type="application/rss+xml" title="{esc(f.title)}" href="{f.url}">'
            for f in self.feeds()
        )
        head = f'<link rel="canonical" href="{esc(canonical)}">\n<meta property="og:type" content="website">{feeds}'
        return self._page(f"{esc(heading)} - {esc(self.spec.paper)}", head, main, body_class="category")

    def render_malformed(self, story: Story) -> str:
        # Cut off mid-head, as a page whose download broke: no title, no body.
        return (
            '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<link rel="stylesheet" href="{self.spec.root}static/css/main.css">\n'
            f"<script>var articleId = {story.number}; var zone = '"
        )

    # --- the skeleton ------------------------------------------------------------------------

    def _nav(self) -> str:
        return "".join(
            f'<li><a href="{self.spec.root}{s.path}">{esc(s.name)}</a></li>' for s in self.spec.sections
        )

    def _page(self, title: str, head: str, main: str, *, body_class: str = "") -> str:
        return template("basic_page.html").substitute(
            page_title=title,
            head=head,
            root=self.spec.root,
            paper=esc(self.spec.paper),
            province=esc(province_names(self.spec.key, self.spec.province)[1]),
            body_class=body_class or self.body_class,
            nav=self._nav(),
            main=main,
        )
