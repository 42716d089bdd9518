"""The ingest job over a ``dask.distributed`` cluster: inputs read here, batches extracted and stored by the workers.

Reads the inputs in this process (so the workers need no access to the files) and submits batches of
``batch_size`` articles to the cluster, a few per worker in flight. Each worker builds the pipeline
once and opens the store once (``PipelinePlugin``, a worker plugin), then for each batch skips the
articles already stored, extracts the rest and writes them in one transaction under the store's write
lock, as ``ingest_paths`` does. A batch commits whole or not at all and stored articles are known by
their content hash, so when a worker dies mid-batch the scheduler runs the batch again elsewhere and
nothing is lost or stored twice; running the command again finishes an interrupted job. Inputs that
cannot be read are quarantined from here. Needs the ``dask`` extra (``pip install 'defgraph[dask]'``)
and a store every worker reaches: PostgreSQL, or a SQLite file for a cluster on this machine.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from defgraph.errors import DefgraphError
from defgraph.ingestion.readers import Quarantined, iter_inputs
from defgraph.model import Article
from defgraph.runner.ingest import IngestReport, batches, unstored, write_batch
from defgraph.runner.neardup import StoredNearDuplicateIndex
from defgraph.runner.pool import extract_batch
from defgraph.store import POSTGRES_SCHEMES, Store, open_store

PLUGIN = "defgraph-pipeline"
WINDOW_BATCHES = 8  # batches in flight times this: how many inputs are read ahead and ordered longest first
LOCAL = "local:"


try:
    from distributed import WorkerPlugin
except ImportError:  # the dask extra is missing: ``_dask`` says so when a cluster is asked for
    WorkerPlugin = object


def _dask():
    try:
        from distributed import Client, LocalCluster, as_completed, get_worker
    except ImportError as error:
        raise DefgraphError("E150", feature="ingest --scheduler/--cluster",
                            package=f"{error.name or 'distributed'} (pip install 'defgraph[dask]')") from error
    return Client, LocalCluster, as_completed, get_worker


class PipelinePlugin(WorkerPlugin):
    """Set up on every worker, also one started later: the pipeline built once, the store opened once (by
    the worker's first batch, in the thread that runs batches: a SQLite connection stays in its thread)."""

    name = PLUGIN

    def __init__(self, target: str, extract: bool, fast: bool) -> None:
        self.target, self.extract, self.fast = target, extract, fast
        self.store: Store | None = None
        self.index: StoredNearDuplicateIndex | None = None
        self.lock = threading.Lock()  # a worker with several threads runs its batches one at a time

    def setup(self, worker: Any = None) -> None:
        if self.extract:
            from defgraph.extraction.pipeline import get_nlp

            get_nlp(self.fast)

    def connected(self) -> tuple[Store, StoredNearDuplicateIndex]:
        if self.store is None:
            self.store = open_store(self.target)
            with self.store.transaction():
                self.store.lock_writes()
                self.index = StoredNearDuplicateIndex(self.store)
        return self.store, self.index

    def teardown(self, worker: Any = None) -> None:
        if self.store is not None:
            try:
                self.store.close()
            except Exception:  # noqa: BLE001 - SQLite closes only in the thread that opened it; the process ends
                pass

    def __getstate__(self) -> dict:
        return {"target": self.target, "extract": self.extract, "fast": self.fast}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)


def ingest_batch(articles: list[Article], failed: list[Quarantined]) -> dict[str, Any]:
    """On a worker: skip what is stored, extract the rest, store the batch in one transaction; its report."""
    *_, get_worker = _dask()
    plugin: PipelinePlugin = get_worker().plugins[PLUGIN]
    report = IngestReport()
    with plugin.lock:
        store, index = plugin.connected()
        new = unstored(articles, store, set())
        report.skipped += len(articles) - len(new)
        results = extract_batch(new, extract=plugin.extract, fast=plugin.fast)
        quarantined = write_batch(store, index, failed, new, results, report)
    return {**asdict(report), "quarantine": quarantined}


def longest_first(items: Iterable[Article | Quarantined], window: int) -> Iterator[Article | Quarantined]:
    """The inputs in windows of ``window``, each window's articles longest first (what cannot be read first of
    all): the batches sent last are the shortest, so the workers finish together instead of one of them
    reading a long text alone at the end."""
    iterator = iter(items)
    while chunk := list(islice(iterator, window)):
        yield from (item for item in chunk if not isinstance(item, Article))
        yield from sorted((item for item in chunk if isinstance(item, Article)), key=lambda a: -len(a.text))


def local_workers(scheduler: str) -> int | None:
    """``local:N`` → N (a cluster of N processes on this machine); None for a scheduler's address."""
    if not scheduler.startswith(LOCAL):
        return None
    count = scheduler[len(LOCAL):]
    if not count.isdigit() or int(count) < 1:
        raise DefgraphError("E153", value=scheduler)
    return int(count)


def ingest_on_cluster(paths: Iterable[str | Path], target: str | Path, *, scheduler: str, extract: bool = True,
                      fast: bool = False, batch_size: int = 32,
                      progress: Callable[[IngestReport], None] | None = None,
                      on_quarantine: Callable[[Quarantined], None] | None = None,
                      max_bytes: int | None = None) -> IngestReport:
    """Ingest ``paths`` into the store at ``target`` on the cluster whose scheduler is at ``scheduler``
    (``tcp://HOST:8786``), or on a cluster of N processes here (``local:N``); the store ends as
    ``ingest_paths`` leaves it, and running it again is as safe."""
    Client, LocalCluster, as_completed, _ = _dask()
    target, workers = str(target), local_workers(scheduler)
    if workers is None and not target.startswith(POSTGRES_SCHEMES):
        raise DefgraphError("E152", path=target)
    with open_store(target):  # created and migrated once, before any worker opens it
        pass
    started = time.perf_counter()
    report = IngestReport()
    cluster = None if workers is None else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                        dashboard_address=None, silence_logs=40)
    client = Client(cluster or scheduler)
    try:
        client.register_plugin(PipelinePlugin(target, extract, fast), name=PLUGIN)
        ahead = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        running = as_completed()
        inputs = iter_inputs([str(path) for path in paths], **({"max_bytes": max_bytes} if max_bytes else {}))
        for batch in batches(longest_first(inputs, batch_size * ahead * WINDOW_BATCHES), batch_size):
            articles = [item for item in batch if isinstance(item, Article)]
            report.read += len(articles)
            running.add(client.submit(ingest_batch, articles, [i for i in batch if isinstance(i, Quarantined)],
                                      pure=False))
            while running.count() > ahead:
                _merge(report, next(running).result(), on_quarantine)
                _progressed(report, started, progress)
        for done in running:
            _merge(report, done.result(), on_quarantine)
            _progressed(report, started, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report.seconds = time.perf_counter() - started
    return report


def _merge(report: IngestReport, part: dict[str, Any], on_quarantine: Callable[[Quarantined], None] | None) -> None:
    for field in fields(IngestReport):
        if field.name not in ("read", "seconds"):
            setattr(report, field.name, getattr(report, field.name) + part[field.name])
    for item in part["quarantine"]:
        if on_quarantine:
            on_quarantine(item)


def _progressed(report: IngestReport, started: float, progress: Callable[[IngestReport], None] | None) -> None:
    report.seconds = time.perf_counter() - started
    if progress:
        progress(report)
