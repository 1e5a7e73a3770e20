"""Build every feed (RSS + Atom per slice and per topic, the OPML and index.html) from 10k, 100k and 1M articles.

    .venv/bin/python benchmarks/feeds.py                  # 10k, 100k, 1M; 20 topics
    .venv/bin/python benchmarks/feeds.py --sizes 10000,100000 --topics 0

Each database is generated quickly into the real schema (``ArticleStore(...).db``, rows inserted
with executemany, the store's indexes rebuilt after the load): 30 papers, 34 provinces, 10
categories (some spelled two ways), Vietnamese-like text, 0.5% undated rows and 5% near-duplicate
cluster members; the full-text index is built as the store builds it (folded text, facet tokens)
and ``--topics`` saved searches (default 20: words, phrases, OR, exclusions, some narrowed to a
province or paper) are stored. Every syllable of the generated text is in most bodies, so each
topic matches most of the archive: the worst case for a topic feed. The build then runs in a
child process, so its time and peak memory (``ru_maxrss``) are its own; the same build without
the topics is timed beside it, and a second, unchanged build. The last line is one JSON object
with ``seconds_10k``, ``seconds_100k``, ``seconds_1m``, ``seconds_no_topics_1m`` and ``peak_mb_1m``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aggregator.dates import VN_TZ
from aggregator.publish import slugify
from aggregator.store import ArticleStore, fts
from aggregator.store.topics import save_topic

# (name, query, province, sources) of the benchmark's topics: what feed readers save.
TOPICS = [
    ("lu-lut", "lũ lụt OR sạt lở", "", ()),
    ("mua-lu", '"mưa lũ"', "", ()),
    ("ret-dam", '"rét đậm" OR "rét hại"', "", ()),
    ("nang-nong", '"nắng nóng" OR "hạn mặn"', "", ()),
    ("cao-toc", '"đường cao tốc"', "", ()),
    ("cang-bien", 'cảng biển -"du lịch"', "", ()),
    ("cua-khau", '"cửa khẩu" hàng hóa', "Lạng Sơn", ()),
    ("xuat-khau", "xuất khẩu (lúa OR gạo OR tôm)", "", ()),
    ("tet", '"tết nguyên đán"', "", ()),
    ("chay-rung", '"cháy rừng" OR "phòng cháy"', "", ()),
    ("giao-duc", "giáo dục NOT thi", "", ()),
    ("thi-tot-nghiep", '"thi tốt nghiệp"', "", ()),
    ("benh-vien", '"bệnh viện"', "Hà Nội", ()),
    ("ca-phe", '"cà phê" OR "hồ tiêu"', "Đắk Lắk", ()),
    ("du-lich", '"du lịch" lễ hội', "", ()),
    ("viec-lam", '"việc làm" "lao động"', "", ()),
    ("an-ninh", '"an ninh trật tự"', "", ()),
    ("thuy-san", "thủy sản OR tôm OR cá", "Cà Mau", ()),
    ("khu-cong-nghiep", '"khu công nghiệp" đầu*', "", ()),
    ("bien-dao", '"biển đảo"', "", ("baokhanhhoa",)),
]

SYLLABLES = [
    "tỉnh",
    "huyện",
    "xã",
    "người",
    "dân",
    "nông",
    "thôn",
    "mới",
    "kinh",
    "tế",
    "phát",
    "triển",
    "sản",
    "xuất",
    "lúa",
    "gạo",
    "cà",
    "phê",
    "hồ",
    "tiêu",
    "du",
    "lịch",
    "lễ",
    "hội",
    "văn",
    "hóa",
    "giáo",
    "dục",
    "học",
    "sinh",
    "trường",
    "thi",
    "tốt",
    "nghiệp",
    "y",
    "tế",
    "bệnh",
    "viện",
    "bác",
    "sĩ",
    "giao",
    "thông",
    "đường",
    "cao",
    "tốc",
    "cầu",
    "cảng",
    "biển",
    "mưa",
    "lũ",
    "rét",
    "đậm",
    "nắng",
    "nóng",
    "hạn",
    "mặn",
    "biên",
    "giới",
    "cửa",
    "khẩu",
    "hàng",
    "hóa",
    "xuất",
    "khẩu",
    "chợ",
    "phiên",
    "đầu",
    "năm",
    "mùa",
    "xuân",
    "tết",
    "nguyên",
    "đán",
    "hội",
    "nghị",
    "tổng",
    "kết",
    "triển",
    "khai",
    "nhiệm",
    "vụ",
    "chính",
    "quyền",
    "đầu",
    "tư",
    "dự",
    "án",
    "khu",
    "công",
    "nghiệp",
    "doanh",
    "nghiệp",
    "việc",
    "làm",
    "lao",
    "động",
    "thanh",
    "niên",
    "phụ",
    "nữ",
    "cựu",
    "chiến",
    "binh",
    "an",
    "ninh",
    "trật",
    "tự",
    "công",
    "an",
    "phòng",
    "cháy",
    "chữa",
    "cháy",
    "môi",
    "trường",
    "rừng",
    "biển",
    "đảo",
    "thủy",
    "sản",
    "tôm",
    "cá",
    "nuôi",
    "trồng",
]
PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
    "Lâm Đồng", "Đắk Lắk", "TP. Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long",
    "Đồng Tháp", "Cà Mau", "An Giang",
]  # fmt: skip
CATEGORIES = [
    ("Thời sự", "thời sự"), ("Kinh tế", "KINH TẾ"), ("Xã hội", "Xã Hội"), ("Văn hóa", "Văn hoá"),
    ("Giáo dục", None), ("Y tế", None), ("Thể thao", None), ("Du lịch", None), ("Pháp luật", None),
    ("Nông nghiệp", None),
]  # fmt: skip
COLUMNS = (
    "id, url, source, source_name, province, platform, title, summary, body, body_html, author, "
    "dateline, category, tags, image_url, published, published_raw, modified, first_seen, last_seen, "
    "updated, revisions, content_hash, cluster_id, sort_time"
)


def sources() -> list[tuple[str, str, str]]:
    """30 papers: (spider, paper, province); the first four cover a second province too."""
    papers = []
    for province in PROVINCES[:30]:
        papers.append((f"bao{slugify(province).replace('-', '')}", f"Báo {province}", province))
    return papers


def texts(rng: random.Random, count: int, words: tuple[int, int]) -> list[str]:
    out = []
    for _ in range(count):
        sentence = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*words)))
        out.append(sentence[0].upper() + sentence[1:])
    return out


def rows(n: int, body_chars: int, seed: int = 7):
    """*n* article rows, roughly in publication order (as a crawl stores them)."""
    rng = random.Random(seed)
    papers = sources()
    titles = texts(rng, 5000, (6, 14))
    summaries = texts(rng, 3000, (25, 45))
    paragraphs = texts(rng, 400, (40, 80))
    bodies = []
    for _ in range(300):
        chosen, size = [], 0
        while size < body_chars:
            chosen.append(rng.choice(paragraphs) + ".")
            size += len(chosen[-1])
        bodies.append(("\n\n".join(chosen), "".join(f"<p>{p}</p>" for p in chosen)))
    start = datetime(2023, 1, 1, tzinfo=VN_TZ)
    step = timedelta(days=3 * 365) / n
    recent: list[str] = []
    for i in range(n):
        spider, paper, province = papers[i % 30]
        if i % 30 < 4 and (i // 30) % 2:
            province = PROVINCES[30 + i % 30]
        when = start + step * i + timedelta(seconds=rng.randint(0, 3600))
        seen = (when + timedelta(minutes=rng.randint(5, 600))).astimezone(UTC)
        published = None if rng.random() < 0.005 else when.isoformat()
        article_id = f"{i:07d}{rng.getrandbits(36):09x}"
        cluster = recent[-rng.randint(1, len(recent))] if recent and rng.random() < 0.05 else article_id
        recent = [*recent[-49:], article_id]
        name, variant = CATEGORIES[rng.randrange(10)]
        category = variant if variant and rng.random() < 0.1 else name
        body, body_html = bodies[rng.randrange(300)]
        sort_time = ((published and when) or seen).astimezone(UTC).replace(tzinfo=None).isoformat()
        yield (
            article_id,
            f"https://{spider}.vn/tin/{article_id}.html",
            spider,
            paper,
            province,
            "F1",
            f"{titles[rng.randrange(5000)]} {i}",
            summaries[rng.randrange(3000)],
            body,
            body_html,
            rng.choice(("Minh Anh", "Thu Hà", "TRÍ DŨNG", None)),
            None,
            category,
            json.dumps([rng.choice(SYLLABLES), rng.choice(SYLLABLES)], ensure_ascii=False),
            f"https://{spider}.vn/uploads/{article_id}.jpg" if rng.random() < 0.8 else None,
            published,
            published,
            None,
            seen.isoformat(),
            seen.isoformat(),
            seen.isoformat(),
            1,
            f"h{article_id}",
            cluster,
            sort_time,
        )


def generate(path: Path, n: int, body_chars: int) -> float:
    """Write a database of *n* articles; returns the seconds it took."""
    started = time.perf_counter()
    ArticleStore(path).close()  # the real schema, with the store's indexes
    store = ArticleStore(path)
    conn = store.db.conn
    indexes = conn.execute(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'articles' and sql is not null"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f"drop index {name}")  # a bulk load then one index build is several times faster
    conn.execute("PRAGMA synchronous=OFF")
    marks = ",".join("?" * len(COLUMNS.split(",")))
    batch: list[tuple] = []
    conn.execute("BEGIN")
    for row in rows(n, body_chars):
        batch.append(row)
        if len(batch) == 20_000:
            conn.executemany(f"insert into articles ({COLUMNS}) values ({marks})", batch)
            batch.clear()
    conn.executemany(f"insert into articles ({COLUMNS}) values ({marks})", batch)
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    index_text(store, n)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return time.perf_counter() - started


def index_text(store: ArticleStore, n: int) -> None:
    """The full-text index of every row, as the store writes it (``fts.index``), in rowid chunks."""
    conn = store.db.conn
    conn.execute("BEGIN")
    columns = "rowid, title, summary, body, source, province"
    for start in range(0, n, 20_000):
        cursor = conn.execute(
            f"select {columns} from articles where rowid > ? and rowid <= ?", (start, start + 20_000)
        )
        names = [d[0] for d in cursor.description]
        fts.index(store.db, [dict(zip(names, row, strict=True)) for row in cursor.fetchall()])
    conn.execute("COMMIT")


def save_topics(db: Path, count: int) -> int:
    """Store the first *count* benchmark topics (each checked, as ``baotinh topics add`` does)."""
    with ArticleStore(db) as store:
        for name, query, province, sources in TOPICS[:count]:
            save_topic(store.db.conn, name, query, province=province, sources=sources)
    return min(count, len(TOPICS))


def build_once(db: Path, out: Path) -> dict:
    """Child process: one full build; its seconds and own peak memory."""
    from aggregator.publish import build_feeds

    started = time.perf_counter()
    report = build_feeds(db, out, limit=100, site_url="https://baotinh.example/")
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "peak_mb": peak_mb,
        "written": len(report.written),
        "files": len(report.files),
    }


def build_in_child(db: Path, out: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--build", str(db), str(out)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def label(n: int) -> str:
    return f"{n // 1_000_000}m" if n >= 1_000_000 else f"{n // 1000}k"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--body-chars", type=int, default=1200, help="plain-text body length per article")
    parser.add_argument("--dir", type=Path, help="keep the databases here (default: a temporary folder)")
    parser.add_argument("--topics", type=int, default=20, help="saved topics published as feeds (max 20)")
    parser.add_argument("--build", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(build_once(*args.build)))
        return
    work = args.dir or Path(tempfile.mkdtemp(prefix="baotinh-bench-feeds-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict[str, float] = {}
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            db = work / f"articles-{label(n)}.db"
            db.unlink(missing_ok=True)
            made = generate(db, n, args.body_chars)
            out = work / f"out-{label(n)}"
            shutil.rmtree(out, ignore_errors=True)
            without = build_in_child(db, work / f"out-no-topics-{label(n)}")
            shutil.rmtree(work / f"out-no-topics-{label(n)}", ignore_errors=True)
            topics = save_topics(db, args.topics)
            first = build_in_child(db, out)
            again = build_in_child(db, out)
            size_mb = db.stat().st_size / 2**20
            print(
                f"{n:>9,} articles ({size_mb:,.0f} MB, generated in {made:.1f} s): {first['files']} files in "
                f"{first['seconds']:.2f} s, peak {first['peak_mb']:.0f} MB; unchanged rebuild "
                f"{again['seconds']:.2f} s, {again['written']} files rewritten; without the {topics} topics "
                f"{without['files']} files in {without['seconds']:.2f} s",
                flush=True,
            )
            result[f"seconds_no_topics_{label(n)}"] = round(without["seconds"], 3)
            result[f"seconds_{label(n)}"] = round(first["seconds"], 3)
            result[f"peak_mb_{label(n)}"] = round(first["peak_mb"], 1)
            result[f"seconds_unchanged_{label(n)}"] = round(again["seconds"], 3)
            if not args.dir:
                db.unlink()
                shutil.rmtree(out, ignore_errors=True)
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
