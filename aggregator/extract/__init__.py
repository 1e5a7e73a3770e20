"""Reading an article page: one package, one entry point, every field with its source.

The flow is parse (:mod:`.parse`, as a browser would) → read (:func:`read_article`, with a
platform :class:`Profile`) → a :class:`Reading` whose ``sources`` say where each field came from.
Inside: compiled selectors (:mod:`.select`), structured data (:mod:`.structured`), the date
arbiter (:mod:`.arbiter`), bylines and credits (:mod:`.people`), tags and sections
(:mod:`.labels`), the body splitter (:mod:`.body`, :mod:`.paragraphs`) and the generic
main-text fallback (:mod:`.generic_body`).
"""

from aggregator.extract.arbiter import DateChoice, read_candidates
from aggregator.extract.labels import split_tags
from aggregator.extract.parse import adopt_stray_roots, page_root
from aggregator.extract.profile import GENERIC, Profile
from aggregator.extract.reader import Reading, read_article
from aggregator.extract.structured import Metadata, extract_metadata

__all__ = [
    "GENERIC",
    "DateChoice",
    "Metadata",
    "Profile",
    "Reading",
    "adopt_stray_roots",
    "extract_metadata",
    "page_root",
    "read_article",
    "read_candidates",
    "split_tags",
]
