"""Near-duplicate detection: wire copies match, different stories on the same topic do not."""
from __future__ import annotations

from pathlib import Path

import pytest

from defgraph.ingestion import (
    NearDuplicateIndex, article_from_text, article_signature, iter_inputs, signature, similarity,
)
from defgraph.ingestion.dedupe import NUM_PERM, shingles
from defgraph.model import Article

# A different story on the same topic (Russian-built frigates for India); fictional spokesperson.
OTHER_STORY = "\n\n".join((
    "India and Russia on Thursday discussed the construction of two more stealth frigates at an Indian "
    "shipyard, with Russian engineers to help set up the production line, officials said.",
    "The talks in Moscow covered the supply of gas turbines, which had been held up for months, and the "
    "training of Indian crews at Russian naval schools, according to a statement from the ministry.",
    '"We reviewed every open item and agreed on a timetable that both sides can keep," ministry '
    "spokesperson Arjun Mehta said after the meeting.",
    "The two countries have built more than a dozen warships together since the 1990s, and Russian "
    "designs still make up a large part of the Indian Navy's surface fleet.",
))


def wire_copy(paragraphs: tuple[str, ...]) -> str:
    """Another outlet's copy: its own header and headline, two words changed, two paragraphs swapped."""
    edited = list(paragraphs)
    edited[0] = edited[0].replace("took delivery of", "received")
    edited[3], edited[4] = edited[4], edited[3]
    body = "\n\n".join(edited).replace("lasted nearly", "lasted almost")
    return ("url: https://harbour-courier.example/navy-frigate\noutlet: Harbour Courier\n"
            "published: 2024-02-20\ntitle: Second Russian-built frigate joins Indian Navy\n---\n" + body)


def test_signature_is_compact_and_deterministic(story):
    first = signature(story)
    assert isinstance(first, bytes) and len(first) == NUM_PERM * 4
    assert signature(story) == first
    assert similarity(first, first) == 1.0


def test_words_are_normalised_before_shingling():
    assert shingles("India’s navy, the “Indian Navy”") == shingles("INDIA'S NAVY the Indian navy")
    assert shingles("Café Défense") == shingles("cafe defense")


def test_a_wire_copy_with_a_new_header_edits_and_moved_paragraphs_matches(story, story_paragraphs):
    original = article_from_text("Navy takes delivery of second frigate\n\n" + story)
    copy = article_from_text(wire_copy(story_paragraphs))
    assert similarity(article_signature(original), article_signature(copy)) > 0.8
    index = NearDuplicateIndex()
    index.add("original", article_signature(original))
    assert index.query(article_signature(copy)) == ["original"]


def test_a_different_story_on_the_same_topic_does_not_match(story):
    index = NearDuplicateIndex()
    index.add("frigate-delivery", signature(story))
    assert similarity(signature(story), signature(OTHER_STORY)) < 0.15
    assert index.query(signature(OTHER_STORY)) == []


def test_an_index_rebuilt_from_stored_bytes_answers_the_same(story, story_paragraphs):
    stored = {1: signature(story), 2: signature(OTHER_STORY)}
    index = NearDuplicateIndex()
    for key, value in stored.items():
        index.add(key, bytes(value))  # as read back from the database
    assert len(index) == 2 and 1 in index
    copy = article_signature(article_from_text(wire_copy(story_paragraphs)))
    assert index.query(copy) == [1]


def test_query_returns_the_closest_copy_first(story, story_paragraphs):
    index = NearDuplicateIndex()
    trimmed = "\n\n".join(story_paragraphs[:4])  # an outlet that cut the last two paragraphs
    index.add("trimmed", signature(trimmed))
    index.add("full", signature(story))
    assert index.query(signature(story)) == ["full", "trimmed"]


def test_a_strict_threshold_rejects_a_loose_rewrite(story, story_paragraphs):
    rewrite = "\n\n".join(p.replace(" the ", " a ").replace(" and ", " as well as ") for p in story_paragraphs)
    assert similarity(signature(story), signature(rewrite)) < 0.8
    strict = NearDuplicateIndex(threshold=0.8)
    strict.add("original", signature(story))
    assert strict.query(signature(rewrite)) == []


def test_a_signature_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match="128 values"):
        NearDuplicateIndex().add("bad", b"\x00" * 12)


def test_the_sample_corpus_near_duplicate_pairs_and_no_others_match():
    samples = Path(__file__).resolve().parents[2] / "samples" / "news"
    articles = [a for a in iter_inputs([str(samples)]) if isinstance(a, Article)]
    index = NearDuplicateIndex()
    pairs = set()
    for article in articles:
        sig = article_signature(article)
        pairs |= {(copy, article.name) for copy in index.query(sig)}
        index.add(article.name, sig)
    assert pairs == {("05_singh_belousov_moscow_pti.txt", "06_singh_belousov_moscow_ians.txt"),
                     ("11_brahmos_philippines_delivery_pti.txt", "12_brahmos_philippines_delivery_agencies.txt")}
