"""Fixtures of the web app: a small hand-built store, the in-process client, and (for the browser
tests) a store ingested from ``samples/news`` served by a live uvicorn server."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from defgraph.model import Article, DateValue, Extraction
from defgraph.model.facts import Attribute, Claim, Entity, Event, Mention, Quote, Role, Span, Transfer
from defgraph.store import open_store

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
DOCS_SHOTS = REPO / "docs" / "screenshots"
README_SHOTS = ("dossier", "register")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

HOSTILE = "<script>document.title='pwned'</script>"
HOSTILE_URL = "javascript:alert(document.domain)"  # the url: header of the markup article
SOURCE_URL = "https://harbour-gazette.example/2019/03/04/s400-india"
FEEDS = "/srv/defgraph-feeds"  # where the fixture articles were "ingested from": no page may show it

# (title, body, published, outlet, url); entities and facts are added by build_extraction
ARTICLES = [
    ("Russia to supply five S-400 units to India",
     "NEW DELHI - India and Russia signed a contract for five S-400 units on Monday. "
     "Ministry spokesperson Mira Talwan said: \"The first unit will arrive next year.\" "
     "Hindustan Aeronautics Limited was not part of the agreement.",
     "2019-03-04", "Harbour Gazette", SOURCE_URL),
    ("S-400 deliveries to India begin",
     "MOSCOW - Russia began delivering the S-400 to India this month. Analyst Joran Pell said the "
     "deal covers four units, a figure Russia denied on Tuesday. \"Nothing has been delayed,\" said "
     "Mira Talwan.",
     "2021-11-20", "Coastal Ledger", None),
    ("France and India sign for 36 Rafale jets",
     "PARIS - France will sell 36 Rafale jets to India under a deal signed on Friday, said the "
     "envoy Claude Verrin. \"Training starts in spring,\" Claude Verrin said.",
     "2016-09-23", "Harbour Gazette", None),
    (f"Markup test {HOSTILE}",
     f"A reader sent the string {HOSTILE} and <b>bold</b> text & more to India to see how it is shown.",
     "2022-01-10", "Test <Outlet>", HOSTILE_URL),
]
ENTITIES = {
    "country:india": ("Country", "India", ["India"]),
    "country:russia": ("Country", "Russia", ["Russia"]),
    "country:france": ("Country", "France", ["France"]),
    "system:s-400": ("WeaponSystem", "S-400", ["S-400"]),
    "system:rafale": ("WeaponSystem", "Rafale", ["Rafale"]),
    "org:hal": ("Organization", "Hindustan Aeronautics Limited", ["Hindustan Aeronautics Limited"]),
    "person:mira-talwan": ("Person", "Mira Talwan", ["Mira Talwan"]),
    "person:joran-pell": ("Person", "Joran Pell", ["Joran Pell"]),
    "person:claude-verrin": ("Person", "Claude Verrin", ["Claude Verrin"]),
}


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def build_extraction(article: Article) -> Extraction:
    """Entities wherever their names occur, and the facts each fixture article states."""
    text = article.text
    entities = []
    for entity_id, (etype, name, forms) in ENTITIES.items():
        mentions = []
        for form in forms:
            at = text.find(form)
            while at >= 0:
                mentions.append(Mention(at, at + len(form), form))
                at = text.find(form, at + len(form))
        if mentions:
            entities.append(Entity(entity_id, etype, name, mentions, in_catalogue=not entity_id.startswith("person:")))
    extraction = Extraction(article, entities=entities)
    if "five S-400" in text:
        extraction.transfers.append(Transfer("country:russia", "country:india", "system:s-400", "purchase",
                                             span(text, "India and Russia signed a contract for five S-400 units"),
                                             status="signed", quantity=5, quantity_unit="units",
                                             order_date=DateValue.parse("2019-03-04")))
        extraction.events.append(Event("deal_signing", ["country:india", "country:russia"],
                                       span(text, "signed a contract"), date=DateValue.parse("2019-03-04")))
        extraction.quotes.append(Quote("person:mira-talwan", "The first unit will arrive next year.", True,
                                       span(text, "\"The first unit will arrive next year.\"")))
        extraction.roles.append(Role("person:mira-talwan", "spokesperson", None,
                                     span(text, "Ministry spokesperson Mira Talwan")))
        extraction.attributes.append(Attribute("system:s-400", "category", "air defence system",
                                               span(text, "five S-400 units")))
    if "began delivering" in text:
        extraction.transfers.append(Transfer("country:russia", "country:india", "system:s-400", "purchase",
                                             span(text, "Russia began delivering the S-400 to India"),
                                             status="delivering", quantity=4, quantity_unit="units"))
        extraction.events.append(Event("delivery", ["country:russia", "country:india", "system:s-400"],
                                       span(text, "began delivering the S-400"), date=DateValue.parse("2021-11")))
        extraction.claims.append(Claim("person:joran-pell", "the deal covers four units",
                                       span(text, "the deal covers four units"), disputed_by=["country:russia"]))
        extraction.quotes.append(Quote("person:mira-talwan", "Nothing has been delayed,", True,
                                       span(text, "\"Nothing has been delayed,\"")))
    if "Rafale" in text:
        extraction.transfers.append(Transfer("country:france", "country:india", "system:rafale", "purchase",
                                             span(text, "France will sell 36 Rafale jets to India"),
                                             status="signed", quantity=36, quantity_unit="aircraft"))
        extraction.events.append(Event("deal_signing", ["country:france", "country:india"],
                                       span(text, "a deal signed on Friday"), date=DateValue.parse("2016-09-23")))
        extraction.quotes.append(Quote("person:claude-verrin", "Training starts in spring,", True,
                                       span(text, "\"Training starts in spring,\"")))
    return extraction


def build_store(path: Path) -> Path:
    """A store of the fixture articles and their facts, written through the ``Store`` interface."""
    with open_store(path) as store:
        for title, body, published, outlet, url in ARTICLES:
            article = Article(text=f"{title}\n\n{body}", title=title, outlet=outlet, url=url,
                              published=DateValue.parse(published), source=f"{FEEDS}/{published}.txt",
                              name=f"{published}.txt")
            with store.transaction():
                doc_id = store.add_document(article, signature=None)
                store.add_extraction(doc_id, build_extraction(article))
    return path


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "fixture.db")


@pytest.fixture(scope="session")
def client(fixture_db: Path):
    from fastapi.testclient import TestClient

    from defgraph.serve import create_app

    with TestClient(create_app(fixture_db), raise_server_exceptions=False) as test_client:
        yield test_client


# -- the live server and the browser ------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``samples/news`` ingested with the real pipeline (the CLI, as a user runs it)."""
    db = tmp_path_factory.mktemp("samples") / "samples.db"
    done = subprocess.run([sys.executable, "-m", "defgraph.cli.main", "ingest", str(REPO / "samples" / "news"),
                           "--db", str(db)], capture_output=True, text=True, timeout=1800)
    assert done.returncode in (0, 1), f"ingest failed ({done.returncode}): {done.stderr[-2000:]}"
    return db


