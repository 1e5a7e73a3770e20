"""Near-duplicate clustering: one story, one cluster, across sources and across runs.

Provincial papers republish the news agency's copy and each other's stories with small edits (a
new headline, a dateline, a dropped paragraph). Each article gets a MinHash signature over
shingles of folded syllables (datasketch computes it); locality-sensitive hashing splits the
signature into bands, and two articles sharing a band bucket are candidates, confirmed when their
estimated Jaccard similarity reaches ``THRESHOLD``. A new article joins the cluster of its most
similar confirmed candidate; ``cluster_id`` is the id of the cluster's first stored article.

The LSH index lives in SQLite (``lsh_buckets``: one row per band of each article, keyed by a 64-bit
bucket hash), so a new process clusters new articles against everything stored by looking up a
few dozen index entries, never by loading bodies or signatures of the whole archive. datasketch's
own MinHashLSH keeps its index in memory or Redis/Cassandra, which is why the banding is ours.

Parameters were tuned on realistic Vietnamese pairs (``benchmarks/dedup.py --tune``): shingles of
4 syllables, 64 permutations in 16 bands of 4 rows (candidate threshold ≈ 0.5), confirmed at 0.5.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from datasketch import MinHash
from sqlite_utils import Database

from aggregator.fts import fold

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 4
THRESHOLD = 0.5
_SEED = 20260101
_WORD = re.compile(r"\w+")
_MIX = np.uint64(0x9E3779B1)
_MASK32 = np.uint64(0xFFFFFFFF)
# Signatures are stored, so the permutation scheme is pinned: a library default change must not
# silently make new signatures incomparable with stored ones.
SCHEME = "affine32"
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME)  # permutations drawn once, then shared


_SYLLABLES: dict[str, int] = {}


def _hash_syllable(word: str) -> int:
    """crc32 of a syllable, remembered: news text reuses a few thousand syllables endlessly."""
    value = zlib.crc32(word.encode()) or 1
    if len(_SYLLABLES) < 500_000:
        _SYLLABLES[word] = value
    return value


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the overlapping runs of *size* folded syllables, each once.

    Each syllable is hashed once (crc32) and runs are combined with numpy, which keeps a
    signature at a fraction of a millisecond for a long article.
    """
    words = _WORD.findall(fold(text))
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.array([_SYLLABLES.get(w) or _hash_syllable(w) for w in words], dtype=np.uint64)
    runs = max(1, len(words) - size + 1)
    combined = hashes[:runs].copy()
    for offset in range(1, min(size, len(words))):
        combined = (combined * _MIX + hashes[offset : offset + runs]) & _MASK32
    return np.unique(combined)


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of *text*."""
    minhash = MinHash(
        num_perm=NUM_PERM, seed=_SEED, hashfunc=int, permutations=_TEMPLATE.permutations, scheme=SCHEME
    )
    pieces = shingle_hashes(text)
    if len(pieces):
        minhash.update_batch(pieces.tolist())
    return minhash.hashvalues.astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def buckets(sig: np.ndarray) -> list[int]:
    """The LSH bucket of each band, as signed 64-bit integers (SQLite INTEGER)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


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
        """
        fresh_ids = set(fresh)
        changes: dict[str, str] = {}
        for record in records:
            sig = signature(document(record.get("title"), record.get("body")))
            keys = buckets(sig)
            self._forget(record["rowid"])
            if record["id"] in fresh_ids:
                cluster = self._best_cluster(record["rowid"], sig, keys)
                if cluster and cluster != record["cluster_id"]:
                    changes[record["id"]] = cluster
                    # Written at once: a later article of this batch may join through this one.
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
            keys = buckets(np.frombuffer(old[0], dtype=np.uint32))
            self.db.conn.executemany(
                "DELETE FROM lsh_buckets WHERE bucket = ? AND article = ?", [(k, rowid) for k in keys]
            )

    def _best_cluster(self, rowid: int, sig: np.ndarray, keys: list[int]) -> str | None:
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
            score = similarity(sig, np.frombuffer(found[0], dtype=np.uint32))
            if score >= THRESHOLD and (best is None or score > best[0]):
                best = (score, found[1] or found[2])
        return best[1] if best else None
