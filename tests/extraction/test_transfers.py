"""Transfers read from our own sentences: parties, system, deal type, terms, status, negatives."""
from __future__ import annotations

import pytest

import defgraph

from defgraph.extraction.relations_cues import find_cues
from defgraph.extraction.transfer_candidates import named_as_threat
from defgraph.extraction.transfers import merged_status
from relations_helpers import evidence_is_exact, read_rules as read


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


def test_a_denial_is_not_a_deal():
    assert read("The Indian Army has not decided to buy the Stryker armoured vehicle, an official said.").transfers == []


def test_the_furthest_stage_read_is_the_deals_status():
    assert merged_status(["signed", None, "delivered"]) == "delivered"
    assert merged_status(["proposed", "delivering", "delivered"]) == "delivering"
    assert merged_status(["signed", "cancelled"]) == "cancelled"
    assert merged_status([None]) is None


def test_licensed_production_named_as_such():
    result = read("India and Russia agreed on the licensed production of T-90 tanks at Avadi.")
    assert only(result.transfers, "system:t-90").deal_type == "licensed_production"


def test_a_jointly_made_system_sold_on_is_a_sale_by_its_maker():
    result = read("The jointly-manufactured BrahMos missile will be exported to Vietnam.")
    sale = only(result.transfers, "system:brahmos")
    assert (sale.supplier, sale.recipient) == ("country:india", "country:vietnam")


@pytest.fixture(scope="module")
def mixed_fleet():
    return read("Kazakhstan has received Su-30SM fighters from Russia. Its army still relies on Russian Mi-17 "
                "helicopters, while three Mistral-class carriers, purchased from France in 2016, form the core of "
                "its navy.")


def test_country_words_qualifying_other_systems_do_not_receive(mixed_fleet):
    helicopters = only(mixed_fleet.transfers, "system:mi-17")
    carriers = only(mixed_fleet.transfers, "system:mistral-class")
    assert (helicopters.supplier, helicopters.recipient) == ("country:russia", "country:kazakhstan")
    assert (carriers.supplier, carriers.recipient) == ("country:france", "country:kazakhstan")


def test_a_count_in_another_systems_clause_is_not_taken(mixed_fleet):
    assert only(mixed_fleet.transfers, "system:mi-17").quantity is None
    assert only(mixed_fleet.transfers, "system:mistral-class").quantity == 3


def test_the_country_that_gives_a_system_supplies_it_not_its_maker():
    result = read("Chile sent its Russian-made T-72 tanks to Kenya last year.")
    deal = only(result.transfers, "system:t-72")
    assert (deal.supplier, deal.recipient) == ("country:chile", "country:kenya")


def test_a_manufacturer_handing_over_licence_built_units_is_not_the_supplier():
    result = read("Russia and India agreed on the licensed production of the AK-203 rifle. Indo-Russian Rifles "
                  "has handed over 35,000 AK-203 rifles to the Indian Army.")
    assert all(t.supplier == "country:russia" for t in result.transfers if t.system == "system:ak-203")


def test_an_inventory_said_to_come_from_a_country_lists_each_system():
    result = read("Much of Vietnam's arsenal came from Russia, including Kilo-class submarines, Su-30 fighters "
                  "and Pantsir gun-missile systems.")
    for system in ("system:kilo-class", "system:su-30", "system:pantsir"):
        deal = only(result.transfers, system)
        assert (deal.supplier, deal.recipient) == ("country:russia", "country:vietnam")


def test_an_aid_package_is_a_signed_export_of_each_listed_system():
    result = read("Sweden unveiled its largest military aid package for Lithuania on Friday. RBS 70 launchers, "
                  "CV90 combat vehicles and Carl Gustaf recoilless rifles are part of the package, the government said.")
    for system in ("system:rbs-70", "system:cv90", "system:carl-gustaf"):
        deal = only(result.transfers, system)
        assert (deal.supplier, deal.recipient, deal.deal_type, deal.status) == (
            "country:sweden", "country:lithuania", "export", "signed")


def test_a_country_that_sanctions_a_purchase_does_not_receive_the_system():
    result = read("The United States imposed sanctions on Turkey over its purchase of the Russian S-400 system.")
    assert {(t.supplier, t.recipient) for t in result.transfers} == {("country:russia", "country:turkey")}


def test_a_weapons_package_of_a_sale_is_not_aid():
    result = read("India signed a deal to buy 36 Rafale jets from France. The weapons package gives the "
                  "Rafale a clear edge.")
    assert only(result.transfers, "system:rafale").deal_type == "purchase"


def test_order_terms_come_from_the_systems_own_clause():
    result = read("India signed a USD 4 billion deal for 31 MQ-9B drones in October, and it has bought C-130J "
                  "and C-17 transport aircraft from the United States since 2008.", published="2024-11-02")
    drones = only(result.transfers, "system:mq-9b")
    assert (drones.value, drones.quantity, drones.order_date.iso()) == (4e9, 31, "2024-10")
    for system in ("system:c-130j", "system:c-17"):
        transport = only(result.transfers, system)
        assert (transport.value, transport.quantity, transport.order_date) == (None, None, None)


