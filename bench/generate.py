"""Fill a store with synthetic documents and their facts in bulk (no extraction), and time it.

    python bench/generate.py --count 1000000 --db /tmp/big.db
    python bench/generate.py --count 1000000 --db postgresql://127.0.0.1:5432/test?options=-csearch_path%3Dbig

The store must be empty (a new SQLite file, or a PostgreSQL schema without defgraph's documents). Prints
the rows written per table and the time of each step: writing the rows, and (inside the load) building
the indexes, the full-text index and the read models.
"""
from __future__ import annotations

import argparse
import sys
import time


def main() -> None:
    from defgraph.runner.synthetic import fill_store
    from defgraph.store import open_store
    from defgraph.store.search_index import index_for

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="Documents to write.")
    parser.add_argument("--db", required=True, help="A new SQLite file or a PostgreSQL URL.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 100_000 == 0:
            print(f"{done:>9} documents, {time.perf_counter() - started:7.1f} s", file=sys.stderr, flush=True)

    with open_store(args.db) as store:
        written = fill_store(store, args.count, seed=args.seed, progress=progress)
    seconds = time.perf_counter() - started
    print(f"{args.count} documents into {args.db} in {seconds:.1f} s ({args.count / seconds:.0f} documents/s)")
    index = index_for(args.db)
    if index is not None:  # the search index beside the store, built now rather than at the first searches
        indexing = time.perf_counter()
        with open_store(args.db, read_only=True) as store:
            index.catch_up(store, limit=None)
        print(f"search index (tantivy) built in {time.perf_counter() - indexing:.1f} s")
    for table, rows in sorted(written.items()):
        print(f"  {table:<20} {rows:>10}")


if __name__ == "__main__":
    main()
