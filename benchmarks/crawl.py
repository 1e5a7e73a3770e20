"""Throughput: our spiders + pipelines + SQLite + feeds against plain Scrapy, on one mirror.

    python benchmarks/crawl.py                                  # N = 5,000 articles, 3 rounds
    python benchmarks/crawl.py --articles 5000 50000 --rounds 1 # is memory flat as N grows?
    python benchmarks/crawl.py --extractors      # per-article extraction: ours, trafilatura, news-please

For each N the script generates a mirror of N articles across 10 demo sites on at least three
platforms, serves it with the project's mirror server (a separate process, with an access log),
and, after an unmeasured warm-up crawl that lists the pages, measures in rounds whose order turns:

(b) ``baotinh crawl --full`` of those sites as users run it: our spiders, the whole pipeline
    chain into SQLite, the feed build, with the default ``--processes auto`` (one crawler process
    per core); and the same with ``--processes 1``, everything on one core;
(a) plain Scrapy downloading exactly the pages (b) downloaded (from the access log), through the
    same mirror download handler, with no parsing and no pipelines: one process, the ceiling of
    a single Scrapy process on this machine.

It prints pages/s, articles/s, CPU seconds per 1,000 articles and peak memory (summed PSS of the
process tree) of each, medians over the rounds, and the ratios b/a of pages per second; the last
line is one JSON object with ``ratio`` (default settings), ``ratio_one_process`` and ``cpu_ratio``
(plain Scrapy's CPU seconds per article over ours: the work per article, which cores do not buy).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def choose_sites(count: int = 10) -> list[str]:
    """*count* demo sites, round-robin over platforms so at least three are present."""
    from aggregator.demo.sites import SITES

    by_platform: dict[str, list[str]] = {}
    for name, spec in sorted(SITES.items()):
        by_platform.setdefault(spec.platform, []).append(name)
    chosen: list[str] = []
    while len(chosen) < count and any(by_platform.values()):
        for names in by_platform.values():
            if names and len(chosen) < count:
                chosen.append(names.pop(0))
    return chosen


def run_measured(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run *command*; wall seconds, CPU seconds and peak memory (MB) of it and its children.

    Memory is the peak of the process tree's summed proportional set sizes (PSS), sampled every
    100 ms: with several crawler processes the peak of one of them would understate what the run
    needs, and summed resident sets would count the pages they share since the fork twice.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    sampler = TreeMemory(process.pid)
    sampler.start()
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)  # children are reaped by it: their CPU is included
    wall = time.perf_counter() - started
    sampler.stop()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{command[:4]} failed:\n{stderr[-2000:]}")
    return {
        "seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_mb": sampler.peak_mb,
    }


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and all its descendants (Linux ``/proc``)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.peak_mb = max(self.peak_mb, self._tree_pss_mb())

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _tree_pss_mb(self) -> float:
        """Proportional set size: pages shared after a fork count once across the tree."""
        total_kb, frontier = 0, [self.root]
        while frontier:
            pid = frontier.pop()
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                total_kb += int(rollup.split("\nPss:", 1)[1].split()[0])
                for task in Path(f"/proc/{pid}/task").iterdir():
                    frontier.extend(int(c) for c in (task / "children").read_text().split())
            except (OSError, ValueError, IndexError):
                continue  # the process ended between two reads
        return total_kb / 1024


def baseline(urls_file: Path, mirror: str) -> None:
    """(a): download every URL of *urls_file* through the mirror handler, parse nothing."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    urls = urls_file.read_text(encoding="utf-8").split()

    class Baseline(scrapy.Spider):
        name = "baseline"

        async def start(self):  # type: ignore[override]
            for url in urls:
                yield scrapy.Request(url, callback=self.parse, dont_filter=True)

        def parse(self, response):  # type: ignore[override]
            return None

    settings = {
        "ADDONS": {"aggregator.run.mirror.MirrorAddon": 0},
        "MIRROR": mirror,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "ROBOTSTXT_OBEY": False,
        "HTTPERROR_ALLOW_ALL": True,
        "RETRY_ENABLED": False,
        "COOKIES_ENABLED": False,
    }
    process = CrawlerProcess(settings)
    process.crawl(Baseline)
    process.start()


def real_urls(log_lines: list[str]) -> list[str]:
    """``STATUS /HOST/PATH?Q`` lines of the access log → the real ``https://HOST/PATH?Q`` URLs."""
    return [f"https://{line.split(' ', 1)[1].lstrip('/')}" for line in log_lines if " /" in line]


