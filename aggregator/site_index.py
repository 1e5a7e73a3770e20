"""``output/index.html``: the newest articles of every paper on one static page.

One self-contained file (inline CSS and JS, no fonts, scripts or images from elsewhere), readable
on a phone, that a static host can serve as it is. Every article is in the HTML itself, newest
first; a few lines of JS hide the ones that do not match the chosen province, paper or category
(the filter also lives in the URL fragment, ``#province=lang-son``, which the feeds' ``<link>``
use). Every text is escaped; only http(s) links reach an ``href``. The page holds no build time,
so an unchanged database gives the same bytes.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aggregator.feeds import Built, Entry, FeedSpec

TITLE = "Báo tỉnh — tin mới từ các báo địa phương"

_CSS = """
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#5f6368;--bg:#fff;--line:#e3e3e3;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--muted:#a8abb0;--bg:#17181a;--line:#33353a;--link:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
header h1{font-size:1.6rem;margin:1rem 0 .25rem}
header p,.meta,#count,footer{color:var(--muted);font-size:.9rem}
a{color:var(--link)}
form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1rem 0}
label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);flex:1 1 12rem}
select{font:inherit;font-size:1rem;padding:.4rem;margin-top:.2rem;width:100%;color:var(--fg);
background:var(--bg);border:1px solid var(--line);border-radius:.3rem}
ol{list-style:none;margin:0;padding:0}
.article{border-top:1px solid var(--line);padding:.8rem 0}
.article h2{font-size:1.1rem;line-height:1.35;margin:0 0 .25rem}
.article h2 a{text-decoration:none}
.article h2 a:hover{text-decoration:underline}
.meta,.summary{margin:.2rem 0}
[hidden]{display:none!important}
#feeds h2{font-size:1.2rem;margin-top:2rem}
#feeds h3{font-size:1rem;margin:1rem 0 .3rem}
#feeds ul{margin:0;padding-left:1.2rem}
footer{border-top:1px solid var(--line);margin-top:2rem;padding-bottom:2rem}
"""

_JS = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var items = Array.prototype.slice.call(document.querySelectorAll("#articles > li"));
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  function apply() {
    var shown = 0;
    items.forEach(function (li) {
      var ok = selects.every(function (s) { return !s.value || li.getAttribute("data-" + s.name) === s.value; });
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " bài";
    empty.hidden = shown > 0;
    var hash = selects.filter(function (s) { return s.value; })
      .map(function (s) { return s.name + "=" + encodeURIComponent(s.value); }).join("&");
    if (hash !== location.hash.slice(1)) {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }
  }
  function fromHash() {
    var wanted = {};
    location.hash.slice(1).split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2) { wanted[kv[0]] = decodeURIComponent(kv[1]); }
    });
    selects.forEach(function (s) {
      var value = wanted[s.name] || "";
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === value; });
      s.value = known ? value : "";
    });
    apply();
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  window.addEventListener("hashchange", fromHash);
  form.hidden = false;
  fromHash();
})();
"""


def _e(value: str) -> str:
    return escape(value, quote=True)


def _time(entry: Entry) -> str:
    when = entry.published
    return f'<time datetime="{when.isoformat()}">{when:%d/%m/%Y %H:%M} (GMT+7)</time>'


def _article(entry: Entry) -> str:
    from aggregator.feeds import slugify, web_url

    href = web_url(entry.url)
    title = f'<a href="{_e(href)}">{_e(entry.title)}</a>' if href else _e(entry.title)
    summary = f'\n<p class="summary">{_e(entry.summary)}</p>' if entry.summary else ""
    return (
        f'<li class="article" data-province="{_e(slugify(entry.province))}" '
        f'data-source="{_e(entry.source)}" data-category="{_e(slugify(entry.category))}">\n'
        f"<h2>{title}</h2>\n"
        f'<p class="meta"><span class="source">{_e(entry.source_name)}</span> · '
        f'<span class="province">{_e(entry.province)}</span> · {_time(entry)}</p>{summary}\n'
        "</li>"
    )


