"""Every store backend (SQLite, PostgreSQL): atomic writes, facts with spans, search, clusters, quarantine."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from defgraph.errors import StoreError
from defgraph.ingestion.readers import Quarantined
from defgraph.model import Entity, Event, Extraction, Mention, Quote, Role, Span, Transfer
from defgraph.store import Store, open_store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, db_path) -> Iterator[Store]:
    """A fresh store of each backend (PostgreSQL in a schema of its own)."""
    target = db_path if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(target) as fresh:
        yield fresh



def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _mention(text: str, words: str) -> Mention:
    span = _span(text, words)
    return Mention(span.start, span.end, span.text)


def _extraction(article) -> Extraction:
    text = article.text
    return Extraction(
        article=article,
        entities=[Entity("country:india", "Country", "India", [_mention(text, "India")], True),
                  Entity("system:s-400", "WeaponSystem", "S-400", [_mention(text, "S-400")], True)],
        roles=[Role("person:lena-voskova", "spokesperson", "country:india", _span(text, "spokesperson Lena Voskova"))],
        quotes=[Quote("person:lena-voskova", "on schedule", True, _span(text, '"on schedule"'))],
        transfers=[Transfer("country:russia", "country:india", "system:s-400", "purchase",
                            _span(text, "will receive the remaining S-400"), status="delivering")],
        events=[Event("statement", ["person:lena-voskova"], _span(text, "said on Monday"))],
    )


TEXT = ('India will receive the remaining S-400 squadrons next year, spokesperson Lena Voskova said on Monday, '
        'calling the programme "on schedule".')


def test_a_document_and_its_facts_keep_their_spans(store, make_article):
    article = make_article(TEXT)
    with store.transaction():
        doc_id = store.add_document(article, signature=b"sig")
        store.add_extraction(doc_id, _extraction(article))
    document = store.get_document(doc_id)
    text = document["text"]
    assert text == article.text
    for mention in document["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]
    facts = document["statements"] + document["quotes"] + document["transfers"] + document["events"]
    assert len(facts) == 4
    for fact in facts:
        assert text[fact["start"]:fact["end"]] in (fact.get("evidence"), f'"{fact.get("text")}"')
    assert document["transfers"][0]["system"] == "system:s-400"
    assert document["events"][0]["participants"] == ["person:lena-voskova"]
    assert document["statements"][0] | {"value": "spokesperson", "object": "country:india"} == \
        document["statements"][0]
    assert store.stats()["entities"] == 2


def test_a_failed_transaction_leaves_nothing_behind(store, make_article):
    article = make_article(TEXT)
    with pytest.raises(RuntimeError), store.transaction():
        doc_id = store.add_document(article, signature=None)
        store.add_extraction(doc_id, _extraction(article))
        raise RuntimeError("killed half-way")
    counts = store.stats()
    assert counts["documents"] == counts["mentions"] == counts["transfers"] == counts["entities"] == 0
    assert store.search("S-400") == []


def test_a_stored_content_hash_is_unique(store, make_article):
    article = make_article(TEXT)
    with store.transaction():
        store.add_document(article, signature=None)
    assert store.known_hashes([article.content_hash, "other"]) == {article.content_hash}
    with pytest.raises(Exception, match="(?i)unique"), store.transaction():
        store.add_document(article, signature=None)


def test_search_ranks_title_matches_first_and_marks_snippets(store, make_article):
    with store.transaction():
        body_only = store.add_document(make_article(
            "Officials discussed budgets, fuel prices and, briefly, S-400 spare parts for the air force."),
            signature=None)
        in_title = store.add_document(make_article(
            "The first regiment received its S-400 launchers, the ministry said.", title="S-400 deliveries begin"),
            signature=None)
        store.add_document(make_article("A naval frigate was commissioned at the shipyard."), signature=None)
    hits = store.search("S-400")
    assert [hit.doc_id for hit in hits] == [in_title, body_only]
    assert "400]" in hits[1].snippet  # SQLite marks [S-400]; PostgreSQL's parser, S[-400]
    assert [hit.doc_id for hit in store.search("delivery")] == [in_title]  # stemmed: deliveries
    assert len(store.search("frigate OR launchers")) == 2
    assert store.search('"spare parts"')[0].doc_id == body_only


def test_near_duplicate_clusters_can_re_point_their_original(store, make_article):
    with store.transaction():
        first = store.add_document(make_article(published="2024-06-05"), signature=None)
        cluster = store.cluster_of(first)
        second = store.add_document(make_article(published="2024-06-03"), signature=None,
                                    cluster_id=cluster.cluster_id)
        store.set_original(cluster.cluster_id, second)
    assert store.cluster_of(first).original_id == second
    assert store.get_document(second)["is_original"] and not store.get_document(first)["is_original"]
    assert store.stats()["clusters"] == 1 and store.stats()["near_duplicates"] == 1


def test_quarantine_keeps_one_row_per_source_and_code(store):
    item = Quarantined("bad.bin", "E102", "[E102] bad.bin: the file looks binary", "\\x00\\x01")
    for _ in range(2):
        with store.transaction():
            store.add_quarantine(item)
    assert [(r.source, r.code) for r in store.list_quarantine()] == [("bad.bin", "E102")]


def test_an_unknown_document_is_a_clear_error(store):
    with pytest.raises(StoreError) as caught:
        store.get_document(42)
    assert caught.value.code == "E204"


def test_an_unreachable_postgres_server_is_a_clear_error():
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://127.0.0.1:1/test?connect_timeout=2")
    assert caught.value.code == "E203" and "127.0.0.1:1" in str(caught.value)


def test_bulk_readers_give_every_document_entity_and_fact(store, make_article):
    article = make_article(TEXT)
    with store.transaction():
        doc_id = store.add_document(article, signature=None)
        store.add_extraction(doc_id, _extraction(article))
    (document,) = store.iter_documents()
    assert document["id"] == doc_id and document["is_original"] and "text" not in document
    entities = {entity["id"]: entity for entity in store.iter_entities()}
    assert entities["system:s-400"]["aliases"] == ["S-400"] and entities["country:india"]["in_catalogue"]
    (event,) = store.iter_facts("events")
    assert event["participants"] == ["person:lena-voskova"] and event["document_id"] == doc_id
    (transfer,) = store.iter_facts("transfers")
    assert article.text[transfer["start"]:transfer["end"]] == transfer["evidence"]
    with pytest.raises(ValueError):
        list(store.iter_facts("documents"))


@pytest.mark.parametrize("query", ["NOT", "frigate AND", '"unclosed phrase', "OR OR", "", "*"])
def test_any_query_text_is_searched_without_error(store, make_article, query):
    with store.transaction():
        store.add_document(make_article("A naval frigate was commissioned; the phrase was unclosed."), signature=None)
    assert isinstance(store.search(query), list)


def test_a_quarantine_row_keeps_a_short_one_line_prefix(store):
    store.add_quarantine(Quarantined("feed\n.jsonl", "E107", "[E107] " + "\x00" * 10_000_000, "x" * 10_000_000))
    record, = store.list_quarantine()
    assert record.source == "feed\\n.jsonl" and len(record.reason) <= 2001 and len(record.excerpt) <= 2001


def test_confidences_turns_and_the_date_note_are_kept(store, make_article):
    from defgraph.model import Turn

    article = make_article(TEXT)
    article.published_note = "dateline 'NEW DELHI, June 3', the year from the weekday (Monday)"
    extraction = _extraction(article)
    extraction.entities[0].confidence = 0.97
    extraction.transfers[0].confidence, extraction.quotes[0].confidence = 0.81, 0.66
    extraction.roles[0].confidence = 0.7
    extraction.turns = [Turn("Q", "question", None, 0, 2, 10)]
    with store.transaction():
        doc_id = store.add_document(article, signature=None)
        store.add_extraction(doc_id, extraction)
    document = store.get_document(doc_id)
    assert document["published_note"] == article.published_note
    assert [t["confidence"] for t in document["transfers"]] == [0.81]
    assert [q["confidence"] for q in document["quotes"]] == [0.66]
    assert [s["confidence"] for s in document["statements"] if s["property"] == "role"] == [0.7]
    assert {e["id"]: e["confidence"] for e in document["entities"]}["country:india"] == 0.97
    assert document["turns"] == [{"label": "Q", "kind": "question", "speaker": None, "label_start": 0, "start": 2,
                                  "end": 10}]


def test_stats_count_the_documents_without_a_date(store, make_article):
    with store.transaction():
        store.add_document(make_article(published=None), signature=None)
        store.add_document(make_article(published="2024-06-03"), signature=None)
    assert store.stats()["documents_without_date"] == 1
