"""One extraction run over every available gold set, shared by the floors and the determinism tests."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from defgraph.evaluate.report import GoldDocument, extract_both, gold_sets, load_gold_dir


@dataclass(frozen=True)
class GoldRun:
    """The documents of every available set, and the extractor's predictions on them (kept and every fact)."""

    documents: dict[str, list[GoldDocument]]
    kept: dict
    every: dict


@pytest.fixture(scope="session")
def gold_run(nlp) -> GoldRun:
    available = [s for s in gold_sets() if s.available()]
    if not available:
        pytest.skip("no gold set is available (the shared kit is not beside the repo)")
    documents = {s.name: load_gold_dir(s.path) for s in available}
    kept, every = extract_both([d for docs in documents.values() for d in docs])
    return GoldRun(documents, kept, every)
