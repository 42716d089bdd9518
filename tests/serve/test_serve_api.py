"""The JSON API against a small hand-built store: every endpoint, pagination, filters and errors."""
from __future__ import annotations

from urllib.parse import quote

import pytest

ENDPOINTS = ["/api/stats", "/api/search?q=India", "/api/documents", "/api/documents/1", "/api/entities",
             "/api/entities/country:india", "/api/transfers", "/api/register", "/api/events", "/api/timeline",
             "/api/quotes", "/api/conflicts", "/api/graph"]


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_endpoint_answers_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")


def test_openapi_describes_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/documents/{doc_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/transfers", "/api/events", "/api/quotes", "/api/conflicts", "/api/graph"):
        assert path in paths
    assert not any(path.startswith("/documents") for path in paths)  # pages are not part of the API


def test_entities_are_paged(client):
    everything = client.get("/api/entities?limit=500").json()
    assert everything["total"] == len(everything["items"]) == 9
    first = client.get("/api/entities?limit=3").json()
    second = client.get("/api/entities?limit=3&offset=3").json()
    assert (first["total"], first["limit"], first["offset"]) == (9, 3, 0)
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in everything["items"][:6]]
    assert client.get("/api/entities?offset=100").json()["items"] == []
    assert everything["items"][0]["id"] == "country:india"  # named by all four articles


def test_entity_filters(client):
    systems = client.get("/api/entities?type=WeaponSystem").json()["items"]
    assert {e["id"] for e in systems} == {"system:s-400", "system:rafale"}
    indian = client.get("/api/entities", params={"country": "India"}).json()["items"]
    assert {e["id"] for e in indian} == {"country:india", "org:hal"}
    assert [e["id"] for e in client.get("/api/entities?q=talw").json()["items"]] == ["person:mira-talwan"]


def test_document_has_text_and_spans(client):
    doc = client.get("/api/documents/1").json()
    assert doc["title"] == "Russia to supply five S-400 units to India"
    for mention in doc["mentions"]:
        assert doc["text"][mention["start"]:mention["end"]] == mention["text"]
    assert doc["transfers"][0]["quantity"] == 5


def test_documents_newest_first(client):
    items = client.get("/api/documents").json()["items"]
    assert [d["published"] for d in items] == sorted((d["published"] for d in items), reverse=True)
    assert [d["id"] for d in client.get("/api/documents?outlet=harbour gazette").json()["items"]] == [1, 3]


def test_dossier(client):
    dossier = client.get("/api/entities/person:mira-talwan").json()
    assert dossier["name"] == "Mira Talwan" and dossier["type"] == "Person"
    assert {q["text"] for q in dossier["quotes_by"]} == {"The first unit will arrive next year.", "Nothing has been delayed,"}
    assert {s["document"] for s in dossier["sources"]} == {1, 2}
    assert [(r["title"], [src["document"] for src in r["sources"]]) for r in dossier["roles"]] == [("spokesperson", [1])]
    s400 = client.get("/api/entities/system:s-400").json()
    assert len(s400["transfers"]) == 1 and s400["transfers"][0]["support"] == 2


def test_transfers_merge_articles_and_filter(client):
    deals = client.get("/api/transfers").json()
    assert deals["total"] == 2
    s400 = client.get("/api/transfers", params={"system": "S-400"}).json()["items"]
    assert len(s400) == 1 and {s["document"] for s in s400[0]["sources"]} == {1, 2}
    assert client.get("/api/transfers", params={"supplier": "France"}).json()["items"][0]["system"] == "system:rafale"
    assert client.get("/api/transfers", params={"country": "Russia", "status": "signed"}).json()["total"] == 0
    assert client.get("/api/transfers", params={"country": "India"}).json()["total"] == 2


def test_register_rows(client):
    rows = client.get("/api/register", params={"recipient": "India"}).json()["items"]
    assert {(r["supplier"], r["system"]) for r in rows} == {("Russia", "S-400"), ("France", "Rafale")}