def test_each_system_goes_to_the_recipient_named_after_it_and_a_combined_value_to_none():
    result = read("The proposed sales would send Stinger launchers to Finland and 300 Javelin missiles to Estonia, "
                  "at a total value of $1.2 billion.")
    stinger, javelin = only(result.transfers, "system:stinger"), only(result.transfers, "system:javelin")
    assert (stinger.recipient, stinger.quantity, stinger.value) == ("country:finland", None, None)
    assert (javelin.recipient, javelin.quantity, javelin.value) == ("country:estonia", 300, None)


def test_coordinated_recipients_before_one_system_both_receive_it():
    result = read("Kenya and Chile will receive S-400 systems from Russia.")
    assert {t.recipient for t in result.transfers} == {"country:kenya", "country:chile"}


def test_a_country_that_penalises_a_buyer_does_not_receive_the_system():
    result = read("Last month Kenya penalised an arms-buying department of China's military for acquiring the "
                  "S-400 from Russia.")
    assert {(t.supplier, t.recipient) for t in result.transfers} == {("country:russia", "country:china")}


def test_a_country_word_qualifying_sanctions_or_warnings_is_no_party():
    result = read("The first parts of Russia's S-400 system were delivered to Turkey on Friday, a step that "
                  "could trigger US sanctions.")
    assert {(t.supplier, t.recipient) for t in result.transfers} == {("country:russia", "country:turkey")}


def test_a_missed_full_stop_still_ends_a_systems_clause():
    result = read("The US has sold Kenya equipment worth billions of dollars, including C-17 transport aircraft and "
                  "the P-8I. In October the two countries signed a deal worth USD 4 billion for 31 MQ-9B drones.",
                  published="2024-11-02")
    transport = only(result.transfers, "system:c-17")
    assert (transport.value, transport.order_date) == (None, None)


def test_items_of_a_list_take_the_transfer_of_their_lead_in():
    result = read("Sweden's pledge to Lithuania, announced on Tuesday, covers the following military aid:\n"
                  "1. 12 CV90 infantry fighting vehicles;\n"
                  "2. spare parts for RBS 70 launchers.")
    vehicles, launchers = only(result.transfers, "system:cv90"), only(result.transfers, "system:rbs-70")
    assert (vehicles.supplier, vehicles.recipient, vehicles.deal_type, vehicles.status, vehicles.quantity) == (
        "country:sweden", "country:lithuania", "export", "signed", 12)
    assert (launchers.deal_type, launchers.status) == ("export", "signed")


def test_a_list_after_a_lead_in_without_a_transfer_gives_none():
    assert read("Kenya's army was founded in 1963. Its units are:\n- an M113 battalion in the north.").transfers == []


def test_security_assistance_committed_lists_its_systems():
    result = read("US security assistance to Moldova has reached $900 million since 2022, with Stinger and "
                  "Javelin missiles among the weapons committed.")
    for system in ("system:stinger", "system:javelin"):
        deal = only(result.transfers, system)
        assert (deal.supplier, deal.recipient, deal.deal_type, deal.status) == (
            "country:usa", "country:moldova", "export", "signed")


def parties(transfers, system):
    return {(t.supplier, t.recipient) for t in transfers if t.system == system}


def test_the_supplier_placed_by_from_is_not_undone_by_the_subject_of_give():
    found = read("Brazil's defence council on Friday gave its approval for buying 12 Gripen fighters from Sweden, "
                 "officials in Brazil said.").transfers
    assert parties(found, "system:gripen") == {("country:sweden", "country:brazil")}


def test_without_a_placed_supplier_the_giver_still_supplies():
    found = read("Poland sent its Gripen fighters to Brazil last year.").transfers
    assert parties(found, "system:gripen") == {("country:poland", "country:brazil")}


def test_a_country_inside_a_law_title_is_no_party():
    found = read("Brazil bought the Russian S-400 system despite the Countering Russia's Influence Through "
                 "Sanctions Act, officials in Brazil said.").transfers
    assert parties(found, "system:s-400") == {("country:russia", "country:brazil")}


def test_a_country_of_another_clause_does_not_receive():
    found = read("India bought 36 Rafale jets from France in 2016. The arrival comes amid a standoff with China, "
                 "and officials said the Rafale jets would join the fleet soon.").transfers
    assert parties(found, "system:rafale") == {("country:france", "country:india")}


def test_a_country_of_the_same_clause_still_receives():
    found = read("Rafale jets were handed over to Greece on Monday.").transfers
    assert parties(found, "system:rafale") == {("country:france", "country:greece")}


def test_a_body_whose_motion_urges_is_no_party():
    found = read("The US Senate passed a motion urging a waiver for Brazil over its purchase of the Russian "
                 "S-400 system.").transfers
    assert parties(found, "system:s-400") == {("country:russia", "country:brazil")}


