"""What every platform's pages share: URLs of listings and feeds, related stories, manifest rows."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from string import Template
from typing import Any

from aggregator.demo.markup import iso_at, site_template
from aggregator.demo.sites import Section, SiteSpec
from aggregator.demo.stories import TWO_URLS, Story, fold

TRACKING = "utm_source=zalo&utm_medium=share"


@dataclass(frozen=True, slots=True)
class Listing:
    """A paginated list of stories: a section, or (F4) a parent section showing all of them."""

    name: str
    path: str  # the first page's path, e.g. "thoi-su/"
    sections: frozenset[int]  # which Story.section values it shows


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    title: str
    sections: frozenset[int]


class Platform:
    """Base of the three page families; subclasses render the markup."""

    feed_limit = 50  # newest items per RSS feed, as real feeds cut theirs
    redesigned = False  # article pages in the markup of the paper's redesign (demo.changes)

    def __init__(self, spec: SiteSpec) -> None:
        self.spec = spec
        self.urls: dict[int, str] = {}
        self._snippets: dict[tuple[str, int], str] = {}

    # --- URLs --------------------------------------------------------------------------------

    def slug(self, story: Story) -> str:
        return fold(story.title).strip("-")

    def article_url(self, story: Story) -> str:
        raise NotImplementedError

    def url(self, story: Story) -> str:
        """The canonical URL (cached: listings and related boxes ask for it often)."""
        found = self.urls.get(story.index)
        if found is None:
            found = self.urls[story.index] = self.article_url(story)
        return found

    def listed_url(self, story: Story) -> str:
        """The URL listing pages link: the two-URL article gets share-tracking parameters."""
        url = self.url(story)
        return f"{url}?{TRACKING}" if story.index == TWO_URLS else url

    def listings(self) -> list[Listing]:
        """One listing per section; first the parent listing that shows them all, if any."""
        every = frozenset(range(len(self.spec.sections)))
        if self.spec.home_listing:
            return [Listing("Tin mới", "", every)]
        parent = self.spec.parent
        return [
            *([Listing(parent.name, parent.path, every)] if parent else []),
            *(
                Listing(section.name, section.path, frozenset({at}))
                for at, section in enumerate(self.spec.sections)
            ),
        ]

    @property
    def paginated(self) -> bool:
        """A home page used as the only listing shows every item on one page."""
        return not self.spec.home_listing

    def page_url(self, listing: Listing, page: int) -> str:
        raise NotImplementedError

    def feeds(self) -> list[Feed]:
        """The spider's feeds, each with every section; without any given, ``/rss/home.rss``."""
        every = frozenset(range(len(self.spec.sections)))
        urls = self.spec.feed_urls
        if urls is None:
            urls = (f"{self.spec.root}rss/home.rss",)
        return [Feed(url, self.spec.paper, every) for url in urls]

    def description(self, story: Story) -> str:
        """The summary the page's meta description (and the RSS item) carries."""
        return story.sapo

    def section(self, story: Story) -> Section:
        return self.spec.sections[story.section]

    def section_url(self, story: Story) -> str:
        return self.spec.root + self.section(story).path

    # --- pages -------------------------------------------------------------------------------

    def render_article(self, story: Story, stories: Sequence[Story]) -> str:
        """The article page; *stories* are the site's stories by index (for related boxes)."""
        raise NotImplementedError

    def render_listing(self, listing: Listing, page: int, pages: int, items: Sequence[Story]) -> str:
        raise NotImplementedError

    def render_home(self, items: Sequence[Story]) -> str:
        raise NotImplementedError

    def render_malformed(self, story: Story) -> str:
        raise NotImplementedError

    def extra_pages(self) -> list[tuple[str, str]]:
        """(URL, page) of pages that are neither articles, listings nor feeds."""
        return []

    def image_url(self, story: Story) -> str:
        raise NotImplementedError

    def body_image(self, story: Story) -> tuple[str, str]:
        """(src as written in the page, absolute URL) of the story's in-body photo."""
        raise NotImplementedError

    # --- helpers -----------------------------------------------------------------------------

    def template(self, name: str) -> Template:
        """A page template, with this paper's name and host where it was written for another."""
        return site_template(name, self.spec)

    @staticmethod
    def related(story: Story, stories: Sequence[Story], count: int, same_section: bool) -> list[Story]:
        """The newest *count* stories older than *story* (same section if asked), none broken.

        Only older ones: a page must not change when newer articles are added.
        """
        found: list[Story] = []
        for at in range(story.index - 1, -1, -1):
            if len(found) == count:
                break
            other = stories[at]
            if other.special or (same_section and other.section != story.section):
                continue
            found.append(other)
        return found

    def snippet(self, kind: str, story: Story, make: Callable[[Story], str]) -> str:
        """*make(story)* once per (kind, story): sidebar items recur on many later pages."""
        key = (kind, story.index)
        found = self._snippets.get(key)
        if found is None:
            found = self._snippets[key] = make(story)
        return found

    @staticmethod
    def tag_id(tag: str) -> int:
        return 10000 + zlib.crc32(tag.encode()) % 90000

    def breadcrumb(self, story: Story) -> list[str]:
        return [self.section(story).name]

    def manifest_row(self, story: Story) -> dict[str, Any]:
        """What a correct extractor reports for *story*, after normalization."""
        body = [story.text(at) for at in range(len(story.paragraphs))]
        crumbs = self.breadcrumb(story)
        return {
            "url": self.url(story),
            "title": story.title,
            "summary": story.sapo,
            "author": story.person,
            "byline": story.author,  # as printed, role prefix and all
            "dateline": story.dateline,
            "published": iso_at(story.published, story.precision),
            "category": crumbs[-1],
            "breadcrumb": crumbs,
            "tags": list(story.tags),
            "image_url": self.image_url(story),
            "body_images": [self.body_image(story)[1]] if story.photo else [],
            "captions": [story.photo.caption] if story.photo else [],
            "body_first_sentence": story.paragraphs[0][0],
            "body_last_sentence": story.paragraphs[-1][-1],
            "paragraphs": len(body),
            "body_chars": sum(map(len, body)) + 2 * (len(body) - 1),
            "cases": list(story.cases),
        }
