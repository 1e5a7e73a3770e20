"""``baotinh serve``: the output folder over HTTP with content types, ETag, Last-Modified and 304s."""

from __future__ import annotations

import http.client
import os
from email.utils import formatdate
from urllib.parse import urlsplit

import pytest

from aggregator.publish import build_feeds
from aggregator.run.serve import etag_matches, running_server
from tests.test_publishing_feeds import SITE, build_publishing


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(output folder, base URL) of a built output served by a child process."""
    root = tmp_path_factory.mktemp("serve")
    build_publishing(root)
    (root / "out" / "feeds" / ".all.rss.x.tmp").write_bytes(b"half written")
    # What a crawl leaves in the output folder beside the public files.
    for name in ("articles.db", "articles.db-wal", "articles.db-shm", "articles.db.lock"):
        (root / "out" / name).write_bytes(b"private")
    (root / "out" / "feeds" / "copy.db").write_bytes(b"private")
    (root / "out" / "demo-mirror" / "baolaocai.vn").mkdir(parents=True)
    (root / "out" / "demo-mirror" / "baolaocai.vn" / "index.html").write_bytes(b"private")
    with running_server(root / "out") as url:
        yield root, url


def get(url: str, path: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/feeds/all.rss", "application/rss+xml; charset=utf-8"),
        ("/feeds/province/lang-son.atom", "application/atom+xml; charset=utf-8"),
        ("/feeds/feeds.opml", "text/x-opml; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
    ],
)
def test_content_type(site, path, kind):
    status, headers, _ = get(site[1], path)
    assert (status, headers["content-type"]) == (200, kind)


def test_body_is_the_file(site):
    root, url = site
    assert get(url, "/feeds/all.atom")[2] == (root / "out" / "feeds" / "all.atom").read_bytes()


def test_etag_and_last_modified(site):
    root, url = site
    stat = (root / "out" / "feeds" / "all.rss").stat()
    headers = get(url, "/feeds/all.rss")[1]
    assert (headers["etag"], headers["last-modified"]) == (
        f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"',
        formatdate(int(stat.st_mtime) + (stat.st_mtime % 1 > 0), usegmt=True),
    )


def test_if_none_match_gives_304(site):
    url = site[1]
    etag = get(url, "/feeds/all.rss")[1]["etag"]
    status, headers, body = get(url, "/feeds/all.rss", **{"If-None-Match": etag})
    assert (status, body, headers["etag"]) == (304, b"", etag)


def test_if_none_match_in_a_list_or_weak(site):
    url = site[1]
    etag = get(url, "/feeds/all.rss")[1]["etag"]
    assert get(url, "/feeds/all.rss", **{"If-None-Match": f'"other", W/{etag}'})[0] == 304


def test_if_modified_since_gives_304(site):
    url = site[1]
    last_modified = get(url, "/feeds/all.atom")[1]["last-modified"]
    assert get(url, "/feeds/all.atom", **{"If-Modified-Since": last_modified})[:2][0] == 304


def test_if_modified_since_older_gives_200(site):
    assert get(site[1], "/feeds/all.atom", **{"If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT"})[0] == 200


def test_if_none_match_wins_over_if_modified_since(site):
    url = site[1]
    last_modified = get(url, "/feeds/all.rss")[1]["last-modified"]
    status = get(url, "/feeds/all.rss", **{"If-None-Match": '"stale"', "If-Modified-Since": last_modified})[0]
    assert status == 200


def test_head(site):
    status, headers, body = get(site[1], "/feeds/all.rss", method="HEAD")
    assert (status, body, "etag" in headers) == (200, b"", True)


@pytest.mark.parametrize(
    "path", ["/feeds/.all.rss.x.tmp", "/feeds/nothing.rss", "/../articles.db", "/%2e%2e/x"]
)
def test_not_served(site, path):
    assert get(site[1], path)[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/articles.db",
        "/articles.db-wal",
        "/articles.db-shm",
        "/articles.db.lock",
        "/feeds/copy.db",
        "/demo-mirror/",
        "/demo-mirror/baolaocai.vn/index.html",
    ],
)
def test_private_files_are_not_served(site, path):
    """The database, its journal and lock, and the demo mirror sit in the output folder: 404."""
    assert (root_file := site[0] / "out" / path.lstrip("/")).exists(), root_file
    assert get(site[1], path)[0] == 404


def test_unchanged_rebuild_keeps_etag(site):
    root, url = site
    before = get(url, "/feeds/all.rss")[1]["etag"]
    build_feeds(root / "articles.db", root / "out", site_url=SITE)
    assert get(url, "/feeds/all.rss", **{"If-None-Match": before})[0] == 304


def test_changed_file_gets_new_etag(site):
    root, url = site
    path = root / "out" / "feeds" / "category" / "du-lich.rss"
    before = get(url, "/feeds/category/du-lich.rss")[1]["etag"]
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert get(url, "/feeds/category/du-lich.rss", **{"If-None-Match": before})[0] == 200


@pytest.mark.parametrize(
    ("header", "matches"),
    [('"a"', True), ('W/"a"', True), ('"b", "a"', True), ("*", True), ('"b"', False), ('"a-"', False)],
)
def test_etag_matches(header, matches):
    assert etag_matches(header, '"a"') is matches