def read_published_by(text: str, outlet: str):
    extraction = defgraph.extract(text, published="2025-05-02", outlet=outlet)
    extraction.transfers = [t for t in extraction.transfers if "rules" in t.cues]
    return extraction


def test_a_publishers_own_country_supplying_tells_an_export():
    result = read_published_by("Washington will ship twelve Black Hawk helicopters to Peru next year under "
                               "the new agreement, officials confirmed.", "The White House")
    deal = only(result.transfers, "system:uh-60-black-hawk")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:usa", "country:peru", "export")


def test_a_publishers_own_country_receiving_tells_a_purchase():
    text = "Iran has sent Shahed-136 drones to Moscow, officials confirmed."
    deal = only(read_published_by(text, "President of Russia (en.kremlin.ru)").transfers, "system:shahed-136")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:iran", "country:russia", "purchase")
    assert only(read(text).transfers, "system:shahed-136").deal_type == "export"


def test_a_third_country_giving_tells_an_export_and_a_request_a_purchase():
    given = read("Spain has provided Ukraine with Leopard 2 tanks this spring, officials confirmed.")
    deal = only(given.transfers, "system:leopard-2")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:spain", "country:ukraine", "export")
    asked = read("Ukraine asked the United States for more Patriot batteries during the talks, officials said.")
    assert {t.deal_type for t in asked.transfers if t.system == "system:patriot"} == {"purchase"}


def test_a_wire_story_without_a_publisher_keeps_a_sale_a_purchase():
    result = read("Russia has supplied Algeria with Su-30 fighters over the past decade, officials said.")
    assert {t.deal_type for t in result.transfers if t.system == "system:su-30"} == {"purchase"}


def test_a_count_written_right_before_the_name_is_the_quantity():
    result = read("Poland has delivered 14 Leopard 2 tanks to Ukraine, officials confirmed.")
    assert only(result.transfers, "system:leopard-2").quantity == 14


def test_a_day_of_the_month_before_the_name_is_no_quantity():
    result = read("On 12 March Rafale jets were delivered to Greece by France, officials confirmed.")
    assert all(t.quantity is None for t in result.transfers if t.system == "system:rafale")


@pytest.mark.parametrize("text, status", [
    ("Spain intends to provide Ukraine with Leopard 2 tanks, officials confirmed.", "signed"),
    ("Spain is sending Leopard 2 tanks to Ukraine this month, officials confirmed.", "delivering"),
    ("Spain has provided Leopard 2 tanks to Ukraine, officials confirmed.", "delivered"),
])
def test_giving_words_tell_how_far_an_aid_deal_has_gone(text, status):
    assert only(read(text).transfers, "system:leopard-2").status == status


@pytest.mark.parametrize("text", [
    "The Spanish government has long been supportive of providing Leopard 2 tanks to Peru, a spokesman said.",
    "Spain's defence minister said she supported the transfer of Leopard 2 tanks to Peru, citing a shared interest.",
])
def test_backing_a_transfer_not_yet_made_is_a_proposal(text):
    assert only(read(text).transfers, "system:leopard-2").status == "proposed"


@pytest.mark.parametrize("text", [
    "France delivered the first three Rafale jets to Greece on Monday, the ministry said.",
    "Greece received its first batch of Rafale jets from France, the ministry said.",
])
def test_a_first_delivery_is_a_delivery_under_way(text):
    assert only(read(text).transfers, "system:rafale").status == "delivering"


def test_a_country_giving_its_own_holding_of_a_foreign_system_is_the_supplier():
    result = read("Bulgaria gave Georgia its S-300 launchers last spring, the ministry said.")
    deal = only(result.transfers, "system:s-300")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:bulgaria", "country:georgia", "export")


def test_a_country_that_agrees_to_send_a_system_made_elsewhere_is_the_supplier():
    result = read("Cyprus agreed to send its Soviet-made S-300 batteries to Armenia, officials said.")
    deal = only(result.transfers, "system:s-300")
    assert (deal.supplier, deal.recipient, deal.status) == ("country:cyprus", "country:armenia", "signed")


@pytest.mark.parametrize("text", [
    "Chile has been rushing to refill its depots after sending dozens of Soviet-made T-72 tanks to Kenya.",
    "Chile, after sending its T-72 tanks to Kenya, is looking for new armour.",
])
def test_a_country_doing_a_giving_clause_is_the_supplier_not_the_maker(text):
    deal = only(read(text).transfers, "system:t-72")
    assert (deal.supplier, deal.recipient) == ("country:chile", "country:kenya")


def test_a_giving_clause_does_not_make_its_subject_the_supplier_of_what_it_buys():
    result = read("Chile, after sending its T-72 tanks to Kenya, has ordered Leopard 2 tanks from Germany.")
    assert only(result.transfers, "system:leopard-2").supplier == "country:germany"