def measure(
    articles: int, sites: list[str], folder: Path, processes: str = "auto", rounds: int = 3
) -> dict[str, Any]:
    """Build the mirror of *articles*, warm up, then *rounds* of plain / ours / ours in one process.

    The order of the three turns each round, so a slow minute of a shared machine hits all three
    alike and none is always first; each figure is the median of its rounds (peak memory: the
    largest).
    """
    from aggregator.demo import build_mirror
    from aggregator.run.mirror import running_mirror

    per_site = max(30, articles // len(sites))
    mirror_dir = folder / f"mirror-{articles}"
    started = time.perf_counter()
    build_mirror(mirror_dir, articles_per_site=per_site, sites=sites)
    built = time.perf_counter() - started
    log = folder / f"access-{articles}.log"
    runs: dict[str, list[dict[str, float]]] = {"plain": [], "ours": [], "ours_one_process": []}
    fetched: list[tuple[int, int]] = []
    with running_mirror(mirror_dir, access_log=log) as url:

        def ours(processes: str, output: Path) -> dict[str, float]:
            # --full and no depth limit: every article of the mirror is crawled, however deep
            before = _lines(log)
            run = run_measured([sys.executable, "-m", "aggregator.cli", "crawl", *sites, "--mirror", url,
                                "--output", str(output), "--progress", "0", "--full",
                                "--processes", processes], env={"BAOTINH_LOG_LEVEL": "ERROR", "BAOTINH_BACKFILL_MAX_PAGES": "1000000"})  # fmt: skip
            fetched.append((_lines(log) - before, _stored(output / "articles.db")))
            return run

        # An unmeasured warm-up crawl: it lists the pages (a) replays and warms the mirror's cache.
        before = _lines(log)
        ours(processes, folder / f"out-{articles}-warmup")
        urls_file = folder / f"urls-{articles}.txt"
        urls_file.write_text("\n".join(real_urls(log.read_text(encoding="utf-8").splitlines()[before:])))
        plain = [sys.executable, __file__, "--baseline", str(urls_file), "--mirror", url]
        runners = {
            "plain": lambda number: run_measured(plain),
            "ours": lambda number: ours(processes, folder / f"out-{articles}-{number}" / "auto"),
            "ours_one_process": lambda number: ours("1", folder / f"out-{articles}-{number}" / "one"),
        }
        order = list(runners)
        for number in range(rounds):  # the order turns each round: no run is always first or last
            for name in order[number % 3 :] + order[: number % 3]:
                runs[name].append(runners[name](number))
    pages, stored = fetched[0]
    if any(f != fetched[0] for f in fetched):
        raise RuntimeError(f"runs fetched or stored different counts (pages, articles): {fetched}")
    result: dict[str, Any] = {
        "articles_requested": per_site * len(sites),
        "mirror_build_seconds": round(built, 1),
        "pages": pages,
        "articles_stored": stored,
        "processes": processes,
        "rounds": rounds,
    }
    for name, measured in runs.items():
        result[name] = _figures(_median_run(measured), pages, stored)
    result["ratio"] = round(result["ours"]["pages_per_s"] / result["plain"]["pages_per_s"], 3)
    result["ratio_one_process"] = round(
        result["ours_one_process"]["pages_per_s"] / result["plain"]["pages_per_s"], 3
    )
    result["cpu_ratio"] = round(
        result["plain"]["cpu_s_per_1000_articles"] / result["ours"]["cpu_s_per_1000_articles"], 3
    )  # work per article: what more cores cannot buy
    result["ratio_by_round"] = [
        round(plain["seconds"] / run["seconds"], 3)
        for plain, run in zip(runs["plain"], runs["ours"], strict=True)
    ]
    return result


def _lines(log: Path) -> int:
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


def _stored(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
    }


def _figures(run: dict[str, float], pages: int, articles: int) -> dict[str, float]:
    return {
        "seconds": round(run["seconds"], 2),
        "pages_per_s": round(pages / run["seconds"], 1),
        "articles_per_s": round(articles / run["seconds"], 1),
        "cpu_s_per_1000_articles": round(run["cpu_seconds"] / max(articles, 1) * 1000, 2),
        "peak_mb": round(run["peak_mb"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[5000])
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--processes", default="auto", help="crawler processes of (b) (default: auto)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; medians are reported")
    parser.add_argument("--extractors", action="store_true", help="per-article extraction times")
    parser.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mirror", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        baseline(args.baseline, args.mirror)
        return
    if args.extractors:
        from benchmarks.extractors import compare

        print(json.dumps(compare()))
        return
    sites = choose_sites(args.sites)
    print(json.dumps({"sites": sites}), flush=True)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.articles:
            results[count] = measure(count, sites, Path(tmp), args.processes, args.rounds)
            print(json.dumps(results[count]), flush=True)
    first = results[args.articles[0]]
    summary = {"ratio": first["ratio"], "ratio_one_process": first["ratio_one_process"],
               "cpu_ratio": first["cpu_ratio"],
               **{f"{k}_ours": v for k, v in first["ours"].items()},
               **{f"{k}_ours_one_process": v for k, v in first["ours_one_process"].items()},
               **{f"{k}_plain": v for k, v in first["plain"].items()}}  # fmt: skip
    if len(results) > 1:
        summary["peak_mb_by_n"] = {n: r["ours"]["peak_mb"] for n, r in results.items()}
        summary["peak_mb_one_process_by_n"] = {
            n: r["ours_one_process"]["peak_mb"] for n, r in results.items()
        }
        summary["ratio_by_n"] = {n: r["ratio"] for n, r in results.items()}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
