"""The demo mirror: what it contains, that it is deterministic, and that its manifest tells the truth.

Each test reads the generated pages with parsel, the way a spider does, and compares them with
the manifest that the end-to-end tests trust. URLs are resolved to files by the mirror server's
own ``mirror_file``, so "resolves" here means "the server would answer it".
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from aggregator.demo import SITES as DEMO_SITES
from aggregator.demo import build_mirror
from aggregator.demo.sites import DERIVED_ARTICLES
from aggregator.demo.stories import published_epoch
from aggregator.extract import adopt_stray_roots
from aggregator.run.mirror import mirror_file
from spiders.registry import provincial_spiders
from tests.spider_fixtures import make_spider
from tests.spider_fixtures import page as response_for

# The three papers described by hand (30 articles, every special case), then the derived ones.
SITES = ("baolaocai", "baocantho", "baolangson")
DERIVED = tuple(key for key in DEMO_SITES if key not in SITES)
SPIDERS = {cls.name: cls for cls in provincial_spiders()}
# Articles at the default 30: the malformed and the failing page are not articles.
ARTICLES = {"baolaocai": 28, "baocantho": 28, "baolangson": 28}
LISTING_PAGES = {"baolaocai": 5, "baocantho": 9, "baolangson": 5}
MAIN_LISTING_PAGES = {"baolaocai": 3, "baocantho": 4, "baolangson": 3}
TITLE = {
    "baolaocai": "h1.article__title.cms-title::text",
    "baocantho": "h1.margintopbot10.fw700::text",
    "baolangson": "h1.name::text",
}
NEXT_PAGE = {
    "baolaocai": "//div[@class='pagination']/a[@class='next']/@href",
    "baocantho": "//div[@id='page']//a[text()='>']/@href",
    "baolangson": "//ul[@class='pagination']//a[@rel='next']/@href",
}
LISTING_LINKS = {
    "baolaocai": "article.story h2.story__heading a.cms-link::attr(href)",
    "baocantho": "ul.list-news-img-style-1 li.news-img-left a.b-title::attr(href)",
    "baolangson": "article.card h3.card-title a::attr(href)",
}
NOW = datetime.fromisoformat("2026-11-26T00:00:00+07:00")


def resolve(root: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    return mirror_file(root, f"/{parts.hostname}{parts.path or '/'}", parts.query)


def page(root: Path, url: str) -> Selector:
    """A mirror page parsed as the crawl parses it (a stray ``</html>`` repaired)."""
    found = resolve(root, url)
    assert found is not None, f"{url} is not in the mirror"
    sel = Selector(found.read_text(encoding="utf-8"))
    adopt_stray_roots(sel.root)
    return sel


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def case(site: dict[str, Any], name: str) -> dict[str, Any]:
    return next(a for a in site["articles"] if name in a["cases"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("demo")
    return root, build_mirror(root)


@pytest.fixture(scope="module")
def root(built: tuple[Path, dict[str, Any]]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def manifest(built: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    return built[1]


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Every site at 30 articles (the derived ones too: every special case on every family)."""
    root = tmp_path_factory.mktemp("demo30")
    return root, build_mirror(root, articles_per_site=30)


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("demo35")
    return root, build_mirror(root, articles_per_site=35)


def article_files(root: Path, manifest: dict[str, Any]) -> dict[str, bytes]:
    urls = [a["url"] for s in manifest["sites"].values() for a in s["articles"]]
    urls += [u for s in manifest["sites"].values() for u in s["malformed"]]
    urls += [f["url"] for s in manifest["sites"].values() for f in s["failing"]]
    return {url: resolve(root, url).read_bytes() for url in urls}  # type: ignore[union-attr]


def listed_links(root: Path, site: dict[str, Any], key: str) -> list[str]:
    return [
        href for url in site["listing_pages"] for href in page(root, url).css(LISTING_LINKS[key]).getall()
    ]


