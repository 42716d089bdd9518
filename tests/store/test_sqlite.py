"""The SQLite store: migrations applied once and in order, WAL mode, the errors of opening a file."""
from __future__ import annotations

import sqlite3

import pytest

from defgraph.errors import StoreError
from defgraph.store import open_store
from defgraph.store.migrations import migrations



def test_migrations_are_applied_once_and_recorded(db_path):
    for _ in range(2):
        with open_store(db_path) as store:
            assert store.schema_version() == migrations("sqlite")[-1].version
    rows = sqlite3.connect(db_path).execute("SELECT version, name FROM schema_version").fetchall()
    assert rows == [(m.version, m.name) for m in migrations("sqlite")]


def test_a_newer_schema_is_refused(db_path):
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, '0999_future', 'later')")
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    assert caught.value.code == "E202" and "999" in str(caught.value)


def test_opening_needs_an_existing_file_when_not_creating(tmp_path):
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "missing.db", create=False)
    assert caught.value.code == "E201"
    assert not (tmp_path / "missing.db").exists()


def test_the_store_runs_in_wal_mode_with_foreign_keys(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_an_older_database_is_migrated_in_order(db_path):
    first = migrations("sqlite")[0]
    with sqlite3.connect(db_path) as conn:
        conn.executescript(first.sql)
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                     "applied_at TEXT NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (?, ?, 'then')", (first.version, first.name))
    with open_store(db_path) as store:
        assert store.schema_version() == migrations("sqlite")[-1].version > first.version
        assert store.conn.execute("SELECT COUNT(*) FROM signature_bands").fetchone()[0] == 0
