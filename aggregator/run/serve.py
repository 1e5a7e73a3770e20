"""``baotinh serve``: the output folder over HTTP, with the answers feed readers poll cheaply.

Every file gets an ``ETag`` (size and mtime, which only change when the builder rewrote the file)
and ``Last-Modified``; a conditional request gets ``304 Not Modified``. ``If-None-Match`` wins
over ``If-Modified-Since`` when both are sent (RFC 9110, 13.2.2). Feeds, the OPML and the page get
their proper content types. Bodies are streamed by Twisted's static ``File`` (ranges, HEAD), which
Scrapy already brings.

Only what is meant to be public is served: the index page, the feeds and the OPML, and page
assets, by an allowlist of folders and file types. The output folder also holds the database
(every stored article, the crawl's drops and runs), its ``-wal``/``-shm`` and lock files, and the
demo's mirror; those answer 404 like a missing file. Dot files (the builder's temporary files)
are never served.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from twisted.web import pages, server

from aggregator.run.mirror import running_child

with warnings.catch_warnings():
    # twisted.web.static builds deprecated error pages at import; OutputFile uses twisted.web.pages.
    warnings.simplefilter("ignore", DeprecationWarning)
    from twisted.web import static

CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
}
# What may be served: files of these types, at the top or in these folders (at any depth).
PUBLIC_SUFFIXES = frozenset({*CONTENT_TYPES, ".css", ".js", ".svg", ".png", ".ico", ".webp"})
PUBLIC_FOLDERS = frozenset({"feeds", "assets"})


def is_public(path: Path, root: Path) -> bool:
    """Whether *path* (inside the served *root*) is one of the published files or folders."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:  # outside the root (a link): never
        return False
    if not parts:
        return True
    if any(part.startswith(".") for part in parts):
        return False
    if path.is_dir():
        return parts[0] in PUBLIC_FOLDERS
    inside_public = len(parts) == 1 or parts[0] in PUBLIC_FOLDERS
    return inside_public and path.suffix.lower() in PUBLIC_SUFFIXES


def etag_for(stat: os.stat_result) -> str:
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of an ``If-None-Match`` list (``"a", W/"b"`` or ``*``) with *etag*."""
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag.removeprefix("W/") in tags


class OutputFile(static.File):
    """A file or folder of the output, with ETag/Last-Modified/304 and feed content types."""

    contentTypes = {**static.File.contentTypes, **CONTENT_TYPES}
    indexNames = ["index.html"]
    childNotFound = pages.notFound("Không tìm thấy", "Không có tệp này.")
    forbidden = pages.forbidden()

    public_root: Path | None = None

    def getChild(self, path: bytes, request: Any) -> Any:
        if path.startswith(b"."):
            return self.childNotFound
        child = super().getChild(path, request)
        if (
            isinstance(child, OutputFile)
            and self.public_root
            and not is_public(Path(child.path), self.public_root)
        ):
            return self.childNotFound  # the database and the rest of the private files
        return child

    def createSimilarFile(self, path: str) -> OutputFile:
        similar = super().createSimilarFile(path)
        similar.public_root = self.public_root
        return similar

    def render_GET(self, request: Any) -> Any:
        self.restat(False)
        if not self.exists() or self.isdir():
            return super().render_GET(request)
        stat = os.stat(self.path)
        etag = etag_for(stat)
        request.setHeader(b"etag", etag.encode())
        request.setHeader(b"cache-control", b"no-cache")  # always revalidate: a 304 is cheap
        if_none_match = request.getHeader(b"if-none-match")
        if if_none_match is not None:
            # When If-None-Match is present, If-Modified-Since must be ignored.
            request.requestHeaders.removeHeader(b"if-modified-since")
            if etag_matches(if_none_match.decode("latin-1"), etag):
                request.setLastModified(stat.st_mtime)
                request.setResponseCode(304)
                return b""
        return super().render_GET(request)  # sets Last-Modified and answers If-Modified-Since

    render_HEAD = render_GET


def make_site(output_dir: Path) -> server.Site:
    root = OutputFile(str(output_dir))
    root.public_root = Path(output_dir)
    site = server.Site(root)
    site.log = lambda request: None  # quiet, like the mirror: a line per poll helps nobody
    return site


def serve(output_dir: Path, port: int, host: str = "127.0.0.1") -> None:
    """Serve *output_dir* until interrupted; the first line printed is ``SERVING http://host:port/``."""
    from twisted.internet import reactor

    if not Path(output_dir).is_dir():
        raise SystemExit(f"output folder not found: {output_dir} (run `baotinh demo` or `baotinh feeds`)")
    listening = reactor.listenTCP(port, make_site(Path(output_dir)), interface=host)
    print(f"SERVING http://{host}:{listening.getHost().port}/", flush=True)
    reactor.run()


@contextlib.contextmanager
def running_server(output_dir: Path) -> Iterator[str]:
    """Serve *output_dir* from a child process on a free port; yields the base URL (ending in /)."""
    with running_child("aggregator.run.serve", [str(output_dir), "--port", "0"], "SERVING") as url:
        yield url


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a baotinh output folder over HTTP.")
    parser.add_argument("output_dir", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    serve(args.output_dir, args.port, args.host)


if __name__ == "__main__":
    main()