# --- shape and counts ----------------------------------------------------------------------------


def test_every_provincial_spider_has_a_site(manifest: dict[str, Any]) -> None:
    assert sorted(manifest["sites"]) == sorted(SPIDERS)


def test_manifest_written_next_to_the_mirror(root: Path, manifest: dict[str, Any]) -> None:
    assert json.loads((root / "_manifest.json").read_text(encoding="utf-8")) == manifest


@pytest.mark.parametrize("key", SITES)
def test_article_count(manifest: dict[str, Any], key: str) -> None:
    assert len(manifest["sites"][key]["articles"]) == ARTICLES[key]


@pytest.mark.parametrize("key", SITES)
def test_listing_page_count(manifest: dict[str, Any], key: str) -> None:
    assert len(manifest["sites"][key]["listing_pages"]) == LISTING_PAGES[key]


@pytest.mark.parametrize("key", SITES)
def test_main_listing_paginates_to_its_last_page(root: Path, manifest: dict[str, Any], key: str) -> None:
    url: str | None = manifest["sites"][key]["entry"]["listing"][0]
    seen = []
    while url and not url.startswith("javascript") and len(seen) < 10:
        seen.append(url)
        url = page(root, url).xpath(NEXT_PAGE[key]).get()
    assert len(seen) == MAIN_LISTING_PAGES[key]


@pytest.mark.parametrize("key", SITES)
def test_entry_urls_resolve(root: Path, manifest: dict[str, Any], key: str) -> None:
    entry = manifest["sites"][key]["entry"]
    urls = [entry["home"], entry["robots"], *entry["listing"], *entry["feeds"], *entry["sitemaps"]]
    assert [u for u in urls if resolve(root, u) is None] == []


@pytest.mark.parametrize("key", SITES)
def test_every_listing_link_resolves(root: Path, manifest: dict[str, Any], key: str) -> None:
    links = listed_links(root, manifest["sites"][key], key)
    assert [u for u in links if resolve(root, u) is None] == []


@pytest.mark.parametrize("key", SITES)
def test_listings_reach_every_article_and_broken_page(root: Path, manifest: dict[str, Any], key: str) -> None:
    site = manifest["sites"][key]
    listed = {u.split("?")[0] for u in listed_links(root, site, key)}
    expected = {a["url"] for a in site["articles"]} | set(site["malformed"])
    expected |= {f["url"] for f in site["failing"]}
    assert listed == expected


@pytest.mark.parametrize("key", SITES)
def test_related_links_in_articles_resolve(root: Path, manifest: dict[str, Any], key: str) -> None:
    host = f"https://{manifest['sites'][key]['host']}/"
    skip = ("/tu-khoa/", "/tim-kiem/", "/tags/", "/print/")
    links = {
        href
        for a in manifest["sites"][key]["articles"]
        for href in page(Path(root), a["url"]).css("a::attr(href)").getall()
        if href.startswith(host) and not any(s in href for s in skip)
    }
    assert [u for u in links if resolve(root, u) is None] == []


# --- determinism and growth ----------------------------------------------------------------------


def test_two_builds_are_byte_identical(root: Path, tmp_path: Path) -> None:
    build_mirror(tmp_path)
    assert files(tmp_path) == files(root)


def test_growth_adds_five_article_files_per_site(
    full: tuple[Path, dict[str, Any]], grown: tuple[Path, dict[str, Any]]
) -> None:
    added = article_files(*grown).keys() - article_files(*full).keys()
    assert len(added) == 5 * len(DEMO_SITES)


def test_growth_leaves_old_article_files_unchanged(
    full: tuple[Path, dict[str, Any]], grown: tuple[Path, dict[str, Any]]
) -> None:
    old = article_files(*full)
    new = article_files(*grown)
    assert {url for url, body in old.items() if new.get(url) != body} == set()


