"""Near-duplicate clustering: precision/recall on realistic pairs, and store+cluster at scale.

    python benchmarks/dedup.py --tune            # precision and recall per threshold
    python benchmarks/dedup.py                   # 100k and 1M articles: seconds and peak memory
    python benchmarks/dedup.py --sizes 20000     # a quick run

Pairs come from the demo generator's stories (our own Vietnamese text, written per topic with
shared phrasing, so two different stories on one topic are hard negatives). Positives are edited
republications as papers make them: a new headline, a dateline and byline, a paragraph dropped or
reordered, words replaced, the copy cut short. The scale run stores synthetic articles (5% near
duplicates of earlier ones from other sources) through the real ArticleStore, batch by batch, as
a crawl does. The last line is one JSON object (``seconds_100k``, ``seconds_1m``, ``peak_mb_1m``).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from aggregator.demo.stories import make_story
from aggregator.store import ArticleStore, dedup

SITES = ("baolaocai", "baocantho", "baolangson")


def story_text(site: str, index: int) -> tuple[str, list[str], str]:
    story = make_story(site, index)
    return story.title, [story.text(i) for i in range(len(story.paragraphs))], story.topic


def edit(title: str, paragraphs: list[str], rng: random.Random) -> tuple[str, list[str]]:
    """A republication: the edits papers make to agency copy and to each other's stories."""
    paragraphs = list(paragraphs)
    kind = rng.choice(["headline", "trim", "drop", "reorder", "words", "wrap", "mixed"])
    if kind in ("headline", "mixed"):
        title = (
            rng.choice(["Tin nóng: ", "Toàn cảnh: ", ""])
            + " ".join(reversed(title.split()[:4]))
            + " "
            + title
        )
    if kind in ("trim", "mixed") and len(paragraphs) > 3:
        paragraphs = paragraphs[: max(3, int(len(paragraphs) * 0.75))]
    if kind in ("drop", "mixed") and len(paragraphs) > 3:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    if kind == "reorder" and len(paragraphs) > 3:
        i = rng.randrange(1, len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    if kind in ("words", "mixed"):
        words = " ".join(paragraphs).split()
        for _ in range(max(1, len(words) // 25)):
            words[rng.randrange(len(words))] = rng.choice(["đã", "đang", "các", "nhiều", "tỉnh", "xã"])
        paragraphs = [" ".join(words)]
    if kind == "wrap":
        paragraphs = ["(TTXVN) - " + paragraphs[0], *paragraphs[1:], "Theo TTXVN"]
    return title, paragraphs


def pairs(count: int, seed: int = 7) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(positives, negatives) as document texts; negatives favour stories on the same topic."""
    rng = random.Random(seed)
    stories = [story_text(site, i) for site in SITES for i in range(count)]
    positives = []
    for title, paragraphs, _ in rng.sample(stories, min(len(stories), count)):
        edited = edit(title, paragraphs, rng)
        positives.append(
            (
                dedup.document(title, "\n\n".join(paragraphs)),
                dedup.document(edited[0], "\n\n".join(edited[1])),
            )
        )
    by_topic: dict[str, list[tuple[str, list[str], str]]] = {}
    for story in stories:
        by_topic.setdefault(story[2], []).append(story)
    negatives = []
    for group in by_topic.values():
        for a, b in itertools.pairwise(group):
            negatives.append(
                (dedup.document(a[0], "\n\n".join(a[1])), dedup.document(b[0], "\n\n".join(b[1])))
            )
    for _ in range(len(negatives)):
        a, b = rng.sample(stories, 2)
        negatives.append((dedup.document(a[0], "\n\n".join(a[1])), dedup.document(b[0], "\n\n".join(b[1]))))
    return positives, negatives


def tune(count: int) -> dict[str, object]:
    positives, negatives = pairs(count)
    scored_pos = [dedup.similarity(dedup.signature(a), dedup.signature(b)) for a, b in positives]
    scored_neg = [dedup.similarity(dedup.signature(a), dedup.signature(b)) for a, b in negatives]
    collide = sum(
        bool(set(dedup.buckets(dedup.signature(a))) & set(dedup.buckets(dedup.signature(b))))
        for a, b in positives
    )
    table = {}
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        tp = sum(s >= threshold for s in scored_pos)
        fp = sum(s >= threshold for s in scored_neg)
        table[threshold] = {
            "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "recall": round(tp / len(scored_pos), 4),
        }
        print(json.dumps({"threshold": threshold, **table[threshold]}))
    chosen = table[dedup.THRESHOLD]
    return {
        "positives": len(positives),
        "negatives": len(negatives),
        "threshold": dedup.THRESHOLD,
        "precision": chosen["precision"],
        "recall": chosen["recall"],
        "lsh_candidate_recall": round(collide / len(positives), 4),
        "hardest_negative": round(max(scored_neg), 3),
        "weakest_positive": round(min(scored_pos), 3),
    }


WORDS = ["người", "dân", "xã", "phường", "tỉnh", "hội", "nghị", "triển", "khai", "kế", "hoạch", "năm", "nay", "nông", "dân", "mùa", "vụ", "lúa", "gạo", "cây", "ăn", "quả", "sầu", "riêng", "thanh", "long", "cà", "phê", "thủy", "sản", "đường", "giao", "thông", "cầu", "trường", "học", "học", "sinh", "giáo", "viên", "bệnh", "viện", "y", "tế", "du", "lịch", "lễ", "hội", "văn", "hóa", "thể", "thao", "cửa", "khẩu", "xuất", "khẩu", "doanh", "nghiệp", "đầu", "tư", "dự", "án", "sạt", "lở", "mưa", "lũ", "cứu", "hộ", "chuyển", "đổi", "số", "dịch", "vụ", "công", "nhà", "ở", "hộ", "nghèo", "hỗ", "trợ", "thanh", "niên", "môi", "trường", "rừng", "biên", "giới", "điện", "nước", "sạch", "chợ", "sản", "phẩm", "tăng", "giảm", "tổ", "chức", "thực", "hiện", "kết", "quả", "đạt", "được", "chỉ", "đạo"]  # fmt: skip


def synthetic(
    n: int, rng: random.Random, vocab: list[str], earlier: list[tuple[str, str]]
) -> dict[str, object]:
    """Article *n*: fresh text, or (5%) an edited copy of an earlier article from another source."""
    if earlier and rng.random() < 0.05:
        title, body = rng.choice(earlier)
        edited_title, paragraphs = edit(title, body.split("\n\n"), rng)
        title, body = edited_title, "\n\n".join(paragraphs)
    else:
        title = " ".join(rng.choices(vocab, k=10))
        body = "\n\n".join(
            " ".join(rng.choices(vocab, k=rng.randint(40, 70))) for _ in range(rng.randint(4, 8))
        )
        if len(earlier) < 5000:
            earlier.append((title, body))
        elif rng.random() < 0.01:
            earlier[rng.randrange(len(earlier))] = (title, body)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S+07:00", time.gmtime(1_700_000_000 + n * 60))
    return {"id": f"{n:016x}", "url": f"https://bao{n % 30}.vn/bai-{n}.html", "source": f"bao{n % 30}",
            "title": title, "body": body, "content_hash": f"h{n}", "published": stamp}  # fmt: skip


def store_and_cluster(size: int, folder: Path, batch: int = 200) -> dict[str, float]:
    rng = random.Random(size)
    # a realistic vocabulary: a few thousand syllable pairs, Zipf-like use
    vocab = [f"{a} {b}" for a in WORDS for b in rng.sample(WORDS, 40)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    vocab = rng.choices(vocab, weights=weights, k=20_000)
    store = ArticleStore(folder / f"dedup-{size}.db")
    earlier: list[tuple[str, str]] = []
    started = time.perf_counter()
    clustered = 0
    for start in range(0, size, batch):
        rows = [synthetic(n, rng, vocab, earlier) for n in range(start, min(size, start + batch))]
        clustered += store.save_articles(rows).clustered
    seconds = time.perf_counter() - started
    store.close()
    return {"articles": size, "seconds": round(seconds, 1), "clustered": clustered,
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--stories", type=int, default=200, help="stories per demo site for --tune")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    if args.tune:
        print(json.dumps(tune(args.stories)))
        return
    summary: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            result = store_and_cluster(size, Path(tmp))
            print(json.dumps(result), flush=True)
            label = f"{size // 1_000_000}m" if size % 1_000_000 == 0 else f"{size // 1000}k"
            summary[f"seconds_{label}"] = result["seconds"]
            summary[f"peak_mb_{label}"] = result["peak_mb"]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
