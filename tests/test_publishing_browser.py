"""index.html in a real headless browser: Debian's chromium driven by selenium over 127.0.0.1.

The page is served by ``aggregator.run.serve``; the articles' URLs point at small pages on the same
server, so following a link never leaves the machine (the browser is also told to resolve no other
host). Skipped where chromium, chromedriver or selenium is missing (``.ci/install-publishing-tools``
installs the first two; selenium is in the test extras).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aggregator.run.serve import running_server
from tests.test_publishing_feeds import FEEDS, ROWS, build_publishing

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium/chromedriver not installed")
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

PHONE = (390, 844)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, output folder): the build of ROWS, each article's URL a page on the same server.

    The stand-ins for the papers' article pages sit in ``assets/``, a folder the server publishes.
    """
    root = tmp_path_factory.mktemp("browser")
    out = root / "out"
    out.mkdir()
    with running_server(out) as url:
        rows = [dict(r, url=f"{url}assets/articles/{r['id']}.html") for r in ROWS]
        build_publishing(root, rows=rows, site_url=url)
        (out / "assets" / "articles").mkdir(parents=True)
        for r in rows:
            page = f'<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><link rel="icon" href="data:,"><h1 id="article">{r["id"]}</h1></html>'
            (out / "assets" / "articles" / f"{r['id']}.html").write_text(page, encoding="utf-8")
        yield url, out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        f"--window-size={PHONE[0]},{PHONE[1]}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def visible_items(driver) -> list[dict[str, str]]:
    return [
        {"source": li.get_attribute("data-source"), "province": li.get_attribute("data-province")}
        for li in driver.find_elements(By.CSS_SELECTOR, "#articles > li")
        if li.is_displayed()
    ]


def open_index(driver, url: str, fragment: str = "") -> None:
    driver.get("about:blank")
    driver.get(f"{url}index.html{fragment}")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "filters").is_displayed())


def test_all_articles_shown_without_a_filter(browser, site):
    open_index(browser, site[0])
    expected = sum(len(v) for k, v in FEEDS.items() if k.startswith("source/"))
    assert (len(visible_items(browser)), browser.find_element(By.ID, "count").text) == (
        expected,
        f"{expected} bài",
    )


def test_province_filter_shows_only_that_province(browser, site):
    open_index(browser, site[0])
    Select(browser.find_element(By.ID, "province")).select_by_value("lang-son")
    items = visible_items(browser)
    assert (items, browser.current_url.endswith("#province=lang-son")) == (
        [{"source": "baolangson", "province": "lang-son"}] * len(FEEDS["province/lang-son"]),
        True,
    )


def test_source_filter_from_the_url_fragment(browser, site):
    open_index(browser, site[0], "#source=baolaocai")
    assert (
        {i["source"] for i in visible_items(browser)},
        len(visible_items(browser)),
        Select(browser.find_element(By.ID, "source")).first_selected_option.text,
    ) == ({"baolaocai"}, 2, "Báo Lào Cai")


def test_filter_matching_nothing_says_so(browser, site):
    open_index(browser, site[0], "#province=dong-nai&category=du-lich")
    assert (visible_items(browser), browser.find_element(By.ID, "empty").is_displayed()) == ([], True)


def test_clearing_the_filter_shows_everything_again(browser, site):
    open_index(browser, site[0], "#province=can-tho")
    Select(browser.find_element(By.ID, "province")).select_by_value("")
    assert len(visible_items(browser)) == sum(len(v) for k, v in FEEDS.items() if k.startswith("source/"))


def test_following_an_article_link(browser, site):
    open_index(browser, site[0])
    link = browser.find_element(By.CSS_SELECTOR, "#articles > li h2 a")
    link.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/articles/dn-bad.html"))
    assert browser.find_element(By.ID, "article").text == "dn-bad"


def test_every_feed_link_answers(browser, site):
    """Each feed link of the page, fetched by the page itself: 200 with the feed's content type."""
    open_index(browser, site[0])
    results = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const links = [...document.querySelectorAll('#feeds a')].map(a => a.href);
        Promise.all(links.map(h => fetch(h).then(r => [h, r.status, r.headers.get('content-type')])))
          .then(done, e => done(String(e)));
        """
    )
    kinds = {"rss": "application/rss+xml", "atom": "application/atom+xml", "opml": "text/x-opml"}
    assert [(status, kind.split(";")[0]) for href, status, kind in results] == [
        (200, kinds[href.rsplit(".", 1)[1]]) for href, _, _ in results
    ] and len(results) == 2 * len(FEEDS) + 1


def test_readable_on_a_phone(browser, site):
    open_index(browser, site[0])
    widths = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


def test_no_script_errors(browser, site):
    browser.get_log("browser")  # forget what earlier pages logged
    open_index(browser, site[0], "#province=lang-son")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_screenshot(browser, site, tmp_path):
    open_index(browser, site[0])
    path = Path(tmp_path) / "index.png"
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 1000
