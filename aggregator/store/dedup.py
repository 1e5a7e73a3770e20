"""Near-duplicate clustering: one story, one cluster, across sources and across runs.

Provincial papers republish the news agency's copy and each other's stories with small edits (a
new headline, a dateline, a dropped paragraph). Each article gets a MinHash signature over
shingles of folded syllables (datasketch's MinHash, computed in numpy with its permutations);
locality-sensitive hashing splits the signature into bands, and two articles sharing a band
bucket are candidates, confirmed when their estimated Jaccard similarity reaches ``THRESHOLD``. A
new article joins the cluster of its most similar confirmed candidate; ``cluster_id`` is the id
of the cluster's first stored article.

The LSH index lives in SQLite (``lsh_buckets``: one row per band of each article, keyed by a 64-bit
bucket hash), so a new process clusters new articles against everything stored by looking up a
few dozen index entries, never by loading bodies or signatures of the whole archive. datasketch's
own MinHashLSH keeps its index in memory or Redis/Cassandra, which is why the banding is ours.

Parameters were tuned on realistic Vietnamese pairs (``benchmarks/dedup.py --tune``): shingles of
4 syllables, 64 permutations in 16 bands of 4 rows (candidate threshold ≈ 0.5), confirmed at 0.5.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sqlite_utils import Database

from aggregator.text import fold_bytes

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 4
THRESHOLD = 0.5
_SEED = 20260101
_MIX = np.uint32(0x9E3779B1)
# Signatures are stored, so the permutation scheme is pinned: a library default change must not
# silently make new signatures incomparable with stored ones.
SCHEME = "affine32"


def affine32_permutations(seed: int, num_perm: int) -> np.ndarray:
    """``MinHash(num_perm=…, seed=…, scheme="affine32").permutations`` of datasketch: (a, b) rows.

    Drawn with the same two ``RandomState`` calls as datasketch rather than by importing it at
    run time: its package imports scipy, half a second in every process that stores, searches
    or reports. A test pins these values to datasketch's own.
    """
    gen = np.random.RandomState(seed)
    odd = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    offset = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([odd, offset])


PERMUTATIONS = affine32_permutations(_SEED, NUM_PERM)  # drawn once, then shared
# One row per permutation: a (NUM_PERM, shingles) product is reduced along its contiguous rows.
_PERM_A, _PERM_B = (p.reshape(NUM_PERM, 1).copy() for p in PERMUTATIONS)
# MurmurHash3's 32-bit finalizer, datasketch's ``_fmix(…, 32)`` (applied before the permutations).
_FMIX_SHIFT_1, _FMIX_MUL_1, _FMIX_SHIFT_2, _FMIX_MUL_2 = (
    np.uint32(16),
    np.uint32(0x85EBCA6B),
    np.uint32(13),
    np.uint32(0xC2B2AE35),
)
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)  # datasketch's value for "no shingle"
# Syllables are the runs of ``\w`` in folded (ASCII) text: letters, digits and "_". Mapping every
# other byte to a space lets ``bytes.split`` find them in C, where ``re.findall`` made str objects.
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SEPARATE = bytes(byte if byte in _WORD_BYTES else 32 for byte in range(256))
# Band hashers with their personalization already set: a copy is cheaper than a new blake2b.
_BAND_HASHERS = [hashlib.blake2b(digest_size=8, person=band.to_bytes(2, "little")) for band in range(BANDS)]


class _SyllableHashes(dict[bytes, int]):
    """crc32 of each syllable, remembered: news text reuses a few thousand syllables endlessly."""

    def __missing__(self, word: bytes) -> int:
        value = zlib.crc32(word) or 1
        if len(self) < 500_000:
            self[word] = value
        return value


_SYLLABLES = _SyllableHashes()


def _syllables(text: str | None) -> list[bytes]:
    r"""The folded syllables of *text*: ``re.findall(r"\w+", fold(text))``, encoded."""
    return fold_bytes(text).translate(_SEPARATE).split()


def _shingles(words: list[bytes], size: int) -> np.ndarray:
    """32-bit hashes of the overlapping runs of *size* syllables (repeats included).

    A run's hash folds its syllables' crc32 in with ``h * 0x9E3779B1 + next`` modulo 2**32; the
    uint32 arithmetic wraps exactly where the original uint64 code masked.
    """
    hashes = np.fromiter(map(_SYLLABLES.__getitem__, words), dtype=np.uint32, count=len(words))
    runs = max(1, len(words) - size + 1)
    combined = hashes[:runs].copy()
    for offset in range(1, min(size, len(words))):
        combined *= _MIX
        combined += hashes[offset : offset + runs]
    return combined


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of *text*."""
    return _signature(_syllables(text))


def article_signature(title: str | None, body: str | None) -> np.ndarray:
    """``signature(document(title, body))``, folding each field on its own.

    The full-text index has just folded the same fields, and ``fold`` remembers them; as folding
    is per character and the newline between the fields separates syllables, the syllables of the
    document are the title's followed by the body's.
    """
    return _signature(_syllables(title) + _syllables(body))