@pytest.mark.parametrize("key", SITES)
def test_growth_lists_the_new_articles_first(grown: tuple[Path, dict[str, Any]], key: str) -> None:
    root, manifest = grown
    site = manifest["sites"][key]
    first = page(root, site["entry"]["listing"][0]).css(LISTING_LINKS[key]).get()
    index = {a["url"]: a["index"] for a in site["articles"]}
    assert index[first] >= 30


def test_sites_built_one_call_at_a_time_share_a_manifest(tmp_path: Path) -> None:
    for key in SITES:
        build_mirror(tmp_path, articles_per_site=5, sites=[key])
    assert sorted(json.loads((tmp_path / "_manifest.json").read_text(encoding="utf-8"))["sites"]) == sorted(
        SITES
    )


def test_unknown_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown demo site"):
        build_mirror(tmp_path, sites=["baohanoi"])


def test_dates_stay_in_the_past_at_benchmark_sizes() -> None:
    assert datetime.fromtimestamp(published_epoch(200_000, 0.99), NOW.tzinfo) < NOW


def test_dates_grow_with_the_index() -> None:
    stamps = [published_epoch(i, 0.99 if i % 2 else 0.0) for i in range(0, 30_000, 7)]
    assert stamps == sorted(set(stamps))


# --- manifest values against the pages -----------------------------------------------------------


@pytest.mark.parametrize("key", SITES)
def test_titles_in_the_platform_selector(root: Path, manifest: dict[str, Any], key: str) -> None:
    wrong = [
        a["url"]
        for a in manifest["sites"][key]["articles"]
        if unicodedata.normalize("NFC", clean(page(root, a["url"]).css(TITLE[key]).get())) != a["title"]
    ]
    assert wrong == []


@pytest.mark.parametrize("key", SITES)
def test_canonical_link_is_the_manifest_url(root: Path, manifest: dict[str, Any], key: str) -> None:
    wrong = [
        a["url"]
        for a in manifest["sites"][key]["articles"]
        if page(root, a["url"]).css("link[rel=canonical]::attr(href)").get() != a["url"]
    ]
    assert wrong == []


@pytest.mark.parametrize("key", SITES)
def test_og_image_is_the_lead_image(root: Path, manifest: dict[str, Any], key: str) -> None:
    wrong = [
        a["url"]
        for a in manifest["sites"][key]["articles"]
        if page(root, a["url"]).css("meta[property='og:image']::attr(content)").get() != a["image_url"]
    ]
    assert wrong == []


@pytest.mark.parametrize("key", SITES)
def test_manifest_text_is_nfc(manifest: dict[str, Any], key: str) -> None:
    texts = [
        a[field]
        for a in manifest["sites"][key]["articles"]
        for field in ("title", "summary", "body_first_sentence", "body_last_sentence")
    ]
    assert [t for t in texts if unicodedata.normalize("NFC", t) != t] == []


def test_f1_header_date_strings(root: Path, manifest: dict[str, Any]) -> None:
    rows = [a for a in manifest["sites"]["baolaocai"]["articles"] if "visible_date_only" not in a["cases"]]
    found = []
    for a in rows:
        sel = page(root, a["url"])
        found.append(
            (
                sel.css("div.article__meta time.time::attr(datetime)").get(),
                sel.css("div.article__meta time.time span::text").get(),
            )
        )
    moments = [datetime.fromisoformat(a["published"]) for a in rows]
    expected = [(m.strftime("%Y-%m-%dT%H:%M:%S+0700"), m.strftime("%d/%m/%Y %H:%M")) for m in moments]
    assert found == expected


def test_f1_meta_published_time_has_no_colon(root: Path, manifest: dict[str, Any]) -> None:
    article = manifest["sites"]["baolaocai"]["articles"][0]
    value = page(root, article["url"]).css("meta[property='article:published_time']::attr(content)").get()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0700", value or "")


