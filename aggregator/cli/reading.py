"""``baotinh extract`` and ``parse-date``: one saved page, or one date string, as the crawl reads it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from spiders.registry import spider_for_url


def extract_file(path: Path, url: str) -> dict[str, Any]:
    """Run the owning spider's reader and the Normalize step on a saved page."""
    from itemadapter import ItemAdapter
    from scrapy.http import HtmlResponse, Request

    from aggregator.extract import adopt_stray_roots
    from aggregator.pipelines import normalize_article

    spider = spider_for_url(url)()
    response = HtmlResponse(url=url, body=path.read_bytes(), request=Request(url))
    adopt_stray_roots(response.selector.root)  # as the crawl's downloader middleware does
    article = ItemAdapter(spider.extract_article(response))
    normalize_article(article, dateline_markers=spider.profile.dateline_markers)
    published = article.get("published")
    return {
        "url": article.get("url"),
        "canonical_url": article.get("canonical_url"),
        "source": article.get("source"),
        "title": article.get("title"),
        "summary": article.get("summary"),
        "body": article.get("body"),
        "author": article.get("author"),
        "credit": article.get("credit"),
        "dateline": article.get("dateline"),
        "published": published.isoformat() if published else None,
        "published_raw": article.get("published_raw"),
        "date_conflict": article.get("date_conflict") or [],
        "category": article.get("category"),
        "tags": article.get("tags") or [],
        "image_url": article.get("image_url"),
        "provenance": article.get("provenance") or {},
    }


def cmd_extract(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    found = extract_file(args.file, args.url)
    print(json.dumps(found, ensure_ascii=False, indent=2))
    print(_provenance_lines(found), file=sys.stderr)
    return 0


def _provenance_lines(found: dict[str, Any]) -> str:
    """Where each field came from, and the dates that disagreed, for a person reading the terminal."""
    sources = found["provenance"]
    lines = ["field       source    value"]
    for name in ("title", "published", "author", "credit", "dateline", "summary", "body", "category", "tags"):
        value = found.get(name)
        shown = ", ".join(value) if isinstance(value, list) else str(value or "")
        lines.append(f"{name:<11} {sources.get(name, '-'):<9} {shown[:60]}")
    for conflict in found["date_conflict"]:
        lines.append(f"date conflict: {conflict['source']} says {conflict['raw']!r} ({conflict['value']})")
    return "\n".join(lines)


def cmd_parse_date(args: argparse.Namespace) -> int:
    from datetime import datetime

    from aggregator.dates import parse_vn_date

    now = datetime.fromisoformat(args.now) if args.now else None
    parsed = parse_vn_date(args.text, now=now)
    print(json.dumps(parsed.as_dict() if parsed else None, ensure_ascii=False))
    return 0 if parsed else 1


def cmd_verify(args: argparse.Namespace) -> int:
    """Read N articles of each spider's site without storing them; exit 1 unless all are ``ok``."""
    from aggregator.cli.crawl import crawl_here
    from aggregator.run import verify
    from spiders.registry import project_settings, provincial_spiders

    names = [cls.name for cls in provincial_spiders()] if args.all else list(args.spiders)
    known = {cls.name for cls in provincial_spiders()}
    unknown = sorted(set(names) - known)
    if unknown or not names:
        print(
            f"baotinh: unknown spider(s): {', '.join(unknown) or '(none given; --all for every one)'}",
            file=sys.stderr,
        )
        return 2
    overrides = {**verify.crawl_settings(args.articles), "MIRROR": args.mirror}
    stats = crawl_here(names, project_settings(overrides), None)
    reports = [
        verify.report(name, verify.READINGS.get(name, []), stats.get(name, {}), args.articles)
        for name in names
    ]
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2, default=str))
    else:
        print(verify.table(reports))
    return 0 if all(r.verdict == "ok" for r in reports) else 1
