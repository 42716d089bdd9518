"""Fixtures of the analysis tests: a store to write documents and facts into, and its ``Knowledge``."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from analyse.writing import doc_writer

from defgraph.analyse.knowledge import Knowledge, load_knowledge
from defgraph.store import Store


@pytest.fixture
def write_doc(store: Store) -> Callable[..., int]:
    return doc_writer(store)


@pytest.fixture
def knowledge(store: Store) -> Callable[[], Knowledge]:
    """Read back what the test wrote."""
    return lambda: load_knowledge(store)