def test_f1_jsonld_author_is_empty(root: Path, manifest: dict[str, Any]) -> None:
    article = manifest["sites"]["baolaocai"]["articles"][0]
    blocks = [
        json.loads(b)
        for b in page(root, article["url"]).xpath("//script[@type='application/ld+json']/text()").getall()
    ]
    assert [b["author"] for b in blocks if b["@type"] == "NewsArticle"] == [{"@type": "Person", "name": ""}]


def test_f1_byline_is_the_body_end(root: Path, manifest: dict[str, Any]) -> None:
    rows = [a for a in manifest["sites"]["baolaocai"]["articles"] if a["author"]]
    found = [page(root, a["url"]).css("div.cms-body > div.t1 > span.t2::text").getall() for a in rows]
    assert found == [[a["author"]] for a in rows]


def test_f1_visible_date_only_has_no_machine_date(root: Path, manifest: dict[str, Any]) -> None:
    sel = page(root, case(manifest["sites"]["baolaocai"], "visible_date_only")["url"])
    machine = sel.css(
        "meta[property='article:published_time'], meta.cms-date, div.article__meta time[datetime]"
    )
    assert machine.getall() == []


def test_f1_visible_date_only_sidebar_dates_differ(root: Path, manifest: dict[str, Any]) -> None:
    article = case(manifest["sites"]["baolaocai"], "visible_date_only")
    stamps = page(root, article["url"]).css("section.hot-news time.time::attr(datetime)").getall()
    shown = datetime.fromisoformat(article["published"]).strftime("%Y-%m-%dT%H:%M")
    assert len(stamps) == 5 and not any(s.startswith(shown) for s in stamps)


def test_f1_visible_date_only_published_has_minutes(manifest: dict[str, Any]) -> None:
    assert case(manifest["sites"]["baolaocai"], "visible_date_only")["published"].endswith(":00+07:00")


def test_f1_caption_is_a_figcaption(root: Path, manifest: dict[str, Any]) -> None:
    article = case(manifest["sites"]["baolaocai"], "photo_caption")
    assert (
        page(root, article["url"]).css("div.cms-body figure.image figcaption::text").getall()
        == article["captions"]
    )


def test_f4_pubdate_strings(root: Path, manifest: dict[str, Any]) -> None:
    rows = manifest["sites"]["baocantho"]["articles"]
    found = [page(root, a["url"]).css("span.pubdate::text").get() for a in rows]
    expected = [datetime.fromisoformat(a["published"]).strftime("%d/%m/%Y - %H:%M") for a in rows]
    assert found == expected


def test_f4_jsonld_date_is_a_day(root: Path, manifest: dict[str, Any]) -> None:
    article = manifest["sites"]["baocantho"]["articles"][0]
    block = json.loads(page(root, article["url"]).xpath("//script[@type='application/ld+json']/text()").get())
    assert block["datePublished"] == article["published"][:10]


def test_f4_visible_date_only_has_no_jsonld_date(root: Path, manifest: dict[str, Any]) -> None:
    sel = page(root, case(manifest["sites"]["baocantho"], "visible_date_only")["url"])
    assert "datePublished" not in json.loads(sel.xpath("//script[@type='application/ld+json']/text()").get())


def test_f4_first_h1_is_the_breadcrumb(root: Path, manifest: dict[str, Any]) -> None:
    sel = page(root, manifest["sites"]["baocantho"]["articles"][0]["url"])
    assert (
        clean(" ".join(sel.css("h1")[0].css("::text").getall()))
        == "THỜI SỰ > " + manifest["sites"]["baocantho"]["articles"][0]["category"]
    )


def test_f4_relative_image_resolves_against_base_href(root: Path, manifest: dict[str, Any]) -> None:
    article = case(manifest["sites"]["baocantho"], "relative_image")
    sel = page(root, article["url"])
    src = sel.css("div.content-fck img.zoomimg::attr(src)").get()
    assert (src or "").startswith("../") and urljoin(sel.css("base::attr(href)").get(), src) == article[
        "body_images"
    ][0]


