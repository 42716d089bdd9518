"""The read models give what the in-Python analyses give for every fact loaded (the sample corpus,
ingested with the real pipeline)."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from defgraph.analyse.dossier import dossier
from defgraph.analyse.knowledge import date_key, load_knowledge
from defgraph.analyse.merge import merge_transfers
from defgraph.analyse.register import register
from defgraph.analyse.timeline import timeline
from defgraph.analyse.readmodels import bounded, bounded_row
from defgraph.analyse.views import DOSSIER_DEALS, DOSSIER_LIMIT, Views
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


def _listed(knowledge, **wanted) -> list[dict]:
    """The merged deals as the transfer list orders them: first seen, system name, then merge order."""
    rows = [d.as_dict(knowledge.name) for d in merge_transfers(knowledge)]
    rows = [r for r in rows if all(r[key] == value for key, value in wanted.items() if key != "country")
            and wanted.get("country") in (None, r["supplier"], r["recipient"])]
    return sorted(rows, key=lambda r: (date_key(r["first_seen"]), r["system_name"] or ""))


def test_the_deals_are_the_same_in_the_same_order(both):
    knowledge, views, names = both
    assert views.deals(names, every_deal=True) == (len(_listed(knowledge)), _listed(knowledge))


@pytest.mark.parametrize("wanted", [{"country": "country:india"}, {"status": "delivered"}, {"deal_type": "purchase"},
                                    {"supplier": "country:russia", "status": "signed"}, {"system": "system:s-400"}])
def test_deal_pages_are_filtered_windows_of_the_deals(both, wanted):
    knowledge, views, names = both
    whole = _listed(knowledge, **wanted)
    assert whole, wanted  # the sample corpus has deals of each kind asked for
    for limit, offset in ((1, 0), (2, 1), (100, 0), (3, len(whole) - 1)):
        assert views.deals(names, every_deal=True, limit=limit, offset=offset, **wanted) == \
            (len(whole), whole[offset:offset + limit])


def test_the_register_read_a_page_at_a_time_is_the_whole_register(both):
    knowledge, views, _ = both
    whole, after, pages = register(knowledge, every_deal=True), None, []
    while True:
        after, rows = views.register_after(after, every_deal=True, limit=3)
        pages.append(rows)
        if after is None:
            break
    assert len(pages) > 2 and [row for page in pages for row in page] == whole


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
            totals = found.pop("totals")
            assert (totals["transfers"], totals["timeline"]) == (len(expected["transfers"]), len(expected["timeline"]))
            expected["transfers"] = expected["transfers"][:DOSSIER_DEALS]  # the most supported, in order
            expected["timeline"] = expected["timeline"][:DOSSIER_LIMIT]  # the oldest, as the view cuts it
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


def test_a_register_row_is_stored_with_its_first_sources_and_their_total(both):
    _, views, _ = both
    row = views.register(every_deal=True)[0]
    many = replace(row, sources=tuple(range(1, 251)), sources_total=250)
    stored = bounded_row(many, most=20)
    assert stored["sources"] == tuple(range(1, 21)) and stored["sources_total"] == 250
    assert all(r.sources_total == len(r.sources) for r in views.register(every_deal=True))  # the sample: every one


def test_a_store_of_an_earlier_schema_is_given_the_deal_orders(sample_db: Path, tmp_path: Path):
    old = tmp_path / "old.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(old) as copy:
        source.backup(copy)
        for index in ("deals_register", "deals_listing", "deals_system", "deals_supplier", "deals_recipient"):
            copy.execute(f"DROP INDEX {index}")
        for column in ("register_order", "status", "deal_type", "rank_order", "listing_order"):
            copy.execute(f"ALTER TABLE deals DROP COLUMN {column}")
        for column in ("system", "supplier", "recipient"):
            copy.execute(f"CREATE INDEX deals_{column} ON deals({column})")
        copy.execute("DELETE FROM schema_version WHERE version >= 6")
    with open_store(old) as store:
        assert store.schema_version() == 7
        rows = store._rows("SELECT register_order, rank_order, listing_order FROM deals")
        assert rows and all(all(row.values()) for row in rows)
        knowledge, views = load_knowledge(store), Views(store)
        assert views.register(every_deal=True) == register(knowledge, every_deal=True)
        assert views.deals(views.knowledge(), every_deal=True)[1] == _listed(knowledge)
