"""Extraction in worker processes: the store ends as with one process; a dead worker costs one document."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from defgraph.model import Extraction
from defgraph.runner.ingest import ingest_paths
from defgraph.runner.pool import chunks
from defgraph.runner.synthetic import write_jsonl
from defgraph.store import open_store


def contents(db: Path) -> dict[str, list]:
    """Every row of every table but the search index, without the times of writing."""
    conn = sqlite3.connect(db)
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                               "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%'")]
    found = {}
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
                   if row[1] not in ("ingested_at", "applied_at", "at")]
        found[table] = conn.execute(f"SELECT {', '.join(map(repr, columns))} FROM {table} ORDER BY 1, 2").fetchall()
    conn.close()
    return found


def test_two_workers_store_what_one_process_stores(tmp_path, nlp):
    corpus = write_jsonl(tmp_path / "feed.jsonl", 24, near_duplicate_share=0.2)
    reports = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"{workers}.db") as store:
            reports[workers] = ingest_paths([corpus], store, workers=workers, batch_size=5)
    one, two = contents(tmp_path / "1.db"), contents(tmp_path / "2.db")
    assert one == two
    assert len(one["documents"]) == 24 and one["mentions"] and one["transfers"]
    assert (reports[1].added, reports[1].near_duplicates) == (reports[2].added, reports[2].near_duplicates)


def _dummy_extract(articles, batch_size=16, fast=False):
    for article in articles:
        if "Story 3:" in article.text:
            os._exit(9)  # as a worker killed by the kernel
        yield Extraction(article=article)


def test_a_document_that_kills_its_worker_is_quarantined_and_the_rest_stored(tmp_path, store, monkeypatch):
    from defgraph.extraction import pipeline

    monkeypatch.setattr(pipeline, "extract_articles", _dummy_extract)  # forked workers inherit it
    monkeypatch.setattr(pipeline, "get_nlp", lambda fast=False: None)
    for n in range(6):
        (tmp_path / f"story-{n}.txt").write_text(f"Story {n}: the navy of country {n} ordered {n + 2} patrol boats "
                                                 f"from a yard that has built {n * 3} hulls since {1990 + n}.")
    report = ingest_paths([tmp_path], store, workers=2, batch_size=4)
    assert (report.added, report.quarantined) == (5, 1)
    (record,) = store.list_quarantine()
    assert record.code == "E113" and "worker died" in record.reason and record.source.endswith("story-3.txt")


def test_a_pipeline_that_cannot_load_in_the_workers_stops_the_ingest(tmp_path, store, monkeypatch):
    from defgraph.extraction import pipeline

    def broken(fast=False):
        raise OSError("model files missing")

    monkeypatch.setattr(pipeline, "build_nlp", broken)
    monkeypatch.setattr(pipeline, "_PIPELINES", {})
    (tmp_path / "a.txt").write_text("The navy ordered six patrol boats from a yard on the coast, officials said.")
    with pytest.raises(OSError, match="model files missing"):
        ingest_paths([tmp_path], store, workers=2)
    assert store.stats()["documents"] == 0


def test_chunks_keep_order_and_bound_their_size(make_article):
    articles = [make_article("word " * n) for n in (10, 9000, 10, 10, 10)]
    found = chunks(articles, chars=40_000, size=2)
    assert [a for chunk in found for a in chunk] == articles
    assert [len(chunk) for chunk in found] == [1, 1, 2, 1]  # the long one alone, then two at most
