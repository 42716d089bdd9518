"""Every stored record as one flat dict: the rows the JSON Lines and CSV exports write.

Reads a ``Knowledge``; yields ``(kind, record)`` for documents, entities and each fact, a fact's
source flattened into ``document``, ``outlet``, ``published``, ``start``, ``end`` and ``evidence``.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, fields
from typing import Any

from defgraph.analyse.knowledge import Knowledge, Source

FACT_KINDS = ("mentions", "transfers", "statements", "events", "claims", "quotes")
SINGULAR = {"documents": "document", "entities": "entity", "mentions": "mention", "transfers": "transfer",
            "statements": "statement", "events": "event", "claims": "claim", "quotes": "quote"}


def flat(fact: Any) -> dict[str, Any]:
    """A fact's fields with its source spread out (tuples as lists)."""
    record: dict[str, Any] = {}
    for f in fields(fact):
        value = getattr(fact, f.name)
        if isinstance(value, Source):
            record.update(document=value.doc_id, outlet=value.outlet, published=value.published,
                          start=value.start, end=value.end, evidence=value.evidence)
        else:
            record[f.name] = list(value) if isinstance(value, tuple) else value
    return record


def records(knowledge: Knowledge) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(kind, record)`` for every document, entity and fact, kinds in a fixed order."""
    for document in knowledge.documents.values():
        yield "documents", asdict(document)
    for entity in knowledge.entities.values():
        yield "entities", {**asdict(entity), "aliases": list(entity.aliases)}
    for kind in FACT_KINDS:
        for fact in getattr(knowledge, kind):
            yield kind, flat(fact)
