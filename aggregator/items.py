"""The Article item: the one record that flows from every spider through every pipeline.

Spiders fill the raw fields with strings exactly as found on the page; the Normalize pipeline
derives the clean fields. Keeping both lets a user see what the page said (``published_raw``)
next to what we understood (``published``).
"""

from __future__ import annotations

import scrapy

# The fields an article is nothing without: a source whose selectors miss these reads its site wrong.
CORE_FIELDS = ("title", "published", "body")


class Article(scrapy.Item):
    # Identity and provenance (set by the spider).
    url = scrapy.Field()  # the URL the page was fetched from (real URL, never the mirror's)
    canonical_url = scrapy.Field()  # <link rel=canonical> / og:url as found, may be None
    source = scrapy.Field()  # spider name
    source_name = scrapy.Field()  # "Báo Lạng Sơn"
    province = scrapy.Field()  # current (post-2025) province
    platform = scrapy.Field()  # CMS family, e.g. "F1"

    # Raw content as found on the page.
    title = scrapy.Field()
    summary = scrapy.Field()
    body_html = scrapy.Field()  # the article body container's HTML (junk elements removed)
    author = scrapy.Field()  # people only ("A, B"), role prefixes stripped
    credit = scrapy.Field()  # the source a story is credited to ("Vietnamnet" of "Theo Vietnamnet")
    dateline = scrapy.Field()
    category = scrapy.Field()
    tags = scrapy.Field()  # list[str]
    image_url = scrapy.Field()
    base_url = scrapy.Field()  # the page's <base href> (relative links in the body resolve to it)
    published_raw = scrapy.Field()
    modified_raw = scrapy.Field()
    date_conflict = scrapy.Field()  # list of {source, raw, value} that disagreed with the chosen date
    provenance = scrapy.Field()  # {field: source} (selector, jsonld, meta, time, text, generic)

    # Derived by the reader (or, for an item built without it, by the Normalize pipeline).
    body = scrapy.Field()  # plain text, paragraphs separated by a blank line
    published = scrapy.Field()  # aware datetime (Asia/Ho_Chi_Minh) or None
    modified = scrapy.Field()
    id = scrapy.Field()  # stable id derived from the canonical URL
    alias_urls = scrapy.Field()  # other URLs the same article was served under
    content_hash = scrapy.Field()
