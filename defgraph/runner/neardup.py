"""The near-duplicate index, kept in the store instead of memory.

Reads and writes MinHash signatures (``defgraph.ingestion.dedupe``) through the store's band-key
table: a signature is cut into the LSH bands ``MinHashLSH`` would use for the same threshold, each
band hashed to one integer key. Documents sharing a key are candidates; those whose estimated
similarity reaches the threshold are near-duplicates. Memory stays flat however large the corpus.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from defgraph.ingestion.dedupe import NUM_PERM, THRESHOLD
from defgraph.store import Store

_VALUE_BYTES = 4  # a signature is NUM_PERM little-endian 32-bit values


@lru_cache(maxsize=None)
def bands(threshold: float = THRESHOLD) -> tuple[tuple[int, int], ...]:
    """The byte ranges of the LSH bands datasketch picks for ``threshold``."""
    from datasketch import MinHashLSH  # imports scipy: only when ingesting

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return tuple((start * _VALUE_BYTES, end * _VALUE_BYTES) for start, end in lsh.hashranges)


@lru_cache(maxsize=256)  # a new document's keys are asked for twice: to query, then to add
def band_keys(signature: bytes, threshold: float = THRESHOLD) -> tuple[int, ...]:
    """One signed 64-bit key per band: the band's number and values, hashed."""
    return tuple(int.from_bytes(hashlib.blake2b(bytes([number]) + signature[start:end], digest_size=8).digest(),
                                "little", signed=True)
                 for number, (start, end) in enumerate(bands(threshold)))


class StoredNearDuplicateIndex:
    """``add`` and ``query`` as ``NearDuplicateIndex`` has them, over the store's band keys."""

    def __init__(self, store: Store, threshold: float = THRESHOLD) -> None:
        self.store = store
        self.threshold = threshold
        for doc_id, signature in store.unbanded_signatures():  # stored before the band table existed
            self.add(doc_id, signature)

    def add(self, doc_id: int, signature: bytes) -> None:
        self.store.add_band_keys(doc_id, band_keys(signature, self.threshold))

    def query(self, signature: bytes) -> list[int]:
        """Ids of stored near-duplicates, most similar first."""
        found = self.store.signatures_sharing(band_keys(signature, self.threshold))
        if not found:
            return []
        ids = [doc_id for doc_id, _ in found]
        scores = similarities(signature, [other for _, other in found])
        ranked = sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))
        return [ids[i] for i in ranked if scores[i] >= self.threshold]


def similarities(signature: bytes, others: list[bytes]) -> np.ndarray:
    """``dedupe.similarity`` (the share of equal MinHash values) against many signatures at once."""
    matrix = np.frombuffer(b"".join(others), dtype="<u4").reshape(len(others), NUM_PERM)
    return np.count_nonzero(matrix == np.frombuffer(signature, dtype="<u4"), axis=1) / NUM_PERM
