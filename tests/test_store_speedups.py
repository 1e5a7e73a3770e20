"""The fast paths of storing give exactly what the straightforward versions gave.

Folded text is what search matches (queries are folded the same way), and MinHash signatures and
LSH buckets are persisted in users' databases: a new version must compute the same values as the
old one, or new articles stop clustering with stored ones. The reference implementations below
are the code as it was before it was optimized, kept verbatim to compare against.
"""

from __future__ import annotations

import hashlib
import random
import re
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from datasketch import MinHash

from aggregator.store import ArticleStore, dedup
from aggregator.store import articles as store
from aggregator.text import fold, fold_bytes

# --- reference implementations -------------------------------------------------------------------

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def old_fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


_WORD = re.compile(r"\w+")
_MIX = np.uint64(0x9E3779B1)
_MASK32 = np.uint64(0xFFFFFFFF)


def old_shingle_hashes(text: str, size: int = dedup.SHINGLE) -> np.ndarray:
    words = _WORD.findall(old_fold(text))
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.array([zlib.crc32(w.encode()) or 1 for w in words], dtype=np.uint64)
    runs = max(1, len(words) - size + 1)
    combined = hashes[:runs].copy()
    for offset in range(1, min(size, len(words))):
        combined = (combined * _MIX + hashes[offset : offset + runs]) & _MASK32
    return np.unique(combined)


def old_signature(text: str) -> np.ndarray:
    minhash = MinHash(
        num_perm=dedup.NUM_PERM,
        seed=dedup._SEED,
        hashfunc=int,
        permutations=MinHash(num_perm=dedup.NUM_PERM, seed=dedup._SEED, scheme=dedup.SCHEME).permutations,
        scheme=dedup.SCHEME,
    )
    pieces = old_shingle_hashes(text)
    if len(pieces):
        minhash.update_batch(pieces.tolist())
    return minhash.hashvalues.astype(np.uint32)


def old_buckets(sig: np.ndarray) -> list[int]:
    keys = []
    for band in range(dedup.BANDS):
        chunk = sig[band * dedup.ROWS : (band + 1) * dedup.ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


class OldClusterIndex(dedup.ClusterIndex):
    """Clustering as it was: one query per candidate, every candidate's article row read."""

    def assign(self, records: Sequence[dict[str, Any]], *, fresh: Iterable[str]) -> dict[str, str]:
        fresh_ids = set(fresh)
        changes: dict[str, str] = {}
        for record in records:
            sig = old_signature(dedup.document(record.get("title"), record.get("body")))
            keys = old_buckets(sig)
            self._forget(record["rowid"])
            if record["id"] in fresh_ids:
                cluster = self._old_best_cluster(record["rowid"], sig, keys)
                if cluster and cluster != record["cluster_id"]:
                    changes[record["id"]] = cluster
                    self.db.conn.execute(
                        "UPDATE articles SET cluster_id = ? WHERE id = ?", (cluster, record["id"])
                    )
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO lsh_buckets (bucket, article) VALUES (?, ?)",
                [(key, record["rowid"]) for key in keys],
            )
            self.db.conn.execute(
                "INSERT OR REPLACE INTO article_minhash (article, signature) VALUES (?, ?)",
                (record["rowid"], sig.tobytes()),
            )
        return changes

    def _forget(self, rowid: int) -> None:
        old = self.db.conn.execute(
            "SELECT signature FROM article_minhash WHERE article = ?", (rowid,)
        ).fetchone()
        if old:
            keys = old_buckets(np.frombuffer(old[0], dtype=np.uint32))
            self.db.conn.executemany(
                "DELETE FROM lsh_buckets WHERE bucket = ? AND article = ?", [(k, rowid) for k in keys]
            )

    def _old_best_cluster(self, rowid: int, sig: np.ndarray, keys: list[int]) -> str | None:
        marks = ",".join("?" * len(keys))
        candidates = {
            row[0]
            for row in self.db.conn.execute(
                f"SELECT article FROM lsh_buckets WHERE bucket IN ({marks})", keys
            )
            if row[0] != rowid
        }
        best: tuple[float, str] | None = None
        for article in candidates:
            found = self.db.conn.execute(
                "SELECT m.signature, a.cluster_id, a.id FROM article_minhash m JOIN articles a "
                "ON a.rowid = m.article WHERE m.article = ?",
                (article,),
            ).fetchone()
            if not found:
                continue
            score = float(np.count_nonzero(sig == np.frombuffer(found[0], dtype=np.uint32))) / len(sig)
            if score >= dedup.THRESHOLD and (best is None or score > best[0]):
                best = (score, found[1] or found[2])
        return best[1] if best else None