def test_f4_description_starts_with_the_dateline(root: Path, manifest: dict[str, Any]) -> None:
    article = next(a for a in manifest["sites"]["baocantho"]["articles"] if a["dateline"] == "(CTO)")
    description = page(root, article["url"]).css("meta[name=Description]::attr(content)").get()
    assert description == f"(CTO) - {article['summary']}"


def test_f4_byline_credit_line(root: Path, manifest: dict[str, Any]) -> None:
    article = next(
        a for a in manifest["sites"]["baocantho"]["articles"] if (a["byline"] or "").startswith("Tin, ảnh: ")
    )
    found = page(root, article["url"]).css("div.content-fck p[style='text-align: right;'] strong::text").get()
    assert found == article["byline"] == f"Tin, ảnh: {article['author']}"


def test_f2_date_line_format(root: Path, manifest: dict[str, Any]) -> None:
    rows = manifest["sites"]["baolangson"]["articles"]
    lines = [page(root, a["url"]).css("div.date-time::text").get() or "" for a in rows]
    pattern = re.compile(r"(Thứ (hai|ba|tư|năm|sáu|bảy)|Chủ nhật),  \d\d/\d\d/\d{4}( \| \d\d:\d\d)?")
    assert [line for line in lines if not pattern.fullmatch(line)] == []


def test_f2_date_only_page_gives_a_day(root: Path, manifest: dict[str, Any]) -> None:
    article = case(manifest["sites"]["baolangson"], "visible_date_only")
    line = page(root, article["url"]).css("div.date-time::text").get() or ""
    assert (article["published"], line[-10:]) == (
        datetime.fromisoformat(article["published"]).date().isoformat(),
        datetime.fromisoformat(article["published"]).strftime("%d/%m/%Y"),
    )


def test_f2_sapo_is_the_body_h2(root: Path, manifest: dict[str, Any]) -> None:
    rows = manifest["sites"]["baolangson"]["articles"]
    assert [clean(page(root, a["url"]).css("#content-detail > h2::text").get()) for a in rows] == [
        a["summary"] for a in rows
    ]


def test_f2_lso_glued_to_the_first_sentence(root: Path, manifest: dict[str, Any]) -> None:
    article = next(a for a in manifest["sites"]["baolangson"]["articles"] if a["dateline"] == "LSO")
    first = clean("".join(page(root, article["url"]).css("#content-detail > p")[0].css("::text").getall()))
    assert first.startswith("LSO" + article["body_first_sentence"])


def test_f2_template_leftover_in_body(root: Path, manifest: dict[str, Any]) -> None:
    article = manifest["sites"]["baolangson"]["articles"][0]
    assert page(root, article["url"]).css("#content-detail div.tpl::text").get() == "{{ article.related }}"


def test_f2_pseudonym_box_holds_the_byline(root: Path, manifest: dict[str, Any]) -> None:
    article = case(manifest["sites"]["baolangson"], "pseudonym_box")
    assert page(root, article["url"]).css("#content-detail div.pseudonym::text").get() == article["author"]


def test_f2_caption_table(root: Path, manifest: dict[str, Any]) -> None:
    article = case(manifest["sites"]["baolangson"], "photo_caption")
    found = page(root, article["url"]).css("#content-detail table.image td.image_desc::text").getall()
    assert found == article["captions"]


# --- the traps -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", SITES)
def test_alias_url_serves_the_article(root: Path, manifest: dict[str, Any], key: str) -> None:
    alias = manifest["sites"][key]["alias_urls"][0]
    assert page(root, alias["url"]).css("link[rel=canonical]::attr(href)").get() == alias["canonical"]


@pytest.mark.parametrize("key", SITES)
def test_alias_url_carries_tracking_parameters(manifest: dict[str, Any], key: str) -> None:
    alias = manifest["sites"][key]["alias_urls"][0]
    assert alias["url"] == f"{alias['canonical']}?utm_source=zalo&utm_medium=share"


