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
from defgraph.store.base import SearchHit, SearchPage
from defgraph.store.migrations import Migration
from defgraph.store.query import Query, to_tsquery
from defgraph.store.sql import SQLStore

# advisory locks are held per store: (one of these constants, a hash of the store's schema), so that stores
# in other schemas of the same database never wait for each other
_MIGRATION_LOCK = 7_345_112  # one migrating process at a time
_WRITE_LOCK = 7_345_113  # one writing ingest transaction at a time (see ``lock_writes``)
_LOCK = "SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))"
_BULK_MEMORY = "1GB"
_SECONDARY_INDEXES = """
SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
WHERE t.relnamespace = current_schema()::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"""
_FOREIGN_KEYS = """
SELECT conrelid::regclass::text AS tab, conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"""
_TABLES = "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
_IDENTITY_COLUMNS = """
SELECT table_name AS tab, column_name AS col FROM information_schema.columns
WHERE table_schema = current_schema() AND is_identity = 'YES'"""
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
        # without parameters the text is sent as it is, so that a literal % (LIKE 'count:%') needs no escaping
        return self.conn.execute(sql.replace("?", "%s"), params) if params else self.conn.execute(sql)

    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(sql.replace("?", "%s"), rows)

    def _has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT to_regclass(%s) IS NOT NULL AS present", (name,)).fetchone()["present"]

    def _lock_schema(self) -> None:
        self.conn.execute(_LOCK, (_MIGRATION_LOCK,))

    def _apply(self, migration: Migration) -> None:
        self.conn.execute(migration.sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        import psycopg

        try:
            with self.conn.transaction():
                try:
                    yield
                    self._before_commit()
                except BaseException:
                    self._wrote = False
                    raise
        except psycopg.Error as error:
            raise StoreError("E207", path=shown_path(self.target), detail=one_line(error, 200)) from error

    def lock_writes(self) -> None:
        self.conn.execute(_LOCK, (_WRITE_LOCK,))

    @contextmanager
    def bulk_loading(self) -> Iterator[None]:
        """Foreign keys and secondary indexes (the full-text GIN index among them) are dropped for the load and
        made again at the end, each checked or built in one pass; identity sequences move past the ids
        written; the tables are vacuumed and analysed."""
        with self.transaction():
            self.lock_writes()
            self.conn.execute(f"SET LOCAL maintenance_work_mem = '{_BULK_MEMORY}'")
            keys = self.conn.execute(_FOREIGN_KEYS).fetchall()
            for key in keys:
                self.conn.execute(f'ALTER TABLE {key["tab"]} DROP CONSTRAINT "{key["name"]}"')
            indexes = self.conn.execute(_SECONDARY_INDEXES).fetchall()
            for index in indexes:
                self.conn.execute(f'DROP INDEX "{index["name"]}"')
            yield
            self._finish_bulk()
            self.conn.execute("UPDATE documents SET date_key = CASE WHEN published IS NULL THEN '9999-99-99' "
                              "WHEN length(published) = 4 THEN published || '-00-00' WHEN length(published) = 7 "
                              "THEN published || '-00' ELSE published END WHERE date_key IS NULL")
            self._wrote = True
            for index in indexes:
                self.conn.execute(index["definition"])
            for key in keys:
                self.conn.execute(f'ALTER TABLE {key["tab"]} ADD CONSTRAINT "{key["name"]}" {key["definition"]}')
            for row in self.conn.execute(_IDENTITY_COLUMNS).fetchall():
                self.conn.execute(f'SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX("{row["col"]}"), 0) + 1, '
                                  f'false) FROM "{row["tab"]}"', (row["tab"], row["col"]))
        for table in self.conn.execute(_TABLES).fetchall():
            self.conn.execute(f'VACUUM ANALYZE "{table["name"]}"')

    def bulk_insert(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        with self.conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _match_page(self, query: Query, limit: int, offset: int) -> SearchPage:
        translated = to_tsquery(query)
        if translated is None:
            return SearchPage([], 0, "tsvector")
        tsquery, params = translated
        rows = self.conn.execute(
            "SELECT id, title, published, outlet, ts_headline('english', text, q, %s) AS snippet, score "
            f"FROM (SELECT id, title, published, outlet, text, q, -ts_rank(search, q) AS score FROM documents, "
            f"(SELECT {tsquery} AS q) AS query WHERE search @@ q ORDER BY score, id LIMIT %s OFFSET %s) AS page "
            "ORDER BY score, id", (_HEADLINE, *params, limit, offset))
        hits = [SearchHit(r["id"], r["title"], r["published"], r["outlet"], r["snippet"], r["score"])
                for r in rows.fetchall()]
        total = self.conn.execute(f"SELECT COUNT(*) AS n FROM documents WHERE search @@ ({tsquery})",
                                  params).fetchone()["n"]
        return SearchPage(hits, total, "tsvector")
