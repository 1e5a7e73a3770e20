"""Any Vietnamese news site without a spider of its own: where its articles are, and what they say.

The generic spider (``spiders/news.py``) knows nothing about a site's markup, so it asks three
questions of every page that platform spiders answer with selectors:

- Where are the articles? Feeds the home page declares (``<link rel=alternate>``) or that sit at the
  usual paths, sitemaps from robots.txt, and links whose URL has the shape of an article.
- Is this page an article? Its structured data (JSON-LD ``NewsArticle``, ``og:type`` article), its
  URL shape and the length of its body decide; a listing, tag or video page is not one.
- What is the body? trafilatura, a proven main-text extractor, finds it; captions and the visible
  byline are taken out first, and its HTML output goes through ``text.split_body`` as every
  platform's body does. The byline printed on the page beats the JSON-LD author, which some sites
  fill with another form of the name.

Everything else (title, dates, tags, image) comes from the shared fallbacks in ``extract.py``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from parsel import Selector

from aggregator.extract import Metadata, extract_metadata
from aggregator.text import clean_text

# A page with less text than this in its body is a stub, a gallery or a listing, not an article.
MIN_BODY_CHARS = 400

# Where Vietnamese sites put their feeds and sitemaps when the home page and robots.txt are silent.
FEED_PATHS = ("/rss", "/rss.xml", "/feed", "/rss/home.rss", "/rss/tin-moi-nhat.rss", "/rss/trang-chu.rss")
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/sitemap-news.xml", "/news-sitemap.xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml")

# Path segments of pages that are never articles: media sections, search, tags, topics, authors.
_DENY = re.compile(
    r"/(?:videos?|multimedia|media|podcasts?|e-?magazine|rss|feeds?|search|tim-kiem|tags?|tu-khoa"
    r"|tac-gia|authors?|chu-de|topics?|category|chuyen-muc|danh-muc|lien-he|gioi-thieu"
    r"|dang-nhap|login)(?:/|\.\w+$|$)",
    re.IGNORECASE,
)
_NOT_PAGE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|zip|rar|mp[34]|xml|rss|json|css|js)$", re.I
)
_PAGE_EXT = re.compile(r"\.(?:s?html?|php|aspx?)$", re.I)
# The id that most Vietnamese CMSs end an article slug with: -123456, -post404649, -ar994669,
# -a196670, -20251223093012345, or a hex hash.
_ID = re.compile(r"^(?:[a-z]{0,4}\d{4,}|(?=[a-f]*\d)[0-9a-f]{12,})$", re.IGNORECASE)
_PAGINATION = re.compile(r"/(?:trang|page|p)[-/]?\d+(?:\.\w+)?/?$", re.IGNORECASE)
_DATE_FOLDERS = re.compile(r"/20\d\d/[01]?\d/")

_CAPTION_CLASS = re.compile(
    r"(?:^|\s)\S*(?:caption|img-?desc|image_?desc|photo-?desc|desc_?image|chu-?thich)\S*(?:\s|$)", re.I
)
_BYLINE_MARK = re.compile(r"author|byline|tac-?gia|pseudonym|writer", re.IGNORECASE)
# Regions whose bylines belong to other articles (related lists, sidebars, comments).
_ELSEWHERE = re.compile(
    r"related|relate|lien-?quan|sidebar|comment|binh-?luan|footer|menu|widget|most-?view|xem-?nhieu"
    r"|tin-?khac|box-?news|list-?news|article-?item|teaser|suggest",
    re.IGNORECASE,
)
_ELSEWHERE_TAGS = frozenset({"aside", "nav", "footer", "head", "a"})
_DATE_MARK = re.compile(r"date|time|publish|ngay-?dang|thoi-?gian", re.IGNORECASE)
_SAPO_MARK = re.compile(r"sapo|chapeau|lead|excerpt|description|summary", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BYLINE_PREFIX = re.compile(r"^(?:Tác giả|Người viết|Bởi|By)\s*:?\s*", re.IGNORECASE)
_BYLINE_LABEL = re.compile(r"^(?:tác giả|author|by|theo)$", re.IGNORECASE)


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


def rejection(url: str, meta: Metadata, body_chars: int | None = None) -> str | None:
    """Why the page is not an article (``None`` when it is one).

    ``denied_url`` (media, search, tag… paths), ``not_article_type`` (``og:type`` says website or
    video, and neither JSON-LD nor a sure URL shape says article: some CMSs print ``website`` on
    every page), ``no_article_signal`` (nothing says article), ``short_body`` (less than ``MIN_BODY_CHARS`` of body text). The body length
    is checked only when given, so the cheap checks can run before any extraction.
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
    if body_chars is not None and body_chars < MIN_BODY_CHARS:
        return "short_body"
    return None


