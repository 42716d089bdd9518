"""The entities component: catalogue matches, shape rules and cleaned NER, typed.

Every sentence is our own; the pipeline is the session's (``nlp`` fixture), run up to linking.
"""
from __future__ import annotations

import pytest

from defgraph.confidence import default_thresholds
from defgraph.model import Entity

@pytest.fixture(scope="module")
def read(entities_through):
    """Text → the linked entities (the components after linking do not run)."""
    return entities_through("defgraph_linking")


def typed(entities: list[Entity], entity_type: str) -> set[str]:
    return {m.text for e in entities if e.type == entity_type for m in e.mentions}


def test_catalogue_countries_and_demonyms(read):
    entities = read("Russian officials said India would receive the last two squadrons next year.")
    countries = {e.id: e for e in entities if e.type == "Country"}
    assert set(countries) == {"country:russia", "country:india"}
    assert countries["country:russia"].mentions[0].kind == "demonym"


@pytest.mark.parametrize("text", [
    "ANKARA, March 3 - Turkey will take a second S-400 battery next year, a minister said.",
    "CAIRO, June 14 – Egypt has signed for more Rafale jets, the ministry said.",
])
def test_a_country_after_a_datelines_dash_is_no_part_of_the_date(read, text):
    assert typed(read(text), "Country") == {text.split(" - ")[-1].split(" – ")[-1].split()[0]}


def test_a_month_named_like_a_catalogue_entry_is_still_no_entity(read):
    assert typed(read("The exercise ended in May, two weeks after it began on April 20."), "WeaponSystem") == set()


@pytest.mark.parametrize("text, as_state", [
    ("Moscow has warned that any delay would hurt ties, officials said.", True),
    ("Washington warned that the purchase could draw sanctions.", True),
    ("The two ministers held talks in Moscow on Tuesday.", False),
])
def test_capital_for_its_state_or_as_a_place(read, text, as_state):
    entities = read(text)
    capital = "Moscow" if "Moscow" in text else "Washington"
    assert (capital in typed(entities, "Country")) is as_state
    assert (capital in typed(entities, "Location")) is not as_state


@pytest.mark.parametrize("designation", ["Su-57", "J-10C", "PL-15", "MQ-9B", "Ka-226T", "F414", "Zx-12K"])
def test_designations_are_weapon_systems(read, designation):
    entities = read(f"The air force is weighing the {designation} after last month's trials.")
    assert designation in typed(entities, "WeaponSystem")


@pytest.mark.parametrize("text", [
    "The COVID-19 pandemic delayed the G20 summit and the 2+2 dialogue in 2021.",
    "The army wants more tanks, an aircraft carrier and the missile it tested.",
])
def test_no_weapon_systems_in_lookalikes_and_generic_words(read, text):
    assert typed(read(text), "WeaponSystem") == set()


@pytest.mark.parametrize("phrase, name", [
    ("Kamov helicopters", "Kamov"),
    ("Orlik armoured vehicles", "Orlik"),
    ("Vartan multi-barrel rocket launchers", "Vartan"),
])
def test_name_before_a_system_noun(read, phrase, name):
    entities = read(f"The deal covers {phrase} and spare parts.")
    systems = [e for e in entities if e.type == "WeaponSystem"]
    assert [e.name for e in systems] == [name]
    assert phrase in typed(entities, "WeaponSystem")


def test_catalogue_system_before_a_system_noun_is_named_by_its_name(read):
    entities = read("The deal covers Stryker armoured vehicles and spare parts.")
    (stryker,) = [e for e in entities if e.type == "WeaponSystem"]
    assert stryker.in_catalogue and [m.text for m in stryker.mentions] == ["Stryker"]


def test_rafale_marine_is_not_split_into_a_new_system(read):
    entities = read("The navy ordered Rafale Marine fighter jets for its carrier.")
    assert "Marine fighter jets" not in typed(entities, "WeaponSystem")


@pytest.mark.parametrize("text, organisation", [
    ("The Defence Ministry did not comment on the report.", "Defence Ministry"),
    ("An official of the foreign ministry declined to comment.", "foreign ministry"),
    ("The Department of National Defense signed the contract.", "Department of National Defense"),
    ("Orvana Precision Castings Private Limited will build the parts.",
     "Orvana Precision Castings Private Limited"),
    ("The Russian embassy in New Delhi issued a statement.", "Russian embassy"),
])
def test_organisations_the_catalogue_does_not_have(read, text, organisation):
    assert organisation in typed(read(text), "Organization")


@pytest.mark.parametrize("text, organisation", [
    ("Ministers opened the U.S.-Norway Arctic Shipping Forum on Friday.", "U.S.-Norway Arctic Shipping Forum"),
    ("The Chile-Japan Ocean Data Mechanism met twice.", "Chile-Japan Ocean Data Mechanism"),
    ("Both joined the Indo-U.S. Lunar Rover Initiative last year.", "Indo-U.S. Lunar Rover Initiative"),
    ("They praised the Brazil-United States Alliance for Rural Schools.",
     "Brazil-United States Alliance for Rural Schools"),
])
def test_a_pair_of_countries_and_a_head_name_one_joint_body(read, text, organisation):
    assert organisation in typed(read(text), "Organization")


def test_no_joint_body_without_a_head_or_across_two_names(read):
    organisations = typed(read("The U.S.-Norway partnership grew, and the U.S.-Norway Port Dialogue and "
                               "Shipping Forum met."), "Organization")
    assert not any(name.startswith("U.S.-Norway") for name in organisations)


@pytest.mark.parametrize("text, parties", [
    ("Both Democratic and Republican members of the committee backed the Kestrel sale.",
     {"org:democratic-party", "org:republican-party"}),
    ("The package was held up by a handful of our Republican colleagues, Senator Ines Varga said.",
     {"org:republican-party"}),
    ("The Syrian Democratic forces took the village, and Democratic institutions in Ruritania held.", set()),
])
def test_a_party_named_by_its_adjective_before_its_people(read, text, parties):
    entities = read(text)
    assert {e.id for e in entities if e.id.endswith("-party")} == parties