def test_aid_naming_no_giver_comes_from_the_usual_giver_not_the_maker():
    result = read("Today the United States announced a new security assistance package for Kenya. The package "
                  "includes Javelin missiles and HIMARS launchers for Kenya.\n\nThe package also includes "
                  "refurbished T-72 tanks for Kenya.", published="2024-03-06")
    deal = only(result.transfers, "system:t-72")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:usa", "country:kenya", "export")


def test_aid_items_whose_maker_the_catalogue_does_not_know_come_from_the_usual_giver():
    result = read("Today the United States announced a new security assistance package for Kenya. The package "
                  "includes Javelin missiles and HIMARS launchers for Kenya.\n\nThe capabilities in this package "
                  "include:\n- 40 ZX-7 Zorblax armoured trucks;\n- 100 M113 Armored Personnel Carriers.",
                  published="2024-03-06")
    trucks = [t for t in result.transfers if t.system not in ("system:javelin", "system:himars", "system:m113")]
    assert [(t.supplier, t.recipient, t.deal_type, t.quantity) for t in trucks] == \
        [("country:usa", "country:kenya", "export", 40)]


def test_a_country_whose_giving_clause_holds_the_system_is_the_supplier_beside_another_placed_after_from():
    result = read("We are speeding the flow of weapons to Kenya from other allies, like the S-300 air defence "
                  "systems that Slovakia recently transferred to Kenya.")
    deal = only(result.transfers, "system:s-300")
    assert (deal.supplier, deal.recipient) == ("country:slovakia", "country:kenya")


def test_the_platform_engines_go_into_is_not_transferred():
    result = read("A US firm signed a contract with Hindustan Aeronautics Limited to supply 99 GE-404 jet engines "
                  "for the indigenous Tejas fighter aircraft of India.", published="2024-03-06")
    assert not [t for t in result.transfers if t.system == "system:hal-tejas"]


def test_a_pronoun_that_buys_stands_for_the_country_the_sentence_before_is_about():
    result = read("Chile has been rushing to refill its depots after sending dozens of T-72 tanks to Kenya. In "
                  "April it agreed to buy 250 Leopard 2 tanks from Germany.", published="2024-03-06")
    deal = only(result.transfers, "system:leopard-2")
    assert (deal.supplier, deal.recipient) == ("country:germany", "country:chile")


@pytest.mark.parametrize("text, published, order_date", [
    ("India signed a deal today to buy 36 Rafale jets from France.", "2016-09-25", "2016-09-25"),
    ("India signed a deal on Friday to buy 36 Rafale jets from France.", "2016-09-25", "2016-09"),
])
def test_an_order_made_today_keeps_its_day_and_one_on_a_weekday_its_month(text, published, order_date):
    assert only(read(text, published).transfers, "system:rafale").order_date.iso() == order_date


def test_aid_takes_the_day_of_the_meeting_that_announced_it():
    result = read("The American president met the Ukrainian leader today in Vienna. During the meeting, he "
                  "announced another package of security assistance for Ukraine, which includes a Patriot battery "
                  "and HIMARS ammunition.", published="2024-07-11")
    for system in ("system:patriot", "system:himars"):
        assert only(result.transfers, system).order_date.iso() == "2024-07-11"


def test_aid_takes_the_day_its_package_is_announced_on_in_the_sentence_before():
    result = read("Tomorrow the Pentagon will be announcing a new assistance package for Ukraine. That package will "
                  "contain HIMARS launchers, officials said.", published="2022-05-31")
    assert only(result.transfers, "system:himars").order_date.iso() == "2022-06-01"


def test_an_undated_announcement_of_aid_is_of_the_publication_month():
    result = read("The U.S. government announced a $20 million assistance package that includes the planned "
                  "transfer of four Black Hawk helicopters to Peru.", published="2024-11-15")
    assert only(result.transfers, "system:uh-60-black-hawk").order_date.iso() == "2024-11"


def test_a_list_after_a_colon_on_its_line_takes_the_deal_of_its_lead_in():
    result = read("Romania's defence minister said: That is why we are buying the best American weapons: "
                  "F-35 fighter jets and HIMARS launchers.", published="2024-03-13")
    for system in ("system:f-35", "system:himars"):
        deal = only(result.transfers, system)
        assert (deal.supplier, deal.recipient, deal.deal_type, deal.status) == (
            "country:usa", "country:romania", "purchase", "signed")


def test_contributions_go_to_the_country_the_sentence_before_gives_to_and_a_name_counts_no_units():
    result = read("Officials from Canada met in Ottawa on Monday. Germany has long given military aid to Ukraine, "
                  "Canada said. Its contributions include Leopard 2 tanks and artillery.", published="2024-10-17")
    deal = only(result.transfers, "system:leopard-2")
    assert (deal.supplier, deal.recipient, deal.deal_type, deal.quantity) == (
        "country:germany", "country:ukraine", "export", None)


def test_a_count_of_another_kind_of_thing_is_not_the_systems_quantity():
    result = read("The coalition committed 700 tanks and more Javelin missiles to Ukraine, officials said.")
    assert only(result.transfers, "system:javelin").quantity is None


