"""End-to-end ingest with extraction in worker processes, against plain spaCy on as many processes.

    python bench/workers.py                          # 150 White House texts, 2 processes, 2 rounds
    python bench/workers.py --limit 60 --workers 2 --rounds 3
    python bench/workers.py --fast                   # the fast ingest too, and its ratio to the full one

Each round times (1) plain ``en_core_web_sm`` ``nlp.pipe`` over the texts split between ``--workers``
forked processes (the model loaded before the clock starts: the machine's ceiling) and (2) ``defgraph
ingest --workers N`` of the same files into a fresh SQLite file, as a user runs it (start-up, model
loading, reading, extraction, near-duplicates and writing all counted), and with ``--fast`` (3) the
same ingest with ``--fast``. It prints words/s for each, best round of each, and the ratios; the target
is ingest >= 0.85 x plain, and fast >= 2 x full.
"""
from __future__ import annotations

import argparse
import json
import os
import multiprocessing
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(os.environ.get("DEFGRAPH_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus" / "whitehouse"


def texts_of(files: list[Path]) -> list[str]:
    from defgraph.ingestion.readers import iter_inputs
    from defgraph.model import Article

    return [a.text for a in iter_inputs([str(f) for f in files]) if isinstance(a, Article)]


def _plain_worker(texts: list[str], barrier, results) -> None:
    from defgraph.extraction.pipeline import load_base_model

    nlp = load_base_model()
    list(nlp.pipe(texts[:1]))
    barrier.wait()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    results.put(time.perf_counter() - started)


def plain_seconds(texts: list[str], processes: int) -> float:
    """Wall seconds of plain nlp.pipe over ``texts`` shared by ``processes`` forked processes (longest share)."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(processes), context.Queue()
    shares = [texts[i::processes] for i in range(processes)]
    jobs = [context.Process(target=_plain_worker, args=(share, barrier, results)) for share in shares]
    for job in jobs:
        job.start()
    seconds = max(results.get() for _ in jobs)
    for job in jobs:
        job.join()
    return seconds


def ingest_seconds(files: list[Path], folder: Path, workers: int, fast: bool) -> tuple[float, dict]:
    db = folder / f"bench-{time.monotonic_ns()}.db"
    command = [sys.executable, "-m", "defgraph.cli.main", "ingest", *map(str, files), "--db", str(db),
               "--workers", str(workers), "--json", *(["--fast"] if fast else [])]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode > 1:
        raise SystemExit(done.stderr)
    return seconds, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_CORPUS)])
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--fast", action="store_true", help="Time the --fast ingest too.")
    args = parser.parse_args()

    files = sorted(f for p in map(Path, args.paths) for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p]))
    files = files[:args.limit]
    texts = texts_of(files)
    words = sum(len(text.split()) for text in texts)
    print(f"{len(texts)} texts, {words} words, {args.workers} processes, {args.rounds} rounds")
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="defgraph-bench-") as folder:
        for number in range(args.rounds):
            measured = {"plain nlp.pipe": plain_seconds(texts, args.workers)}
            measured["defgraph ingest"], report = ingest_seconds(files, Path(folder), args.workers, False)
            if args.fast:
                measured["defgraph ingest --fast"], _ = ingest_seconds(files, Path(folder), args.workers, True)
            print(f"round {number + 1}: " + ", ".join(f"{name} {words / s:,.0f} words/s" for name, s in measured.items())
                  + f" (ingest: {report['added']} added, {report['quarantined']} quarantined)", flush=True)
            for name, seconds in measured.items():
                best[name] = min(best.get(name, seconds), seconds)
    rates = {name: words / seconds for name, seconds in best.items()}
    for name, rate in rates.items():
        print(f"{name:<24} {rate:>9,.0f} words/s  ({best[name]:.1f} s, best round)")
    print(f"ingest / plain           {rates['defgraph ingest'] / rates['plain nlp.pipe']:9.3f}  (target >= 0.85)")
    if args.fast:
        print(f"fast / full ingest       {rates['defgraph ingest --fast'] / rates['defgraph ingest']:9.3f}  (target >= 2)")


if __name__ == "__main__":
    main()