def test_a_university_campus_named_by_its_town_is_one_organisation(read):
    entities = read("Dr. Ines Varga earned a B.A. at the University of Kestrel, Lake Orma and an M.D. from the "
                    "University of Westmark at Dunmore. She studied at the University of Kestrel, Brown University "
                    "and the University of Orma, M.D.")
    organisations = typed(entities, "Organization")
    assert {"University of Kestrel, Lake Orma", "University of Westmark at Dunmore", "University of Kestrel",
            "Brown University"} <= organisations
    assert not any(name.endswith("M.D.") or "Brown" in name and "Kestrel" in name for name in organisations)


@pytest.mark.parametrize("text, company", [
    ("Orlan Pharmaceuticals announced a $2 billion investment in a new plant.", "Orlan Pharmaceuticals"),
    ("Kestrel Therapeutics will build a research campus near the river.", "Kestrel Therapeutics"),
    ("Harbour Airways ordered twelve aircraft last week.", "Harbour Airways"),
    ("Velden Steel said it would expand its mill.", "Velden Steel"),
])
def test_a_company_named_for_its_trade_is_a_believed_organisation(entities_through, text, company):
    """The trade word heads the name as "Limited" does: the company is typed and scored as a body."""
    scored = entities_through("defgraph_confidence")(f"Business briefs\n\n{text}")  # a title, then the story
    found = next(e for e in scored if company in {m.text for m in e.mentions})
    assert found.type == "Organization" and found.confidence >= default_thresholds()["entities"]


def test_a_trade_word_before_and_opens_one_name(read):
    organisations = typed(read("The Pharmaceuticals and Medical Equipment Agency approved the vaccine."), "Organization")
    assert "Pharmaceuticals and Medical Equipment Agency" in organisations
    assert "Pharmaceuticals" not in organisations


def test_a_service_before_and_stays_a_body_of_its_own(read):
    organisations = typed(read("The Navy and Strategic Missile Forces held drills near Orma."), "Organization")
    assert not any(name.startswith("Navy and") for name in organisations)


def test_an_office_named_by_its_holder_is_no_part_of_the_body(read):
    organisations = typed(read("Chairman Velden of Orlan Motors dropped the lawsuit."), "Organization")
    assert "Orlan Motors" in organisations
    assert not any("Chairman" in name for name in organisations)


def test_two_companies_joined_by_and_stay_two(read):
    entities = read("Talvik Systems Limited and Munitions India Limited will share the work.")
    organisations = typed(entities, "Organization")
    assert "Talvik Systems Limited" in organisations
    assert not any(" and " in name for name in organisations)


def test_person_names_lose_titles_and_possessives(read):
    entities = read("Defence Minister Rajnath Singh met Army chief General Manoj Pande. Singh's aides "
                    "said the talks went well.")
    people = {e.name: e for e in entities if e.type == "Person"}
    assert set(people) == {"Rajnath Singh", "Manoj Pande"}
    assert "Singh" in {m.text for m in people["Rajnath Singh"].mentions}


def test_an_office_before_a_name_is_not_part_of_an_organisation(read):
    entities = read("French Armed Forces Minister Sebastien Lecornu signed the agreement.")
    assert "Sebastien Lecornu" in typed(entities, "Person")
    assert typed(entities, "Organization") == set()


def test_weapon_systems_are_not_people(read):
    entities = read("The P-8I and INS Vikrant took part in the exercise, the navy said.")
    assert typed(entities, "Person") == set()
    assert {"P-8I", "INS Vikrant"} <= typed(entities, "WeaponSystem")


def test_place_names_are_not_people_or_organisations(read):
    entities = read("The rifles are made at a plant in Korwa in Uttar Pradesh's Amethi district.")
    assert typed(entities, "Person") == typed(entities, "Organization") == set()


def test_groups_named_by_their_owner(read):
    entities = read("Syrian security forces and Kurdish fighters pushed on while Coalition partners "
                    "flew strikes; Indian partners watched.")
    organisations = typed(entities, "Organization")
    assert {"Syrian security forces", "Kurdish fighters", "Coalition partners"} <= organisations
    assert "Indian partners" not in organisations
    assert "Syrian" in typed(entities, "Country")  # the owner stays a country mention


@pytest.mark.parametrize("text, place", [
    ("Fighting spread from Raqqah to the outskirts of Darayya, witnesses said.", "Darayya"),
    ("Karabilah was quiet on Friday, residents said.", "Karabilah"),
    ("Aid reached the village of Tell Sameen on Friday.", "Tell Sameen"),
    ("Worshippers gathered outside the al-Nouri mosque at dawn.", "al-Nouri"),
])
def test_known_places_and_settlements_are_not_people(read, place, text):
    entities = read(text)
    assert place not in typed(entities, "Person")
    assert place in typed(entities, "Location")


@pytest.mark.parametrize("text, person", [
    ("Secretary of Defense Marcus J. Penhallow III approved the package.", "Marcus J. Penhallow III"),
    ("The inquiry was led by Brig. Gen. Ronald \"Buck\" Ferris, the army said.", "Ronald \"Buck\" Ferris"),
])
def test_names_with_initials_and_nicknames_stay_whole(read, text, person):
    assert person in typed(read(text), "Person")


def test_minister_before_an_initial_is_no_first_name(read):
    people = typed(read("External Affairs Minister K. Varadan met the delegation."), "Person")
    assert "K. Varadan" in people and "Minister K. Varadan" not in people


def test_a_capital_in_a_compound_or_before_a_noun_is_the_city(read):
    entities = read("A Stockholm institute and a London-based analyst disagreed. Moscow rejected both.")
    assert {"Stockholm", "London"} <= typed(entities, "Location")
    assert typed(entities, "Country") == {"Moscow"}


def test_a_system_in_the_plural_is_no_person(read):
    entities = read("The package lists Bradleys and Tomahawks, and M1A2 Abrams tanks followed.")
    assert typed(entities, "Person") == set()
    assert {"Tomahawks", "Bradleys", "M1A2 Abrams"} <= typed(entities, "WeaponSystem")


