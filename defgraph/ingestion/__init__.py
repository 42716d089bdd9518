"""Ingestion: read articles from files, directories, globs and stdin.

Reads ``.txt`` (with an optional header block or ``date`` line), ``.html``, ``.jsonl`` and
``.warc``/``.warc.gz`` inputs, streamed one record at a time; writes ``Article`` objects with their
title, url, outlet, publication date and credited agencies, or ``Quarantined`` records for inputs
that cannot be read. ``dedupe`` signs article bodies with MinHash so that wire copies run by several
outlets can be clustered.
"""
from defgraph.ingestion.dedupe import NearDuplicateIndex, article_signature, signature, similarity
from defgraph.ingestion.metadata import credited_agencies, publication_date
from defgraph.ingestion.readers import Quarantined, article_from_text, iter_inputs

__all__ = [
    "NearDuplicateIndex", "Quarantined", "article_from_text", "article_signature", "credited_agencies",
    "iter_inputs", "publication_date", "signature", "similarity",
]
