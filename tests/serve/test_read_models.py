"""The read models give what the in-Python analyses give for every fact loaded (the sample corpus,
ingested with the real pipeline)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from defgraph.analyse.dossier import dossier
from defgraph.analyse.knowledge import load_knowledge
from defgraph.analyse.merge import merge_transfers
from defgraph.analyse.register import register
from defgraph.analyse.timeline import timeline
from defgraph.analyse.readmodels import bounded
from defgraph.analyse.views import DOSSIER_DEALS, Views
from defgraph.store import open_store


@pytest.fixture(scope="module")
def both(sample_db: Path):
    with open_store(sample_db, read_only=True) as store:
        views = Views(store)
        yield load_knowledge(store), views, views.knowledge()


def test_the_register_is_the_same(both):
    knowledge, views, _ = both
    for every_deal in (False, True):
        assert views.register(every_deal=every_deal) == register(knowledge, every_deal=every_deal)
    assert views.register(recipient="country:india") == register(knowledge, recipient="country:india")


def test_the_deals_are_the_same_in_the_same_order(both):
    knowledge, views, names = both
    assert views.deals(names, every_deal=True) == [d.as_dict(knowledge.name) for d in merge_transfers(knowledge)]


def test_every_timeline_is_the_same(both):
    knowledge, views, _ = both
    assert views.timeline([])[1] == [e.as_dict() for e in timeline(knowledge, [])]
    for entity in sorted(knowledge.entities):
        assert views.timeline([entity])[1] == [e.as_dict() for e in timeline(knowledge, [entity])], entity
    assert views.timeline(["country:india", "country:russia"])[1] == \
        [e.as_dict() for e in timeline(knowledge, ["country:india", "country:russia"])]


def test_every_dossier_is_the_same(both):
    knowledge, views, names = both
    for entity in sorted(knowledge.entities):
        for every_deal in (False, True):
            expected = dossier(knowledge, entity, every_deal=every_deal)
            found = views.dossier(entity, names, every_deal=every_deal)
            assert found.pop("totals")["transfers"] == len(expected["transfers"])
            expected["transfers"] = expected["transfers"][:DOSSIER_DEALS]  # the most supported, in order
            assert found == expected, entity


def test_the_counts_and_entity_statistics_are_the_same(both):
    knowledge, views, names = both
    counts = views.tallies()
    assert (counts["documents"], counts["transfers"], counts["events"], counts["quotes"], counts["claims"]) == (
        len(knowledge.documents), len(knowledge.transfers), len(knowledge.events), len(knowledge.quotes),
        len(knowledge.claims))
    for entity in knowledge.entities:
        mentions = [m for m in knowledge.mentions if m.entity == entity]
        assert names.mention_counts.get(entity, (0, 0)) == (len(mentions), len({m.source.doc_id for m in mentions}))


def test_register_pages_are_windows_of_the_register(both):
    knowledge, views, _ = both
    for every_deal in (False, True):
        whole = register(knowledge, every_deal=every_deal)
        assert len(whole) > 5
        for limit, offset in ((1, 0), (3, 2), (50, 0), (5, len(whole) - 2), (5, len(whole))):
            assert views.register_page(every_deal=every_deal, limit=limit, offset=offset) == \
                (len(whole), whole[offset:offset + limit])


def test_a_deal_is_stored_with_a_bounded_number_of_sources():
    def source(n):
        return {"document": n, "span": [0, 5]}

    deal = {"sources": [source(n) for n in range(250)],
            "slots": {"quantity": [{"value": [4, None], "sources": [source(n) for n in range(3)]},
                                   {"value": [6, None], "sources": [source(n) for n in range(120)]}]}}
    stored = bounded(deal, most=100)
    assert stored["sources"] == deal["sources"][:100] and stored["sources_total"] == 250
    assert stored["slots"]["quantity"][0] == deal["slots"]["quantity"][0]
    assert len(stored["slots"]["quantity"][1]["sources"]) == 100
    assert stored["slots"]["quantity"][1]["sources_total"] == 120


def test_a_store_of_the_previous_schema_is_given_the_register_order(sample_db: Path, tmp_path: Path):
    old = tmp_path / "old.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(old) as copy:
        source.backup(copy)
        copy.execute("DROP INDEX deals_register")
        copy.execute("ALTER TABLE deals DROP COLUMN register_order")
        copy.execute("DELETE FROM schema_version WHERE version = 6")
    with open_store(old) as store:
        assert store.schema_version() == 6
        assert all(row["register_order"] for row in store._rows("SELECT register_order FROM deals"))
        assert Views(store).register(every_deal=True) == register(load_knowledge(store), every_deal=True)
