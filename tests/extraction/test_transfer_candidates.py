"""Candidate transfers for the scorer: every named system with its sentence's countries, each with its cues."""
from __future__ import annotations

from defgraph.extraction.transfer_candidates import _barred_suppliers
from relations_helpers import read

SEVERAL_SUPPLIERS = ("Norway, Denmark and Belgium have begun sending F-16 jets to Ukraine, "
                     "a ministry official said on Tuesday.")


def by_triple(extraction):
    return {(t.supplier, t.recipient, t.system): t for t in extraction.transfers}


def test_each_supplier_of_a_shared_sentence_is_proposed_with_its_place_in_the_parse():
    found = by_triple(read(SEVERAL_SUPPLIERS, published="2024-07-09"))
    for supplier in ("country:norway", "country:denmark", "country:belgium"):
        assert (supplier, "country:ukraine", "system:f-16") in found
    to_ukraine = found[("country:denmark", "country:ukraine", "system:f-16")]
    assert "recipient_after_to" in to_ukraine.cues or "rules" in to_ukraine.cues


def test_the_scorer_trusts_the_suppliers_more_than_the_reversed_pairs():
    found = by_triple(read(SEVERAL_SUPPLIERS, published="2024-07-09"))
    for supplier in ("country:denmark", "country:belgium"):
        right = found[(supplier, "country:ukraine", "system:f-16")]
        reversed_pair = found.get(("country:ukraine", supplier, "system:f-16"))
        assert reversed_pair is None or right.confidence > reversed_pair.confidence


def test_a_sentence_without_a_transfer_word_proposes_nothing():
    extraction = read("Norway and Ukraine discussed the F-16 and the weather in Oslo on Tuesday.", published="2024-07-09")
    assert not [t for t in extraction.transfers if "cooccurrence" in t.cues]


def test_a_country_the_catalogue_rules_out_is_never_proposed_as_supplier():
    found = by_triple(read("Ukraine said Russia has been hit hard since it received HIMARS launchers in "
                           "the summer, officials said.", published="2024-07-09"))
    assert all(supplier != "country:russia" for supplier, _, system in found if system == "system:himars")


def test_the_origin_as_supplier_is_marked_when_another_country_gives_the_system():
    found = by_triple(read("Bulgaria gave Georgia its S-300 launchers last spring, the ministry said.",
                           published="2024-07-09"))
    origin = found[("country:russia", "country:georgia", "system:s-300")]
    assert "origin_beside_giver" in origin.cues
    assert found[("country:bulgaria", "country:georgia", "system:s-300")].confidence > origin.confidence


def test_a_country_the_sentence_makes_the_giver_is_not_ruled_out_though_the_catalogue_lacks_it():
    assert _barred_suppliers("system:himars", ["country:morocco"], set()) == {"country:morocco"}
    assert _barred_suppliers("system:himars", ["country:morocco"], {"country:morocco"}) == set()


def test_a_country_named_only_as_the_threat_is_never_a_candidate_party():
    found = by_triple(read("Norway is sending NASAMS launchers so that Latvia can defend itself against Russian "
                           "drones.", published="2024-07-09"))
    assert ("country:norway", "country:latvia", "system:nasams") in found
    assert not [triple for triple in found if "country:russia" in triple[:2]]


def test_the_attacker_of_an_attack_is_never_a_candidate_party():
    found = by_triple(read("Sweden delivered IRIS-T launchers to Finland two days after a Russian missile barrage.",
                           published="2024-07-09"))
    assert ("country:sweden", "country:finland", "system:iris-t") in found
    assert not [triple for triple in found if "country:russia" in triple[:2]]


def test_two_recipients_of_one_sale_never_supply_each_other():
    found = by_triple(read("The State Department approved the sale of 40 Patriot missiles to Qatar and of THAAD "
                           "interceptors to Oman, the Pentagon said.", published="2024-07-09"))
    pairs = {(s, r) for s, r, _ in found}
    assert ("country:qatar", "country:oman") not in pairs and ("country:oman", "country:qatar") not in pairs
    assert ("country:usa", "country:qatar", "system:patriot") in found


REPAIRED = ("Meanwhile, the Peruvian air defence, alongside modern Russian Pantsir launchers, is largely made up of "
            "old S-125 batteries, which {} by Russian engineers.")


def test_a_candidate_without_a_stage_word_takes_the_status_its_sentence_implies():
    done = by_triple(read(REPAIRED.format("were repaired and upgraded"), published="2024-07-09"))
    candidate = done[("country:russia", "country:peru", "system:s-125")]
    assert "rules" not in candidate.cues and "status_implied" in candidate.cues
    assert candidate.status == "delivered"
    planned = by_triple(read(REPAIRED.format("will be repaired and upgraded"), published="2024-07-09"))
    assert planned[("country:russia", "country:peru", "system:s-125")].status == "proposed"


def test_a_candidate_takes_the_count_of_its_system_and_is_weighed_as_proposed():
    found = by_triple(read("Officials in Lima said Peru is also receiving other capabilities from Brazil, including "
                           "30 Leopard tanks.", published="2024-07-09"))
    candidate = found[("country:germany", "country:peru", "system:leopard-2")]
    assert candidate.quantity == 30 and "rules" not in candidate.cues
    assert candidate.confidence < found[("country:brazil", "country:peru", "system:leopard-2")].confidence