# --- inputs ---------------------------------------------------------------------------------------

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
ALPHABET = (
    VIETNAMESE
    + VIETNAMESE.upper()
    + "ÐðĐđ0123456789_ \n\t.,;:!?-–—()«»\"'/%"
    + "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"  # combining marks, also on their own
    + "ßæøåçñüİıŁłØÆŒœẞ™ﬁ²½ＡＢ𝐀\u00a0\u200b中文한국어ÅΩK"
)


def random_text(rng: random.Random, length: int) -> str:
    out = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.85:
            out.append(rng.choice(ALPHABET))
        elif roll < 0.97:
            out.append(chr(rng.randrange(0x80, 0x3000)))
        else:
            out.append(chr(rng.randrange(0x3000, 0x110000)))
    return "".join(out)


def ranges(*spans: tuple[int, int]) -> Iterable[int]:
    for start, end in spans:
        yield from range(start, end + 1)


# --- fold -----------------------------------------------------------------------------------------

LATIN = (
    (0x0000, 0x036F),  # ASCII, Latin-1, Extended-A/B, IPA, spacing modifiers, combining marks
    (0x1AB0, 0x1AFF),  # combining marks extended
    (0x1D00, 0x1DFF),  # phonetic extensions, combining supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional: the precomposed Vietnamese letters
    (0x2000, 0x218F),  # punctuation, letterlike symbols (K, Å), number forms
    (0x2C60, 0x2C7F),
    (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F),
    (0xFB00, 0xFB06),  # ligatures
    (0xFF00, 0xFFEF),  # fullwidth forms
)


def test_fold_matches_the_old_fold_on_every_latin_character() -> None:
    mismatched = [cp for cp in ranges(*LATIN) if fold(chr(cp)) != old_fold(chr(cp))]
    assert mismatched == []


def test_fold_matches_the_old_fold_on_every_code_point() -> None:
    # In runs, so that characters are also folded next to each other, surrogates included.
    for start in range(0, 0x110000, 512):
        text = "".join(map(chr, range(start, start + 512)))
        assert fold(text) == old_fold(text), hex(start)


def test_fold_matches_the_old_fold_on_random_text() -> None:
    rng = random.Random(1)
    for _ in range(3000):
        text = random_text(rng, rng.randrange(0, 80))
        assert fold(text) == old_fold(text), ascii(text)
        assert fold_bytes(text) == old_fold(text).encode("ascii")
        assert fold(text) == old_fold(text)  # remembered: the same again


@pytest.mark.parametrize("text", [None, "", "a", "ĐỒNG NAI", "Lạng Sơn", "ÐÔNG", "\u0301", "ASCII Only 42"])
def test_fold_edge_cases(text: str | None) -> None:
    assert fold(text) == old_fold(text)
    assert fold_bytes(text) == old_fold(text).encode("ascii")


def test_fold_works_character_by_character() -> None:
    """What ``article_signature`` relies on to fold a title and a body separately."""
    rng = random.Random(2)
    for _ in range(2000):
        a, b = random_text(rng, rng.randrange(0, 30)), random_text(rng, rng.randrange(0, 30))
        assert fold(a + b) == fold(a) + fold(b), ascii((a, b))


# --- signatures and buckets -----------------------------------------------------------------------

WORDS = ["người", "dân", "xã", "phường", "tỉnh", "Đồng", "Nai", "lễ", "hội", "NĂM", "2026", "đã", "đang_có", "các", "nhiều", "ĐẮK", "LẮK", "thủy", "sản", "12-10"]  # fmt: skip


