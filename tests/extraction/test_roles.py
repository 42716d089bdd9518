"""Roles read from title phrases: pre-nominal titles, appositions, possessives, ranks, office mentions.

The entities are given by hand (every occurrence of each surface form is a mention), so that these
tests check the roles component alone; the spaCy model is loaded once per session.
"""
from __future__ import annotations

import re

import pytest

from defgraph.extraction.roles import RoleReader, plural, singular
from defgraph.model import Article, Entity, Mention

ENTITIES = {
    "country:russia": ("Country", ["Russia", "Russian", "Moscow"]),
    "country:india": ("Country", ["India", "Indian", "New Delhi", "NEW DELHI"]),
    "country:china": ("Country", ["China", "Chinese"]),
    "country:usa": ("Country", ["US", "United States", "WASHINGTON"]),
    "country:norway": ("Country", ["Norway", "Norwegian"]),
    "country:france": ("Country", ["France", "French", "Paris"]),
    "org:indian-mod": ("Organization", ["Defence Ministry", "defence ministry"]),
    "org:fsmtc": ("Organization", ["Federal Service for Military-Technical Cooperation", "FSMTC"]),
    "org:rosoboronexport": ("Organization", ["Rosoboronexport"]),
    "org:kestrel": ("Organization", ["Kestrel Dynamics"]),
    "org:indian-air-force": ("Organization", ["Indian Air Force", "IAF"]),
    "org:indian-army": ("Organization", ["Indian Army", "Army"]),
    "org:russian-embassy": ("Organization", ["Russian embassy"]),
    "org:nordic-yards": ("Organization", ["Nordvik Yards"]),
    "org:iranian-fleet": ("Organization", ["Iranian navy"]),
    "org:norway-mfa": ("Organization", ["Norwegian foreign ministry"]),
    "org:joint-chiefs-of-staff": ("Organization", ["Joint Chiefs of Staff"]),
    "org:nato": ("Organization", ["NATO", "Alliance"]),
    "org:united-nations": ("Organization", ["United Nations"]),
    "org:us-congress": ("Organization", ["Congress"]),
    "org:us-house": ("Organization", ["House of Representatives", "House"]),
    "org:fema": ("Organization", ["FEMA"]),
    "org:state-duma": ("Organization", ["State Duma"]),
    "org:pacific-fleet": ("Organization", ["Pacific Fleet"]),
}


def entities_for(text: str, people: list[str]) -> list[Entity]:
    """Every catalogue-like entity and person named in ``text``; a person's surname is an alias."""
    found = []
    specs = dict(ENTITIES)
    for name in people:
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")
        specs[f"person:{slug}"] = ("Person", [name, name.split()[-1]])
    for entity_id, (kind, forms) in specs.items():
        mentions, taken = [], set()
        for form in sorted(forms, key=len, reverse=True):
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                if not taken & set(range(*match.span())):
                    taken |= set(range(*match.span()))
                    mentions.append(Mention(match.start(), match.end(), match.group()))
        if mentions:
            found.append(Entity(entity_id, kind, forms[0], sorted(mentions, key=lambda m: m.start)))
    return _drop_nested(found)


def _drop_nested(entities: list[Entity]) -> list[Entity]:
    """A mention inside a longer one of another entity ("Russian" in "Russian embassy") is not one."""
    spans = [(m.start, m.end) for e in entities for m in e.mentions]
    for entity in entities:
        entity.mentions = [m for m in entity.mentions
                           if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)]
    return [e for e in entities if e.mentions]


@pytest.fixture(scope="module")
def reader(nlp_base):
    return RoleReader(nlp_base)


@pytest.fixture(scope="module")
def nlp_base():
    from defgraph.extraction.pipeline import load_base_model

    return load_base_model()


@pytest.fixture
def roles(nlp_base, reader):
    def read(text: str, *people: str) -> dict[str, tuple[str, str | None]]:
        doc = nlp_base(text)
        doc._.article = Article(text=text)
        doc._.entities = entities_for(text, list(people))
        reader(doc)
        return {role.person: (role.title, role.org) for role in doc._.roles}

    return read


@pytest.fixture
def every_role(nlp_base, reader):
    """Every role read, in order, as (person, title, org): a person may hold more than one office."""
    def read(text: str, *people: str) -> list[tuple[str, str, str | None]]:
        doc = nlp_base(text)
        doc._.article = Article(text=text)
        doc._.entities = entities_for(text, list(people))
        reader(doc)
        return [(role.person, role.title, role.org) for role in doc._.roles]

    return read


# The opening of an appointment or a nomination list, as a president's office writes it.
LIST_HEADING = ("WASHINGTON - Today the President announced his intent to appoint the following individuals to "
                "serve in key roles:\n\n")
NOMINATING = LIST_HEADING.replace("to appoint", "to nominate")


def test_prenominal_title_with_demonym_names_the_country(roles):
    found = roles("Russian Ambassador to India Pavel Orlov met reporters on Monday.", "Pavel Orlov")
    assert found == {"person:pavel-orlov": ("Ambassador to India", "country:russia")}


def test_prenominal_title_with_possessive_country(roles):
    found = roles("Russia's Deputy Foreign Minister Oleg Sadovsky said the talks went well.", "Oleg Sadovsky")
    assert found == {"person:oleg-sadovsky": ("Deputy Foreign Minister", "country:russia")}


def test_body_before_title_is_the_org(roles):
    found = roles("Defence Ministry spokesperson Kiran Bedekar said the delivery was on time.", "Kiran Bedekar")
    assert found == {"person:kiran-bedekar": ("spokesperson", "org:indian-mod")}


def test_apposition_after_the_name(roles):
    text = "Ilya Marchenko, a spokesman for Rosoboronexport, said the contract was signed."
    assert roles(text, "Ilya Marchenko") == {"person:ilya-marchenko": ("spokesman", "org:rosoboronexport")}


def test_apposition_before_the_name_with_an_acronym(roles):
    text = ("The head of the Federal Service for Military-Technical Cooperation (FSMTC), Boris Tal, "
            "told reporters the offer stood.")
    assert roles(text, "Boris Tal") == {"person:boris-tal": ("head", "org:fsmtc")}


def test_of_phrase_with_a_country(roles):
    text = "The President of Norway, Lars Holm, opened the shipyard."
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("President", "country:norway")}


def test_possessive_apposition_keeps_the_complement(roles):
    text = "Pavel Orlov, Russia's ambassador to India, said supplies would continue."
    assert roles(text, "Pavel Orlov") == {"person:pavel-orlov": ("ambassador to India", "country:russia")}


def test_unqualified_national_office_takes_the_dateline_country(roles):
    text = "NEW DELHI, May 3 - Defence Minister Arun Varma inspected the new radar on Friday."
    assert roles(text, "Arun Varma") == {"person:arun-varma": ("Defence Minister", "country:india")}


