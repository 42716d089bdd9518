"""Ingest on a local dask cluster of 1 worker against 2 (or more), over the same texts, in one run.

    python bench/dask_workers.py                       # 40 White House texts, 1 and 2 workers, SQLite
    python bench/dask_workers.py --limit 80 --postgres postgresql://127.0.0.1:5432/test

Each size runs ``defgraph ingest --cluster local:N`` in a child process into a fresh store (a SQLite
file, or a fresh schema of the PostgreSQL database given), as a user runs it: cluster start, model
loading on every worker, extraction and writing all counted. It prints words/s for each size, the
speed-up of the largest over 1 worker (target: 1.7 for 2 workers on a 2-core machine) and whether
every run stored the same facts (the store's counts).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

DEFAULT_CORPUS = Path(os.environ.get("DEFGRAPH_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus" / "whitehouse"


def fresh_target(folder: Path, postgres: str | None) -> str:
    if postgres is None:
        return str(folder / f"bench-{uuid.uuid4().hex[:8]}.db")
    import psycopg

    schema = f"defgraph_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    return f"{postgres}?options=-csearch_path%3D{schema}"


def drop_target(target: str, postgres: str | None) -> None:
    if postgres is not None:
        import psycopg

        schema = target.rsplit("%3D", 1)[1]
        with psycopg.connect(postgres, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def run(files: list[Path], target: str, workers: int, batch_size: int) -> tuple[float, dict]:
    defgraph = [sys.executable, "-m", "defgraph.cli.main"]
    started = time.perf_counter()
    done = subprocess.run([*defgraph, "ingest", *map(str, files), "--db", target, "--cluster", f"local:{workers}",
                           "--batch-size", str(batch_size), "--json"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode > 1:
        raise SystemExit(done.stderr[-3000:])
    stats = subprocess.run([*defgraph, "stats", "--db", target, "--json"], capture_output=True, text=True, check=True)
    return seconds, json.loads(stats.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_CORPUS)])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--postgres", metavar="URL", help="Ingest into fresh schemas of this database.")
    parser.add_argument("--batch-size", type=int, default=4, help="Articles per task sent to the cluster.")
    args = parser.parse_args()

    files = sorted(f for p in map(Path, args.paths) for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p]))
    files = files[:args.limit]
    words = sum(len(f.read_text(encoding="utf-8").split("\n---\n", 1)[-1].split()) for f in files)
    print(f"{len(files)} texts, {words} words, store: {'PostgreSQL' if args.postgres else 'SQLite'}")
    rates, facts = {}, {}
    with tempfile.TemporaryDirectory(prefix="defgraph-bench-") as folder:
        for workers in args.workers:
            target = fresh_target(Path(folder), args.postgres)
            try:
                seconds, stats = run(files, target, workers, args.batch_size)
            finally:
                drop_target(target, args.postgres)
            rates[workers], facts[workers] = words / seconds, stats
            print(f"{workers} worker(s): {rates[workers]:,.0f} words/s ({seconds:.1f} s), "
                  f"{stats['documents']} documents, {stats['mentions']} mentions, {stats['transfers']} transfers",
                  flush=True)
    first, last = args.workers[0], args.workers[-1]
    print(f"{last} / {first} workers: {rates[last] / rates[first]:.2f}  (target >= 1.7 for 2 / 1)")
    print("same facts in every run" if all(f == facts[first] for f in facts.values()) else "the facts DIFFER")


if __name__ == "__main__":
    main()