def test_armed_groups_broadcasters_and_militaries(read):
    entities = read("Iraqi state television said Jaish al-Fursan al-Watani clashed with the Al Bu Salem "
                    "tribe, the Iraqi military said. Iraqi military aid rose.")
    organisations = typed(entities, "Organization")
    assert {"Iraqi state television", "Jaish al-Fursan al-Watani", "Al Bu Salem tribe",
            "Iraqi military"} <= organisations
    assert typed(entities, "Person") == set()


def test_a_dash_ends_an_organisation_name(read):
    entities = read("Ministry of Maritime Affairs - Press Release\n\nThe ministry said the ships were ready.")
    assert "Ministry of Maritime Affairs" in typed(entities, "Organization")


def test_news_agency_named_after_the_words(read):
    entities = read("The country's news agency Sana said the convoy had arrived.")
    assert "Sana" in typed(entities, "Organization")


def test_a_numbered_task_force_is_an_organisation(read):
    entities = read("Ruritania will lead Combined Task Force 210 next year, and Task Force 7 tests drones in the gulf.")
    assert {"Combined Task Force 210", "Task Force 7"} <= typed(entities, "Organization")


def test_a_catalogued_task_force_is_known_by_its_short_forms(read):
    entities = read("Ruritania joined Task Force 153 in the Red Sea.")
    assert "org:ctf-153" in {e.id for e in entities}


def test_names_inside_a_longer_name_are_named_too(read):
    entities = read("Leaders gathered for the NATO Summit in July, and the Biden-Harris Administration "
              "sent a delegation to the Ruritania Security Dialogue.")
    names = {e.name for e in entities}
    assert "NATO" in names
    assert {"Biden", "Harris"} <= {m.text for e in entities if e.type == "Person" for m in e.mentions}


@pytest.mark.parametrize("text, body", [
    ("Cadets of the U.S. Air Force Academy marched past the stand on Monday.", "org:us-air-force"),
    ("Tom Keller graduated from the General Staff College in 1998.", "org:russia-general-staff"),
])
def test_a_body_opening_the_name_of_another_body_is_not_named(read, text, body):
    assert body not in {e.id for e in read(text)}


def test_a_body_named_with_a_company_or_group_word_is_still_that_body(read):
    entities = read("Rosatom Corporation and the Houthi forces signed nothing on Monday.")
    assert {"org:rosatom", "org:houthis"} <= {e.id for e in entities}


def test_a_country_inside_a_place_name_is_no_mention(read):
    entities = read("Patrol boats sailed through the South China Sea and the Gulf of Finland last week.")
    assert not {e.name for e in entities if e.type == "Country"} & {"China", "Finland"}


def test_curly_apostrophes_match_the_catalogue_and_former_states_are_countries(read):
    entities = read("The People’s Republic of China and the former Soviet Union both built the design.")
    countries = {e.id for e in entities if e.type == "Country"}
    assert {"country:china", "country:soviet-union"} <= countries
    assert "country:taiwan" not in countries


def test_the_other_names_in_a_list_of_organisations_are_organisations(read):
    entities = read("Contracts went to Lockheed Martin, Boeing, Kestrelwerk and Raytheon last year.")
    assert "Kestrelwerk" in typed(entities, "Organization")


def test_a_list_of_people_stays_people(read):
    entities = read("Maria Holt, Tom Keller and Anna Berg signed the letter.")
    assert not typed(entities, "Organization") & {"Maria Holt", "Tom Keller", "Anna Berg"}


def test_a_named_ship_after_its_type(read):
    entities = read("Sailors saluted the frigate Admiral Kestrel and the corvette Stoikiy at the parade.")
    assert {"Admiral Kestrel", "Stoikiy"} <= typed(entities, "WeaponSystem")


@pytest.mark.parametrize("text, ship", [
    ("The USS Kestrel Carrier Strike Group entered the Red Sea on Monday.", "USS Kestrel"),
    ("The USS Georgia arrived in the region last week.", "USS Georgia"),
    ("Sailors of USS Tom F. Keller Amphibious Ready Group went ashore.", "USS Tom F. Keller"),
])
def test_a_ship_named_with_its_prefix_is_a_system_without_the_unit_it_leads(read, text, ship):
    entities = read(text)
    assert ship in typed(entities, "WeaponSystem")
    assert not any(ship in name for name in typed(entities, "Organization") | typed(entities, "Person"))


def test_an_office_or_ministry_is_named_up_to_its_owner(read):
    entities = read("Staff of the Office of the Director of National Intelligence met officials of the Ministry of "
                    "Economy of Ukraine Ivan Kestrel and the Office of Naval Intelligence on Monday.")
    assert {"Office of the Director of National Intelligence", "Ministry of Economy of Ukraine",
            "Office of Naval Intelligence"} <= typed(entities, "Organization")


@pytest.mark.parametrize("text, name", [
    ("Maren Tolt joined the Office of the Assistant Secretary of the Army in 2019.",
     "Office of the Assistant Secretary of the Army"),
    ("Orla Venn heads the Academy of the Coastal Police of Harrowmere.", "Academy of the Coastal Police of Harrowmere"),
    ("He later taught at the Marsh Kestrel School of Government for a year.", "Marsh Kestrel School of Government"),
])
def test_a_name_runs_on_over_an_owner_that_is_a_service_or_the_government(read, text, name):
    """Only a day ends a name at its "of" ("Royal Navy on Tuesday"): "the Army", "Government" do not."""
    assert name in typed(read(text), "Organization")


@pytest.mark.parametrize("text, body, office", [
    ("Tomas Brell, Nominee for Administrator of the Harrow Maritime Administration\n\nTomas Brell is a retired "
     "officer.", "Harrow Maritime Administration", "Nominee"),
    ("He served as Commodore of Submarine Squadron Seven and later as Commanding General of the Harrow Army Medical "
     "Command.", "Submarine Squadron", "Commodore"),
])
def test_an_office_held_in_a_body_is_no_part_of_its_name(read, text, body, office):
    organisations = typed(read(text), "Organization")
    assert body in organisations and not any(o.startswith(office) for o in organisations)