# --- the page --------------------------------------------------------------------------------------


@dataclass(slots=True)
class GenericPage:
    """What the generic reading of one page found."""

    meta: Metadata
    rejection: str | None
    body_html: str = ""
    body_chars: int = 0
    byline: str | None = None
    dates: list[str] = field(default_factory=list)

    @property
    def is_article(self) -> bool:
        return self.rejection is None


def read_page(sel: Selector, url: str, *, title: str | None = None, always: bool = False) -> GenericPage:
    """Classify the page and, for an article (or *always*), extract its byline and body.

    Pages that fail the cheap checks (URL, ``og:type``, no signal) are not extracted at all.
    """
    meta = extract_metadata(sel)
    early = rejection(url, meta)
    if early and not always:
        return GenericPage(meta=meta, rejection=early)
    root = copy.deepcopy(sel.root)
    title = title or (meta.title[0] if meta.title else None)
    byline = take_byline(root, title=title, site_name=meta.site_name)
    dates = visible_dates(root, title=title)
    summary = meta.summary[0] if meta.summary else None
    body_html, chars = extract_body(root, url=url, title=title, summary=summary)
    return GenericPage(
        meta=meta,
        rejection=early or rejection(url, meta, chars),
        body_html=body_html,
        body_chars=chars,
        byline=byline,
        dates=dates,
    )


def take_byline(
    root: etree._Element, *, title: str | None = None, site_name: str | None = None
) -> str | None:
    """The byline printed near the title, removed from *root* so it stays out of the body.

    Candidates are elements marked author/byline (class, id, ``itemprop``, ``rel``) that hold a
    short name and sit outside related lists, sidebars and comments; the innermost mark wins
    over its container, and the one nearest the ``<h1>`` (deepest common ancestor) over the rest.
    """
    ranks = _ancestor_depths(_title_heading(root, title))
    best: tuple[int, etree._Element, str] | None = None
    for el in _byline_marks(root):
        name = _byline_text(el, site_name)
        if not name:
            continue
        rank = _nearness(el, ranks)
        if best is None or rank > best[0]:
            best = (rank, el, name)
    if best is None:
        return None
    _, el, name = best
    if el.getparent() is not None:
        el.drop_tree()
    return name


