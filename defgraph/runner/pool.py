"""Extraction of article batches, in this process or in a pool of forked worker processes.

Reads lists of new ``Article`` objects; yields, for each list and in input order, one ``Extracted`` record
per article: its near-duplicate signature and its ``Extraction`` (or the quarantine record of the
failure). ``LocalExtractor`` runs in the ingesting process; ``PoolExtractor`` forks ``workers``
processes, each building the pipeline once, and sends them small chunks of a batch while the caller
writes the batch before (a few batches in flight, so memory stays bounded). A worker returns compact
records: the extraction without the article (the caller has it), never a spaCy ``Doc``. A worker that
dies on a document (out of memory, a crash in a C extension) breaks only that document: the pool is
started anew and the batch's articles are extracted one by one, the one that kills a worker quarantined.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypeVar

from defgraph.errors import InputError
from defgraph.ingestion.decoding import one_line
from defgraph.ingestion.dedupe import article_signature
from defgraph.ingestion.readers import Quarantined, quarantined
from defgraph.model import Article, Extraction

CHUNK_CHARS = 40_000  # a worker's task: a few short articles, or one long one
# The fast pipeline's recogniser walks a task's documents together, cheaper per document the more there are
# (up to its batch of 8): its tasks hold about four news articles.
FAST_CHUNK_CHARS = 2 * CHUNK_CHARS
CHUNK_ARTICLES = 8
T = TypeVar("T")


@dataclass(slots=True)
class Extracted:
    """One article's result: its signature, and its extraction or the reason it failed."""

    signature: bytes
    extraction: Extraction | None = None
    failure: Quarantined | None = None


def extract_batch(articles: list[Article], *, extract: bool = True, fast: bool = False,
                  batch_size: int = 16) -> list[Extracted]:
    """Extract a batch; when it fails, retry one by one and record the articles that fail."""
    signatures = [article_signature(article) for article in articles]
    if not extract or not articles:
        return [Extracted(signature) for signature in signatures]
    from defgraph.extraction.pipeline import extract_articles, get_nlp

    get_nlp(fast=fast)  # a pipeline that cannot load is not the documents' fault: let it raise
    try:
        extractions = list(extract_articles(articles, batch_size=batch_size, fast=fast))
        return [Extracted(s, extraction) for s, extraction in zip(signatures, extractions)]
    except Exception:  # one bad document must not stop the batch: find it below
        pass
    results = []
    for article, signature in zip(articles, signatures):
        try:
            results.append(Extracted(signature, next(extract_articles([article], fast=fast))))
        except Exception as error:
            results.append(Extracted(signature, failure=extraction_failure(article, f"{type(error).__name__}: {error}")))
    return results


def extraction_failure(article: Article, detail: str) -> Quarantined:
    """The quarantine record of an article whose extraction failed (E113)."""
    source = article.source or article.name or "<text>"
    return quarantined(source, InputError("E113", path=source, detail=one_line(detail, 200)), article.text)


class LocalExtractor:
    """Extraction in the calling process, one batch at a time."""

    def __init__(self, *, extract: bool = True, fast: bool = False, batch_size: int = 16) -> None:
        self.options = {"extract": extract, "fast": fast, "batch_size": batch_size}

    def __enter__(self) -> LocalExtractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def map(self, batches: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[Extracted]]]:
        """``(key, articles)`` in; ``(key, one Extracted per article)`` out, in order."""
        for key, articles in batches:
            yield key, extract_batch(articles, **self.options)


# -- the worker processes ------------------------------------------------------------------------------

_LOAD_ERROR: list[BaseException] = []


def _start_worker(fast: bool) -> None:
    """In a new worker: die with the ingesting process, and build the pipeline once."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops the pool
    try:
        from defgraph.extraction.pipeline import get_nlp

        get_nlp(fast=fast)
    except BaseException as error:  # noqa: BLE001 - shown by the parent on the first task
        _LOAD_ERROR.append(error)


def _die_with_parent() -> None:
    """On Linux, a worker gets SIGKILL when the ingesting process dies (even by kill -9)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the worker ends when its task queue closes
        return
    if os.getppid() == 1:  # the parent died before prctl
        os._exit(1)