def test_a_day_after_a_name_is_still_no_part_of_it(read):
    organisations = typed(read("A statement from the Harrow Coastal Command on Tuesday denied the report."), "Organization")
    assert "Harrow Coastal Command" in organisations and not any("Tuesday" in o for o in organisations)


def test_two_bodies_joined_by_a_comma_are_two_but_a_list_inside_a_name_is_one(read):
    entities = read("The Department of Energy, Ministry of Economy of Ukraine signed the plan with the "
                    "Acquisition, Technology and Logistics Agency on Monday.")
    organisations = typed(entities, "Organization")
    assert {"Department of Energy", "Ministry of Economy of Ukraine",
            "Acquisition, Technology and Logistics Agency"} <= organisations


def test_two_departments_joined_by_and_are_two(read):
    entities = read("Officials from the Department of Energy and Department of Labor met on Monday.")
    organisations = typed(entities, "Organization")
    assert {"Department of Energy", "Department of Labor"} <= organisations
    assert not any(" and " in name for name in organisations)


def test_a_system_in_the_plural_read_as_a_place_is_the_system(read):
    entities = read("Canada sent Patriots and Javelins to Ukraine last spring.")
    assert "Javelins" in typed(entities, "WeaponSystem")
    assert "Javelins" not in typed(entities, "Location")


@pytest.mark.parametrize("text, plural, system", [
    ("Lisbon cleared the sale of up to 120 Tomahawks to Chile for about $500 million.", "Tomahawks", "system:tomahawk"),
    ("The new aid adds HAWKs, Stingers and counter-drone gear for the coming winter.", "HAWKs", "system:mim-23-hawk"),
    ("The pilots flew their Black Hawks low over the valley at dawn.", "Black Hawks", "system:uh-60-black-hawk"),
])
def test_a_system_in_the_plural_that_nothing_else_read_is_the_system(read, text, plural, system):
    entities = read(text)
    assert any(m.text == plural for e in entities if e.id == system for m in e.mentions)


@pytest.mark.parametrize("text", [
    "Panel Report on Reducing Risks and Harms from Synthetic Media\nThe panel met on Monday.",
    "Patriots like my late friend served this country for decades.",
])
def test_a_plain_plural_word_is_no_system(read, text):
    assert typed(read(text), "WeaponSystem") == set()


@pytest.mark.parametrize("text, word", [
    ("Black Sea Fleet and Airborne Forces", "airborne"), ("Department of X and Department of Y", "department"),
    ("Halden & Sons AND HALDEN", "halden"), ("Agency and Agencyx", "agency"), ("A and & Board", "board"),
    ("Board and\\tboard-level", "board"), ("Oslo", "oslo"), ("ſtate and ſtate", "state"), ("X and x.y", "x.y"),
])
def test_joined_to_finds_what_re_finds(text, word):
    import re

    from defgraph.extraction.entities_organisations import joined_to

    expected = re.search(rf"\s(?:and|&)\s+{re.escape(word)}\b", text, re.I) is not None
    assert joined_to(text, word) == expected


@pytest.mark.parametrize("text, organisation", [
    ("The U.S.-India Clean Energy Forum met in May.", "U.S.-India Clean Energy Forum"),
    ("The India-U.S. Space Working Group will report next year.", "India-U.S. Space Working Group"),
])
def test_a_joint_body_opens_with_its_pair_of_countries(read, text, organisation):
    assert organisation in typed(read(text), "Organization")


@pytest.mark.parametrize("text, organisations", [
    ("The U.S. Department of Commerce and Indian Department of Space will meet.",
     {"U.S. Department of Commerce", "Indian Department of Space"}),
    ("The U.S. Department of Energy and Japan signed the plan.", {"U.S. Department of Energy"}),
])
def test_two_departments_or_a_department_and_a_country_stay_apart(read, text, organisations):
    assert typed(read(text), "Organization") == organisations


def test_a_catalogue_systems_variant_suffix_stays_in_its_mention(read):
    assert "Tor-M2KM" in typed(read("The column included Tor-M2KM air defence systems."), "WeaponSystem")


def test_a_name_with_letters_beyond_ascii_is_a_person(read):
    text = "The firm's chief technology officer, Gökhan Yıldız, showed the drone."
    assert "Gökhan Yıldız" in typed(read(text), "Person")


def test_a_titled_person_before_a_country_is_no_place(read):
    entities = read("Under President Tomas Varga, Egypt has widened its purchases.")
    assert "Tomas Varga" in typed(entities, "Person") and "Tomas Varga" not in typed(entities, "Location")


def test_a_countrys_systems_are_systems_not_an_organisation(read):
    entities = read("Its air force flies French Mirages and American F-16s, and its navy operates frigates.")
    assert "F-16s" in typed(entities, "WeaponSystem")
    assert not any("F-16" in form for form in typed(entities, "Organization"))


@pytest.mark.parametrize("text, service", [
    ("Drones struck two airfields overnight, Ukraine's air force said.", "Ukraine's air force"),
    ("The Ukrainian army said the drones were shot down.", "Ukrainian army"),
])
def test_a_countrys_armed_service_is_an_organisation(read, text, service):
    assert service in typed(read(text), "Organization")


def test_a_countrys_government_capitalised_is_a_body_beside_the_country(read):
    entities = read("The Government of Norway wrote to the Government of the United States of America. "
                    "Later the Norwegian Government thanked Ukraine, and the Moscow Government stayed silent.")
    governments = [e for e in entities if e.type == "Organization" and "Government" in e.name]
    norway = next(e for e in governments if "Norw" in e.name)
    assert norway.name == "Government of Norway"
    assert {m.text for m in norway.mentions} == {"Government of Norway", "Norwegian Government"}
    assert any(e.name == "Government of the United States of America" for e in governments)
    assert {e.id for e in entities if e.type == "Country"} >= {"country:norway", "country:usa", "country:ukraine"}
    assert not any(e.name.startswith("Government of Moscow") or e.name == "Government of Russia" for e in governments)


