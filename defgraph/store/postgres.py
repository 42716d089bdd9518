"""The PostgreSQL store: the shared SQL of ``sql.py`` over psycopg, full-text search with tsvector.

Implements ``Store`` for a ``postgresql://`` URL. The schema comes from
``migrations/postgres/NNNN_*.sql``, applied in order under an advisory lock and recorded in
``schema_version``; a newer schema is refused (E202), an unreachable server is E203. Needs the
``postgres`` extra (``pip install 'defgraph[postgres]'``).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from defgraph.errors import StoreError
from defgraph.ingestion.decoding import one_line, shown_path
from defgraph.store.base import SearchHit
from defgraph.store.migrations import Migration
from defgraph.store.query import parse_query, to_tsquery
from defgraph.store.sql import SQLStore

_MIGRATION_LOCK = 7_345_112  # any constant: one migrating process at a time
_WRITE_LOCK = 7_345_113  # one writing ingest transaction at a time (see ``lock_writes``)
_HEADLINE = "StartSel=[, StopSel=], MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=…"


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database (or the schema its URL's ``search_path`` names)."""

    backend = "postgres"

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.target = url
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as error:
            raise StoreError("E206", url=url) from error
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as error:
            raise StoreError("E203", url=url, detail=str(error).strip().splitlines()[0]) from error
        if not create and self.schema_version() == 0:
            self.conn.close()
            raise StoreError("E201", path=url, detail="no defgraph tables there; create them with 'defgraph ingest'")
        self._migrate()

    # -- read-only opening (defgraph serve) ----------------------------------------------------
    @classmethod
    def open_read_only(cls, url: str) -> PostgresStore:
        """An existing store opened for reading only: nothing is migrated, every transaction is read-only."""
        store = cls.__new__(cls)
        store.target = url
        try:
            import psycopg
            from psycopg.conninfo import conninfo_to_dict
            from psycopg.rows import dict_row
        except ImportError as error:
            raise StoreError("E206", url=url) from error
        try:
            options = f"{conninfo_to_dict(url).get('options') or ''} -c default_transaction_read_only=on".strip()
            store.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, options=options)
        except psycopg.Error as error:
            raise StoreError("E203", url=url, detail=str(error).strip().splitlines()[0]) from error
        try:
            store._check_schema()
        except StoreError:
            store.conn.close()
            raise
        return store

    def close(self) -> None:
        self.conn.close()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), params)

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(sql.replace("?", "%s"), rows)

    def _has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT to_regclass(%s) IS NOT NULL AS present", (name,)).fetchone()["present"]

    def _lock_schema(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def _apply(self, migration: Migration) -> None:
        self.conn.execute(migration.sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        import psycopg

        try:
            with self.conn.transaction():
                yield
        except psycopg.Error as error:
            raise StoreError("E207", path=shown_path(self.target), detail=one_line(error, 200)) from error

    def lock_writes(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        translated = to_tsquery(parse_query(query))
        if translated is None:
            return []
        tsquery, params = translated
        rows = self.conn.execute(
            "SELECT id, title, published, outlet, ts_headline('english', text, q, %s) AS snippet, "
            f"-ts_rank(search, q) AS score FROM documents, (SELECT {tsquery} AS q) AS query "
            "WHERE search @@ q ORDER BY score, id LIMIT %s", (_HEADLINE, *params, limit))
        return [SearchHit(r["id"], r["title"], r["published"], r["outlet"], r["snippet"], r["score"])
                for r in rows.fetchall()]
