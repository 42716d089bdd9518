"""Peak memory and time of extraction against one document's length.

    python bench/long_documents.py                     # 5k, 20k and 80k words
    python bench/long_documents.py --words 5000 20000 80000 155000 --fast

Builds each document by joining White House texts (paragraphs kept) up to that many words, then
extracts it in a fresh child process, so each length's peak RSS is its own, and prints peak RSS,
seconds per 1,000 words, and last the ratios of the longest document to the shortest (time per word
should stay flat; the target for memory is 1 GB at any length up to 80k words).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(os.environ.get("DEFGRAPH_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus" / "whitehouse"


def document(corpus: Path, words: int) -> str:
    """White House texts joined by blank lines, cut to ``words`` words (whole paragraphs where possible)."""
    parts, count = [], 0
    files = sorted(corpus.glob("*.txt"))
    while count < words:
        for path in files:
            body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
            for paragraph in body.split("\n\n"):
                take = paragraph.split()[:words - count]
                parts.append(" ".join(take) if len(take) < len(paragraph.split()) else paragraph)
                count += len(take)
                if count >= words:
                    return "\n\n".join(parts)
    return "\n\n".join(parts)


def measure(corpus: Path, words: int, fast: bool) -> dict:
    """In this process: build the pipeline, then extract one document of ``words`` words."""
    from defgraph.extraction.pipeline import extract_articles, get_nlp
    from defgraph.model import Article

    get_nlp(fast)
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    article = Article(text=document(corpus, words), source=f"bench:{words}")
    started = time.perf_counter()
    (extraction,) = extract_articles([article], fast=fast)
    seconds = time.perf_counter() - started
    return {"words": len(article.text.split()), "seconds": round(seconds, 1),
            "seconds_per_1000_words": round(seconds * 1000 / len(article.text.split()), 3),
            "model_rss_mb": round(loaded), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "entities": len(extraction.entities), "mentions": sum(len(e.mentions) for e in extraction.entities)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--words", type=int, nargs="+", default=[5_000, 20_000, 80_000])
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.corpus, args.child, args.fast)))
        return
    results = []
    for words in args.words:
        child = subprocess.run([sys.executable, __file__, "--corpus", str(args.corpus), "--child", str(words),
                                *(["--fast"] if args.fast else [])], capture_output=True, text=True, check=True)
        result = json.loads(child.stdout)
        results.append(result)
        print(f"{result['words']:>8} words: peak RSS {result['peak_rss_mb']:>5} MB (model loaded: "
              f"{result['model_rss_mb']} MB), {result['seconds_per_1000_words']:.3f} s per 1,000 words, "
              f"{result['seconds']} s, {result['mentions']} mentions", flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"longest / shortest: peak RSS {last['peak_rss_mb'] / first['peak_rss_mb']:.2f}, time per word "
              f"{last['seconds_per_1000_words'] / first['seconds_per_1000_words']:.2f} "
              f"(for {last['words'] / first['words']:.0f}x the text)")


if __name__ == "__main__":
    main()
