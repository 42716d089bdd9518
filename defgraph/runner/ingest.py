"""The ingest job: input paths in; documents, their facts, clusters and the quarantine out, in a store.

Inputs stream through ``iter_inputs`` in batches of ``batch_size``; articles whose content hash is
already stored are skipped, the rest are extracted together and written in one transaction per
batch (a document and its facts commit together or not at all), so that a killed job run again
finishes the work with no duplicate. Near-duplicates join the cluster of a stored copy; the earliest
copy (by publication date, then ingestion order) is the cluster's original. Memory stays bounded by
the batch size: the near-duplicate index lives in the store.

Several jobs may ingest into one store at once: extraction runs side by side, and each batch's
write holds the store's write lock (``Store.lock_writes``) while it checks content hashes and
near-duplicates again, so an article another job stored meanwhile is skipped and copies of one
story join one cluster.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from defgraph.errors import InputError
from defgraph.ingestion.decoding import one_line
from defgraph.ingestion.dedupe import article_signature
from defgraph.ingestion.readers import Quarantined, iter_inputs, quarantined
from defgraph.model import Article, DateValue, Extraction
from defgraph.runner.neardup import StoredNearDuplicateIndex
from defgraph.store import Store


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    read: int = 0  # articles read from the inputs
    added: int = 0  # stored for the first time
    skipped: int = 0  # already stored (same content hash)
    near_duplicates: int = 0  # added, and joined the cluster of a stored copy
    quarantined: int = 0  # inputs or documents recorded in the quarantine
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.quarantined == 0


def ingest_paths(paths: Iterable[str | Path], store: Store, *, extract: bool = True, batch_size: int = 32,
                 progress: Callable[[IngestReport], None] | None = None,
                 on_quarantine: Callable[[Quarantined], None] | None = None,
                 max_bytes: int | None = None) -> IngestReport:
    """Read, extract and store every article under ``paths``; idempotent and safe to re-run.

    ``progress`` is called with the report after each batch, ``on_quarantine`` with each input or
    document put in the quarantine (the CLI prints them; the library stays quiet).
    """
    started = time.perf_counter()
    report = IngestReport()
    with store.transaction():
        store.lock_writes()
        index = StoredNearDuplicateIndex(store)
    inputs = iter_inputs([str(path) for path in paths], **({"max_bytes": max_bytes} if max_bytes else {}))
    for batch in _batches(inputs, batch_size):
        failed = [item for item in batch if isinstance(item, Quarantined)]
        articles = [item for item in batch if isinstance(item, Article)]
        report.read += len(articles)
        new = _unstored(articles, store)
        report.skipped += len(articles) - len(new)
        extracted, failures = _extract(new, batch_size) if extract else ([(a, None) for a in new], [])
        with store.transaction():
            store.lock_writes()
            stored_meanwhile = store.known_hashes(article.content_hash for article, _ in extracted)
            report.skipped += len(stored_meanwhile)
            for item in failed + failures:
                store.add_quarantine(item)
            for article, extraction in extracted:
                if article.content_hash not in stored_meanwhile:
                    _add(store, index, article, extraction, report)
        report.quarantined += len(failed) + len(failures)
        for item in failed + failures:
            if on_quarantine:
                on_quarantine(item)
        report.seconds = time.perf_counter() - started
        if progress:
            progress(report)
    report.seconds = time.perf_counter() - started
    return report


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _unstored(articles: list[Article], store: Store) -> list[Article]:
    """The articles whose content is neither stored nor repeated earlier in the batch."""
    seen = store.known_hashes(article.content_hash for article in articles)
    new = []
    for article in articles:
        if article.content_hash not in seen:
            seen.add(article.content_hash)
            new.append(article)
    return new


def _extract(articles: list[Article], batch_size: int
             ) -> tuple[list[tuple[Article, Extraction]], list[Quarantined]]:
    """Extract a batch; when it fails, retry one by one and quarantine the articles that fail."""
    from defgraph.api import extract_many
    from defgraph.extraction.pipeline import get_nlp

    if not articles:
        return [], []
    get_nlp()  # a pipeline that cannot load is not the documents' fault: let it raise
    try:
        return list(zip(articles, extract_many(articles, batch_size=batch_size))), []
    except Exception:  # one bad document must not stop the batch: find it below
        pass
    extracted, failures = [], []
    for article in articles:
        try:
            extracted.append((article, next(extract_many([article]))))
        except Exception as error:
            failures.append(_extraction_failure(article, error))
    return extracted, failures


def _extraction_failure(article: Article, error: Exception) -> Quarantined:
    source = article.source or article.name or "<text>"
    detail = one_line(f"{type(error).__name__}: {error}", 200)
    return quarantined(source, InputError("E113", path=source, detail=detail), article.text)


def _add(store: Store, index: StoredNearDuplicateIndex, article: Article, extraction: Extraction | None,
         report: IngestReport) -> None:
    sig = article_signature(article)
    copies = index.query(sig)
    if copies:
        cluster = store.cluster_of(copies[0])  # the most similar stored copy
        doc_id = store.add_document(article, signature=sig, cluster_id=cluster.cluster_id)
        if is_earlier(article.published, cluster.original_published):
            store.set_original(cluster.cluster_id, doc_id)
        report.near_duplicates += 1
    else:
        doc_id = store.add_document(article, signature=sig)
    index.add(doc_id, sig)
    if extraction is not None:
        store.add_extraction(doc_id, extraction)
    report.added += 1


def is_earlier(published: DateValue | None, original: str | None) -> bool:
    """Whether a newly arrived copy predates the cluster's original (an undated copy never does)."""
    if published is None:
        return False
    return original is None or published.as_date() < DateValue.parse(original).as_date()
