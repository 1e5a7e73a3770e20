"""The ``baotinh`` command: demo, crawl, mirror, extract, parse-date, feeds, sources.

Subcommands are thin: each one calls the module that owns the work. Output meant for scripts is
JSON on stdout; progress and logs go to stderr, so ``baotinh … | jq`` works.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "aggregator.settings")


def _settings(overrides: dict[str, Any] | None = None) -> Any:
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    if overrides:
        settings.setdict({k: v for k, v in overrides.items() if v is not None}, priority="cmdline")
    return settings


def spider_classes() -> list[type]:
    """Every registered site spider, sorted by name (the spider loader is the site registry)."""
    from scrapy.spiderloader import SpiderLoader

    loader = SpiderLoader.from_settings(_settings())
    return [loader.load(name) for name in sorted(loader.list())]


# --- crawling ----------------------------------------------------------------------------------


def run_spiders(names: Sequence[str], overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Run the named spiders in one process (one reactor); return each spider's final stats."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(_settings(overrides))
    crawlers = []
    for name in names:
        crawler = process.create_crawler(name)
        crawlers.append(crawler)
        process.crawl(crawler)
    process.start()
    return {crawler.spidercls.name: crawler.stats.get_stats() for crawler in crawlers}


def _source_line(name: str, stats: dict[str, Any]) -> str:
    def get(key: str) -> int:
        return int(stats.get(f"baotinh/{key}", 0))

    dropped = sum(v for k, v in stats.items() if k.startswith("baotinh/drop/"))
    return (
        f"  {name:<14} pages {stats.get('response_received_count', 0):>4}   new {get('articles/new'):>4}"
        f"   updated {get('articles/updated'):>3}   unchanged {get('articles/unchanged'):>4}"
        f"   dropped {dropped:>3}   failed pages {get('failed_pages'):>3}"
    )


def _finish_crawl(stats: dict[str, dict[str, Any]], settings: Any) -> int:
    from aggregator.feeds import build_feeds
    from aggregator.paths import db_path, output_dir

    report = build_feeds(
        db_path(settings),
        output_dir(settings),
        limit=settings.getint("BAOTINH_FEED_LIMIT"),
        site_url=settings.get("BAOTINH_SITE_URL"),
    )
    print(f"database: {db_path(settings)}")
    print(
        f"feeds:    {output_dir(settings) / 'feeds'} ({len(report.files)} files, {len(report.written)} changed)"
    )
    print("per source:")
    for name, values in stats.items():
        print(_source_line(name, values))
    print(f"drops and failed pages, with their reasons: sqlite-utils rows {db_path(settings)} drops")
    failed = [n for n, s in stats.items() if s.get("finish_reason") not in ("finished", None)]
    return 1 if failed else 0


def cmd_crawl(args: argparse.Namespace) -> int:
    names = args.spiders or [cls.name for cls in spider_classes()]
    overrides = {"BAOTINH_FEEDS_ON_CLOSE": False, "BAOTINH_OUTPUT": args.output, "BAOTINH_DB": args.db}
    if args.mirror:
        overrides["MIRROR"] = args.mirror
    stats = run_spiders(names, overrides)
    return _finish_crawl(stats, _settings(overrides))


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the bundled mirror, crawl it with every demo site's spider, build the feeds."""
    from aggregator.demo import build_mirror
    from aggregator.mirror import running_mirror

    output = Path(args.output)
    mirror_dir = output / "demo-mirror"
    manifest = build_mirror(mirror_dir)
    names = sorted(manifest["sites"])
    overrides = {
        "BAOTINH_OUTPUT": str(output),
        "BAOTINH_DB": args.db or str(output / "articles.db"),
        "BAOTINH_FEEDS_ON_CLOSE": False,
        "LOG_LEVEL": args.log_level,
    }
    with running_mirror(mirror_dir) as url:
        print(f"serving the demo mirror ({mirror_dir}) at {url}", file=sys.stderr)
        overrides["MIRROR"] = url
        stats = run_spiders(names, overrides)
    return _finish_crawl(stats, _settings(overrides))


def cmd_mirror(args: argparse.Namespace) -> int:
    from aggregator.mirror import serve

    root = args.root
    if root is None:
        from aggregator.demo import build_mirror

        root = Path(tempfile.mkdtemp(prefix="baotinh-mirror-"))
        build_mirror(root)
        print(f"bundled demo mirror written to {root}", file=sys.stderr)
    serve(Path(root), args.port, args.host)
    return 0


# --- one page, one date ------------------------------------------------------------------------


def spider_for_url(url: str) -> type:
    """The spider that owns *url*'s domain, or the generic news spider base."""
    from urllib.parse import urlsplit

    from spiders.platforms.base import NewsSpider

    host = (urlsplit(url).hostname or "").lower()
    for cls in spider_classes():
        domains = getattr(cls, "allowed_domains", None) or []
        if any(host == d or host.endswith("." + d) for d in domains):
            return cls
    return NewsSpider


