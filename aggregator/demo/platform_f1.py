"""F1 pages (baolaocai.vn, and the other F1 papers in its markup): the "cms-title" platform.

Modelled on corpus/baolaocai.vn/article_sample.html: the same head (meta, OpenGraph,
``article:*`` times with a ``+0700`` offset, three JSON-LD blocks with an EMPTY author name), the
same header time and sapo, the body opening with a ``<style>`` block, ad placeholders inside it,
and the byline only as ``div.t1 > span.t2`` at its end; then tags and dated sidebars. The listing
page was not in the corpus: its item markup follows the sidebar stories of the article page, and
the ``?page=N`` pagination is [inferred].
"""

from __future__ import annotations

from collections.abc import Sequence

from aggregator.demo.markup import (
    dmy_hm,
    esc,
    iso_compact,
    jsonld,
    moment,
    paragraph_text,
    text_of,
)
from aggregator.demo.platform import Listing, Platform
from aggregator.demo.stories import VISIBLE_DATE_ONLY, Story, fold

_AD = (
    '<div class="sda_middle"> <div id="sdaWeb_SdaArticleMiddle{n}" class="rennab fyi" '
    'data-platform="1" data-position="Web_SdaArticleMiddle{n}"> </div>\n</div>\n'
)
_PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


class F1Pages(Platform):
    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.slug(story)}-post{story.number}.html"

    def page_url(self, listing: Listing, page: int) -> str:
        first = self.spec.root + listing.path
        return first if page == 1 else f"{first}?page={page}"

    def image_url(self, story: Story) -> str:
        stem = "-".join(self.slug(story).split("-")[:3])
        return f"https://cdn.{self.spec.host}/images/{story.hexseed}/{stem}.jpg.webp"

    def body_image(self, story: Story) -> tuple[str, str]:
        assert story.photo
        url = f"https://cdn.{self.spec.host}/images/{story.hexseed[::-1]}/{story.photo.name}.jpg.webp"
        return url, url

    # --- article -----------------------------------------------------------------------------

    def render_article(self, story: Story, stories: Sequence[Story]) -> str:
        url = self.url(story)
        section = self.section(story)
        title = text_of(story, story.title)
        visible_only = story.index == VISIBLE_DATE_ONLY
        published, modified = iso_compact(story.published), iso_compact(story.modified)
        article_ld = {
            "@context": "http://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": story.title,
            "description": story.sapo,
            "image": {"@type": "ImageObject", "url": self.image_url(story), "width": 1200, "height": 675},
            "datePublished": published,
            "dateModified": modified,
            "author": {"@type": "Person", "name": ""},
            "publisher": {"@type": "Organization", "name": self.spec.paper},
        }
        date_meta = (
            f'<meta property="article:published_time" content="{published}"/> '
            f'<meta property="article:modified_time" content="{modified}"/>'
        )
        shown = dmy_hm(story.published)
        time_html = (
            f'<time class="time" datetime="{published}"><i class="ic-calendar"></i><span '
            f'data-time="{story.published}" data-format="long" data-friendly="true">{shown}</span>'
            f'</time> <meta class="cms-date" itemprop="datePublished" content="{published}">'
        )
        if visible_only:  # the date is only in the visible text: no meta, no JSON-LD, no attribute
            del article_ld["datePublished"], article_ld["dateModified"]
            date_meta = ""
            time_html = f'<time class="time"><i class="ic-calendar"></i><span>{shown}</span></time>'
        edition_day = moment(story.published + 2 * 86400)
        return self.template("f1_article.html").substitute(
            title=title,
            sapo=text_of(story, story.sapo),
            keywords=esc("".join(f"{tag}," for tag in story.tags)),
            number=story.number,
            url=url,
            image=self.image_url(story),
            section_name=esc(section.name),
            section_url=self.section_url(story),
            date_meta=date_meta,
            ld_organization=jsonld(self._organization()),
            ld_breadcrumb=jsonld(self._breadcrumb_ld(story)),
            ld_article=jsonld(article_ld),
            nav=self._nav(),
            time_html=time_html,
            body=self._body(story),
            tags=self._tags(story),
            timeline=self._timeline(story, stories),
            hot_news=self._hot_news(story, stories),
            # A print-edition date in the sidebar: noise a date parser must not take.
            edition=f"Báo in số {100 + story.index % 50}, ra ngày "
            f"{edition_day.day}/{edition_day.month}/{edition_day.year}",
        )

    def _organization(self) -> dict[str, object]:
        return {
            "@context": "http://schema.org",
            "@type": "Organization",
            "name": self.spec.paper,
            "url": f"https://{self.spec.host}",
            "logo": f"https://cdn.{self.spec.host}/assets/web/styles/img/logo.png",
        }

    def _breadcrumb_ld(self, story: Story) -> dict[str, object]:
        item = {"@id": self.section_url(story), "name": self.section(story).name}
        return {
            "@context": "http://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": 1, "item": item}],
        }

    def _nav(self) -> str:
        return " ".join(
            f'<li><a href="{self.spec.root}{s.path}" title="{esc(s.name)}">{esc(s.name)}</a></li>'
            for s in self.spec.sections
        )

    def _body(self, story: Story) -> str:
        tag = "p" if story.index % 4 == 2 else "div"
        out: list[str] = []
        for at in range(len(story.paragraphs)):
            text = paragraph_text(story, at)
            if at == 0 and story.dateline:
                text = f"<strong>{esc(story.dateline)}</strong> - {text}"
            nbsp = "&nbsp;" if (story.index + at) % 3 == 0 else ""
            out.append(f"<{tag}> {text}{nbsp}\n</{tag}>\n")
            if story.photo and at == story.photo.after:
                src, _ = self.body_image(story)
                caption = esc(story.photo.caption)
                out.append(
                    f'<figure class="image"><img src="{src}" alt="{caption}">'
                    f"<figcaption>{caption}</figcaption></figure>\n"
                )
            if at in (2, 5) and at < len(story.paragraphs) - 1:
                out.append(_AD.format(n="" if at == 2 else "1"))
        if story.author:
            out.append(f'<div class="t1"> <span class="t2">{esc(story.author)}</span>\n</div>')
        return "".join(out)

    def _tags(self, story: Story) -> str:
        if not story.tags:
            return ""
        links = " ".join(
            f'<a href="{self.spec.root}tu-khoa/{fold(tag).strip("-")}-tag{self.tag_id(tag)}.html" '
            f'title="{esc(tag)}">#{esc(tag)}</a>'
            for tag in story.tags
        )
        return (
            '<div class="article__tags"> <h3 class="box-heading"> <span class="title">Từ khóa:</span>'
            f' </h3> <div class="box-content"> {links} </div> </div>'
        )

    def story_item(self, story: Story, *, href: str | None = None, thumb: bool = True) -> str:
        """A ``article.story`` block as listings and sidebars print it."""
        url = href or self.url(story)
        title = esc(story.title)
        figure = ""
        if thumb:
            figure = (
                f'<figure class="story__thumb"> <a class="cms-link" href="{esc(url)}" title="{title}"> '
                f'<img class="lazyload" src="{_PIXEL}" data-src="{self.image_url(story)}" '
                f'alt="{title}"> </a> </figure> '
            )
        if story.index == VISIBLE_DATE_ONLY:
            time = f'<time class="time">{dmy_hm(story.published)}</time>'
        else:
            time = (
                f'<time class="time" datetime="{iso_compact(story.published)}">'
                f"{dmy_hm(story.published)}</time>"
            )
        return (
            f'<article class="story" data-id="{story.number}"> {figure}<h2 class="story__heading" '
            f'data-tracking="{story.number}"> <a class="cms-link" href="{esc(url)}" title="{title}">'
            f" {title} </a> </h2> {time} </article>"
        )

    def _sidebar_item(self, story: Story, with_summary: bool) -> str:
        url, title = self.url(story), esc(story.title)
        summary = (
            f' <div class="story__summary story__shorten"> {esc(story.sapo)} </div>' if with_summary else ""
        )
        return (
            f'<article class="story" data-id="{story.number}"> <h2 class="story__heading" '
            f'data-tracking="{story.number}"> <a class="cms-link" href="{url}" title="{title}"> {title} '
            f'</a> </h2> <div class="story__meta"> <time class="time" datetime="{iso_compact(story.published)}" '
            f'data-time="{story.published}" data-friendly="true"> {dmy_hm(story.published)} </time> '
            f"</div>{summary} </article>"
        )

    def _hot_news(self, story: Story, stories: Sequence[Story]) -> str:
        items = self.related(story, stories, 5, False)
        return " ".join(self.snippet("hot", s, lambda s: self._sidebar_item(s, False)) for s in items)

    def _timeline(self, story: Story, stories: Sequence[Story]) -> str:
        items = self.related(story, stories, 4, True)
        if not items:
            return ""
        section = self.section(story)
        return (
            '<div class="timeline"> <h3 class="box-heading"> <a href="'
            f'{self.section_url(story)}" title="{esc(section.name)}" class="title"> Tin cùng chuyên mục '
            '</a> </h3> <div class="box-content content-list"> '
            + " ".join(self.snippet("timeline", s, lambda s: self._sidebar_item(s, True)) for s in items)
            + " </div> </div>"
        )

    # --- listings ----------------------------------------------------------------------------

    def render_listing(self, listing: Listing, page: int, pages: int, items: Sequence[Story]) -> str:
        links = []
        if page > 1:
            links.append(f'<a class="prev" href="{esc(self.page_url(listing, page - 1))}">Trang trước</a>')
        if page < pages:
            links.append(f'<a class="next" href="{esc(self.page_url(listing, page + 1))}">Trang sau</a>')
        pagination = f'<div class="pagination"> {" ".join(links)} </div>' if links else ""
        return self.template("f1_listing.html").substitute(
            heading=esc(listing.name),
            canonical=esc(self.page_url(listing, page)),
            nav=self._nav(),
            items=" ".join(self.story_item(s, href=self.listed_url(s)) for s in items),
            pagination=pagination,
        )

    def render_home(self, items: Sequence[Story]) -> str:
        return self.template("f1_listing.html").substitute(
            heading="Tin mới nhất",
            canonical=self.spec.root,
            nav=self._nav(),
            items=" ".join(self.story_item(s) for s in items),
            pagination="",
        )

    def render_malformed(self, story: Story) -> str:
        return self.template("f1_malformed.html").substitute(number=story.number)
