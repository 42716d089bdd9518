"""The SQLite store: one file, WAL mode, foreign keys, a busy timeout, full-text search (FTS5).

Implements ``Store`` with the shared SQL of ``sql.py``. The schema comes from
``migrations/sqlite/NNNN_*.sql``, applied in order when the store is opened and recorded in
``schema_version``; a file whose schema is newer than this defgraph knows is refused (E202).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from defgraph.errors import StoreError
from defgraph.ingestion.decoding import one_line, shown_path
from defgraph.store.base import SearchHit, SearchPage
from defgraph.store.migrations import Migration
from defgraph.store.query import Query, to_fts5
from defgraph.store.sql import SQLStore

BUSY_TIMEOUT_MS = 30_000
BULK_CACHE_KB = 1_000_000  # page cache while bulk loading


def _statements(script: str) -> Iterator[str]:
    """Split a migration into complete SQL statements (triggers keep their inner semicolons)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()


class SQLiteStore(SQLStore):
    """A store in one SQLite file."""

    backend = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.target = str(path)
        if not create and not Path(path).exists():
            raise StoreError("E201", path=self.target, detail="no such file; create it with 'defgraph ingest'")
        try:
            self.conn = sqlite3.connect(self.target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.row_factory = sqlite3.Row
            for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "journal_mode = WAL", "synchronous = NORMAL",
                           "foreign_keys = ON"):
                self.conn.execute(f"PRAGMA {pragma}")
            self._migrate()
        except sqlite3.Error as error:
            raise StoreError("E201", path=self.target, detail=str(error)) from error

    # -- read-only opening (defgraph serve) ----------------------------------------------------
    @classmethod
    def open_read_only(cls, path: str | Path) -> SQLiteStore:
        """An existing store opened for reading only: nothing is migrated and SQLite refuses every write."""
        store = cls.__new__(cls)
        store.target = str(path)
        if not Path(path).is_file():
            raise StoreError("E201", path=store.target, detail="no such file; create it with 'defgraph ingest'")
        try:
            store.conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None,
                                         timeout=BUSY_TIMEOUT_MS / 1000)
            store.conn.row_factory = sqlite3.Row
            store.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            store._check_schema()
        except sqlite3.Error as error:
            store.conn.close()
            raise StoreError("E201", path=store.target, detail=str(error)) from error
        return store

    def close(self) -> None:
        self.conn.close()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                 (name,)).fetchone() is not None

    def _apply(self, migration: Migration) -> None:
        for statement in _statements(migration.sql):
            self.conn.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock later
            try:
                yield
                self._before_commit()
            except BaseException:
                self._wrote = False
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:  # locked past the busy timeout, disk full, a value too big, ...
            raise StoreError("E207", path=shown_path(self.target), detail=one_line(error, 200)) from error

    def lock_writes(self) -> None:
        """``BEGIN IMMEDIATE`` already holds SQLite's one write lock for the whole transaction."""

    @contextmanager
    def bulk_loading(self) -> Iterator[None]:
        """Indexes and triggers are dropped for the load and made again at the end; the full-text index is
        rebuilt in one pass."""
        self.conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KB}")
        with self.transaction():
            saved = self.conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                                      "AND sql IS NOT NULL").fetchall()
            for kind, name, _ in saved:
                self.conn.execute(f"DROP {kind.upper()} {name}")
            yield
            self._finish_bulk()
            self.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
            for _, _, sql in saved:
                self.conn.execute(sql)
            self.conn.execute("UPDATE documents SET date_key = CASE WHEN published IS NULL THEN '9999-99-99' "
                              "WHEN length(published) = 4 THEN published || '-00-00' WHEN length(published) = 7 "
                              "THEN published || '-00' ELSE published END WHERE date_key IS NULL")
            self._wrote = True
        self.conn.execute("ANALYZE")

    def bulk_insert(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        self.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)

    def _match_page(self, query: Query, limit: int, offset: int) -> SearchPage:
        match = to_fts5(query)
        if match is None:
            return SearchPage([], 0, "fts5")
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.published, d.outlet, snippet(documents_fts, 1, '[', ']', '…', 16), "
            "bm25(documents_fts, 5.0, 1.0) AS score FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score, d.id LIMIT ? OFFSET ?", (match, limit, offset))
        hits = [SearchHit(*row) for row in rows]
        total = self.conn.execute("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?",
                                  (match,)).fetchone()[0]
        return SearchPage(hits, total, "fts5")