def test_events_filters(client):
    everything = client.get("/api/events").json()["items"]
    assert [e["date"] for e in everything] == ["2016-09-23", "2019-03-04", "2021-11"]
    assert client.get("/api/events?type=delivery").json()["total"] == 1
    assert [e["date"] for e in client.get("/api/events?entity=France").json()["items"]] == ["2016-09-23"]
    assert [e["date"] for e in client.get("/api/events?since=2019&until=2019-12").json()["items"]] == ["2019-03-04"]
    stages = client.get("/api/timeline?entity=S-400").json()["items"]
    assert {e["kind"] for e in stages} == {"event", "transfer"}


def test_quotes_filters(client):
    assert client.get("/api/quotes").json()["total"] == 3
    by_talwan = client.get("/api/quotes", params={"speaker": "Mira Talwan"}).json()["items"]
    assert [q["source"]["document"] for q in by_talwan] == [2, 1]  # newest article first
    assert client.get("/api/quotes?document=3").json()["items"][0]["speaker"] == "person:claude-verrin"
    assert client.get("/api/quotes?q=spring").json()["total"] == 1


def test_conflicts_show_both_sides(client):
    conflicts = client.get("/api/conflicts").json()["items"]
    quantity = next(c for c in conflicts if c["kind"] == "transfer")
    assert quantity["attribute"] == "quantity"
    assert all(side["sources"] for side in quantity["sides"])
    assert {side["label"] for side in quantity["sides"]} == {"4 units", "5 units"}
    assert [c["kind"] for c in client.get("/api/conflicts?entity=S-400").json()["items"]] == ["transfer"]
    assert client.get("/api/conflicts?entity=Rafale").json()["items"] == []
    assert client.get("/api/conflicts?kind=claim").json()["items"][0]["sides"][1]["label"] == "disputed by Russia"


def test_graph_links_deals(client):
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert {"country:russia", "system:s-400", "country:india", "country:france", "system:rafale"} <= ids
    assert not any(n["type"] == "Person" for n in graph["nodes"])
    edges = {(e["source"], e["target"], e["kind"]) for e in graph["edges"]}
    assert ("country:russia", "system:s-400", "supplies") in edges and ("system:s-400", "country:india", "to") in edges
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    only = client.get("/api/graph?type=Country&type=Organization").json()
    assert {n["type"] for n in only["nodes"]} <= {"Country", "Organization"}


def test_search_finds_articles_entities_and_quotes(client):
    found = client.get("/api/search", params={"q": "spring"}).json()
    assert [d["id"] for d in found["documents"]["items"]] == [3]
    assert found["quotes"]["items"][0]["speaker"] == "person:claude-verrin"
    by_name = client.get("/api/search", params={"q": "Verrin"}).json()
    assert by_name["entities"]["items"][0]["id"] == "person:claude-verrin"
    paged = client.get("/api/search", params={"q": "India", "limit": 1, "offset": 1}).json()["documents"]
    assert paged["total"] == 4 and len(paged["items"]) == 1


def test_unknown_ids_are_404(client):
    assert error_of(client.get("/api/documents/999"), 404)["code"] == "E401"
    error = error_of(client.get("/api/entities/country:atlantis"), 404)
    assert error["code"] == "E402" and "country:atlantis" in error["message"]
    assert error_of(client.get("/api/nothing-here"), 404)["code"] == "E403"


def test_an_unknown_entity_id_gets_suggestions(client):
    error = error_of(client.get("/api/entities/system:s400"), 404)
    assert error["message"] == "No entity with id 'system:s400'. Did you mean: S-400?"


@pytest.mark.parametrize("url, param", [
    ("/api/entities?limit=0", "limit"), ("/api/entities?limit=100000", "limit"), ("/api/entities?offset=-1", "offset"),
    ("/api/entities?limit=ten", "limit"), ("/api/entities?type=Spaceship", "type"), ("/api/documents/abc", "doc_id"),
    ("/api/events?since=last-year", "since"), ("/api/transfers?status=lost", "status"), ("/api/search", "q"),
    ("/api/quotes?document=0", "document"), ("/api/documents/99999999999999999999", "doc_id"),
    ("/api/quotes?document=99999999999999999999", "document"), ("/api/conflicts?kind=opinion", "kind"), ("/api/graph?type=Person", "type"),
])
def test_bad_parameters_are_422_with_the_parameter_named(client, url, param):
    error = error_of(client.get(url), 422)
    assert error["code"] in ("E410", "E411") and error["message"].startswith(f"{param}: ")


