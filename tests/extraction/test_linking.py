"""The linking component and mentions.py: one entity per real thing, cheap lookups by span.

Every sentence is our own; the pipeline is the session's (``nlp`` fixture), run up to linking.
"""
from __future__ import annotations

import pytest

from defgraph.extraction.linking_items import initials
from defgraph.extraction.mentions import add_mention, entity_at, entity_by_id, mentions_in
from defgraph.extraction.pipeline import COMPONENTS
from defgraph.model import Article, Mention

NAMES = [name for name, _, _ in COMPONENTS]
AFTER_LINKING = NAMES[NAMES.index("defgraph_linking") + 1:]


@pytest.fixture(scope="module")
def parse(nlp):
    """Text → the Doc after linking (the components after it do not run)."""

    def run(text: str):
        doc = nlp.make_doc(text)
        doc._.article = Article(text=text)
        return nlp(doc, disable=AFTER_LINKING)

    return run


def by_name(doc) -> dict:
    return {e.name: e for e in doc._.entities}


def forms(entity) -> set[str]:
    return {m.text for m in entity.mentions}


def test_short_name_joins_the_full_name(parse):
    doc = parse("Russian Ambassador Denis Alipov said the deliveries were on time. Alipov added that "
                "the remaining units would follow.")
    people = [e for e in doc._.entities if e.type == "Person"]
    assert len(people) == 1
    assert people[0].id == "person:denis-alipov"
    assert forms(people[0]) == {"Denis Alipov", "Alipov"}


@pytest.mark.parametrize("text, surname, owner, other", [
    ("Defence Minister Rajnath Singh chaired the meeting. Defence Secretary Rajesh Kumar Singh "
     "briefed the committee. Singh said the file was ready.",
     "Singh", "Rajesh Kumar Singh", "Rajnath Singh"),  # the nearest full name
    ("Minister Elena Varga opened the plant. Her brother Tomas Varga runs the supplier. "
     "Later Minister Varga signed the contract.",
     "Varga", "Elena Varga", "Tomas Varga"),  # the titled full name
    ("First Lady Jill Biden toured the shipyard in the morning. Joe Biden arrived at noon. "
     "Later President Biden thanked the welders.",
     "Biden", "Joe Biden", "Jill Biden"),  # the well-known person, not a titled relative
])
def test_a_shared_surname_goes_to_one_full_name(parse, text, surname, owner, other):
    people = by_name(parse(text))
    assert surname in forms(people[owner])
    assert surname not in forms(people[other])


def test_a_well_known_surname_stays_apart_from_a_relative_named_alone(parse):
    doc = parse("Reporters asked about Hunter Biden and the hearing. President Biden declined to comment, "
                "and Biden left for Delaware.")
    people = by_name(doc)
    assert forms(people["Hunter Biden"]) == {"Hunter Biden"}


def test_a_well_known_surname_under_the_same_title_joins_another_person(parse):
    doc = parse("Senator Dan Sullivan questioned the budget request. Senator Sullivan then pressed the admiral.")
    assert "Sullivan" in forms(by_name(doc)["Dan Sullivan"])


def test_a_well_known_surname_joins_the_well_known_person_under_a_familiar_given_name(parse):
    doc = parse("Tony Blinken met the delegation. Later Secretary Blinken said the talks went well.")
    assert "Blinken" in forms(by_name(doc)["Tony Blinken"])


def test_a_well_known_given_name_joins_the_bare_surname_it_belongs_to(parse):
    doc = parse("Prime Minister Johnson welcomed the delegation in London. Later Boris told reporters that the "
                "frigates would sail in spring.")
    people = [e for e in doc._.entities if e.type == "Person"]
    assert len(people) == 1
    assert people[0].name == "Boris Johnson" and forms(people[0]) == {"Johnson", "Boris"}


