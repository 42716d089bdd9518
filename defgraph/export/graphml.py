"""GraphML export for Gephi: countries, organisations, systems and people as nodes; deals, roles and
event co-participation as edges with weights and sources.

Reads a ``Knowledge`` and its merged deals; writes one GraphML file (networkx). Edge weights count
near-duplicate clusters (independent reports), ``sources`` lists document ids joined with ``;``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx

from defgraph.analyse.knowledge import Knowledge, Source
from defgraph.analyse.merge import merge_transfers

NODE_TYPES = frozenset({"Country", "Organization", "WeaponSystem", "Person"})
ID_TYPES = {"country": "Country", "org": "Organization", "system": "WeaponSystem", "person": "Person"}


def _sources(sources: list[Source]) -> dict[str, object]:
    return {"weight": len({s.cluster_id for s in sources}),
            "sources": ";".join(map(str, sorted({s.doc_id for s in sources})))}


def _add_node(graph: nx.MultiDiGraph, knowledge: Knowledge, entity_id: str, mentions: Counter) -> None:
    if entity_id not in graph:
        entity = knowledge.entities.get(entity_id)
        graph.add_node(entity_id, label=knowledge.name(entity_id) or entity_id,
                       type=entity.type if entity else ID_TYPES.get(entity_id.split(":")[0], "Other"),
                       mentions=mentions[entity_id])


def build_graph(knowledge: Knowledge) -> nx.MultiDiGraph:
    """The knowledge graph: typed nodes, and edges of kind ``transfer``, ``supplies``, ``role``, ``co_participation``."""
    graph = nx.MultiDiGraph()
    mentions = Counter(m.entity for m in knowledge.mentions)
    for entity in knowledge.entities.values():
        if entity.type in NODE_TYPES:
            _add_node(graph, knowledge, entity.id, mentions)

    def edge(u: str, v: str, kind: str, detail: str, sources: list[Source], **attrs: object) -> None:
        _add_node(graph, knowledge, u, mentions)
        _add_node(graph, knowledge, v, mentions)
        graph.add_edge(u, v, key=f"{kind}:{detail}", kind=kind, label=detail, **_sources(sources), **attrs)

    for deal in merge_transfers(knowledge):
        detail = f"{knowledge.name(deal.system)} ({deal.deal_type or 'deal'})"
        if deal.supplier and deal.recipient:
            edge(deal.supplier, deal.recipient, "transfer", detail, deal.sources, system=deal.system,
                 status=deal.status or "")
        if deal.supplier:
            edge(deal.supplier, deal.system, "supplies", detail, deal.sources)
    roles: dict[tuple[str, str, str], list[Source]] = defaultdict(list)
    for fact in knowledge.statements:
        if fact.property == "role" and fact.object:
            roles[(fact.subject, fact.object, fact.value or "")].append(fact.source)
    for (person, org, title), sources in roles.items():
        edge(person, org, "role", title, sources)
    together: dict[tuple[str, str], list[Source]] = defaultdict(list)
    for event in knowledge.events:
        people_and_bodies = {p for p in event.participants if p in graph}  # places and events are not nodes
        for a, b in combinations(sorted(people_and_bodies), 2):
            together[(a, b)].append(event.source)
    for (a, b), sources in together.items():
        edge(a, b, "co_participation", "events", sources)
    return graph


def write_graphml(knowledge: Knowledge, path: Path) -> int:
    """Write the graph as GraphML; return the number of edges."""
    graph = build_graph(knowledge)
    nx.write_graphml(graph, path)
    return graph.number_of_edges()
