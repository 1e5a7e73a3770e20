"""Garbage pages give a clean record or a recorded reason, never an exception out of the crawl."""

from __future__ import annotations

import random

import pytest
from itemadapter import ItemAdapter
from scrapy.utils.test import get_crawler

from aggregator.pipelines import DropArticle, ValidatePipeline, normalize_article
from spiders.baohaiphong import BaoHaiPhongSpider
from spiders.baolaocai import BaoLaoCaiSpider
from spiders.baotayninh import BaoTayNinhSpider
from spiders.news import GenericNewsSpider
from tests.spider_fixtures import make_spider, page

URL = "https://baohaiphong.vn/mot-bai-bao-bi-hong-123456.html"
NESTED = (
    "<html><body>" + "<div>" * 100_000 + "<p>Đoạn văn sâu nhất.</p>" + "</div>" * 100_000 + "</body></html>"
)
GARBAGE = {
    "empty": "",
    "spaces": "   \n\t ",
    "random": bytes(random.Random(7).getrandbits(8) for _ in range(20_000)).decode("latin-1"),
    "truncated": '<!DOCTYPE html><html><head><meta property="og:title" content="Cắt ngang',
    "nested": NESTED,
    "stray_ends": "</html></body></html><p>Chữ sau thẻ đóng.</p></html>",
    "script_only": "<script>" + "var a = 1;" * 5000 + "</script>",
    "table_soup": "<table>" * 3000 + "<td>ô</td>",
}
SPIDERS = [BaoHaiPhongSpider, BaoTayNinhSpider, BaoLaoCaiSpider]


@pytest.mark.parametrize("name", sorted(GARBAGE))
@pytest.mark.parametrize("cls", SPIDERS, ids=lambda c: c.name)
def test_platform_spider_reads_garbage_without_raising(cls: type, name: str) -> None:
    spider = make_spider(cls)
    (item,) = list(spider.parse_article(page(URL, text=GARBAGE[name])))
    article = ItemAdapter(item)
    normalize_article(article)
    assert isinstance(article["body"], str) and article["url"] == URL


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_generic_spider_reads_garbage_without_raising(name: str) -> None:
    spider = GenericNewsSpider.from_crawler(get_crawler(GenericNewsSpider), url="https://baohaiphong.vn/")
    items = list(spider.parse_article(page(URL, text=GARBAGE[name])) or [])
    assert all(ItemAdapter(item).get("url") == URL for item in items)


@pytest.mark.parametrize("name", ["empty", "random", "truncated", "nested", "table_soup"])
def test_garbage_is_dropped_with_a_reason(name: str) -> None:
    """What reads as no article is rejected by validation with a named reason, not lost silently."""
    spider = make_spider(BaoLaoCaiSpider)
    (item,) = list(spider.parse_article(page(URL, text=GARBAGE[name])))
    normalize_article(ItemAdapter(item))
    with pytest.raises(DropArticle) as dropped:
        ValidatePipeline(spider.crawler).process_item(item)
    assert dropped.value.reason in ("no_title", "no_body")
