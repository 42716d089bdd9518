"""PostgreSQL: stores in two schemas of one database do not wait for each other's locks; SQL text with
a literal % runs."""
from __future__ import annotations

import threading

import pytest

from defgraph.store import open_store


def test_a_writer_in_another_schema_does_not_wait_for_this_ones_lock(pg_url):
    psycopg = pytest.importorskip("psycopg")

    base, _, options = pg_url.partition("?")
    admin = psycopg.connect(base, autocommit=True)
    other_schema = options.rsplit("%3D", 1)[1] + "_other"
    admin.execute(f"CREATE SCHEMA {other_schema}")
    other_url = f"{base}?options=-csearch_path%3D{other_schema}"
    try:
        with open_store(pg_url) as first, open_store(other_url) as other:
            done = threading.Event()
            with first.transaction():
                first.lock_writes()  # held until this transaction ends

                def write_elsewhere() -> None:
                    with other.transaction():
                        other.lock_writes()
                    done.set()

                thread = threading.Thread(target=write_elsewhere)
                thread.start()
                assert done.wait(timeout=20), "the other schema's writer waited for this schema's lock"
            thread.join()
    finally:
        admin.execute(f"DROP SCHEMA {other_schema} CASCADE")
        admin.close()


def test_a_literal_percent_sign_in_a_query_without_parameters_runs(pg_url):
    from defgraph.analyse.views import Views

    with open_store(pg_url) as store:
        assert store._rows("SELECT 'count:%' AS pattern") == [{"pattern": "count:%"}]
        assert set(Views(store).tallies()) >= {"documents", "quotes"}  # LIKE 'count:%' over model_state
