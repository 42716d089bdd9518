"""Ingest on a dask cluster: a worker killed mid-batch loses nothing and duplicates nothing."""
from __future__ import annotations

import os
import signal

import pytest

from defgraph.errors import DefgraphError
from defgraph.runner.ingest import ingest_paths
from defgraph.runner.synthetic import write_jsonl
from defgraph.store import open_store

distributed = pytest.importorskip("distributed")

from defgraph.ingestion.readers import Quarantined  # noqa: E402
from defgraph.model import Article  # noqa: E402
from defgraph.runner.distributed import ingest_on_cluster, local_workers, longest_first  # noqa: E402 - needs distributed


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(tmp_path, pg_url, db_path, nlp):
    corpus = write_jsonl(tmp_path / "feed.jsonl", 16, near_duplicate_share=0.15)
    with open_store(db_path) as store:
        ingest_paths([corpus], store)
        expected = store.stats()
    killed = []

    def kill_one_worker(report) -> None:
        if not killed:  # batches are running on both workers now
            pids = distributed.get_client().run(os.getpid)
            killed.append(sorted(pids.values())[0])
            os.kill(killed[0], signal.SIGKILL)

    report = ingest_on_cluster([corpus], pg_url, scheduler="local:2", batch_size=4, progress=kill_one_worker)
    assert killed and report.read == 16
    with open_store(pg_url) as store:
        assert store.stats() == expected
        assert store._execute("SELECT COUNT(*) AS n FROM documents WHERE extracted = 0").fetchone()["n"] == 0
        again = ingest_paths([corpus], store, extract=False)
        assert (again.added, again.skipped) == (0, 16)


def test_a_scheduler_elsewhere_needs_a_postgres_store(tmp_path):
    with pytest.raises(DefgraphError, match="E152"):
        ingest_on_cluster([tmp_path], tmp_path / "news.db", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(DefgraphError, match="E153"):
        local_workers("local:none")
    assert local_workers("local:3") == 3 and local_workers("tcp://127.0.0.1:8786") is None


def test_each_window_of_inputs_is_sent_longest_first_with_unreadable_inputs_ahead():
    texts = ["a b", "a b c d e", "a", "a b c", "a b c d"]
    broken = Quarantined("feed/broken.html", "E101", "not UTF-8", "")
    items = [Article(text=t, source=f"n{i}.txt") for i, t in enumerate(texts[:3])] + [broken] + \
        [Article(text=t, source=f"m{i}.txt") for i, t in enumerate(texts[3:])]
    ordered = list(longest_first(items, window=4))
    assert ordered[0] is broken
    assert [a.text for a in ordered[1:]] == ["a b c d e", "a b", "a", "a b c d", "a b c"]
