"""A platform profile: where one CMS prints each field, as data the reader is given.

Spiders keep discovery (feeds, sitemaps, listings); what an article page of their platform looks
like is a :class:`Profile`. A site that differs from its platform in one place derives its own
with :meth:`Profile.but`, so the difference is one line and the reader stays the same for all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

# Bodies where most CMSs put them; platforms list their own container first.
DEFAULT_BODY = (
    "[itemprop=articleBody]",
    "div.article__body",
    "div.article-body",
    "div.the-article-body",
    "div.detail-content",
    "div.content-detail",
    "div.edittor-content",
    "div.entry-content",
    "article",
)
DEFAULT_BODY_DROP = "script, style, iframe, noscript, form"
# Ad slots and page furniture that sit inside article bodies on every platform seen: F1
# ``div.rennab``/``sdaWeb_…``, F4 ``AMN_res_…``, OneCMS ``div.oneads``, the former Long An CMS's
# ``ins.ads-zone-group``, AdSense, print/share bars and font-size widgets. Dropped whatever the
# platform's own list says.
ALWAYS_DROP = (
    "div.rennab, [id^='sdaWeb_'], [class^='AMN_res'], ins.adsbygoogle, ins.ads-zone-group, div.oneads,"
    " div.print_page, div.social-links, div.fontsize, div.font-size, div.sc-related, div.box-related"
)
TITLE_SUFFIX = r"\s+[|–-]\s+[^|–-]*(?:Báo|Online|điện tử)[^|–-]*$"


@dataclass(frozen=True, slots=True)
class Profile:
    """CSS selectors of one platform (first match wins within each tuple).

    ``header`` names the block that repeats title, byline, date and sapo above the text (OneCMS
    puts it inside the body container); ``body_summary_xpath`` the body's first paragraph when it
    is the sapo; ``sitewide_tags`` tags the site appends to every article's tag box.
    """

    name: str = "generic"
    title: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    body: tuple[str, ...] = DEFAULT_BODY
    body_drop: str = DEFAULT_BODY_DROP
    body_summary_xpath: str = ""
    header: str = ""
    author: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sitewide_tags: tuple[str, ...] = ()
    title_suffix: str = TITLE_SUFFIX
    dateline_markers: tuple[str, ...] = ()  # unbracketed markers such as "LSO"

    def but(self, **changes: Any) -> Profile:
        """This profile with some selectors replaced (a site that differs from its platform)."""
        return replace(self, **changes)

    def selectors(self) -> list[str]:
        """Every CSS selector of the profile (tests compile them all)."""
        found = [*self.title, *self.summary, *self.body, *self.author, *self.date, *self.modified]
        found += [*self.category, *self.tags]
        return found + [css for css in (self.body_drop, self.header) if css]


# A page no profile knows: structured data, the date nearest the title, the generic main text.
GENERIC = Profile(name="generic", body=())
