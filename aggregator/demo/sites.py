"""The three mirrored papers: host, platform, sections and URL shapes.

URL shapes follow the real sites where a page showed them (SITES.md, corpus); where no page did,
the shape is marked [inferred].
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    """A category: its listing lives at ``path`` and its stories come from ``topics``."""

    path: str  # "thoi-su/" (F1, F4 sub-sections "thoi-su/can-tho/"), "chinh-tri" (F2)
    name: str
    topics: frozenset[str]


@dataclass(frozen=True, slots=True)
class SiteSpec:
    key: str
    host: str
    paper: str
    platform: str  # "F1", "F2", "F4" as in SITES.md
    sections: tuple[Section, ...]
    section_pattern: tuple[int, ...]  # section of article i = pattern[i % len(pattern)]
    id_base: int
    id_step: int

    @property
    def root(self) -> str:
        return f"https://{self.host}/"


def _topics(*keys: str) -> frozenset[str]:
    return frozenset(keys)


SITES: dict[str, SiteSpec] = {
    "baolaocai": SiteSpec(
        key="baolaocai",
        host="baolaocai.vn",
        paper="Báo Lào Cai điện tử",
        platform="F1",
        # The real menu calls the news section /chinh-tri/ ("Chính trị - thời sự").
        sections=(
            Section("chinh-tri/", "Chính trị", _topics(
                "hoi-nghi", "thien-tai", "an-toan-giao-thong", "y-te", "chuyen-doi-so", "nha-o",
                "giao-thong", "thanh-nien", "truong-hoc", "nuoc-sach")),
            Section("kinh-te/", "Kinh tế", _topics(
                "cua-khau", "mua-vu", "ocop", "trong-rung", "cay-an-qua", "viec-lam")),
            Section("van-hoa/", "Văn hóa", _topics("le-hoi", "du-lich", "the-thao")),
        ),
        section_pattern=(0, 0, 1, 0, 2, 0),
        id_base=300000,
        id_step=2,
    ),
    "baocantho": SiteSpec(
        key="baocantho",
        host="baocantho.com.vn",
        paper="Báo Cần Thơ Online",
        platform="F4",
        # Both are sub-sections of THỜI SỰ, whose listing /thoi-su/ shows them all (as on the site).
        sections=(
            Section("thoi-su/can-tho/", "Cần Thơ", _topics(
                "hoi-nghi", "giao-thong", "truong-hoc", "y-te", "chuyen-doi-so", "cho-noi",
                "an-toan-giao-thong", "nha-o", "thanh-nien", "the-thao", "le-hoi")),
            Section("thoi-su/dbscl/", "ĐBSCL", _topics(
                "mua-vu", "thuy-san", "cay-an-qua", "ocop", "nuoc-sach", "thien-tai", "du-lich",
                "viec-lam")),
        ),
        section_pattern=(0, 0, 1),
        id_base=150000,
        id_step=2,
    ),
    "baolangson": SiteSpec(
        key="baolangson",
        host="baolangson.vn",
        paper="Báo Lạng Sơn",
        platform="F2",
        sections=(
            Section("chinh-tri", "Chính trị", _topics(
                "hoi-nghi", "chuyen-doi-so", "an-toan-giao-thong", "thanh-nien", "thien-tai",
                "nha-o", "y-te")),
            Section("kinh-te", "Kinh tế", _topics(
                "cua-khau", "mua-vu", "ocop", "trong-rung", "cay-an-qua", "giao-thong",
                "nuoc-sach", "viec-lam")),
            Section("xa-hoi", "Xã hội", _topics("le-hoi", "du-lich", "truong-hoc", "the-thao")),
        ),
        section_pattern=(0, 0, 1, 0, 2, 0),
        id_base=5000000,
        id_step=3,
    ),
}  # fmt: skip


def url_to_path(url: str, folders: Container[str] = ()) -> str:
    """The mirror file of *url*: ``HOST/PATH``, ``…/`` → ``…/index.html``, ``?QUERY`` kept.

    Like the mirror server, a path naming a folder (one of *folders*) also means its index.html:
    baocantho's page 2 ``/thoi-su?p=2`` lives next to page 1 ``/thoi-su/``.
    """
    rest = url.split("://", 1)[1]
    location, _, query = rest.partition("?")
    if location.endswith("/"):
        location += "index.html"
    elif location in folders:
        location += "/index.html"
    return f"{location}?{query}" if query else location