def extract_file(path: Path, url: str) -> dict[str, Any]:
    """Run the owning spider's extraction and the Normalize step on a saved page."""
    from itemadapter import ItemAdapter
    from scrapy.http import HtmlResponse, Request

    from aggregator.pipelines import normalize_article

    cls = spider_for_url(url)
    spider = cls() if getattr(cls, "name", None) else cls(name="news")
    response = HtmlResponse(url=url, body=path.read_bytes(), request=Request(url))
    article = ItemAdapter(spider.extract_article(response))
    normalize_article(article, dateline_markers=tuple(getattr(cls, "dateline_markers", ())))
    published = article.get("published")
    return {
        "url": article.get("url"),
        "source": article.get("source"),
        "title": article.get("title"),
        "summary": article.get("summary"),
        "body": article.get("body"),
        "author": article.get("author"),
        "dateline": article.get("dateline"),
        "published": published.isoformat() if published else None,
        "published_raw": article.get("published_raw"),
        "category": article.get("category"),
        "tags": article.get("tags") or [],
        "image_url": article.get("image_url"),
    }


def cmd_extract(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    print(json.dumps(extract_file(args.file, args.url), ensure_ascii=False, indent=2))
    return 0


def cmd_parse_date(args: argparse.Namespace) -> int:
    from datetime import datetime

    from aggregator.dates import parse_vn_date

    now = datetime.fromisoformat(args.now) if args.now else None
    parsed = parse_vn_date(args.text, now=now)
    print(json.dumps(parsed.as_dict() if parsed else None, ensure_ascii=False))
    return 0 if parsed else 1


def cmd_feeds(args: argparse.Namespace) -> int:
    from aggregator.feeds import build_feeds
    from aggregator.paths import db_path, output_dir

    settings = _settings({"BAOTINH_OUTPUT": args.output, "BAOTINH_DB": args.db})
    database = db_path(settings)
    if not database.is_file():
        print(f"no database at {database}: run a crawl first (baotinh demo)", file=sys.stderr)
        return 2
    report = build_feeds(
        database,
        output_dir(settings),
        limit=settings.getint("BAOTINH_FEED_LIMIT"),
        site_url=settings.get("BAOTINH_SITE_URL"),
    )
    print(
        f"{len(report.files)} feed files in {output_dir(settings) / 'feeds'}, {len(report.written)} changed"
    )
    return 0


def source_rows() -> list[dict[str, Any]]:
    return [
        {
            "spider": cls.name,
            "paper": cls.source_name,
            "province": cls.province,
            "former_provinces": list(cls.former_provinces),
            "platform": cls.platform,
            "domains": list(cls.allowed_domains or []),
            "listing_urls": list(cls.listing_urls),
            "feed_urls": list(cls.feed_urls),
            "sitemap_urls": list(cls.sitemap_urls),
            "inferred": cls.inferred or None,
        }
        for cls in spider_classes()
    ]


def cmd_sources(args: argparse.Namespace) -> int:
    rows = source_rows()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["spider"])
        writer.writeheader()
        writer.writerows(
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in r.items()}
            for r in rows
        )
    else:
        for row in rows:
            entries = len(row["listing_urls"]) + len(row["feed_urls"]) + len(row["sitemap_urls"])
            print(
                f"{row['spider']:<14} {row['paper']:<22} {row['province']:<16} {row['platform']:<4} {entries} entry points"
            )
    return 0


# --- argument parsing --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baotinh", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def with_paths(p: argparse.ArgumentParser, output_default: str | None = None) -> None:
        p.add_argument("--output", default=output_default, help="output folder (BAOTINH_OUTPUT)")
        p.add_argument("--db", default=None, help="database file (BAOTINH_DB)")

    demo = sub.add_parser("demo", help="crawl the bundled offline mirror, build the feeds")
    with_paths(demo, "output")
    demo.add_argument("--log-level", default="CRITICAL", help="Scrapy log level (default: quiet)")
    demo.set_defaults(func=cmd_demo)

    crawl = sub.add_parser("crawl", help="run all (or the named) spiders in one process, then the feeds")
    crawl.add_argument("spiders", nargs="*")
    crawl.add_argument("--mirror", help="fetch from a local mirror (MIRROR setting)")
    with_paths(crawl)
    crawl.set_defaults(func=cmd_crawl)

    mirror = sub.add_parser("mirror", help="serve a mirror folder (the bundled demo by default)")
    mirror.add_argument("root", nargs="?", type=Path)
    mirror.add_argument("--port", type=int, default=8765)
    mirror.add_argument("--host", default="127.0.0.1")
    mirror.set_defaults(func=cmd_mirror)

    extract = sub.add_parser("extract", help="one saved page -> the normalized article as JSON")
    extract.add_argument("file", type=Path)
    extract.add_argument("--url", required=True, help="the page's real URL (chooses the spider)")
    extract.set_defaults(func=cmd_extract)

    parse_date = sub.add_parser("parse-date", help="one date string -> the parsed value as JSON")
    parse_date.add_argument("text")
    parse_date.add_argument("--now", help="ISO time that anchors relative dates (default: now)")
    parse_date.set_defaults(func=cmd_parse_date)

    feeds = sub.add_parser("feeds", help="rebuild the RSS/Atom feeds from the database")
    with_paths(feeds)
    feeds.set_defaults(func=cmd_feeds)

    sources = sub.add_parser("sources", help="list every source (spider, paper, province, platform)")
    sources.add_argument("--format", choices=("table", "json", "csv"), default="table")
    sources.set_defaults(func=cmd_sources)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
