"""Dossier: everything the store knows about one entity, each item with its sources.

Reads a ``Knowledge``; writes a ``dict`` (JSON-ready): the entity's type, names and aliases (with how
often each is used), roles held, attributes, deals, timeline, quotes by it and about it, the conflicts
that concern it (of the deals it lists only: ``conflicts.entity_conflicts``, shared with the read model)
and the documents that mention it. The entity is found by name (``names.resolve``: exact, alias,
catalogue form, then fuzzy), or E205 lists the closest names.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from defgraph.analyse.conflicts import entity_conflicts, transfer_conflicts
from defgraph.analyse.knowledge import Knowledge, catalogue
from defgraph.analyse.merge import merge_transfers
from defgraph.analyse.names import normalise, resolve
from defgraph.analyse.timeline import timeline


def normalise_words(text: str) -> str:
    return " ".join(normalise(word) for word in text.split())


def _about(text: str, names: set[str]) -> bool:
    """Whether a quotation names the entity (whole words, case and punctuation aside)."""
    words = f" {normalise_words(text)} "
    return any(f" {n} " in words for n in names)


def statements(knowledge: Knowledge, entity_id: str, *, roles: bool) -> dict[tuple, list[dict[str, Any]]]:
    """The entity's roles (or its attributes), one entry per (property, value, org) with every source."""
    grouped: dict[tuple, list[dict[str, Any]]] = {}
    for fact in knowledge.statements:
        if fact.subject == entity_id and (fact.property == "role") == roles:
            grouped.setdefault((fact.property, fact.value, fact.object), []).append(fact.source.as_dict())
    return grouped


def dossier(knowledge: Knowledge, name: str, *, where: str = "the database", every_deal: bool = False) -> dict[str, Any]:
    """The dossier of the entity ``name`` stands for: its deals are the trusted ones (``MergedTransfer.trusted``)
    unless ``every_deal``, each with its confidence."""
    entity_id = resolve(name, knowledge, where=where)
    entity = knowledge.entities[entity_id]
    mentions = [m for m in knowledge.mentions if m.entity == entity_id]
    aliases = Counter(m.text for m in mentions)
    alias_keys = {normalise_words(a) for a in (*aliases, entity.name) if len(a) > 2}
    deals = merge_transfers(knowledge)
    listed = [d for d in deals if entity_id in (d.supplier, d.recipient, d.system) and (every_deal or d.trusted())]
    record = catalogue().get(entity_id)
    documents = Counter(m.source.doc_id for m in mentions)
    return {
        "id": entity_id, "type": entity.type, "name": entity.name, "in_catalogue": entity.in_catalogue,
        "catalogue": {k: v for k, v in asdict(record).items() if k not in ("id", "name")} if record else None,
        "aliases": [{"text": text, "count": count} for text, count in aliases.most_common()],
        "roles": [{"title": title, "org": org, "org_name": knowledge.name(org), "sources": sources}
                  for (_, title, org), sources in statements(knowledge, entity_id, roles=True).items()],
        "attributes": [{"attribute": prop, "value": value, "sources": sources}
                       for (prop, value, _), sources in statements(knowledge, entity_id, roles=False).items()],
        "transfers": [d.as_dict(knowledge.name) for d in listed],
        "timeline": [e.as_dict() for e in timeline(knowledge, [entity_id], deals)],
        "quotes_by": [{"text": q.text, "direct": q.direct, "confidence": q.confidence, "source": q.source.as_dict()}
                      for q in knowledge.quotes if q.speaker == entity_id],
        "quotes_about": [{"speaker": q.speaker, "speaker_name": knowledge.name(q.speaker), "text": q.text,
                          "source": q.source.as_dict()}
                         for q in knowledge.quotes if q.speaker != entity_id and _about(q.text, alias_keys)],
        "conflicts": entity_conflicts(knowledge, entity_id, [c.as_dict() for c in transfer_conflicts(knowledge, listed)]),
        "sources": [{"document": doc_id, "title": knowledge.document(doc_id).title,
                     "outlet": knowledge.document(doc_id).outlet,
                     "published": knowledge.document(doc_id).published, "mentions": count}
                    for doc_id, count in sorted(documents.items())],
    }
