"""Stopping a crawl: a stop request at any moment ends the run cleanly and within a bound.

Scrapy's own graceful stop (``CrawlerProcess.stop``) is lost when it arrives while a crawler is
still opening its spider: it clears the crawler's ``crawling`` flag before the engine runs, the
engine then crawls to the end, and nothing ever fires the engine's close-wait, so the reactor
never stops. Under ``systemctl stop`` or a ``timeout`` wrapper that early moment is as likely as
any other. Here a stop request is a process-wide flag that every crawler's :class:`StopOnRequest`
extension honours: a running engine is stopped now (the spider closes as ``shutdown``, the last
batch is written), an engine still opening is stopped the moment it starts.

A stop must also end: :func:`request_stop` arms a watchdog, and a process still alive
``BAOTINH_STOP_TIMEOUT`` seconds later exits at once (the articles it had not written are owed,
see ``aggregator.frontier``, and fetched by the next run).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from aggregator.config import BY_NAME

if TYPE_CHECKING:  # Scrapy is imported where a crawler needs it: commands install handlers first
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

DEFAULT_STOP_TIMEOUT: float = BY_NAME["BAOTINH_STOP_TIMEOUT"].default
STOPPING_NOTICE = b"baotinh: stopping, every run finishes cleanly (again to force)\n"
_requested = False
_timeout = DEFAULT_STOP_TIMEOUT
_extensions: list[StopOnRequest] = []
_watchdog: threading.Timer | None = None


class StopRequested(BaseException):
    """Raised in a command's thread when a signal asks it to stop now: outside the crawl itself, or
    a second signal during it. Like ``KeyboardInterrupt`` it is no ``Exception``, so no
    ``except Exception`` on the way swallows it."""


def request_stop() -> None:
    """Ask every crawler of this process to finish cleanly; safe to call from a signal handler.

    Only a flag is set and a thread started here; the engines are stopped from the reactor
    thread, and only when a reactor is already running (a crawler created later sees the flag).
    """
    global _requested, _watchdog
    if _requested:
        return
    _requested = True
    _watchdog = threading.Timer(_timeout, _force_exit, args=(_timeout,))
    _watchdog.daemon = True
    _watchdog.start()
    if "twisted.internet.reactor" in sys.modules:
        from twisted.internet import reactor

        if reactor.running:
            reactor.callFromThread(_stop_all)


def _stop_all() -> None:
    for extension in list(_extensions):
        extension.stop()


def _force_exit(timeout: float) -> None:
    """The watchdog: a stop that did not end within its bound ends the process now."""
    sys.stderr.write(f"baotinh: the crawl did not stop within {timeout:g} s of the request; exiting now\n")
    sys.stderr.flush()
    os._exit(1)


def disarm() -> None:
    """The crawl has ended: the watchdog no longer applies (the feed build after it has no bound)."""
    if _watchdog is not None:
        _watchdog.cancel()


def reset() -> None:
    """Forget a stop request (for a process that forks crawlers after handling one)."""
    global _requested, _watchdog
    if _watchdog is not None:
        _watchdog.cancel()
    _requested, _watchdog = False, None
    _extensions.clear()


class StopOnRequest:
    """Scrapy extension: stops this crawler's engine on request, whenever the request came."""

    def __init__(self, crawler: Crawler) -> None:
        from scrapy import signals

        from aggregator.config import setting

        global _timeout
        self.crawler = crawler
        self.started = self.closed = self.stopping = False
        _timeout = setting(crawler.settings, "BAOTINH_STOP_TIMEOUT")
        crawler.signals.connect(self.engine_started, signal=signals.engine_started)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        _extensions.append(self)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StopOnRequest:
        return cls(crawler)

    def engine_started(self) -> None:
        self.started = True
        if _requested:
            from twisted.internet import reactor

            reactor.callLater(0, self.stop)  # once ``start`` has set up what ``stop`` tears down

    def spider_closed(self, spider: Any) -> None:
        self.closed = True
        if self in _extensions:
            _extensions.remove(self)

    def stop(self) -> None:
        if not self.started or self.closed or self.stopping:
            return  # not started yet: ``engine_started`` stops it
        from scrapy.utils.defer import deferred_from_coro

        self.stopping = True
        logger.info("stop requested: closing %s cleanly", self.crawler.spider.name)
        stopped = deferred_from_coro(self.crawler.engine.stop_async())
        stopped.addErrback(lambda failure: logger.debug("stop of a closing engine: %s", failure.value))


# --- the command's own signals ------------------------------------------------------------------
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
SignalHandler = Callable[[int], None]


class CommandSignals:
    """SIGINT/SIGTERM in a ``baotinh`` command, whatever phase it is in.

    Outside a crawl (building the demo mirror, starting the mirror server, taking the lock,
    building the feeds) a signal raises :class:`StopRequested` in the command's thread, so every
    ``finally`` runs: the lock is released and the mirror server stopped. While crawlers run, the
    phase's handler decides (the first signal asks them to finish, the second forces); it is
    called with the number of signals received so far.
    """

    def __init__(self) -> None:
        self.count = 0
        self.handler: SignalHandler | None = None

    def _received(self, signum: int, _frame: Any) -> None:
        self.count += 1
        if self.handler is None:
            raise StopRequested(signal.Signals(signum).name)
        self.handler(self.count)

    @contextlib.contextmanager
    def phase(self, handler: SignalHandler | None = None) -> Iterator[CommandSignals]:
        """Within the block, signals go to *handler* (None: raise :class:`StopRequested`)."""
        previous_handler = self.handler
        previous = {sig: signal.signal(sig, self._received) for sig in STOP_SIGNALS}
        self.handler = handler
        try:
            yield self
        finally:
            self.handler = previous_handler
            for sig, old in previous.items():
                signal.signal(sig, old)


command_signals = CommandSignals()


@contextlib.contextmanager
def signals_blocked(signums: tuple[int, ...]) -> Iterator[None]:
    """Hold *signums* pending (a fork in between: the child unblocks once its handlers are set)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signums)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Have the kernel send *sig* to this process when its parent dies (Linux; elsewhere nothing).

    Usable as a ``preexec_fn``: the request survives ``exec``, so a helper server started by a
    command that is killed with ``kill -9`` does not outlive it.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, sig)