def test_a_lower_case_government_stays_a_mention_of_its_country(read):
    entities = read("The US government declined to comment on the sale.")
    assert typed(entities, "Organization") == set()
    assert "US government" in typed(entities, "Country")


@pytest.mark.parametrize("text, organisation", [
    ("An NSC spokesperson said the talks would resume.", "org:us-nsc"),
    ("The State Duma passed the bill and the Federation Council approved it.", "org:state-duma"),
    ("The Strategic Missile Forces will receive new regiments.", "org:russia-strategic-missile-forces"),
    ("The Defense Innovation Unit signed two contracts.", "org:diu"),
    ("The General Staff drew up the plan for the exercise.", "org:russia-general-staff"),
    ("General Tom Keller, Chairman of the Joint Chiefs of Staff, briefed the press.", "org:joint-chiefs-of-staff"),
    ("The order applies to the United States Armed Forces abroad.", "org:us-armed-forces"),
    ("USAID will fund the new water plant in the province.", "org:usaid"),
    ("The DFC signed a loan for the port terminal.", "org:dfc"),
    ("FEMA crews reached the flooded towns on Friday.", "org:fema"),
])
def test_well_known_bodies_from_the_catalogue(read, text, organisation):
    assert organisation in {e.id for e in read(text) if e.in_catalogue}


@pytest.mark.parametrize("text, remit", [
    ("We heard from Tom Keller, Deputy National Security Advisor for International Economics. He spoke.",
     "for International Economics"),
    ("The report was read by the Minister of Industry and Trade at the plant.", "of Industry and Trade"),
])
def test_the_remit_after_an_office_is_no_person(read, text, remit):
    people = typed(read(text), "Person")
    assert not any(remit in name or name in remit for name in people)


@pytest.mark.parametrize("text, remit", [
    ("The plan goes to the President through the Assistant to the President for National Security Affairs.",
     "National Security Affairs"),
    ("Our Special Presidential Envoy for Hostage Affairs, Dana Loring, met the families on Tuesday.",
     "Hostage Affairs"),
])
def test_the_remit_after_for_is_no_organisation(read, text, remit):
    assert remit not in typed(read(text), "Organization")


@pytest.mark.parametrize("text, service, remit", [  # a portfolio ("of Defense for Research") is left to the roles
    ("Dana Kell, Nominee for Assistant Secretary of the Air Force for Manpower and Reserve Affairs, served at the "
     "Pentagon.", "Air Force", "Manpower"),
    ("He later served as Under Secretary of the Army for Civil Works in Ohio.", "Army", "Civil Works"),
])
def test_a_service_named_after_a_secretary_ends_before_the_remit(read, text, service, remit):
    organisations = typed(read(text), "Organization")
    assert not any(remit in name for name in organisations)
    assert service in organisations


def test_a_board_opening_a_bodys_name_in_a_biography_is_no_part_of_it(read):
    entities = read("She is a member of the Board of the Kestrel Industrial Association, sits on the Advisory Boards "
                    "of Tarn University and the Board of Trustees for Pine Hill School for the Deaf, and chairs the "
                    "Board of Military Affairs.")
    organisations = typed(entities, "Organization")
    assert {"Kestrel Industrial Association", "Tarn University", "Pine Hill School for the Deaf",
            "Board of Military Affairs"} <= organisations
    assert not any(name.startswith("Board") and name != "Board of Military Affairs" for name in organisations)


def test_a_board_of_visitors_to_a_body_is_the_board(read):
    organisations = typed(read("Mara Tolley, Member, Board of Visitors to the Kestrel Maritime Academy\n\n"
                               "Ivo Renn, Member, Board of Regents to the Harrow State University"), "Organization")
    assert {"Board of Visitors to the Kestrel Maritime Academy",
            "Board of Regents to the Harrow State University"} <= organisations


@pytest.mark.parametrize("text, organisation", [
    ("He later led the Bureau of Arctic and Coastal Affairs at the ministry.", "Bureau of Arctic and Coastal Affairs"),
    ("She directed the Office of Harbour and Inland Security and Deputy Director of Planning Lee Moss approved.",
     "Office of Harbour and Inland Security"),
])
def test_a_bureau_of_a_remit_is_a_body_ending_before_an_office(read, text, organisation):
    assert organisation in typed(read(text), "Organization")


def test_an_award_is_no_organisation(read):
    entities = read("Ms. Orlova received the Department of Defense Medal for Distinguished Public Service, the Navy "
                    "Distinguished Service Medal and the Robert Quill Award for Peace Negotiations.")
    organisations = typed(entities, "Organization")
    assert not any(word in name for name in organisations for word in ("Medal", "Award", "Distinguished"))


def test_a_question_label_is_no_part_of_the_name_of_the_person_asked(read):
    entities = read("MS. MARSH: Go ahead.\n\nQ Karine, on the treaty — is it done?\n\nMS. MARSH: Sure.")
    people = typed(entities, "Person")
    assert "Karine" in people and not any(name.startswith("Q ") for name in people)


def test_the_government_capitalised_is_a_cabinet_but_not_inside_another_name(read):
    entities = read("As you know, the Government’s recovery plan is now under way. The Government Printing "
                    "Bureau will publish it, and the government of a neighbour may follow.")
    assert typed(entities, "Organization") >= {"Government"}
    assert "government" not in typed(entities, "Organization")
    assert not any(e.name == "Government" and len(e.mentions) > 1 for e in entities)


def test_a_moderator_calls_on_people_by_first_name_with_their_outlet(read):
    entities = read("MODERATOR: Thank you. Our next question will go to Ondine with Harbour Radio.\n\n"
                    "Q Hi. Will the talks resume?\n\n"
                    "MR. TALLIS: Thanks, Ondine. They will resume on Monday.\n")
    assert typed(entities, "Person") >= {"Ondine"}
    assert "Harbour Radio" in typed(entities, "Organization")
    assert "Ondine" not in typed(entities, "Location")


