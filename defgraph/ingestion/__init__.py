"""Ingestion: read articles from files, directories, globs and stdin.

Reads ``.txt`` (with an optional header block or ``date`` line), ``.html``, ``.jsonl`` and
``.warc``/``.warc.gz`` inputs, streamed one record at a time; writes ``Article`` objects with their
title, url, outlet, publication date and credited agencies, or ``Quarantined`` records for inputs
that cannot be read. ``paths`` says which files a path names, ``decoding`` turns bytes into text
(and any name or message into one safe line), ``dedupe`` signs article bodies with MinHash so that
wire copies run by several outlets can be clustered.
"""
from importlib import import_module

__all__ = [
    "NearDuplicateIndex", "Quarantined", "article_from_text", "article_signature", "credited_agencies",
    "iter_inputs", "publication_date", "signature", "similarity",
]
# loaded on first use: dedupe imports scipy (most of a second), metadata the catalogue, readers warcio;
# the store and the exports only need the small ``decoding`` module
_MODULES = {"NearDuplicateIndex": "dedupe", "article_signature": "dedupe", "signature": "dedupe",
            "similarity": "dedupe", "credited_agencies": "metadata", "publication_date": "metadata",
            "Quarantined": "readers", "article_from_text": "readers", "iter_inputs": "readers"}


def __getattr__(name: str) -> object:
    if name in _MODULES:
        return getattr(import_module(f"defgraph.ingestion.{_MODULES[name]}"), name)
    raise AttributeError(f"module 'defgraph.ingestion' has no attribute {name!r}")
