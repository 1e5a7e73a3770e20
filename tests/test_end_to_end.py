"""End to end: real ``scrapy crawl`` processes against the mirror server, into a real SQLite file.

The demo mirror is generated into a temporary folder and served by the project's own server on
127.0.0.1; each spider runs as a subprocess exactly as cron would run it; the feeds it leaves are
parsed back with feedparser.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest

from aggregator.demo import build_mirror
from aggregator.run.mirror import running_mirror
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
FEED_LIMIT = 1000  # every demo article fits: the combined feed shows each story exactly once
# One paper per platform family (every paper is crawled by `baotinh demo`; one per family keeps
# this module's two rounds of subprocess crawls well inside CI's budget).
SPIDERS = (
    "baobacninhtv",
    "baocantho",
    "baodienbienphu",
    "baohaugiang",
    "baolaichau",
    "baolangson",
    "baolaocai",
    "baonghean",
    "baoninhbinh",
    "baophutho",
    "baosonla",
    "baothainguyen",
)


def scrapy_crawl(spider: str, mirror: str, output: Path, *settings: str) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl SPIDER -s MIRROR=…`` in a child process, from the project root."""
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        spider,
        "-s",
        f"MIRROR={mirror}",
        "-s",
        f"BAOTINH_OUTPUT={output}",
        "-s",
        "LOG_LEVEL=INFO",
    ]
    for setting in settings:
        command += ["-s", setting]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], str]]:
    root = tmp_path_factory.mktemp("mirror")
    manifest = build_mirror(root, sites=SPIDERS)
    with running_mirror(root) as url:
        yield manifest, url


