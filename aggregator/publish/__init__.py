"""Publishing: the stored articles as RSS 2.0 and Atom feeds, an OPML of them all and an index page.

``model`` holds what the others share (feed specs, entries, names, URLs); ``selection`` reads which
articles each feed shows; ``render`` writes one feed with feedgen; ``opml`` and ``site_index`` the
subscription list and the page; ``build`` runs them all and writes the files. Imports point one
way: build → render/selection/opml/site_index → model.
"""

from aggregator.publish.build import build_feeds, build_feeds_for, open_for_reading, write_if_changed
from aggregator.publish.model import (
    DEFAULT_SITE_URL,
    INDEX_ITEMS_PER_SOURCE,
    MAX_CONTENT_CHARS,
    BuildReport,
    Built,
    Entry,
    FeedSpec,
    display_name,
    entry_id,
    feed_url,
    page_url,
    slugify,
    web_url,
)

__all__ = [
    "DEFAULT_SITE_URL",
    "INDEX_ITEMS_PER_SOURCE",
    "MAX_CONTENT_CHARS",
    "BuildReport",
    "Built",
    "Entry",
    "FeedSpec",
    "build_feeds",
    "build_feeds_for",
    "display_name",
    "entry_id",
    "feed_url",
    "open_for_reading",
    "page_url",
    "slugify",
    "web_url",
    "write_if_changed",
]
