"""The mirror: URL mapping, file lookup, and the real server in a child process."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from aggregator.run.mirror import content_type, mirror_file, mirror_url, running_mirror

MIRROR = "http://127.0.0.1:8765"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://baolaocai.vn/song-dep-post1.html",
            "http://127.0.0.1:8765/baolaocai.vn/song-dep-post1.html",
        ),
        ("http://baolaocai.vn/song-dep-post1.html", "http://127.0.0.1:8765/baolaocai.vn/song-dep-post1.html"),
        ("https://baocantho.com.vn/thoi-su?p=2", "http://127.0.0.1:8765/baocantho.com.vn/thoi-su?p=2"),
        (
            "https://Media.BaoQuangNinh.vn/upload/a.jpg",
            "http://127.0.0.1:8765/media.baoquangninh.vn/upload/a.jpg",
        ),
        ("https://baolangson.vn", "http://127.0.0.1:8765/baolangson.vn/"),
        (
            "https://baolangson.vn/tim?q=L%E1%BA%A1ng%20S%C6%A1n",
            "http://127.0.0.1:8765/baolangson.vn/tim?q=L%E1%BA%A1ng%20S%C6%A1n",
        ),
        ("https://baolaocai.vn/a.html#binh-luan", "http://127.0.0.1:8765/baolaocai.vn/a.html"),
    ],
    ids=["https", "http", "query", "subdomain", "bare-host", "encoded-query", "fragment"],
)
def test_mirror_url(url, expected):
    assert mirror_url(MIRROR, url) == expected


def test_mirror_url_trailing_slash_on_mirror():
    assert (
        mirror_url(MIRROR + "/", "https://baolaocai.vn/x.html") == "http://127.0.0.1:8765/baolaocai.vn/x.html"
    )


# --- mirror_file -----------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    files = {
        "baolaocai.vn/index.html": "trang chủ",
        "baolaocai.vn/thoi-su/index.html": "thời sự",
        "baolaocai.vn/song-dep-post1.html": "bài",
        "baocantho.com.vn/thoi-su?p=2": "trang 2",
        "secret.txt": "bí mật",
    }
    for name, text in files.items():
        path = tmp_path / "mirror" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "mirror"


def test_mirror_file_plain(tree):
    assert (
        mirror_file(tree, "/baolaocai.vn/song-dep-post1.html", "")
        == tree / "baolaocai.vn/song-dep-post1.html"
    )


def test_mirror_file_trailing_slash_is_index(tree):
    assert mirror_file(tree, "/baolaocai.vn/thoi-su/", "") == tree / "baolaocai.vn/thoi-su/index.html"


def test_mirror_file_directory_is_index(tree):
    assert mirror_file(tree, "/baolaocai.vn/thoi-su", "") == tree / "baolaocai.vn/thoi-su/index.html"


def test_mirror_file_host_root_is_index(tree):
    assert mirror_file(tree, "/baolaocai.vn/", "") == tree / "baolaocai.vn/index.html"


def test_mirror_file_query_in_name(tree):
    assert mirror_file(tree, "/baocantho.com.vn/thoi-su", "p=2") == tree / "baocantho.com.vn/thoi-su?p=2"


def test_mirror_file_other_query_missing(tree):
    assert mirror_file(tree, "/baocantho.com.vn/thoi-su", "p=3") is None


def test_mirror_file_missing(tree):
    assert mirror_file(tree, "/baolaocai.vn/khong-co.html", "") is None


def test_mirror_file_empty_path(tree):
    assert mirror_file(tree, "/", "") is None


@pytest.mark.parametrize(
    "path",
    [
        "/baolaocai.vn/../secret.txt",
        "/baolaocai.vn/%2e%2e/secret.txt",
        "/../mirror/secret.txt",
        "/..%2Fsecret.txt",
    ],
)
def test_mirror_file_rejects_parent_dirs(tree, path):
    assert mirror_file(tree / "baolaocai.vn", path, "") is None


def test_mirror_file_query_with_slash_is_missing_not_an_error(tree):
    assert mirror_file(tree, "/baolaocai.vn/song-dep-post1.html", "next=/thoi-su") is None


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("home", b"<?xml version='1.0'?><rss>", b"application/xml; charset=utf-8"),
        ("home", b"\n  <rss version='2.0'>", b"application/xml; charset=utf-8"),
        ("home", b"\xef\xbb\xbf<?xml version='1.0'?><rss>", b"application/xml; charset=utf-8"),
        ("sitemap", b"<urlset xmlns='x'>", b"application/xml; charset=utf-8"),
        ("robots.txt", b"User-agent: *", b"text/plain; charset=utf-8"),
        ("a.json", b"{}", b"application/json"),
        ("a.html", b"<!DOCTYPE html><html>", b"text/html; charset=utf-8"),
    ],
    ids=["xml-decl", "rss-after-space", "bom", "urlset", "txt", "json", "html"],
)
def test_content_type(name, head, expected):
    assert content_type(Path(name), head) == expected


# --- the server ------------------------------------------------------------------------------

RSS = b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Tin</title></channel></rss>"
PAGE = "<html><body><h1>Sống đẹp mỗi ngày</h1></body></html>".encode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("mirror")
    files = {
        "baolaocai.vn/song-dep-post1.html": PAGE,
        "baolaocai.vn/rss/home": RSS,
        "baolaocai.vn/index.html": b"<html>home</html>",
        "baocantho.com.vn/thoi-su?p=2": b"<html>trang 2</html>",
        "host/x.html": b"<html>never served</html>",
        "host/slow.html": b"<html>slow</html>",
        "host/slow-fail.html": b"<html>slow then fail</html>",
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    faults = {
        "host/x.html": {"status": 500},
        "host/slow.html": {"delay": 3},
        "host/slow-fail.html": {"delay": 0.3, "status": 503},
    }
    (root / "_faults.json").write_text(json.dumps(faults), encoding="utf-8")
    with running_mirror(root) as base:
        yield base


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 5):
    """(status, headers, body) for *url*, HTTP errors included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_server_listens_on_localhost(server):
    assert server.startswith("http://127.0.0.1:")