def test_counterpart_takes_the_title_of_the_other_minister(roles):
    text = ("NEW DELHI, May 3 - Defence Minister Arun Varma held talks with his Chinese counterpart "
            "Wei Tao in Beijing.")
    found = roles(text, "Arun Varma", "Wei Tao")
    assert found["person:wei-tao"] == ("Defence Minister", "country:china")


def test_combined_titles_stay_one_role(roles):
    text = "Kestrel Dynamics chairman and chief executive Dana Whitfield visited the plant."
    assert roles(text, "Dana Whitfield") == {
        "person:dana-whitfield": ("chairman and chief executive", "org:kestrel")}


def test_office_wins_over_rank(roles):
    text = "An IAF spokesperson, Wing Commander Meera Joshi, said the jets were ready."
    assert roles(text, "Meera Joshi") == {"person:meera-joshi": ("spokesperson", "org:indian-air-force")}


def test_rank_is_the_role_when_no_office_is_given(roles):
    text = "A senior Indian Air Force officer, Air Vice Marshal Tarun Mehta, said no offer was received."
    assert roles(text, "Tarun Mehta") == {"person:tarun-mehta": ("Air Vice Marshal", "org:indian-air-force")}


def test_rank_alone_finds_its_service(roles):
    text = "The Indian Army tested the rifle. Colonel Vikram Sood said it performed well."
    assert roles(text, "Vikram Sood") == {"person:vikram-sood": ("Colonel", "org:indian-army")}


def test_plural_title_applies_to_each_person_in_the_list(roles):
    text = "The deal was signed by defence ministers Anatoly Gromov and Arun Varma in Moscow."
    found = roles(text, "Anatoly Gromov", "Arun Varma")
    assert {p: t for p, (t, _) in found.items()} == {
        "person:anatoly-gromov": "defence minister", "person:arun-varma": "defence minister"}


def test_a_singular_title_does_not_pass_to_the_next_person_in_a_list(roles):
    text = "Defence Minister Arun Varma and Sunil Rao visited the base in New Delhi."
    found = roles(text, "Arun Varma", "Sunil Rao")
    assert "person:sunil-rao" not in found
    assert found["person:arun-varma"][0] == "Defence Minister"


def test_former_office_is_not_a_role(roles):
    text = "Rakesh Dubey, a retired air commodore who now writes on defence, doubted the claim."
    assert roles(text, "Rakesh Dubey") == {}


def test_who_heads_names_the_office(roles):
    text = "Ilya Marchenko, who heads Rosoboronexport, met the buyers."
    assert roles(text, "Ilya Marchenko") == {"person:ilya-marchenko": ("head", "org:rosoboronexport")}


def test_bare_body_word_finds_the_organisation(roles):
    text = ("The Russian embassy denied the report. \"Deliveries continue,\" embassy spokesperson "
            "Yuri Lapin said.")
    assert roles(text, "Yuri Lapin") == {"person:yuri-lapin": ("spokesperson", "org:russian-embassy")}


def test_definite_description_takes_the_body_of_an_earlier_one(roles):
    text = ("An Indian defence ministry official, who asked not to be named, said the file was open. "
            "\"Nothing is decided,\" said the official, Ravi.")
    assert roles(text, "Ravi") == {"person:ravi": ("official", "org:indian-mod")}


def test_title_without_a_body_is_not_a_role(roles):
    assert roles("Spokesperson Mina Park declined to comment.", "Mina Park") == {}


def test_plural_and_singular_forms():
    assert plural("defence secretary") == "defence secretaries"
    assert singular("foreign ministers") == "foreign minister"


@pytest.fixture
def office_mentions_of(nlp_base, reader):
    def read(text: str, *people: str) -> dict[str, list[str]]:
        doc = nlp_base(text)
        doc._.article = Article(text=text)
        doc._.entities = entities_for(text, list(people))
        reader(doc)
        return {e.id: [m.text for m in e.mentions if m.kind == "office"] for e in doc._.entities
                if e.type == "Person"}

    return read


def test_the_envoy_refers_to_the_one_ambassador(office_mentions_of):
    text = ("Russian Ambassador to India Pavel Orlov spoke after the summit. Deliveries are on track, "
            "the envoy said.")
    assert office_mentions_of(text, "Pavel Orlov") == {"person:pavel-orlov": ["the envoy"]}


def test_the_minister_with_two_ministers_is_nobody(office_mentions_of):
    text = ("NEW DELHI, May 3 - Defence Minister Arun Varma met his Russian counterpart Anatoly Gromov. "
            "The minister's visit lasted two days.")
    found = office_mentions_of(text, "Arun Varma", "Anatoly Gromov")
    assert found == {"person:arun-varma": [], "person:anatoly-gromov": []}


def test_the_spokesperson_refers_to_the_one_spokesperson(office_mentions_of):
    text = ("Rosoboronexport spokesman Ilya Marchenko and Defence Minister Arun Varma attended. "
            "The spokesman later said the order was final.")
    found = office_mentions_of(text, "Ilya Marchenko", "Arun Varma")
    assert found == {"person:ilya-marchenko": ["The spokesman"], "person:arun-varma": []}


def test_of_phrase_without_a_body_stays_in_the_title(roles):
    text = "WASHINGTON, May 3 - Secretary of State Tom Keller and Chief of the Air Staff Ravi Iyer spoke."
    found = roles(text, "Tom Keller")
    assert found["person:tom-keller"] == ("Secretary of State", "country:usa")
    assert found["person:ravi-iyer"][0] == "Chief of the Air Staff"  # a name the roles component proposed


@pytest.fixture
def roles_from(nlp_base, reader):
    """Roles of an article with its metadata (agencies), for the home-country rules."""
    def read(article: Article, *people: str) -> dict[str, tuple[str, str | None]]:
        doc = nlp_base(article.text)
        doc._.article = article
        doc._.entities = entities_for(article.text, list(people))
        reader(doc)
        return {role.person: (role.title, role.org) for role in doc._.roles}

    return read


@pytest.fixture
def every_role(nlp_base, reader):
    """Every role read, in order, as (person, title, org): a person may hold more than one office."""
    def read(text: str, *people: str) -> list[tuple[str, str, str | None]]:
        doc = nlp_base(text)
        doc._.article = Article(text=text)
        doc._.entities = entities_for(text, list(people))
        reader(doc)
        return [(role.person, role.title, role.org) for role in doc._.roles]

    return read


def test_its_title_belongs_to_the_organisation_named_before(roles):
    text = "The sanctions target Rosoboronexport, its director Ilya Marchenko and two deputies."
    assert roles(text, "Ilya Marchenko") == {"person:ilya-marchenko": ("director", "org:rosoboronexport")}


def test_country_given_after_the_name_wins_over_the_home_country(roles):
    text = "NEW DELHI, May 3 - President Lars Holm of Norway met officials in New Delhi."
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("President", "country:norway")}


