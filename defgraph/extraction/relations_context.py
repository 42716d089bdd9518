"""What the relation components read around a sentence: entities named, the system referred to, dates.

Reads ``doc._.entities`` (through ``mentions``), ``doc._.dates`` and the catalogue; writes small ``Named``
records (an entity id and type at a character span) that transfers, events, claims and attributes share.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from defgraph.extraction.mentions import mentions_in
from defgraph.extraction.relations_values import load_data
from defgraph.model import DateValue, TimeExpression

COUNTRY, ORGANIZATION, PERSON, SYSTEM = "Country", "Organization", "Person", "WeaponSystem"
REFERRING_DETERMINERS = frozenset({"the", "these", "those", "its", "their"})


@dataclass(frozen=True, slots=True)
class Named:
    """An entity named (or referred to) at a stretch of the text."""

    start: int
    end: int
    text: str
    id: str
    type: str
    kind: str = "name"


def sentence_names(doc: Doc, start: int, end: int) -> list[Named]:
    """The entities named between two character offsets, in text order."""
    names = [Named(m.start, m.end, m.text, e.id, e.type, m.kind) for m, e in mentions_in(doc, start, end)]
    return sorted(names, key=lambda n: (n.start, n.end))


@lru_cache(maxsize=1)
def _catalogue():
    from defgraph.catalogue import load_catalogue

    return load_catalogue()


def _catalogue_field(entity_id: str, name: str) -> str | None:
    record = _catalogue().by_id(entity_id)
    if record is None:
        return None
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def origin_of(system_id: str) -> str | None:
    """The country a catalogue weapon system comes from."""
    return _catalogue_field(system_id, "origin")


def country_of(named: Named) -> str | None:
    """The country an entity stands for: itself, or a catalogue organisation's country."""
    if named.type == COUNTRY:
        return named.id
    if named.type == ORGANIZATION:
        return _catalogue_field(named.id, "country")
    return None


def focal_country(doc: Doc) -> str | None:
    """The country the article names most often (its point of view)."""
    counts = Counter({e.id: len(e.mentions) for e in doc._.entities or [] if e.type == COUNTRY})
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=1)
def _anaphora() -> frozenset[str]:
    return frozenset(load_data("relations_transfers")["anaphora"])


def referred_system(sent: Span, last_system: Named | None) -> Named | None:
    """A generic noun that points back to the last system named ("the jets", "five of the systems")."""
    if last_system is None:
        return None
    for token in sent:
        if token.lower_ in _anaphora() and token.pos_ == "NOUN" and any(
                child.lower_ in REFERRING_DETERMINERS for child in token.children):
            return Named(token.idx, token.idx + len(token), token.text, last_system.id, SYSTEM, "anaphor")
    return None


def dates_between(doc: Doc, start: int, end: int) -> list[TimeExpression]:
    """The resolved date expressions between two character offsets, in text order."""
    return [d for d in doc._.dates or [] if d.value is not None and start <= d.start and d.end <= end]


def month_grain(value: DateValue) -> DateValue:
    """A date cut to its month ("2016-09-23" → "2016-09"); coarser dates stay as they are."""
    return DateValue(value.year, value.month) if value.day is not None else value
