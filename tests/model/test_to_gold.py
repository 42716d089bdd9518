"""The gold output of an extraction: which facts and entities it keeps at the default thresholds."""
from __future__ import annotations

from defgraph.model import Article, Entity, Mention
from defgraph.model.facts import Event, Extraction, Span

TEXT = "Osterlich hosted Ruritania and the Kestrel Summit Forum on Monday."


def _entity(entity_id: str, name: str, confidence: float) -> Entity:
    start = TEXT.index(name)
    return Entity(entity_id, "Country" if entity_id.startswith("country:") else "Organization", name,
                  mentions=[Mention(start, start + len(name), name)], confidence=confidence)


def _extraction() -> Extraction:
    entities = [_entity("country:osterlich", "Osterlich", 0.95), _entity("country:ruritania", "Ruritania", 0.9),
                _entity("org:kestrel-summit-forum", "Kestrel Summit Forum", 0.15)]
    meeting = Event("meeting", [e.id for e in entities], Span(0, len(TEXT), TEXT), confidence=0.9)
    return Extraction(Article(text=TEXT), entities=entities, events=[meeting])


def test_a_doubted_participant_leaves_the_event_and_the_entities():
    gold = _extraction().to_gold({"entities": 0.5, "events": 0.5})
    assert gold["events"][0]["participants"] == ["country:osterlich", "country:ruritania"]
    assert {e["id"] for e in gold["entities"]} == {"country:osterlich", "country:ruritania"}


def test_every_fact_keeps_every_participant():
    gold = _extraction().to_gold()
    assert "org:kestrel-summit-forum" in gold["events"][0]["participants"]
