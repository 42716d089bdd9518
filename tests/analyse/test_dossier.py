"""Dossiers: everything about one entity, found by name, alias or a near miss."""
from __future__ import annotations

import pytest
from analyse.writing import NAMES, ev, write_s400_story

from defgraph.analyse.dossier import dossier
from defgraph.errors import InputError
from defgraph.model import Quote


def test_dossier_of_a_person_found_by_a_typo(write_doc, knowledge):
    ids = write_s400_story(write_doc)
    found = dossier(knowledge(), "Kavita Raoo")
    assert found["id"] == "person:kavita-rao" and found["type"] == "Person"
    [role] = found["roles"]  # one office, read in two copies of a story
    assert role["title"] == "spokesperson" and len(role["sources"]) == 2
    assert role["org_name"] == "Ministry of Defence (India)"
    assert [q["text"] for q in found["quotes_by"]] == ["The first squadron is on schedule."] * 2
    assert {s["document"] for s in found["sources"]} == {ids["delivery"], ids["copy"]}


def test_dossier_of_a_system_by_alias_has_deals_conflicts_and_timeline(write_doc, knowledge):
    write_s400_story(write_doc)
    found = dossier(knowledge(), "s400")
    assert found["name"] == "S-400" and found["catalogue"]["category"] == "air defence system"
    [deal] = found["transfers"]
    assert (deal["supplier_name"], deal["recipient_name"], deal["support"]) == ("Russia", "India", 3)
    assert [c["attribute"] for c in found["conflicts"]] == ["value"]
    assert [e["type"] for e in found["timeline"]] == ["signed", "proposed", "delivery", "delivering"]
    assert {a["text"] for a in found["aliases"]} == {"S-400"}


def test_unknown_name_raises_e205_with_suggestions(write_doc, knowledge):
    write_s400_story(write_doc)
    with pytest.raises(InputError) as error:
        dossier(knowledge(), "Rao Kavitha", where="news.db")
    assert error.value.code == "E205"
    assert "'Rao Kavitha' in news.db" in str(error.value) and "Did you mean: Kavita Rao" in str(error.value)


def test_quotes_about_an_entity_are_those_that_name_it(write_doc, knowledge):
    write_s400_story(write_doc)
    text = 'Kavita Rao told reporters: "Every S-400 squadron will be ready before winter."'
    write_doc(text, published="2024-02-02", names=NAMES, quotes=[
        Quote("person:kavita-rao", "Every S-400 squadron will be ready before winter.", True,
              ev("Every S-400 squadron will be ready before winter."))])
    about = dossier(knowledge(), "S-400")["quotes_about"]
    assert [(q["speaker_name"], q["text"]) for q in about] == [
        ("Kavita Rao", "Every S-400 squadron will be ready before winter.")]


def test_a_dossier_lists_the_conflicts_of_the_deals_it_lists_only(write_doc, knowledge):
    from defgraph.model import Transfer

    for count, outlet in (("two", "Wire A"), ("six", "Wire B")):
        sentence = f"India may buy {count} S-400 units from Russia, {outlet} said."
        write_doc(sentence, published="2023-03-01", outlet=outlet, names=NAMES, transfers=[
            Transfer("country:russia", "country:india", "system:s-400", "purchase", ev(sentence.rstrip(".")),
                     quantity={"two": 2, "six": 6}[count], confidence=0.05)])
    assert dossier(knowledge(), "India")["transfers"] == dossier(knowledge(), "India")["conflicts"] == []
    every = dossier(knowledge(), "India", every_deal=True)
    assert [c["attribute"] for c in every["conflicts"]] == ["quantity"] and len(every["transfers"]) == 1
