"""The pipeline: a text longer than the model takes is read in sections, every span in the whole text."""
from __future__ import annotations

import defgraph
from defgraph.extraction.pipeline import extract_articles, sections
from defgraph.extraction.section_linking import once_each, relink, section_links
from defgraph.model import Article, DateValue, Entity, Event, Extraction, Mention, Quote, Role, Span

PARAGRAPHS = [
    'Russia delivered the third S-400 squadron to India on Monday, defence ministry spokesperson Lena Voskova '
    'said. "The schedule holds," she told reporters in New Delhi.',
    "France and India signed a contract for 26 Rafale Marine jets worth 6.6 billion euros, officials said.",
    "The United States approved the sale of MQ-9B drones to India in a deal valued at $3.99 billion.",
    "BrahMos Aerospace, a joint venture of India and Russia, tested an extended-range missile off Odisha.",
]


def spans_of(extraction) -> list:
    """Every (start, end, text) an extraction records."""
    found = [(m.start, m.end, m.text) for entity in extraction.entities for m in entity.mentions]
    found += [(d.start, d.end, d.text) for d in extraction.dates]
    for kind in ("roles", "quotes", "transfers", "events", "claims", "attributes"):
        found += [(f.evidence.start, f.evidence.end, f.evidence.text) for f in getattr(extraction, kind)]
    return found


