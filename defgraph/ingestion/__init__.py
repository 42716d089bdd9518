"""Ingestion: read articles from files, directories, globs and stdin.

Reads ``.txt`` (with an optional header block or ``date`` line), ``.html``, ``.jsonl`` and
``.warc``/``.warc.gz`` inputs, streamed one record at a time; writes ``Article`` objects with their
title, url, outlet, publication date and credited agencies, or ``Quarantined`` records for inputs
that cannot be read. ``dedupe`` signs article bodies with MinHash so that wire copies run by several
outlets can be clustered.
"""
from importlib import import_module

from defgraph.ingestion.metadata import credited_agencies, publication_date
from defgraph.ingestion.readers import Quarantined, article_from_text, iter_inputs

__all__ = [
    "NearDuplicateIndex", "Quarantined", "article_from_text", "article_signature", "credited_agencies",
    "iter_inputs", "publication_date", "signature", "similarity",
]
_DEDUPE = ("NearDuplicateIndex", "article_signature", "signature", "similarity")


def __getattr__(name: str) -> object:
    # dedupe needs datasketch, which imports scipy (most of a second): load it on first use only
    if name in _DEDUPE:
        return getattr(import_module("defgraph.ingestion.dedupe"), name)
    raise AttributeError(f"module 'defgraph.ingestion' has no attribute {name!r}")
