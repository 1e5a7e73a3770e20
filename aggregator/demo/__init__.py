"""A deterministic offline mirror of three provincial papers, written with our own text.

``build_mirror(dest)`` writes pages that reproduce the real markup of baolaocai.vn (platform F1),
baocantho.com.vn (F4) and baolangson.vn (F2) so the real spiders can crawl them through
``aggregator.mirror``; its manifest says what a correct crawl extracts.
"""

from aggregator.demo.build import build_mirror
from aggregator.demo.sites import SITES

__all__ = ["SITES", "build_mirror"]