def test_a_press_secretary_greeted_by_given_name_joins_the_surname_of_her_label(parse):
    doc = parse("MS. JEAN-PIERRE: Go ahead.\n\nQ Thanks, Karine. Will the frigates sail in spring?\n\n"
                "MS. JEAN-PIERRE: I have nothing to add on that.")
    people = [e for e in doc._.entities if e.type == "Person"]
    assert len(people) == 1
    assert people[0].name == "Karine Jean-Pierre" and forms(people[0]) == {"JEAN-PIERRE", "Karine"}


def test_a_given_name_stays_apart_when_the_surname_is_another_persons(parse):
    doc = parse("Chancellor Kohl welcomed the delegation in Bonn. Later Boris told reporters that the "
                "frigates would sail in spring.")
    assert "Boris" not in forms(by_name(doc)["Kohl"])


def test_a_familiar_given_name_joins_the_full_name_its_paragraph_gave_before(parse):
    doc = parse("Major Elizabeth Marrow is from Harrow and is placed at the Ruritanian Embassy. Liz is a helicopter "
                "pilot. Most recently, Liz was an adviser to a brigade.\n\nThe fellows start in September.")
    people = [e for e in doc._.entities if e.type == "Person"]
    assert len(people) == 1
    assert forms(people[0]) == {"Elizabeth Marrow", "Liz"}


def test_a_familiar_given_name_taken_for_a_place_joins_the_full_name_before_it():
    from defgraph.extraction.linking import Linker
    from defgraph.extraction.linking_items import Item

    text = "Nicholas Harlan is from Harrow. Since then, Nick has served twice abroad."
    start = text.index("Nick ")
    items = [Item(Mention(0, 15, "Nicholas Harlan", "name"), "Person", "person:nicholas-harlan", False),
             Item(Mention(24, 30, "Harrow", "name"), "Location", "place:harrow", False),
             Item(Mention(start, start + 4, "Nick", "name"), "Location", "place:nick", False)]
    Linker().link_familiar_given_names(items, text)
    assert (items[2].id, items[2].type) == ("person:nicholas-harlan", "Person")
    assert items[1].id == "place:harrow"


@pytest.mark.parametrize("text", [
    "Q Thanks, Liz. Will the frigates sail in spring?\n\nThe yard was named after Elizabeth Marrow, a shipwright.",
    "I thank Elizabeth Marrow, Paula Harlan and Liz for the work they did on the frigates."])
def test_a_familiar_given_name_stays_apart_from_a_full_name_not_named_last_in_its_paragraph(parse, text):
    assert "Liz" not in forms(by_name(parse(text))["Elizabeth Marrow"])


def test_bracketed_acronym_joins_its_expansion(parse):
    doc = parse("Orvana Precision Castings Private Limited (OPCPL) will make the parts. OPCPL said work "
                "starts in May.")
    organisations = [e for e in doc._.entities if e.type == "Organization"]
    assert len(organisations) == 1
    assert forms(organisations[0]) == {"Orvana Precision Castings Private Limited", "OPCPL"}
    assert organisations[0].name == "Orvana Precision Castings Private Limited"


def test_unbracketed_acronym_joins_the_name_with_those_initials():
    assert initials("Advanced Weapons and Equipment India Limited") == "AWEIL"
    assert initials("Indo-Russia Rifles Private Limited") == "IRRPL"


def test_an_acronym_that_keeps_the_of_joins_its_department(parse):
    doc = parse("The Department of Justice and the Department of Labor will lead the review. DOJ said it "
                "would act, and DOL confirmed the date.")
    organisations = {frozenset(forms(e)) for e in doc._.entities if e.type == "Organization"}
    assert organisations == {frozenset({"Department of Justice", "DOJ"}), frozenset({"Department of Labor", "DOL"})}
    assert initials("Department of Defense", skip={"the"}) == "DOD"


def test_demonym_capital_and_name_are_one_country(parse):
    doc = parse("Russia has assured India of timely supplies. Moscow remains the largest supplier, "
                "Russian officials said.")
    russia = entity_by_id(doc, "country:russia")
    assert forms(russia) == {"Russia", "Moscow", "Russian"}
    assert sum(e.type == "Country" for e in doc._.entities) == 2


