"""Storage: the SQLite database every stage writes to or reads from.

``schema`` (columns and indexes), ``articles`` (the store: batched upserts, drops, runs, HTTP
validators), ``frontier`` (articles discovered and still owed), ``fts`` and ``search`` (the
accent-folded full-text index and its queries), ``dedup`` (near-duplicate clusters), ``lock``
(one writer per database).
"""

from aggregator.store.articles import ArticleStore, UnusableDatabaseError
from aggregator.store.schema import ARTICLE_COLUMNS, SaveResult, sort_time, url_ids, utc_now

__all__ = [
    "ARTICLE_COLUMNS",
    "ArticleStore",
    "SaveResult",
    "UnusableDatabaseError",
    "sort_time",
    "url_ids",
    "utc_now",
]