def _select(name: str, label: str, everything: str, specs: list[FeedSpec]) -> str:
    options = [f'<option value="">{_e(everything)}</option>']
    from aggregator.feeds import slugify

    for spec in sorted(specs, key=lambda s: (slugify(s.name), s.path)):  # Đ among the D's
        value = spec.path.split("/", 1)[1]
        options.append(f'<option value="{_e(value)}">{_e(spec.name)}</option>')
    return f'<label>{_e(label)}<select id="{name}" name="{name}">{"".join(options)}</select></label>'


def _feed_links(spec: FeedSpec) -> str:
    return (
        f'<li>{_e(spec.name)}: <a href="feeds/{_e(spec.path)}.rss">RSS</a> · '
        f'<a href="feeds/{_e(spec.path)}.atom">Atom</a></li>'
    )


def _feeds_section(by_kind: dict[str, list[FeedSpec]]) -> str:
    parts = ['<section id="feeds">', "<h2>Theo dõi bằng trình đọc tin (RSS, Atom)</h2>"]
    for kind, heading in (
        ("all", "Tất cả"),
        ("province", "Theo tỉnh, thành phố"),
        ("source", "Theo báo"),
        ("category", "Theo chuyên mục"),
    ):
        if by_kind.get(kind):
            links = "\n".join(_feed_links(s) for s in by_kind[kind])
            parts.append(f"<h3>{heading}</h3>\n<ul>\n{links}\n</ul>")
    parts.append(
        '<p>Mọi nguồn tin trong một tệp để nhập vào trình đọc tin: <a href="feeds/feeds.opml">feeds.opml</a></p>'
    )
    parts.append("</section>")
    return "\n".join(parts)


def index_entries(built: Built, per_source: int) -> list[Entry]:
    """The newest *per_source* articles of every paper, newest first (each paper gets a say)."""
    chosen: dict[str, Entry] = {}
    for spec in built.specs:
        if spec.kind == "source":
            for entry in built.entries.get(spec.path, [])[:per_source]:
                chosen[entry.id] = entry
    return sorted(chosen.values(), key=lambda e: (-e.published.timestamp(), e.id))


def render_index(built: Built, *, per_source: int | None = None) -> bytes:
    from aggregator.feeds import INDEX_ITEMS_PER_SOURCE

    by_kind: dict[str, list[FeedSpec]] = {}
    for spec in built.specs:
        by_kind.setdefault(spec.kind, []).append(spec)
    entries = index_entries(built, per_source or INDEX_ITEMS_PER_SOURCE)
    papers = len(by_kind.get("source", []))
    articles = "\n".join(_article(e) for e in entries)
    page = f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{_e(TITLE)}</title>
<meta name="description" content="Tin mới nhất từ các báo địa phương Việt Nam, lọc theo tỉnh và theo báo">
<link rel="alternate" type="application/rss+xml" title="Báo tỉnh (RSS)" href="feeds/all.rss">
<link rel="alternate" type="application/atom+xml" title="Báo tỉnh (Atom)" href="feeds/all.atom">
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>Báo tỉnh</h1>
<p>Tin mới nhất từ {papers} báo địa phương. Giờ Việt Nam (GMT+7).</p>
</header>
<main>
<form id="filters" hidden>
{_select("province", "Tỉnh, thành phố", "Tất cả các tỉnh", by_kind.get("province", []))}
{_select("source", "Báo", "Tất cả các báo", by_kind.get("source", []))}
{_select("category", "Chuyên mục", "Tất cả chuyên mục", by_kind.get("category", []))}
</form>
<p id="count">{len(entries)} bài</p>
<ol id="articles">
{articles}
</ol>
<p id="empty"{"" if not entries else " hidden"}>Không có bài nào.</p>
{_feeds_section(by_kind)}
</main>
<footer>
<p>Bản quyền nội dung thuộc các báo. Trang do baotinh tạo tự động.</p>
</footer>
<script>{_JS}</script>
</body>
</html>
"""
    return page.encode("utf-8")