def test_variant_spellings_are_one_catalogue_system(parse):
    doc = parse("The Su-30 MKI upgrade was discussed. HAL has built most Su-30MKI jets under licence.")
    systems = [e for e in doc._.entities if e.type == "WeaponSystem"]
    assert len(systems) == 1 and systems[0].in_catalogue
    assert forms(systems[0]) == {"Su-30 MKI", "Su-30MKI"}


def test_a_command_its_acronym_with_the_country_prefix_and_a_coalition_are_catalogue_bodies(parse):
    doc = parse("USCENTCOM said the strikes hit two depots. U.S. Central Command added that the Global "
                "Coalition to Defeat ISIS had flown eleven sorties.")
    bodies = {e.id: forms(e) for e in doc._.entities if e.type == "Organization"}
    assert bodies["org:centcom"] == {"USCENTCOM", "U.S. Central Command"}
    assert "org:global-coalition-isis" in bodies


def test_a_generic_ministry_joins_the_named_countrys(parse):
    doc = parse("An Indian defence ministry official said the contract was close. The defence ministry "
                "later declined to comment.")
    ministries = [e for e in doc._.entities if e.type == "Organization"]
    assert len(ministries) == 1
    assert ministries[0].name == "Ministry of Defence (India)"


def test_a_bare_army_joins_the_named_army(parse):
    doc = parse("The Armenian Army received the rifles. The Army will field them next year.")
    armies = [e for e in doc._.entities if e.type == "Organization"]
    assert len(armies) == 1


def test_a_bare_army_keeps_the_owner_it_joined(parse):
    doc = parse("The Armenian Army trained with the Georgian Army in May. The Army will field the rifles soon. "
                "Officers of the Army of Moldova watched. The Army praised the drills.")
    armies = {e.id: forms(e) for e in doc._.entities if e.type == "Organization"}
    assert len(armies) == 3
    assert {"Georgian Army", "Army"} in armies.values()


def test_unseen_system_mentioned_bare_later_is_one_entity(parse):
    doc = parse("The deal covers Vartan armoured vehicles. The first Vartan will arrive in June.")
    systems = [e for e in doc._.entities if e.type == "WeaponSystem"]
    assert len(systems) == 1
    assert systems[0].id == "system:vartan"
    assert forms(systems[0]) == {"Vartan armoured vehicles", "Vartan"}


def test_ids_are_stable_across_documents(parse):
    first = parse("Envoy Denis Alipov met the press.")
    second = parse("The statement was issued by Denis Alipov on Friday.")
    assert entity_by_id(first, "person:denis-alipov") is not None
    assert entity_by_id(second, "person:denis-alipov") is not None


def test_name_pairs_are_not_organisations(parse):
    doc = parse("Rajnath Singh met Andrey Belousov. After the Singh-Belousov talks, officials spoke.")
    assert not any(e.type == "Organization" for e in doc._.entities)


def test_mention_lookups(parse):
    text = "Denis Alipov said Russia would deliver the S-400 on time."
    doc = parse(text)
    start = text.index("Russia")
    assert entity_at(doc, start, start + len("Russia")).id == "country:russia"
    assert entity_at(doc, 0, 5).id == "person:denis-alipov"  # inside the mention "Denis Alipov"
    assert entity_at(doc, text.index("deliver"), text.index("deliver") + 7) is None
    found = mentions_in(doc, 0, len(text))
    assert [m.text for m, _ in found] == ["Denis Alipov", "Russia", "S-400"]
    assert [e.id for _, e in found][-1] == "system:s-400"


def test_add_mention_attaches_and_indexes(parse):
    text = "Denis Alipov spoke first. The envoy said the schedule holds."
    doc = parse(text)
    start = text.index("The envoy")
    add_mention(doc, "person:denis-alipov", Mention(start, start + 9, "The envoy", "office"))
    assert entity_at(doc, start, start + 9).id == "person:denis-alipov"
    assert [m.text for m in entity_by_id(doc, "person:denis-alipov").mentions] == ["Denis Alipov", "The envoy"]


