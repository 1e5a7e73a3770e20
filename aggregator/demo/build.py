"""Build the offline mirror of the demo papers and its manifest.

The mirror is what ``aggregator.run.mirror`` serves: URL ``https://HOST/PATH?QUERY`` is the file
``HOST/PATH?QUERY`` (``…/`` → ``…/index.html``). Pages reproduce each platform's real markup with
our own text, so the real spiders crawl them unchanged. The manifest (``_manifest.json``) says what
a correct crawl must extract from them; ``_faults.json`` makes one listed article answer HTTP 500.
"""

from __future__ import annotations

import json
import math
import shutil
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aggregator.demo import changes, feeds
from aggregator.demo.platform import TRACKING, Platform
from aggregator.demo.platform_f1 import F1Pages
from aggregator.demo.platform_f2 import F2Pages
from aggregator.demo.platform_f3 import F3Pages
from aggregator.demo.platform_f4 import F4Pages
from aggregator.demo.platform_f5 import F5Pages
from aggregator.demo.platform_f6 import F6Pages
from aggregator.demo.platform_f7 import F7Pages
from aggregator.demo.platform_oneoff import (
    BbgPages,
    DienBienPhuPages,
    HauGiangPages,
    LaiChauPages,
    NinhBinhPages,
    SonLaPages,
)
from aggregator.demo.sites import SITES, SiteSpec, url_to_path
from aggregator.demo.stories import FAILING, MALFORMED, TWO_URLS, Story, make_story

MANIFEST = "_manifest.json"
FAULTS = "_faults.json"
HOME_ITEMS = 12
INDENT_UP_TO = 3000  # manifest articles
# Page families by SiteSpec.pages: the platforms, then the one-off papers' own pages.
_PLATFORMS: dict[str, type[Platform]] = {
    "F1": F1Pages, "F2": F2Pages, "F3": F3Pages, "F4": F4Pages, "F5": F5Pages, "F6": F6Pages, "F7": F7Pages,
    "bbg": BbgPages, "ninhbinh": NinhBinhPages, "laichau": LaiChauPages,
    "dienbienphu": DienBienPhuPages, "haugiang": HauGiangPages, "sonla": SonLaPages,
}  # fmt: skip


def build_mirror(
    dest: Path,
    *,
    articles_per_site: int | None = None,
    sites: Sequence[str] | None = None,
    page_size: int = 8,
    edition: int = 0,
) -> dict[str, Any]:
    """Write the mirror of *sites* (default: all) into *dest* and return the manifest.

    *articles_per_site* defaults to each site's own size: 30 for the three hand-described papers
    (every special case once), 12 for the papers derived from the spiders.

    Article *i* of a site depends only on (site, i), so a bigger build adds newer articles and
    leaves the older article files byte-identical. Rebuilding a site first removes its host
    folder; manifest and fault entries of sites not rebuilt are kept, so sites can be built one
    call at a time into the same folder.

    *edition* 1 is the mirror after the first demo run: the drift paper has redesigned its article
    pages and published new stories (see ``changes``).
    """
    keys = list(SITES) if sites is None else list(dict.fromkeys(sites))
    unknown = [k for k in keys if k not in SITES]
    if unknown:
        raise ValueError(f"unknown demo site(s) {unknown}; choose from {list(SITES)}")
    if (articles_per_site is not None and articles_per_site < 1) or page_size < 1:
        raise ValueError("articles_per_site and page_size must be at least 1")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    previous = _read_json(dest / MANIFEST).get("sites", {})
    faults = _read_json(dest / FAULTS)
    rebuilt_hosts = {SITES[k].host for k in keys}
    faults = {path: f for path, f in faults.items() if path.split("/", 1)[0] not in rebuilt_hosts}

    built: dict[str, Any] = {}
    for key in keys:
        spec = SITES[key]
        count = spec.articles if articles_per_site is None else articles_per_site
        redesign = edition >= 1 and key == changes.DRIFT_PAPER
        count += changes.DRIFT_NEW_STORIES if redesign else 0
        built[key], site_faults = _build_site(dest, spec, count, page_size, redesign=redesign)
        faults.update(site_faults)
    manifest = {
        "sites": {
            key: built[key] if key in built else previous[key]
            for key in SITES
            if key in built or (key in previous and (dest / SITES[key].host).is_dir())
        }
    }
    # Indented while a person might read it; past that json's (much faster) C encoder.
    total = sum(len(site["articles"]) for site in manifest["sites"].values())
    indent = 1 if total <= INDENT_UP_TO else None
    _write(dest / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=indent) + "\n")
    _write(dest / FAULTS, json.dumps(dict(sorted(faults.items())), indent=1) + "\n")
    return manifest


