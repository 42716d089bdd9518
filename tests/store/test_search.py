"""Search: one query language, the same documents from SQLite and PostgreSQL, a cap on words."""
from __future__ import annotations

import pytest

from defgraph.errors import InputError
from defgraph.model import Article
from defgraph.store import open_store

TEXTS = (
    "Russia delivered the S-400 air defence system to India, the ministry said.",
    "India and Russia signed a joint venture to build BrahMos missiles in Lucknow.",
    "The Akash missile was tested by India's army over the Bay of Bengal.",
    "Pakistan tested a missile on Monday; the delivery of its launchers was delayed.",
    "Deliveries of Rafale jets to India continue, officials said, and a joint venture will follow.",
    "The company's joint statement said nothing about venture capital or any AND gate.",
)
QUERIES = {  # query: the texts it finds
    "S-400": {0},
    "delivery": {3, 4},
    '"joint venture"': {1, 4},
    "joint venture": {1, 4, 5},
    "BrahMos OR Akash": {1, 2},
    "missile -Pakistan": {1, 2},
    'missile -"Bay of Bengal" -Pakistan': {1},
    "India's": {0, 1, 2, 4},
    "india OR": {0, 1, 2, 4},
    "Russia India OR Pakistan": {0, 1},
    '"joint venture': {1, 4},
    "AND": set(),
    "NOT OR": set(),
    "the": set(),
    "-India": set(),
    "*": set(),
    "(": set(),
    "'; DROP TABLE documents; --": set(),
}


@pytest.fixture
def both(db_path, pg_url):
    opened = [open_store(db_path), open_store(pg_url)]
    for store in opened:
        with store.transaction():
            for n, text in enumerate(TEXTS):
                store.add_document(Article(text=text, title=f"Story {n}", source=f"test://{n}"), signature=None)
    yield opened
    for store in opened:
        store.close()


def found(store, query: str) -> set[int]:
    return {int(hit.title.split()[-1]) for hit in store.search(query, limit=50)}


def test_every_query_finds_the_same_documents_on_both_backends(both):
    sqlite, postgres = both
    for query, expected in QUERIES.items():
        assert (found(sqlite, query), found(postgres, query)) == (expected, expected), query


def test_a_query_over_the_word_cap_is_refused_on_both_backends(both):
    for store in both:
        with pytest.raises(InputError) as caught:
            store.search(" ".join(f"word{n}" for n in range(40)))
        assert caught.value.code == "E115" and "40 words" in str(caught.value)


def test_the_stop_words_are_the_ones_postgresql_drops(pg_url):
    from defgraph.store.query import STOP_WORDS

    with open_store(pg_url) as store:
        kept = store.conn.execute("SELECT w FROM unnest(%s::text[]) AS w WHERE to_tsvector('english', w) <> ''",
                                  (sorted(STOP_WORDS),)).fetchall()
    assert kept == []


@pytest.fixture(params=["database", "index"])
def engine(request, monkeypatch, tmp_path):
    """Search answered by the database's own index, or by the tantivy index beside the store."""
    if request.param == "index":
        pytest.importorskip("tantivy")
        monkeypatch.setenv("DEFGRAPH_SEARCH_DIR", str(tmp_path / "search"))
        monkeypatch.delenv("DEFGRAPH_SEARCH", raising=False)
    else:
        monkeypatch.setenv("DEFGRAPH_SEARCH", "database")
    return request.param


def test_the_search_index_finds_what_the_database_does(both, engine):
    for store in both:
        for query, expected in QUERIES.items():
            assert found(store, query) == expected, (store.backend, engine, query)
        page = store.search_page("India", limit=10)
        assert page.engine == ("tantivy" if engine == "index" else {"sqlite": "fts5", "postgres": "tsvector"}[store.backend])


def test_a_page_has_the_exact_total_and_its_window_of_the_ranking(both, engine):
    for store in both:
        ranking = [hit.doc_id for hit in store.search_page("India", limit=50).hits]
        pages = [store.search_page("India", limit=2, offset=offset) for offset in (0, 2, 4)]
        assert [page.total for page in pages] == [4, 4, 4]
        assert [hit.doc_id for page in pages for hit in page.hits] == ranking
        assert all(hit.snippet for page in pages for hit in page.hits)


def test_the_index_catches_up_with_documents_added_after_it(both, engine, make_article):
    for store in both:
        assert store.search_page("Nicobar").total == 0
        with store.transaction():
            for n in range(3):
                store.add_document(make_article(f"Radar station {n} on the Nicobar islands was commissioned."),
                                   signature=None)
        page = store.search_page("Nicobar")
        assert page.total == 3 and "[Nicobar]" in page.hits[0].snippet
