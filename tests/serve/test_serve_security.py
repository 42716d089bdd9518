"""What the web app never shows: server paths, in process, against the small hand-built store."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from defgraph.serve import create_app

FEEDS = "/srv/defgraph-feeds"  # where conftest.py's fixture articles were ingested from


def test_the_server_path_of_an_article_is_not_shown(client):
    for url in ("/api/documents/1", "/documents/1", "/api/documents", "/api/search?q=India"):
        assert FEEDS not in client.get(url).text
    assert "source" not in client.get("/api/documents/1").json()


@pytest.mark.parametrize("url, kind", [("/api/stats", "application/json"), ("/", "text/html")])
def test_an_unexpected_error_is_a_500_without_its_details(fixture_db, monkeypatch, url, kind):
    def broken(*args, **kwargs):
        raise RuntimeError(f"secret detail from {fixture_db}")

    monkeypatch.setattr("defgraph.serve.browse.overview", broken)
    response = TestClient(create_app(fixture_db), raise_server_exceptions=False).get(url)
    assert response.status_code == 500 and response.headers["content-type"].startswith(kind)
    assert "E430" in response.text and "RuntimeError" in response.text
    assert str(fixture_db) not in response.text and "secret detail" not in response.text


def test_a_store_that_cannot_be_read_is_503_without_its_path(fresh_fixture_db: Path):
    client = TestClient(create_app(fresh_fixture_db))
    fresh_fixture_db.unlink()
    for url in ("/api/stats", "/entities"):
        response = client.get(url)
        assert response.status_code == 503 and "E431" in response.text
        assert str(fresh_fixture_db.parent) not in response.text