def test_further_units_offered_before_a_delivery_is_told_are_a_deal_of_their_own():
    result = read("Washington has offered Manila additional P-8I patrol aircraft. Boeing delivered the first P-8I "
                  "aircraft to the Philippines in July, officials said.", published="2024-09-01")
    statuses = sorted(t.status for t in result.transfers if t.system == "system:p-8i")
    assert statuses == ["delivering", "proposed"]  # the first aircraft of several: deliveries under way


def test_the_speakers_own_buying_is_a_purchase_whoever_publishes_it():
    result = defgraph.extract("Our minister said we are buying F-35 fighter jets from the United States for Romania.",
                              published="2024-03-13", outlet="The White House")
    deals = [t for t in result.transfers if "rules" in t.cues and t.system == "system:f-35"]
    assert [(t.supplier, t.recipient, t.deal_type) for t in deals] == [("country:usa", "country:romania", "purchase")]


def test_sentences_cut_at_line_breaks_and_never_inside_a_name(nlp):
    from defgraph.extraction.relations_context import sentences
    from defgraph.model import Article

    text = "HALDEN, 3 May\n\nThe Navy ordered 31 MQ-9B\nPredator drones. It paid.  \n  Ships sail."
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text)
    doc = nlp(doc)
    cut = [s.text for s in sentences(doc)]
    assert all(s and s == s.strip() for s in cut)
    assert "HALDEN, 3 May" in cut and "Ships sail." in cut


@pytest.mark.parametrize("text, deal_type", [
    ("Chile has ordered 12 Rafale jets from France. France's Rafale also won its first European export order "
     "last year, and France remains the aircraft's maker. France said the jets would follow.", "purchase"),
    ("France has sold 12 Rafale jets to Chile. France's defence exports reached a record last year, and France "
     "said the jets would follow.", "export"),
])
def test_only_the_home_countrys_own_exports_tell_a_deal_from_its_side(text, deal_type):
    deals = [t for t in read(text).transfers if t.system == "system:rafale" and t.recipient == "country:chile"]
    assert deals and {t.deal_type for t in deals} == {deal_type}


def test_a_civil_agency_counts_for_no_country_of_the_article(nlp):
    from defgraph.extraction.relations_context import country_counts, home_country
    from defgraph.model import Article

    text = ("Norway will send NASAMS launchers to Ukraine, Norway's minister said. USAID will fund generators, "
            "and USAID staff will visit Kyiv. The U.S. Agency for International Development said USAID grants "
            "would follow.")
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text)
    counts = country_counts(nlp(doc))
    assert "country:usa" not in counts and home_country(counts) == "country:norway"


def test_the_country_a_recipient_defends_itself_from_is_no_party():
    result = read("Canada will send NASAMS launchers to help Estonia defend itself from Russian missile strikes.")
    assert {(t.supplier, t.recipient) for t in result.transfers if t.system == "system:nasams"} == {
        ("country:canada", "country:estonia")}


def test_an_aid_package_that_protects_against_a_country_comes_from_the_systems_maker():
    result = read("The new package includes HIMARS launchers to protect Moldova against Russia, the statement said.")
    assert {(t.supplier, t.recipient) for t in result.transfers if t.system == "system:himars"} == {
        ("country:usa", "country:moldova")}


@pytest.mark.parametrize("text, status", [
    ("Spain is going to be providing Ukraine with Leopard 2 tanks, the minister told reporters.", "signed"),
    ("Spain is coordinating sustained deliveries of Leopard 2 tanks to Ukraine, the minister said.", "delivering"),
])
def test_what_is_going_to_be_given_is_committed_and_sustained_deliveries_are_under_way(text, status):
    assert {t.status for t in read(text).transfers if t.system == "system:leopard-2"} == {status}


def test_what_is_not_going_to_be_given_is_not_committed():
    from defgraph.extraction.relations_cues import find_cues
    said = "We are not going to send Leopard 2 tanks, and we are going to be providing HIMARS."
    assert [(c.label, said[c.start:c.end]) for c in find_cues("relations_transfers", "statuses", said)] == [
        ("signed", "going to be providing")]


def test_tanks_point_back_to_a_tank_not_to_an_anti_tank_missile(nlp):
    from defgraph.extraction.relations_context import SYSTEM, Named, referred_system

    sent = next(nlp("Ukraine has also received nearly 700 tanks.").sents)
    javelin = Named(0, 7, "Javelin", "system:javelin", SYSTEM)  # an anti-tank missile
    leopard = Named(0, 7, "Leopard", "system:leopard-2", SYSTEM)
    assert referred_system(sent, [javelin]) is None
    assert referred_system(sent, [leopard, javelin]).id == "system:leopard-2"


def test_coordinated_givers_each_supply_the_system():
    found = read("Norway and Denmark are working to deliver 20 Leopard tanks to Ukraine this year.").transfers
    assert {s for s, _ in parties(found, "system:leopard-2")} == {"country:norway", "country:denmark"}
    assert {r for _, r in parties(found, "system:leopard-2")} == {"country:ukraine"}


