"""Bylines: people are authors; role prefixes, credits, placeholders, accounts and publishers are not."""

from __future__ import annotations

import pytest

from aggregator.extract.people import choose_byline, read_byline


@pytest.mark.parametrize(
    ("printed", "author"),
    [
        ("Tin, ảnh: P.Y", "P.Y"),
        ("Tin và ảnh: Minh Khôi", "Minh Khôi"),
        ("Bài và ảnh: Hồng Nhung", "Hồng Nhung"),
        ("Bài, ảnh: THANH SƠN", "THANH SƠN"),
        ("Bài: Đình Nam", "Đình Nam"),
        ("Nhóm PV: Văn Long, Khánh Linh", "Văn Long, Khánh Linh"),
        ("Thu Hiền - Mạnh Hùng", "Thu Hiền, Mạnh Hùng"),
        ("Phương Thảo, Trung Kiên", "Phương Thảo, Trung Kiên"),
        ("BS ĐOÀN MINH TÂM", "BS ĐOÀN MINH TÂM"),
    ],
)
def test_people_without_their_role(printed: str, author: str) -> None:
    assert read_byline(printed).author == author


@pytest.mark.parametrize(
    ("printed", "credit"),
    [("Theo Vietnamnet", "Vietnamnet"), ("Theo TTXVN", "TTXVN"), ("Nguồn: Báo Nhân Dân", "Báo Nhân Dân")],
)
def test_a_source_credit_is_a_credit(printed: str, credit: str) -> None:
    assert read_byline(printed) == type(read_byline(printed))(author=None, credit=credit)


def test_person_and_source_are_split() -> None:
    byline = read_byline("Ngọc Hân/Báo Tin tức")
    assert (byline.author, byline.credit) == ("Ngọc Hân", "Báo Tin tức")


@pytest.mark.parametrize(
    "printed", ["Bút danh", "Tác giả", "admin", "longantv", "web_editor2", "Ảnh: Đức Anh"]
)
def test_never_an_author(printed: str) -> None:
    assert read_byline(printed).author is None


def test_the_publishers_own_name_is_never_an_author() -> None:
    assert read_byline("Báo Hải Phòng", publishers=["Báo Hải Phòng"]).author is None


def test_an_organisation_is_never_an_author() -> None:
    assert read_byline("Báo Lào Cai điện tử").author is None


def test_printed_byline_beats_structured_data() -> None:
    byline, source = choose_byline([("selector", "Tin, ảnh: T.N"), ("meta", "Trần Ngọc")])
    assert (byline.author, source) == ("T.N", "selector")


def test_a_placeholder_falls_through_to_the_body_byline() -> None:
    byline, source = choose_byline([("selector", "Bút danh"), ("text", "BS LÊ HOÀNG"), ("meta", "longantv")])
    assert (byline.author, source) == ("BS LÊ HOÀNG", "text")


def test_a_credit_is_kept_when_the_author_comes_later() -> None:
    byline, _ = choose_byline([("selector", "Theo TTXVN"), ("meta", "Thanh Tùng")])
    assert (byline.author, byline.credit) == ("Thanh Tùng", "TTXVN")


def test_nobody_at_all() -> None:
    byline, source = choose_byline([("selector", None), ("meta", "longantv")])
    assert (byline.author, byline.credit, source) == (None, None, None)
