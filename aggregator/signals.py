"""Project signals: how spiders report a page they could not use without raising."""

#: Sent by a spider's errback with ``url``, ``reason`` and ``detail`` when a page failed to
#: download (HTTP error, timeout, DNS); the Store pipeline records it in the ``drops`` table.
#: ``requested`` (optional) lists every URL the request went by (redirects), for the frontier.
page_failed = object()

#: Sent by a spider with ``url`` (a link carrying tracking parameters) and ``target`` (the URL
#: it requests instead); the Store pipeline keeps the pair in ``article_urls``.
alias_found = object()

#: Sent by the incremental middleware with ``rows`` (``aggregator.store.frontier.COLUMNS``) for the
#: article requests a discovery page yielded, before they are scheduled; the Store pipeline
#: writes them to the frontier at once, so a run stopped at any moment owes them to the next.
articles_discovered = object()