def test_agency_credit_gives_the_home_country_when_the_dateline_is_no_capital(roles_from):
    text = ("KOCHI, May 3 (PTI) - Defence Minister Arun Varma visited Russia and met Russian officials "
            "about India's order.")
    article = Article(text=text, agencies=["PTI"])
    assert roles_from(article, "Arun Varma") == {"person:arun-varma": ("Defence Minister", "country:india")}


def test_world_agency_does_not_give_its_own_country(roles_from):
    text = "KOCHI (Reuters) - Defence Minister Arun Varma said India would buy more jets for India's navy."
    article = Article(text=text, agencies=["Reuters"])
    assert roles_from(article, "Arun Varma") == {"person:arun-varma": ("Defence Minister", "country:india")}


def test_well_known_surname_gives_the_country(roles):
    text = "NEW DELHI, May 3 - President Putin will visit India in December, officials in New Delhi said."
    assert roles(text, "Putin") == {"person:putin": ("President", "country:russia")}


def test_acronym_office_reads_as_its_title(roles):
    text = "NEW DELHI, May 3 - PM Arun Varma opened the plant."
    assert roles(text, "Arun Varma") == {"person:arun-varma": ("Prime Minister", "country:india")}


def test_national_titles_joined_by_and_are_two_offices(roles):
    text = "NEW DELHI, May 3 - The President and Prime Minister Arun Varma met on Monday."
    assert roles(text, "Arun Varma") == {"person:arun-varma": ("Prime Minister", "country:india")}


def test_abbreviated_rank_keeps_its_spelling(roles):
    text = "The Indian Army said the drill went well. Lt. Col. Meera Das led it."
    assert roles(text, "Meera Das") == {"person:meera-das": ("Lt. Col.", "org:indian-army")}


def test_who_is_apposition(roles):
    text = "Ilya Marchenko, who is the director of Rosoboronexport, met the buyers."
    assert roles(text, "Ilya Marchenko") == {"person:ilya-marchenko": ("director", "org:rosoboronexport")}


def test_ex_office_is_a_former_role(roles):
    text = "The Indian Army drill was praised by ex-Army chief Gen. Ravi Kant."
    assert roles(text, "Ravi Kant") == {"person:ravi-kant": ("former chief", "org:indian-army")}


def test_owner_before_a_title_and_a_portfolio_after_it(roles):
    text = "Kestrel Dynamics' vice president for India, Dana Whitfield, said the offer stood."
    assert roles(text, "Dana Whitfield") == {"person:dana-whitfield": ("vice president", "org:kestrel")}


def test_counterpart_of_unknown_country_is_not_given_the_same_country(roles):
    text = "NEW DELHI, May 3 - Defence Minister Arun Varma held talks with his counterpart Tomas Berg."
    assert roles(text, "Arun Varma", "Tomas Berg") == {"person:arun-varma": ("Defence Minister", "country:india")}


def test_form_of_address_is_not_part_of_the_title(roles):
    text = "Ms Chancellor Greta Lund of Norway opened the talks."
    assert roles(text, "Greta Lund") == {"person:greta-lund": ("Chancellor", "country:norway")}


def test_rank_before_a_bare_surname_is_not_read_as_a_person(roles):
    text = "The Indian Army welcomed the frigate Admiral Kestov to the port."
    assert roles(text, "Kestov") == {}


def test_outlet_naming_a_country_gives_the_home_country(roles_from):
    text = "President Tomas Berg met the Chinese delegation. China and Norway signed a deal. China said so."
    article = Article(text=text, outlet="Government of Norway")
    assert roles_from(article, "Tomas Berg") == {"person:tomas-berg": ("President", "country:norway")}


def test_rank_takes_the_service_of_the_persons_country_not_a_foreign_one(roles):
    text = "NEW DELHI, May 3 - The Iranian navy sent a frigate. Admiral Vikram Rao inspected it in New Delhi."
    assert roles(text, "Vikram Rao") == {"person:vikram-rao": ("Admiral", "country:india")}


def test_body_noun_inside_a_catalogue_title_finds_the_organisation(roles):
    text = ("The Norwegian foreign ministry denied the report. Foreign Ministry spokesperson Kari Nord "
            "said no talks were held.")
    found = roles(text, "Kari Nord")
    assert found == {"person:kari-nord": ("Foreign Ministry spokesperson", "org:norway-mfa")}


def test_words_like_newly_appointed_are_passed_over(roles):
    text = "The newly appointed Russian ambassador, Pavel Orlov, presented his credentials."
    assert roles(text, "Pavel Orlov") == {"person:pavel-orlov": ("ambassador", "country:russia")}


def test_unqualified_office_beside_a_foreign_one_is_of_another_country(roles):
    text = ("France and India signed the deal. Defence Minister Arun Varma and French Armed Forces "
            "Minister Luc Girard signed it in Paris, France, for India's navy.")
    found = roles(text, "Arun Varma", "Luc Girard")
    assert found["person:arun-varma"] == ("Defence Minister", "country:india")
    assert found["person:luc-girard"] == ("Armed Forces Minister", "country:france")


def test_a_visitor_is_not_of_the_country_visited(roles):
    text = ("Norway and India talked trade. President Lars Holm's visit to Norway was his first. "
            "Norwegian officials met him in Norway.")
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("President", "country:india")}


def test_dateline_gives_the_home_country_when_no_entity_covers_it(roles):
    text = ("OSLO, May 3 (Reuters) - Defence Minister Lars Holm said Russia and Russian suppliers "
            "were no option, and Russia was not invited.")
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("Defence Minister", "country:norway")}


def test_minister_takes_the_country_of_the_ministry_of_that_portfolio(roles):
    text = ("The Norwegian foreign ministry said the talks went well. Russia and Russian envoys were not "
            "present.\n\nForeign Minister Lars Holm signed the accord.")
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("Foreign Minister", "country:norway")}


def test_ministry_of_another_portfolio_says_nothing_of_a_minister(roles):
    text = ("The Norwegian foreign ministry said the talks went well. Russia and Russian envoys were "
            "present.\n\nFinance Minister Lars Holm signed the accord.")
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("Finance Minister", "country:russia")}


def test_well_known_name_in_family_name_first_order(roles):
    text = "WASHINGTON - President Pavel Orlov met Prime Minister Modi Narendra on Monday."
    found = roles(text, "Pavel Orlov", "Modi Narendra")
    assert found["person:modi-narendra"] == ("Prime Minister", "country:india")


def test_form_of_address_after_the_comma_before_the_name(roles):
    text = "The ribbon was cut by the President of Norway, Dr Lars Holm."
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("President", "country:norway")}


def test_body_named_after_an_owner_that_is_no_entity(roles):
    text = ("The visit was led by Tom Keller, who is deputy director at the government's Federal Service for "
            "Military-Technical Cooperation.")
    assert roles(text, "Tom Keller") == {"person:tom-keller": ("deputy director", "org:fsmtc")}


