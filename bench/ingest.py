"""Ingest throughput and peak memory on synthetic news, at several corpus sizes.

    python bench/ingest.py                         # 10k and 50k articles, ingestion alone
    python bench/ingest.py --extract --sizes 1000 5000

For each size it writes that many synthetic articles (10% near-duplicates) as JSON Lines into a
temporary folder, then ingests them into a fresh SQLite file in a child process, so that each
size's peak RSS is measured on its own. It prints articles/s, peak RSS and, last, the ratio of the
largest size's peak RSS to the smallest's (memory should not grow with the corpus).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(corpus: Path, db: Path, extract: bool) -> dict:
    """Ingest ``corpus`` into ``db`` in this process; the run's figures."""
    import defgraph

    started = time.perf_counter()
    report = defgraph.ingest([corpus], db=db, extract=extract, batch_size=64)
    seconds = time.perf_counter() - started
    return {"articles": report.read, "added": report.added, "near_duplicates": report.near_duplicates,
            "seconds": round(seconds, 2), "articles_per_s": round(report.read / seconds, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "db_mb": round(db.stat().st_size / 2**20, 1)}


def run_size(size: int, folder: Path, extract: bool) -> dict:
    from defgraph.runner.synthetic import write_jsonl

    corpus = write_jsonl(folder / f"corpus-{size}.jsonl", size, near_duplicate_share=0.1)
    db = folder / f"bench-{size}.db"
    child = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(db),
                            *(["--extract"] if extract else [])], capture_output=True, text=True, check=True)
    return json.loads(child.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--extract", action="store_true", help="Run extraction too (slower: use smaller sizes).")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]), args.extract)))
        return
    mode = "with extraction" if args.extract else "ingestion alone (--no-extract)"
    print(f"defgraph ingest benchmark, {mode}")
    results = []
    with tempfile.TemporaryDirectory(prefix="defgraph-bench-") as folder:
        for size in args.sizes:
            result = run_size(size, Path(folder), args.extract)
            results.append(result)
            print(f"{size:>8} articles: {result['articles_per_s']:>8} articles/s, {result['seconds']} s, "
                  f"peak RSS {result['peak_rss_mb']} MB, database {result['db_mb']} MB, "
                  f"{result['near_duplicates']} near-duplicates")
    if len(results) > 1:
        ratio = results[-1]["peak_rss_mb"] / results[0]["peak_rss_mb"]
        print(f"peak RSS {args.sizes[-1]}/{args.sizes[0]}: {ratio:.2f}")


if __name__ == "__main__":
    main()
