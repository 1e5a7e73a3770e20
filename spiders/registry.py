"""The site registry: the spider classes themselves, as Scrapy's spider loader finds them.

A new paper is one new spider file; ``baotinh sources``, the stats, the feeds, the demo mirror and
the tests all list the papers from here, so there is no second list to keep in step.
"""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "aggregator.settings")


def project_settings(overrides: dict[str, Any] | None = None) -> Any:
    """The project's Scrapy settings, with command-line overrides (``None`` values left out)."""
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    if overrides:
        settings.setdict({k: v for k, v in overrides.items() if v is not None}, priority="cmdline")
    return settings


def spider_classes() -> list[type]:
    """Every registered spider (the generic ``news`` one too), sorted by name."""
    from scrapy.spiderloader import SpiderLoader

    loader = SpiderLoader.from_settings(project_settings())
    return [loader.load(name) for name in sorted(loader.list())]


def provincial_spiders() -> list[type]:
    """The spiders of provincial papers: a paper, a province and somewhere to start, by name."""
    from spiders.platforms.base import NewsSpider

    return [
        cls
        for cls in spider_classes()
        if issubclass(cls, NewsSpider)
        and cls.province
        and cls.source_name
        and (cls.listing_urls or cls.feed_urls or cls.sitemap_urls)
    ]


def spider_for_url(url: str) -> type:
    """The spider that owns *url*'s domain (or a subdomain of it), else the generic spider."""
    from urllib.parse import urlsplit

    from aggregator.urls import within
    from spiders.news import GenericNewsSpider

    host = (urlsplit(url).hostname or "").lower()
    for cls in spider_classes():
        domains = getattr(cls, "allowed_domains", None) or []
        if any(within(host, d) for d in domains):
            return cls
    return GenericNewsSpider


def province_filter(
    province: str | None, sources: list[str] | None = None, *, strict: bool = True
) -> tuple[list[str], str | None]:
    """What ``--province`` means for a filter: (sources, province column value).

    A current province is a value of the articles' province column. A former one (merged in
    2025) names papers instead: ``Yên Bái`` → Báo Lào Cai's spider, unless sources were given.
    A name that is neither raises ``ValueError`` (with the names it knows), or with
    ``strict=False`` is kept as it is (a province only some database's articles carry).
    """
    from aggregator.text import fold

    sources = list(sources or [])
    if not province:
        return sources, None
    classes = [cls for cls in spider_classes() if getattr(cls, "province", "")]
    for cls in classes:
        if fold(cls.province) == fold(province):
            return sources, cls.province
    former = [cls.name for cls in classes if any(fold(p) == fold(province) for p in cls.former_provinces)]
    if former:
        return sources or former, None
    if not strict:
        return sources, province
    known = sorted({cls.province for cls in classes})
    raise ValueError(f"unknown province {province!r}; known: {', '.join(known)}")