def documents() -> list[str]:
    rng = random.Random(3)
    docs = ["", " ", "...", "một", "hai từ", "ba từ nè", "Đúng bốn từ đây", "\n", "Ð", "a_b c-d 1.5"]
    docs += [" ".join(rng.choices(WORDS, k=rng.randrange(1, 400))) for _ in range(300)]
    docs += [random_text(rng, rng.randrange(0, 600)) for _ in range(300)]
    return docs


def test_signature_matches_datasketch() -> None:
    for text in documents():
        new, old = dedup.signature(text), old_signature(text)
        assert new.dtype == np.uint32 and new.shape == (dedup.NUM_PERM,)
        assert np.array_equal(new, old), ascii(text[:80])


def test_article_signature_is_the_signature_of_the_document() -> None:
    rng = random.Random(4)
    docs = documents()
    pairs = [(None, None), (None, "thân bài"), ("Tiêu đề", None), ("", "")]
    pairs += [(rng.choice(docs), rng.choice(docs)) for _ in range(300)]
    for title, body in pairs:
        expected = old_signature(dedup.document(title, body))
        assert np.array_equal(dedup.article_signature(title, body), expected), ascii((title, body))


def test_shingle_hashes_match() -> None:
    for text in documents():
        words = dedup._syllables(text)
        new = (
            np.unique(dedup._shingles(words, dedup.SHINGLE)).astype(np.uint64)
            if words
            else np.empty(0, np.uint64)
        )
        old = old_shingle_hashes(text)
        assert new.dtype == old.dtype and np.array_equal(new, old)


def test_syllables_are_the_regex_words() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(chr(rng.randrange(0, 128)) for _ in range(rng.randrange(0, 60)))
        assert dedup._syllables(text) == [w.encode() for w in _WORD.findall(old_fold(text))]


def test_buckets_match() -> None:
    rng = np.random.default_rng(6)
    for _ in range(300):
        sig = rng.integers(0, 2**32, dedup.NUM_PERM, dtype=np.uint32)
        assert dedup.buckets(sig) == old_buckets(sig)
        wide = sig.astype(np.uint64)  # what a caller passing datasketch's values would hash
        assert dedup.buckets(wide) == old_buckets(wide)


# --- the stored database --------------------------------------------------------------------------