def test_the_outlet_and_credited_agencies_are_organisations(nlp):
    text = "Officials said the frigate would be commissioned next month."
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text, outlet="Harbour Ledger", agencies=["AFP"])
    doc = nlp(doc, disable=AFTER_LINKING)
    sources = {e.id: e for e in doc._.entities if e.type == "Organization"}
    assert set(sources) == {"org:harbour-ledger", "org:agence-france-presse"}  # AFP the agency, not the army
    assert sources["org:harbour-ledger"].name == "Harbour Ledger"


def _entity_with(doc, text: str):
    return [e for e in doc._.entities if text in forms(e)]


def test_a_short_form_joins_the_organisation_it_ends_or_opens(parse):
    doc = parse("The Ruritanian-Osterlich Alliance met in March. Officials said the Alliance would grow. "
                "A Working Group on Drone Exports was set up, and the Working Group reports in June.")
    alliance = _entity_with(doc, "Ruritanian-Osterlich Alliance")
    assert len(alliance) == 1 and "Alliance" in forms(alliance[0])
    group = _entity_with(doc, "Working Group on Drone Exports")
    assert len(group) == 1 and "Working Group" in forms(group[0])


def test_a_short_form_said_twice_joins_one_body_not_a_chain_of_them(parse):
    doc = parse("The Board of Visitors to the Kestrel Naval Academy met in May, and the Board of Visitors praised "
                "its staff. The Board of Visitors to the Harrow Military Academy met in June, and the Board of "
                "Visitors agreed.")
    naval = _entity_with(doc, "Board of Visitors to the Kestrel Naval Academy")
    military = _entity_with(doc, "Board of Visitors to the Harrow Military Academy")
    assert len(naval) == 1 and len(military) == 1 and naval[0].id != military[0].id

def test_one_organisation_written_with_and_without_its_country_or_in_another_order(parse):
    doc = parse("The Department of Commerce opened an inquiry, which the Commerce Department widened in May, "
                "and the United States Coast Guard and the US Coast Guard crews stood by.")
    commerce = _entity_with(doc, "Department of Commerce")
    assert len(commerce) == 1 and "Commerce Department" in forms(commerce[0])
    guard = _entity_with(doc, "United States Coast Guard")
    assert len(guard) == 1 and "US Coast Guard" in forms(guard[0])


def test_organisations_of_two_countries_stay_apart(parse):
    doc = parse("The Ruritanian Armed Forces and the Osterlich Armed Forces held drills while the Armed Forces "
                "of both kept watch.")
    ids = {e.id for e in doc._.entities if e.type == "Organization" and any("Armed Forces" in f for f in forms(e))}
    assert len(ids) >= 2


def test_familiar_given_names_and_arabic_articles_join_the_full_name(parse):
    doc = parse("Joseph R. Kestrel signed the order. Later Joe Kestrel told reporters that Hassan al-Tamimi "
                "had agreed, and Tamimi confirmed it.")
    kestrel = _entity_with(doc, "Joseph R. Kestrel")
    assert len(kestrel) == 1 and "Joe Kestrel" in forms(kestrel[0])
    tamimi = _entity_with(doc, "Hassan al-Tamimi")
    assert len(tamimi) == 1 and "Tamimi" in forms(tamimi[0])


def test_one_form_is_one_entity(parse):
    doc = parse("The Kestrel Development Fund (KDF) pays for the work. KDF staff said KDF grants would double.")
    assert len({e.id for e in doc._.entities if "KDF" in forms(e)}) == 1


def test_a_ship_with_and_without_its_prefix_is_one(parse):
    doc = parse("The Navy commissioned INS Kestrel on Monday. The submarine Kestrel will join the fleet in May.")
    assert len({e.id for e in doc._.entities if e.type == "WeaponSystem"}) == 1


def test_a_short_form_joins_the_catalogue_name_of_an_organisation_named_by_its_acronym(parse):
    doc = parse("NATO defence ministers met in Brussels on Monday. The Alliance agreed to send more "
                "air defence units to its eastern members.")
    nato = _entity_with(doc, "NATO")
    assert len(nato) == 1 and "Alliance" in forms(nato[0])


