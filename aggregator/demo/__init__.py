"""A deterministic offline mirror of every provincial paper, written with our own text.

``build_mirror(dest)`` writes pages that reproduce each paper's CMS markup (platforms F1–F6 and
the one-offs of SITES.md) so the real spiders can crawl them through ``aggregator.run.mirror``; its
manifest says what a correct crawl extracts. Three papers are described by hand (baolaocai F1,
baocantho F4, baolangson F2, 30 articles with every special case); every other provincial spider
gets a site derived from its class (``aggregator.demo.sites``), 12 articles by default.
"""

from aggregator.demo.build import build_mirror
from aggregator.demo.sites import SITES

__all__ = ["SITES", "build_mirror"]
