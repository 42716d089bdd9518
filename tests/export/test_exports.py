"""Exports: JSON Lines, CSV tables, GraphML that networkx reads back, FtM entities that validate."""
from __future__ import annotations

import csv
import json

import networkx as nx
from analyse.writing import write_s400_story
from followthemoney import model

from defgraph.export import export_knowledge


def test_jsonl_has_every_fact_with_its_evidence_span(write_doc, knowledge, tmp_path):
    ids = write_s400_story(write_doc)
    out = tmp_path / "facts.jsonl"
    count = export_knowledge(knowledge(), "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == count
    transfers = [line for line in lines if line["kind"] == "transfer"]
    assert len(transfers) == 4 and {t["document"] for t in transfers} == set(ids.values())
    signing = next(t for t in transfers if t["document"] == ids["signing"])
    assert signing["evidence"] == "India signed a USD 5.43 billion contract" and signing["start"] == 0
    assert {line["kind"] for line in lines} >= {"document", "entity", "mention", "event", "quote", "statement"}


def test_csv_writes_one_table_per_kind(write_doc, knowledge, tmp_path):
    write_s400_story(write_doc)
    export_knowledge(knowledge(), "csv", tmp_path / "tables")
    names = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert names == ["documents.csv", "entities.csv", "events.csv", "mentions.csv", "quotes.csv",
                     "statements.csv", "transfers.csv"]
    with open(tmp_path / "tables" / "events.csv", encoding="utf-8") as handle:
        events = list(csv.DictReader(handle))
    assert events[0]["participants"] == "country:india;country:russia;system:s-400"


def test_graphml_loads_back_with_typed_nodes_and_weighted_edges(write_doc, knowledge, tmp_path):
    write_s400_story(write_doc)
    out = tmp_path / "graph.graphml"
    export_knowledge(knowledge(), "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert graph.nodes["country:india"]["type"] == "Country" and graph.nodes["system:s-400"]["label"] == "S-400"
    [transfer] = [d for _, _, d in graph.edges("country:russia", data=True) if d["kind"] == "transfer"]
    assert transfer["weight"] == 3 and transfer["sources"] == "1;2;3;4" and transfer["status"] == "delivering"
    [role] = [d for u, v, d in graph.edges(data=True) if d["kind"] == "role"]
    assert role["label"] == "spokesperson" and role["weight"] == 1  # two copies of one story
    assert graph.has_edge("country:russia", "system:s-400")
    assert any(d["kind"] == "co_participation" for _, _, d in graph.edges(data=True))


def test_ftm_entities_validate_and_link_to_their_articles(write_doc, knowledge, tmp_path):
    write_s400_story(write_doc)
    out = tmp_path / "entities.ftm.json"
    export_knowledge(knowledge(), "ftm", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    proxies = {}
    for data in lines:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None
        assert proxy.to_dict()["properties"] == data["properties"]  # nothing dropped as invalid
        proxies[proxy.id] = proxy
    by_schema = {}
    for proxy in proxies.values():
        by_schema.setdefault(proxy.schema.name, []).append(proxy)
    assert len(by_schema["Article"]) == 4
    [india] = [p for p in by_schema["PublicBody"] if p.first("name") == "India"]
    assert india.first("country") == "in"
    [rao] = by_schema["Person"]
    [job] = by_schema["Employment"][:1]
    assert job.first("employee") == rao.id and proxies[job.first("employer")].first("name") == "Ministry of Defence (India)"
    [deal] = by_schema["UnknownLink"]
    assert proxies[deal.first("subject")].first("name") == "Russia" and len(deal.get("proof")) == 4
    assert all(proxies[link.first("document")].schema.name == "Article" for link in by_schema["Documentation"])
    assert by_schema["Note"][0].first("description") == "The first squadron is on schedule."
