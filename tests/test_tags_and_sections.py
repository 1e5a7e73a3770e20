"""Tags are the article's own; the category is its own section, never the home link."""

from __future__ import annotations

from aggregator.extract.labels import article_tags, keyword_tags, section


def test_site_wide_tags_appended_to_the_box_are_dropped() -> None:
    shown = ["lúa mùa", "An Giang", "Báo An Giang", "APEC 2027", "An Giang"]
    assert article_tags(shown, sitewide=("An Giang", "Báo An Giang", "APEC 2027")) == ["lúa mùa"]


def test_the_papers_own_name_is_not_a_tag() -> None:
    assert article_tags(["Báo Tây Ninh", "mía đường"], site_names=("Báo Tây Ninh",)) == ["mía đường"]


def test_a_tag_link_with_a_comma_is_one_tag() -> None:
    assert article_tags(["Phòng, chống thiên tai", "đê điều"]) == ["Phòng, chống thiên tai", "đê điều"]


def test_repeated_tags_once() -> None:
    assert article_tags(["#lúa gạo", "Lúa gạo", "xuất khẩu"]) == ["lúa gạo", "xuất khẩu"]


def test_an_articles_keywords_are_tags() -> None:
    assert keyword_tags("tiêm chủng, vắc-xin, trạm y tế") == ["tiêm chủng", "vắc-xin", "trạm y tế"]


def test_a_site_wide_keyword_list_is_not() -> None:
    assert keyword_tags("Tin tức, Thế giới, Công nghệ, Kinh tế - Xã hội, báo điện tử") == []


def test_keywords_naming_the_paper_are_site_wide() -> None:
    assert keyword_tags("Truyền hình Tây Ninh, chính trị, kinh tế", site_names=("Tây Ninh",)) == []


def test_section_is_the_last_breadcrumb_entry() -> None:
    assert section(["Trang chủ", "Xã hội", "Y tế - Sức khỏe"]) == "Y tế - Sức khỏe"


def test_the_home_link_is_never_the_section() -> None:
    assert section(["Trang chủ"]) is None


def test_trailing_space_and_separators_go() -> None:
    assert section(["THỜI SỰ", " > Cần Thơ "]) == "Cần Thơ"
