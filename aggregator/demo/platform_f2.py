"""F2 pages (baolangson.vn): the "#content-detail / h1.name" platform.

No real HTML of this platform exists in the corpus, so this markup is built from the facts in
SITES.md (F2) and the text of corpus/baolangson.vn/article_text.txt:
- seen in public crawler configs: body ``#content-detail`` whose ``h2`` is the sapo, template text
  ``{{ … }}`` left in the body, category from the breadcrumb, listing links in ``.card-title a``,
  ``div.pseudonym`` as a byline box (baohungyen, same platform), ``div.block-news-list`` with a
  ``.main-title`` "Cùng chuyên mục" (baocaobang, same platform), ``/rss/home.rss``;
- seen in the text sample: the "Thứ tư,  19/02/2020" date line (two spaces), "LSO" glued to the
  first word, captions between paragraphs, the byline in capitals at the end;
- [inferred]: ``h1.name`` (from baoquangninh), ``div.date-time``, ``ol.breadcrumb``, the caption
  table ``table.image td.image_desc``, ``article.card`` listing items, ``?page=N`` pagination,
  ``article:published_time`` with a ``+07:00`` offset, media.baolangson.vn image paths.
"""

from __future__ import annotations

from collections.abc import Sequence

from aggregator.demo.markup import esc, iso, moment, paragraph_text, text_of, weekday_vi
from aggregator.demo.platform import Listing, Platform
from aggregator.demo.stories import PSEUDONYM_BOX, PSEUDONYM_SITES, VISIBLE_DATE_ONLY, Story, fold

_TEMPLATE_LEFTOVER = '<div class="tpl">{{ article.related }}</div>\n'


# F2 papers that print the sapo as the body's bold first paragraph instead of an ``h2``.
_SAPO_IN_BODY = frozenset({"baocaobang"})