@dataclass(slots=True)
class _Written:
    """Entry URLs of one site's build, for its manifest."""

    listing_pages: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemap: str = ""


def _build_site(
    dest: Path, spec: SiteSpec, count: int, page_size: int, *, redesign: bool = False
) -> tuple[dict[str, Any], dict[str, dict[str, int]]]:
    shutil.rmtree(dest / spec.host, ignore_errors=True)
    platform = _PLATFORMS[spec.pages](spec)
    platform.redesigned = redesign
    stories = [make_story(spec.key, i) for i in range(count)]
    with _Writer(dest) as writer:
        written = _write_site(writer, platform, stories, page_size)
    site_faults = {}
    if count > FAILING:
        site_faults[url_to_path(platform.url(stories[FAILING]))] = {"status": 500}
    return _site_manifest(platform, stories, written, page_size), site_faults


def _write_site(writer: _Writer, platform: Platform, stories: list[Story], page_size: int) -> _Written:
    spec, newest, written = platform.spec, stories[::-1], _Written()
    for story in stories:
        if story.index == MALFORMED:
            page = platform.render_malformed(story)
        else:
            page = platform.render_article(story, stories)
        writer.url(platform.url(story), page)
        if story.index == TWO_URLS:
            writer.url(platform.listed_url(story), page)

    for listing in platform.listings():
        members = [s for s in newest if s.section in listing.sections]
        if not platform.paginated:
            page_size = max(1, len(members))
        pages = max(1, math.ceil(len(members) / page_size))
        for page in range(1, pages + 1):  # page 1 first: it makes the folder later pages go in
            items = members[(page - 1) * page_size : page * page_size]
            url = platform.page_url(listing, page)
            writer.url(url, platform.render_listing(listing, page, pages, items))
            written.listing_pages.append(url)
    if not spec.home_listing:  # else the home page is the listing, written above
        writer.url(spec.root, platform.render_home(newest[:HOME_ITEMS]))
    for url, text in platform.extra_pages():
        writer.url(url, text)

    for feed in platform.feeds():
        writer.url(feed.url, feeds.rss(platform, feed, newest))
        written.feeds.append(feed.url)
    if spec.platform == "F1":
        sitemaps = list(feeds.news_sitemaps(platform, stories))
    else:
        sitemaps = [feeds.plain_sitemap(platform, stories)]
    for url, xml in sitemaps:
        writer.url(url, xml)
    written.sitemap = sitemaps[-1][0]  # the index (F1) or the only urlset
    writer.url(f"{spec.root}robots.txt", feeds.robots(platform))
    return written


def _site_manifest(
    platform: Platform, stories: Sequence[Story], written: _Written, page_size: int
) -> dict[str, Any]:
    spec = platform.spec
    first_pages = [platform.page_url(listing, 1) for listing in platform.listings()]
    articles = [{"index": s.index, **platform.manifest_row(s)} for s in stories if not s.special]
    return {
        "host": spec.host,
        "paper": spec.paper,
        "platform": spec.platform,
        "articles_per_site": len(stories),
        "page_size": page_size,
        "feed_items": platform.feed_limit,
        "entry": {
            "home": spec.root,
            "listing": first_pages,
            "feeds": written.feeds,
            "sitemaps": [written.sitemap],
            "robots": f"{spec.root}robots.txt",
        },
        "articles": articles[::-1],
        "alias_urls": [
            {"url": platform.listed_url(s), "canonical": platform.url(s)}
            for s in stories
            if s.index == TWO_URLS
        ],
        "malformed": [platform.url(s) for s in stories if s.index == MALFORMED],
        "failing": [{"url": platform.url(s), "status": 500} for s in stories if s.index == FAILING],
        "listing_pages": written.listing_pages,
        "tracking_query": TRACKING,
    }


class _Writer:
    """Writes mirror files from a few threads: creating files, not rendering, is the slow part
    on an ordinary disk, and the kernel does it in parallel (about 10x faster with 8 threads)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: set[Path] = set()
        self.folder_names: set[str] = set()  # "HOST/PATH" of every folder written so far
        self.pool = ThreadPoolExecutor(max_workers=8)
        self.pending: deque[Future[int]] = deque()

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            while self.pending:
                self.pending.popleft().result()
        finally:
            self.pool.shutdown()

    def url(self, url: str, text: str) -> None:
        path = self.root / url_to_path(url, self.folder_names)
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
            self.folder_names.add(path.parent.relative_to(self.root).as_posix())
        self.pending.append(self.pool.submit(path.write_bytes, text.encode("utf-8")))
        if len(self.pending) > 256:  # bounded memory; also surfaces a write error early
            self.pending.popleft().result()


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValueError(f"{path} is not valid JSON; delete it or choose another folder") from exc
    return data if isinstance(data, dict) else {}


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))
