"""What every response carries (security headers, HEAD like GET, the 500 and 503 errors) and which
addresses become links: in process, against the small hand-built store."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from defgraph.serve import create_app
from defgraph.serve.security import web_url

# as the fixture store of conftest.py holds them
SOURCE_URL = "https://harbour-gazette.example/2019/03/04/s400-india"  # article 1
HOSTILE_URL = "javascript:alert(document.domain)"  # article 4
FEEDS = "/srv/defgraph-feeds"  # where the articles were ingested from

PAGES = ["/", "/search?q=S-400", "/documents/1", "/documents/4", "/entities?type=Country", "/entities/system:s-400",
         "/register?recipient=India", "/timeline", "/graph", "/conflicts"]
EVERY_KIND = PAGES + [
    "/api/stats", "/api/documents/1", "/api/transfers?system=S-400", "/api/openapi.json", "/register.csv",
    "/static/app.js", "/static/app.css",
    "/api/documents/999", "/documents/999", "/no/such/page", "/static/none.js",  # 404
    "/api/events?since=2020-13", "/timeline?entity=Qqqqq", "/register.csv?system=India",  # 422
]


def assert_secured(response) -> None:
    headers = response.headers
    policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'none'"
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize("url", EVERY_KIND)
def test_every_response_has_the_security_headers(client, url):
    assert_secured(client.get(url))


@pytest.mark.parametrize("url", EVERY_KIND)
def test_head_is_answered_wherever_get_is(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-length") == got.headers.get("content-length")
    if "content-length" in got.headers:  # a streamed download (register.csv) is sent in chunks, with no length
        assert got.headers["content-length"] == str(len(got.content))
    assert_secured(head)


def test_other_methods_are_refused_with_the_methods_allowed(client):
    for url in ("/api/stats", "/register", "/static/app.js"):
        response = client.post(url)
        assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
        assert_secured(response)
    assert client.delete("/api/documents/1").json()["error"]["code"] == "E404"


@pytest.mark.parametrize("url", PAGES)
def test_pages_run_no_inline_script_or_style(client, url):
    page = client.get(url).text
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/app.js">']
    assert not re.search(r"<[^>]*\son\w+\s*=", page)  # no onclick=, onload=...
    assert not re.search(r"<[^>]*\sstyle\s*=", page) and "<style" not in page
    assert "javascript:" not in page


@pytest.mark.parametrize("url, expected", [
    (SOURCE_URL, SOURCE_URL), ("http://example.org/a?b=c#d", "http://example.org/a?b=c#d"),
    ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
    (HOSTILE_URL, None), ("JavaScript:alert(1)", None), (" javascript:alert(1)", None), ("java\tscript:alert(1)", None),
    ("\x01javascript:alert(1)", None), ("data:text/html,<script>alert(1)</script>", None), ("vbscript:msgbox", None),
    ("//evil.example/", None), ("/documents/1", None), ("https:alert(1)", None), ("https://", None),
    ("https://exa mple.org/", None), ("", None), (None, None),
])
def test_only_http_and_https_addresses_are_web_urls(url, expected):
    assert web_url(url) == expected


def test_only_http_and_https_sources_become_links(client):
    hostile = client.get("/documents/4").text
    assert "javascript" not in hostile and ">source</a>" not in hostile
    assert f'<a href="{SOURCE_URL}" rel="noreferrer">source</a>' in client.get("/documents/1").text
    assert client.get("/api/documents/4").json()["url"] is None
    assert client.get("/api/documents/1").json()["url"] == SOURCE_URL
    listed = {doc["id"]: doc["url"] for doc in client.get("/api/documents").json()["items"]}
    assert listed == {1: SOURCE_URL, 2: None, 3: None, 4: None}


def test_the_server_path_of_an_article_is_not_shown(client):
    for url in ("/api/documents/1", "/documents/1", "/api/documents", "/api/search?q=India"):
        assert FEEDS not in client.get(url).text
    assert "source" not in client.get("/api/documents/1").json()


@pytest.mark.parametrize("url, kind", [("/api/stats", "application/json"), ("/", "text/html")])
def test_an_unexpected_error_is_a_500_with_headers_not_a_dropped_connection(fixture_db, monkeypatch, url, kind):
    def broken(*args, **kwargs):
        raise RuntimeError(f"secret detail from {fixture_db}")

    monkeypatch.setattr("defgraph.serve.browse.overview", broken)
    response = TestClient(create_app(fixture_db), raise_server_exceptions=False).get(url)
    assert response.status_code == 500 and response.headers["content-type"].startswith(kind)
    assert "E430" in response.text and "RuntimeError" in response.text
    assert str(fixture_db) not in response.text and "secret detail" not in response.text
    assert_secured(response)


def test_a_store_that_cannot_be_read_is_503_without_its_path(fresh_fixture_db: Path):
    client = TestClient(create_app(fresh_fixture_db))
    fresh_fixture_db.unlink()
    for url in ("/api/stats", "/entities"):
        response = client.get(url)
        assert response.status_code == 503 and "E431" in response.text
        assert str(fresh_fixture_db.parent) not in response.text
        assert_secured(response)