def test_in_an_organisation_is_the_body_and_in_a_country_stays_in_the_title(roles):
    text = ("On Monday Russia's envoy in France, Pavel Orlov, sat down with an adviser in the Norwegian foreign "
            "ministry, Tom Keller.")
    found = roles(text, "Tom Keller", "Pavel Orlov")
    assert found == {"person:tom-keller": ("adviser", "org:norway-mfa"),
                     "person:pavel-orlov": ("envoy in France", "country:russia")}


def test_an_executive_of_a_company(roles):
    text = "Kestrel Dynamics executive Dana Whitfield opened the plant on Monday."
    assert roles(text, "Dana Whitfield") == {"person:dana-whitfield": ("executive", "org:kestrel")}


@pytest.mark.parametrize("text", [
    "Alongside my old colleague President Lars Holm of Norway, we signed the accord.",
    "Today President Lars Holm of Norway signed the accord.",
    "It was the outcome President Lars Holm of Norway wanted.",
])
def test_words_before_a_capitalised_title_that_do_not_qualify_it(roles, text):
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("President", "country:norway")}


@pytest.mark.parametrize("text, title", [
    ("WASHINGTON - Under Secretary of Defense for Research and Engineering Tom Keller toured the plant.",
     "Under Secretary of Defense for Research and Engineering"),
    ("WASHINGTON - Assistant Secretary of State for Political-Military Affairs Tom Keller toured the plant.",
     "Assistant Secretary of State for Political-Military Affairs"),
])
def test_portfolio_in_capitals_after_for_stays_in_the_title(roles, text, title):
    assert roles(text, "Tom Keller") == {"person:tom-keller": (title, "country:usa")}


def test_portfolio_stops_where_another_title_begins(roles):
    text = "A spokesman for Foreign Minister Lars Holm of Norway declined to comment."
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("Foreign Minister", "country:norway")}


def test_portfolio_then_body(roles):
    text = "Reporters were briefed by the Head of the Media Department of the Defence Ministry, Tom Keller."
    assert roles(text, "Tom Keller") == {"person:tom-keller": ("Head of the Media Department", "org:indian-mod")}


@pytest.mark.parametrize("text", [
    "Lars Holm, Deputy Prime Minister and Minister of National Defence of Norway, toured the plant.",
    "OSLO - Deputy Prime Minister and Minister of National Defence Lars Holm toured the plant.",
])
def test_offices_joined_by_and_are_one_persons(roles, text):
    assert roles(text, "Lars Holm") == {
        "person:lars-holm": ("Deputy Prime Minister and Minister of National Defence", "country:norway")}


def test_form_of_address_in_a_well_known_name(roles):
    text = "WASHINGTON - We thank President Sheikh Mohammed bin Zayed for his support."
    assert roles(text, "Sheikh Mohammed bin Zayed") == {
        "person:sheikh-mohammed-bin-zayed": ("President", "country:uae")}


def test_a_title_wholly_inside_an_organisation_name_is_read_without_error(nlp_base, reader):
    text = "Did any Cabinet Secretaries object to the plan?"
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    start = text.index("Cabinet Secretaries")
    doc._.entities = [Entity("org:cabinet", "Organization", "Cabinet Secretaries",
                             [Mention(start, start + len("Cabinet Secretaries"), "Cabinet Secretaries")])]
    reader(doc)
    assert doc._.roles == []


def test_name_then_comma_then_title_said_is_no_apposition(roles):
    text = "Thank you. Lars, the President said on Monday that Norway would sign."
    assert roles(text, "Lars") == {}


def test_a_body_named_like_a_title_gives_its_members_no_empty_title(nlp_base, reader):
    text = "With us tonight are our Chairman of our Joint Chiefs, General Tom Keller, and General Lars Holm."
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    entities = entities_for(text, ["Tom Keller", "Lars Holm"])
    start = text.index("Joint Chiefs")
    entities.append(Entity("org:joint-chiefs", "Organization", "Joint Chiefs",
                           [Mention(start, start + len("Joint Chiefs"), "Joint Chiefs")]))
    doc._.entities = entities
    reader(doc)
    assert all(role.title for role in doc._.roles)


def test_a_catalogued_title_ending_in_a_known_body_is_that_bodys_office(roles):
    text = "WASHINGTON - Chairman of the Joint Chiefs of Staff General Tom Keller briefed reporters."
    assert roles(text, "Tom Keller") == {"person:tom-keller": ("Chairman", "org:joint-chiefs-of-staff")}


def test_a_bare_secretary_general_belongs_to_the_body_the_text_names_most(roles):
    text = ("NATO leaders met in Oslo. The United Nations sent an observer. NATO will open an office in Kyiv, "
            "Secretary General Lars Holm said. NATO members agreed.")
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("Secretary General", "org:nato")}


def test_a_bare_secretary_general_between_two_bodies_named_alike_has_no_body(roles):
    text = "NATO and the United Nations met in Oslo, Secretary General Lars Holm said."
    assert roles(text, "Lars Holm") == {}


def test_a_bare_capitalised_leader_in_a_text_about_congress_leads_in_congress(roles):
    text = ("WASHINGTON - Congress passed the bill on Tuesday. I thank Leader Tom Keller for his work, "
            "and the opposition leader Lars Holm of Norway sent his regards.")
    assert roles(text, "Tom Keller", "Lars Holm") == {"person:tom-keller": ("Leader", "org:us-congress")}


def test_a_bare_supreme_commander_in_chief_is_a_further_office_of_the_one_president(every_role):
    text = ("MOSCOW - President Ivan Petrov held a meeting at the Defence Ministry. "
            "The Supreme Commander-in-Chief outlined the objectives for next year.")
    doc_roles = every_role(text, "Ivan Petrov")
    assert doc_roles == [("person:ivan-petrov", "President", "country:russia"),
                         ("person:ivan-petrov", "Supreme Commander-in-Chief", "country:russia")]


def test_a_bare_supreme_commander_in_chief_between_two_presidents_is_nobodys(every_role):
    text = ("MOSCOW - President Ivan Petrov met President Lars Holm of Norway. "
            "The Supreme Commander-in-Chief outlined the objectives for next year.")
    titles = [title for _, title, _ in every_role(text, "Ivan Petrov", "Lars Holm")]
    assert titles == ["President", "President"]


def test_offices_of_two_people_are_not_joined_when_a_name_was_missed(roles):
    text = ("MOSCOW - The talks were joined by Head of the Foreign Policy Directorate Ivan Petrov and Deputy "
            "Finance Minister Oleg Sadovsky.")
    found = roles(text, "Oleg Sadovsky")  # Ivan Petrov is not recognised as a person
    assert found == {"person:oleg-sadovsky": ("Deputy Finance Minister", "country:russia")}