def test_a_longer_form_ending_on_a_company_word_is_the_organisation_named_bare(parse):
    doc = parse("The Kestrel Bank lent the shipyard 40 million euros. A spokesman for the Kestrel Bank Group "
                "said the loan was the largest it had made.")
    bank = _entity_with(doc, "Kestrel Bank")
    assert len(bank) == 1 and "Kestrel Bank Group" in forms(bank[0])


def test_a_ministry_named_by_two_portfolios_joins_its_short_name(parse):
    doc = parse("Russia's Ministry of Industry and Trade will fund the plant, the Industry Ministry said on Friday.")
    ids = {e.id for e in doc._.entities if e.type == "Organization"}
    assert len(ids) == 1


@pytest.mark.parametrize("text, name, form", [
    ("The U.S. Trade and Development Agency will fund the study.",
     "Trade and Development Agency", "U.S. Trade and Development Agency"),
    ("Officials of the Indian Department of Science and Technology met on Monday.",
     "Department of Science and Technology", "Indian Department of Science and Technology"),
])
def test_an_agency_is_named_without_the_country_before_it(parse, text, name, form):
    entity = by_name(parse(text))[name]
    assert form in forms(entity)


@pytest.mark.parametrize("text, name", [
    ("Cadets of the Indian Institute of Technology visited the plant.", "Indian Institute of Technology"),
    ("Officers of the Egyptian Air Defense Forces watched the test.", "Egyptian Air Defense Forces"),
])
def test_a_name_the_country_opens_keeps_it(parse, text, name):
    assert name in by_name(parse(text))


def test_coordinated_departments_are_each_a_department(parse):
    names = by_name(parse("The Departments of Labor and the Treasury will publish the rules. "
                          "The Department of Labor said more would follow."))
    assert forms(names["Department of Labor"]) == {"Departments of Labor", "Department of Labor"}
    assert forms(names["Department of the Treasury"]) == {"Treasury"}
    assert not any("and" in name for name in names)


def test_an_organisations_state_corporation_form_is_the_organisation(parse):
    names = by_name(parse("Engineers of the Rosatom State Nuclear Power Corporation arrived."))
    assert "Rosatom State Nuclear Power Corporation" in forms(names["Rosatom"])


def test_a_class_the_catalogue_knows_keeps_its_class_word(parse):
    entity = next(e for e in parse("The yard will build two more Virginia class submarines.")._.entities
                  if e.type == "WeaponSystem")
    assert entity.id == "system:virginia-class" and forms(entity) == {"Virginia class"}


def test_names_sharing_a_plural_head_are_each_named_with_it(parse):
    names = by_name(parse("Crews of the Baltic, Northern and Black Sea Fleets sailed past. "
                          "Parts are kept for the Ohio and Seawolf classes."))
    assert {"Baltic Fleet", "Northern Fleet", "Black Sea Fleet", "Ohio-class", "Seawolf-class"} <= set(names)
    assert names["Black Sea Fleet"].type == "Organization" and names["Ohio-class"].type == "WeaponSystem"


@pytest.mark.parametrize("text, name, acronym", [
    ("The grant doubles the Caldera Mining Institute’s (CALMIN’s) budget for the new laboratory. "
     "CALMIN will open the laboratory next year.", "Caldera Mining Institute", "CALMIN"),  # after a possessive
    ("The U.S. Marine Survey Agency will map the reef this summer. Officials at MSA said the boats were ready.",
     "U.S. Marine Survey Agency", "MSA"),  # a body named with its country first
    ("The U.S. Coast Guard (USCG) sent two cutters to the strait. USCG crews will train local sailors.",
     "U.S. Coast Guard", "USCG"),  # an armed service keeps its acronym
])
def test_an_acronym_joins_the_body_it_stands_for(parse, text, name, acronym):
    body = next(e for e in parse(text)._.entities if name in forms(e))
    assert acronym in forms(body)


