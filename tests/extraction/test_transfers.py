"""Transfers read from our own sentences: parties, system, deal type, terms, status, negatives."""
from __future__ import annotations

import pytest

from defgraph.extraction.transfers import merged_status
from relations_helpers import evidence_is_exact, read


def only(transfers, system):
    found = [t for t in transfers if t.system == system]
    assert len(found) == 1, [(t.system, t.deal_type, t.status) for t in transfers]
    return found[0]


@pytest.fixture(scope="module")
def s400_article():
    return read(
        "India signed a deal with Russia on Monday to buy five squadrons of the S-400 "
        "air defence system for USD 5 billion, officials said.\n\n"
        "Three squadrons have been delivered so far. New Delhi is also in talks with Moscow to buy additional "
        "S-400 units, the officials added.", published="2024-03-06")


def test_a_signed_purchase_has_its_parties_terms_and_order_date(s400_article):
    signed = [t for t in s400_article.transfers if t.system == "system:s-400" and t.status != "proposed"]
    assert len(signed) == 1
    deal = signed[0]
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:russia", "country:india", "purchase")
    assert (deal.quantity, deal.quantity_unit) == (5, "squadron")
    assert (deal.value, deal.currency) == (5e9, "USD")
    assert deal.order_date.iso() == "2024-03"
    assert deal.status == "delivering"


def test_further_units_under_discussion_are_a_second_proposed_deal(s400_article):
    proposed = [t for t in s400_article.transfers if t.system == "system:s-400" and t.status == "proposed"]
    assert len(proposed) == 1 and proposed[0].supplier == "country:russia"
    assert evidence_is_exact(s400_article)


def test_a_list_of_systems_gives_one_transfer_each():
    result = read("Moscow has supplied the Indian armed forces with MiG-29 fighters and Ka-31 helicopters "
                  "over the past two decades.")
    for system in ("system:mig-29", "system:ka-31"):
        deal = only(result.transfers, system)
        assert (deal.supplier, deal.recipient, deal.status) == ("country:russia", "country:india", "delivered")


def test_licensed_production_names_the_licensor_as_supplier():
    result = read("Hindustan Aeronautics Limited has built the Su-30MKI under licence from Russia at its "
                  "Nashik plant in India.")
    deal = only(result.transfers, "system:su-30mki")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:russia", "country:india",
                                                                "licensed_production")


def test_joint_development_lists_both_partners():
    result = read("The frigate carries the BrahMos cruise missile, which was developed jointly by India "
                  "and Russia in the late 1990s.")
    deal = only(result.transfers, "system:brahmos")
    assert deal.deal_type == "joint_development"
    assert {deal.supplier, deal.recipient} == {"country:india", "country:russia"}


def test_an_origin_word_makes_the_supplier():
    result = read("India has modernised its army in recent years. The Indian Army now fields more than "
                  "1,000 Russian-built T-90 tanks along the western border.")
    deal = only(result.transfers, "system:t-90")
    assert (deal.supplier, deal.recipient, deal.quantity) == ("country:russia", "country:india", 1000)


def test_money_in_crore_is_normalised():
    result = read("The Defence Ministry signed a Rs 10,000 crore contract with Russia for 20 Su-30MKI jets "
                  "for India on Friday.")
    deal = only(result.transfers, "system:su-30mki")
    assert (deal.value, deal.currency, deal.quantity) == (1e11, "INR", 20)


@pytest.mark.parametrize("text", [
    "The Indian Army has not decided to buy the Stryker armoured vehicle, an official said.",
    "The United States has warned India against buying the Russian S-400 system.",
])
def test_denials_and_warnings_are_not_deals(text):
    assert read(text).transfers == []


def test_the_furthest_stage_read_is_the_deals_status():
    assert merged_status(["signed", None, "delivered"]) == "delivered"
    assert merged_status(["proposed", "delivering", "delivered"]) == "delivering"
    assert merged_status(["signed", "cancelled"]) == "cancelled"
    assert merged_status([None]) is None


def test_supply_under_way_and_talks_on_more_units():
    result = read("Russia's supply of the S-400 to India began in 2021. Talks on the procurement of more "
                  "units are ongoing.", published="2024-05-02")
    statuses = sorted(t.status for t in result.transfers if t.system == "system:s-400")
    assert statuses == ["delivering", "proposed"]


def test_licensed_production_named_as_such():
    result = read("India and Russia agreed on the licensed production of T-90 tanks at Avadi.")
    assert only(result.transfers, "system:t-90").deal_type == "licensed_production"


def test_a_jointly_made_system_sold_on_is_a_sale_by_its_maker():
    result = read("The jointly-manufactured BrahMos missile will be exported to Vietnam.")
    sale = only(result.transfers, "system:brahmos")
    assert (sale.supplier, sale.recipient) == ("country:india", "country:vietnam")