def batches(seed: int) -> list[list[dict[str, Any]]]:
    """Articles from a small vocabulary, a third of them edited copies (ties are common), revisions."""
    rng = random.Random(seed)
    vocab = [f"{a} {b}" for a in WORDS[:12] for b in WORDS[:12]]
    rows: list[dict[str, Any]] = []
    for n in range(360):
        if rows and rng.random() < 0.35:
            base = rng.choice(rows)
            words = base["body"].split()
            for _ in range(rng.randrange(1, 6)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            if rng.random() < 0.3:  # a revision of a stored article
                row = dict(base, body=" ".join(words), content_hash=f"h{n}")
            else:
                row = dict(
                    base, id=f"a{n}", url=f"https://b.vn/{n}", body=" ".join(words), content_hash=f"h{n}"
                )
        else:
            body = " ".join(rng.choices(vocab, k=rng.randrange(10, 40)))
            row = {"id": f"a{n}", "url": f"https://a.vn/{n}", "source": f"s{n % 3}", "title": f"Tin {n % 7}",
                   "summary": "Tóm tắt", "body": body, "content_hash": f"h{n}", "published": None}  # fmt: skip
        rows.append(row)
    chunks = [rows[i : i + 40] for i in range(0, len(rows), 40)]
    # Equal scores for two clusters: x is edited into y's new text (an edit keeps x's cluster),
    # then a copy of that text comes; the first candidate of the set wins, as it always did.
    pairs = []
    for k in range(16):
        body = " ".join(rng.choices(vocab, k=30))
        y = {
            "id": f"y{k}",
            "url": f"https://y.vn/{k}",
            "source": "y",
            "title": "Tin",
            "body": body,
            "content_hash": f"y{k}",
        }
        pairs.append((dict(rows[k * 20]), y))
    chunks.append([y for _, y in pairs])
    chunks.append(
        [dict(x, title=y["title"], body=y["body"], content_hash=f"x{k}") for k, (x, y) in enumerate(pairs)]
    )
    chunks.append(
        [dict(y, id=f"z{k}", url=f"https://z.vn/{k}", content_hash=f"z{k}") for k, (_, y) in enumerate(pairs)]
    )
    return chunks


def stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    conn.execute("create virtual table temp.terms using fts5vocab(main, articles_fts, 'instance')")
    tables = {
        name: conn.execute(sql).fetchall()
        for name, sql in {
            "articles": "select id, cluster_id, revisions, title, body from articles order by id",
            "lsh_buckets": "select * from lsh_buckets order by 1, 2",
            "article_minhash": "select * from article_minhash order by 1",
            "fts": "select term, doc, col, offset from temp.terms order by 1, 2, 3, 4",
        }.items()
    }
    conn.close()
    return tables


@pytest.mark.parametrize("seed", [1, 2])
def test_store_matches_the_old_clustering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    results = {}
    for name, index in (("old", OldClusterIndex), ("new", dedup.ClusterIndex)):
        monkeypatch.setattr(store, "ClusterIndex", index)
        with ArticleStore(tmp_path / f"{name}.db") as db:
            counts = [db.save_articles(batch) for batch in batches(seed)]
        results[name] = (counts, stored(tmp_path / f"{name}.db"))
    assert results["new"] == results["old"]
    assert sum(c.clustered for c in results["new"][0]) > 20  # clustering was exercised


def test_joined_candidate_query_keeps_the_order_of_the_plain_one(tmp_path: Path) -> None:
    """The tie-break in ``_best_cluster`` relies on it (a set's order depends on insertion order)."""
    with ArticleStore(tmp_path / "a.db") as db:
        for batch in batches(3):
            db.save_articles(batch)
        conn = db.db.conn
        signatures = [
            np.frombuffer(row[0], dtype=np.uint32)
            for row in conn.execute("select signature from article_minhash")
        ]
        for sig in signatures:
            keys = dedup.buckets(sig)
            marks = ",".join("?" * len(keys))
            plain = conn.execute(
                f"SELECT article FROM lsh_buckets WHERE bucket IN ({marks})", keys
            ).fetchall()
            joined = conn.execute(
                "SELECT b.article FROM lsh_buckets b "
                f"LEFT JOIN article_minhash m ON m.article = b.article WHERE b.bucket IN ({marks})",
                keys,
            ).fetchall()
            assert joined == plain


def test_upsert_matches_sqlite_utils(tmp_path: Path) -> None:
    """The prepared-statement upsert writes what ``upsert_all`` wrote, and falls back to it."""
    plain = [
        {"id": "a", "url": "u1", "title": "Một", "revisions": 1, "summary": None},
        {"title": "Hai", "id": "b", "url": "u2", "revisions": 2, "summary": "s"},  # another key order
    ]
    again = [
        {"id": "b", "url": "u2b", "title": "Hai'", "revisions": 3, "summary": None},
        {"id": "c", "url": "u3", "title": "Ba", "revisions": 1, "summary": "x"},
    ]
    mixed = [{"id": "a", "title": "Một'"}, {"id": "d", "url": "u4"}]  # other keys: sqlite-utils
    converted = [{"id": "c", "url": "u3", "title": ["a", "list"], "revisions": 1, "summary": "x"}]
    dumps = []
    for name in ("fast", "sqlite-utils"):
        with ArticleStore(tmp_path / f"{name}.db") as db:
            for records in (plain, again, mixed, converted):
                with db.db.atomic():
                    if name == "fast":
                        db._upsert_articles(records)
                    else:
                        db.db["articles"].upsert_all(records, pk="id", alter=False)
            dumps.append(db.db.execute("select rowid, * from articles order by rowid").fetchall())
    assert dumps[0] == dumps[1]
    assert len(dumps[0]) == 4


def test_permutations_are_datasketchs() -> None:
    """Stored signatures stay comparable only while these equal datasketch's own permutations."""
    reference = MinHash(num_perm=dedup.NUM_PERM, seed=dedup._SEED, scheme=dedup.SCHEME).permutations
    assert np.array_equal(np.asarray(reference, dtype=np.uint64), dedup.PERMUTATIONS.astype(np.uint64))
    assert dedup.PERMUTATIONS.dtype == np.uint32
