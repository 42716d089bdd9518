"""The server-rendered pages, in process: every page renders, text is escaped, the CSV downloads."""
from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from defgraph.serve import pages

HOSTILE = "<script>document.title='pwned'</script>"  # as the fixture store's article 4 holds it

PAGES = ["/", "/search?q=S-400", "/documents/1", "/entities", "/entities?type=Country", "/entities/system:s-400", "/entities/person:mira-talwan",
         "/register", "/register?recipient=India", "/timeline", "/timeline?entity=Russia", "/graph", "/conflicts"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "</html>" in response.text and "/static/app.js" in response.text


def test_static_assets_are_served_locally(client):
    assert "drawGraph" in client.get("/static/app.js").text
    assert client.get("/static/app.css").status_code == 200
    for url in PAGES:
        loaded = re.findall(r'<(?:script|link|img)\b[^>]*?(?:src|href)="([^"]*)"', client.get(url).text)
        assert loaded and all(address.startswith("/static/") for address in loaded)  # nothing loaded from elsewhere


def test_article_markup_is_shown_as_text(client):
    page = client.get("/documents/4").text
    assert HOSTILE not in page
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; text &amp; more" in page
    assert "Test &lt;Outlet&gt;" in page
    assert page.count("<script") == 1  # only the page's own app.js


@pytest.mark.parametrize("url", ["/", "/search?q=pwned", "/timeline", "/entities/country:india"])
def test_stored_markup_is_escaped_everywhere(client, url):
    page = client.get(url).text
    assert HOSTILE not in page
    assert "<b>bold</b>" not in page


def test_search_query_is_escaped(client):
    page = client.get("/search", params={"q": '"><img src=x onerror=alert(1)>'}).text
    assert "<img src=x" not in page


@pytest.mark.parametrize("page, api", [("/timeline", "/api/timeline?limit=500"), ("/graph?min_documents=1", "/api/graph")])
def test_charts_get_the_api_data_in_an_attribute(client, page, api):
    data = re.search(r"data-chart='([^']*)'", client.get(page).text).group(1)
    expected = client.get(api).json()
    assert json.loads(html.unescape(data)) == expected.get("items", expected)


def test_chart_data_cannot_leave_its_attribute():
    from defgraph.serve.templating import templates

    hostile = {"nodes": [{"id": "x", "name": f"'><img src=x>{HOSTILE}", "type": "Country", "documents": 1}], "edges": []}
    page = templates.get_template("graph.html").render(graph=hostile, min_documents=1)
    data = re.search(r"data-chart='([^']*)'", page).group(1)
    assert json.loads(html.unescape(data)) == hostile
    assert "<img" not in page and HOSTILE not in page


def test_article_highlights_link_entities_and_mark_facts(client):
    page = client.get("/documents/1").text
    assert '<a class="ent" href="/entities/person%3Amira-talwan"' in page
    assert 'class="q "' in page and "f-transfer" in page and "f-event" in page


def test_register_csv_download(client):
    response = client.get("/register.csv", params={"supplier": "Russia"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["supplier"], r["recipient"], r["system"]) for r in rows] == [("Russia", "India", "S-400")]
    assert 'href="/register.csv?supplier=Russia"' in client.get("/register?supplier=Russia").text


def test_the_csv_download_is_the_whole_register_read_a_few_rows_at_a_time(client, monkeypatch):
    whole = client.get("/api/register", params={"all": "1", "limit": 500}).json()
    assert whole["total"] >= 2
    monkeypatch.setattr(pages, "CSV_PAGE", 1)
    rows = list(csv.DictReader(io.StringIO(client.get("/register.csv", params={"all": "1"}).text)))
    assert [(r["supplier"], r["recipient"], r["system"], r["support"]) for r in rows] == \
        [(d["supplier"] or "", d["recipient"] or "", d["system"], str(d["support"])) for d in whole["items"]]


def test_the_register_page_goes_through_every_row_a_page_at_a_time(client, monkeypatch):
    whole = client.get("/api/register", params={"all": "1", "limit": 500}).json()
    assert whole["total"] >= 2
    monkeypatch.setattr(pages, "REGISTER_PAGE", 1)
    url, seen = "/register?all=1", []
    while url:
        page = client.get(url).text
        seen += re.findall(r'<a class="src" href="/documents/(\d+)"', page)
        assert f"of {whole['total']} deals shown" in page
        found = re.search(r'<a id="next" href="([^"]+)"', page)
        url = html.unescape(found.group(1)) if found else None
    assert seen == [str(doc) for row in whole["items"] for doc in row["sources"]]


def test_the_register_page_repeats_only_its_own_filters(client):
    page = client.get("/register", params={"supplier": "Russia", "junk": "Z" * 5000}).text
    assert 'href="/register.csv?supplier=Russia"' in page and "Z" * 41 not in page


def test_errors_on_pages_are_html(client):
    response = client.get("/documents/999")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "E401" in response.text
    assert client.get("/entities/country:atlantis").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/entities?type=Spaceship").status_code == 422
    assert client.get("/register?system=Zzyzx-9000").status_code == 422
    assert client.get("/search?q=a%00b").status_code == 422
    assert client.get("/documents/99999999999999999999").status_code == 422


def test_a_transcript_is_shown_as_turns_with_the_speaker_beside_each(sample_db):
    from fastapi.testclient import TestClient

    from defgraph.serve import create_app

    with TestClient(create_app(sample_db)) as samples:
        [hit] = samples.get("/api/search", params={"q": '"defence ministers of Estonia and Finland"'}).json()["documents"]["items"]
        page = samples.get(f"/documents/{hit['id']}").text
    turns = re.findall(r'<div class="turn turn-(\w+)"><div class="speaker">(.*?)</div>', page)
    speakers = [(kind, re.sub(r"<[^>]+>", "", who)) for kind, who in turns]
    assert speakers == [("named", "Rein Kask"), ("named", "Aino Halvorsen"), ("question", "Journalist"),
                        ("named", "Rein Kask"), ("named", "Aino Halvorsen")]
    assert "MINISTER KASK:" not in page  # the label is shown as the speaker, not repeated in the text
    assert "END 13:05" in page  # words outside the turns are still shown
