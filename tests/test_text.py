"""Text normalization and body splitting, on small fragments that reproduce each platform's markup."""

from __future__ import annotations

import unicodedata

import pytest

from aggregator.extract.body import split_body
from aggregator.text import clean_multiline, clean_text, sanitize_html, xml_safe

# --- clean_text ------------------------------------------------------------------------------


def test_decomposed_input_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Lạng Sơn")
    assert clean_text(decomposed) == "Lạng Sơn"


def test_decomposed_input_is_composed_codepoint_for_codepoint():
    decomposed = unicodedata.normalize("NFD", "Đồng Nai")
    assert len(clean_text(decomposed)) == 8


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("N&ocirc;ng V&#259;n V&acirc;n", "Nông Văn Vân"),
        ("Tr&#432;&#7901;ng h&#7885;c", "Trường học"),
        ("Qu&#x1EA3;ng Ninh", "Quảng Ninh"),
        ("N&amp;ocirc;ng d&amp;acirc;n", "Nông dân"),
        ("Tin &amp;amp; ảnh", "Tin & ảnh"),
        ("AT&T và 5 < 6", "AT&T và 5 < 6"),
    ],
    ids=["named", "decimal", "hex", "double-encoded", "double-encoded-amp", "bare-ampersand"],
)
def test_entities_decoded(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cao\u00a0Bằng", "Cao Bằng"),
        ("Cao\u200bBằng", "CaoBằng"),
        ("\ufeffCao Bằng", "Cao Bằng"),
        ("Cao\u2060Bằng\u200d", "CaoBằng"),
        ("Cao\x01Bằng", "Cao Bằng"),
        ("Cao\x0bBằng\x7f", "Cao Bằng"),
        ("  Cao \t\r\n  Bằng  ", "Cao Bằng"),
        ("Cao\u3000\u2003Bằng", "Cao Bằng"),
    ],
    ids=["nbsp", "zwsp", "bom", "word-joiner", "soh", "vt-del", "whitespace-run", "wide-spaces"],
)
def test_invisible_and_control_characters(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("empty", [None, "", "   ", "\u200b\u00a0"])
def test_empty_input_gives_empty_string(empty):
    assert clean_text(empty) == ""


def test_clean_multiline_keeps_paragraph_breaks():
    assert (
        clean_multiline("Đoạn một.\n\n\n  Đoạn\u00a0hai. \n \nĐoạn ba.")
        == "Đoạn một.\n\nĐoạn hai.\n\nĐoạn ba."
    )


# --- F1: div.article__body with <style>, ads and a div.t1 > span.t2 byline ------------------

F1_BODY = """<div class="article__body zce-content-body cms-body" itemprop="articleBody">
<style>.t2{font-weight:bold;}.t1{text-align:right;}</style>
<p>Buổi sáng ở xã vùng cao bắt đầu bằng tiếng gà gáy và làn sương mỏng trên nương chè.</p>
<div class="rennab rennab-top" id="sdaWeb_SdaArticleAfterBody_1"><script>window.sda = 1;</script></div>
<p>Người dân trong bản cùng nhau sửa lại con đường đất dẫn ra trường học.</p>
<div class="rennab" id="sdaWeb_SdaInArticle_2"></div>
<p>Các em học sinh nay đến lớp sạch sẽ hơn trong mùa mưa.</p>
<div class="t1"><span class="t2">Minh Khôi</span></div>
</div>"""


@pytest.fixture(scope="module")
def f1():
    return split_body(F1_BODY, base_url="https://baolaocai.vn/duong-moi-post1.html")


def test_f1_paragraphs(f1):
    assert f1.paragraphs == [
        "Buổi sáng ở xã vùng cao bắt đầu bằng tiếng gà gáy và làn sương mỏng trên nương chè.",
        "Người dân trong bản cùng nhau sửa lại con đường đất dẫn ra trường học.",
        "Các em học sinh nay đến lớp sạch sẽ hơn trong mùa mưa.",
    ]


def test_f1_byline_from_t1_t2(f1):
    assert f1.byline == "Minh Khôi"


def test_f1_no_dateline(f1):
    assert f1.dateline is None


def test_f1_text_joins_paragraphs_with_blank_line(f1):
    assert f1.text.count("\n\n") == 2


def test_f1_html_has_no_style_rules(f1):
    assert ".t2{" not in f1.html


def test_f1_html_has_no_ad_script(f1):
    assert "sda" not in f1.html


def test_f1_html_has_no_byline(f1):
    assert "Minh Khôi" not in f1.html


def test_f1_html_keeps_paragraphs(f1):
    assert f1.html.count("<p>") == 3


# --- F4: (CTO) dateline, relative image under <base>, centred caption, "Tin, ảnh:" byline ----

F4_BASE = "https://baocantho.com.vn/static/templates/version1/homepage/"
F4_BODY = """<p><strong>(CTO)</strong> - Sáng 8-1, phường Ninh Kiều tổ chức lễ ra quân dọn dẹp bờ kè ven sông.</p>
<p>Hơn hai trăm đoàn viên thanh niên tham gia nhặt rác và trồng thêm cây xanh.</p>
<p><img src="../../image/x.webp" alt="Dọn bờ kè"></p>
<p style="text-align: center;"><em>Thanh niên thu gom rác dọc bờ kè.</em></p>
<p>Hoạt động sẽ được duy trì vào sáng chủ nhật hằng tuần.</p>
<p style="text-align: right;"><strong>Tin, ảnh: P.Y</strong></p>"""


@pytest.fixture(scope="module")
def f4():
    return split_body(F4_BODY, base_url=F4_BASE)


def test_f4_dateline(f4):
    assert f4.dateline == "(CTO)"


def test_f4_first_paragraph_without_dateline(f4):
    assert f4.paragraphs[0] == "Sáng 8-1, phường Ninh Kiều tổ chức lễ ra quân dọn dẹp bờ kè ven sông."


def test_f4_paragraphs_exclude_caption_and_byline(f4):
    assert f4.paragraphs[1:] == [
        "Hơn hai trăm đoàn viên thanh niên tham gia nhặt rác và trồng thêm cây xanh.",
        "Hoạt động sẽ được duy trì vào sáng chủ nhật hằng tuần.",
    ]


def test_f4_caption(f4):
    assert f4.captions == ["Thanh niên thu gom rác dọc bờ kè."]


def test_f4_byline(f4):
    assert f4.byline == "Tin, ảnh: P.Y"


def test_f4_image_src_resolved_against_base(f4):
    assert 'src="https://baocantho.com.vn/static/templates/image/x.webp"' in f4.html


def test_f4_no_relative_src_left(f4):
    assert "../" not in f4.html


def test_f4_html_has_no_byline(f4):
    assert "P.Y" not in f4.html


def test_f4_html_drops_style_attributes(f4):
    assert "style=" not in f4.html


# --- F2: LSO glued to the first word, caption table, {{ template }}, caps byline, cut-off ----

F2_BODY = """<div id="content-detail">
<p><strong>LSO</strong>Sáng nay, tại quảng trường thành phố, hội chợ nông sản mùa xuân đã khai mạc.</p>
<table class="image" align="center"><tbody>
<tr><td><img src="https://baolangson.vn/uploads/hoi-cho.jpg" alt=""></td></tr>
<tr><td class="image_desc">Khách tham quan gian hàng hồng vành khuyên</td></tr>
</tbody></table>
<p>Hội chợ có hơn một trăm gian hàng của các hợp tác xã trong tỉnh.</p>
<p>{{ article.related_box }}</p>
<div class="box">Giá vé {{ price }}</div>
<p>Ban tổ chức dự kiến đón khoảng mười nghìn lượt khách.</p>
<p>HOÀNG MINH</p>
<p>Không được sao chép dưới mọi hình thức khi chưa có sự đồng ý bằng văn bản.</p>
<p>Tin liên quan</p>
<p><a href="/bai-khac-5071655.html">Một bài khác của chuyên mục</a></p>
</div>"""


@pytest.fixture(scope="module")
def f2():
    return split_body(
        F2_BODY, base_url="https://baolangson.vn/hoi-cho-5071654.html", dateline_markers=("LSO",)
    )


def test_f2_dateline_glued_in_bold(f2):
    assert f2.dateline == "LSO"


def test_f2_paragraphs(f2):
    assert f2.paragraphs == [
        "Sáng nay, tại quảng trường thành phố, hội chợ nông sản mùa xuân đã khai mạc.",
        "Hội chợ có hơn một trăm gian hàng của các hợp tác xã trong tỉnh.",
        "Ban tổ chức dự kiến đón khoảng mười nghìn lượt khách.",
    ]


def test_f2_caps_byline(f2):
    assert f2.byline == "HOÀNG MINH"


def test_f2_caption_from_table(f2):
    assert f2.captions == ["Khách tham quan gian hàng hồng vành khuyên"]


def test_f2_template_text_gone_from_html(f2):
    assert "{{" not in f2.html


def test_f2_template_block_with_words_gone_from_html(f2):
    assert "Giá vé" not in f2.html


def test_f2_boilerplate_gone_from_html(f2):
    assert "sao chép" not in f2.html


def test_f2_html_cut_at_related_heading(f2):
    assert "Tin liên quan" not in f2.html


def test_f2_html_cut_drops_related_links(f2):
    assert "bai-khac" not in f2.html


def test_f2_html_keeps_last_paragraph_before_cut(f2):
    assert "mười nghìn lượt khách" in f2.html


def test_plain_text_dateline_marker_glued():
    parts = split_body("LSOSáng nay trời rét đậm ở vùng núi.", dateline_markers=("LSO",))
    assert (parts.dateline, parts.paragraphs) == ("LSO", ["Sáng nay trời rét đậm ở vùng núi."])


def test_marker_not_taken_from_a_longer_word():
    parts = split_body("<p>LSOng là một từ không có thật.</p>", dateline_markers=("LSO",))
    assert parts.dateline is None


def test_caps_name_glued_to_last_sentence():
    body = "<p>Mở đầu bài viết.</p><p>Câu cuối của bài viết.HOÀNG MINH</p>"
    parts = split_body(body)
    assert (parts.byline, parts.paragraphs[-1]) == ("HOÀNG MINH", "Câu cuối của bài viết.")


@pytest.mark.parametrize(
    "line",
    ["Không được sao chép nội dung này", "Bản quyền thuộc Báo Cao Bằng", "Xem thêm: bài viết cũ"],
)
def test_boilerplate_line_removed(line):
    parts = split_body(f"<p>Nội dung chính của bài.</p><p>{line}</p><p>Câu kết của bài.</p>")
    assert parts.paragraphs == ["Nội dung chính của bài.", "Câu kết của bài."]


@pytest.mark.parametrize("heading", ["Tin liên quan", "Từ khóa:", "Bài liên quan", "Ý kiến bạn đọc"])
def test_cut_at_heading(heading):
    parts = split_body(f"<p>Nội dung chính của bài.</p><h3>{heading}</h3><p>Bài khác</p>")
    assert parts.paragraphs == ["Nội dung chính của bài."]


def test_cut_inside_nested_block_drops_what_follows_in_html():
    body = (
        "<div><p>Nội dung chính của bài.</p><div class='related'><h3>Tin liên quan</h3>"
        "<ul><li>Bài khác</li></ul></div><p>Phần sau cùng</p></div>"
    )
    assert split_body(body).html == "<div><p>Nội dung chính của bài.</p></div>"


def test_single_paragraph_is_not_taken_as_byline():
    assert split_body("<p><strong>Nguyễn An</strong></p>").paragraphs == ["Nguyễn An"]


# --- sanitize_html / xml_safe ----------------------------------------------------------------

HOSTILE = (
    '<p onclick="steal()">Xin chào <a href="javascript:alert(1)">liên kết</a>'
    "<script>alert(2)</script><style>p{color:red}</style>"
    '<iframe src="https://evil.example/"></iframe><img src="/anh.jpg" onerror="x()"></p>'
)


@pytest.fixture(scope="module")
def sanitized():
    return sanitize_html(HOSTILE, base_url="https://baocaobang.vn/")


@pytest.mark.parametrize(
    "fragment", ["<script", "alert(2)", "<style", "color:red", "<iframe", "evil.example"]
)
def test_sanitize_removes_active_content(sanitized, fragment):
    assert fragment not in sanitized


@pytest.mark.parametrize("fragment", ["onclick", "onerror", "javascript:"])
def test_sanitize_removes_handlers_and_js_urls(sanitized, fragment):
    assert fragment not in sanitized


def test_sanitize_keeps_link_text(sanitized):
    assert ">liên kết</a>" in sanitized


def test_sanitize_absolutizes_image(sanitized):
    assert '<img src="https://baocaobang.vn/anh.jpg">' in sanitized


def test_sanitize_without_base_drops_relative_urls():
    assert (
        sanitize_html('<p><a href="/x.html">x</a></p>')
        == '<p><a rel="noopener noreferrer nofollow">x</a></p>'
    )


def test_sanitize_promotes_lazy_image():
    markup = '<p><img src="data:image/gif;base64,R0lGOD" data-src="https://baolaocai.vn/a.jpg"></p>'
    assert sanitize_html(markup) == '<p><img src="https://baolaocai.vn/a.jpg"></p>'


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"])
def test_xml_safe_removes_forbidden(char):
    assert xml_safe(f"Lào{char}Cai") == "LàoCai"


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_xml_safe_keeps_allowed_whitespace(char):
    assert xml_safe(f"Lào{char}Cai") == f"Lào{char}Cai"
