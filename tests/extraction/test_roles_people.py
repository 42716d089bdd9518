"""People proposed by the roles component where the entity stage missed a name beside an office title.

The entities are given by hand, each mention at an exact span, as the entity stage would leave them.
"""
from __future__ import annotations

import pytest

from defgraph.confidence.features import role_features
from defgraph.extraction.roles import RoleReader
from defgraph.model import Article, Entity, Mention


@pytest.fixture(scope="module")
def nlp_base():
    from defgraph.extraction.pipeline import load_base_model

    return load_base_model()


@pytest.fixture(scope="module")
def reader(nlp_base):
    return RoleReader(nlp_base)


@pytest.fixture
def read(nlp_base, reader):
    def run(text: str, *entities: tuple[str, str, str]):
        """The doc after the roles component, the entities given as (id, type, surface form) each."""
        doc = nlp_base(text)
        doc._.article = Article(text=text)
        doc._.entities = []
        for entity_id, kind, form in entities:
            start = text.index(form)
            doc._.entities.append(Entity(entity_id, kind, form, [Mention(start, start + len(form), form)]))
        reader(doc)
        return doc

    return run


def _roles(doc) -> dict[str, tuple[str, str | None]]:
    return {role.person: (role.title, role.org) for role in doc._.roles}


def _names(doc) -> dict[str, list[str]]:
    return {e.id: [m.text for m in e.mentions] for e in doc._.entities}


def test_a_name_swallowed_by_an_organisation_is_proposed_as_its_head(read):
    doc = read("The talks were joined by the Director of the Federal Agency for Road Transport Olga Lindqvist "
               "and two deputies.",
               ("org:federal-agency-for-road-transport-olga-lindqvist", "Organization",
                "Federal Agency for Road Transport Olga Lindqvist"))
    assert _names(doc) == {"org:federal-agency-for-road-transport": ["Federal Agency for Road Transport"],
                           "person:olga-lindqvist": ["Olga Lindqvist"]}
    assert _roles(doc) == {"person:olga-lindqvist": ("Director", "org:federal-agency-for-road-transport")}
    assert doc._.proposed_people == {"person:olga-lindqvist"}


def test_a_body_left_by_a_proposed_name_joins_the_entity_of_that_name(read):
    doc = read("The Federal Agency for Road Transport met on Monday. The talks were joined by the Director of the "
               "Federal Agency for Road Transport Olga Lindqvist.",
               ("org:federal-agency-for-road-transport", "Organization", "Federal Agency for Road Transport"),
               ("org:federal-agency-for-road-transport-olga-lindqvist", "Organization",
                "Federal Agency for Road Transport Olga Lindqvist"))
    ids = [e.id for e in doc._.entities]
    assert len(ids) == len(set(ids))
    assert _names(doc) == {"org:federal-agency-for-road-transport": ["Federal Agency for Road Transport"] * 2,
                           "person:olga-lindqvist": ["Olga Lindqvist"]}
    assert _roles(doc) == {"person:olga-lindqvist": ("Director", "org:federal-agency-for-road-transport")}


def test_a_name_after_a_title_inside_an_organisation_mention(read):
    doc = read("Talks were held by Norway's Defence Minister and NSA Karl Brandt of Norway.",
               ("country:norway", "Country", "Norway"), ("org:nsa-karl-brandt", "Organization", "NSA Karl Brandt"))
    assert _names(doc)["person:karl-brandt"] == ["Karl Brandt"]
    assert "org:nsa-karl-brandt" not in _names(doc)


def test_a_given_name_left_out_of_the_person_is_taken_in(read):
    doc = read("Russia was represented by Presidential Aide Olga Lindqvist, who spoke first.",
               ("country:russia", "Country", "Russia"), ("person:lindqvist", "Person", "Lindqvist"))
    assert _names(doc)["person:lindqvist"] == ["Olga Lindqvist"]
    assert doc._.proposed_people == {"person:lindqvist"}
    assert "person:lindqvist" in _roles(doc)


def test_a_name_nothing_covers_after_a_title(read):
    doc = read("The French Special Envoy Karl Brandt will arrive on Monday.", ("country:france", "Country", "French"))
    assert _names(doc)["person:karl-brandt"] == ["Karl Brandt"]
    assert _roles(doc)["person:karl-brandt"][0] == "Special Envoy"


def test_no_person_from_words_that_name_no_one(read):
    doc = read("The CEO Forum met again, and the Leaders Training Program will start in France.",
               ("country:france", "Country", "France"))
    assert doc._.proposed_people == set()
    assert [e.id for e in doc._.entities] == ["country:france"]


def test_the_role_scorer_knows_a_proposed_person(read):
    doc = read("The French Special Envoy Karl Brandt will arrive on Monday.", ("country:france", "Country", "French"))
    role = next(r for r in doc._.roles if r.person == "person:karl-brandt")
    assert role_features(doc, role)["person_proposed"] == 1.0


def test_a_country_before_its_acronym_in_brackets_owns_the_title(read):
    doc = read("Norwegian Prime Minister Ola Berg welcomed Republic of Ruritania (ROR) President Brandt to a summit.",
               ("country:norway", "Country", "Norwegian"), ("person:ola-berg", "Person", "Ola Berg"),
               ("country:ruritania", "Country", "Republic of Ruritania"), ("person:karl-brandt", "Person", "Brandt"))
    assert _roles(doc)["person:karl-brandt"] == ("President", "country:ruritania")


def test_no_person_from_part_of_a_hyphenated_name_or_a_body_s_place(read):
    doc = read("French Press Secretary Marie Dupont-Lavalle spoke.", ("country:france", "Country", "French"))
    assert doc._.proposed_people == set()
    doc = read("The President of the Bar Association of Santa Clara spoke.",
               ("org:bar-association-of-santa-clara", "Organization", "Bar Association of Santa Clara"))
    assert doc._.proposed_people == set()


def test_a_well_known_surname_taken_for_a_place_after_a_title_is_the_person(read):
    doc = read("President Biden welcomed the delegation to Washington on Monday.", ("place:biden", "Location", "Biden"))
    assert _names(doc) == {"person:biden": ["Biden"]}
    assert _roles(doc) == {"person:biden": ("President", "country:usa")}


def test_an_unknown_surname_taken_for_a_place_stays_a_place(read):
    doc = read("President Varga welcomed the delegation on Monday.", ("place:varga", "Location", "Varga"))
    assert _names(doc) == {"place:varga": ["Varga"]}
