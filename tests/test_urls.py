"""Canonical URLs and the stable article id."""

from __future__ import annotations

import re

import pytest

from aggregator.urls import (
    article_id,
    canonical_url,
    choose_canonical,
    is_share_link,
    strip_tracking,
    url_key,
)

ARTICLE = "https://baolaocai.vn/song-dep-moi-ngay-post404650.html"


@pytest.mark.parametrize(
    "param",
    [
        "utm_source=facebook",
        "utm_medium=social",
        "utm_campaign=tet",
        "UTM_Source=zalo",
        "fbclid=IwAR0abc",
        "gclid=Cj0KCQ",
        "zarsrc=30",
        "gidzl=xyz",
    ],
)
def test_tracking_param_removed(param):
    assert strip_tracking(f"{ARTICLE}?{param}") == ARTICLE


def test_tracking_removed_real_param_kept():
    url = "https://baocantho.com.vn/thoi-su?utm_source=fb&p=2&fbclid=Iw&zarsrc=31"
    assert strip_tracking(url) == "https://baocantho.com.vn/thoi-su?p=2"


def test_fragment_removed():
    assert strip_tracking(f"{ARTICLE}#binh-luan") == ARTICLE


def test_url_without_query_or_fragment_unchanged():
    assert strip_tracking("https://Baolaocai.vn/a-post1.html") == "https://Baolaocai.vn/a-post1.html"


def test_strip_tracking_keeps_other_params_byte_for_byte():
    url = "https://baoquangninh.vn/tim-kiem.aspx?q=%E9&sort=a;b&utm_source=x"
    assert strip_tracking(url) == "https://baoquangninh.vn/tim-kiem.aspx?q=%E9&sort=a;b"


def test_non_utf8_escapes_keep_articles_apart():
    first = "https://baoquangninh.vn/tin.asp?q=%E9&utm_source=x"
    second = "https://baoquangninh.vn/tin.asp?q=%E8&utm_source=x"
    assert article_id(first) != article_id(second)


def test_canonical_lowercases_host():
    assert canonical_url("https://BaoLaoCai.VN/a-post1.html") == "https://baolaocai.vn/a-post1.html"


def test_canonical_sorts_query():
    assert canonical_url("https://baocantho.com.vn/tim?b=2&a=1") == "https://baocantho.com.vn/tim?a=1&b=2"


def test_canonical_percent_encodes_vietnamese_path():
    assert (
        canonical_url("https://baolangson.vn/lạng-sơn.html")
        == "https://baolangson.vn/l%E1%BA%A1ng-s%C6%A1n.html"
    )


def test_canonical_strips_surrounding_space():
    assert canonical_url(f"  {ARTICLE} ") == ARTICLE


@pytest.mark.parametrize(
    "variant",
    [
        "http://baolaocai.vn/song-dep-moi-ngay-post404650.html",
        "https://www.baolaocai.vn/song-dep-moi-ngay-post404650.html",
        "https://baolaocai.vn/song-dep-moi-ngay-post404650.html/",
        "https://BAOLAOCAI.VN/song-dep-moi-ngay-post404650.html",
        "https://baolaocai.vn/song-dep-moi-ngay-post404650.html?utm_source=zalo&zarsrc=30",
        "https://baolaocai.vn/song-dep-moi-ngay-post404650.html?fbclid=IwAR1&gclid=x",
        "https://baolaocai.vn/song-dep-moi-ngay-post404650.html#binh-luan",
        "http://www.baolaocai.vn/song-dep-moi-ngay-post404650.html/?utm_medium=social#top",
    ],
)
def test_article_id_equal_across_variants(variant):
    assert article_id(variant) == article_id(ARTICLE)


def test_url_key_ignores_scheme_www_slash():
    assert url_key("http://www.baolaocai.vn/thoi-su/") == "baolaocai.vn/thoi-su"


def test_article_id_is_16_hex_digits():
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(ARTICLE))


def test_article_id_is_stable_value():
    # The id is public (users query it); it must never change for a given URL.
    assert article_id("https://baolaocai.vn/a-post1.html") == "2673491c5bf12835"


@pytest.mark.parametrize(
    "other",
    [
        "https://baolaocai.vn/song-dep-moi-ngay-post404651.html",
        "https://baoyenbai.com.vn/song-dep-moi-ngay-post404650.html",
        "https://baolaocai.vn/song-dep-moi-ngay-post404650.html?id=2",
    ],
    ids=["other-number", "other-host", "real-query"],
)
def test_article_id_differs_for_other_articles(other):
    assert article_id(other) != article_id(ARTICLE)


# --- choose_canonical ------------------------------------------------------------------------

PLO_PAGE = "https://plo.vn/tuyen-duong-moi-thong-xe-post874715.html"


def test_share_link_canonical_ignored():
    assert choose_canonical(PLO_PAGE, "https://plo.vn/share874715.html") == PLO_PAGE


def test_foreign_host_canonical_ignored():
    assert choose_canonical(PLO_PAGE, "https://baomoi.com/tuyen-duong-moi-c123.epi") == PLO_PAGE


def test_lookalike_host_canonical_ignored():
    assert (
        choose_canonical(PLO_PAGE, "https://notplo.vn/tuyen-duong-moi-thong-xe-post874715.html") == PLO_PAGE
    )


def test_home_page_canonical_ignored():
    assert choose_canonical(PLO_PAGE, "https://plo.vn/") == PLO_PAGE


def test_missing_canonical_gives_page():
    assert choose_canonical(f"{PLO_PAGE}?utm_source=fb", None) == PLO_PAGE


def test_same_site_canonical_preferred():
    page = "https://plo.vn/tuyen-duong-moi-thong-xe-post874715.html?zarsrc=30"
    declared = "https://plo.vn/thoi-su/tuyen-duong-moi-thong-xe-post874715.html"
    assert choose_canonical(page, declared) == declared


def test_www_canonical_is_same_site():
    declared = "https://www.plo.vn/tuyen-duong-moi-thong-xe-post874715.html?utm_source=x"
    assert (
        choose_canonical(PLO_PAGE, declared) == "https://www.plo.vn/tuyen-duong-moi-thong-xe-post874715.html"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://plo.vn/share874715.html", True),
        ("https://plo.vn/amp/874715.html", True),
        ("https://plo.vn/sharepoint-moi-post1.html", False),
        ("https://plo.vn/tuyen-duong-moi-thong-xe-post874715.html", False),
    ],
)
def test_is_share_link(url, expected):
    assert is_share_link(url) is expected