def test_sections_cut_at_paragraph_breaks_and_cover_the_text():
    text = "\n\n".join(PARAGRAPHS * 5)
    bounds = sections(text, 600)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= 600 for start, end in bounds)
    assert all(text[end - 2:end] == "\n\n" for _, end in bounds[:-1])
    assert sections("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_a_text_longer_than_the_model_takes_is_extracted_whole(nlp, monkeypatch):
    text = "\n\n".join(PARAGRAPHS * 12)  # about 5,000 characters
    monkeypatch.setattr(nlp, "max_length", 1200)  # spaCy refuses longer texts (E088), as it does past 1,000,000
    article = Article(text=text, published=DateValue(2024, 6, 3), source="long.txt")
    extraction, = extract_articles([article])
    assert extraction.article is article
    found = spans_of(extraction)
    assert all(text[start:end] == words for start, end, words in found)
    assert max(start for start, _, _ in found) > len(text) - len(PARAGRAPHS[-1]) - 2  # the last section was read
    ids = [entity.id for entity in extraction.entities]
    assert len(ids) == len(set(ids)) and {"country:india", "country:russia", "country:france"} <= set(ids)
    india = next(entity for entity in extraction.entities if entity.id == "country:india")
    assert len(india.mentions) >= 12 * 4
    assert len(extraction.transfers) >= 12 and len(extraction.quotes) >= 12


def test_initials_before_a_hyphen_and_a_word_are_a_country_of_their_own():
    found = defgraph.extract("Ukraine fired U.S.-provided HIMARS, and U.K.-led crews trained.", published="2023-01-25")
    assert {"country:usa", "country:uk"} <= {e.id for e in found.entities}
    assert "system:himars" in {e.id for e in found.entities}


def _person(entity_id: str, *names: str, start: int = 0) -> Entity:
    mentions = [Mention(start + 40 * i, start + 40 * i + len(n), n) for i, n in enumerate(names)]
    return Entity(entity_id, "Person", names[0], mentions=mentions)


def test_sections_join_a_short_name_to_the_full_name_another_section_gave():
    full, short = _person("person:maria-holt", "Maria Holt"), _person("person:holt", "Holt", "HOLT", start=5000)
    assert section_links([full, short], {"person:maria-holt": {0}, "person:holt": {1}}) == {
        "person:holt": "person:maria-holt"}
    # within one section the linker kept them apart, and that stands
    assert section_links([full, short], {"person:maria-holt": {0}, "person:holt": {0, 1}}) == {}
    # an entity only some of whose names fit another is left alone
    mixed = _person("person:holt", "Holt", "Ravel Holt", start=5000)
    assert section_links([full, mixed], {"person:maria-holt": {0}, "person:holt": {1}}) == {}
    # a surname two people named in full share says nothing of which one a section meant
    other = _person("person:anton-holt", "Anton Holt", start=200)
    assert section_links([full, other, short], {"person:maria-holt": {0}, "person:anton-holt": {0},
                                                "person:holt": {1}}) == {}


def test_sections_join_a_well_known_surname_past_a_relative_named_in_full():
    joe, hunter = _person("person:joe-biden", "Joe Biden"), _person("person:hunter-biden", "Hunter Biden", start=100)
    short = _person("person:biden", "Biden", start=5000)
    assert section_links([joe, hunter, short], {"person:joe-biden": {0}, "person:hunter-biden": {0},
                                                "person:biden": {1}}) == {"person:biden": "person:joe-biden"}


def test_a_place_of_one_section_another_section_names_as_a_person_is_that_person():
    text = "Speaker Velden spoke. " + "x " * 40 + "Then Velden left. " + "y " * 40 + "She stayed in Velden."
    person = Entity("person:velden", "Person", "Velden", mentions=[Mention(0, 7, "Speaker", "office"),
                                                                  Mention(8, 14, "Velden")])
    bare = text.index("Then Velden") + 5
    place = Entity("place:velden", "Location", "Velden", mentions=[Mention(bare, bare + 6, "Velden")])
    assert section_links([person, place], {"person:velden": {0}, "place:velden": {1}}, text) == {
        "place:velden": "person:velden"}
    # a place preposition before it keeps it a place, as does a section that names both
    after_to = text.rindex("Velden")
    place.mentions.append(Mention(after_to, after_to + 6, "Velden"))
    assert section_links([person, place], {"person:velden": {0}, "place:velden": {1}}, text) == {}
    place.mentions.pop()
    assert section_links([person, place], {"person:velden": {0}, "place:velden": {0, 1}}, text) == {}
    # named under a title is as sure; a one-word "person" neither titled, named in full nor by an office is no
    # surer than the place
    person.mentions.pop(0)
    assert section_links([person, place], {"person:velden": {0}, "place:velden": {1}}, text) == {
        "place:velden": "person:velden"}
    person.mentions[0] = Mention(bare, bare + 6, "Velden")
    place.mentions[0] = Mention(8, 14, "Velden")
    assert section_links([person, place], {"person:velden": {0}, "place:velden": {1}}, text) == {}


def test_relinked_facts_name_the_one_entity_and_state_a_role_once():
    article = Article(text="x" * 6000)
    full, short = _person("person:maria-holt", "Maria Holt"), _person("person:holt", "Holt", start=5000)
    evidence = Span(0, 4, "xxxx")
    extraction = Extraction(
        article=article, entities=[full, short],
        roles=[Role("person:maria-holt", "Minister", "country:x", evidence, 0.7),
               Role("person:holt", "Minister", "country:x", evidence, 0.9)],
        quotes=[Quote("person:holt", "We stand firm.", True, evidence)],
        events=[Event("meeting", ["person:holt", "person:maria-holt"], evidence)])
    once_each(relink(extraction, {"person:holt": "person:maria-holt"}))
    assert [(e.id, e.name, len(e.mentions)) for e in extraction.entities] == [("person:maria-holt", "Maria Holt", 2)]
    assert [(r.person, r.confidence) for r in extraction.roles] == [("person:maria-holt", 0.9)]
    assert extraction.quotes[0].speaker == "person:maria-holt"
    assert extraction.events[0].participants == ["person:maria-holt"]


def test_a_long_transcript_names_its_speaker_once_across_sections(nlp, monkeypatch):
    opening = ("Foreign Minister Maria Holt of Ruritania met reporters in Strelsau on Monday.\n\n"
               "MS. HOLT: Good afternoon. We will keep our promises to our partners.\n\n")
    later = "Q Minister, what about the treaty?\n\nMS. HOLT: The treaty stands, and Holt does not change her mind.\n\n"
    text = opening + later * 8
    monkeypatch.setattr(nlp, "max_length", len(opening) + 40)
    extraction, = extract_articles([Article(text=text, published=DateValue(2024, 6, 3), source="long.txt")])
    holts = [e for e in extraction.entities if e.type == "Person" and "Holt" in e.name]
    assert [e.name for e in holts] == ["Maria Holt"]
    assert len(holts[0].mentions) >= 9
