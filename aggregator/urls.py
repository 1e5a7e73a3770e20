"""Canonical URLs and the stable article id derived from them.

One article must map to one row whatever URL it was reached by: tracking parameters from social
shares, ``http`` links in old feeds, ``www.`` and trailing-slash variants. The id is derived from a
key that ignores those differences, so it never changes across runs or URL variants.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

# Query parameters that identify a share or a campaign, never a page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "zarsrc",
        "gidzl",
        "zlid",
        "ref",
        "ref_src",
        "refsrc",
        "src",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "spm",
        "share",
        "utm",
    }
)
_TRACKING_PREFIXES = ("utm_", "at_", "itm_", "pk_", "mtm_")

# Share and short links that sites publish as og:url / canonical (plo.vn: /share874715.html).
_SHARE_PATH = re.compile(r"/(?:share|s|amp)/?\d*(?:\.html?)?$|/share\d+\.html?$", re.IGNORECASE)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """Return *url* without tracking parameters and fragment, otherwise unchanged."""
    parts = urlsplit(url)
    if not parts.query and not parts.fragment:
        return url
    # Filter the raw pairs: decoding and re-encoding would turn non-UTF-8 escapes (%E9) into U+FFFD.
    pairs = [p for p in parts.query.split("&") if p and not _is_tracking(unquote_plus(p.partition("=")[0]))]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(pairs), ""))


# A URL that is already canonical: http(s), a lower-case ASCII host name of dotted labels (no
# port, no punycode or "--" label, a last label that is not a number, so never an IP address),
# a path of unreserved characters whose segments never start with a dot (no "." or ".."), and
# no query, fragment, "%", ";" or whitespace. w3lib returns such a URL unchanged, and most
# article URLs look like this, so they skip its WHATWG parsing.
_LABEL = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SEGMENT = r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*"
_PLAIN_URL = re.compile(
    rf"https?://(?:{_LABEL}\.)+[a-z][a-z0-9]*(?:-[a-z0-9]+)*/(?:{_SEGMENT}(?:/{_SEGMENT})*/?)?"
)


@lru_cache(maxsize=4096)  # a page's links are asked about several times, then never
def canonical_url(url: str) -> str:
    """The URL we store: tracking removed, host lowercased, query sorted, safe encoding.

    Cached: every article's URL is canonicalized several times (id, aliases, canonical choice).
    """
    if _PLAIN_URL.fullmatch(url):
        return url
    cleaned = strip_tracking(safe_url_string(url.strip()))
    return canonicalize_url(cleaned, keep_fragments=False)


def is_share_link(url: str) -> bool:
    """True for share/short links that point at an article without being its address."""
    return bool(_SHARE_PATH.search(urlsplit(url).path))


def choose_canonical(page_url: str, declared: str | None) -> str:
    """Prefer the page's declared canonical URL when it is a real article address on the same site.

    A canonical on a foreign host (syndicated copies) or a share link is ignored: the id must name
    the page we actually read.
    """
    page = canonical_url(page_url)
    if not declared:
        return page
    candidate = canonical_url(declared)
    page_host = _bare_host(page)
    cand_host = _bare_host(candidate)
    same_site = within(cand_host, page_host) or within(page_host, cand_host)
    if not same_site or is_share_link(candidate) or not urlsplit(candidate).path.strip("/"):
        return page
    return candidate


@lru_cache(maxsize=4096)  # a page's links are asked about several times, then never
def _bare_host(url: str) -> str:
    """The host of *url* without ``www.``; cached, as each article asks about the same URLs."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def within(host: str, domain: str) -> bool:
    """Whether *host* is *domain* or one of its subdomains (``phuyen.baodaklak.vn`` is in ``baodaklak.vn``)."""
    return host == domain or host.endswith("." + domain)


# Path segments of pages that are never articles: media sections, search, tags, topics, authors.
NOT_ARTICLE_PATH = (
    r"/(?:videos?|multimedia|media|podcasts?|e-?magazine|rss|feeds?|search|tim-kiem|tags?|tu-khoa"
    r"|tac-gia|authors?|chu-de|topics?|category|chuyen-muc|danh-muc|lien-he|gioi-thieu"
    r"|dang-nhap|login)(?:/|\.\w+$|$)"
)


def url_key(url: str) -> str:
    """The identity of a URL: no scheme, no ``www.``, no trailing slash, no tracking."""
    canonical = canonical_url(url)
    parts = urlsplit(canonical)
    path = parts.path.rstrip("/") or "/"
    return f"{_bare_host(canonical)}{path}" + (f"?{parts.query}" if parts.query else "")


def article_id(url: str) -> str:
    """Stable 16-hex-digit id of the article at *url* (equal for all variants of the URL)."""
    return hashlib.sha1(url_key(url).encode("utf-8")).hexdigest()[:16]