def test_a_headline_name_stays_when_the_turn_labels_use_its_surname(parse):
    doc = parse("Press Briefing by Press Secretary Mara Quellenby on the Harbour Talks\n\n"
                "MS. QUELLENBY: Good afternoon, everybody. I have two announcements today.\n\n"
                "Q Thank you. Will the talks resume on Monday?\n\n"
                "MS. QUELLENBY: They will, and we expect a statement afterwards.\n")
    people = [e for e in doc._.entities if e.type == "Person"]
    assert [e.name for e in people] == ["Mara Quellenby"]


@pytest.mark.parametrize("text, person_id, name", [
    # NER reads "Jane Q. Holt Secures" as one person: it is the body's Jane Q. Holt
    ("President Jane Q. Holt Secures Historic Investment Commitments\n\n"
     "Today, President Jane Q. Holt announced new commitments from Norway. President Holt has promised to "
     "rebuild the shipyards, and Jane Q. Holt welcomed the investment.", "person:jane-q-holt", "Jane Q. Holt"),
    # a one-word body name, and after it in the headline a verb the body uses ("announced")
    ("President Holt Announces New Harbour Commissioners\n\n"
     "Today, President Holt announced four commissioners for the harbour board. Holt thanked the outgoing board.",
     "person:holt", "Holt"),
    # a headline giving the full name the body shortens: the body's Tan keeps the full name's id
    ("Remarks by President Holt and Prime Minister Tan Wei Ming of Singapore\n\n"
     "PRESIDENT HOLT: I welcome Prime Minister Tan to the White House. Tan and I spoke about shipping.",
     "person:tan-wei-ming", "Tan"),
    # a surname ending in "s" after a given name the body uses alone is no verb
    ("Press Gaggle by Deputy Press Secretary Lena Coates En Route Denver\n\n"
     "MS. COATES: Hi, everyone. Two things before we land.\n\n"
     "Q Thanks, Lena. Will the harbour talks resume on Monday?\n\n"
     "MS. COATES: They will.\n", "person:lena-coates", "Lena Coates"),
])
def test_a_headline_name_running_into_the_verb_is_the_body_person(parse, text, person_id, name):
    people = [e for e in parse(text)._.entities if e.type == "Person" and name in forms(e)]
    assert [(e.id, e.name) for e in people] == [(person_id, name)]


@pytest.mark.parametrize("text, name, bare", [
    ("The grant went to Corvallen University in Ohio. Researchers from Corvallen and MIT will share the data.",
     "Corvallen University", "Corvallen"),
    ("She was a consultant at Harlow and Company where she advised ports. A spokesman for Harlow confirmed her "
     "move.", "Harlow and Company", "Harlow"),
])
def test_a_university_or_a_firm_named_bare_is_one_organisation(parse, text, name, bare):
    organisation = next(e for e in parse(text)._.entities if name in forms(e))
    assert bare in forms(organisation)



def test_a_familiar_name_of_a_body_is_the_catalogue_body():
    from defgraph.extraction.linking import Linker
    from defgraph.extraction.linking_items import Item

    text = "Lindqvist briefed members on the Hill. Ask Olsen from The Hill. Ask Mr. Hill."
    items = [Item(Mention(start, start + 4, "Hill", "name"), kind, f"{kind[:3].lower()}:hill", False)
             for start, kind in ((text.index("the Hill") + 4, "Organization"),
                                 (text.index("The Hill") + 4, "Organization"), (text.index("Mr. Hill") + 4, "Person"))]
    Linker().link_nicknames(text, items)
    assert [(item.id, item.in_catalogue) for item in items] == [
        ("org:us-congress", True), ("org:hill", False), ("per:hill", False)]


def test_the_fed_is_the_catalogue_federal_reserve(parse):
    doc = parse("Reporters asked whether the Federal Reserve would act. Mr. Lindqvist said the Fed is independent.")
    reserve = [e for e in doc._.entities if e.id == "org:federal-reserve"]
    assert len(reserve) == 1 and forms(reserve[0]) >= {"Federal Reserve", "Fed"}