def test_a_maker_the_article_never_names_supplies_nothing_to_its_own_side():
    found = defgraph.extract("The President signed an order to build an Iron Dome shield for America. "
                             "The contracts for the shield will go to American companies.",
                             published="2025-06-27", outlet="The White House").transfers
    assert not [t for t in found if t.system == "system:iron-dome" and t.supplier == "country:israel"]


def test_the_articles_own_side_does_not_receive_a_system_its_maker_holds():
    text = ("The United States has sent military aid this year, Washington and the United States Congress said. "
            "The aid also supports the procurement of Iron Dome by Israel's defence forces.")
    found = defgraph.extract(text, published="2025-06-27", outlet="The White House").transfers
    assert ("country:israel", "country:usa") not in parties(found, "system:iron-dome")


def test_givers_of_separate_clauses_each_supply_only_their_own_system():
    found = read("The United States will provide Ukraine with Stryker vehicles, and Germany will provide Ukraine "
                 "with Marder vehicles.").transfers
    assert parties(found, "system:stryker") == {("country:usa", "country:ukraine")}
    assert parties(found, "system:marder") == {("country:germany", "country:ukraine")}


def test_a_deal_only_spoken_of_in_the_future_is_proposed():
    deal = only(read("Russia could deliver S-400 systems to Egypt by 2030, the minister said.").transfers,
                "system:s-400")
    assert deal.status == "proposed"


@pytest.mark.parametrize("voice, exporter, expected", [
    ("purchase", False, "purchase"),  # "India intends to procure MQ-9B drones", in a United States statement
    ("export", False, "export"), (None, False, "export"),
    ("purchase", True, "export"),  # "Armenia acquired the guns", in an article on India's own defence exports
])
def test_a_buying_word_tells_the_deal_from_the_buyers_side_unless_the_article_tells_its_own_exports(
        voice, exporter, expected):
    from defgraph.extraction.transfer_candidates import plain_deal_type

    assert plain_deal_type(voice, "country:usa", "country:india", "country:usa", exporter) == expected


def test_civil_aircraft_do_not_point_back_to_a_fighter_named_before():
    found = read("India's own Tejas fighter aircraft will fly with engines from GE, the ministry said.\n\n"
                 "Over five years, Boeing has delivered 43 new commercial aircraft to customers in India.",
                 published="2021-09-24").transfers
    assert [t for t in found if t.system == "system:hal-tejas"] == []


def test_training_pilots_on_a_system_hands_nothing_over():
    found = read("The United States will support a joint effort with partners to train Ukrainian pilots on "
                 "fourth-generation fighter aircraft, including the F-16, the adviser said.",
                 published="2023-05-21").transfers
    assert [t for t in found if t.system == "system:f-16"] == []


@pytest.mark.parametrize("text, system", [
    ("The partners welcomed a first demonstration of the Stryker in India during the joint exercise, "
     "which will deliver on their shared goals.", "system:stryker"),
    ("The United States and Australia keep delivering on the pact; the USS Kentucky paid a port visit to "
     "Perth in March.", "system:uss-kentucky"),
    ("He will also have a chance to receive a briefing on Israel's missile defences, including the "
     "American-supported Iron Dome.", "system:iron-dome"),
])
def test_showing_a_system_off_hands_nothing_over(text, system):
    assert [t for t in read(text, published="2024-09-21").transfers if t.system == system] == []


def test_an_origin_word_after_an_abbreviation_marks_a_transfer_sentence():
    read_out = read("The ministers praised how widely U.S.-origin equipment now serves in the Kenyan armed "
                    "forces, including C-130J transports and Black Hawk helicopters.")
    recipients = {(t.system, t.recipient) for t in read_out.transfers}
    assert ("system:c-130j", "country:kenya") in recipients


SURGE_REMARKS = """Remarks by President Halvorsen before departure

THE PRESIDENT: Good afternoon. The United States stands with Israel after the attacks of this week.

THE PRESIDENT: We are surging more security assistance, including interceptors to refill the Iron Dome.
"""


def test_we_in_a_turn_about_aid_gives_what_its_clause_holds(nlp, make_article):
    article = make_article(SURGE_REMARKS, title=None, published="2025-03-12", outlet="The White House")
    doc = nlp.make_doc(article.text)
    doc._.article = article
    read_out = [t for t in nlp(doc)._.transfers if "rules" in t.cues and t.system == "system:iron-dome"]
    assert [(t.supplier, t.recipient) for t in read_out] == [("country:usa", "country:israel")]


