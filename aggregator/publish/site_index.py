"""``output/index.html``: the newest articles of every paper on one static page.

One self-contained file (inline CSS and JS, no fonts, scripts or images from elsewhere), readable
on a phone, that a static host can serve as it is. Every article is in the HTML itself, newest
first; a few lines of JS hide the ones that do not match the chosen province, paper or category
(the filter also lives in the URL fragment, ``#province=lang-son``, which the feeds' ``<link>``
use). The page is the Jinja2 template ``templates/index.html`` (with ``index.css`` and
``index.js``), autoescaped; only http(s) links reach an ``href``. The page holds no build time,
so an unchanged database gives the same bytes.
"""

from __future__ import annotations

from functools import cache

import jinja2

from aggregator.publish.model import INDEX_ITEMS_PER_SOURCE, Built, Entry, FeedSpec, slugify, web_url

TITLE = "Báo tỉnh — tin mới từ các báo địa phương"
_FILTERS = (
    ("province", "Tỉnh, thành phố", "Tất cả các tỉnh"),
    ("source", "Báo", "Tất cả các báo"),
    ("category", "Chuyên mục", "Tất cả chuyên mục"),
)
_FEED_GROUPS = (
    ("all", "Tất cả"),
    ("province", "Theo tỉnh, thành phố"),
    ("source", "Theo báo"),
    ("category", "Theo chuyên mục"),
    ("topic", "Theo chủ đề"),
)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("aggregator.publish", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["slug"] = slugify
    env.filters["web_url"] = web_url
    return env


def index_entries(built: Built, per_source: int) -> list[Entry]:
    """The newest *per_source* articles of every paper, newest first (each paper gets a say)."""
    chosen: dict[str, Entry] = {}
    for spec in built.specs:
        if spec.kind == "source":
            for entry in built.entries.get(spec.path, [])[:per_source]:
                chosen[entry.id] = entry
    return sorted(chosen.values(), key=lambda e: (-e.published.timestamp(), e.id))


def _options(specs: list[FeedSpec]) -> list[tuple[str, str]]:
    """(value, label) of a filter, sorted as people read them (Đ among the D's)."""
    ordered = sorted(specs, key=lambda s: (slugify(s.name), s.path))
    return [(spec.path.split("/", 1)[1], spec.name) for spec in ordered]


def render_index(built: Built, *, per_source: int | None = None) -> bytes:
    by_kind: dict[str, list[FeedSpec]] = {}
    for spec in built.specs:
        by_kind.setdefault(spec.kind, []).append(spec)
    page = (
        environment()
        .get_template("index.html")
        .render(
            title=TITLE,
            papers=len(by_kind.get("source", [])),
            entries=index_entries(built, per_source or INDEX_ITEMS_PER_SOURCE),
            filters=[
                {
                    "name": name,
                    "label": label,
                    "everything": everything,
                    "options": _options(by_kind.get(name, [])),
                }
                for name, label, everything in _FILTERS
            ],
            feed_groups=[(heading, by_kind[kind]) for kind, heading in _FEED_GROUPS if by_kind.get(kind)],
        )
    )
    return page.encode("utf-8")
