"""``output/health.html``: per source a bar strip of new articles, newest age, last run, flags."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from parsel import Selector

import aggregator.store.schema
from aggregator.publish import build_feeds_for
from aggregator.run.serve import running_server
from aggregator.store import ArticleStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
DAYS = ("2026-11-20T03:00:00+00:00", "2026-11-24T03:00:00+00:00", "2026-11-26T03:00:00+00:00")


def article(article_id: str, source: str, published: str) -> dict:
    return {
        "id": article_id,
        "url": f"https://{source}.vn/{article_id}-123.html",
        "source": source,
        "source_name": {"steady": "Báo Vững", "drifted": "Báo Đổi"}[source],
        "province": "Mẫu Sơn",
        "title": f"Tin {article_id}",
        "body": "nội dung",
        "content_hash": article_id,
        "published": published,
        "provenance": json.dumps({"title": "selector", "published": "selector", "body": "selector"}),
    }


def counters(articles: int, source: str) -> dict[str, int]:
    return {f"baotinh/field/{name}/{source}": articles for name in ("title", "published", "body")}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("health-page")
    with pytest.MonkeyPatch.context() as mp:
        store = ArticleStore(root / "articles.db")
        for day, (new_steady, new_drifted) in zip(DAYS, ((2, 6), (1, 0), (3, 6)), strict=True):
            mp.setattr(aggregator.store.schema, "utc_now", lambda day=day: day)
            store.save_articles(
                [article(f"s{day[8:10]}{i}", "steady", day) for i in range(new_steady)]
                + [article(f"d{day[8:10]}{i}", "drifted", day) for i in range(new_drifted)]
            )
            for source, new in (("steady", new_steady), ("drifted", new_drifted)):
                read_by = "jsonld" if source == "drifted" and day == DAYS[-1] else "selector"
                run_id = store.start_run(source)
                store.finish_run(
                    run_id, finish_reason="finished", pages=9, new=new, updated=0, unchanged=0, dropped=0,
                    errors=0, stats=counters(new, read_by),
                )  # fmt: skip
        store.close()
    settings = {"BAOTINH_OUTPUT": str(root), "BAOTINH_DB": str(root / "articles.db")}
    build_feeds_for(settings)
    return root


def page(out: Path) -> Selector:
    return Selector((out / "health.html").read_text(encoding="utf-8"))


def test_flagged_sources_come_first(out: Path) -> None:
    assert page(out).css("tr.source::attr(data-source)").getall() == ["drifted", "steady"]


def test_the_drifted_source_shows_its_flag_and_figure(out: Path) -> None:
    row = page(out).css('tr[data-source="drifted"]')
    assert (row.css(".flag::text").getall(), row.css(".flag + small::text").get()) == (
        ["drift"],
        "đọc đúng 0% (trước đó 100%)",
    )


def test_a_steady_source_is_fine(out: Path) -> None:
    assert page(out).css('tr[data-source="steady"] .ok::text').get() == "ổn"


def test_bar_strip_counts_new_articles_per_day(out: Path) -> None:
    bars = page(out).css('tr[data-source="steady"] svg rect title::text').getall()
    days = dict(b.split(": ") for b in bars)
    assert (len(bars), days["2026-11-20"], days["2026-11-24"], days["2026-11-26"]) == (28, "2", "1", "3")


def test_the_page_names_the_papers(out: Path) -> None:
    assert page(out).css('tr[data-source="drifted"] th::text').get() == "Báo Đổi"


def test_an_unchanged_database_gives_the_same_page(out: Path) -> None:
    before = (out / "health.html").read_bytes()
    report = build_feeds_for({"BAOTINH_OUTPUT": str(out), "BAOTINH_DB": str(out / "articles.db")})
    assert ((out / "health.html").read_bytes() == before, out / "health.html" in report.unchanged) == (
        True,
        True,
    )


def test_no_script_and_nothing_from_elsewhere(out: Path) -> None:
    sel = page(out)
    assert (
        sel.css("script").getall(),
        [u for u in sel.css("[src]::attr(src), link::attr(href)").getall() if "//" in u],
    ) == (
        [],
        [],
    )


def test_index_links_the_health_page(out: Path) -> None:
    assert "health.html" in Selector((out / "index.html").read_text("utf-8")).css("a::attr(href)").getall()


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium/chromedriver not installed")
def test_health_page_in_a_browser(out: Path, tmp_path: Path) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 f"--user-data-dir={tmp_path / 'profile'}", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 "--window-size=390,844"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        with running_server(out) as url:
            driver.get(f"{url}index.html")
            driver.find_element(By.CSS_SELECTOR, 'a[href="health.html"]').click()
            rows = driver.find_elements(By.CSS_SELECTOR, "tr.source")
            shown = [(r.get_attribute("data-source"), r.is_displayed()) for r in rows]
            bars = driver.find_elements(By.CSS_SELECTOR, 'tr[data-source="steady"] svg rect')
            tallest = max(int(b.get_attribute("height")) for b in bars)
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            assert (driver.title, shown, tallest, errors) == (
                "Tình trạng các nguồn tin",
                [("drifted", True), ("steady", True)],
                22,
                [],
            )
    finally:
        driver.quit()
