"""Which entity is named where: lookups over ``doc._.entities`` for the components after linking.

Reads ``doc._.entities`` (written by ``entities`` and merged by ``linking``); keeps a sorted index
of ``(start, end, Mention, Entity)`` in ``doc.user_data`` so that each lookup is a binary search.
``add_mention`` attaches a new mention ("the envoy", "he") to an entity and keeps the index current.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

from spacy.tokens import Doc

from defgraph.model import Entity, Mention

INDEX = "defgraph.mentions"


class _Index:
    """Mentions sorted by start offset, and entities by id."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entries = sorted(((m.start, m.end, i, m, e) for i, e in enumerate(entities)
                               for m in e.mentions), key=lambda x: (x[0], x[1]))
        self.starts = [entry[0] for entry in self.entries]
        self.by_id = {e.id: e for e in entities}
        self.size = sum(len(e.mentions) for e in entities)


def _index(doc: Doc) -> _Index:
    entities = doc._.entities or []
    index = doc.user_data.get(INDEX)
    if index is None or index.by_id.keys() != {e.id for e in entities} \
            or index.size != sum(len(e.mentions) for e in entities):
        index = doc.user_data[INDEX] = _Index(entities)
    return index


def mentions_in(doc: Doc, start_char: int, end_char: int) -> list[tuple[Mention, Entity]]:
    """Every mention lying wholly inside ``[start_char, end_char)``, in text order."""
    index = _index(doc)
    first = bisect_left(index.starts, start_char)
    last = bisect_left(index.starts, end_char, lo=first)
    return [(m, e) for _, end, _, m, e in index.entries[first:last] if end <= end_char]


def entity_at(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity of the mention that covers ``[start_char, end_char)``, else the longest mention inside it."""
    index = _index(doc)
    for _, end, _, _, entity in reversed(index.entries[:bisect_right(index.starts, start_char)]):
        if end >= end_char:
            return entity
    inside = mentions_in(doc, start_char, end_char)
    if not inside:
        return None
    return max(inside, key=lambda pair: pair[0].end - pair[0].start)[1]


def entity_by_id(doc: Doc, entity_id: str) -> Entity | None:
    """The document's entity with this id, if the article names it."""
    return _index(doc).by_id.get(entity_id)


def add_mention(doc: Doc, entity_id: str, mention: Mention) -> None:
    """Attach ``mention`` to the entity ``entity_id`` (a role's "the envoy", a quote's "he")."""
    index = _index(doc)
    entity = index.by_id[entity_id]
    if any(m.start == mention.start and m.end == mention.end for m in entity.mentions):
        return
    insort(entity.mentions, mention, key=lambda m: (m.start, m.end))
    number = next(i for i, e in enumerate(doc._.entities) if e is entity)
    entry = (mention.start, mention.end, number, mention, entity)
    position = bisect_right(index.starts, mention.start)
    index.entries.insert(position, entry)
    index.starts.insert(position, mention.start)
    index.size += 1