def _run_chunk(articles: list[Article], options: dict) -> list[Extracted]:
    if _LOAD_ERROR:
        raise _LOAD_ERROR[0]
    results = extract_batch(articles, **options)
    for result in results:
        if result.extraction is not None:
            result.extraction.article = None  # the parent has it: do not send the text back
    return results


def chunks(articles: list[Article], chars: int = CHUNK_CHARS, size: int = CHUNK_ARTICLES) -> list[list[Article]]:
    """Consecutive runs of articles of at most ``size`` articles and about ``chars`` characters."""
    found: list[list[Article]] = []
    current: list[Article] = []
    length = 0
    for article in articles:
        if current and (len(current) == size or length + len(article.text) > chars):
            found.append(current)
            current, length = [], 0
        current.append(article)
        length += len(article.text)
    return [*found, current] if current else found


class PoolExtractor:
    """Extraction in ``workers`` forked processes, each building the pipeline once."""

    def __init__(self, workers: int, *, extract: bool = True, fast: bool = False, batch_size: int = 16,
                 ahead: int = 2) -> None:
        self.workers, self.fast, self.ahead = workers, fast, ahead
        self.options = {"extract": extract, "fast": fast, "batch_size": batch_size}
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PoolExtractor:
        self._start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=exc_info[0] is None, cancel_futures=True)

    def _start(self) -> None:
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_start_worker, initargs=(self.fast,))

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._start()

    def _submit(self, articles: list[Article]) -> list[Future]:
        chars = FAST_CHUNK_CHARS if self.fast else CHUNK_CHARS
        return [self.pool.submit(_run_chunk, chunk, self.options) for chunk in chunks(articles, chars)]

    def map(self, batches: Iterable[tuple[T, list[Article]]]) -> Iterator[tuple[T, list[Extracted]]]:
        """``(key, articles)`` in; ``(key, one Extracted per article)`` out, in order, with ``ahead``
        batches submitted beyond the one handed out."""
        pending: deque[tuple[T, list[Article], list[Future]]] = deque()
        iterator = iter(batches)
        while True:
            while len(pending) <= self.ahead and (batch := next(iterator, None)) is not None:
                key, articles = batch
                pending.append((key, articles, self._submit(articles)))
            if not pending:
                return
            key, articles, futures = pending.popleft()
            yield key, self._collect(articles, futures, pending)

    def _collect(self, articles: list[Article], futures: list[Future], pending: deque) -> list[Extracted]:
        try:
            results = [result for future in futures for result in future.result()]
        except BrokenProcessPool:
            results = self._one_by_one(articles)
            for index, (key, later, _) in enumerate(pending):  # their futures died with the pool
                pending[index] = (key, later, self._submit(later))
        for article, result in zip(articles, results):
            if result.extraction is not None:
                result.extraction.article = article
        return results

    def _one_by_one(self, articles: list[Article]) -> list[Extracted]:
        """After a worker died: each article alone in a fresh pool; one that kills a worker is quarantined."""
        results = []
        for article in articles:
            self._restart()
            try:
                results.extend(self.pool.submit(_run_chunk, [article], self.options).result())
            except BrokenProcessPool:
                results.append(Extracted(article_signature(article),
                                         failure=extraction_failure(article, "the extraction worker died")))
        self._restart()
        return results


def extractor(workers: int, *, extract: bool = True, fast: bool = False,
              batch_size: int = 16) -> LocalExtractor | PoolExtractor:
    """A pool of ``workers`` processes for extraction, or this process when one worker (or none) is enough."""
    if workers <= 1 or not extract:
        return LocalExtractor(extract=extract, fast=fast, batch_size=batch_size)
    return PoolExtractor(workers, extract=extract, fast=fast, batch_size=batch_size)
