"""Conflicts: independent articles that disagree, each side with its sources."""
from __future__ import annotations

from analyse.writing import NAMES, ev, write_s400_story

from defgraph.analyse.conflicts import find_conflicts, share_value
from defgraph.analyse.merge import merge_transfers
from defgraph.model import Attribute, Claim, Transfer

BRAHMOS = {**NAMES, "system:brahmos": ("WeaponSystem", "BrahMos")}


def _speed(write_doc, word: str, published: str, outlet: str, copy_of: int | None = None) -> int:
    text = f"The {word} BrahMos missile was fired from a destroyer off the east coast, {outlet} reported."
    return write_doc(text, published=published, outlet=outlet, copy_of=copy_of, names=BRAHMOS,
                     attributes=[Attribute("system:brahmos", "speed_class", word, ev(f"{word} BrahMos"))])


def test_a_deal_value_beyond_rounding_is_a_conflict_with_both_sides_sourced(write_doc, knowledge):
    ids = write_s400_story(write_doc)
    [conflict] = [c for c in find_conflicts(knowledge()) if c.kind == "transfer"]
    assert conflict.attribute == "value" and conflict.subject == "Russia → India: S-400 (purchase)"
    sides = {tuple(side.value): side.sources for side in conflict.sides}
    assert set(sides) == {(5.43e9, "USD"), (5e9, "USD")}
    [signing] = sides[(5.43e9, "USD")]
    assert (signing.doc_id, signing.outlet, signing.published) == (ids["signing"], "Wire A", "2018-10-05")
    assert signing.evidence == "India signed a USD 5.43 billion contract"
    [preview] = sides[(5e9, "USD")]
    assert (preview.doc_id, preview.outlet) == (ids["preview"], "Wire B")


def test_rounded_figures_and_other_currencies_are_not_conflicts(write_doc, knowledge):
    for value, currency, outlet in ((374.96e6, "USD", "Wire A"), (375e6, "USD", "Wire B"), (3100e7, "INR", "Wire C")):
        write_doc(f"India will sell the S-400 trainer kit to Russia, {outlet} reported.", published="2022-01-28",
                  outlet=outlet, names=NAMES, transfers=[
                      Transfer("country:india", "country:russia", "system:s-400", "export",
                               ev("India will sell the S-400 trainer kit to Russia"), value=value, currency=currency)])
    assert find_conflicts(knowledge()) == []


def test_speed_class_conflict_between_independent_articles_only(write_doc, knowledge):
    first = _speed(write_doc, "supersonic", "2022-01-20", "Wire A")
    _speed(write_doc, "hypersonic", "2022-01-21", "Wire A2", copy_of=first)  # a copy that changed a word
    assert find_conflicts(knowledge()) == []
    _speed(write_doc, "supersonic", "2023-02-12", "Wire B")
    _speed(write_doc, "hypersonic", "2025-01-25", "Wire C")
    [conflict] = find_conflicts(knowledge())
    assert (conflict.kind, conflict.subject, conflict.attribute) == ("attribute", "system:brahmos", "speed_class")
    assert (conflict.label, conflict.entities) == ("BrahMos", ("system:brahmos",))
    assert [(side.value, side.support) for side in conflict.sides] == [("hypersonic", 2), ("supersonic", 2)]


def test_a_share_is_compared_with_what_it_is_a_share_of(write_doc, knowledge):
    def share(sentence: str, value: str, outlet: str) -> None:
        write_doc(sentence, published="2024-08-21", outlet=outlet, names=NAMES, attributes=[
            Attribute("country:russia", "share_of_imports", value, ev(sentence.rstrip(".")))])

    share("Russia makes up 60% of India's military inventory.", "60%", "Wire A")
    share("Russia accounts for 60 per cent of India's arms purchases.", "60 per cent", "Wire B")
    share("Russia supplied 60% of India's arms purchases.", "60%", "Wire C")
    [conflict] = find_conflicts(knowledge())
    assert [(side.value, side.support) for side in conflict.sides] == [("60% of purchases", 2), ("60% of inventory", 1)]


def test_share_value_reads_the_basis_after_the_figure():
    assert share_value("45%", "China supplied 45% of Pakistan's arms imports") == "45% of imports"
    assert share_value("two-thirds", "two-thirds of the army's hardware") == "two-thirds of inventory"


def test_a_disputed_claim_lists_the_claim_and_who_disputes_it(write_doc, knowledge):
    text = ("A news agency reported that India had paused arms purchases. Kavita Rao, spokesperson of the defence "
            "ministry, called the report false.")
    doc = write_doc(text, published="2025-08-08", names={**NAMES, "org:reuters": ("Organization", "news agency")},
                    claims=[Claim("org:reuters", "India had paused arms purchases",
                                  ev("A news agency reported that India had paused arms purchases"),
                                  ["person:kavita-rao"])])
    [conflict] = find_conflicts(knowledge())
    claim, denial = conflict.sides
    assert conflict.kind == "claim" and claim.value["text"] == "India had paused arms purchases"
    assert denial.value == {"disputed_by": ["person:kavita-rao"]} and denial.sources[0].doc_id == doc
    assert conflict.entities == ("org:reuters", "person:kavita-rao")  # the dossiers of both list it


def test_counts_in_different_units_are_not_compared(write_doc, knowledge):
    for count, unit, outlet in ((5, "squadron", "Wire A"), (40, "launcher", "Wire B"), (40, None, "Wire C")):
        write_doc(f"Russia will supply S-400 equipment to India, {outlet} said.", published="2019-01-01", outlet=outlet,
                  names=NAMES, transfers=[Transfer("country:russia", "country:india", "system:s-400", "purchase",
                                                   ev("Russia will supply S-400 equipment to India"), quantity=count,
                                                   quantity_unit=unit)])
    assert find_conflicts(knowledge()) == []
    [deal_quantity] = merge_transfers(knowledge())[0].slots["quantity"][:1]
    assert deal_quantity.value == [40, "launcher"] and deal_quantity.support == 2  # the unsaid unit joins