@pytest.mark.parametrize("text, name", [
    ("The minister thanked Hitachi and the other firms for their new plant in Ohio.", "Hitachi"),
    ("In an interview with Axios on Tuesday, the senator defended the new tariff plan.", "Axios"),
    ("Asked by NBC News about the talks, the adviser said nothing had been settled yet.", "NBC News"),
    ("Gazprom will lay a second line to the coast by the end of the decade, the envoy said.", "Gazprom"),
])
def test_catalogued_companies_and_news_outlets_are_organizations(read, text, name):
    entities = read(text)
    assert name in typed(entities, "Organization")
    assert any(e.in_catalogue and e.type == "Organization" and name in {m.text for m in e.mentions} for e in entities)


@pytest.mark.parametrize("text, company", [
    ("GE Vernova will supply the turbines for the new plant, the utility said.", "org:ge-vernova"),
    ("Before the ministry, she designed dishwashers at GE Appliances in Kentucky.", "org:ge-appliances"),
])
def test_a_company_named_after_another_is_not_that_other(read, text, company):
    ids = {e.id for e in read(text) if e.type == "Organization"}
    assert company in ids and "org:ge-aerospace" not in ids


def test_a_laser_weapon_the_catalogue_knows_is_a_system(read):
    entities = read("The minister said the Peresvet laser weapon had entered service with the troops.")
    assert "system:peresvet" in {e.id for e in entities if e.type == "WeaponSystem"}


@pytest.mark.parametrize("text, organisation", [
    ("She joined the Ministry of Fisheries, Forestry and Rural Affairs in Valdora last spring.",
     "Ministry of Fisheries, Forestry and Rural Affairs"),
    ("He chairs the Institute for Archives, Memory, and Heritage at a university in Lisbon.",
     "Institute for Archives, Memory, and Heritage"),
    ("Grants went to the Department of Ecology, Evolution, and Marine Biology this year.",
     "Department of Ecology, Evolution, and Marine Biology"),
])
def test_a_remit_that_lists_several_fields_stays_in_the_name(read, text, organisation):
    assert organisation in typed(read(text), "Organization")


def test_a_list_of_bodies_or_places_after_a_name_is_no_remit(read):
    organisations = typed(read("Delegates from the Ministry of Fisheries, Navy and Coast Guard met in Porto."),
                          "Organization")
    assert "Ministry of Fisheries" in organisations
    assert not any("Navy" in o for o in organisations if o.startswith("Ministry"))
    places = typed(read("Officials from the Ministry of Fisheries, Lisbon and Madrid met."), "Organization")
    assert "Ministry of Fisheries" in places


@pytest.mark.parametrize("text, name", [
    ("Dana Holt sat on the President's Council of Advisors on Science and Technology.",
     "President's Council of Advisors on Science and Technology"),
    ("She served in the Navy Judge Advocate General's Corps for six years.", "Navy Judge Advocate General's Corps"),
    ("He left the White House Counsel's Office in March.", "White House Counsel's Office"),
    ("Mara Venn studied at St. Mary's University before law school.", "St. Mary's University"),
    ("The Jewish Children's Museum opened a new wing.", "Jewish Children's Museum"),
])
def test_a_body_named_with_an_offices_or_plain_words_possessive(read, text, name):
    assert name in typed(read(text), "Organization")


def test_a_countrys_possessive_still_opens_no_body_name(read):
    organisations = typed(read("Norway's Defence Research Agency tested the radar."), "Organization")
    assert not any("'s" in name for name in organisations)


@pytest.mark.parametrize("text, title", [
    ("The board named Dana Holt its Chief Operating Officer in June.", "Operating Officer"),
    ("Earlier, he served as the Associate Dean of the Kestrel School of Management.", "Associate Dean"),
    ("She is a Visiting Fellow and Salzburg Global Fellow at the institute.", "Salzburg Global Fellow")])
def test_an_office_or_academic_title_is_no_person(read, text, title):
    assert not any(title in form for form in typed(read(text), "Person"))


@pytest.mark.parametrize("text, person", [
    ("In the aftermath, President Harold R. Vantongeren, Jr. authorized an immediate response.",
     "Harold R. Vantongeren, Jr."),
    ("His grandfather, Sergeant Tomas E. Kestrel Jr., led a unit in the war.", "Tomas E. Kestrel Jr."),
    ("Judge Marcus Wellbeck III ruled on the appeal.", "Marcus Wellbeck III")])
def test_a_generational_suffix_is_part_of_the_name(read, text, person):
    assert person in typed(read(text), "Person")


def test_a_ship_named_before_its_type_is_the_ship(read):
    entities = read("The shipyard is building the Mikhail Veresov icebreaker and the Admiral Lentov and Admiral "
                    "Barsov frigates; the Pavel Orlin nuclear submarine sailed. A Russian Navy frigate watched.")
    systems = typed(entities, "WeaponSystem")
    assert {"Mikhail Veresov", "Admiral Lentov", "Admiral Barsov", "Pavel Orlin"} <= systems
    assert not {"Mikhail Veresov", "Admiral Lentov", "Pavel Orlin"} & typed(entities, "Person")
    assert "Russian Navy" not in systems


@pytest.mark.parametrize("words, person", [
    ("Noah Velden", True),          # a common given name, then a surname
    ("Shannon Rell Corvale", True),
    ("Holly Springs", False),       # a place word after the given name
    ("Megan Creek", False),
    ("Kestrel Velden", False),      # no given name first
    ("Noah B. Velden Scholarship Program", False),  # too long for a personal name
    ("Noah", True),                 # a lone common given name
    ("Kestrel", False),             # a lone word that is no given name
])
def test_a_place_that_opens_on_a_given_name_is_a_person(nlp, words, person):
    doc = nlp.make_doc(words)
    assert nlp.get_pipe("defgraph_entities").is_given_name_person(doc[:]) is person


