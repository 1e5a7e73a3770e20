"""Per-article extraction time: our spiders beside trafilatura and news-please, same pages.

Run through ``python benchmarks/crawl.py --extractors``. The pages are demo-mirror articles of
ten papers on several platforms. "ours" is what a crawl does per article: the stray-end-tag
repair of the downloader middleware, the owning spider's reading, and the Normalize step. trafilatura runs in this environment (it is a dependency);
news-please is installed by this script into its own virtual environment (``--np-venv``), because
its dependency pins clash with ours, and skipped with a note when it does not install.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
NP_VENV = Path(tempfile.gettempdir()) / "baotinh-news-please-venv"

_NEWS_PLEASE_TIMER = """
import json, sys, time
from newsplease import NewsPlease
pages = json.load(open(sys.argv[1], encoding="utf-8"))
for url, html in pages[:5]:
    NewsPlease.from_html(html, url=url, fetch_images=False)
started = time.perf_counter()
for url, html in pages:
    NewsPlease.from_html(html, url=url, fetch_images=False)
print((time.perf_counter() - started) / len(pages) * 1000)
"""


def sample_pages(per_site: int = 20) -> list[tuple[Any, str, bytes]]:
    """(spider class, url, body) of demo articles from ten papers."""
    from aggregator.demo import build_mirror
    from aggregator.run.mirror import mirror_file
    from benchmarks.crawl import choose_sites
    from spiders.registry import spider_classes

    sites = choose_sites(10)
    root = Path(tempfile.mkdtemp(prefix="baotinh-extract-"))
    manifest = build_mirror(root, articles_per_site=per_site + 5, sites=sites)
    classes = {cls.name: cls for cls in spider_classes()}
    pages = []
    for site in sites:
        for article in manifest["sites"][site]["articles"][:per_site]:
            parts = urlsplit(article["url"])
            path = mirror_file(root, f"/{parts.netloc}{parts.path}", parts.query)
            if path:
                pages.append((classes[site], article["url"], path.read_bytes()))
    return pages


def time_ours(pages: list[tuple[Any, str, bytes]]) -> float:
    from itemadapter import ItemAdapter
    from scrapy.http import HtmlResponse, Request

    from aggregator.extract.parse import StrayEndTagsMiddleware
    from aggregator.pipelines import normalize_article

    spiders = {cls: cls() for cls, _, _ in pages}
    middleware = StrayEndTagsMiddleware()  # the page read whole, as the crawl's middleware does

    def once() -> None:
        for cls, url, body in pages:
            request = Request(url)
            response = middleware.process_response(request, HtmlResponse(url=url, body=body, request=request))
            article = ItemAdapter(spiders[cls].extract_article(response))
            normalize_article(article, dateline_markers=cls.profile.dateline_markers)

    once()
    started = time.perf_counter()
    once()
    return (time.perf_counter() - started) / len(pages) * 1000


def time_trafilatura(pages: list[tuple[Any, str, bytes]]) -> float:
    import trafilatura

    html = [body.decode("utf-8") for _, _, body in pages]
    for text in html[:5]:
        trafilatura.bare_extraction(text, with_metadata=True)
    started = time.perf_counter()
    for text in html:
        trafilatura.bare_extraction(text, with_metadata=True)
    return (time.perf_counter() - started) / len(pages) * 1000


def time_news_please(pages: list[tuple[Any, str, bytes]]) -> float | str:
    python = NP_VENV / "bin" / "python"
    if not python.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(NP_VENV)], capture_output=True)
        installed = (
            made.returncode == 0
            and subprocess.run(
                [str(python), "-m", "pip", "install", "-q", "news-please"], capture_output=True, timeout=900
            ).returncode
            == 0
        )
        if not installed:
            return "not installable here"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump([(url, body.decode("utf-8")) for _, url, body in pages], handle)
    done = subprocess.run([str(python), "-c", _NEWS_PLEASE_TIMER, handle.name], capture_output=True, text=True,
                          timeout=900)  # fmt: skip
    if done.returncode != 0:
        return f"failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
    return float(done.stdout.strip().splitlines()[-1])


def compare() -> dict[str, Any]:
    pages = sample_pages()
    results: dict[str, Any] = {"pages": len(pages)}
    results["ours_ms"] = round(time_ours(pages), 3)
    results["trafilatura_ms"] = round(time_trafilatura(pages), 3)
    news_please = time_news_please(pages)
    results["news_please_ms"] = round(news_please, 3) if isinstance(news_please, float) else news_please
    return results
