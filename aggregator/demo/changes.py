"""What changes on the demo papers between runs, so that the operator tools have something to find.

Two papers are built to be read wrong, as live sites are:

- ``DRIFT_PAPER`` redesigns its article pages after the first demo run (edition 1 of the mirror):
  the same URLs, other classes (``REDESIGN``), and ``DRIFT_NEW_STORIES`` new stories in the new
  markup. Its selectors stop matching, the fallbacks take over: the second run's ``baotinh stats``
  says ``drift`` and ``baotinh verify`` says ``fallback``.
- ``CONFLICT_PAPER`` prints, on every third article, a JSON-LD ``datePublished`` a day off the
  printed date line (which the ``article:published_time`` meta backs): the arbiter keeps the
  printed date and records the conflict; ``baotinh stats`` says ``date_conflicts``.
"""

from __future__ import annotations

DRIFT_PAPER = "baoquangtri"
DRIFT_NEW_STORIES = 6
# F3's classes as the redesign renames them (title, date line, sapo, body).
REDESIGN = (
    ('<h1 class="title">', '<h1 class="headline">'),
    ('<div class="date">', '<div class="pubtime">'),
    ('<div class="desc">', '<div class="lead">'),
    ('class="content-detail"', 'class="story-body"'),
)
CONFLICT_PAPER = "baokhanhhoa"
CONFLICT_EVERY = 3  # every third article
CONFLICT_SHIFT = 86_400  # seconds: a day


def redesigned(page: str) -> str:
    """An article page of the drift paper after its redesign."""
    for old, new in REDESIGN:
        page = page.replace(old, new)
    return page


def shift(site: str, index: int) -> int:
    """Seconds the JSON-LD date of article *index* of *site* is off its printed date (0: none)."""
    return CONFLICT_SHIFT if site == CONFLICT_PAPER and index % CONFLICT_EVERY == 0 else 0
