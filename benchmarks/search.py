"""Search latency at 100k and 1M articles, and database bytes per article.

Builds databases of synthetic Vietnamese-like articles through the real schema (ArticleStore) and
the real index (aggregator.store.fts), then times ``aggregator.store.search.search`` on a mix of queries users
type (places, topics, two-word names, with and without accents, with filters, by date).

    python benchmarks/search.py                 # 100k and 1M
    python benchmarks/search.py --sizes 20000   # quick run

The last line is one JSON object; ``p95_ms_1m`` is the p95 latency at 1M articles.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aggregator.store import ArticleStore, fts
from aggregator.store.search import search
from aggregator.text import fold

PLACES = ["Lạng Sơn", "Lào Cai", "Cần Thơ", "Đồng Nai", "Quảng Ninh", "Cao Bằng", "Hưng Yên", "Nghệ An",
          "Gia Lai", "Đắk Lắk", "Tây Ninh", "Vĩnh Long", "An Giang", "Cà Mau", "Sơn La", "Điện Biên"]  # fmt: skip
WORDS = ["người", "dân", "xã", "phường", "huyện", "tỉnh", "thành", "phố", "hội", "nghị", "triển", "khai", "kế", "hoạch", "năm", "nay", "nông", "dân", "mùa", "vụ", "lúa", "gạo", "cây", "ăn", "quả", "sầu", "riêng", "thanh", "long", "cà", "phê", "hồ", "tiêu", "thủy", "sản", "tôm", "cá", "đường", "giao", "thông", "cầu", "trường", "học", "học", "sinh", "giáo", "viên", "bệnh", "viện", "y", "tế", "tiêm", "chủng", "du", "lịch", "lễ", "hội", "văn", "hóa", "thể", "thao", "bóng", "đá", "cửa", "khẩu", "xuất", "khẩu", "doanh", "nghiệp", "đầu", "tư", "dự", "án", "sạt", "lở", "mưa", "lũ", "thiên", "tai", "cứu", "hộ", "an", "toàn", "chuyển", "đổi", "số", "dịch", "vụ", "công", "trực", "tuyến", "nhà", "ở", "hộ", "nghèo", "hỗ", "trợ", "vốn", "vay", "thanh", "niên", "tình", "nguyện", "môi", "trường", "rừng", "biên", "giới", "bộ", "đội", "công", "an", "phòng", "cháy", "chữa", "cháy", "điện", "nước", "sạch", "chợ", "nổi", "sản", "phẩm", "OCOP"]  # fmt: skip
SOURCES = [f"bao{i:02d}" for i in range(30)]
QUERIES = ["lang son", "Lạng Sơn", "dong nai", "sau rieng", "cửa khẩu", "OCOP", "sat lo", "tiêm chủng",
           "chợ nổi", "chuyen doi so", "thanh long", "Quảng Ninh du lịch", "hộ nghèo", "bệnh viện"]  # fmt: skip


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    if rng.random() < 0.5:
        text += " ở " + rng.choice(PLACES)
    return text[0].upper() + text[1:] + "."


def build(path: Path, size: int, seed: int = 1) -> float:
    """Fill a fresh database with *size* articles; returns the seconds it took."""
    rng = random.Random(seed)
    started = time.perf_counter()
    store = ArticleStore(path)
    db = store.db
    db.execute("PRAGMA synchronous=OFF")
    columns = ["id", "url", "source", "source_name", "province", "title", "summary", "body", "published",
               "first_seen", "updated", "revisions", "content_hash", "cluster_id", "sort_time"]  # fmt: skip
    insert = f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    index = f"INSERT INTO {fts.FTS_TABLE}(rowid, title, summary, body, facets) VALUES (?, ?, ?, ?, ?)"
    base = 1_700_000_000
    for start in range(0, size, 10_000):
        rows, folded = [], []
        for n in range(start, min(size, start + 10_000)):
            title = sentence(rng, 9)[:-1]
            summary = sentence(rng, 25)
            body = "\n\n".join(sentence(rng, rng.randint(18, 30)) for _ in range(rng.randint(4, 8)))
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(base + n * 60))
            source = SOURCES[n % len(SOURCES)]
            rows.append((f"{n:016x}", f"https://{source}.vn/bai-{n}.html", source, source,
                         PLACES[n % len(PLACES)], title, summary, body, stamp + "+07:00", stamp + "+00:00",
                         stamp + "+00:00", 1, f"h{n}", f"{n:016x}", stamp))  # fmt: skip
            facets = f"{fts.source_token(source)} {fts.province_token(PLACES[n % len(PLACES)])}"
            folded.append((n + 1, fold(title), fold(summary), fold(body), facets))
        with db.atomic():
            db.conn.executemany(insert, rows)
            db.conn.executemany(index, folded)
    db.execute("PRAGMA optimize")
    store.close()
    return time.perf_counter() - started


def latencies(path: Path, rounds: int) -> list[float]:
    store = ArticleStore(path, readonly=True)
    timings = []
    variants = [{}, {"sort": "date"}, {"province": "Lạng Sơn"}, {"sources": ["bao03"]}]
    for _ in range(rounds):
        for query in QUERIES:
            for options in variants:
                started = time.perf_counter()
                search(store, query, limit=20, **options)
                timings.append((time.perf_counter() - started) * 1000)
    store.close()
    return timings


def measure(size: int, folder: Path, rounds: int) -> dict[str, float]:
    path = folder / f"search-{size}.db"
    build_seconds = build(path, size)
    timings = sorted(latencies(path, rounds))
    p95 = timings[int(len(timings) * 0.95) - 1]
    return {
        "articles": size,
        "build_seconds": round(build_seconds, 1),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(timings[-1], 2),
        "bytes_per_article": round(sum(f.stat().st_size for f in folder.glob(f"{path.name}*")) / size),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            result = measure(size, Path(tmp), args.rounds)
            print(json.dumps(result, ensure_ascii=False), flush=True)
            results[size] = result
    summary = {f"p95_ms_{_label(s)}": r["p95_ms"] for s, r in results.items()}
    summary |= {f"bytes_per_article_{_label(s)}": r["bytes_per_article"] for s, r in results.items()}
    print(json.dumps(summary))


def _label(size: int) -> str:
    return f"{size // 1_000_000}m" if size % 1_000_000 == 0 else f"{size // 1000}k"


if __name__ == "__main__":
    main()
