"""RSS 2.0 feeds, sitemaps and robots.txt of a mirrored site.

Feeds and sitemaps link the clean URL of every article (only listing pages add share-tracking
parameters) and give dates at the precision the article page shows, so a spider that falls back
on a feed's date agrees with the page. An article whose page shows only a day has no pubDate.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from aggregator.demo.markup import esc, iso_at, rfc822
from aggregator.demo.platform import Feed, Platform
from aggregator.demo.stories import Story

SITEMAP_CHUNK = 1000  # URLs per F1 news sitemap; chunk k holds articles k*1000 … k*1000+999
_NEWS_NAMES = {"baolaocai": "Báo Lào Cai", "baocantho": "Báo Cần Thơ", "baolangson": "Báo Lạng Sơn"}


def rss(platform: Platform, feed: Feed, newest: Sequence[Story]) -> str:
    items = [s for s in newest if s.section in feed.sections][: platform.feed_limit]
    body = "\n".join(_rss_item(platform, s) for s in items)
    last = f"<lastBuildDate>{rfc822(items[0].published)}</lastBuildDate>\n" if items else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        f"<title>{esc(feed.title)}</title>\n<link>{platform.spec.root}</link>\n"
        f"<description>Tin mới nhất - {esc(platform.spec.paper)}</description>\n"
        f"<language>vi</language>\n{last}{body}\n</channel>\n</rss>\n"
    )


def _rss_item(platform: Platform, story: Story) -> str:
    url = platform.url(story)
    summary = platform.description(story)
    date = "" if story.precision == "day" else f"<pubDate>{rfc822(story.published)}</pubDate>"
    return (
        f"<item><title>{esc(story.title)}</title><link>{url}</link>"
        f"<description>{esc(summary)}</description>{date}"
        f'<guid isPermaLink="true">{url}</guid></item>'
    )


def news_sitemaps(platform: Platform, stories: Sequence[Story]) -> Iterator[tuple[str, str]]:
    """(URL, XML) of the F1 sitemap index and its Google News urlsets, newest first."""
    chunks = range((len(stories) - 1) // SITEMAP_CHUNK, -1, -1)
    root = platform.spec.root
    entries = []
    for k in chunks:
        part = stories[k * SITEMAP_CHUNK : (k + 1) * SITEMAP_CHUNK]
        url = f"{root}sitemaps/news-{k + 1}.xml"
        newest = max(part, key=lambda s: s.modified)
        entries.append(f"<sitemap><loc>{url}</loc><lastmod>{_lastmod(newest)}</lastmod></sitemap>")
        yield url, _urlset(platform, reversed(part), news=True)
    yield (
        f"{root}sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</sitemapindex>\n",
    )


def plain_sitemap(platform: Platform, stories: Sequence[Story]) -> tuple[str, str]:
    return f"{platform.spec.root}sitemap.xml", _urlset(platform, reversed(stories), news=False)


def _lastmod(story: Story) -> str:
    return iso_at(story.modified, story.precision)


def _urlset(platform: Platform, stories: Iterator[Story], *, news: bool) -> str:
    name = _NEWS_NAMES.get(platform.spec.key, platform.spec.paper)
    rows = []
    for s in stories:
        row = f"<url><loc>{platform.url(s)}</loc><lastmod>{_lastmod(s)}</lastmod>"
        if news:
            row += (
                "<news:news><news:publication><news:name>"
                f"{name}</news:name><news:language>vi</news:language></news:publication>"
                f"<news:publication_date>{iso_at(s.published, s.precision)}</news:publication_date>"
                f"<news:title>{esc(s.title)}</news:title></news:news>"
                f"<image:image><image:loc>{platform.image_url(s)}</image:loc></image:image>"
            )
        rows.append(row + "</url>")
    namespaces = (
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
        ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
        if news
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )


def robots(platform: Platform) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {platform.spec.root}sitemap.xml\n"