def visible_dates(root: etree._Element, *, title: str | None = None, limit: int = 3) -> list[str]:
    """Dates printed near the title (class date/time/publish, ``<time datetime>``), nearest first.

    They back up structured data that gives only the day (``datePublished: "2026-01-08"``) while
    the page prints the time; dates in related lists and sidebars are left out.
    """
    ranks = _ancestor_depths(_title_heading(root, title))
    found: list[tuple[int, int, str]] = []
    for order, el in enumerate(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style"):
            continue
        if el.tag == "time" and el.get("datetime"):
            text = el.get("datetime") or ""
        elif _DATE_MARK.search(_marks(el)):
            text = clean_text(el.text_content())
        else:
            continue
        if re.search(r"\d", text) and len(text) <= 60 and not _elsewhere(el):
            found.append((-_nearness(el, ranks), order, text))
    return [text for _, _, text in sorted(found)[:limit]]


def _byline_marks(root: etree._Element) -> Iterator[etree._Element]:
    marked = [el for el in root.iter() if isinstance(el.tag, str) and _is_byline_mark(el)]
    inner = set(marked)
    for el in marked:
        if any(d in inner for d in el.iterdescendants()):
            continue  # a container of a more precise mark (author box → author name)
        if not _elsewhere(el):
            yield el


def _is_byline_mark(el: etree._Element) -> bool:
    if el.tag in ("meta", "link", "script", "style", "img"):
        return False
    if (el.get("itemprop") or "").lower() == "author" or "author" in (el.get("rel") or "").lower():
        return True
    return bool(_BYLINE_MARK.search(_marks(el)))


def _elsewhere(el: etree._Element) -> bool:
    return any(node.tag in _ELSEWHERE_TAGS or _ELSEWHERE.search(_marks(node)) for node in el.iterancestors())


def _byline_text(el: etree._Element, site_name: str | None) -> str | None:
    text = _BYLINE_PREFIX.sub("", clean_text(el.text_content())).strip(" -–|,")
    if not (2 <= len(text) <= 60) or len(text.split()) > 8 or re.search(r"\d", text):
        return None
    if _BYLINE_LABEL.match(text) or not re.search(r"[^\W\d_]", text):
        return None
    if site_name and text.casefold() == clean_text(site_name).casefold():
        return None
    return text


def _title_heading(root: etree._Element, title: str | None) -> etree._Element | None:
    """The ``<h1>`` that holds the title (a logo can be an ``<h1>`` too), else the first one."""
    headings = list(root.iter("h1"))
    wanted = clean_text(title).casefold() if title else ""
    for h1 in headings:
        text = clean_text(h1.text_content()).casefold()
        if wanted and text and (text in wanted or wanted in text):
            return h1
    return headings[0] if headings else None


def _ancestor_depths(anchor: etree._Element | None) -> dict[etree._Element, int]:
    if anchor is None:
        return {}
    chain = [anchor, *anchor.iterancestors()]
    return {node: len(chain) - i for i, node in enumerate(chain)}


def _nearness(el: etree._Element, ranks: dict[etree._Element, int]) -> int:
    for node in el.iterancestors():
        if node in ranks:
            return ranks[node]
    return 0


def extract_body(
    root: etree._Element, *, url: str, title: str | None = None, summary: str | None = None
) -> tuple[str, int]:
    """The article body as HTML paragraphs (for ``split_body``) and its length in characters.

    Photo captions are removed before trafilatura sees the page: it keeps them as paragraphs,
    and without their classes ``split_body`` could no longer tell them from text. So is the sapo
    (a ``sapo``/``lead``/``description`` element that prints the summary), which the article keeps
    as its summary. Leading blocks that repeat the title, or the summary as a heading, go too.
    """
    lead = _folded(summary)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if _is_caption(el) or (lead and _SAPO_MARK.search(_marks(el)) and _folded(el.text_content()) == lead):
            el.drop_tree()
    import trafilatura  # imported on first use: it is slow to import and most crawls never need it

    extracted = trafilatura.extract(
        root,
        url=url,
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=True,
        include_links=True,
    )
    if not extracted:
        return "", 0
    body = lxml.html.fromstring(extracted)
    body = body.find("body") if body.find("body") is not None else body
    blocks = list(body)
    while blocks and _repeats_head(blocks[0], _folded(title), lead):
        body.remove(blocks.pop(0))
    chars = sum(len(clean_text(block.text_content())) for block in blocks)
    return "".join(etree.tostring(block, encoding="unicode", method="html") for block in blocks), chars


def _repeats_head(block: etree._Element, title: str, lead: str) -> bool:
    text = _folded(block.text_content())
    return bool(text) and (text == title or (text == lead and block.tag in _HEADINGS))


def _folded(value: str | None) -> str:
    return clean_text(value).casefold() if value else ""


def _marks(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_caption(el: etree._Element) -> bool:
    return el.tag == "figcaption" or bool(_CAPTION_CLASS.search(el.get("class") or ""))