@contextmanager
def running(db: Path) -> Iterator[str]:
    """A uvicorn server on a free localhost port serving ``db``; yields its base URL."""
    import uvicorn

    from defgraph.serve import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start within 30 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(sample_db: Path) -> Iterator[str]:
    """The sample corpus served live."""
    with running(sample_db) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_server(fixture_db: Path) -> Iterator[str]:
    """The small hand-built store (with the markup article) served live."""
    with running(fixture_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; fails (never skips) when it is missing."""
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{CHROMIUM} is missing: install it with 'apt-get update && apt-get install -y chromium' "
                    "(make test does this when run as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_tab(browser):
    """Open a tab on a server (``open_tab(base_url)``); the tab records JavaScript errors in ``js_errors``,
    errors logged to the console (Content-Security-Policy violations among them) in ``console_errors``
    and the dialogs a script opened in ``dialogs``."""
    contexts = []

    def open_on(base_url: str):
        context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        tab = context.new_page()
        tab.js_errors, tab.console_errors, tab.dialogs = [], [], []
        tab.on("pageerror", lambda error: tab.js_errors.append(str(error)))
        tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        return tab

    yield open_on
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_tab, live_server: str):
    """A browser tab on the live server of the sample corpus."""
    return open_tab(live_server)


def screenshot(tab, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/; with DEFGRAPH_README_SCREENSHOTS=1
    the pages the README shows are also copied to docs/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=name not in README_SHOTS)
    if name in README_SHOTS and os.environ.get("DEFGRAPH_README_SCREENSHOTS") == "1":
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SHOTS / f"{name}.png")
    return path


@pytest.fixture
def shoot():
    """``shoot(tab, name)`` saves a screenshot of the tab (see ``screenshot``)."""
    return screenshot


@pytest.fixture
def unused_port() -> int:
    return free_port()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """The requests the fuzz suite tried (``test_serve_fuzz.py``), when it ran."""
    for line in getattr(config, "fuzz_report", []):
        terminalreporter.write_line(line)


@pytest.fixture
def fresh_fixture_db(tmp_path: Path) -> Path:
    """The fixture store, built anew for a test that changes it."""
    return build_store(tmp_path / "fresh.db")
