"""Offline runs: the MIRROR download handler and the local mirror server.

``-s MIRROR=http://127.0.0.1:8765`` makes every ``http(s)://HOST/PATH?QUERY`` download from
``MIRROR/HOST/PATH?QUERY``. It is a download handler, not a middleware that rewrites requests: the
scheduler, the duplicate filter, robots.txt, per-domain slots and AutoThrottle all keep seeing the
real URL, and the spider receives a response whose URL is the real one, so items and the database
never learn that a mirror was involved.

The server maps a request path to a file of a mirror folder (``HOST/PATH``, ``…/`` →
``…/index.html``, a query string kept in the file name as ``?QUERY``), answers ``ETag`` and
``Last-Modified`` with 304s, and applies the faults listed in ``_faults.json`` (an HTTP status or a
delay per file) so tests can rehearse a failing site. It runs on Twisted, which Scrapy already
brings, because ``python -m http.server`` opens a connection per request and is too slow for
benchmarks.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.settings import BaseSettings

from aggregator.config import setting
from aggregator.run.stopping import die_with_parent

# Local mirrors need no politeness; a user's explicit -s on the command line still wins.
_MIRROR_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_TIMES": 1,
}


def mirror_url(mirror: str, url: str) -> str:
    """``https://host/path?q`` → ``MIRROR/host/path?q`` (path and query kept as encoded)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{host}{path}{query}"


class MirrorAddon:
    """Installs the mirror download handler when the ``MIRROR`` setting is given."""

    def update_settings(self, settings: BaseSettings) -> None:
        mirror = setting(settings, "MIRROR")
        if not mirror:
            return
        parts = urlsplit(mirror)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"MIRROR must be an http URL such as http://127.0.0.1:8765, not {mirror!r}")
        handler = "aggregator.run.mirror.MirrorDownloadHandler"
        settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, priority="spider")
        for name, value in _MIRROR_SETTINGS.items():
            settings.set(name, value, priority="spider")