def test_a_deal_told_without_its_buyer_goes_to_the_buyer_of_the_same_system_just_before():
    text = ("Japan signed a deal with the United States on Thursday to buy 400 Tomahawk missiles. The deal covers "
            "200 Block V Tomahawk missiles and 200 Block IV missiles. Australia also plans to buy Tomahawk missiles "
            "from the United States. Australia will receive its first Tomahawk missiles in 2025, the Australian "
            "navy said.")
    transfers = read(text, published="2024-05-02").transfers
    australia = only([t for t in transfers if t.recipient == "country:australia"], "system:tomahawk")
    assert australia.quantity is None  # Japan's 200 Block V missiles are not Australia's
    assert only([t for t in transfers if t.recipient == "country:japan"], "system:tomahawk").quantity == 400


def test_aid_a_package_commits_stays_signed_beside_a_sentence_outside_the_package():
    result = read("The United States will announce a new security assistance package for Kenya this week. That "
                  "package will contain HIMARS launchers for Kenya.\n\nThe rockets we’re providing with the HIMARS "
                  "let Kenyan crews strike from further away.")
    deal = only(result.transfers, "system:himars")
    assert (deal.supplier, deal.recipient, deal.status) == ("country:usa", "country:kenya", "signed")


def test_a_country_said_to_use_an_aided_system_receives_it_and_supplies_nobody():
    text = ("The United States will announce a new security assistance package for Kenya this week. That package "
            "will include more HIMARS, which the Kenyans have been using very well to make a difference at the front.")
    deals = [t for t in read(text, published="2024-05-02").transfers if t.system == "system:himars"]
    assert deals and all(t.supplier == "country:usa" and t.recipient == "country:kenya" for t in deals)


def test_the_maker_is_no_supplier_where_countries_left_unnamed_give_the_system():
    text = ("The United States announced new aid for Ukraine on Monday. We are working with other countries to provide "
            "air defence systems like the S-300 to Ukraine, the official said.")
    assert not [t for t in defgraph.extract(text, published="2024-05-02").transfers
                if t.system == "system:s-300" and t.supplier == "country:russia"]


def test_sending_ones_own_squadrons_abroad_is_a_deployment_not_a_transfer():
    text = "The United States will send two more F-35 squadrons to Norway and station air defences in Poland."
    assert not [t for t in read(text, published="2024-05-02").transfers if t.system == "system:f-35"]


def test_making_sure_a_system_works_is_no_deal():
    text = "The president said Washington will make sure Iron Dome keeps guarding the skies over Israel."
    assert not read(text, published="2024-05-02").transfers


def test_the_country_whose_warnings_a_deal_defies_supplies_nothing():
    text = "Egypt signed a deal to buy the S-400 despite warnings from Washington, officials said on Monday."
    deal = only(read(text, published="2024-05-02").transfers, "system:s-400")
    assert (deal.supplier, deal.recipient) == ("country:russia", "country:egypt")



@pytest.mark.parametrize("text, status", [
    ("Peru agreed in 2021 to buy Leopard 2 tanks from Germany, officials said.", "signed"),
    ("Peru bought Leopard 2 tanks from Germany, officials said.", "delivered"),
])
def test_a_signing_verb_without_a_stage_word_makes_the_deal_signed(text, status):
    assert only(read(text).transfers, "system:leopard-2").status == status


@pytest.mark.parametrize("text, quantity", [
    ("The new aid package for Ukraine will include a Patriot missile battery, officials said.", 1),
    ("The United States will provide an additional Patriot air defense battery to Ukraine.", 1),
    ("Poland signed a Patriot system contract with the United States last week.", None),
])
def test_a_system_named_after_a_as_a_battery_or_system_is_one_unit(text, quantity):
    assert only(read(text).transfers, "system:patriot").quantity == quantity



def test_the_noun_sign_is_no_signing():
    result = read("Chile received F-16 jets from the United States in May, a clear sign of trust between the two "
                  "allies.", published="2024-07-09")
    deal = only(result.transfers, "system:f-16")
    assert (deal.supplier, deal.recipient, deal.status) == ("country:usa", "country:chile", "delivered")
    assert deal.order_date is None  # a delivery, not an order the sentence dates


def test_the_systems_a_package_includes_take_its_giver_stage_and_day():
    result = read("Norway has given Kenya security assistance since 2022. Today, Norway announced a further drawdown "
                  "of $90 million for Kenya. It includes Javelin missiles and other ammunition and supplies that "
                  "Kenya needs.", published="2024-03-06")
    deal = only(result.transfers, "system:javelin")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:norway", "country:kenya", "export")
    assert (deal.status, deal.order_date.iso()) == ("signed", "2024-03-06")


@pytest.mark.parametrize("text", [
    "Kenya has received Javelin missiles, and medical supplies are getting through to its hospitals.",
    "Kenya has received Javelin missiles along with supplies of ammunition.",
])
def test_supplies_as_a_noun_tells_no_stage(text):
    assert [c.label for c in find_cues("relations_transfers", "statuses", text)] == ["delivered"]


def test_supplies_as_a_verb_tells_a_delivery():
    labels = [c.label for c in find_cues("relations_transfers", "statuses", "Chile supplies the radars to Kenya.")]
    assert labels == ["delivered"]


