"""The web app's view of one store: read-only, with the store's facts kept in memory.

Reads a store (a SQLite file or a PostgreSQL URL), opened read-only: the web app never writes, and a
database from another defgraph version is refused rather than migrated. Gives the store's read models
(``analyse.views``) for one request, the entities and their names (kept, and read again when the
database changes, e.g. after another ``defgraph ingest``), one document with its facts as a visitor may
see them (no server path, only web links), and pages of full-text search with exact totals.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from defgraph.analyse.knowledge import Knowledge, load_knowledge
from defgraph.analyse.views import Views
from defgraph.errors import StoreError
from defgraph.serve.errors import WebError
from defgraph.serve.security import web_url
from defgraph.store import POSTGRES_SCHEMES, SearchPage, Store, open_store

SERVER_RELOAD = 30  # seconds between reloads of a PostgreSQL database


class Reader:
    """Read access to the store at ``db`` for the web app."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        with self.store():  # E201 now, not on the first request, when there is no such database
            pass
        self._lock = threading.Lock()
        self._knowledge: Knowledge | None = None
        self._stamp: tuple[int, ...] | None = None
        self._names: Knowledge | None = None
        self._names_stamp: tuple[int, ...] | None = None

    @contextmanager
    def store(self) -> Iterator[Store]:
        with open_store(self.db, read_only=True) as store:
            yield store

    def _file_stamp(self) -> tuple[int, ...]:
        """Changes when the database does: the file's and its write-ahead log's times and sizes (a
        server database is read again after ``SERVER_RELOAD`` seconds)."""
        if self.db.startswith(POSTGRES_SCHEMES):
            return (int(time.monotonic() // SERVER_RELOAD),)
        stamp: list[int] = []
        for path in (Path(self.db), Path(self.db + "-wal")):
            info = path.stat() if path.exists() else None
            stamp += [info.st_mtime_ns, info.st_size] if info else [0, 0]
        return tuple(stamp)

    @contextmanager
    def views(self) -> Iterator[Views]:
        """The store's read models (``analyse.views``), for one request."""
        with self.store() as store:
            yield Views(store)

    def names(self) -> Knowledge:
        """Every entity with its aliases and mention counts (no fact): what filters and names are resolved
        against; read again when the database changes."""
        with self._lock:
            stamp = self._file_stamp()
            if self._names is None or stamp != self._names_stamp:
                with self.views() as views:
                    self._names = views.knowledge()
                self._names_stamp = stamp
            return self._names

    def knowledge(self) -> Knowledge:
        """Every document, entity and fact of the store (for the quotation and conflict lists, which have no
        read model yet); reloaded when the file has changed."""
        with self._lock:
            stamp = self._file_stamp()
            if self._knowledge is None or stamp != self._stamp:
                with self.store() as store:
                    self._knowledge = load_knowledge(store)
                self._stamp = stamp
            return self._knowledge

    def document(self, doc_id: int) -> dict[str, Any]:
        """One document with its text and every fact read from it (E401 when there is none); the file it
        was ingested from is left out, and its address unless it is an http(s) one."""
        with self.store() as store:
            try:
                document = store.get_document(doc_id)
            except StoreError as error:
                if error.code != "E204":
                    raise
                raise WebError(404, "E401", doc_id=doc_id) from None
        del document["source"]
        document["url"] = web_url(document["url"])
        return document

    def search(self, query: str, limit: int = 50, offset: int = 0) -> SearchPage:
        """One page of the documents matching a full-text query, best first, with the exact total."""
        with self.store() as store:
            return store.search_page(query, limit, offset)

