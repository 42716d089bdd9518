"""FollowTheMoney export: the knowledge base as FtM entities, one JSON object a line, for Aleph.

Reads a ``Knowledge`` and its merged deals; writes ``Article`` entities for the documents, ``PublicBody``
for countries, ``Organization``, ``Person``, ``Asset`` for weapon systems, ``Documentation`` for each
entity an article mentions, ``Employment`` for the offices people hold, ``UnknownLink`` for arms
transfers, ``Event`` for events and ``Note`` for quotations, each link with its articles as ``proof``.
Ids are hashes of defgraph's own ids, so that exports of one store are stable.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from defgraph.analyse.knowledge import Knowledge, catalogue
from defgraph.analyse.merge import merge_transfers

SCHEMATA = {"Country": "PublicBody", "Organization": "Organization", "Person": "Person", "WeaponSystem": "Asset"}
PREFIX = "defgraph"


def make(schema: str, *key: object) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(PREFIX, schema, *map(str, key))
    return proxy


def country_code(entity_id: str | None) -> str | None:
    """The ISO code FtM wants for a catalogue country id (``country:india`` → ``in``)."""
    record = catalogue().get(entity_id) if entity_id else None
    code = getattr(record, "iso2", None)
    return code.lower() if code else None


def _country(entity_id: str) -> str | None:
    """The country an entity is of: itself, a catalogue organisation's country, a system's origin."""
    record = catalogue().get(entity_id)
    return country_code(entity_id) or country_code(getattr(record, "country", None) or getattr(record, "origin", None))


def entity_proxies(knowledge: Knowledge) -> dict[str, EntityProxy]:
    """defgraph entity id → its FtM entity, for the types FtM has a schema for."""
    proxies = {}
    for entity in knowledge.entities.values():
        if entity.type not in SCHEMATA:
            continue
        proxy = make(SCHEMATA[entity.type], entity.id)
        proxy.add("name", entity.name)
        proxy.add("alias", [a for a in entity.aliases if a != entity.name])
        proxy.add("country", _country(entity.id))
        if entity.type == "WeaponSystem":
            proxy.add("description", getattr(catalogue().get(entity.id), "category", None))
        proxies[entity.id] = proxy
    return proxies


def ftm_entities(knowledge: Knowledge) -> Iterator[EntityProxy]:
    """Every FtM entity of the export, the things before the links that point at them."""
    articles = {}
    for doc in knowledge.documents.values():
        article = make("Article", doc.id)
        article.add("title", doc.title or doc.name or f"document {doc.id}")
        article.add("publishedAt", doc.published)
        article.add("publisher", doc.outlet)
        article.add("sourceUrl", doc.url)
        articles[doc.id] = article
    things = entity_proxies(knowledge)
    yield from articles.values()
    yield from things.values()
    seen = set()
    for mention in knowledge.mentions:
        pair = (mention.source.doc_id, mention.entity)
        if mention.entity in things and pair not in seen:
            seen.add(pair)
            link = make("Documentation", *pair)
            link.add("document", articles[pair[0]].id)
            link.add("entity", things[mention.entity].id)
            link.add("role", "mentioned")
            yield link
    for fact in knowledge.statements:
        if (fact.property == "role" and fact.subject in things and fact.object in things
                and things[fact.subject].schema.is_a("Person") and things[fact.object].schema.is_a("Organization")):
            link = make("Employment", fact.subject, fact.object, fact.value)
            link.add("employee", things[fact.subject].id)
            link.add("employer", things[fact.object].id)
            link.add("role", fact.value)
            link.add("proof", articles[fact.source.doc_id].id)
            yield link
    for deal in merge_transfers(knowledge):
        if deal.supplier in things and deal.recipient in things:
            link = make("UnknownLink", *deal.key)
            link.add("subject", things[deal.supplier].id)
            link.add("object", things[deal.recipient].id)
            link.add("role", f"arms transfer: {knowledge.name(deal.system)} ({deal.deal_type or 'deal'})")
            link.add("status", deal.status)
            link.add("startDate", deal.best("order_date"))
            link.add("proof", [articles[s.doc_id].id for s in deal.sources])
            yield link
    for event in knowledge.events:
        node = make("Event", event.source.doc_id, event.source.start, event.type)
        node.add("name", f"{event.type}: " + ", ".join(knowledge.name(p) or p for p in event.participants))
        node.add("date", event.date)
        node.add("location", event.place)
        node.add("involved", [things[p].id for p in event.participants
                              if p in things and things[p].schema.is_a("LegalEntity")])
        node.add("description", event.source.evidence)
        node.add("proof", articles[event.source.doc_id].id)
        yield node
    for quote in knowledge.quotes:
        if quote.speaker in things:
            note = make("Note", quote.source.doc_id, quote.source.start)
            note.add("entity", things[quote.speaker].id)
            note.add("description", quote.text)
            note.add("proof", articles[quote.source.doc_id].id)
            yield note


def write_ftm(knowledge: Knowledge, out: TextIO) -> int:
    """Write the FtM entities as JSON lines; return how many were written."""
    count = 0
    for proxy in ftm_entities(knowledge):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count