@pytest.mark.parametrize("key", SITES)
def test_alias_url_is_what_listings_link(root: Path, manifest: dict[str, Any], key: str) -> None:
    site = manifest["sites"][key]
    assert site["alias_urls"][0]["url"] in listed_links(root, site, key)


@pytest.mark.parametrize("key", SITES)
def test_html_entities_in_the_source(root: Path, manifest: dict[str, Any], key: str) -> None:
    raw = resolve(root, case(manifest["sites"][key], "html_entities")["url"]).read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert all(entity in raw for entity in ("&ocirc;", "&agrave;", "&#7889;", "&amp;"))


@pytest.mark.parametrize("key", SITES)
def test_html_entities_decode_to_the_title(root: Path, manifest: dict[str, Any], key: str) -> None:
    article = case(manifest["sites"][key], "html_entities")
    assert clean(page(root, article["url"]).css(TITLE[key]).get()) == article["title"]


@pytest.mark.parametrize("key", SITES)
def test_nfd_paragraph_in_the_source(root: Path, manifest: dict[str, Any], key: str) -> None:
    raw = resolve(root, case(manifest["sites"][key], "nfd_text")["url"]).read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert unicodedata.normalize("NFC", raw) != raw


@pytest.mark.parametrize("key", SITES)
def test_no_byline_article_has_no_author(manifest: dict[str, Any], key: str) -> None:
    assert case(manifest["sites"][key], "no_byline")["author"] is None


@pytest.mark.parametrize("key", SITES)
def test_malformed_page_has_no_title(root: Path, manifest: dict[str, Any], key: str) -> None:
    sel = page(root, manifest["sites"][key]["malformed"][0])
    assert (
        sel.css("title").get(),
        sel.css(TITLE[key]).get(),
        sel.css("meta[property='og:title']").get(),
    ) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize("key", SITES)
def test_malformed_page_is_truncated(root: Path, manifest: dict[str, Any], key: str) -> None:
    raw = resolve(root, manifest["sites"][key]["malformed"][0]).read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "</html>" not in raw and "<body" not in raw


@pytest.mark.parametrize("key", SITES)
def test_failing_article_answers_500(root: Path, manifest: dict[str, Any], key: str) -> None:
    failing = manifest["sites"][key]["failing"][0]
    faults = json.loads((root / "_faults.json").read_text(encoding="utf-8"))
    path = resolve(root, failing["url"]).relative_to(root).as_posix()  # type: ignore[union-attr]
    assert faults[path] == {"status": 500}


# --- feeds, sitemaps, robots ---------------------------------------------------------------------


@pytest.mark.parametrize("key", SITES)
def test_rss_items_have_every_field(root: Path, manifest: dict[str, Any], key: str) -> None:
    feed = Selector(
        resolve(root, manifest["sites"][key]["entry"]["feeds"][0]).read_text(encoding="utf-8"), type="xml"
    )  # type: ignore[union-attr]
    items = feed.xpath("//item")
    fields = [sorted(child.xpath("name()").get() for child in item.xpath("*")) for item in items]
    complete = ["description", "guid", "link", "pubDate", "title"]
    assert fields and all(f == complete or f == [x for x in complete if x != "pubDate"] for f in fields)


@pytest.mark.parametrize("key", SITES)
def test_rss_dates_are_rfc822_in_vietnam_time(root: Path, manifest: dict[str, Any], key: str) -> None:
    feed = Selector(
        resolve(root, manifest["sites"][key]["entry"]["feeds"][0]).read_text(encoding="utf-8"), type="xml"
    )  # type: ignore[union-attr]
    stamps = feed.xpath("//item/pubDate/text()").getall()
    pattern = re.compile(
        r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0700"
    )
    assert stamps and all(pattern.fullmatch(s) for s in stamps)