def _signature(words: list[bytes]) -> np.ndarray:
    """The MinHash signature of a document's folded syllables.

    The values are datasketch's ``MinHash(scheme="affine32")`` of the shingle hashes (identity hash
    function, ``PERMUTATIONS``), computed here in a few numpy operations: building a
    MinHash object per article and feeding it a Python list cost more than the hashing itself.
    Repeated shingles need no ``unique``, a minimum ignores them. ``tests/test_store_speedups.py``
    checks the values against datasketch, since stored signatures must stay comparable.
    """
    if not words:
        return _EMPTY.copy()
    values = _shingles(words, SHINGLE)
    values ^= values >> _FMIX_SHIFT_1
    values *= _FMIX_MUL_1
    values ^= values >> _FMIX_SHIFT_2
    values *= _FMIX_MUL_2
    values ^= values >> _FMIX_SHIFT_1
    permuted = _PERM_A * values  # uint32: wrapping is the "mod 2**32" of the scheme
    permuted += _PERM_B
    return permuted.min(axis=1)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def buckets(sig: np.ndarray) -> list[int]:
    """The LSH bucket of each band, as signed 64-bit integers (SQLite INTEGER)."""
    raw = sig.tobytes()
    width = ROWS * sig.itemsize
    digests = []
    for band, template in enumerate(_BAND_HASHERS):
        hasher = template.copy()
        hasher.update(raw[band * width : (band + 1) * width])
        digests.append(hasher.digest())
    return np.frombuffer(b"".join(digests), dtype="<i8").tolist()


def document(title: str | None, body: str | None) -> str:
    return f"{title or ''}\n{body or ''}"


def ensure_tables(db: Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS lsh_buckets (bucket INTEGER NOT NULL, article INTEGER NOT NULL, "
        "PRIMARY KEY (bucket, article)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS article_minhash (article INTEGER PRIMARY KEY, signature BLOB NOT NULL)"
    )


class ClusterIndex:
    """Assigns clusters to a batch of stored articles inside the caller's transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def assign(self, records: Sequence[dict[str, Any]], *, fresh: Iterable[str]) -> dict[str, str]:
        """Index *records* (rows already written, with ``rowid``); cluster the *fresh* ones.

        Returns ``{article id: cluster id}`` for fresh articles that joined an existing cluster.
        Edited articles are re-indexed but keep their cluster, so a feed entry never moves.

        Records are indexed one after the other, each seeing those before it: an article of this
        batch may join the cluster of an earlier one, as when they come in separate batches.
        """
        fresh_ids = set(fresh)
        changes: dict[str, str] = {}
        conn = self.db.conn
        # Only an article's own turn rewrites its signature, so the old ones can be read at once.
        stored = self._signatures([record["rowid"] for record in records])
        for record in records:
            rowid = record["rowid"]
            sig = article_signature(record.get("title"), record.get("body"))
            keys = buckets(sig)
            old = stored.get(rowid)
            if old is not None:  # forget the article's old buckets
                conn.executemany(
                    "DELETE FROM lsh_buckets WHERE bucket = ? AND article = ?",
                    [(key, rowid) for key in buckets(np.frombuffer(old, dtype=np.uint32))],
                )
            if record["id"] in fresh_ids:
                cluster = self._best_cluster(rowid, sig, keys)
                if cluster and cluster != record["cluster_id"]:
                    changes[record["id"]] = cluster
                    # Written at once: a later article of this batch may join through this one.
                    conn.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", (cluster, record["id"]))
            conn.executemany(
                "INSERT OR IGNORE INTO lsh_buckets (bucket, article) VALUES (?, ?)",
                [(key, rowid) for key in keys],
            )
            conn.execute(
                "INSERT OR REPLACE INTO article_minhash (article, signature) VALUES (?, ?)",
                (rowid, sig.tobytes()),
            )
        return changes

    def _signatures(self, rowids: Sequence[int]) -> dict[int, bytes]:
        """The stored signatures of *rowids* (those that have one)."""
        found: dict[int, bytes] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.conn.execute(
                    f"SELECT article, signature FROM article_minhash WHERE article IN ({marks})", chunk
                )
            )
        return found

    def _best_cluster(self, rowid: int, sig: np.ndarray, keys: list[int]) -> str | None:
        """The cluster of the most similar confirmed candidate (a stored article), or None.

        Of equally similar candidates the first in the iteration order of the candidate set wins,
        as it always has, and a set's order depends on the order its members were added: the
        candidates come in the order of ``SELECT article FROM lsh_buckets WHERE bucket IN (…)``,
        which the signature lookup joined to it keeps (the buckets stay the outer loop of a LEFT
        JOIN; ``tests/test_store_speedups.py`` checks it). Only the winner's article row is read,
        as those rows are large (bodies) and a crawl clusters every new article.
        """
        conn = self.db.conn
        marks = ",".join("?" * len(keys))
        rows = conn.execute(
            "SELECT b.article, m.signature FROM lsh_buckets b "
            f"LEFT JOIN article_minhash m ON m.article = b.article WHERE b.bucket IN ({marks})",
            keys,
        ).fetchall()
        candidates = {article for article, _ in rows if article != rowid}
        stored = {article: signature for article, signature in rows if signature is not None}
        order = [article for article in candidates if article in stored]
        if not order:
            return None
        matrix = np.frombuffer(b"".join([stored[article] for article in order]), dtype=np.uint32)
        agree = (matrix.reshape(len(order), -1) == sig).sum(axis=1)
        # Best first; a stable sort keeps set order among equals, as the old strict ">" scan did.
        for index in np.argsort(-agree, kind="stable").tolist():
            if float(agree[index]) / len(sig) < THRESHOLD:
                return None
            article = conn.execute(
                "SELECT cluster_id, id FROM articles WHERE rowid = ?", (order[index],)
            ).fetchone()
            if article:  # a signature left by a deleted article is no candidate
                return article[0] or article[1]
        return None
