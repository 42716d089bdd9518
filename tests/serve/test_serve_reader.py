"""The web app's reader: facts kept in memory, read again when the database changes."""
from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from defgraph.model import Article, DateValue, Extraction
from defgraph.serve import create_app
from defgraph.store import open_store


def test_articles_ingested_while_serving_appear(fresh_fixture_db: Path):
    client = TestClient(create_app(fresh_fixture_db))
    assert client.get("/api/stats").json()["counts"]["documents"] == 4
    with open_store(fresh_fixture_db) as store, store.transaction():
        article = Article(text="Late news\n\nA harbour tug was repainted in blue on Sunday.", title="Late news",
                          published=DateValue.parse("2023-05-07"), source="fixture://late")
        store.add_extraction(store.add_document(article, signature=None), Extraction(article))
    assert client.get("/api/stats").json()["counts"]["documents"] == 5
    assert client.get("/api/documents?limit=1").json()["items"][0]["title"] == "Late news"

