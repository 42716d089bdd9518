"""Fixtures for the extraction tests: the pipeline run up to one component."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from defgraph.extraction.pipeline import COMPONENTS
from defgraph.model import Article, Entity

NAMES = [name for name, _, _ in COMPONENTS]


@pytest.fixture(scope="session")
def entities_through(nlp) -> Callable[[str], Callable[[str], list[Entity]]]:
    """Component name → a reader of text into the entities as they stand after that component."""

    def reader(last: str) -> Callable[[str], list[Entity]]:
        later = NAMES[NAMES.index(last) + 1:]

        def run(text: str) -> list[Entity]:
            doc = nlp.make_doc(text)
            doc._.article = Article(text=text)
            return nlp(doc, disable=later)._.entities

        return run

    return reader


@pytest.fixture
def read(nlp, make_article):
    """Text (published 2024-06-07 unless told) → the article read by the whole pipeline."""
    def run(text: str, published: str | None = "2024-06-07"):
        article = make_article(text, published=published)
        doc = nlp.make_doc(article.text)
        doc._.article = article
        return nlp(doc)
    return run
