"""F4 pages (baocantho.com.vn): the "-a<digits>.html / span.pubdate" platform.

Modelled on corpus/baocantho.com.vn/article_sample.html and listing_category.html: a ``<base
href>`` pointing into /static/templates/…, the title only in ``<title>``, og:title and an ``h1``
that comes after the breadcrumb ``h1``, the date only as ``span.pubdate`` text (JSON-LD gives the
day), the body opening with "(CTO) -", captions as centred italic paragraphs and the credit line
right-aligned at the end. The dated "Đọc thêm" items are a trap added here (the real ones carry no
date); the sub-section listings and their ``?p=N`` pages are [inferred] from the section's.
"""

from __future__ import annotations

from collections.abc import Sequence

from aggregator.demo.markup import esc, iso, jsonld, moment, paragraph_text, text_of
from aggregator.demo.platform import Feed, Listing, Platform
from aggregator.demo.stories import VISIBLE_DATE_ONLY, Story, fold

_ERROR_IMG = "this.src='https://{host}/image/error/300x220.jpg'"


class F4Pages(Platform):
    def slug(self, story: Story) -> str:
        # The CMS cuts slugs at 98 characters and keeps a trailing hyphen ("…doanh-nghiep--a1").
        return fold(story.title).lstrip("-")[:98]

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.slug(story)}-a{story.number}.html"

    def page_url(self, listing: Listing, page: int) -> str:
        first = self.spec.root + listing.path
        return first if page == 1 else f"{first.rstrip('/')}?p={page}"

    def feeds(self) -> list[Feed]:
        """Báo Cần Thơ's per-sub-section feeds; other papers the feeds their spiders name."""
        if self.spec.feed_urls is not None:
            return super().feeds()
        return [
            Feed(
                f"{self.spec.root}rss/subcate/{s.path.split('/')[1]}/",
                f"{s.name} - Báo Cần Thơ",
                frozenset({at}),
            )
            for at, s in enumerate(self.spec.sections)
        ]

    def breadcrumb(self, story: Story) -> list[str]:
        parent = self.spec.parent
        return [parent.name, self.section(story).name] if parent else [self.section(story).name]

    def crumbs(self, story: Story) -> str:
        """The article's ``div.titlecate h1``: "THỜI SỰ > Cần Thơ", or the section alone."""
        section = self.section(story)
        if self.spec.parent is None:
            return f'<a href="{self.spec.root}{section.path}">{esc(section.name.upper())}</a>'
        return (
            f'<a href="{self.spec.root}{self.spec.parent.path}">{esc(self.spec.parent.name)}</a>\n'
            f'\t\t\t\t<span class="fw400"> > <a style="color:#b0b0b0;" href="{self.spec.root}{section.path}">'
            f"{esc(section.name)}</a></span>"
        )

    def _day(self, story: Story) -> str:
        return moment(story.published).strftime("%Y%m%d")

    def image_url(self, story: Story) -> str:
        day = self._day(story)
        return f"{self.spec.root}image/news/{day[:4]}/{day}/thumbnail/810x478/{story.published}.webp"

    def body_image(self, story: Story) -> tuple[str, str]:
        assert story.photo
        day = self._day(story)
        path = f"image/fckeditor/upload/{day[:4]}/{day}/images/{story.photo.name}.webp"
        absolute = self.spec.root + path
        # Relative to <base href>: four levels up from /static/templates/version1/homepage/.
        return (f"../../../../{path}" if "relative_image" in story.cases else absolute), absolute

    def description(self, story: Story) -> str:
        """The meta description: the first paragraph, dateline included, as the CMS copies it."""
        lead = story.text(0)
        return f"{story.dateline} - {lead}" if story.dateline else lead

    def manifest_row(self, story: Story) -> dict[str, object]:
        row = super().manifest_row(story)
        row["summary"] = story.text(0)  # the description minus its dateline
        return row

    # --- article -----------------------------------------------------------------------------

    def render_article(self, story: Story, stories: Sequence[Story]) -> str:
        url = self.url(story)
        ld: dict[str, object] = {
            "@context": "https://schema.org/",
            "@type": "NewsArticle",
            "name": story.title,
            "datePublished": moment(story.published).date().isoformat(),
            "description": self.description(story),
        }
        if story.index == VISIBLE_DATE_ONLY:
            del ld["datePublished"]
        return self.template("f4_article.html").substitute(
            title=text_of(story, story.title),
            keywords=esc(", ".join(story.tags)),
            description=text_of(story, self.description(story)),
            url=url,
            image=self.image_url(story),
            ld=jsonld(ld),
            nav=self._nav(),
            crumbs=self.crumbs(story),
            pubclass=story.number % 300,
            pubdate=moment(story.published).strftime("%d/%m/%Y - %H:%M"),
            slug_id=url.rsplit("/", 1)[1],
            body=self._body(story),
            tags=self._tags(story),
            related=self._related(story, stories),
            focus=self._focus(story, stories),
        )

    def _nav(self) -> str:
        return "\n\t\t\t".join(
            f'<li><a href="{self.spec.root}{s.path}" title="{esc(s.name)}">{esc(s.name)}</a></li>'
            for s in self.spec.sections
        )

    def _body(self, story: Story) -> str:
        out: list[str] = []
        for at in range(len(story.paragraphs)):
            text = paragraph_text(story, at)
            if at == 0 and story.dateline:
                text = f"<strong>{esc(story.dateline)}</strong> - {text}"
            out.append(f'<p style="text-align: justify;">{text}</p>\n')
            if story.photo and at == story.photo.after:
                src, _ = self.body_image(story)
                out.append(
                    f'<div class="AMN_res_{self.spec.host}_mid"></div><p style="text-align: justify;">'
                    f'<img title="{esc(story.title)}" data-socail-link="{self.url(story)}" '
                    f'class="zoomimg" alt="" src="{src}" style="width: 700px; height: 436px;" /></p>\n'
                    f'<p style="text-align: center;"><em><span style="text-align: justify;">'
                    f"{esc(story.photo.caption)}</span></em></p>\n"
                )
        if story.author:
            out.append(f'<p style="text-align: right;"><strong>{esc(story.author)}</strong></p>')
        return "\n".join(out)

    def _tags(self, story: Story) -> str:
        if not story.tags:
            return ""
        links = "".join(
            f'<a class="tag_item" title="{esc(t)}" href="{self.spec.root}tim-kiem/{esc(t)}.html">{esc(t)}</a>'
            for t in story.tags
        )
        return (
            '\t\t<div class="block_tag marginbottom10">\n\t\t\t<div class="txt_tag">Từ khóa</div>\n'
            f"\t\t\t{links}\t\t</div>"
        )

    def _related(self, story: Story, stories: Sequence[Story]) -> str:
        items = self.related(story, stories, 3, True)
        return "\n".join(self.snippet("related", other, self._related_item) for other in items)

    def _related_item(self, other: Story) -> str:
        url, title = self.url(other), esc(other.title)
        when = moment(other.published)
        return (
            f'\t\t\t\t\t<li data="vi/vi" class="related-item col-xs-12 col-sm-4 "> <div '
            f'class="news-img-top"> <a class="b-img" title="{title}" href="{url}"> <div '
            f'class="overflow-5x3"> <img class="i-img" src="{self._thumb(other, "470x300")}" '
            f'alt="{title}" title="{title}" /> </div> </a> <div class="b-content"> <a '
            f'title="{title}" href="{url}"> <h3 class="b-title"> {title}&nbsp;<span class="sprite '
            f'icophoto"></span> </h3> </a> <time class="time" datetime="{iso(other.published)}">'
            f"{when:%d/%m/%Y - %H:%M}</time> </div> </div> </li>"
        )

    def _focus(self, story: Story, stories: Sequence[Story]) -> str:
        items = self.related(story, stories, 4, False)
        return "\n".join(self.snippet("focus", other, self._focus_item) for other in items)

    def _focus_item(self, other: Story) -> str:
        url, title = self.url(other), esc(other.title)
        return (
            f'\t\t\t\t<li> <a href="{url}"> <div class="overflow-4x3"><img '
            f'src="{self._thumb(other, "336x224")}" width="160px" height="90px" alt="{title}" '
            f'title="{title}" /></div> </a> <a class="fleft" title="{title}" href="{url}">{title}</a> </li>'
        )

    def _thumb(self, story: Story, size: str) -> str:
        day = self._day(story)
        return f"{self.spec.root}image/news/{day[:4]}/{day}/thumbnail/{size}/{story.published}.webp"

    # --- listings ----------------------------------------------------------------------------

    def _item(self, story: Story, href: str) -> str:
        title, href = esc(story.title), esc(href)
        return (
            '\t\t\t\t<li class="news-img-left news-img">\n'
            f'\t\t\t<a class="b-title" href="{href}">\n'
            f'\t\t\t\t<h3 class="marginbottom5 fs18">{title}&nbsp;<span class="sprite icophoto"></span></h3>\n'
            "\t\t\t</a>\n"
            f'\t\t\t\t\t\t<a class="b-img" href="{href}">\n\t\t\t\t<div class="ovf120">\n'
            f'\t\t\t\t\t<img onerror="{_ERROR_IMG.format(host=self.spec.host)}" class="fleft marginright10" width="160px" '
            f'src="{self._thumb(story, "510x286")}" alt="{title}" title="{title}" />\n'
            "\t\t\t\t</div>\n\t\t\t</a>\n"
            '\t\t\t\t\t\t<p class="b-content  txt fleft desc marginbottom5">\n'
            f"\t\t\t\t{esc(self.description(story))}\t\t\t</p>\n\t\t</li>"
        )

    def _pagination(self, listing: Listing, page: int, pages: int) -> str:
        void = 'href="javascript:void(0)"'

        def link(target: int) -> str:
            return f'href="{self.page_url(listing, target)}"'

        first = void if page == 1 else link(1)
        prev = void if page == 1 else link(page - 1)
        nxt = void if page == pages else link(page + 1)
        last = void if page == pages else link(pages)
        low = max(1, min(page - 2, pages - 4))
        numbers = "".join(
            f"<li><b>{n}</b></li>" if n == page else f"<li><a {link(n)}>{n}</a></li>"
            for n in range(low, min(pages, low + 4) + 1)
        )
        return (
            f"\t\t\t<li><a {first}>&laquo;</a></li>\n\t\t\t<li><a {prev}>&lt;</a></li>\n"
            f"\t\t{numbers}\t\t\t<li><a {nxt}>&gt;</a></li>\n\t\t\t<li><a {last}>&raquo;</a></li>"
        )

    def render_listing(self, listing: Listing, page: int, pages: int, items: Sequence[Story]) -> str:
        parent = self.spec.parent
        if parent is None:
            heading = f'<a href="{self.spec.root}{listing.path}">{esc(listing.name.upper())}</a>'
        elif listing.path == parent.path:
            heading = f'<a href="{self.spec.root}{parent.path}">{esc(parent.name)}</a>'
        else:
            heading = (
                f'<a href="{self.spec.root}{parent.path}">{esc(parent.name)}</a> <span class="fw400"> > '
                f'<a href="{self.spec.root}{listing.path}">{esc(listing.name)}</a></span>'
            )
        return self.template("f4_listing.html").substitute(
            page_title=f"Tin tức {esc(listing.name)}",
            canonical=self.page_url(listing, page),
            nav=self._nav(),
            heading=heading,
            items="\n".join(self._item(s, self.listed_url(s)) for s in items),
            pagination=self._pagination(listing, page, pages),
        )

    def render_home(self, items: Sequence[Story]) -> str:
        return self.template("f4_listing.html").substitute(
            page_title="Tin tức mới nhất",
            canonical=self.spec.root,
            nav=self._nav(),
            heading=f'<a href="{self.spec.root}">{esc(self.spec.paper.upper())}</a>',
            items="\n".join(self._item(s, self.url(s)) for s in items),
            pagination="",
        )

    def render_malformed(self, story: Story) -> str:
        return self.template("f4_malformed.html").substitute(
            number=story.number, slug_i=self.url(story).rsplit("/", 1)[1][:40]
        )
