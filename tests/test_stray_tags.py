"""A stray ``</html>`` before the head: selectors see the page a browser shows.

Our own pages reproduce the traps of Báo Tây Ninh's CMS (an ``</html>`` right after ``<html>``,
a whole document embedded in the article body); the real page in ``../shared/corpus`` is read too.
"""

from __future__ import annotations

from parsel import Selector
from scrapy.http import HtmlResponse, Request, TextResponse

from aggregator.extract.parse import StrayEndTagsMiddleware, adopt_stray_roots

URL = "https://baotayninh.vn/nong-dan-xa-hoa-thanh-thu-hoach-mia-som-91234.html"
PAGE = """<!DOCTYPE html>
<html lang="" class="desktop header-fixed">

</html>

<head><meta charset="utf-8"><title>Nông dân xã Hòa Thành thu hoạch mía sớm</title></head>
<body>
<h1 class="name">\t\tNông dân xã Hòa Thành thu hoạch mía sớm\t\t</h1>
<div id="content-detail"><!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<p class="sapo">Vụ mía năm nay vào mùa sớm hơn mọi năm nửa tháng.</p>
<p>Đoạn đầu: ruộng mía ven kênh đã chín đều.</p>
</body></html>
<p>Đoạn cuối: nhà máy đường mở cửa nhận mía từ đầu tuần.</p>
</div>
<div class="author"><strong>Minh An</strong></div>
</body>
</html>
""".encode()


def test_libxml2_alone_loses_the_article() -> None:
    """The trap is real: without the repair, the document's root holds nothing."""
    assert Selector(body=PAGE, type="html").css("h1.name").get() is None


def repaired(body: bytes) -> Selector:
    sel = Selector(body=body, type="html")
    adopt_stray_roots(sel.root)
    return sel


def test_title_is_found_after_the_repair() -> None:
    assert repaired(PAGE).css("h1.name::text").get().strip() == "Nông dân xã Hòa Thành thu hoạch mía sớm"


def test_head_is_found_after_the_repair() -> None:
    assert repaired(PAGE).css("title::text").get() == "Nông dân xã Hòa Thành thu hoạch mía sớm"


def test_the_embedded_document_stays_inside_the_body() -> None:
    paragraphs = [" ".join(p.css("::text").getall()).strip() for p in repaired(PAGE).css("#content-detail p")]
    assert paragraphs == [
        "Vụ mía năm nay vào mùa sớm hơn mọi năm nửa tháng.",
        "Đoạn đầu: ruộng mía ven kênh đã chín đều.",
        "Đoạn cuối: nhà máy đường mở cửa nhận mía từ đầu tuần.",
    ]


def test_the_byline_after_the_embedded_document_is_in_the_body() -> None:
    assert repaired(PAGE).xpath("//body//div[@class='author']/strong/text()").get() == "Minh An"


def test_a_sound_page_is_left_alone() -> None:
    sel = Selector(body=b"<html><head></head><body><p>x</p></body></html>\n<!-- 12 ms -->", type="html")
    before = sel.get()
    assert adopt_stray_roots(sel.root) is False and sel.get() == before


def test_garbage_does_not_raise() -> None:
    for body in (b" ", b"\x00\xff</html", b"</html></html><p>a</p></html><p>b</p>", b"<" * 1000):
        sel = Selector(body=body, type="html")
        adopt_stray_roots(sel.root)
        assert isinstance(sel.get(), str)


def test_middleware_repairs_html_responses_only() -> None:
    middleware = StrayEndTagsMiddleware()
    html = HtmlResponse(url=URL, body=PAGE, request=Request(URL))
    repaired = middleware.process_response(html.request, html)
    assert repaired.css("h1.name") and repaired.url == URL
    feed = TextResponse(url="https://baotayninh.vn/rss", body=b"<rss></rss></html><x/>", encoding="utf-8")
    assert middleware.process_response(feed.request, feed) is feed


def test_real_tay_ninh_page(corpus) -> None:
    """Báo Tây Ninh's real page: its title, under the repair (MANIFEST.md's ground truth)."""
    body = (corpus / "baotayninh.vn" / "article_y-te_88701.html").read_bytes()
    assert Selector(body=body, type="html").css("h1.name").get() is None
    title = repaired(body).css("h1.name::text").get()
    assert title.strip() == "Với biến chủng Omicron, nguyên tắc phòng bệnh chính vẫn là 5K và vaccine"
