"""The ingest job: input paths in; documents, their facts, clusters and the quarantine out, in a store.

Inputs stream through ``iter_inputs`` in batches of ``batch_size``; articles whose content hash is
already stored are skipped, the rest are extracted (``runner.pool``: in this process, or in worker
processes while this one writes the batch before) and written in input order, in one transaction per
batch (a document and its facts commit together or not at all), so that a killed job run again
finishes the work with no duplicate, and the store ends the same whatever the number of workers.
Near-duplicates join the cluster of a stored copy; the earliest copy (by publication date, then
ingestion order) is the cluster's original. Memory stays bounded by the batch size: the near-duplicate
index lives in the store.

Several jobs may ingest into one store at once: extraction runs side by side, and each batch's
write holds the store's write lock (``Store.lock_writes``) while it checks content hashes and
near-duplicates again, so an article another job stored meanwhile is skipped and copies of one
story join one cluster.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from defgraph.ingestion.readers import Quarantined, iter_inputs
from defgraph.model import Article, DateValue
from defgraph.runner.neardup import StoredNearDuplicateIndex
from defgraph.runner.pool import Extracted, extractor
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


def default_workers() -> int:
    """The machine's cores: how many extraction processes ``ingest`` runs unless told."""
    return os.cpu_count() or 1


def ingest_paths(paths: Iterable[str | Path], store: Store, *, extract: bool = True, batch_size: int = 32,
                 workers: int = 1, fast: bool = False,
                 progress: Callable[[IngestReport], None] | None = None,
                 on_quarantine: Callable[[Quarantined], None] | None = None,
                 max_bytes: int | None = None) -> IngestReport:
    """Read, extract and store every article under ``paths``; idempotent and safe to re-run.

    ``workers`` extraction processes (1: in this process) run beside this one, which writes; the
    store ends the same whatever their number. ``fast`` extracts without the dependency parse
    (``defgraph.extraction.pipeline.build_nlp``). ``progress`` is called with the report after each
    batch, ``on_quarantine`` with each input or document put in the quarantine (the CLI prints them;
    the library stays quiet).
    """
    started = time.perf_counter()
    report = IngestReport()
    with store.transaction():
        store.lock_writes()
        index = StoredNearDuplicateIndex(store)
    inputs = iter_inputs([str(path) for path in paths], **({"max_bytes": max_bytes} if max_bytes else {}))
    in_flight: set[str] = set()  # content hashes sent to extraction and not yet written
    with extractor(workers, extract=extract, fast=fast, batch_size=min(batch_size, 16)) as extraction:
        for (failed, articles), results in extraction.map(_new_articles(inputs, batch_size, store, report, in_flight)):
            in_flight.difference_update(article.content_hash for article in articles)
            for item in write_batch(store, index, failed, articles, results, report):
                if on_quarantine:
                    on_quarantine(item)
            report.seconds = time.perf_counter() - started
            if progress:
                progress(report)
    report.seconds = time.perf_counter() - started
    return report


def write_batch(store: Store, index: StoredNearDuplicateIndex, failed: list[Quarantined], articles: list[Article],
                results: list[Extracted], report: IngestReport) -> list[Quarantined]:
    """Store a batch in one transaction under the write lock: its articles not stored meanwhile, with
    their facts and clusters, and its quarantine records; those records are returned."""
    failures = [result.failure for result in results if result.failure is not None]
    read = [(article, result) for article, result in zip(articles, results) if result.failure is None]
    with store.transaction():
        store.lock_writes()
        stored_meanwhile = store.known_hashes(article.content_hash for article, _ in read)
        report.skipped += len(stored_meanwhile)
        for item in failed + failures:
            store.add_quarantine(item)
        for article, result in read:
            if article.content_hash not in stored_meanwhile:
                _add(store, index, article, result, report)
    report.quarantined += len(failed) + len(failures)
    return failed + failures


def _new_articles(inputs: Iterable[Article | Quarantined], size: int, store: Store, report: IngestReport,
                  in_flight: set[str]) -> Iterator[tuple[tuple[list[Quarantined], list[Article]], list[Article]]]:
    """Batches of ``size`` inputs as ``((unreadable inputs, new articles), new articles)``: an article is new
    when its content is neither stored, nor in extraction, nor earlier in the batch."""
    for batch in batches(inputs, size):
        articles = [item for item in batch if isinstance(item, Article)]
        report.read += len(articles)
        new = unstored(articles, store, in_flight)
        report.skipped += len(articles) - len(new)
        in_flight.update(article.content_hash for article in new)
        yield ([item for item in batch if isinstance(item, Quarantined)], new), new


def batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def unstored(articles: list[Article], store: Store, in_flight: set[str]) -> list[Article]:
    """The articles whose content is neither stored, nor in ``in_flight``, nor repeated earlier in the batch."""
    seen = store.known_hashes(article.content_hash for article in articles) | in_flight
    new = []
    for article in articles:
        if article.content_hash not in seen:
            seen.add(article.content_hash)
            new.append(article)
    return new


def _add(store: Store, index: StoredNearDuplicateIndex, article: Article, result: Extracted,
         report: IngestReport) -> None:
    sig = result.signature
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
    if result.extraction is not None:
        store.add_extraction(doc_id, result.extraction)
    report.added += 1


def is_earlier(published: DateValue | None, original: str | None) -> bool:
    """Whether a newly arrived copy predates the cluster's original (an undated copy never does)."""
    if published is None:
        return False
    return original is None or published.as_date() < DateValue.parse(original).as_date()