def test_plural_title_before_a_colon_list_gives_each_name_its_bracketed_country(roles):
    text = ("Four new ambassadors handed their letters to the President on Friday: Pavel Orlov (Russia), "
            "Lars Holm (Norway), Anand Rao (India) and Claire Dubois (France).")
    found = roles(text, "Pavel Orlov", "Lars Holm", "Anand Rao", "Claire Dubois")
    assert found["person:lars-holm"] == ("ambassador", "country:norway")
    assert found["person:claire-dubois"] == ("ambassador", "country:france")
    assert len(found) == 4


def test_a_colon_after_a_plural_title_with_one_name_is_no_list(roles):
    text = "The ambassadors met one guest: Pavel Orlov (Russia) spoke first."
    assert roles(text, "Pavel Orlov") == {}


def test_a_second_president_in_a_text_that_gives_the_presidency_to_another_takes_the_paragraph_country(roles):
    text = ("MOSCOW, May 3 - Russian President Pavel Orlov opened the forum.\n"
            "Relations with France are growing. Orlov said President Claire Dubois would come in June.")
    found = roles(text, "Pavel Orlov", "Claire Dubois")
    assert found["person:claire-dubois"] == ("President", "country:france")


def test_a_title_the_home_country_lacks_is_another_country(roles):
    text = ("WASHINGTON, May 3 - Trade with Norway grew last year, and Defence Minister Lars Holm "
            "will visit in June.")
    assert roles(text, "Lars Holm") == {"person:lars-holm": ("Defence Minister", "country:norway")}


def test_the_home_country_keeps_its_own_offices(roles):
    text = ("WASHINGTON, May 3 - Trade with Norway grew last year, and Secretary of State Tom Keller "
            "will visit in June.")
    assert roles(text, "Tom Keller") == {"person:tom-keller": ("Secretary of State", "country:usa")}


def test_the_signer_of_an_order_holds_the_office_it_is_made_under(roles):
    text = ("By the authority vested in me as President by the laws of the United States, it is hereby "
            "ordered that the review begin.\n\nTOM KELLER\n\nTHE WHITE HOUSE,\n\nMay 3, 2026.")
    assert roles(text, "TOM KELLER") == {"person:tom-keller": ("President", "country:usa")}


def test_an_order_without_a_signature_line_gives_no_role(roles):
    text = "By the authority vested in me as President, Tom Keller wrote, the review may begin."
    assert roles(text, "Tom Keller") == {}


def test_editor_in_chief_of_a_paper_before_the_name(roles):
    text = "Kestrel Dynamics Editor in Chief Dana Whitfield asked the first question."
    assert roles(text, "Dana Whitfield") == {"person:dana-whitfield": ("Editor in Chief", "org:kestrel")}


def test_a_former_office_is_recorded_as_former_beside_the_current_one(roles):
    text = "WASHINGTON, May 3 - Secretary of State Tom Keller praised former Defense Secretary Dana Whitfield."
    found = roles(text, "Tom Keller", "Dana Whitfield")
    assert found["person:dana-whitfield"] == ("former Defense Secretary", "country:usa")
    assert found["person:tom-keller"] == ("Secretary of State", "country:usa")


@pytest.mark.parametrize("text", [
    "The Kremlin announced the appointment of Pavel Orlov as Russia's Ambassador to India.",
    "President Sokolova appointed Pavel Orlov as Russia's next Ambassador to India.",
    "The minister congratulated Pavel Orlov on his appointment as Russian Ambassador to India.",
])
def test_an_office_given_by_appointment_after_as(roles, text):
    assert roles(text, "Pavel Orlov")["person:pavel-orlov"] == ("Ambassador to India", "country:russia")


def test_an_office_after_as_without_an_appointment_is_none(roles):
    assert roles("Analysts see Pavel Orlov as Russia's next Ambassador to India.", "Pavel Orlov") == {}


def test_the_subject_of_serves_as_holds_the_office(roles):
    found = roles("Boris Tal currently serves as Director of Exports at Rosoboronexport.", "Boris Tal")
    assert found == {"person:boris-tal": ("Director of Exports", "org:rosoboronexport")}


def test_a_pronoun_that_serves_as_stands_for_the_person_named_before(roles):
    text = "Boris Tal joined the board in 2019.\n\nHe currently serves as Director of Exports at Rosoboronexport."
    assert roles(text, "Boris Tal") == {"person:boris-tal": ("Director of Exports", "org:rosoboronexport")}


def test_each_office_a_biography_gives_is_kept(nlp_base, reader):
    text = ("Boris Tal currently serves as Director of Exports at Rosoboronexport. Previously he served as Head of "
            "the Federal Service for Military-Technical Cooperation.")
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    doc._.entities = entities_for(text, ["Boris Tal"])
    reader(doc)
    assert sorted((r.title, r.org) for r in doc._.roles if r.person == "person:boris-tal") == [
        ("Director of Exports", "org:rosoboronexport"), ("Head", "org:fsmtc")]


def test_a_command_is_an_office_though_its_title_is_a_rank(roles):
    text = "Commander of the Iranian navy Pavel Orlov reviewed the ships."
    assert roles(text, "Pavel Orlov") == {"person:pavel-orlov": ("Commander", "org:iranian-fleet")}


def test_an_office_held_once_that_names_nothing_it_belonged_to_is_none(roles):
    text = "WASHINGTON - Boris Tal joined the board in 2019. Earlier he served as Vice President."
    assert roles(text, "Boris Tal") == {}


def test_a_command_named_before_its_commander_is_the_office_body(roles):
    text = "Pacific Fleet Commander Pavel Orlov reviewed the ships."
    assert roles(text, "Pavel Orlov") == {"person:pavel-orlov": ("Commander", "org:pacific-fleet")}


def test_an_envoy_named_with_no_body_is_of_the_persons_country(roles):
    text = "WASHINGTON - Special Envoy Dana Whitfield will travel to Paris next week."
    assert roles(text, "Dana Whitfield") == {"person:dana-whitfield": ("Special Envoy", "country:usa")}


def test_offices_each_with_a_body_joined_before_a_name_are_two_roles(nlp_base, reader):
    text = ("The meeting was attended by Head of Rosoboronexport and Director of the Federal Service for "
            "Military-Technical Cooperation Boris Tal.")
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    doc._.entities = entities_for(text, ["Boris Tal"])
    reader(doc)
    assert sorted((r.title, r.org) for r in doc._.roles if r.person == "person:boris-tal") == [
        ("Director", "org:fsmtc"), ("Head", "org:rosoboronexport")]


def test_offices_joined_without_their_own_bodies_stay_one_title(nlp_base, reader):
    text = "MOSCOW - Deputy Prime Minister and Defence Minister Pavel Orlov met reporters."
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    doc._.entities = entities_for(text, ["Pavel Orlov"])
    reader(doc)
    assert [(r.title, r.org) for r in doc._.roles] == [("Deputy Prime Minister and Defence Minister", "country:russia")]


