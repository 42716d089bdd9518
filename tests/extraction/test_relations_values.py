"""Money, counts and cues read by the relation components, on our own phrases."""
from __future__ import annotations

import pytest

from defgraph.extraction.relations_cues import cues_within, find_cues, nearest_label
from defgraph.extraction.relations_values import find_counts, parse_money
from defgraph.model import Money, Quantity


@pytest.mark.parametrize(("text", "expected"), [
    ("a USD 5 billion agreement", Money(5e9, "USD")),
    ("worth $375 million in all", Money(375e6, "USD")),
    ("priced at Rs 10,000 crore", Money(1e11, "INR")),
    ("nearly 2.4 billion euros (some $2.6 billion)", Money(2.4e9, "EUR")),
    ("a USD 374.96 million award", Money(374.96e6, "USD")),
    ("an order of Rs 1.2 lakh crore", Money(1.2e12, "INR")),
    ("a $2.5bn package", Money(2.5e9, "USD")),
    ("5,000 crore rupees", Money(5e10, "INR")),
])
def test_money_is_normalised_to_an_amount_and_an_iso_currency(text, expected):
    money = parse_money(text)
    assert money.currency == expected.currency
    assert money.amount == pytest.approx(expected.amount)


@pytest.mark.parametrize("text", ["45 per cent of imports", "in 2019 the army", "12 Su-30 jets"])
def test_numbers_without_a_currency_are_not_money(text):
    assert parse_money(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("for five squadrons of the long-range system", Quantity(5, "squadron")),
    ("buy 36 Rafale fighter jets", Quantity(36, "jet")),
    ("two batteries for the coastal regiment", Quantity(2, "battery")),
    ("more than six lakh assault rifles", Quantity(600_000, "rifle")),
    ("over 1,200 Russian-supplied T-90 tanks", Quantity(1200, "tank")),
    ("ordered seven of the systems in 2018", Quantity(7, "system")),
    ("will receive three regimental sets of the coastal missile complex", Quantity(3, "set")),
])
def test_counts_keep_their_unit(text, expected):
    assert [f.value for f in find_counts(text)] == [expected]


def test_a_procurement_of_a_bare_number_is_a_count_without_unit():
    assert [f.value for f in find_counts("approved the procurement of 1,200 in March")] == [Quantity(1200)]
    assert find_counts("a deal of USD 5 billion") == []


def test_years_and_vague_numbers_are_not_counts():
    assert find_counts("In 2018 units of the two countries met") == []
    assert find_counts("the two countries signed") == []


def test_a_system_takes_the_nearest_cue_before_it_else_after():
    text = "They jointly produce the Alpha missile and make Beta rifles under licence at a plant"
    cues = find_cues("relations_transfers", "deal_types", text)
    assert nearest_label(cues, text.index("Alpha")) == "joint_production"
    assert nearest_label(cues, text.index("Beta")) == "licensed_production"
    statuses = find_cues("relations_transfers", "statuses", "Forty units have been delivered so far")
    assert nearest_label(statuses, 0) == "delivering"


def test_of_overlapping_cues_the_label_listed_first_wins_and_a_sentence_gets_its_own():
    text = "The ministers met in Oslo. Then they signed the contract and visited the yard."
    cues = find_cues("relations_events", "event_types", text)
    assert [c.label for c in cues] == ["meeting", "deal_signing", "visit"]
    second = text.index("Then")
    within = cues_within(cues, second, len(text))
    assert [(c.label, text[second + c.start:second + c.end]) for c in within] == [
        ("deal_signing", "signed"), ("visit", "visited")]


@pytest.mark.parametrize(("text", "expected"), [
    ("a dozen Su-30 fighters", [12]),
    ("roughly three dozen Leopard tanks", []),
    ("several dozen tanks", []),
    ("bought 36 Rafale jets", [36]),
])
def test_a_dozen_is_twelve_but_some_dozens_are_no_count(text, expected):
    assert [f.value.count for f in find_counts(text)] == expected


def test_a_count_before_a_name_skips_years_money_and_days():
    from defgraph.extraction.relations_values import count_before

    def before(text):
        return count_before(text, text.index("Stinger"))

    assert before("sent the 2,500 Stinger missiles").value.count == 2500
    assert before("in 2019 Stinger missiles") is None
    assert before("worth $40 million Stinger missiles") is None
    assert before("on 12 March Stinger missiles") is None