def test_a_name_that_opens_a_body_named_in_full_is_that_body(parse):
    doc = parse("Judge Lindqvist served on the Eighth Circuit Court of Appeals for a decade. The Eighth Circuit "
                "later upheld the ruling.")
    court = next(e for e in doc._.entities if "Eighth Circuit Court of Appeals" in forms(e))
    assert "Eighth Circuit" in forms(court)


def test_a_university_opens_the_name_of_its_school():
    from defgraph.extraction.linking import Linker
    from defgraph.extraction.linking_items import Item

    names = [("Kestrel University School of Law", "org:kestrel-university-school-of-law"), ("Kestrel", "org:kestrel"),
             ("Harrow Corps Memorial", "org:harrow-corps-memorial"), ("Harrow", "org:harrow")]
    items = [Item(Mention(i * 40, i * 40 + len(text), text, "name"), "Organization", entity_id, False)
             for i, (text, entity_id) in enumerate(names)]
    Linker().link_short_forms(items)
    assert [item.id for item in items] == [
        "org:kestrel-university-school-of-law", "org:kestrel-university-school-of-law",
        "org:harrow-corps-memorial", "org:harrow"]  # a memorial is no body's head


def test_a_body_with_its_own_head_is_no_short_form_of_a_longer_body(parse):
    doc = parse("Cadets at the Air Force Academy met the crews. The Air Force said the jets were ready.")
    academy = next(e for e in doc._.entities if "Air Force Academy" in forms(e))
    assert "Air Force" not in forms(academy)


def test_a_surname_misspelt_once_joins_the_person_named_right():
    from defgraph.extraction.linking import Linker
    from defgraph.extraction.linking_items import Item

    names = [("Ivar Lindqvist", "person:ivar-lindqvist"), ("Lindqvist", "person:ivar-lindqvist"),
             ("Lindqvost", "person:lindqvost"), ("Ana Lindqvista", "person:ana-lindqvista"),
             ("Lindqvista", "person:ana-lindqvista"), ("Lindqvesta", "person:lindqvesta"),
             ("Lindqvaxt", "person:lindqvaxt")]
    items = [Item(Mention(i * 20, i * 20 + len(text), text, "name"), "Person", entity_id, False)
             for i, (text, entity_id) in enumerate(names)]
    Linker().link_misspelt_surnames(items)
    assert [item.id for item in items][2:] == [
        "person:ivar-lindqvist", "person:ana-lindqvista", "person:ana-lindqvista", "person:ana-lindqvista",
        "person:lindqvaxt"]  # two letters off stays apart


def test_a_bare_service_no_owner_was_named_for_joins_the_name_it_ends():
    from defgraph.extraction.linking import Linker
    from defgraph.extraction.linking_items import Item

    names = [("Global Coalition to Counter Piracy", "org:global-coalition-to-counter-piracy"),
             ("Coalition", "org:usa-coalition"), ("Harrow Volunteer Army", "org:harrow-volunteer-army"),
             ("Army", "org:usa-army")]
    items = [Item(Mention(i * 40, i * 40 + len(text), text, "name"), "Organization", entity_id, False)
             for i, (text, entity_id) in enumerate(names)]
    Linker().link_short_forms(items, unowned={"org:usa-coalition", "org:usa-army"})
    assert [item.id for item in items] == [
        "org:global-coalition-to-counter-piracy", "org:global-coalition-to-counter-piracy",
        "org:harrow-volunteer-army", "org:harrow-volunteer-army"]


@pytest.mark.parametrize("whole", ["Headquarters Kestrel Air Force", "Air Force for Kestrel Installations",
                                   "Department of the Air Force", "Secretary of the Air Force",
                                   "Aboard Air Force"])
def test_a_bare_service_joins_no_headquarters_office_or_title(whole):
    from defgraph.extraction.linking import Linker
    from defgraph.extraction.linking_items import Item

    items = [Item(Mention(0, len(whole), whole, "name"), "Organization", "org:whole", False),
             Item(Mention(60, 69, "Air Force", "name"), "Organization", "org:usa-air-force", False)]
    Linker().link_short_forms(items, unowned={"org:usa-air-force"})
    assert items[1].id == "org:usa-air-force"


