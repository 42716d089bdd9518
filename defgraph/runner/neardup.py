"""The near-duplicate index, kept in the store instead of memory.

Reads and writes MinHash signatures (``defgraph.ingestion.dedupe``) through the store's band-key
table: a signature is cut into the LSH bands ``MinHashLSH`` would use for the same threshold, each
band hashed to one integer key. Documents sharing a key are candidates; those whose estimated
similarity reaches the threshold are near-duplicates. Memory stays flat however large the corpus.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from datasketch import MinHashLSH

from defgraph.ingestion.dedupe import NUM_PERM, THRESHOLD, similarity
from defgraph.store import Store

_VALUE_BYTES = 4  # a signature is NUM_PERM little-endian 32-bit values


@lru_cache(maxsize=None)
def bands(threshold: float = THRESHOLD) -> tuple[tuple[int, int], ...]:
    """The byte ranges of the LSH bands datasketch picks for ``threshold``."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return tuple((start * _VALUE_BYTES, end * _VALUE_BYTES) for start, end in lsh.hashranges)


def band_keys(signature: bytes, threshold: float = THRESHOLD) -> list[int]:
    """One signed 64-bit key per band: the band's number and values, hashed."""
    return [int.from_bytes(hashlib.blake2b(bytes([number]) + signature[start:end], digest_size=8).digest(),
                           "little", signed=True)
            for number, (start, end) in enumerate(bands(threshold))]


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
        scored = [(similarity(signature, other), doc_id)
                  for doc_id, other in self.store.signatures_sharing(band_keys(signature, self.threshold))]
        return [doc_id for score, doc_id in sorted(scored, key=lambda pair: (-pair[0], pair[1]))
                if score >= self.threshold]
