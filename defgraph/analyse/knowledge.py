"""The store's facts as plain records: the one input every cross-article analysis takes.

Reads a ``Store`` (any ``FactSource``: documents with their near-duplicate cluster, entities with the texts
that name them, every fact with its document and character span) and builds a ``Knowledge``. Each fact carries a
``Source``: the document, its cluster, outlet and publication date, and the evidence span, so that an
analysis never goes back to the store and tests can build a ``Knowledge`` by hand.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from defgraph.model import DateValue


@dataclass(frozen=True, slots=True)
class Document:
    """A stored article's metadata."""

    id: int
    cluster_id: int
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO at its grain
    url: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was read: the document (with its cluster, outlet and date) and the evidence span."""

    doc_id: int
    cluster_id: int
    outlet: str | None
    published: str | None
    start: int
    end: int
    evidence: str

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.doc_id, "outlet": self.outlet, "published": self.published,
                "span": [self.start, self.end], "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """An entity with the texts that name it across the store, most frequent first."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    in_catalogue: bool = False


@dataclass(frozen=True, slots=True)
class MentionFact:
    entity: str
    text: str
    form: str  # name, alias, acronym, demonym, ... (``Mention.kind``)
    source: Source


@dataclass(frozen=True, slots=True)
class TransferFact:
    supplier: str | None
    recipient: str | None
    system: str
    deal_type: str | None
    source: Source
    status: str | None = None
    quantity: float | None = None
    quantity_unit: str | None = None
    value: float | None = None
    currency: str | None = None
    order_date: str | None = None
    confidence: float | None = None  # the calibrated probability that the extraction is right


@dataclass(frozen=True, slots=True)
class StatementFact:
    """A role (property ``role``: value the title, object the org) or an attribute of an entity."""

    subject: str
    property: str
    value: str | None
    object: str | None
    source: Source
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class EventFact:
    type: str
    participants: tuple[str, ...]
    source: Source
    place: str | None = None
    date: str | None = None
    occasion: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class ClaimFact:
    claimant: str | None
    text: str
    source: Source
    disputed_by: tuple[str, ...] = ()
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class QuoteFact:
    speaker: str | None
    text: str
    source: Source
    direct: bool = True
    partial: bool = False
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Every document, entity and fact of a store."""

    documents: dict[int, Document] = field(default_factory=dict)
    entities: dict[str, EntityInfo] = field(default_factory=dict)
    mentions: tuple[MentionFact, ...] = ()
    transfers: tuple[TransferFact, ...] = ()
    statements: tuple[StatementFact, ...] = ()
    events: tuple[EventFact, ...] = ()
    claims: tuple[ClaimFact, ...] = ()
    quotes: tuple[QuoteFact, ...] = ()
    # entity id -> (mentions, documents): given by read models that load no mention (``views.Views.knowledge``)
    mention_counts: dict[str, tuple[int, int]] | None = None

    def name(self, entity_id: str | None) -> str | None:
        """The display name of an entity id: stored, else the catalogue's, else the id itself."""
        if entity_id is None:
            return None
        if entity_id in self.entities:
            return self.entities[entity_id].name
        record = catalogue().get(entity_id)
        return getattr(record, "name", None) or entity_id

    def document(self, doc_id: int) -> Document:
        return self.documents[doc_id]


@lru_cache(maxsize=1)
def catalogue():
    """The domain catalogue, loaded once per process."""
    from defgraph.catalogue import load_catalogue

    return load_catalogue()


def date_key(iso: str | None) -> tuple[int, int, int]:
    """Sort key of an ISO date at any grain; a coarser date sorts before the finer dates it covers."""
    if not iso:
        return (9999, 99, 99)
    value = DateValue.parse(iso)
    return (value.year, value.month or 0, value.day or 0)


def grain(iso: str | None) -> str | None:
    return DateValue.parse(iso).grain if iso else None


def source_of(row: dict[str, Any], documents: dict[int, Document]) -> Source:
    """The ``Source`` of a stored fact row (``document_id``, ``start``, ``end``, ``evidence``)."""
    doc = documents[row["document_id"]]
    return Source(doc.id, doc.cluster_id, doc.outlet, doc.published, row["start"], row["end"],
                  row.get("evidence") or row.get("text") or "")


def build_knowledge(documents: Iterable[dict[str, Any]], entities: Iterable[dict[str, Any]],
                    facts: dict[str, Iterable[dict[str, Any]]]) -> Knowledge:
    """A ``Knowledge`` from the rows a store yields (see ``Store.iter_facts``)."""
    docs = {row["id"]: Document(row["id"], row["cluster_id"], row.get("title"), row.get("outlet"),
                                row.get("published"), row.get("url"), row.get("name"))
            for row in documents}
    ents = {row["id"]: EntityInfo(row["id"], row["type"], row["name"], tuple(row.get("aliases") or ()),
                                  bool(row.get("in_catalogue"))) for row in entities}

    def rows(kind: str) -> list[tuple[dict[str, Any], Source]]:
        return [(row, source_of(row, docs)) for row in facts.get(kind, ())]

    return Knowledge(
        documents=docs, entities=ents,
        mentions=tuple(MentionFact(r["entity_id"], r["text"], r["kind"], s) for r, s in rows("mentions")),
        transfers=tuple(TransferFact(r["supplier"], r["recipient"], r["system"], r["deal_type"], s,
                                     r["status"], r["quantity"], r["quantity_unit"], r["value"],
                                     r["currency"], r["order_date"], r.get("confidence")) for r, s in rows("transfers")),
        statements=tuple(StatementFact(r["subject"], r["property"], r["value"], r["object"], s, r.get("confidence"))
                         for r, s in rows("statements")),
        events=tuple(EventFact(r["type"], tuple(r["participants"]), s, r["place"], r["date"], r["occasion"],
                               r.get("confidence")) for r, s in rows("events")),
        claims=tuple(ClaimFact(r["claimant"], r["text"], s, tuple(r["disputed_by"]), r.get("confidence"))
                     for r, s in rows("claims")),
        quotes=tuple(QuoteFact(r["speaker"], r["text"], s, bool(r["direct"]), bool(r["partial"]), r.get("confidence"))
                     for r, s in rows("quotes")),
    )


FACT_KINDS = ("mentions", "transfers", "statements", "events", "claims", "quotes")


class FactSource(Protocol):
    """What ``load_knowledge`` reads: a store's documents, entities and facts (``defgraph.store.Store``)."""

    def iter_documents(self) -> Iterator[dict[str, Any]]: ...

    def iter_entities(self) -> Iterator[dict[str, Any]]: ...

    def iter_facts(self, kind: str) -> Iterator[dict[str, Any]]: ...


def load_knowledge(store: FactSource) -> Knowledge:
    """Read every document, entity and fact of ``store``."""
    return build_knowledge(store.iter_documents(), store.iter_entities(),
                           {kind: store.iter_facts(kind) for kind in FACT_KINDS})
