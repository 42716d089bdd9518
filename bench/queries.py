"""Query latency over a filled store: p50 and p95 of each web request, served in process.

    python bench/generate.py --count 1000000 --db /tmp/big.db          # first: fill a store
    python bench/queries.py --db /tmp/big.db --rounds 20
    DEFGRAPH_SEARCH=database python bench/queries.py --db /tmp/big.db  # search by FTS5 / tsvector instead

Each request of ``REQUESTS`` goes through the web app (``TestClient``: routing, the read models,
rendering, JSON) ``--rounds`` times after one warm-up round; the figures are wall-clock milliseconds.
Search totals are printed with the engine that answered, so that the true total can be checked.
"""
from __future__ import annotations

import argparse
import statistics
import time

REQUESTS = {
    "search common (deal)": "/api/search?q=deal",
    "search country (India)": "/api/search?q=India",
    "search two words (India Russia)": "/api/search?q=India%20Russia",
    "search phrase": '/api/search?q=%22air%20defence%22',
    "search rare (code word)": "/api/search?q=karitoven",
    "search page 3": "/api/search?q=India&offset=100&limit=50",
    "overview /": "/",
    "overview /api/stats": "/api/stats",
    "documents page": "/api/documents?limit=50",
    "register (India)": "/api/register?recipient=India",
    "register page": "/api/register",
    "register HTML page": "/register",
    "transfers (India)": "/api/transfers?country=India",
    "transfers page 3": "/api/transfers?all=1&offset=100&limit=50",
    "dossier S-400": "/api/entities/system:s-400",
    "dossier India": "/api/entities/country:india",
    "timeline India": "/api/timeline?entity=India",
    "timeline page": "/api/timeline",
    "graph": "/api/graph?min_documents=2",
}


def main() -> None:
    from fastapi.testclient import TestClient

    from defgraph.serve import create_app

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    client = TestClient(create_app(args.db))
    print(f"{'request':<34} {'p50 ms':>8} {'p95 ms':>8}  notes")
    for name, url in REQUESTS.items():
        first = client.get(url)
        assert first.status_code == 200, (url, first.status_code, first.text[:300])
        times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        note = ""
        if url.startswith("/api/search"):
            docs = first.json()["documents"]
            note = f"total {docs['total']} ({docs['engine']})"
        print(f"{name:<34} {statistics.median(times):8.1f} {p95:8.1f}  {note}")


if __name__ == "__main__":
    main()