class MirrorDownloadHandler(BaseDownloadHandler):
    """Downloads the mirror's copy of a URL and hands it back under the real URL."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.mirror = setting(crawler.settings, "MIRROR").rstrip("/")
        self.http = HTTP11DownloadHandler.from_crawler(crawler)

    async def download_request(self, request: Request) -> Response:
        local = request.replace(url=mirror_url(self.mirror, request.url))
        response = await self.http.download_request(local)
        return response.replace(url=request.url)

    async def close(self) -> None:
        await self.http.close()


# --- the server -----------------------------------------------------------------------------


def mirror_file(root: Path, uri_path: str, query: str) -> Path | None:
    """The file that answers ``/HOST/PATH?QUERY`` in *root*, or None if there is none."""
    relative = unquote(uri_path).lstrip("/")
    if not relative or any(part == ".." for part in relative.split("/")):
        return None
    target = root / relative
    if relative.endswith("/") or target.is_dir():
        target = target / "index.html"
    if query:
        if "/" in query:  # no file name can hold it (and Path.with_name would raise)
            return None
        target = target.with_name(f"{target.name}?{query}")
    return target if target.is_file() else None


def content_type(path: Path, head: bytes) -> bytes:
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:100].lower()  # feeds often open with a BOM
    if start.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex")):
        return b"application/xml; charset=utf-8"
    if path.name.endswith(".txt"):
        return b"text/plain; charset=utf-8"
    if path.name.endswith(".json"):
        return b"application/json"
    return b"text/html; charset=utf-8"


def make_site(root: Path, access_log: Path | None = None) -> Any:
    """A Twisted ``Site`` serving the mirror folder *root*.

    With *access_log*, every answered request appends ``STATUS /HOST/PATH?QUERY`` to that file,
    so tests can tell exactly which pages a crawl downloaded.
    """
    from twisted.internet import reactor
    from twisted.web import http, resource, server

    faults_file = root / "_faults.json"
    loaded: dict[str, Any] = {"mtime": None, "faults": {}}

    def current_faults() -> dict[str, dict[str, Any]]:
        """The fault list, read again when the file changed (a test rebuilds the mirror it serves)."""
        try:
            mtime = faults_file.stat().st_mtime_ns
        except OSError:
            mtime = None
        if mtime != loaded["mtime"]:
            loaded["mtime"] = mtime
            loaded["faults"] = json.loads(faults_file.read_text(encoding="utf-8")) if mtime else {}
        return loaded["faults"]

    class MirrorResource(resource.Resource):
        isLeaf = True

        def render_GET(self, request: Any) -> Any:
            uri = request.uri.decode("latin-1")
            path, _, query = uri.partition("?")
            target = mirror_file(root, path, query)
            fault = current_faults().get(str(target.relative_to(root))) if target else None
            if target is None:
                request.setResponseCode(404)
                request.setHeader(b"content-type", b"text/plain; charset=utf-8")
                return b"not in mirror\n"
            if fault and fault.get("delay"):
                call = reactor.callLater(float(fault["delay"]), self._finish, request, target, fault)
                request.notifyFinish().addErrback(lambda _: call.active() and call.cancel())
                return server.NOT_DONE_YET
            return self._answer(request, target, fault)

        def _finish(self, request: Any, target: Path, fault: Any) -> None:
            request.write(self._answer(request, target, fault))
            request.finish()

        def _answer(self, request: Any, target: Path, fault: dict[str, Any] | None) -> bytes:
            if fault and fault.get("status"):
                request.setResponseCode(int(fault["status"]))
                return b"mirror fault\n"
            stat = target.stat()
            etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'.encode()
            if request.setETag(etag) == http.CACHED or request.setLastModified(stat.st_mtime) == http.CACHED:
                return b""
            body = target.read_bytes()
            request.setHeader(b"content-type", content_type(target, body[:200]))
            return body

        render_HEAD = render_GET

    site = server.Site(MirrorResource())
    site.log = lambda request: None  # Twisted's own access log costs more than serving the page
    if access_log is not None:
        log_file = access_log.open("a", encoding="utf-8", buffering=1)
        site.log = lambda request: log_file.write(f"{request.code} {request.uri.decode('latin-1')}\n")
    return site


def serve(root: Path, port: int, host: str = "127.0.0.1", access_log: Path | None = None) -> None:
    """Serve *root* until interrupted; the first line printed is ``MIRROR http://host:port``."""
    from twisted.internet import reactor

    if not root.is_dir():
        raise SystemExit(f"mirror folder not found: {root}")
    listening = reactor.listenTCP(port, make_site(root, access_log), interface=host)
    print(f"MIRROR http://{host}:{listening.getHost().port}", flush=True)
    reactor.run()


@contextlib.contextmanager
def running_child(module: str, args: list[str], banner: str) -> Iterator[str]:
    """Run ``python -m module args`` until the block ends; yields the URL its first line announces.

    The mirror and the output server both print ``BANNER http://host:port`` once listening, so
    tests, the demo and benchmarks can start them on a free port (``--port 0``).
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=die_with_parent,  # a command killed with kill -9 takes its server along
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line.startswith(f"{banner} "):
            raise RuntimeError(f"{module} did not start (exit code {proc.poll()})")
        yield line.split()[1]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def running_mirror(root: Path, access_log: Path | None = None) -> Iterator[str]:
    """Serve *root* from a child process on a free port; yields the mirror's base URL."""
    extra = ["--access-log", str(access_log)] if access_log else []
    with running_child("aggregator.run.mirror", [str(root), "--port", "0", *extra], "MIRROR") as url:
        yield url


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a baotinh mirror folder over HTTP.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--access-log", type=Path, help="append 'STATUS /HOST/PATH' per request")
    args = parser.parse_args(argv)
    serve(args.root, args.port, args.host, args.access_log)


if __name__ == "__main__":
    main()
