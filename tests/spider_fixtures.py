"""Run a spider's callbacks on the hand-written pages in ``tests/fixtures/<site>/``.

A fixture is loaded as bytes into a Scrapy response with a fixed, real-looking URL (the URL the
page would have on the site), the spider is built through a test crawler so settings and stats
work as in a crawl, and an article goes through the same Normalize step as in the pipelines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import scrapy
from itemadapter import ItemAdapter
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.utils.test import get_crawler

from aggregator.extract.parse import StrayEndTagsMiddleware
from aggregator.pipelines import normalize_article

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_text(site: str, name: str) -> str:
    """A fixture page as text, for tests that break one selector with ``str.replace``."""
    return (FIXTURES / site / name).read_text(encoding="utf-8")


def make_spider(spider_cls: type[scrapy.Spider], **settings: Any) -> scrapy.Spider:
    """The spider as a crawl would build it (settings, stats), without starting a crawl."""
    crawler = get_crawler(spider_cls, settings_dict=settings or None)
    spider = spider_cls.from_crawler(crawler)
    crawler.spider = spider
    return spider


def page(
    url: str,
    site: str | None = None,
    name: str | None = None,
    *,
    text: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Response:
    """A response for *url* whose body is the fixture ``site/name`` (or *text*), as a spider gets it.

    HTML goes through what the crawl's downloader middleware does (a stray ``</html>`` repaired).
    """
    body = text.encode("utf-8") if text is not None else (FIXTURES / str(site) / str(name)).read_bytes()
    request = Request(url, meta=dict(meta or {}))
    if (name or "").endswith((".xml", ".rss")):
        return XmlResponse(url=url, body=body, request=request, encoding="utf-8")
    return StrayEndTagsMiddleware().process_response(
        request, HtmlResponse(url=url, body=body, request=request, encoding="utf-8")
    )


def run(callback: Any, response: Response) -> list[Any]:
    """Everything a callback yields for *response*."""
    return list(callback(response) or [])


def article_from(spider: scrapy.Spider, response: Response) -> ItemAdapter:
    """The article that ``parse_article`` yields, normalized as the pipelines would."""
    (item,) = run(spider.parse_article, response)
    adapter = ItemAdapter(item)
    normalize_article(adapter, dateline_markers=spider.profile.dateline_markers)
    return adapter


def edited_article(
    spider: scrapy.Spider,
    site: str,
    url: str,
    *replacements: tuple[str, str],
    meta: dict[str, Any] | None = None,
) -> ItemAdapter:
    """The site's fixture article with parts of its markup replaced (a redesign, a missing tag)."""
    text = fixture_text(site, "article.html")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return article_from(spider, page(url, text=text, meta=meta))