@pytest.mark.parametrize("text, person", [
    ("He lives near the coast with his wife, Ilsa, and their daughter Tamsin.", "Tamsin"),
    ("MODERATOR: Our next question will go to Nadia with the Morning Ledger.", "Nadia"),
    ("Representative Calhoon is not here today, the clerk said.", "Calhoon"),
    ("I had a long meeting with President Zelenskyy yesterday.", "Zelenskyy"),
])
def test_a_lone_name_read_as_a_place_is_a_person_after_a_kin_noun_or_a_title(read, text, person):
    entities = read(text)
    assert person in typed(entities, "Person") and person not in typed(entities, "Location")


def test_a_lone_given_name_cut_from_its_surname_is_not_read_alone(nlp):
    doc = nlp.make_doc("the murder of Jamal Velden")
    assert nlp.get_pipe("defgraph_entities").is_given_name_person(doc[3:4]) is False


def test_a_lone_given_name_after_a_place_preposition_stays_a_place(read):
    assert "Shannon" not in typed(read("The envoy flew on to Shannon after the talks."), "Person")


def test_a_name_read_as_a_facility_is_a_person(read):
    entities = read("Lunch at Shannon Rell was good.")  # NER reads the name as a facility
    assert typed(entities, "Person") == {"Shannon Rell"} and typed(entities, "Location") == set()


@pytest.mark.parametrize("text, cut, whole", [
    ("She sat on the board of Brightwater Ventures for Tomorrow, a research group.",
     "Brightwater Ventures for", "Brightwater Ventures for Tomorrow"),
    ("The delegation visited the Hero City of Tarnovo last week.", "Hero City of", "Hero City of Tarnovo"),
    ("He thanked the Armed Forces for the results of the year.", "Armed Forces for the", "Armed Forces"),
    ("Grants went to the University of Eastvale and University of Northmere.",
     "University of Eastvale and", "University of Eastvale"),
    ("The Grand Hall of the Old Palace was full.", "Grand Hall of", "Grand Hall of the Old Palace"),
    ("He thanked the Armed Forces for the Past and Present.", "Armed Forces for", "Armed Forces"),
    ("THE DIRECTOR OF THE OFFICE OF PLANNING AND BUDGET THE ASSISTANT", "OFFICE OF PLANNING AND BUDGET THE",
     "OFFICE OF PLANNING AND BUDGET"),
    ("The Ministry of Defence Minister Ivo Marek spoke.", "Ministry of", "Ministry of Defence"),
    ("Talks at the Department of State ended.", "Department of", "Department of State"),
    ("She won the Northfield Contest of Ballet Dancers and Choreographers in May.",
     "Northfield Contest of Ballet Dancers and", "Northfield Contest of Ballet Dancers and Choreographers"),
    ("The treaty fixed Amount A of the tax.", "Amount A", "Amount A"),
])
def test_a_name_cut_on_a_function_word_runs_on_or_drops_it(nlp, text, cut, whole):
    from defgraph.extraction.entities_vocabulary import NER, Candidate
    recogniser = nlp.get_pipe("defgraph_entities")
    start = text.index(cut)
    found = recogniser.whole_name(text, Candidate(start, start + len(cut), "Organization", None, "name", NER),
                                  bytearray(len(text) + 1))
    assert text[found.start:found.end] == whole


@pytest.mark.parametrize("text, cut", [
    ("It is something for the Department of — well, you know.", "Department of"),
    ("Voters in North and South Dakota went to the polls.", "North and"),
    ("She met the Secretaries of Labor and Energy.", "Secretaries of"),
])
def test_a_cut_name_of_one_word_or_an_office_is_none(nlp, text, cut):
    from defgraph.extraction.entities_vocabulary import NER, Candidate
    start = text.index(cut)
    assert nlp.get_pipe("defgraph_entities").whole_name(
        text, Candidate(start, start + len(cut), "Organization", None, "name", NER), bytearray(len(text) + 1)) is None


@pytest.mark.parametrize("text, cut, catalogue", [
    ("They met at the Embassy of India in Paris.", "Embassy of", "India"),
    ("They met in the Grand Hall of the Old Kremlin Palace.", "Grand Hall of", "Kremlin"),
])
def test_a_cut_name_that_runs_on_into_a_catalogue_name_is_none(nlp, text, cut, catalogue):
    from defgraph.extraction.entities_vocabulary import NER, Candidate
    known = bytearray(len(text) + 1)
    known[text.index(catalogue):text.index(catalogue) + len(catalogue)] = b"\x01" * len(catalogue)
    start = text.index(cut)
    assert nlp.get_pipe("defgraph_entities").whole_name(
        text, Candidate(start, start + len(cut), "Location", None, "name", NER), known) is None


def test_a_cut_name_ends_before_a_catalogue_name_that_is_its_topic(nlp):
    from defgraph.extraction.entities_vocabulary import NER, Candidate
    text = "The Northern Quad on India met again."
    known = bytearray(len(text) + 1)
    known[text.index("India"):text.index("India") + 5] = b"\x01" * 5
    found = nlp.get_pipe("defgraph_entities").whole_name(
        text, Candidate(4, 4 + len("Northern Quad on"), "Organization", None, "name", NER), known)
    assert text[found.start:found.end] == "Northern Quad"


@pytest.mark.parametrize("text, organisation", [
    ("Q The Harbour Gazette reported a delay. Is that true?", "Harbour Gazette"),
    ("Q Your Cabinet met on Friday. What did it decide?", "Cabinet"),
])
def test_a_question_label_is_no_part_of_an_organisation(read, text, organisation):
    assert organisation in {m.replace("The ", "") for m in typed(read(text), "Organization")}
    assert not any(m.startswith("Q ") for m in typed(read(text), "Organization"))


@pytest.mark.parametrize("text, organisation", [
    ("Directed the Department of Fisheries to review every permit.\n", "Department of Fisheries"),
    ("title: Visiting Kestrel Bay Shipyard\nThe yard builds two tugs a year.", "Kestrel Bay Shipyard"),
    ("Expanding Northern Science Foundation Grants: The two sides will fund more students.", "Northern Science Foundation"),
])
def test_a_verb_opening_a_deed_or_a_heading_is_no_part_of_an_organisation(read, text, organisation):
    assert typed(read(text), "Organization") == {organisation}