@pytest.mark.parametrize("key", SITES)
def test_rss_links_are_clean_article_urls(root: Path, manifest: dict[str, Any], key: str) -> None:
    site = manifest["sites"][key]
    links = set()
    for url in site["entry"]["feeds"]:
        feed = Selector(resolve(root, url).read_text(encoding="utf-8"), type="xml")  # type: ignore[union-attr]
        links |= set(feed.xpath("//item/link/text()").getall())
    broken = set(site["malformed"]) | {f["url"] for f in site["failing"]}
    assert links - broken == {a["url"] for a in site["articles"]}


def test_f1_sitemap_index_points_to_a_news_urlset(root: Path, manifest: dict[str, Any]) -> None:
    index = Selector(
        resolve(root, "https://baolaocai.vn/sitemap.xml").read_text(encoding="utf-8"), type="xml"
    )  # type: ignore[union-attr]
    index.remove_namespaces()
    urlset = Selector(
        resolve(root, index.xpath("//sitemap/loc/text()").get()).read_text(encoding="utf-8"), type="xml"
    )  # type: ignore[union-attr,arg-type]
    urlset.register_namespace("n", "http://www.google.com/schemas/sitemap-news/0.9")
    urlset.register_namespace("s", "http://www.sitemaps.org/schemas/sitemap/0.9")
    newest = manifest["sites"]["baolaocai"]["articles"][0]
    first = urlset.xpath("//s:url[1]")
    assert (first.xpath("s:loc/text()").get(), first.xpath(".//n:publication_date/text()").get()) == (
        newest["url"],
        newest["published"],
    )


@pytest.mark.parametrize("key", SITES)
def test_robots_allows_all_and_names_the_sitemap(root: Path, manifest: dict[str, Any], key: str) -> None:
    text = resolve(root, manifest["sites"][key]["entry"]["robots"]).read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert (
        text == f"User-agent: *\nAllow: /\n\nSitemap: https://{manifest['sites'][key]['host']}/sitemap.xml\n"
    )


# --- the papers derived from the spiders, read with the spiders' own selectors ------------------


def spider_of(key: str) -> Any:
    return make_spider(SPIDERS[key])