@pytest.mark.parametrize("text", [
    "Russia showed its S-400 missiles at the parade. Chile and Peru saw the treaty signed in 1972 as the cornerstone "
    "of the international security system.",
    "Russia showed its S-400 missiles at the parade. Peru is to support the development of the financial monitoring "
    "system for the budget.",
])
def test_a_system_of_another_field_points_back_to_no_weapon(text):
    assert read(text).transfers == []


def test_a_weapon_system_named_again_by_its_kind_is_still_the_system():
    text = "Russia showed its S-400 missiles at the parade. Russia delivered the new air defence system to Chile in 2021."
    assert only(read(text).transfers, "system:s-400").recipient == "country:chile"


def test_home_aid_a_sentence_gives_to_no_one_goes_to_the_recipient_of_the_articles_aid():
    result = read("The United States will keep up its security assistance to Kenya, U.S. officials said. The President "
                  "came back from his trip to Peru on Monday.\n\nHe said the President signed a new security "
                  "assistance package, which included HIMARS ammunition and more Javelin anti-tank missiles.",
                  published="2024-03-06")
    deal = only(result.transfers, "system:javelin")
    assert (deal.supplier, deal.recipient, deal.deal_type) == ("country:usa", "country:kenya", "export")


def test_home_systems_named_beside_no_aid_or_sale_are_no_transfer():
    result = read("The United States will keep up its security assistance to Kenya. Our soldiers trained "
                  "with HIMARS launchers and Javelin missiles at home this week.", published="2024-03-06")
    assert [t for t in result.transfers if t.system in ("system:himars", "system:javelin")] == []


def test_whom_humanitarian_aid_goes_to_does_not_receive_the_home_weapons_aid():
    result = read("The United States will keep up its security assistance to Kenya, U.S. officials said. The United "
                  "States also sends humanitarian assistance to Peru. More humanitarian assistance for Peru "
                  "will follow. "
                  "The President came back from his trip.\n\nHe said the President signed a new security assistance "
                  "package, which included HIMARS ammunition and more Javelin anti-tank missiles.",
                  published="2024-03-06")
    deal = only(result.transfers, "system:javelin")
    assert (deal.supplier, deal.recipient) == ("country:usa", "country:kenya")


@pytest.mark.parametrize("text, name, threat", [
    ("The $60 million buys Javelins for crews who are in a long fight every week against the Russian military.",
     "Russian military", True),
    ("Georgian brigades have held out for months against the Russian army with the Javelins we sent.",
     "Russian army", True),
    ("The United States will sell Javelins to Georgia and train its crews against armour.", "Georgia", False),
])
def test_a_country_fought_against_is_the_threat_whatever_the_parse_hangs_against_on(nlp, text, name, threat):
    doc = nlp(text)
    start = text.index(name)
    assert named_as_threat(doc.char_span(start, start + len(name))) is threat


def test_home_aid_that_also_tells_of_delivery_by_allies_gives_its_systems_to_no_one():
    result = read("The United States will keep up its security assistance to Kenya, officials said.\n\nOur own "
                  "shipments continue, and we also arrange the supply of Javelin launchers by partners whose stocks "
                  "are closer.", published="2024-03-06")
    assert [t for t in result.transfers if t.system == "system:javelin"] == []


def test_a_system_a_country_gave_before_is_a_done_deal_beside_the_new_one():
    result = read("Norway announced a new military aid package for Estonia on Tuesday. The package includes spare "
                  "barrels for Norwegian-supplied CV90 combat vehicles and more rifles.")
    deals = sorted((t.supplier, t.recipient, t.status) for t in result.transfers if t.system == "system:cv90")
    assert deals == [("country:norway", "country:estonia", "delivered"), ("country:norway", "country:estonia", "signed")]


def test_a_system_a_country_gave_before_told_alone_is_one_deal():
    result = read("Estonian crews fired the Norwegian-supplied CV90 combat vehicles in an exercise on Tuesday.")
    deals = [(t.supplier, t.recipient, t.status) for t in result.transfers if t.system == "system:cv90"]
    assert deals == [("country:norway", "country:estonia", "delivered")]


def test_what_a_journalists_question_states_is_read_apart():
    result = read("MODERATOR: Next question.\n\n"
                  "Q Thanks. Portugal is going to supply Leopard 2 tanks to Moldova, its minister said. Will Spain follow?\n\n"
                  "MS. ALVES: We watch that closely. Spain operates the Leopard 2 already.")
    deals = {(t.supplier, t.recipient, t.system) for t in result.transfers}
    assert ("country:portugal", "country:moldova", "system:leopard-2") in deals
    assert not any(t.recipient == "country:spain" and t.supplier == "country:portugal" for t in result.transfers)


def test_a_question_itself_is_no_deal():
    result = read("MODERATOR: Next question.\n\nQ Will Portugal supply Leopard 2 tanks to Moldova?\n\n"
                  "MS. ALVES: I will not speculate.")
    assert not result.transfers