@pytest.mark.parametrize("url, param", [
    ("/api/transfers?system=Zzyzx-9000", "system"), ("/api/entities?country=Qwxyz", "country"),
    ("/api/quotes?speaker=Nobody%20Atall", "speaker"), ("/api/events?entity=Qqqqq", "entity"),
    ("/api/search?q=%20%20", "q"), ("/api/search?q=S-400%00", "q"),
])
def test_unknown_filter_values_are_422(client, url, param):
    assert error_of(client.get(url), 422)["message"].startswith(f"{param}: ")


@pytest.mark.parametrize("url, message", [
    ("/api/transfers?system=India", "system: no weapon system named 'India' is stored (that name is the country India)."),
    ("/api/register?supplier=S400", "supplier: no country or organisation named 'S400' is stored "
                                    "(that name is the weapon system S-400)."),
    ("/api/transfers?recipient=Rafale", "recipient: no country or organisation named 'Rafale' is stored "
                                        "(that name is the weapon system Rafale)."),
    ("/api/entities?country=HAL", "country: no country named 'HAL' is stored "
                                  "(that name is the organisation Hindustan Aeronautics Limited)."),
    ("/api/quotes?speaker=S-400", "speaker: no person, organisation or country named 'S-400' is stored "
                                  "(that name is the weapon system S-400)."),
])
def test_a_name_of_the_wrong_kind_is_422_with_names_to_try(client, url, message):
    error = error_of(client.get(url), 422)
    assert error["code"] == "E412" and error["message"].startswith(message + " Did you mean: ")


def test_names_to_try_are_of_the_kind_asked_for(client):
    message = error_of(client.get("/api/transfers", params={"system": "Indai"}), 422)["message"]
    assert message == "system: no weapon system named 'Indai' is stored. Did you mean: S-400, Rafale?"


def test_names_and_typos_of_the_right_kind_still_filter(client):
    assert client.get("/api/transfers", params={"system": "s400", "supplier": "Rusia"}).json()["total"] == 1
    assert client.get("/api/register", params={"supplier": "country:france"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"speaker": "Mira Talvan"}).json()["total"] == 2


@pytest.mark.parametrize("q", ['"unbalanced', "AND", "NOT OR", "*", "(", "S-400 OR", "'; DROP TABLE documents; --"])
def test_odd_search_queries_never_fail(client, q):
    response = client.get("/api/search", params={"q": q})
    if response.status_code != 200:
        assert error_of(response, 400)["message"].startswith("q:")


def test_api_is_read_only(client):
    assert client.post("/api/entities").status_code == 405
    error_of(client.delete("/api/documents/1"), 405)


ODD_VALUES = ["", "\x00", "x" * 300, "-1", "0", "99999999999999999999", "1.5", "😀", "<script>", "'; --", '"', "AND"]
PARAMETERS = [("/api/search", "q"), ("/api/documents", "outlet"), ("/api/entities", "type"), ("/api/entities", "country"),
              ("/api/entities", "q"), ("/api/entities", "limit"), ("/api/entities", "offset"),
              ("/api/transfers", "supplier"), ("/api/transfers", "status"), ("/api/register", "system"),
              ("/api/events", "since"), ("/api/events", "entity"), ("/api/timeline", "entity"),
              ("/api/quotes", "speaker"), ("/api/quotes", "document"), ("/api/conflicts", "kind"),
              ("/api/graph", "type"), ("/api/graph", "min_documents")]


@pytest.mark.parametrize("url, param", PARAMETERS)
def test_no_parameter_value_makes_a_server_error(client, url, param):
    for value in ODD_VALUES:
        response = client.get(url, params={param: value})
        assert response.status_code < 500, (param, value, response.text)
        if response.status_code >= 400:
            error_of(response, response.status_code)


