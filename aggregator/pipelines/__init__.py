"""The item pipelines: Normalize → Validate → Deduplicate → Store, one small module each.

Each pipeline is thin: the reading is done (``aggregator.extract``), the storage lives in
``aggregator.store``. Each counts what it sees in the crawl stats under ``baotinh/…`` so a run's
health is visible without reading logs, and nothing rejected disappears. The names below are the
ones Scrapy's ``ITEM_PIPELINES`` setting uses (``aggregator.pipelines.NormalizePipeline`` …).
"""

from aggregator.pipelines.base import DropArticle, DuplicateArticle
from aggregator.pipelines.deduplicate import DeduplicatePipeline
from aggregator.pipelines.normalize import NormalizePipeline, content_hash, normalize_article
from aggregator.pipelines.store import StorePipeline, article_row
from aggregator.pipelines.validate import ValidatePipeline

__all__ = [
    "DeduplicatePipeline",
    "DropArticle",
    "DuplicateArticle",
    "NormalizePipeline",
    "StorePipeline",
    "ValidatePipeline",
    "article_row",
    "content_hash",
    "normalize_article",
]
