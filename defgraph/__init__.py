"""defgraph: defence and arms-trade news turned into a sourced, queryable knowledge base.

The public API is in ``defgraph.api`` and re-exported here: ``defgraph.extract(text)`` reads one
article, ``defgraph.ingest(paths, db=...)`` takes files all the way into a store.
"""
from defgraph.api import (
    conflicts, dossier, export, extract, extract_many, get_document, ingest, list_quarantine, load, merge_transfers,
    open_store, reconcile, register, search, stats, timeline,
)
from defgraph.errors import DefgraphError, InputError, StoreError
from defgraph.model import Article, DateValue, Extraction

__version__ = "0.1.0"

__all__ = [
    "Article", "DateValue", "DefgraphError", "Extraction", "InputError", "StoreError", "conflicts", "dossier",
    "export", "extract", "extract_many", "get_document", "ingest", "list_quarantine", "load", "merge_transfers",
    "open_store", "reconcile", "register", "search", "stats", "timeline",
]
