"""The store: documents, facts with provenance and the quarantine, behind one ``Store`` interface.

``open_store(target)`` opens a SQLite file for a path and a PostgreSQL database for a
``postgresql://`` URL.
"""
from __future__ import annotations

from pathlib import Path

from defgraph.store.base import ClusterRef, QuarantineRecord, SearchHit, SearchPage, Store
from defgraph.store.sqlite import SQLiteStore

__all__ = ["ClusterRef", "QuarantineRecord", "SQLiteStore", "SearchHit", "SearchPage", "Store", "open_store"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(target: str | Path, *, create: bool = True, read_only: bool = False) -> Store:
    """Open (and migrate) the store at ``target``, a SQLite path or a PostgreSQL URL.

    With ``create=False`` the database must already hold defgraph's tables (E201 otherwise). With
    ``read_only=True`` it must hold them at this defgraph's schema version, and every write fails.
    """
    if str(target).startswith(POSTGRES_SCHEMES):
        from defgraph.store.postgres import PostgresStore

        if read_only:
            return PostgresStore.open_read_only(str(target))
        return PostgresStore(str(target), create=create)
    if read_only:
        return SQLiteStore.open_read_only(target)
    return SQLiteStore(target, create=create)