@pytest.mark.parametrize("value", ODD_VALUES[1:])
def test_no_path_value_makes_a_server_error(client, value):
    for prefix in ("/api/documents/", "/api/entities/", "/documents/", "/entities/"):
        assert client.get(prefix + quote(value, safe="")).status_code < 500


@pytest.mark.parametrize("value", ["2020-13", "2020-02-30", "9999-99-99", "0000", "2021-1", "20210", "2021-03-05T10:00",
                                   " 2021", "2021-00", "last-year", "x" * 200])
@pytest.mark.parametrize("param", ["since", "until"])
def test_every_date_is_checked_against_the_calendar(client, param, value):
    error = error_of(client.get("/api/events", params={param: value}), 422)
    assert error["code"] == "E411" and error["message"].startswith(f"{param}: '")
    assert "YYYY-MM-DD" in error["message"]


def test_dates_at_every_grain_filter_events(client):
    assert [e["date"] for e in client.get("/api/events?since=2016-09-23&until=2019").json()["items"]] == [
        "2016-09-23", "2019-03-04"]
    assert client.get("/api/events?since=2020-02-29").json()["total"] == 1  # a leap day is a date


def test_web_errors_name_no_server_path_and_no_command(client, fixture_db):
    for url in ("/api/documents/42", "/api/entities/country:atlantis", "/api/transfers?system=Zzyzx",
                "/api/events?since=2020-13", "/api/nothing", "/documents/42", "/entities/country:atlantis"):
        response = client.get(url)
        assert 400 <= response.status_code < 500
        for leak in (str(fixture_db), str(fixture_db.parent), "defgraph search", "defgraph stats", "'defgraph", "--db"):
            assert leak not in response.text, (url, leak)
    message = error_of(client.get("/api/documents/42"), 404)["message"]
    assert message == "No article with id 42; find articles with the search or in the list of articles."


TEXT_PARAMETERS = [("/api/search", "q", 500), ("/api/documents", "outlet", 200), ("/api/entities", "country", 200),
                   ("/api/entities", "q", 200), ("/api/transfers", "supplier", 200), ("/api/transfers", "recipient", 200),
                   ("/api/transfers", "system", 200), ("/api/transfers", "country", 200), ("/api/register", "system", 200),
                   ("/api/events", "entity", 200), ("/api/events", "since", 200), ("/api/timeline", "entity", 200),
                   ("/api/quotes", "speaker", 200), ("/api/quotes", "q", 200), ("/api/conflicts", "entity", 200),
                   ("/search", "q", 500), ("/entities", "q", 200), ("/register", "supplier", 200),
                   ("/register.csv", "recipient", 200), ("/timeline", "entity", 200)]


@pytest.mark.parametrize("url, param, cap", TEXT_PARAMETERS)
def test_text_over_its_cap_is_422_and_not_echoed(client, url, param, cap):
    response = client.get(url, params={param: "Z" * (cap + 1)})
    assert response.status_code == 422 and f"{param}: String should have at most {cap} characters" in response.text
    assert "Z" * 41 not in response.text


@pytest.mark.parametrize("url, param, cap", TEXT_PARAMETERS)
def test_error_messages_repeat_a_short_prefix_of_the_input_at_most(client, url, param, cap):
    response = client.get(url, params={param: "Q" * (cap - 1) + "?"})
    if response.status_code >= 400:
        assert "Q" * 41 not in response.text
        assert "Q" * 40 + "…" in response.text or "Q" not in response.text


def test_long_entity_ids_are_refused(client):
    assert error_of(client.get("/api/entities/" + "x" * 201), 422)["message"].startswith("entity_id: ")
    assert "x" * 41 not in error_of(client.get("/api/entities/" + "x" * 200), 404)["message"]


def test_register_and_deals_carry_confidence_and_take_all(client):
    trusted = client.get("/api/register").json()["items"]
    everything = client.get("/api/register", params={"all": "true"}).json()["items"]
    assert trusted and len(everything) >= len(trusted) and all("confidence" in row for row in everything)
    assert all("confidence" in deal for deal in client.get("/api/transfers", params={"all": "1"}).json()["items"])
    refused = client.get("/api/register", params={"all": "maybe"})
    assert refused.status_code == 422 and "all" in refused.json()["error"]["message"]
