"""Extraction throughput: the full defgraph pipeline against plain spaCy over the same articles.

    python bench/extract.py                              # the shared corpus (../shared/corpus)
    python bench/extract.py /path/to/texts --limit 200 --rounds 3
    python bench/extract.py --through defgraph_linking  # only the components up to linking

Reads the articles once (``iter_inputs``), builds both pipelines before timing, then times
``en_core_web_sm``'s ``nlp.pipe`` over the article texts and defgraph's ``extract_articles`` over
the same articles, alternating for ``--rounds`` rounds and keeping each side's best round (the
machine's noise only ever slows a round down). It prints articles/s for each and their ratio
(defgraph / plain; the target is 0.85 or more, so defgraph's components cost under 15%).
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from defgraph.extraction.pipeline import extract_articles, get_nlp, load_base_model
from defgraph.ingestion.readers import iter_inputs
from defgraph.model import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def read_articles(paths: list[str], limit: int | None) -> list[Article]:
    articles = [a for a in iter_inputs(paths) if isinstance(a, Article)]
    return articles[:limit] if limit else articles


def best_rate(run: Callable[[], int], rounds: list[float]) -> None:
    """Time one round of ``run`` (which returns how many articles it read) into ``rounds``."""
    started = time.perf_counter()
    count = run()
    rounds.append(count / (time.perf_counter() - started))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_CORPUS)])
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N articles.")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--through", metavar="COMPONENT", help="Time defgraph only up to this component.")
    args = parser.parse_args()

    articles = read_articles(args.paths, args.limit)
    texts = [a.text for a in articles]
    plain, full = load_base_model(), get_nlp()
    names = full.pipe_names
    later = names[names.index(args.through) + 1:] if args.through else []
    list(plain.pipe(texts[:2]))  # warm both up outside the timing
    list(extract_articles(articles[:2]))

    plain_rates: list[float] = []
    full_rates: list[float] = []
    with full.select_pipes(disable=later):
        for _ in range(args.rounds):
            best_rate(lambda: sum(1 for _ in plain.pipe(texts, batch_size=args.batch_size)), plain_rates)
            best_rate(lambda: sum(1 for _ in extract_articles(articles, batch_size=args.batch_size)),
                      full_rates)

    plain_best, full_best = max(plain_rates), max(full_rates)
    print(f"articles: {len(articles)}  rounds: {args.rounds}  batch size: {args.batch_size}  "
          f"defgraph through: {args.through or names[-1]}")
    print(f"plain en_core_web_sm  {plain_best:8.1f} articles/s")
    print(f"defgraph pipeline     {full_best:8.1f} articles/s")
    print(f"ratio                 {full_best / plain_best:8.3f}  (target >= 0.85)")


if __name__ == "__main__":
    main()
