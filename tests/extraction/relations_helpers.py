"""Shared helpers of the relation tests: run the whole pipeline on our own sentences."""
from __future__ import annotations

import defgraph
from defgraph.model import Extraction


def read(text: str, published: str = "2025-06-27") -> Extraction:
    """Extract one article written for a test (the pipeline is built once per process)."""
    return defgraph.extract(text, published=published)


def evidence_is_exact(extraction: Extraction) -> bool:
    """Every stored fact's evidence span holds the very words it was read from."""
    text = extraction.article.text
    spans = [r.evidence for r in (*extraction.transfers, *extraction.events, *extraction.claims,
                                  *extraction.attributes)]
    return all(text[s.start:s.end] == s.text for s in spans)


def read_rules(text: str, published: str = "2025-06-27") -> Extraction:
    """As ``read``, with only the transfers the rules read: the candidates left for the scorer to weigh
    (``transfer_candidates``) are not what the rule tests check."""
    extraction = read(text, published)
    extraction.transfers = [t for t in extraction.transfers if "rules" in t.cues]
    return extraction
