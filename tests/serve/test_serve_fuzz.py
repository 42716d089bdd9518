"""The JSON API fuzzed from its own OpenAPI document: schemathesis (over hypothesis) generates requests for
every operation /api/openapi.json describes, valid ones and ones that break the schema, against the app
in process over the small hand-built store; the pages' parameters get hypothesis' text and numbers.

Every answer must keep what a hostile probe once broke: no 5xx; every 4xx the one error shape (JSON
for the API, the error page for pages) with a web code (E4xx); the security headers; an error message
repeating at most ``ECHO`` characters of any value sent; no filesystem path anywhere; and, for the API,
schemathesis' own checks (documented status codes and content types, bodies matching the documented
schemas, schema-breaking input refused). The requests tried, by operation, generation mode and status,
are printed at the end of the run and written to test-artifacts/fuzz-api.json. Needs schemathesis
(skipped without it). Examples are derandomized: each run sends the same requests.
"""
from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

schemathesis = pytest.importorskip("schemathesis")

from fastapi.openapi.utils import get_openapi  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402  (hypothesis comes with schemathesis)
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from defgraph.serve import api, create_app  # noqa: E402
from defgraph.serve.errors import ECHO  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
FEEDS = "/srv/defgraph-feeds"  # where conftest's fixture articles were "ingested from"
SPEC = get_openapi(title="defgraph", version="fuzz", routes=api.router.routes)  # what the app serves, without a store
POSITIVE, NEGATIVE = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
CASES = [(path, mode) for path, item in sorted(SPEC["paths"].items())
         for mode in (POSITIVE, NEGATIVE) if mode is POSITIVE or item["get"].get("parameters")]  # a parameter to break
MAX_EXAMPLES = 40  # per operation and mode
PAGE_EXAMPLES = 300  # over all the pages' parameters
PAGE_PARAMETERS = [("/search", "q"), ("/entities", "q"), ("/entities", "type"), ("/register", "supplier"),
                   ("/register", "recipient"), ("/register.csv", "system"), ("/timeline", "entity"),
                   ("/graph", "min_documents"), ("/documents/", None), ("/entities/", None)]  # None: in the path
PAGE_VALUES = st.one_of(st.text(max_size=600), st.from_regex(r"\d{1,25}", fullmatch=True),
                        st.sampled_from(["India", "S-400", "country:india", "0", "-1", "Country", "<script>", ""]))
FUZZ_SETTINGS = settings(deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")
WEB_CODE = re.compile(r"E4\d\d")
TRIED: Counter = Counter()  # (operation, mode, status) -> requests


@pytest.fixture(scope="module")
def api_schema(fixture_db: Path):
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(fixture_db))


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest):
    """Save the requests tried once the module's fuzzing is done, and hand conftest's terminal summary its lines."""
    yield
    if not TRIED:
        return
    statuses: dict[str, Counter] = {}
    for (operation, _, status), count in TRIED.items():
        statuses.setdefault(operation, Counter())[status] += count
    out = REPO / "test-artifacts" / "fuzz-api.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([{"operation": op, "mode": mode, "status": status, "requests": count}
                               for (op, mode, status), count in sorted(TRIED.items())], indent=1))
    request.config.fuzz_report = [f"fuzz: {sum(TRIED.values())} requests over {len(statuses)} operations ({out})"] + [
        f"  {op:<30} {sum(counts.values()):>5}  " + "  ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        for op, counts in sorted(statuses.items())]


def sent_values(case) -> list[str]:
    """Every value the request carried, as text."""
    values = []
    for part in (case.query or {}, case.path_parameters or {}):
        for value in part.values():
            values.extend(map(str, value) if isinstance(value, list) else [str(value)])
    return values


def echoes(message: str, value: str) -> bool:
    """Whether ``message`` repeats more than ``ECHO`` characters of ``value`` in a row."""
    return any(value[start:start + ECHO + 1] in message for start in range(len(value) - ECHO))


def check_answer(status: int, headers: dict[str, str], text: str, sent: list[str], db: Path) -> None:
    """What every answer keeps; ``headers`` by lower-case name."""
    assert status < 500, text[:500]
    for header in SECURITY_HEADERS:
        assert header in headers, header
    for leak in (str(db.parent), FEEDS, str(REPO), sys.prefix, "Traceback"):
        assert leak not in text, leak
    if status < 400:
        return
    if headers["content-type"] == "application/json":
        body = json.loads(text)
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
        code, message = body["error"]["code"], body["error"]["message"]
    else:
        assert headers["content-type"].startswith("text/html"), headers
        code, message = re.search(r'<section class="error">\s*<h1>\d+ · (\S+)</h1>\s*<p>(.*?)</p>', text, re.S).groups()
        message = html.unescape(message)
    assert WEB_CODE.fullmatch(code) and message, (code, message)
    for value in sent:
        assert not echoes(message, value), (value, message)


@pytest.mark.parametrize("path, mode", CASES, ids=[f"{path}-{mode.value}" for path, mode in CASES])
def test_fuzz_the_api(api_schema, fixture_db, path, mode):
    operation = api_schema[path]["GET"]

    @settings(FUZZ_SETTINGS, max_examples=MAX_EXAMPLES)
    @given(case=operation.as_strategy(generation_mode=mode))
    def fuzz(case):
        response = case.call()
        TRIED[(operation.label, mode.value, response.status_code)] += 1
        headers = {name.lower(): values[0] for name, values in response.headers.items()}
        check_answer(response.status_code, headers, response.text, sent_values(case), fixture_db)
        # schema-valid names of no stored entity are refused (422), as are unknown ids (404)
        case.validate_response(response, excluded_checks=[positive_data_acceptance])

    fuzz()


@settings(FUZZ_SETTINGS, max_examples=PAGE_EXAMPLES)
@given(where=st.sampled_from(PAGE_PARAMETERS), value=PAGE_VALUES)
def test_fuzz_the_pages(client, fixture_db, where, value):
    path, param = where
    response = client.get(path, params={param: value}) if param else client.get(path + quote(value, safe=""))
    TRIED[(f"GET {path}" + (f"?{param}" if param else "{…}"), "hypothesis", response.status_code)] += 1
    check_answer(response.status_code, dict(response.headers), response.text, [value], fixture_db)