def spider_links(root: Path, key: str, url: str) -> list[str]:
    """The article links the paper's spider finds on listing page *url*."""
    found = resolve(root, url)
    assert found is not None, f"{url} is not in the mirror"
    spider = spider_of(key)
    return list(spider.article_links(response_for(url, text=found.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("key", DERIVED)
def test_derived_article_count(manifest: dict[str, Any], key: str) -> None:
    assert len(manifest["sites"][key]["articles"]) == DERIVED_ARTICLES


@pytest.mark.parametrize("key", DERIVED)
def test_derived_site_is_the_spiders(manifest: dict[str, Any], key: str) -> None:
    site, spider = manifest["sites"][key], SPIDERS[key]
    assert (site["paper"], site["platform"], site["entry"]["listing"][: len(spider.listing_urls)]) == (
        spider.source_name,
        spider.platform,
        list(spider.listing_urls),
    )


@pytest.mark.parametrize("key", DERIVED)
def test_derived_feeds_are_the_spiders(manifest: dict[str, Any], key: str) -> None:
    assert manifest["sites"][key]["entry"]["feeds"] == list(SPIDERS[key].feed_urls)


@pytest.mark.parametrize("key", DERIVED)
def test_derived_entry_urls_resolve(root: Path, manifest: dict[str, Any], key: str) -> None:
    entry = manifest["sites"][key]["entry"]
    urls = [entry["home"], entry["robots"], *entry["listing"], *entry["feeds"], *entry["sitemaps"]]
    assert [u for u in urls if resolve(root, u) is None] == []


@pytest.mark.parametrize("key", DERIVED)
def test_derived_listings_reach_every_article(root: Path, manifest: dict[str, Any], key: str) -> None:
    site = manifest["sites"][key]
    listed = {u for url in site["listing_pages"] for u in spider_links(root, key, url)}
    assert listed == {a["url"] for a in site["articles"]}


@pytest.mark.parametrize("key", DERIVED)
def test_derived_listing_links_resolve(root: Path, manifest: dict[str, Any], key: str) -> None:
    links = [u for url in manifest["sites"][key]["listing_pages"] for u in spider_links(root, key, url)]
    assert [u for u in links if resolve(root, u) is None] == []


@pytest.mark.parametrize("key", [k for k in DERIVED if not DEMO_SITES[k].home_listing])
def test_derived_main_listing_has_a_next_page(root: Path, manifest: dict[str, Any], key: str) -> None:
    """The first section holds 9 of the 12 articles: a second page at 8 per page."""
    url = manifest["sites"][key]["entry"]["listing"][0]
    spider = spider_of(key)
    following = spider.next_page(response_for(url, text=resolve(root, url).read_text(encoding="utf-8")))  # type: ignore[union-attr]
    assert following is not None and resolve(root, following) is not None


@pytest.mark.parametrize("key", DERIVED)
def test_derived_article_urls_are_the_spiders(manifest: dict[str, Any], key: str) -> None:
    spider = spider_of(key)
    assert [a["url"] for a in manifest["sites"][key]["articles"] if not spider.is_article_url(a["url"])] == []


@pytest.mark.parametrize("key", DERIVED)
def test_derived_canonical_and_image(root: Path, manifest: dict[str, Any], key: str) -> None:
    wrong = [
        a["url"]
        for a in manifest["sites"][key]["articles"]
        if (
            page(root, a["url"])
            .css("link[rel=canonical]::attr(href), meta[name=canonical]::attr(content)")
            .get(),
            page(root, a["url"]).css("meta[property='og:image']::attr(content)").get(),
        )
        != (a["url"], a["image_url"])
    ]
    assert wrong == []


@pytest.mark.parametrize("key", DERIVED)
def test_derived_related_links_resolve(root: Path, manifest: dict[str, Any], key: str) -> None:
    host = f"https://{manifest['sites'][key]['host']}/"
    links = {
        href
        for a in manifest["sites"][key]["articles"]
        for href in page(Path(root), a["url"]).css("a::attr(href)").getall()
        if href.startswith(host)
        and not any(s in href for s in ("/tu-khoa/", "/tim-kiem/", "/tags/", "/print/", "-ptag.html"))
    }
    assert [u for u in links if resolve(root, u) is None] == []


def test_derived_visible_date_only_pages_have_no_machine_date(root: Path, manifest: dict[str, Any]) -> None:
    pages = [
        page(root, a["url"])
        for key in DERIVED
        for a in manifest["sites"][key]["articles"]
        if "visible_date_only" in a["cases"]
    ]
    machine = [
        p.css("meta[property='article:published_time'], .article__meta time[datetime]").getall()
        for p in pages
    ]
    assert (len(pages), machine) == (len(DERIVED), [[]] * len(DERIVED))


def test_baocaobang_spells_letters_as_entities(root: Path, manifest: dict[str, Any]) -> None:
    article = manifest["sites"]["baocaobang"]["articles"][0]
    raw = resolve(root, article["url"]).read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "&ocirc;" in raw or "&#7897;" in raw


@pytest.mark.parametrize("key", DERIVED)
def test_derived_full_build_has_every_special_case(full: tuple[Path, dict[str, Any]], key: str) -> None:
    site = full[1]["sites"][key]
    cases = {c for a in site["articles"] for c in a["cases"]}
    assert (len(site["malformed"]), len(site["failing"]), len(site["alias_urls"])) == (1, 1, 1) and {
        "html_entities",
        "no_byline",
        "visible_date_only",
        "nfd_text",
        "two_urls",
    } <= cases
