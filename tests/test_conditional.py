"""Conditional requests: what a 304 may skip, and what must be read in full next time."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from aggregator.run.conditional import ConditionalRequestsMiddleware


class Site(Spider):
    name = "site"

    def parse_feed(self, response):  # the middleware recognizes discovery by callback name
        return None

    def parse_sitemap(self, response):
        return None

    def parse_article(self, response):
        return None


def middleware() -> tuple[ConditionalRequestsMiddleware, Site]:
    crawler = get_crawler(Site)
    spider = Site()
    return ConditionalRequestsMiddleware(crawler), spider


def answer(
    mw: ConditionalRequestsMiddleware, request: Request, status: int = 200, body: bytes = b"<rss/>"
) -> None:
    headers = {"ETag": '"v1"', "Last-Modified": "Wed, 25 Nov 2026 10:00:00 GMT"}
    mw.process_response(request, Response(request.url, status=status, headers=headers, body=body))


def test_feed_validators_are_kept() -> None:
    mw, spider = middleware()
    answer(mw, Request("https://x.vn/rss", callback=spider.parse_feed))
    assert [row["etag"] for row in mw.to_save()] == ['"v1"']


def test_sitemap_index_is_always_read_in_full() -> None:
    mw, spider = middleware()
    answer(mw, Request("https://x.vn/sitemap.xml", callback=spider.parse_sitemap), body=b"<sitemapindex>")
    assert mw.to_save() == []


def test_feed_of_a_failed_article_is_read_in_full_next_time() -> None:
    mw, spider = middleware()
    answer(mw, Request("https://x.vn/rss", callback=spider.parse_feed))
    article = Request(
        "https://x.vn/a-1.html", callback=spider.parse_article, meta={"found_on": "https://x.vn/rss"}
    )
    answer(mw, article, status=500, body=b"")
    assert mw.to_save() == []


def test_backfill_and_full_runs_are_not_conditional() -> None:
    spider = Site()
    spider.since = "2026-01-01"
    assert ConditionalRequestsMiddleware.wanted(spider) is False


def test_unexpected_304_does_not_crash() -> None:
    mw, spider = middleware()
    answer(mw, Request("https://x.vn/rss", callback=spider.parse_feed), status=304, body=b"")
    assert [row["url"] for row in mw.to_save()] == ["https://x.vn/rss"]


def test_every_feed_that_listed_a_failed_article_is_read_in_full() -> None:
    """The article was requested from a listing page first; the feed's request was a duplicate."""
    mw, spider = middleware()
    for url in ("https://x.vn/rss", "https://x.vn/sitemap-news.xml"):
        answer(mw, Request(url, callback=spider.parse_feed))
    listed = {"found_on": "https://x.vn/rss"}
    mw.request_dropped(Request("https://x.vn/a-1.html", callback=spider.parse_article, meta=listed), spider)
    answer(mw, Request("https://x.vn/a-1.html", callback=spider.parse_article), status=500, body=b"")
    late = {"found_on": "https://x.vn/sitemap-news.xml"}  # listed again after the failure
    mw.request_dropped(Request("https://x.vn/a-1.html", callback=spider.parse_article, meta=late), spider)
    assert mw.to_save() == []