@pytest.fixture(scope="module")
def crawled(demo: tuple[dict[str, Any], str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each spider crawled twice into one output folder; counts taken after each round."""
    manifest, url = demo
    output = tmp_path_factory.mktemp("output")
    db = output / "articles.db"
    for spider in SPIDERS:
        scrapy_crawl(spider, url, output, f"BAOTINH_FEED_LIMIT={FEED_LIMIT}")
    first = query(db, "select count(*) from articles")[0][0]
    first_feed = (output / "feeds" / "all.rss").read_bytes()
    for spider in SPIDERS:
        scrapy_crawl(spider, url, output, f"BAOTINH_FEED_LIMIT={FEED_LIMIT}")
    return {"manifest": manifest, "output": output, "db": db, "first_count": first, "first_feed": first_feed}


def _as_stored(published: str) -> str:
    """A date-only page date is stored as local midnight."""
    return published if "T" in published else f"{published}T00:00:00+07:00"


def expected_articles(manifest: dict[str, Any], site: str) -> list[dict[str, Any]]:
    return manifest["sites"][site]["articles"]


@pytest.mark.parametrize("site", SPIDERS)
def test_every_article_stored_once(crawled: dict[str, Any], site: str) -> None:
    stored = query(crawled["db"], "select url from articles where source = ?", site)
    assert sorted(u for (u,) in stored) == sorted(
        a["url"] for a in expected_articles(crawled["manifest"], site)
    )


@pytest.mark.parametrize("site", SPIDERS)
def test_titles_dates_authors_match_the_pages(crawled: dict[str, Any], site: str) -> None:
    rows = {
        r[0]: r[1:]
        for r in query(
            crawled["db"], "select url, title, published, author from articles where source = ?", site
        )
    }
    wanted = {
        a["url"]: (a["title"], _as_stored(a["published"]), a["author"])
        for a in expected_articles(crawled["manifest"], site)
    }
    wrong = [(url, rows.get(url), values) for url, values in wanted.items() if rows.get(url) != values]
    assert wrong == []


@pytest.mark.parametrize("site", SPIDERS)
def test_malformed_page_dropped_with_reason(crawled: dict[str, Any], site: str) -> None:
    malformed = crawled["manifest"]["sites"][site]["malformed"]
    reasons = query(crawled["db"], "select url, reason from drops where source = ?", site)
    recorded = {url for url, reason in reasons if reason in ("no_title", "no_body")}
    assert set(malformed) <= recorded


@pytest.mark.parametrize("site", SPIDERS)
def test_failing_page_recorded(crawled: dict[str, Any], site: str) -> None:
    failing = crawled["manifest"]["sites"][site]["failing"]
    reasons = set(query(crawled["db"], "select url, reason from drops where source = ?", site))
    assert {(f["url"], f"http_{f['status']}") for f in failing} <= reasons


@pytest.mark.parametrize("site", SPIDERS)
def test_alias_url_kept(crawled: dict[str, Any], site: str) -> None:
    aliases = crawled["manifest"]["sites"][site]["alias_urls"]
    stored = set(
        query(crawled["db"], "select u.url, a.url from article_urls u join articles a on a.id = u.article_id")
    )
    assert {(a["url"], a["canonical"]) for a in aliases} <= stored


def test_second_run_adds_no_row(crawled: dict[str, Any]) -> None:
    assert query(crawled["db"], "select count(*) from articles")[0][0] == crawled["first_count"]


def test_second_run_finds_nothing_new(crawled: dict[str, Any]) -> None:
    runs = query(crawled["db"], "select source, new, finish_reason from crawl_runs order by id")
    second = {source: (new, reason) for source, new, reason in runs[len(SPIDERS) :]}
    assert second == {s: (0, "finished") for s in SPIDERS}


def test_unchanged_feed_keeps_its_bytes(crawled: dict[str, Any]) -> None:
    assert (crawled["output"] / "feeds" / "all.rss").read_bytes() == crawled["first_feed"]


@pytest.mark.parametrize("name", ["all.rss", "all.atom"])
def test_combined_feed(crawled: dict[str, Any], name: str) -> None:
    """One entry per story: as many entries as clusters, not as articles."""
    feed = feedparser.parse((crawled["output"] / "feeds" / name).read_bytes())
    clusters = query(crawled["db"], "select count(distinct cluster_id) from articles")[0][0]
    assert (feed.bozo, len(feed.entries)) == (False, clusters)


def _republished_pair(crawled: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    sites = crawled["manifest"]["sites"]
    for data in sites.values():
        for article in data["articles"]:
            origin = next(
                (c.split(":", 1)[1] for c in article["cases"] if c.startswith("republished_from:")), None
            )
            if origin:
                same_index = next(a for a in sites[origin]["articles"] if a["index"] == article["index"])
                return article, same_index
    raise AssertionError("the demo mirror has no republished story")


def test_republished_story_shares_a_cluster(crawled: dict[str, Any]) -> None:
    copy, origin = _republished_pair(crawled)
    clusters = query(
        crawled["db"], "select url, cluster_id from articles where url in (?, ?)", copy["url"], origin["url"]
    )
    assert len({cluster for _, cluster in clusters}) == 1 and len(clusters) == 2


def test_republished_story_once_in_combined_feed(crawled: dict[str, Any]) -> None:
    copy, origin = _republished_pair(crawled)
    feed = feedparser.parse((crawled["output"] / "feeds" / "all.atom").read_bytes())
    shown = [e for e in feed.entries if e.link in (copy["url"], origin["url"])]
    assert len(shown) == 1 and "Cũng đăng trên" in shown[0].content[0].value


@pytest.mark.parametrize("site", ["baolaocai", "baolangson"])
def test_republished_story_kept_in_each_source_feed(crawled: dict[str, Any], site: str) -> None:
    copy, origin = _republished_pair(crawled)
    feed = feedparser.parse((crawled["output"] / "feeds" / "source" / f"{site}.atom").read_bytes())
    assert len([e for e in feed.entries if e.link in (copy["url"], origin["url"])]) == 1


def test_alias_story_once_in_combined_feed(crawled: dict[str, Any]) -> None:
    aliases = crawled["manifest"]["sites"]["baolaocai"]["alias_urls"]
    feed = feedparser.parse((crawled["output"] / "feeds" / "all.atom").read_bytes())
    canonical = aliases[0]["canonical"]
    assert [e.link for e in feed.entries].count(canonical) == 1


def test_feed_newest_first_with_offsets(crawled: dict[str, Any]) -> None:
    text = (crawled["output"] / "feeds" / "all.rss").read_text(encoding="utf-8")
    feed = feedparser.parse(text)
    stamps = [e.published_parsed for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    assert text.count("+0700</pubDate>") == len(feed.entries)


def test_atom_times_carry_the_offset(crawled: dict[str, Any]) -> None:
    text = (crawled["output"] / "feeds" / "all.atom").read_text(encoding="utf-8")
    published = re.findall(r"<published>([^<]+)</published>", text)
    assert published and all(stamp.endswith("+07:00") for stamp in published)


@pytest.mark.parametrize("site", SPIDERS)
def test_source_feed(crawled: dict[str, Any], site: str) -> None:
    feed = feedparser.parse((crawled["output"] / "feeds" / "source" / f"{site}.atom").read_bytes())
    titles = {e.title for e in feed.entries}
    assert titles == {a["title"] for a in expected_articles(crawled["manifest"], site)}


# --- bad input: a hand-made mirror with one of each problem ------------------------------------

_ARTICLE = """<html><head><title>{title} | Báo Lào Cai điện tử</title>{meta}</head><body>
<h1 class="article__title cms-title">{title}</h1>
<div class="article__meta"><time class="time"{attr}><span>{shown}</span></time></div>
<div class="article__sapo cms-desc">Tóm tắt bài {n}.</div>
<div class="article__body zce-content-body cms-body"><div>Nội dung bài số {n} về con đường mới ở xã vùng cao.</div></div>
</body></html>"""


def _article(n: int, *, dated: bool = True) -> str:
    iso = f"2026-10-0{n}T08:00:00+0700"
    return _ARTICLE.format(
        title=f"Bài thử số {n}",
        n=n,
        meta=f'<meta property="article:published_time" content="{iso}"/>' if dated else "",
        attr=f' datetime="{iso}"' if dated else "",
        shown=f"0{n}/10/2026 08:00" if dated else "",
    )


@pytest.fixture(scope="module")
def bad_mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("bad-mirror")
    site = root / "baolaocai.vn"
    (site / "chinh-tri").mkdir(parents=True)
    links = "".join(
        f'<h3><a href="https://baolaocai.vn/bai-{n}-post10000{n}.html">{n}</a></h3>' for n in range(1, 6)
    )
    (site / "chinh-tri" / "index.html").write_text(f"<html><body>{links}</body></html>", encoding="utf-8")
    (site / "bai-1-post100001.html").write_text(_article(1), encoding="utf-8")
    (site / "bai-2-post100002.html").write_text(_article(2, dated=False), encoding="utf-8")
    (site / "bai-3-post100003.html").write_text("<html><body><div class='article__bo", encoding="utf-8")
    (site / "bai-4-post100004.html").write_text(_article(4), encoding="utf-8")
    (site / "bai-5-post100005.html").write_text(_article(5), encoding="utf-8")
    (site / "kinh-te").mkdir()
    (site / "kinh-te" / "index.html").write_text(
        "<html><body><p>Chưa có bài</p></body></html>", encoding="utf-8"
    )
    (site / "rss").mkdir()
    (site / "rss" / "home.rss").write_text("<rss><channel></channel></rss>", encoding="utf-8")
    faults = {
        "baolaocai.vn/bai-4-post100004.html": {"status": 500},
        "baolaocai.vn/bai-5-post100005.html": {"delay": 6},
    }
    (root / "_faults.json").write_text(json.dumps(faults), encoding="utf-8")
    with running_mirror(root) as url:
        yield url


@pytest.fixture(scope="module")
def bad_crawl(bad_mirror: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("bad-output")
    done = scrapy_crawl("baolaocai", bad_mirror, output, "DOWNLOAD_TIMEOUT=2", "RETRY_TIMES=0")
    db = output / "articles.db"
    return {"db": db, "log": done.stderr, "drops": dict(query(db, "select url, reason from drops"))}


def test_bad_input_good_article_stored(bad_crawl: dict[str, Any]) -> None:
    rows = query(bad_crawl["db"], "select title, published from articles where url like '%post100001%'")
    assert rows == [("Bài thử số 1", "2026-10-01T08:00:00+07:00")]


def test_bad_input_undated_article_kept(bad_crawl: dict[str, Any]) -> None:
    rows = query(bad_crawl["db"], "select title, published from articles where url like '%post100002%'")
    assert rows == [("Bài thử số 2", None)]


def test_bad_input_malformed_page_dropped(bad_crawl: dict[str, Any]) -> None:
    assert bad_crawl["drops"]["https://baolaocai.vn/bai-3-post100003.html"] == "no_title"


def test_bad_input_server_error_recorded(bad_crawl: dict[str, Any]) -> None:
    assert bad_crawl["drops"]["https://baolaocai.vn/bai-4-post100004.html"] == "http_500"


def test_bad_input_timeout_recorded(bad_crawl: dict[str, Any]) -> None:
    assert bad_crawl["drops"]["https://baolaocai.vn/bai-5-post100005.html"] == "timeout"


def test_bad_input_missing_sitemap_recorded(bad_crawl: dict[str, Any]) -> None:
    assert bad_crawl["drops"]["https://baolaocai.vn/sitemap.xml"] == "http_404"


def test_bad_input_empty_feed_counted(bad_crawl: dict[str, Any]) -> None:
    stats = json.loads(query(bad_crawl["db"], "select stats from crawl_runs")[0][0])
    assert stats["baotinh/feed/empty"] == 1


def test_bad_input_empty_listing_counted(bad_crawl: dict[str, Any]) -> None:
    stats = json.loads(query(bad_crawl["db"], "select stats from crawl_runs")[0][0])
    assert stats["baotinh/listing/empty"] == 1


def test_bad_input_run_finished(bad_crawl: dict[str, Any]) -> None:
    assert query(bad_crawl["db"], "select finish_reason from crawl_runs") == [("finished",)]
