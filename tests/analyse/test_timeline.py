"""Timelines: events and deal stages in date order, with their grain and sources."""
from __future__ import annotations

from analyse.writing import NAMES, ev, write_s400_story

from defgraph.analyse.timeline import timeline
from defgraph.model import DateValue, Event


def test_india_russia_timeline_orders_stages_and_events_by_date_at_their_grain(write_doc, knowledge):
    ids = write_s400_story(write_doc)
    entries = timeline(knowledge(), ["country:india", "country:russia"])
    assert [(e.date, e.grain, e.kind, e.type) for e in entries] == [
        ("2018-10", "month", "transfer", "signed"),  # dated by the order date; sorts before the days of October
        ("2018-10-04", "day", "transfer", "proposed"),
        ("2021-12", "month", "event", "delivery"),
        ("2021-12-21", "day", "transfer", "delivering"),
    ]
    delivery = entries[2]
    assert sorted(s.doc_id for s in delivery.sources) == sorted([ids["delivery"], ids["copy"]])  # one event, two copies


def test_an_entity_takes_part_through_the_people_who_hold_its_offices(write_doc, knowledge):
    write_s400_story(write_doc)
    text = "Kavita Rao met Russia's envoy in New Delhi to discuss spares."
    doc = write_doc(text, published="2022-02-01", names=NAMES,
                    events=[Event("meeting", ["person:kavita-rao", "country:russia"], ev("Kavita Rao met Russia's envoy"))])
    meetings = [e for e in timeline(knowledge(), ["country:india", "country:russia"]) if e.type == "meeting"]
    [meeting] = meetings  # Rao speaks for India's defence ministry, a body of India in the catalogue
    assert (meeting.date, meeting.dated_by, meeting.sources[0].doc_id) == ("2022-02-01", "published", doc)


def test_one_entity_timeline_leaves_out_what_it_takes_no_part_in(write_doc, knowledge):
    write_s400_story(write_doc)
    write_doc("India and France held talks in Paris in March 2019.", published="2019-03-30",
              names={**NAMES, "country:france": ("Country", "France")},
              events=[Event("meeting", ["country:india", "country:france"], ev("India and France held talks"),
                            place="Paris", date=DateValue(2019, 3))])
    assert [e.type for e in timeline(knowledge(), ["country:france"])] == ["meeting"]
    assert "meeting" not in [e.type for e in timeline(knowledge(), ["country:russia"])]
