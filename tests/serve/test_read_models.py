"""The read models give what the in-Python analyses give for every fact loaded (the sample corpus,
ingested with the real pipeline)."""
from __future__ import annotations

from pathlib import Path

import pytest

from defgraph.analyse.dossier import dossier
from defgraph.analyse.knowledge import load_knowledge
from defgraph.analyse.merge import merge_transfers
from defgraph.analyse.register import register
from defgraph.analyse.timeline import timeline
from defgraph.analyse.views import Views
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
            found.pop("totals")
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
