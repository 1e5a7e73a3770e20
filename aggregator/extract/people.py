"""Who wrote it: a printed byline becomes the author(s) and, separately, the source credit.

Provincial pages print ``Tin và ảnh: Nam Giang``, ``Tin, ảnh: P.Y``, ``Tạ Nguyên/Báo Tin tức``
or ``Theo Vietnamnet``; templates leave the placeholder ``Bút danh``; JSON-LD names the CMS
account (``longantv``) or the publisher. Only people are authors: role prefixes are stripped,
every person is kept (``A, B``), a source credit (``Theo …``, ``Nguồn: …``, the part after a
``/``) goes to ``credit``, and placeholders, accounts, photo credits and the publisher's own
name are never authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from aggregator.text import caseless, clean_text

# "Tin, ảnh:", "Tin và ảnh:", "Bài và ảnh:", "Bài, ảnh:", "Bài:", "Nhóm PV:", "Thực hiện:" …
ROLE_PREFIX = re.compile(
    r"^(?:(?:Tin|Bài|Ảnh|Video|Clip|Đồ họa|Đồ hoạ|Thực hiện|Nhóm PV|Nhóm phóng viên|Nhóm tác giả"
    r"|Tác giả|Người viết|Phóng viên|PV|Bởi|By)(?:\s*(?:,|và|-|&|\+)\s*(?:tin|bài|ảnh|video|clip|đồ họa))*)"
    r"\s*:\s*",
    re.IGNORECASE,
)
# A byline that only credits photos ("Ảnh: Đức Anh") names no author.
PHOTO_ONLY = re.compile(r"^(?:Ảnh|Video|Clip|Đồ họa|Đồ hoạ)\s*:", re.IGNORECASE)
CREDIT = re.compile(r"^(?:Theo|Nguồn|Nguồn tin)\s*:?\s+(?P<source>\S.*)$", re.IGNORECASE)
# Templates' empty author slots.
PLACEHOLDERS = frozenset(
    caseless(v)
    for v in ("Bút danh", "Tác giả", "Author", "Admin", "Administrator", "Unknown", "N/A", "Biên tập viên")
)
# A CMS login: one lower-case token, no diacritics ("longantv", "admin_bna").
ACCOUNT = re.compile(r"^[a-z0-9._@-]+$")
# Names of organisations rather than people.
ORGANISATION = re.compile(
    r"^(?:Báo|Tạp chí|Đài|Truyền hình|Thông tấn|TTXVN|Cổng thông tin|Trang|Ban biên tập|Tòa soạn|Toà soạn)\b",
    re.IGNORECASE,
)
_PEOPLE_SEPARATORS = re.compile(r"\s+[-–—]\s+|\s*[,;]\s*|\s+(?:và|&)\s+")


@dataclass(frozen=True, slots=True)
class Byline:
    """The authors (``"A, B"``) and the source credit of one printed byline; either may be None."""

    author: str | None = None
    credit: str | None = None


def read_byline(text: str | None, *, publishers: Iterable[str] = ()) -> Byline:
    """Split one byline string into its people and its source credit."""
    value = clean_text(text).strip(" -–—|,")
    if not value:
        return Byline()
    credit_match = CREDIT.match(value)
    if credit_match:
        return Byline(credit=_credit_name(credit_match["source"]))
    if PHOTO_ONLY.match(value) and "," not in value.split(":", 1)[0]:
        return Byline()
    value = ROLE_PREFIX.sub("", value, count=1).strip()
    credit = None
    if "/" in value:  # "Tạ Nguyên/Báo Tin tức": person / the paper the story came from
        value, _, source = value.partition("/")
        credit = _credit_name(source) or None
    publisher_names = {caseless(p) for p in publishers if p}
    people = [
        p for p in (clean_text(x) for x in _PEOPLE_SEPARATORS.split(value)) if _is_person(p, publisher_names)
    ]
    return Byline(author=", ".join(people) or None, credit=credit)


def _credit_name(value: str) -> str:
    return clean_text(value).strip(" .-–—()")


def _is_person(name: str, publishers: set[str]) -> bool:
    if not name or len(name) > 60 or not re.search(r"[^\W\d_]", name):
        return False
    key = caseless(name)
    if key in PLACEHOLDERS or key in publishers or ACCOUNT.match(name):
        return False
    return not ORGANISATION.match(name) and not name.startswith("http")


def choose_byline(
    candidates: Iterable[tuple[str, str | None]], *, publishers: Iterable[str] = ()
) -> tuple[Byline, str | None]:
    """The first candidate, in the given order of trust, that names a person; and its source.

    A credit found on the way is kept even when the author comes from a later candidate.
    """
    names = list(publishers)
    credit: str | None = None
    for source, text in candidates:
        byline = read_byline(text, publishers=names)
        credit = credit or byline.credit
        if byline.author:
            return Byline(byline.author, credit), source
    return Byline(None, credit), None
