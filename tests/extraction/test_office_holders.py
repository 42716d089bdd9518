"""The office-holders component: an unnamed person the article refers to only by office.

Every sentence is our own; the pipeline is the session's (``nlp`` fixture), run up to office holders.
"""
from __future__ import annotations

import pytest

from defgraph.model import Entity

@pytest.fixture(scope="module")
def read(entities_through):
    """Text → the entities after office holders (the components after it do not run)."""
    return entities_through("defgraph_office_holders")


def offices(entities: list[Entity]) -> dict[str, list[str]]:
    return {e.id: [m.text for m in e.mentions] for e in entities if e.id.startswith("person:office-")}


@pytest.mark.parametrize("text, entity_id, form", [
    ("The Foreign Secretary said the talks in Vienna had been constructive.",
     "person:office-foreign-secretary", "Foreign Secretary"),
    ("Officials said the Iraqi Foreign Minister would travel to Ankara next week.",
     "person:office-iraq-foreign-minister", "Iraqi Foreign Minister"),
    ("The plan was discussed with the U.S. Secretary of State on Tuesday.",
     "person:office-usa-secretary-of-state", "U.S. Secretary of State"),
    ("A Russian military spokesman denied that the convoy had been hit.",
     "person:office-russia-spokesman", "Russian military spokesman"),
    ("The strike was approved by the commander of U.S. Central Command, officials said.",
     None, "commander of U.S. Central Command"),
    ("The appeal was made by the UN High Commissioner for Refugees in Geneva.",
     None, "UN High Commissioner for Refugees"),
])
def test_an_office_standing_for_a_person_is_an_unnamed_person(read, text, entity_id, form):
    found = offices(read(text))
    assert any(form in forms for forms in found.values()), found
    if entity_id:
        assert entity_id in found


@pytest.mark.parametrize("text", [
    "Foreign Secretary Hana Velkova said the talks in Vienna had been constructive.",
    "The Foreign Secretary, Hana Velkova, said the talks had been constructive.",
    "Hana Velkova, the Foreign Secretary, said the talks had been constructive.",
    "The former Foreign Secretary said the talks had been constructive.",
    "His Chief of Staff said the talks had been constructive.",
    "The minister said the talks had been constructive.",
    "The spokesman said the talks had been constructive.",
    "Foreign Ministers of the bloc met in Vienna on Tuesday.",
    "The Defence Secretary level talks ended without a statement.",
])
def test_no_unnamed_person_for_a_named_holder_or_a_bare_generic_office(read, text):
    assert offices(read(text)) == {}


def test_a_headline_office_refers_to_the_holder_named_in_the_body(read):
    text = ("Foreign Secretary welcomes ceasefire\n\nForeign Secretary Hana Velkova welcomed the "
            "ceasefire. \"This is a start,\" she said.")
    assert offices(read(text)) == {}


def test_a_later_bare_office_joins_the_qualified_one(read):
    text = ("The Iraqi Foreign Minister arrived in Ankara. Later the Foreign Minister met "
            "business leaders.")
    found = offices(read(text))
    assert found == {"person:office-iraq-foreign-minister": ["Iraqi Foreign Minister", "Foreign Minister"]}


def test_an_office_in_apposition_makes_no_unnamed_person(read):
    entities = read("Col. Dana Whitfield, Central Command spokesman, said the strike hit a depot.")
    assert offices(entities) == {}
    assert [e.name for e in entities if e.type == "Person"] == ["Dana Whitfield"]


def test_a_headline_office_joins_the_one_named_holder(read):
    text = ("Foreign Secretary welcomes ceasefire\n\nThe Foreign Secretary, Hana Velkova, welcomed the "
            "ceasefire on Monday.")
    holder = next(e for e in read(text) if e.name == "Hana Velkova")
    assert [m.text for m in holder.mentions if m.kind == "office"][:1] == ["Foreign Secretary"]


def test_a_bare_office_joins_its_one_named_holder_of_the_same_country(read):
    text = ("Slovak Foreign Minister Hana Velkova met Iraqi officials. The Foreign Minister said "
            "the talks went well, and the Iraqi Foreign Minister agreed.")
    entities = read(text)
    assert "person:office-iraq-foreign-minister" in offices(entities)


TWO_PRESIDENTS = ("U.S. President Dana Whitfield welcomed Hungarian President Tomas Erdely to Washington on Monday. "
                  "Former U.S. President Ray Collins joined the lunch. "
                  "Later, the President traveled to Ohio to visit a shipyard.")


def test_a_bare_title_with_several_holders_is_the_publishers_own(nlp, make_article):
    def holder_of_bare_title(outlet: str) -> list[str]:
        article = make_article(TWO_PRESIDENTS, title=None, published="2025-03-12", outlet=outlet)
        doc = nlp.make_doc(article.text)
        doc._.article = article
        start = TWO_PRESIDENTS.index("the President") + len("the ")
        return [e.id for e in nlp(doc)._.entities if any(m.start == start for m in e.mentions)]

    assert holder_of_bare_title("The White House") == ["person:dana-whitfield"]
    assert holder_of_bare_title("Test Wire") == []  # a wire story has no side to choose a holder by
