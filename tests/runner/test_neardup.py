"""The near-duplicate index kept in the store: band keys and similarity scores."""
from __future__ import annotations

from defgraph.ingestion.dedupe import signature, similarity
from defgraph.runner.neardup import band_keys, bands, similarities

WIRE = ("The ministry said the second squadron of the air defence system had reached its base in the north, "
        "and that crews trained abroad had taken charge of the radars before the winter exercises began.")
TEXTS = [WIRE, WIRE + " Reporting by the desk.", "A naval frigate was commissioned at the northern yard on Friday."]


def test_scores_agree_with_dedupe():
    sigs = [signature(text) for text in TEXTS]
    assert list(similarities(sigs[0], sigs)) == [similarity(sigs[0], other) for other in sigs]


def test_copies_share_band_keys_and_unrelated_texts_do_not():
    original, copy, unrelated = (set(band_keys(signature(text))) for text in TEXTS)
    assert len(original) == len(bands())
    assert original & copy and not original & unrelated
