"""Project signals: how spiders report a page they could not use without raising."""

#: Sent by a spider's errback with ``url``, ``reason`` and ``detail`` when a page failed to
#: download (HTTP error, timeout, DNS); the Store pipeline records it in the ``drops`` table.
page_failed = object()

#: Sent by a spider with ``url`` (a link carrying tracking parameters) and ``target`` (the URL
#: it requests instead); the Store pipeline keeps the pair in ``article_urls``.
alias_found = object()