def test_a_bare_service_with_a_named_owner_keeps_it(parse):
    doc = parse("The Armenian Army received the rifles. The Harrow Volunteer Army watched. The Army will field "
                "them next year.")
    armenian = next(e for e in doc._.entities if "Armenian Army" in forms(e))
    assert "Army" in forms(armenian)


@pytest.mark.parametrize("text, tail, cut_short", [
    ("Ruritania joined the Open Harbour Coalition in June.", "Coalition", True),
    ("Ruritania joined the Coalition in June.", "Coalition", False),
    ("The Coalition met in June.", "Coalition", False),
    ("Units of the 41st Army moved.", "Army", False),
    ("She flew on Air Force Seven to Harrow.", "Air Force", True),
    ("The Army, Navy and Air Force paraded.", "Army", False)])
def test_a_service_beside_a_capitalised_word_is_a_name_cut_short(text, tail, cut_short):
    from defgraph.extraction.linking import _inside_a_longer_name

    start = text.index(tail)
    assert _inside_a_longer_name(text, Mention(start, start + len(tail), tail, "name")) is cut_short


def test_two_people_sharing_a_surname_stay_two(parse):
    doc = parse("President Harold Vantongeren opened the summit on Monday.\n\nFirst Lady Mirela Vantongeren sent a "
                "note of condolence to the families.\n\nVantongeren said relief would continue.")
    people = [e for e in doc._.entities if e.type == "Person"]
    harold = next(e for e in people if "Harold Vantongeren" in forms(e))
    mirela = next(e for e in people if "Mirela Vantongeren" in forms(e))
    assert harold.id != mirela.id
    assert "Vantongeren" not in forms(mirela)  # the bare surname is the titled president's


def test_given_name_variants_are_not_different_people():
    from defgraph.extraction.linking import Linker
    from defgraph.extraction.linking_items import Item

    items = [Item(Mention(0, 18, "Joseph R. Kestrel", "name"), "Person", "person:a", False),
             Item(Mention(30, 41, "Joe Kestrel", "name"), "Person", "person:b", False),
             Item(Mention(50, 61, "Ann Kestrel", "name"), "Person", "person:c", False),
             Item(Mention(70, 82, "Bibi Kestrel", "name"), "Person", "person:d", False),
             Item(Mention(90, 106, "Benjamin Kestrel", "name"), "Person", "person:e", False)]
    linker = Linker()
    assert not linker.different_people(items, {"person:a", "person:b"})
    assert not linker.different_people(items, {"person:d", "person:e"})  # a familiar form of the given name
    assert linker.different_people(items, {"person:a", "person:c"})


def test_a_lone_name_read_as_a_place_is_the_person_a_title_names_elsewhere(parse):
    doc = parse("I had a very good, long meeting with Zelenskyy, who ended up being very happy. Later President "
                "Zelenskyy thanked the Congress for its support.")
    people = [e for e in doc._.entities if e.type == "Person"]
    assert [forms(e) for e in people] == [{"Zelenskyy"}] and len(people[0].mentions) == 2
    assert not [e for e in doc._.entities if e.type == "Location"]


@pytest.mark.parametrize("text, person, short", [
    ("Mike Johnson spoke to reporters on Monday. Later Speaker Johnson said the House would vote on the bill.",
     "Mike Johnson", "Johnson"),  # shares a surname with a listed leader, is no relative of his
    ("Vladimir Zelensky arrived in Paris. President Zelensky then met the ministers.",
     "Vladimir Zelensky", "Zelensky"),  # a listed leader's name spelt from another alphabet
])
def test_a_listed_leaders_surname_under_a_title_joins_the_one_full_name_of_another_family(parse, text, person, short):
    assert short in forms(by_name(parse(text))[person])


def test_a_lettered_designation_in_the_plural_joins_the_singular(parse):
    doc = parse("Norway plans to buy six K-9A drones from Kestrel Aerospace. The K-9As will patrol the coast.")
    systems = [e for e in doc._.entities if e.type == "WeaponSystem"]
    assert [forms(e) for e in systems] == [{"K-9A", "K-9As"}]