def test_page_status(server):
    assert fetch(f"{server}/baolaocai.vn/song-dep-post1.html")[0] == 200


def test_page_body(server):
    assert fetch(f"{server}/baolaocai.vn/song-dep-post1.html")[2] == PAGE


def test_page_content_type(server):
    assert (
        fetch(f"{server}/baolaocai.vn/song-dep-post1.html")[1]["Content-Type"] == "text/html; charset=utf-8"
    )


def test_host_root_serves_index(server):
    assert fetch(f"{server}/baolaocai.vn/")[2] == b"<html>home</html>"


def test_query_file(server):
    assert fetch(f"{server}/baocantho.com.vn/thoi-su?p=2")[2] == b"<html>trang 2</html>"


def test_missing_is_404(server):
    assert fetch(f"{server}/baolaocai.vn/khong-co-post2.html")[0] == 404


def test_unknown_host_is_404(server):
    assert fetch(f"{server}/baoyenbai.com.vn/")[0] == 404


def test_parent_dir_is_404(server):
    assert fetch(f"{server}/baolaocai.vn/../_faults.json")[0] == 404


def test_query_with_slash_is_404(server):
    assert fetch(f"{server}/baolaocai.vn/song-dep-post1.html?next=/thoi-su")[0] == 404


def test_rss_without_extension_sniffed_as_xml(server):
    assert fetch(f"{server}/baolaocai.vn/rss/home")[1]["Content-Type"] == "application/xml; charset=utf-8"


def test_rss_body(server):
    assert fetch(f"{server}/baolaocai.vn/rss/home")[2] == RSS


def test_etag_sent(server):
    assert fetch(f"{server}/baolaocai.vn/rss/home")[1]["ETag"].startswith('"')


def test_if_none_match_gives_304(server):
    etag = fetch(f"{server}/baolaocai.vn/rss/home")[1]["ETag"]
    assert fetch(f"{server}/baolaocai.vn/rss/home", {"If-None-Match": etag})[0] == 304


def test_304_has_no_body(server):
    etag = fetch(f"{server}/baolaocai.vn/rss/home")[1]["ETag"]
    assert fetch(f"{server}/baolaocai.vn/rss/home", {"If-None-Match": etag})[2] == b""


def test_other_etag_gives_200(server):
    assert fetch(f"{server}/baolaocai.vn/rss/home", {"If-None-Match": '"0-0"'})[0] == 200


def test_if_modified_since_gives_304(server):
    modified = fetch(f"{server}/baolaocai.vn/rss/home")[1]["Last-Modified"]
    assert fetch(f"{server}/baolaocai.vn/rss/home", {"If-Modified-Since": modified})[0] == 304


def test_fault_status(server):
    assert fetch(f"{server}/host/x.html")[0] == 500


def test_fault_delay_times_out(server):
    with pytest.raises(TimeoutError):
        fetch(f"{server}/host/slow.html", timeout=0.5)


def test_server_answers_after_a_timed_out_request(server):
    with pytest.raises(TimeoutError):
        fetch(f"{server}/host/slow.html", timeout=0.2)
    assert fetch(f"{server}/baolaocai.vn/song-dep-post1.html")[0] == 200


def test_fault_delay_then_status(server):
    start = time.monotonic()
    status = fetch(f"{server}/host/slow-fail.html")[0]
    assert (status, time.monotonic() - start >= 0.3) == (503, True)
