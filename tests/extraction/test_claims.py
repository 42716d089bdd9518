"""Claims read from our own sentences: who asserts what, and who disputes it."""
from __future__ import annotations

from relations_helpers import evidence_is_exact, read


def test_a_reported_claim_and_its_denial():
    result = read("A Reuters report said India is seeking to cut its reliance on Russian weapons. "
                  "Russian Deputy Foreign Minister Andrey Rudenko dismissed the report as baseless.")
    assert len(result.claims) == 1
    claim = result.claims[0]
    assert claim.claimant == "org:reuters"
    assert claim.text.startswith("India is seeking to cut its reliance")
    assert "person:andrey-rudenko" in claim.disputed_by
    assert evidence_is_exact(result)


def test_a_claim_nobody_disputes_is_not_stored():
    result = read("A Reuters report said India is seeking to cut its reliance on Russian weapons. "
                  "The talks are expected to continue next month.")
    assert result.claims == []


def test_a_claim_put_at_the_end_of_the_sentence():
    result = read("Indian payments for Russian arms are stuck because of sanctions, Bloomberg News reported. "
                  "The Russian embassy in New Delhi denied that supplies were being held up.")
    assert [c.claimant for c in result.claims] == ["org:bloomberg"]
    assert "payments" in result.claims[0].text


def test_a_dispute_before_any_claim_stores_nothing():
    result = read("Moscow denied the reports on Monday. A Reuters report said India is seeking to cut its "
                  "reliance on Russian weapons.")
    assert result.claims == []
