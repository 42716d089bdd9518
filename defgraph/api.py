"""The public library API: what the CLI, the web app and the batch runner call.

>>> import defgraph
>>> result = defgraph.extract("NEW DELHI, June 27 (PTI) - India and Russia ...")
>>> [e.name for e in result.entities]
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defgraph.model import Article, DateValue, Extraction
from defgraph.store import QuarantineRecord, SearchHit, open_store

if TYPE_CHECKING:
    from defgraph.runner.ingest import IngestReport

DEFAULT_DB = "defgraph.db"


def _published(value: str | dt.date | DateValue | None) -> DateValue | None:
    if value is None or isinstance(value, DateValue):
        return value
    if isinstance(value, dt.date):
        return DateValue.from_date(value)
    return DateValue.parse(value)


def extract(text: str, *, published: str | dt.date | DateValue | None = None, title: str | None = None,
            outlet: str | None = None) -> Extraction:
    """Read one article's text and return what it says: entities, roles, quotes, facts, evidence.

    ``published`` fixes the publication date that relative dates are resolved against; without it the
    date is read from the text (a ``date YYYY-MM-DD`` line, a header block or the dateline).
    """
    from defgraph.ingestion.readers import article_from_text

    article = article_from_text(text, source="<text>")
    if title is not None:
        article.title = title
    if outlet is not None:
        article.outlet = outlet
    if published is not None:
        article.published = _published(published)
    return next(extract_many([article]))


def extract_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
    """Extract a stream of articles in batches; yields one ``Extraction`` per article, in order."""
    from defgraph.extraction.pipeline import extract_articles

    return extract_articles(articles, batch_size=batch_size)


def extract_paths(paths: Iterable[str | Path], *, batch_size: int = 16,
                  on_quarantine: Callable[[Any], None] | None = None,
                  max_bytes: int | None = None) -> Iterator[Extraction]:
    """Extract every article under ``paths`` without a store; unreadable inputs go to ``on_quarantine``."""
    from defgraph.ingestion.readers import Quarantined, iter_inputs

    def articles() -> Iterator[Article]:
        for item in iter_inputs([str(path) for path in paths], **({"max_bytes": max_bytes} if max_bytes else {})):
            if isinstance(item, Quarantined):
                if on_quarantine:
                    on_quarantine(item)
            else:
                yield item

    return extract_many(articles(), batch_size=batch_size)


def ingest(paths: Iterable[str | Path] | str | Path, db: str | Path = DEFAULT_DB, **opts: Any) -> IngestReport:
    """Read, extract and store every article under ``paths`` (files, folders, globs, ``-``) into ``db``.

    Options go to ``defgraph.runner.ingest.ingest_paths``: ``extract``, ``batch_size``, ``progress``,
    ``max_bytes``. Running it again on the same inputs changes nothing.
    """
    from defgraph.runner.ingest import ingest_paths

    if isinstance(paths, (str, Path)):
        paths = [paths]
    with open_store(db) as store:
        return ingest_paths(paths, store, **opts)


def search(query: str, db: str | Path = DEFAULT_DB, limit: int = 20) -> list[SearchHit]:
    """Stored documents matching a full-text query, best first, each with a snippet."""
    with open_store(db, create=False) as store:
        return store.search(query, limit=limit)


def stats(db: str | Path = DEFAULT_DB) -> dict[str, int]:
    """How many documents, clusters, entities and facts of each kind ``db`` holds."""
    with open_store(db, create=False) as store:
        return store.stats()


def get_document(doc_id: int, db: str | Path = DEFAULT_DB) -> dict[str, Any]:
    """One stored document with its metadata and every fact read from it, with evidence spans."""
    with open_store(db, create=False) as store:
        return store.get_document(doc_id)


def list_quarantine(db: str | Path = DEFAULT_DB) -> list[QuarantineRecord]:
    """Every input that could not be read, with its error code and reason, most recent first."""
    with open_store(db, create=False) as store:
        return store.list_quarantine()
