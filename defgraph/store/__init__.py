"""The store: documents, facts with provenance and the quarantine, behind one ``Store`` interface.

``open_store(target)`` opens a SQLite file for a path. PostgreSQL URLs are recognised and refused
for now (E206).
"""
from __future__ import annotations

from pathlib import Path

from defgraph.errors import StoreError
from defgraph.store.base import ClusterRef, QuarantineRecord, SearchHit, Store
from defgraph.store.sqlite import SQLiteStore

__all__ = ["ClusterRef", "QuarantineRecord", "SQLiteStore", "SearchHit", "Store", "open_store"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(target: str | Path, *, create: bool = True) -> Store:
    """Open (and migrate) the store at ``target``: a SQLite file path; ``create=False`` needs it to exist."""
    if str(target).startswith(POSTGRES_SCHEMES):
        raise StoreError("E206", url=str(target))
    return SQLiteStore(target, create=create)
