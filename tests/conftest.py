"""Cheap fixtures shared by every test: a fresh store, an article factory, the pipeline once."""
from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from defgraph.model import Article, DateValue
from defgraph.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The team's shared folder (evaluation kit, corpus): $DEFGRAPH_SHARED, else the folder beside the repo."""
    for candidate in (os.environ.get("DEFGRAPH_SHARED"), REPO.parent / "shared"):
        if candidate and (Path(candidate) / "eval").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline, loaded once for the whole session."""
    from defgraph.extraction.pipeline import get_nlp

    return get_nlp()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "defgraph.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A fresh, migrated SQLite store in the test's temporary folder."""
    with open_store(db_path) as fresh:
        yield fresh


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to a fresh schema on the PostgreSQL server ($DEFGRAPH_TEST_POSTGRES or 127.0.0.1:5432/test)."""
    psycopg = pytest.importorskip("psycopg")
    base = os.environ.get("DEFGRAPH_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")
    try:
        admin = psycopg.connect(base, autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server at {base}: {error}")
    schema = f"defgraph_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    yield f"{base}?options=-csearch_path%3D{schema}"
    admin.execute(f"DROP SCHEMA {schema} CASCADE")
    admin.close()


_serial = itertools.count(1)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an ``Article``; each call without ``text`` gets distinct, news-like text."""

    def make(text: str | None = None, *, title: str | None = None, published: str | None = "2024-06-03",
             outlet: str | None = "Test Wire", name: str | None = None) -> Article:
        n = next(_serial)
        body = text or (f"Officials in New Delhi said on Monday that the {n}th batch of spare parts for the "
                        f"air defence regiments would arrive before the monsoon, according to ministry notes.")
        full = f"{title}\n\n{body}" if title else body
        return Article(text=full, title=title, outlet=outlet, name=name or f"article-{n}.txt",
                       source=f"test://article-{n}",
                       published=DateValue.parse(published) if published else None)

    return make


@pytest.fixture(scope="session")
def eval_dev() -> Path:
    """The 20 evaluation articles with gold (skips when the shared kit is not beside the repo)."""
    shared = shared_dir()
    if shared is None or not (shared / "eval" / "dev").is_dir():
        pytest.skip("the shared evaluation kit is not available")
    return shared / "eval" / "dev"
