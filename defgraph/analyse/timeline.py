"""Timeline: dated events and deal stages involving an entity, or all of several, in date order.

Reads the events and merged transfers of a ``Knowledge``; writes ``TimelineEntry``s. An entity takes
part in an event when it is a participant, or when a participant holds an office of it (a minister of
India stands for India) or belongs to it (a catalogue organisation's country). One event reported by
several articles is one entry with every source. An event the text leaves undated is placed at its
article's publication date, marked ``dated_by: published``. Dates keep their grain; a coarser date
sorts before the finer dates it covers.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from defgraph.analyse.knowledge import Knowledge, Source, catalogue, date_key, grain
from defgraph.analyse.merge import MergedTransfer, merge_transfers


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str | None
    dated_by: str  # text, published, order_date
    kind: str  # event, transfer
    type: str  # the event type, or the deal stage
    participants: tuple[str, ...]
    place: str | None
    sources: tuple[Source, ...]
    label: str = ""

    @property
    def grain(self) -> str | None:
        return grain(self.date)

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date, "grain": self.grain, "dated_by": self.dated_by, "kind": self.kind,
                "type": self.type, "label": self.label, "participants": list(self.participants),
                "place": self.place, "sources": [s.as_dict() for s in self.sources]}


def affiliations(knowledge: Knowledge) -> dict[str, set[str]]:
    """Entity id → the bodies it stands for: offices' organisations and catalogue countries."""
    stands_for: dict[str, set[str]] = defaultdict(set)
    for fact in knowledge.statements:
        if fact.property == "role" and fact.object:
            stands_for[fact.subject].add(fact.object)
    for entity_id in list(knowledge.entities) + [o for s in stands_for.values() for o in s]:
        country = getattr(catalogue().get(entity_id), "country", None)
        if country:
            stands_for[entity_id].add(country)
    for holder, bodies in stands_for.items():
        for body in list(bodies):
            bodies.update(stands_for.get(body, ()))
    return stands_for


def involves(parties: Iterable[str], wanted: Iterable[str], stands_for: dict[str, set[str]]) -> bool:
    """Whether every wanted entity is among the parties or stood for by one of them."""
    present = set()
    for party in parties:
        present.add(party)
        present.update(stands_for.get(party, ()))
    return all(w in present for w in wanted)


def event_entries(knowledge: Knowledge, wanted: list[str], stands_for: dict[str, set[str]]) -> list[TimelineEntry]:
    """The events involving every wanted entity; one entry per event however many articles report it."""
    grouped: dict[tuple, list] = defaultdict(list)
    for event in knowledge.events:
        if involves(event.participants, wanted, stands_for):
            date, dated_by = (event.date, "text") if event.date else (event.source.published, "published")
            key = (event.type, frozenset(event.participants), date, dated_by)
            grouped[key].append(event)
    entries = []
    for (etype, _, date, dated_by), events in grouped.items():
        first = events[0]
        label = f"{etype}: " + ", ".join(knowledge.name(p) or p for p in first.participants)
        entries.append(TimelineEntry(date, dated_by, "event", etype, first.participants,
                                     next((e.place for e in events if e.place), None),
                                     tuple(e.source for e in events), label))
    return entries


def deal_entries(knowledge: Knowledge, deals: list[MergedTransfer], wanted: list[str],
                 stands_for: dict[str, set[str]]) -> list[TimelineEntry]:
    """The lifecycle stages of the deals involving every wanted entity."""
    entries = []
    for deal in deals:
        parties = tuple(p for p in (deal.supplier, deal.recipient, deal.system) if p)
        if not involves(parties, wanted, stands_for):
            continue
        label = f"{knowledge.name(deal.system)} {knowledge.name(deal.supplier) or '?'} → {knowledge.name(deal.recipient) or '?'}"
        for stage in deal.lifecycle:
            dated_by = "order_date" if stage.date != stage.source.published else "published"
            entries.append(TimelineEntry(stage.date, dated_by, "transfer", stage.status, parties, None,
                                         (stage.source,),
                                         f"{label}: {stage.status}" + (" (follow-on)" if stage.follow_on else "")))
    return entries


def timeline(knowledge: Knowledge, wanted: list[str], deals: list[MergedTransfer] | None = None) -> list[TimelineEntry]:
    """Events and deal stages involving every entity in ``wanted``, oldest first (undated last)."""
    stands_for = affiliations(knowledge)
    deals = merge_transfers(knowledge) if deals is None else deals
    entries = event_entries(knowledge, wanted, stands_for) + deal_entries(knowledge, deals, wanted, stands_for)
    return sorted(entries, key=lambda e: (date_key(e.date), e.kind, e.type, e.label))
