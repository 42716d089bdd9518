"""Two ingests at once into one store: each article stored once, one story's copies in one cluster."""
from __future__ import annotations

import json
import multiprocessing
from dataclasses import asdict
from pathlib import Path

import pytest

from defgraph.runner.synthetic import write_jsonl
from defgraph.store import open_store

STORY = ("The defence ministry said on Tuesday that the second squadron of the air defence system had reached "
         "its base in the north and that crews trained abroad had taken charge of the radars. Officials added "
         "that the remaining units would follow in stages over the next two years, subject to payment "
         "arrangements that both governments were still working out in detail.")
COPIES = 30  # of one story in each folder
SHARED = 100  # synthetic articles in both folders


def ingest_at(barrier, results, folder: Path, target: str, batch_size: int) -> None:
    """In a process of its own: wait for the other, then ingest ``folder``; put the report or the error."""
    from defgraph.api import ingest

    barrier.wait()  # imports done in both: the two jobs really start together
    try:
        results.put(asdict(ingest([folder], db=target, extract=False, batch_size=batch_size)))
    except Exception as error:  # noqa: BLE001 - the test shows it
        results.put(f"{type(error).__name__}: {error}")


def ingest_together(folders: list[Path], target: str, batch_size: int = 2) -> list[dict]:
    """Ingest each folder in a process of its own, both at once; their reports."""
    with open_store(target):  # migrated once before: the race under test is the ingest's, not the schema's
        pass
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(folders)), context.Queue()
    jobs = [context.Process(target=ingest_at, args=(barrier, results, folder, target, batch_size))
            for folder in folders]
    for job in jobs:
        job.start()
    reports = [results.get(timeout=240) for _ in jobs]
    for job in jobs:
        job.join()
    assert all(isinstance(report, dict) for report in reports), reports
    return reports


@pytest.fixture(params=["sqlite", "postgres"])
def target(request, db_path) -> str:
    return str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")


def test_two_ingests_of_the_same_articles_store_each_once(tmp_path, target):
    shared = write_jsonl(tmp_path / "feed.jsonl", SHARED, near_duplicate_share=0.1)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "feed.jsonl").write_bytes(shared.read_bytes())
    reports = ingest_together([tmp_path / "a", tmp_path / "b"], target)
    assert sum(report["added"] for report in reports) == sum(report["skipped"] for report in reports) == SHARED
    with open_store(target) as store:
        assert store.stats()["documents"] == SHARED


def test_copies_of_one_story_ingested_at_once_join_one_cluster(tmp_path, target):
    for name, first in (("a", 0), ("b", COPIES)):
        (tmp_path / name).mkdir()
        copies = [{"text": f"{STORY} Copy {n} of the story, filed by desk {n}."} for n in range(first, first + COPIES)]
        (tmp_path / name / "copies.jsonl").write_text("".join(json.dumps(copy) + "\n" for copy in copies))
    reports = ingest_together([tmp_path / "a", tmp_path / "b"], target, batch_size=COPIES)  # long transactions
    assert sum(report["near_duplicates"] for report in reports) == 2 * COPIES - 1
    with open_store(target) as store:
        sizes = [row["size"] for row in store._execute("SELECT size FROM clusters WHERE size > 1").fetchall()]
        assert sizes == [2 * COPIES]
