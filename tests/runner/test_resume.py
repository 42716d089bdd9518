"""A killed ingest run again finishes the job: no duplicate, no half-written document."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from defgraph.runner.synthetic import write_jsonl
from defgraph.store import open_store

DEFGRAPH = [sys.executable, "-m", "defgraph.cli.main"]


def ingest_command(corpus: Path, db: Path, options: list[str]) -> list[str]:
    return [*DEFGRAPH, "ingest", str(corpus), "--db", str(db), "--batch-size", "4", *options]


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def kill_mid_way(command: list[str], db: Path, rows: int) -> int:
    """Start the ingest, SIGKILL it once ``rows`` documents are committed; return how many were."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while stored(db) < rows and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return stored(db)


def snapshot(db: Path) -> tuple[dict[str, int], list[tuple]]:
    """The store's counts, its clusters and originals by content, and documents left unextracted."""
    with open_store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        clusters = store.conn.execute(
            "SELECT group_concat(d.content_hash, ' ') FROM documents d JOIN clusters c ON c.id = d.cluster_id "
            "GROUP BY c.id HAVING c.size > 1 ORDER BY MIN(d.content_hash)").fetchall()
        originals = store.conn.execute("SELECT content_hash FROM documents WHERE is_original "
                                       "ORDER BY content_hash").fetchall()
        unextracted = store.conn.execute("SELECT COUNT(*) FROM documents WHERE NOT extracted").fetchall()
        return store.stats(), [*map(tuple, clusters), *map(tuple, originals), *map(tuple, unextracted)]


@pytest.mark.parametrize("articles, options", [(400, ["--no-extract"]), (48, [])], ids=["no-extract", "extract"])
def test_a_killed_ingest_run_again_ends_like_a_clean_run(tmp_path, articles, options):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", articles, near_duplicate_share=0.15)
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"

    committed = kill_mid_way(ingest_command(corpus, killed_db, options), killed_db, rows=articles // 20)
    assert 0 < committed < articles, "the ingest should have been killed mid-way"
    rerun, clean = (subprocess.Popen(ingest_command(corpus, db, options), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
                    for db in (killed_db, clean_db))  # side by side: the suite stays fast
    (rerun_out, rerun_err), (clean_out, clean_err) = rerun.communicate(timeout=300), clean.communicate(timeout=300)

    assert rerun.returncode == clean.returncode == 0, rerun_err + clean_err
    assert f"skipped {committed} " in rerun_out
    counts, contents = snapshot(killed_db)
    assert (counts, contents) == snapshot(clean_db)
    assert counts["documents"] == articles
    assert (counts["mentions"] > 0) == (options == [])  # extracted facts came with every document


def test_an_ingest_killed_at_random_points_then_run_again_ends_like_a_clean_run(tmp_path):
    """SIGKILL at four moments drawn over a whole run (start-up, migration, mid-batch, between batches)."""
    corpus = write_jsonl(tmp_path / "corpus.jsonl", 300, near_duplicate_share=0.2)
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    started = time.monotonic()
    subprocess.run(ingest_command(corpus, clean_db, ["--no-extract"]), check=True, capture_output=True)
    duration = time.monotonic() - started
    rng = random.Random(7)  # fixed: the same moments each run, different moments in one run
    kills = []
    for delay in sorted(rng.uniform(0, duration) for _ in range(4)):
        process = subprocess.Popen(ingest_command(corpus, killed_db, ["--no-extract"]),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        kills.append((round(delay, 2), stored(killed_db)))

    rerun = subprocess.run(ingest_command(corpus, killed_db, ["--no-extract"]), capture_output=True, text=True)
    assert rerun.returncode == 0, (kills, rerun.stderr)
    assert snapshot(killed_db) == snapshot(clean_db), kills