class F2Pages(Platform):
    @property
    def sapo_in_body(self) -> bool:
        return self.spec.key in _SAPO_IN_BODY

    def article_url(self, story: Story) -> str:
        return f"{self.spec.root}{self.slug(story)}-{story.number}.html"

    def page_url(self, listing: Listing, page: int) -> str:
        first = self.spec.root + listing.path
        return first if page == 1 else f"{first}?page={page}"

    def _month(self, story: Story) -> str:
        return moment(story.published).strftime("%Y%m")

    def image_url(self, story: Story) -> str:
        stem = "-".join(self.slug(story).split("-")[:4])
        return f"https://media.{self.spec.host}/upload/image/{self._month(story)}/medium/{story.number}_{stem}.jpg"

    def body_image(self, story: Story) -> tuple[str, str]:
        assert story.photo
        name = f"{story.number}_{story.photo.name}"
        url = f"https://media.{self.spec.host}/upload/image/{self._month(story)}/original/{name}.jpg"
        return url, url

    def date_line(self, story: Story) -> str:
        """``Thứ tư,  19/02/2020`` (two spaces), some with `` | 08:15``."""
        when = moment(story.published)
        line = f"{weekday_vi(story.published)},  {when:%d/%m/%Y}"
        if story.precision != "day" and story.index % 2 == 0:
            line += f" | {when:%H:%M}"
        return line

    # --- article -----------------------------------------------------------------------------

    def render_article(self, story: Story, stories: Sequence[Story]) -> str:
        section = self.section(story)
        date_meta = ""
        if story.index != VISIBLE_DATE_ONLY:
            date_meta = f'<meta property="article:published_time" content="{iso(story.published)}">\n'
        return self.template("f2_article.html").substitute(
            title=text_of(story, story.title),
            sapo=text_of(story, story.sapo),
            sapo_block="" if self.sapo_in_body else f"<h2>{text_of(story, story.sapo)}</h2>",
            keywords=esc(", ".join(story.tags)),
            url=self.url(story),
            image=self.image_url(story),
            date_meta=date_meta,
            section_name=esc(section.name),
            section_url=self.spec.root + section.path,
            nav=self._nav(),
            date_line=self.date_line(story),
            body=self._body(story),
            tags=self._tags(story),
            same_section=self._cards(self.related(story, stories, 4, True)),
            latest=self._cards(self.related(story, stories, 5, False)),
        )

    def _nav(self) -> str:
        return "".join(
            f'<li><a href="{self.spec.root}{s.path}">{esc(s.name)}</a></li>' for s in self.spec.sections
        )

    def _body(self, story: Story) -> str:
        out: list[str] = []
        last = len(story.paragraphs) - 1
        if self.sapo_in_body:  # the sapo as the first paragraph, bold all through
            out.append(f"<p><strong>{text_of(story, story.sapo)}</strong></p>\n")
        for at in range(len(story.paragraphs)):
            text = paragraph_text(story, at)
            if at == 0 and story.dateline:
                text = f"<strong>{esc(story.dateline)}</strong>{text}"  # glued, as on the site
            out.append(f"<p>{text}</p>\n")
            if story.photo and at == story.photo.after:
                src, _ = self.body_image(story)
                out.append(
                    '<table class="image" align="center"><tr><td><img src="'
                    f'{src}" alt=""></td></tr><tr><td class="image_desc">'
                    f"{esc(story.photo.caption)}</td></tr></table>\n"
                )
            if at == 2 and at < last:
                out.append(_TEMPLATE_LEFTOVER)
        if story.author and (story.index == PSEUDONYM_BOX or self.spec.key in PSEUDONYM_SITES):
            out.append(f'<div class="pseudonym">{esc(story.author)}</div>\n')
        elif story.author:
            out.append(f'<p style="text-align:right"><strong>{esc(story.author)}</strong></p>\n')
        return "".join(out)

    def _tags(self, story: Story) -> str:
        if not story.tags:
            return ""
        links = " ".join(
            f'<a href="{self.spec.root}tags/{fold(t).strip("-")}.html">{esc(t)}</a>' for t in story.tags
        )
        return f'        <div class="tags"><span class="tags-title">Từ khóa:</span> {links}</div>'

    def _cards(self, stories: Sequence[Story]) -> str:
        return "\n".join(self.snippet("card", s, self._card) for s in stories)

    def _card(self, story: Story) -> str:
        return (
            f'        <article class="card card-sm"><h3 class="card-title"><a href="{self.url(story)}">'
            f'{esc(story.title)}</a></h3><time class="time" datetime="{iso(story.published)}">'
            f"{moment(story.published):%d/%m/%Y %H:%M}</time></article>"
        )

    # --- listings ----------------------------------------------------------------------------

    def _item(self, story: Story, href: str) -> str:
        href, title = esc(href), esc(story.title)
        return (
            f'    <article class="card"><a class="card-img" href="{href}"><img src="'
            f'{self.image_url(story)}" alt="{title}"></a><div class="card-body"><h3 class="card-title">'
            f'<a href="{href}">{title}</a></h3><p class="card-text">{esc(story.sapo)}</p></div></article>'
        )

    def render_listing(self, listing: Listing, page: int, pages: int, items: Sequence[Story]) -> str:
        parts = []
        if page > 1:
            parts.append(f'<li><a rel="prev" href="{self.page_url(listing, page - 1)}">‹</a></li>')
        parts.append(f'<li class="active"><span>{page}</span></li>')
        if page < pages:
            parts.append(f'<li><a rel="next" href="{self.page_url(listing, page + 1)}">›</a></li>')
        return self.template("f2_listing.html").substitute(
            heading=esc(listing.name),
            canonical=self.page_url(listing, page),
            nav=self._nav(),
            items="\n".join(self._item(s, self.listed_url(s)) for s in items),
            pagination=f'  <ul class="pagination">{"".join(parts)}</ul>' if pages > 1 else "",
        )

    def render_home(self, items: Sequence[Story]) -> str:
        return self.template("f2_listing.html").substitute(
            heading="Tin mới nhất",
            canonical=self.spec.root,
            nav=self._nav(),
            items="\n".join(self._item(s, self.url(s)) for s in items),
            pagination="",
        )

    def render_malformed(self, story: Story) -> str:
        return self.template("f2_malformed.html").substitute(number=story.number)