def test_a_heading_that_names_no_body_is_no_organisation(read):
    text = "Partnering to Deploy Safe and Secure Tidal Energy: The two sides agreed on a plan."
    assert typed(read(text), "Organization") == set()


@pytest.mark.parametrize("text, organisation", [
    ("Promoting Coastal Trade Task Force members met in Oslo.", "Promoting Coastal Trade Task Force"),
    ("Countering Drone Threats Office staff will brief the council.", "Countering Drone Threats Office"),
])
def test_a_name_that_opens_on_a_gerund_outside_a_heading_stays_whole(read, text, organisation):
    assert typed(read(text), "Organization") == {organisation}


@pytest.mark.parametrize("text, organisation", [
    ("She was Medical Director of Kestrel Reentry Corp until 2019.", "Kestrel Reentry Corp"),
    ("He served as Deputy Director General of Harrow Aerospace Corporation.", "Harrow Aerospace Corporation"),
    ("She became the 12th President of Linden College.", "Linden College"),
])
def test_a_qualified_office_before_of_is_no_part_of_an_organisation(read, text, organisation):
    assert typed(read(text), "Organization") == {organisation}


@pytest.mark.parametrize("text", [
    "He said they had crossed the BLUE LINE IN THE SNOW, and nothing followed.",
    "Opening remarks.\n\nJOBS & GROWTH\n\nWe commit to growth.",
])
def test_words_in_capitals_for_emphasis_are_no_organisation(read, text):
    assert typed(read(text), "Organization") == set()


@pytest.mark.parametrize("text, organisation", [
    ("She was a consular officer at the Norwegian Embassy in Lusaka, Zambia, until 2015.", "Norwegian Embassy in Lusaka"),
    ("The UN Ceasefire Monitoring Mission in Ukraine counted the shells.", "UN Ceasefire Monitoring Mission in Ukraine"),
])
def test_a_mission_abroad_holds_its_seat_in_its_name(read, text, organisation):
    assert organisation in typed(read(text), "Organization")


def test_a_mission_does_not_run_on_to_a_month(read):
    assert "Norwegian Embassy" in typed(read("The Norwegian Embassy in September closed its doors."), "Organization")


def test_a_country_a_mission_sits_in_is_named_too(read):
    entities = read("The UN Ceasefire Monitoring Mission in Ukraine counted the shells.")
    assert "Ukraine" in typed(entities, "Country")


@pytest.mark.parametrize("text, name", [
    ("I think Speaker Halvorsen made clear she wants the bill to move.", "Halvorsen"),
    ("The President has confidence in Mayor Brandtvik and believes he will serve well.", "Brandtvik"),
    ("The Vice President will also meet Prime Minister Tanakori of Kestrelia.", "Tanakori"),
])
def test_a_one_word_name_after_a_capitalised_title_is_a_person(read, text, name):
    assert name in typed(read(text), "Person")


@pytest.mark.parametrize("text", [
    "The Ambassador Extraordinary and Plenipotentiary of Kestrelia presented her letters.",
    "Thank you, Mr. President. And we will take the next question.",
    "The President Emeritus of the institute opened the session.",
    "I spoke with President Ha- — with the President this morning.",
])
def test_a_title_qualifier_or_the_next_sentence_is_no_person(read, text):
    assert typed(read(text), "Person") == set()


def test_a_known_leaders_bare_surname_read_as_a_place_is_a_person(read):
    assert "Zelenskyy" in typed(read("We had a long meeting with Zelenskyy, who was pleased with it."), "Person")
    assert typed(read("The delegation flew to Austin, Texas, on Monday."), "Person") == set()


@pytest.mark.parametrize("text, organisation", [
    ("Rostvertol will deliver four more helicopters by the spring.", "org:rostvertol"),
    ("The new lathes are made at Tulamashzavod under a state order.", "org:tulamashzavod"),
    ("Aviadvigatel shipped ten engines for the gas compressors.", "org:aviadvigatel"),
    ("Gazprom Neft and Lukoil agreed to raise their refinery output.", "org:gazprom-neft"),
    ("Vnesheconombank will lend the shipyard two billion roubles.", "org:veb"),
    ("The offer from Nippon Steel for U.S. Steel was reviewed again.", "org:us-steel"),
    ("Westinghouse announced a new reactor plant in the state.", "org:westinghouse-electric"),
    ("GlobalFoundries and Texas Instruments announced new chip plants.", "org:globalfoundries"),
    ("The frigate hull was laid down at the Hanwha Philly Shipyard last year.", "org:hanwha-philly-shipyard"),
])
def test_industrial_companies_from_the_catalogue(read, text, organisation):
    assert organisation in {e.id for e in read(text) if e.in_catalogue}


@pytest.mark.parametrize("text, organisation", [
    ("Units of the Russian Armed Forces held a drill near the lake on Tuesday.", "org:russian-armed-forces"),
    ("Two pilots of the Ukrainian Air Force flew over the fair.", "org:ukrainian-air-force"),
    ("The Lebanese Army opened a new checkpoint near the river.", "org:lebanese-armed-forces"),
    ("Officers of the Mongolian Armed Forces visited the academy.", "org:mongolian-armed-forces"),
    ("A cadet of the Royal Australian Air Force won the race.", "org:raaf"),
    ("Ships of the Northern Fleet left port at dawn.", "org:northern-fleet"),
    ("The Indian Ocean Rim Association met in a coastal city.", "org:iora"),
])
def test_bodies_named_by_their_nationality_are_catalogued(read, text, organisation):
    assert organisation in {e.id for e in read(text) if e.in_catalogue}


def test_a_flotilla_named_with_and_without_its_sea_is_one_body(read):
    entities = read("The Caspian Sea Flotilla sent two boats. A spokesman for the Caspian Flotilla, Ivo Marren, "
                    "said more would follow.")
    assert [(e.id, e.in_catalogue) for e in entities if e.type == "Organization"] == [("org:caspian-flotilla", True)]
