"""Turn the date strings of Vietnamese news pages into aware datetimes.

Sites print dates in a dozen shapes (``Thứ tư,  19/02/2020``, ``10:15 24/12/2025``,
``9 giờ 41 phút, ngày 20/02/2020``, ``2025-06-17T13:43:02+0700``, ``4 giờ trước`` …) and the
crawler meets one on every page it reads, so :func:`parse_vn_date` is built for speed and for
never inventing a date:

* a fast path of precompiled regular expressions (``patterns``, read by ``parse``) owns every
  format seen on the sites (roughly 100x faster than dateparser, which is also wrong on several
  of them: it reads ``9 giờ 41 phút, ngày 20/02/2020`` as "9h41 ago" and ``10:15`` as today);
* relative dates (``relative``) count back from the moment they are read at;
* dateparser (``fallback``) is only asked about wordier Vietnamese it understands better
  (``12 thg 3 2021``), imported lazily because importing it costs about a second, and its answers
  are sanity-checked;
* anything that is not clearly one date (phone numbers, a bare time, ``31/02/2020``, two dates)
  gives ``None``: a missing date is visible, a wrong one is not.

Dates are read day first (``07/02/2020`` is 7 February), as every Vietnamese site writes them.
A string that is free text around a single full date (a licence footer ``… cấp ngày 02-12-2021``,
a print-edition box ``… số 118 ra ngày 5/1/2026``) yields that date: deciding whether it is the
*article's* date is the reader's job (``aggregator.extract.arbiter``), which knows where on the
page the text came from.
"""

from aggregator.dates.model import DAY, MINUTE, SECOND, VN_TZ, ParsedDate
from aggregator.dates.parse import parse_vn_date

__all__ = ["DAY", "MINUTE", "SECOND", "VN_TZ", "ParsedDate", "parse_vn_date"]