def test_an_appointment_list_gives_each_line_the_body_its_heading_names(roles):
    text = ("WASHINGTON - Today the President announced his intent to appoint the following individuals to "
            "Kestrel Dynamics:\n\nBoris Tal, Commissioner, Defence Ministry\n\nPavel Orlov, Commissioner, Rosoboronexport\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert found == {"person:boris-tal": ("Commissioner", "org:kestrel"),
                     "person:pavel-orlov": ("Commissioner", "org:kestrel")}


def test_an_appointment_list_under_a_heading_without_a_body_gives_the_body_of_each_line(roles):
    text = LIST_HEADING + (
        "Boris Tal, Member, Kestrel Dynamics\n\nPavel Orlov, Member, Nordvik Yards\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert found == {"person:boris-tal": ("Member", "org:kestrel"), "person:pavel-orlov": ("Member", "org:nordic-yards")}


def test_a_list_line_skips_the_service_and_retirement_mark_after_a_ranked_name(roles):
    text = LIST_HEADING + (
        "Lt. Col. Boris Tal, USMC (Ret.), Member, Kestrel Dynamics\n\n"
        "Rear Adm. Pavel Orlov, USN, Member, Nordvik Yards\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert found["person:boris-tal"] == ("Member", "org:kestrel")
    assert found["person:pavel-orlov"] == ("Member", "org:nordic-yards")


def test_a_ranked_list_line_counts_its_name_words_after_the_rank(roles):
    text = LIST_HEADING + (
        "Lieutenant Colonel Boris Ivanovich Tal, Member, Kestrel Dynamics\n\n"
        "Pavel Orlov, Member, Nordvik Yards\n")
    found = roles(text, "Boris Ivanovich Tal", "Pavel Orlov")
    assert found["person:boris-ivanovich-tal"] == ("Member", "org:kestrel")


def test_a_list_line_whose_second_part_is_no_service_keeps_it_as_the_title(roles):
    text = LIST_HEADING + (
        "Boris Tal, Kestrel Dynamics, Member\n\nPavel Orlov, Nordvik Yards, Member\n")
    assert roles(text, "Boris Tal", "Pavel Orlov") == {}


def test_one_name_title_body_line_is_no_list(roles):
    text = "Boris Tal, Member, Kestrel Dynamics\n\nThe board meets twice a year in Oslo."
    assert roles(text, "Boris Tal") == {}


def test_a_name_opening_a_list_line_that_the_tagger_took_for_a_place_is_a_person(nlp_base, reader):
    text = ("WASHINGTON - Today the President announced his intent to appoint the following individuals to "
            "Kestrel Dynamics:\n\nBoris Tal, Commissioner, Defence Ministry\n\nIlse Varga, Commissioner, Rosoboronexport\n")
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    start = text.index("Ilse Varga")
    place = Entity("location:ilse-varga", "Location", "Ilse Varga", [Mention(start, start + 10, "Ilse Varga")])
    doc._.entities = entities_for(text, ["Boris Tal"]) + [place]
    reader(doc)
    people = {e.id: e.name for e in doc._.entities if e.type == "Person"}
    assert sorted((people.get(r.person), r.title, r.org) for r in doc._.roles) == [
        ("Boris Tal", "Commissioner", "org:kestrel"), ("Ilse Varga", "Commissioner", "org:kestrel")]


def _listed_roles(nlp_base, reader, text: str, people: list[str], extra: list[Entity] = ()) -> list[tuple]:
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    doc._.entities = entities_for(text, people) + list(extra)
    reader(doc)
    names = {e.id: e.name for e in doc._.entities if e.type == "Person"}
    return sorted((names.get(r.person), r.title, r.org) for r in doc._.roles if r.title == "Member")


def test_a_list_line_name_after_a_form_of_address_or_rank_is_proposed(nlp_base, reader):
    text = LIST_HEADING + ("Boris Tal, Member, Kestrel Dynamics\n\nDr. Ilse Varga, Member, Kestrel Dynamics\n\n"
                           "Lt. Col. Anna Holm, Member, Nordvik Yards\n")
    assert _listed_roles(nlp_base, reader, text, ["Boris Tal"]) == [
        ("Anna Holm", "Member", "org:nordic-yards"), ("Boris Tal", "Member", "org:kestrel"),
        ("Ilse Varga", "Member", "org:kestrel")]


def test_a_rank_before_a_name_marked_retired_is_no_role(nlp_base, reader):
    text = LIST_HEADING + ("Gen. Boris Tal, USMC (Ret.), Member, Kestrel Dynamics\n\n"
                           "Lt. Col. Anna Holm, USAF, Member, Nordvik Yards\n")
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    doc._.entities = entities_for(text, ["Boris Tal", "Anna Holm"])
    reader(doc)
    ranks = sorted((r.person, r.title) for r in doc._.roles if r.title != "Member")
    assert ranks == [("person:anna-holm", "Lt. Col.")]


def test_a_list_line_name_may_end_in_a_suffix_and_its_rank_word_be_tagged_a_person(nlp_base, reader):
    text = LIST_HEADING + "Boris Tal, Member, Kestrel Dynamics\n\nLt. Cmdr. Pavel K. Orlov IV, Member, Nordvik Yards\n"
    start = text.index("Cmdr")
    rank_as_person = Entity("person:cmdr", "Person", "Cmdr", [Mention(start, start + 4, "Cmdr")])
    assert _listed_roles(nlp_base, reader, text, ["Boris Tal"], [rank_as_person]) == [
        ("Boris Tal", "Member", "org:kestrel"), ("Pavel K. Orlov IV", "Member", "org:nordic-yards")]


def test_a_list_line_name_may_join_two_surnames_by_a_hyphen(nlp_base, reader):
    text = LIST_HEADING + "Boris Tal, Member, Kestrel Dynamics\n\nIlse Varga-Holm, Member, Nordvik Yards\n"
    assert _listed_roles(nlp_base, reader, text, ["Boris Tal"]) == [
        ("Boris Tal", "Member", "org:kestrel"), ("Ilse Varga-Holm", "Member", "org:nordic-yards")]


def test_a_list_line_body_tagged_by_its_first_words_is_the_body_whose_name_the_line_ends_with(nlp_base, reader):
    body = "Board of Visitors to the Kestrel Academy"
    text = LIST_HEADING + f"Boris Tal, Member, {body}\n\nPavel Orlov, Member, {body}\n"
    first, second = text.index(body), text.rindex(body)
    board = Entity("org:kestrel-board", "Organization", body,
                   [Mention(first, first + len(body), body), Mention(second, second + 17, "Board of Visitors")])
    assert _listed_roles(nlp_base, reader, text, ["Boris Tal", "Pavel Orlov"], [board]) == [
        ("Boris Tal", "Member", "org:kestrel-board"), ("Pavel Orlov", "Member", "org:kestrel-board")]


def test_a_title_set_off_by_a_comma_before_a_rank_and_name_is_their_office(roles):
    text = "On Monday, Commander of the Iranian navy, Vice Admiral Pavel Orlov, reviewed the ships."
    assert roles(text, "Pavel Orlov") == {"person:pavel-orlov": ("Commander", "org:iranian-fleet")}


def test_a_title_set_off_by_a_comma_before_a_plain_name_is_no_apposition(roles):
    text = "He thanked Head of Rosoboronexport, Pavel Orlov and Boris Tal for the talks."
    assert "person:pavel-orlov" not in roles(text, "Pavel Orlov", "Boris Tal")


def test_the_subject_of_is_holds_the_office_the_article_gives(roles):
    found = roles("Boris Tal is the Director of Exports at Rosoboronexport.", "Boris Tal")
    assert found == {"person:boris-tal": ("Director of Exports", "org:rosoboronexport")}


def test_is_a_capitalised_title_without_an_article_holds_the_office(roles):
    text = "Boris Tal is Director General of Kestrel Dynamics. Kestrel Dynamics builds boats."
    found = roles(text, "Boris Tal")
    assert found == {"person:boris-tal": ("Director General", "org:kestrel")}


def test_was_before_a_title_with_its_body_gives_an_office_held_once(roles):
    text = "For six years, Pavel Orlov was Director of Exports at Rosoboronexport. Rosoboronexport sells arms."
    found = roles(text, "Pavel Orlov")
    assert found == {"person:pavel-orlov": ("Director of Exports", "org:rosoboronexport")}


def test_was_before_a_title_whose_body_the_text_names_once_is_no_office(roles):
    text = "For six years, Pavel Orlov was Director of Exports at Kestrel Dynamics in Oslo."
    assert roles(text, "Pavel Orlov") == {}


def test_was_before_a_title_in_lower_case_without_an_article_is_no_office(roles):
    assert roles("Pavel Orlov was director of nothing at Rosoboronexport.", "Pavel Orlov") == {}


def test_is_the_first_president_is_a_ranking_not_an_office(roles):
    assert roles("Pavel Orlov is the first Head of Rosoboronexport to visit Oslo.", "Pavel Orlov") == {}


def test_a_pronoun_before_is_names_no_office_holder(roles):
    text = "Boris Tal joined the board in 2019.\n\nShe is a spokeswoman for Rosoboronexport."
    assert roles(text, "Boris Tal") == {}


def test_is_a_title_without_its_body_is_no_office(roles):
    assert roles("Boris Tal is sort of the Director here.", "Boris Tal") == {}


def test_a_nomination_list_gives_each_nominee_the_office_and_body_of_the_line(roles):
    text = NOMINATING + (
        "Boris Tal, Nominee for Director of Exports, Rosoboronexport\n\n"
        "Pavel Orlov, Nominee for Chief Engineer, Kestrel Dynamics\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert found == {"person:boris-tal": ("Nominee for Director of Exports", "org:rosoboronexport"),
                     "person:pavel-orlov": ("Nominee for Chief Engineer", "org:kestrel")}


def test_a_nominee_line_with_a_lower_case_office_is_no_list_line(roles):
    text = ("The following were named:\n\nBoris Tal, nominee for the board, Rosoboronexport\n\n"
            "Pavel Orlov, nominee for the board, Kestrel Dynamics\n")
    assert roles(text, "Boris Tal", "Pavel Orlov") == {}


def test_the_director_of_national_intelligence_is_one_office_of_the_country(roles):
    text = "WASHINGTON - Director of National Intelligence Dana Whitfield briefed the committee on Tuesday."
    assert roles(text, "Dana Whitfield") == {"person:dana-whitfield": ("Director of National Intelligence", "country:usa")}


def test_a_name_a_body_mention_swallowed_with_the_end_of_a_title_is_the_office_holder(nlp_base, reader):
    text = "WASHINGTON - Director of National Intelligence Dana Whitfield briefed the committee on Tuesday."
    doc = nlp_base(text)
    doc._.article = Article(text=text)
    start = text.index("National Intelligence")
    swallowed = "National Intelligence Dana Whitfield"
    body = Entity("org:national-intelligence-dana-whitfield", "Organization", swallowed,
                  [Mention(start, start + len(swallowed), swallowed)])
    doc._.entities = entities_for(text, []) + [body]
    reader(doc)
    people = {e.id: e.name for e in doc._.entities if e.type == "Person"}
    assert [(people.get(r.person), r.title, r.org) for r in doc._.roles] == [
        ("Dana Whitfield", "Director of National Intelligence", "country:usa")]
    assert not [e for e in doc._.entities if e.type == "Organization" and "Whitfield" in e.name]


def test_a_list_line_names_the_person_whose_shorter_mention_it_holds(roles):
    text = NOMINATING + (
        "Mira Boris Tal, Nominee for Director of Exports, Rosoboronexport\n\n"
        "Pavel Orlov, Nominee for Chief Engineer, Kestrel Dynamics\n")
    found = roles(text, "Tal", "Pavel Orlov")
    assert found["person:tal"] == ("Nominee for Director of Exports", "org:rosoboronexport")


def test_a_nominee_office_with_commas_runs_to_the_body_after_the_last_comma(roles):
    text = NOMINATING + (
        "Boris Tal, Nominee for Director of Exports, Imports, and Leasing, Rosoboronexport\n\n"
        "Pavel Orlov, Nominee for Chief Engineer, Kestrel Dynamics\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert found["person:boris-tal"] == ("Nominee for Director of Exports, Imports, and Leasing",
                                         "org:rosoboronexport")


def test_a_nominee_envoy_line_without_a_body_is_an_office_of_the_nominating_country(roles):
    text = NOMINATING + ("Boris Tal, Nominee for Ambassador Extraordinary and Plenipotentiary to the Kingdom of Norway\n\n"
                         "Pavel Orlov, Nominee for Ambassador to the Republic of India\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert found == {
        "person:boris-tal": ("Nominee for Ambassador Extraordinary and Plenipotentiary to the Kingdom of Norway",
                             "country:usa"),
        "person:pavel-orlov": ("Nominee for Ambassador to the Republic of India", "country:usa")}


def test_a_nominee_line_the_text_runs_into_its_paragraph_gives_no_office(roles):
    text = NOMINATING + ("Boris Tal, Nominee for Ambassador to the Kingdom of Norway\n\n"
                         "Pavel Orlov, Nominee for Ambassador to the Republic of India Pavel Orlov is a diplomat. "
                         "He speaks Hindi\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert "person:pavel-orlov" not in found
    assert found["person:boris-tal"] == ("Nominee for Ambassador to the Kingdom of Norway", "country:usa")


def test_a_nominee_line_without_a_body_after_its_office_takes_the_body_the_office_ends_on(roles):
    text = NOMINATING + ("Boris Tal, Nominee for Director of Kestrel Dynamics\n\n"
                         "Pavel Orlov, Nominee for Chief Engineer of Nordvik Yards at the Defence Ministry\n")
    found = roles(text, "Boris Tal", "Pavel Orlov")
    assert found == {"person:boris-tal": ("Nominee for Director", "org:kestrel"),
                     "person:pavel-orlov": ("Nominee for Chief Engineer", "org:nordic-yards")}


def test_a_nominee_line_whose_portfolio_follows_its_body_or_names_it_after_for_or_naming_none_gives_no_office(roles):
    text = NOMINATING + ("Boris Tal, Nominee for Director of Kestrel Dynamics for Exports\n\n"
                         "Pavel Orlov, Nominee for Inspector General\n\n"
                         "Ivan Pelt, Nominee for Assistant Secretary for Rosoboronexport\n")
    assert roles(text, "Boris Tal", "Pavel Orlov", "Ivan Pelt") == {}


def test_a_speaker_is_the_speaker_of_the_body_named_with_it(roles):
    text = "MOSCOW - The meeting was attended by State Duma Speaker Oleg Varenko. The keynote speaker, Ivan Pelt, spoke."
    found = roles(text, "Oleg Varenko", "Ivan Pelt")
    assert found == {"person:oleg-varenko": ("Speaker", "org:state-duma")}


def test_a_later_line_the_parser_runs_into_the_sentence_gives_no_country_away(roles):
    # the parser reads these lines as one sentence: "President of Russia" is no other holder's country there
    text = ("Taking part in the videoconference were Prime Minister Ivan Pelt, Interior Minister Oleg Varenko, "
            "Foreign Minister Lev Kasatkin, and Special Presidential Representative for Environmental Protection, "
            "Ecology and Transport Anton Ivanov.\n\n* * *\n\nPresident of Russia Pavel Orlov: Good afternoon, colleagues.")
    found = roles(text, "Ivan Pelt", "Oleg Varenko", "Lev Kasatkin", "Anton Ivanov", "Pavel Orlov")
    assert found["person:oleg-varenko"] == ("Interior Minister", "country:russia")
    assert found["person:lev-kasatkin"] == ("Foreign Minister", "country:russia")


def test_a_transcript_note_in_brackets_gives_the_office(roles):
    text = ("MOSCOW - Industry leaders raise this with me, Mr Varenko [Deputy Prime Minister] first of all. "
            "Yes, [Ivan Pelt, director of Rosoboronexport] corrected me.")
    found = roles(text, "Oleg Varenko", "Ivan Pelt")
    assert found == {"person:oleg-varenko": ("Deputy Prime Minister", "country:russia"),
                     "person:ivan-pelt": ("director", "org:rosoboronexport")}


def test_a_congressman_named_bare_is_of_the_congress_the_article_names(roles):
    text = "WASHINGTON - The President thanked Congresswoman Lena Hart and Congressman Tod Hale for their work in Congress."
    found = roles(text, "Lena Hart", "Tod Hale")
    assert found == {"person:lena-hart": ("Congresswoman", "org:us-congress"),
                     "person:tod-hale": ("Congressman", "org:us-congress")}


def test_a_speaker_named_bare_is_of_the_house_the_article_names_most(roles):
    text = ("WASHINGTON - The bill now goes to the House, and the President urged Speaker Tod Hale to bring it to "
            "the floor. The House votes next week. A speaker, Lena Hart, spoke at the event.")
    found = roles(text, "Tod Hale", "Lena Hart")
    assert found == {"person:tod-hale": ("Speaker", "org:us-house")}


def test_a_speaker_pro_tem_is_a_title_not_a_name(roles):
    text = "WASHINGTON - The House has no Speaker, and the letter went to Speaker Pro Tem Tod Hale on Friday."
    found = roles(text, "Tod Hale")
    assert found == {"person:tod-hale": ("Speaker Pro Tem", "org:us-house")}


def test_a_speaker_named_bare_where_no_house_is_named_has_no_role(roles):
    found = roles("WASHINGTON - The President met Speaker Tod Hale on Tuesday.", "Tod Hale")
    assert found == {}


def test_an_administrator_is_of_the_agency_named_with_the_title(roles):
    text = "WASHINGTON - FEMA Administrator Lena Hart visited the flooded towns on Monday. Administrator Hale stayed away."
    found = roles(text, "Lena Hart", "Tod Hale")
    assert found == {"person:lena-hart": ("Administrator", "org:fema")}


def test_a_chair_is_an_office_of_the_body_named_with_it(every_role):
    text = "Mira Venn is the Vice Chair of Kestrel Dynamics. Tomas Hale, Co-Chair of Rosoboronexport, agreed."
    assert sorted(every_role(text, "Mira Venn", "Tomas Hale")) == [
        ("person:mira-venn", "Vice Chair", "org:kestrel"), ("person:tomas-hale", "Co-Chair", "org:rosoboronexport")]


def test_a_biography_gives_membership_of_a_body_beside_the_office(every_role):
    text = ("Boris Tal, a career member of the Federal Service for Military-Technical Cooperation, leads the talks. Boris "
            "Tal is the Director of Exports at Rosoboronexport. Pavel Orlov served as a member of Kestrel Dynamics from "
            "2010 to 2014.")
    assert sorted(every_role(text, "Boris Tal", "Pavel Orlov")) == [
        ("person:boris-tal", "Director of Exports", "org:rosoboronexport"),
        ("person:boris-tal", "career member", "org:fsmtc"),
        ("person:pavel-orlov", "member", "org:kestrel")]


def test_a_member_without_a_biography_verb_or_comma_is_no_office(every_role):
    text = "Pavel Orlov met a member of Kestrel Dynamics. Boris Tal thinks a member of Rosoboronexport said so."
    assert every_role(text, "Boris Tal", "Pavel Orlov") == []


def test_a_biography_subject_set_off_by_an_apposition_holds_the_office(every_role):
    text = ("Boris Tal, a career member of the Senior Foreign Service, class of Counselor, currently serves as Director "
            "of Exports at Rosoboronexport. Pavel Orlov, Ph.D., is the Deputy Director of Kestrel Dynamics.")
    assert sorted(every_role(text, "Boris Tal", "Pavel Orlov")) == [
        ("person:boris-tal", "Director of Exports", "org:rosoboronexport"),
        ("person:pavel-orlov", "Deputy Director", "org:kestrel")]


def test_an_apposition_with_a_verb_gives_no_biography_subject(every_role):
    text = "Boris Tal, who met the delegation, said the Director of Exports at Rosoboronexport agreed."
    assert every_role(text, "Boris Tal") == []
