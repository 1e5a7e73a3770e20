"""Any Vietnamese news site without a spider of its own: where its articles are, and what they say.

The generic spider (``spiders/news.py``) knows nothing about a site's markup, so it asks three
questions of every page that platform spiders answer with selectors:

- Where are the articles? Feeds the home page declares (``<link rel=alternate>``) or that sit at the
  usual paths, sitemaps from robots.txt, and links whose URL has the shape of an article.
- Is this page an article? Its structured data (JSON-LD ``NewsArticle``, ``og:type`` article), its
  URL shape and the length of its body decide; a listing, tag or video page is not one.
- What does it say? That is the reader's business (``aggregator.extract``), the same for every
  spider; without a profile it falls back on structured data and trafilatura.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from aggregator.extract.structured import Metadata
from aggregator.urls import NOT_ARTICLE_PATH

# A page with less text than this in its body is a stub, a gallery or a listing, not an article.
MIN_BODY_CHARS = 400

# Where Vietnamese sites put their feeds and sitemaps when the home page and robots.txt are silent.
FEED_PATHS = ("/rss", "/rss.xml", "/feed", "/rss/home.rss", "/rss/tin-moi-nhat.rss", "/rss/trang-chu.rss")
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/sitemap-news.xml", "/news-sitemap.xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml")

_DENY = re.compile(NOT_ARTICLE_PATH, re.IGNORECASE)
_NOT_PAGE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|zip|rar|mp[34]|xml|rss|json|css|js)$", re.I
)
_PAGE_EXT = re.compile(r"\.(?:s?html?|php|aspx?)$", re.I)
# The id that most Vietnamese CMSs end an article slug with: -123456, -post404649, -ar994669,
# -a196670, -20251223093012345, or a hex hash.
_ID = re.compile(r"^(?:[a-z]{0,4}\d{4,}|(?=[a-f]*\d)[0-9a-f]{12,})$", re.IGNORECASE)
_PAGINATION = re.compile(r"/(?:trang|page|p)[-/]?\d+(?:\.\w+)?/?$", re.IGNORECASE)
_DATE_FOLDERS = re.compile(r"/20\d\d/[01]?\d/")


# --- URLs ----------------------------------------------------------------------------------------


def denied_url(url: str) -> bool:
    """A media, search, tag, topic or author page, or a file that is not a web page."""
    path = urlsplit(url).path
    return bool(_DENY.search(path) or _NOT_PAGE.search(path))


def could_be_article_url(url: str) -> bool:
    """A page a feed or sitemap lists may be an article whatever its shape, unless it is denied."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or denied_url(url):
        return False
    return parts.path.strip("/") != "" and not _PAGINATION.search(parts.path)


def looks_like_article_url(url: str) -> bool:
    """The URL has the shape of an article: a slug with an id, a long slug, or date folders.

    ``/slug-words-post404649.html``, ``/booktok-post1613472.html``, ``/2025/12/23/slug-words/``
    and a slug of six words or more are articles; ``/kinh-te/``, ``/kinh-te-29.html`` and
    ``/tin-moi-hom-nay.html`` are sections.
    """
    return url_shape(url) > 0


def url_shape(url: str) -> int:
    """0: not an article's URL; 1: could be one; 2: surely one (a long slug with an id, or dated).

    Only a sure shape outweighs an ``og:type`` that says website: a section such as
    ``/xa-hoi-1001.html`` has a short slug, an article's slug is its title.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or denied_url(url):
        return 0
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return 0
    stem = _PAGE_EXT.sub("", segments[-1])
    words = [w for w in re.split(r"[-_.]+", stem) if w]
    named = [w for w in words if not w.isdigit() and not _ID.match(w)]
    if len(words) > 1 and _ID.match(words[-1]):
        if len(named) >= 4:
            return 2
        # A long id (-post1613472, -20251223…) follows even a one-word slug; a 4-digit one
        # could be a section's (-1001), so it needs a longer slug.
        return int(len(named) >= (1 if len(re.sub(r"\D", "", words[-1])) >= 5 else 2))
    if words and words[-1].isdigit():
        return 0  # a section's short id: /bao-ve-nguoi-tieu-dung-51.html
    if _DATE_FOLDERS.search(parts.path) and len(named) >= 3:
        return 2
    return int(len(named) >= 6)


def site_domain(url: str) -> str:
    """The registrable host of a start URL, without ``www.`` (subdomains stay allowed)."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


# --- discovery -----------------------------------------------------------------------------------


def declared_feeds(sel: Selector, base_url: str) -> list[str]:
    """The RSS/Atom feeds a page declares with ``<link rel=alternate type=…>``."""
    found: list[str] = []
    for link in sel.xpath("//link[@href]"):
        rel = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").lower().strip()
        if "alternate" in rel and kind in FEED_TYPES:
            url = urljoin(base_url, link.attrib["href"].strip())
            if url not in found:
                found.append(url)
    return found


def linked_feeds(sel: Selector, base_url: str) -> list[str]:
    """Feed links on an HTML page such as ``/rss`` (a directory of the site's feeds)."""
    found: list[str] = []
    for href in sel.css("a::attr(href)").getall():
        url = urljoin(base_url, href.strip())
        path = urlsplit(url).path.lower()
        if path.endswith((".rss", "/rss.xml", "/feed", "/feed/", "/atom.xml")) and url not in found:
            found.append(url)
    return found


def robots_sitemaps(text: str, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    found: list[str] = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = urljoin(base_url, value.strip())
            if url not in found:
                found.append(url)
    return found


def is_feed(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def is_sitemap(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


# --- is it an article? -----------------------------------------------------------------------------


def article_signals(url: str, meta: Metadata) -> list[str]:
    """What says this page is an article: ``jsonld``, ``og_type``, ``url_shape``."""
    signals = []
    if meta.is_news_article:
        signals.append("jsonld")
    if "article" in (meta.og_type or "").lower():
        signals.append("og_type")
    if looks_like_article_url(url):
        signals.append("url_shape")
    return signals


def rejection(url: str, meta: Metadata, body_chars: int | None = None, *, listed: bool = False) -> str | None:
    """Why the page is not an article (``None`` when it is one).

    ``denied_url`` (media, search, tag… paths), ``not_article_type`` (``og:type`` says website or
    video, and neither JSON-LD nor a sure URL shape says article: some CMSs print ``website`` on
    every page), ``no_article_signal`` (nothing says article), ``short_body`` (less than
    ``MIN_BODY_CHARS`` of body text). The body length is checked only when given, so the cheap
    checks can run before any extraction, and only for pages that do not declare themselves an
    article (JSON-LD, ``og:type``) and that no feed or sitemap of the site *listed*: a short
    article is still an article.
    """
    if denied_url(url):
        return "denied_url"
    signals = article_signals(url, meta)
    og_type = (meta.og_type or "").lower()
    declared = "jsonld" in signals or url_shape(url) == 2
    if og_type and "article" not in og_type and og_type != "news" and not declared:
        return "not_article_type"
    if not signals:
        return "no_article_signal"
    self_declared = "jsonld" in signals or "og_type" in signals
    if body_chars is not None and body_chars < MIN_BODY_CHARS and not (self_declared or listed):
        return "short_body"
    if body_chars == 0:
        return "short_body"
    return None
