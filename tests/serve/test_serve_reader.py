"""The web app's reader: facts kept in memory, read again when the database changes."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from defgraph.model import Article, DateValue, Extraction
from defgraph.errors import StoreError
from defgraph.serve import create_app
from defgraph.serve.reader import Reader
from defgraph.store import open_store


@dataclass
class QuarantineRow:
    source: str
    code: str
    reason: str
    excerpt: str | None


def test_articles_ingested_while_serving_appear(fresh_fixture_db: Path):
    client = TestClient(create_app(fresh_fixture_db))
    assert client.get("/api/stats").json()["counts"]["documents"] == 4
    with open_store(fresh_fixture_db) as store, store.transaction():
        article = Article(text="Late news\n\nA harbour tug was repainted in blue on Sunday.", title="Late news",
                          published=DateValue.parse("2023-05-07"), source="fixture://late")
        store.add_extraction(store.add_document(article, signature=None), Extraction(article))
    assert client.get("/api/stats").json()["counts"]["documents"] == 5
    assert client.get("/api/documents?limit=1").json()["items"][0]["title"] == "Late news"



def test_the_web_app_cannot_write(fresh_fixture_db: Path):
    reader = Reader(fresh_fixture_db)
    with reader.store() as store, pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.add_quarantine(QuarantineRow("x.txt", "E101", "empty", None))
    assert TestClient(create_app(fresh_fixture_db)).get("/api/stats").json()["counts"]["documents"] == 4


def test_a_missing_database_is_not_created(tmp_path: Path):
    with pytest.raises(StoreError, match="E201"):
        Reader(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_a_database_from_an_older_defgraph_is_refused_not_migrated(fresh_fixture_db: Path):
    with sqlite3.connect(fresh_fixture_db) as conn:
        conn.execute("DELETE FROM schema_version WHERE version = (SELECT MAX(version) FROM schema_version)")
    with pytest.raises(StoreError, match="older than this defgraph"):
        Reader(fresh_fixture_db)


def test_a_postgres_store_is_read_only_too(pg_url: str, make_article):
    with open_store(pg_url) as store, store.transaction():
        article = make_article()
        store.add_extraction(store.add_document(article, signature=None), Extraction(article))
    with open_store(pg_url, read_only=True) as store:
        assert store.stats()["documents"] == 1
        with pytest.raises(Exception, match="read-only"):
            store.add_quarantine(QuarantineRow("x.txt", "E101", "empty", None))
