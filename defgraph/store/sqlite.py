"""The SQLite store: one file, WAL mode, foreign keys, full-text search (FTS5).

Reads and writes what ``Store`` declares. The schema comes from ``migrations/sqlite/NNNN_*.sql``,
applied in order when the store is opened and recorded in ``schema_version``; a file whose schema is
newer than this defgraph knows is refused (E202).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from defgraph.errors import StoreError
from defgraph.model import Article, Extraction, Span
from defgraph.store.base import ClusterRef, QuarantineItem, QuarantineRecord, SearchHit, Store
from defgraph.store.migrations import migrations

BUSY_TIMEOUT_MS = 30_000
FACT_TABLES = ("mentions", "statements", "quotes", "transfers", "events", "claims")
_FTS_OPERATORS = {"AND", "OR", "NOT"}
_FTS_TERM = re.compile(r'"[^"]*"|\S+')


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def fts_query(query: str) -> str:
    """A user's query as FTS5 syntax: each word a quoted phrase (so ``S-400`` works), operators kept."""
    terms = []
    for term in _FTS_TERM.findall(query):
        if term in _FTS_OPERATORS or (len(term) > 1 and term.startswith('"') and term.endswith('"')):
            terms.append(term)
        else:
            terms.append('"' + term.replace('"', "") + '"')
    return " ".join(terms)


def _span(evidence: Span) -> tuple[int, int, str]:
    return evidence.start, evidence.end, evidence.text


class SQLiteStore(Store):
    """A store in one SQLite file."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.target = str(path)
        if not create and not Path(path).exists():
            raise StoreError("E201", path=self.target,
                             detail="no such file; create it with 'defgraph ingest'")
        try:
            self.conn = sqlite3.connect(self.target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as error:
            raise StoreError("E201", path=self.target, detail=str(error)) from error

    def close(self) -> None:
        self.conn.close()

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
        if row is None:
            return 0
        return self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]

    def _migrate(self) -> None:
        known = migrations("sqlite")
        latest = known[-1].version if known else 0
        found = self.schema_version()
        if found > latest:
            raise StoreError("E202", path=self.target, found=found, known=latest)
        if found == latest:
            return
        with self.transaction():  # BEGIN IMMEDIATE: a second process waits, then sees the new version
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                              "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            for migration in known:
                if migration.version > self.schema_version():
                    for statement in _statements(migration.sql):
                        self.conn.execute(statement)
                    self.conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                      (migration.version, migration.name, _now()))

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(hashes)
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in self.conn.execute(
                f"SELECT content_hash FROM documents WHERE content_hash IN ({marks})", chunk))
        return found

    def unbanded_signatures(self) -> Iterator[tuple[int, bytes]]:
        yield from self.conn.execute(
            "SELECT id, signature FROM documents d WHERE signature IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM signature_bands b WHERE b.document_id = d.id) ORDER BY id")

    def add_band_keys(self, doc_id: int, keys: Iterable[int]) -> None:
        self.conn.executemany("INSERT INTO signature_bands (band_key, document_id) VALUES (?, ?)",
                              [(key, doc_id) for key in keys])

    def signatures_sharing(self, keys: Iterable[int]) -> list[tuple[int, bytes]]:
        wanted = list(keys)
        marks = ",".join("?" * len(wanted))
        rows = self.conn.execute(
            f"SELECT id, signature FROM documents WHERE id IN "
            f"(SELECT document_id FROM signature_bands WHERE band_key IN ({marks}))", wanted)
        return [(row[0], row[1]) for row in rows]

    def cluster_of(self, doc_id: int) -> ClusterRef:
        row = self.conn.execute(
            "SELECT c.id, c.original_id, o.published FROM documents d JOIN clusters c ON c.id = d.cluster_id "
            "JOIN documents o ON o.id = c.original_id WHERE d.id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError("E204", doc_id=doc_id, path=self.target)
        return ClusterRef(*row)

    def add_document(self, article: Article, *, signature: bytes | None,
                     cluster_id: int | None = None) -> int:
        is_original = cluster_id is None
        if is_original:
            cluster_id = self.conn.execute("INSERT INTO clusters (size) VALUES (0)").lastrowid
        published = article.published
        doc_id = self.conn.execute(
            "INSERT INTO documents (content_hash, name, source, url, title, outlet, published, "
            "published_grain, agencies, text, ingested_at, cluster_id, is_original, signature) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.content_hash, article.name, article.source, article.url, article.title,
             article.outlet, published.iso() if published else None,
             published.grain if published else None, json.dumps(article.agencies), article.text,
             _now(), cluster_id, int(is_original), signature),
        ).lastrowid
        self.conn.execute("UPDATE clusters SET size = size + 1, original_id = COALESCE(original_id, ?) "
                          "WHERE id = ?", (doc_id, cluster_id))
        self.conn.execute("DELETE FROM quarantine WHERE source = ?", (article.source,))  # read fine now
        return doc_id

    def set_original(self, cluster_id: int, doc_id: int) -> None:
        self.conn.execute("UPDATE documents SET is_original = (id = ?) WHERE cluster_id = ?",
                          (doc_id, cluster_id))
        self.conn.execute("UPDATE clusters SET original_id = ? WHERE id = ?", (doc_id, cluster_id))

    def add_extraction(self, doc_id: int, extraction: Extraction) -> None:
        run = self.conn.execute
        many = self.conn.executemany
        for entity in extraction.entities:
            run("INSERT INTO entities (id, type, name, in_catalogue) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET in_catalogue = MAX(in_catalogue, excluded.in_catalogue)",
                (entity.id, entity.type, entity.name, int(entity.in_catalogue)))
            many('INSERT INTO mentions (document_id, entity_id, start, "end", text, kind) VALUES (?, ?, ?, ?, ?, ?)',
                 [(doc_id, entity.id, m.start, m.end, m.text, m.kind) for m in entity.mentions])
        statements = [(r.person, "role", r.title, r.org, "defgraph_roles", r.evidence) for r in extraction.roles]
        statements += [(a.entity, a.attribute, a.value, None, "defgraph_attributes", a.evidence)
                       for a in extraction.attributes]
        many('INSERT INTO statements (subject, property, value, object, document_id, start, "end", evidence, '
             "extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             [(s, p, v, o, doc_id, *_span(e), x) for s, p, v, o, x, e in statements])
        many('INSERT INTO quotes (document_id, speaker, text, direct, partial, start, "end", evidence) '
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             [(doc_id, q.speaker, q.text, int(q.direct), int(q.partial), *_span(q.evidence))
              for q in extraction.quotes])
        many("INSERT INTO transfers (document_id, supplier, recipient, system, deal_type, status, quantity, "
             'quantity_unit, value, currency, order_date, start, "end", evidence) '
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             [(doc_id, t.supplier, t.recipient, t.system, t.deal_type, t.status, t.quantity, t.quantity_unit,
               t.value, t.currency, t.order_date.iso() if t.order_date else None, *_span(t.evidence))
              for t in extraction.transfers])
        for event in extraction.events:
            event_id = run('INSERT INTO events (document_id, type, place, date, occasion, start, "end", evidence) '
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (doc_id, event.type, event.place, event.date.iso() if event.date else None,
                            event.occasion, *_span(event.evidence))).lastrowid
            many("INSERT OR IGNORE INTO event_participants VALUES (?, ?)",
                 [(event_id, p) for p in event.participants])
        for claim in extraction.claims:
            claim_id = run('INSERT INTO claims (document_id, claimant, text, start, "end", evidence) '
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           (doc_id, claim.claimant, claim.text, *_span(claim.evidence))).lastrowid
            many("INSERT OR IGNORE INTO claim_disputants VALUES (?, ?)",
                 [(claim_id, d) for d in claim.disputed_by])
        run("UPDATE documents SET extracted = 1 WHERE id = ?", (doc_id,))

    def add_quarantine(self, item: QuarantineItem) -> None:
        self.conn.execute(
            "INSERT INTO quarantine (source, code, reason, excerpt, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (source, code) DO UPDATE SET reason = excluded.reason, excerpt = excluded.excerpt, "
            "at = excluded.at",
            (str(item.source), item.code, item.reason, item.excerpt, _now()))

    # -- reading -----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        match = fts_query(query)
        if not match:
            return []
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.published, d.outlet, "
            "snippet(documents_fts, 1, '[', ']', '…', 16), bm25(documents_fts, 5.0, 1.0) AS score "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?", (match, limit))
        return [SearchHit(*row) for row in rows]

    def stats(self) -> dict[str, int]:
        count = self._count
        return {
            "documents": count("SELECT COUNT(*) FROM documents"),
            "clusters": count("SELECT COUNT(*) FROM clusters WHERE size > 1"),
            "near_duplicates": count("SELECT COUNT(*) FROM documents WHERE is_original = 0"),
            "entities": count("SELECT COUNT(*) FROM entities"),
            **{table: count(f"SELECT COUNT(*) FROM {table}") for table in FACT_TABLES},
            "quarantined": count("SELECT COUNT(*) FROM quarantine"),
        }

    def get_document(self, doc_id: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError("E204", doc_id=doc_id, path=self.target)
        document = {key: row[key] for key in row.keys() if key not in ("signature", "content_hash")}
        document["agencies"] = json.loads(row["agencies"])
        document["is_original"] = bool(row["is_original"])
        def rows(sql: str) -> list[dict[str, Any]]:
            return [dict(r) for r in self.conn.execute(sql, (doc_id,))]

        document["entities"] = rows(
            "SELECT e.id, e.type, e.name, e.in_catalogue, COUNT(*) AS mentions FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.document_id = ? GROUP BY e.id ORDER BY MIN(m.start)")
        document["mentions"] = rows('SELECT entity_id, start, "end", text, kind FROM mentions '
                                    "WHERE document_id = ? ORDER BY start")
        document["statements"] = rows("SELECT subject, property, value, object, start, \"end\", evidence, "
                                      "extractor FROM statements WHERE document_id = ? ORDER BY start")
        document["quotes"] = rows('SELECT speaker, text, direct, partial, start, "end" FROM quotes '
                                  "WHERE document_id = ? ORDER BY start")
        document["transfers"] = rows("SELECT supplier, recipient, system, deal_type, status, quantity, "
                                     'quantity_unit, value, currency, order_date, start, "end", evidence '
                                     "FROM transfers WHERE document_id = ? ORDER BY start")
        document["events"] = rows(
            "SELECT e.type, e.place, e.date, e.occasion, e.start, e.\"end\", e.evidence, "
            "(SELECT json_group_array(entity_id) FROM event_participants WHERE event_id = e.id) AS participants "
            "FROM events e WHERE e.document_id = ? ORDER BY e.start")
        document["claims"] = rows(
            'SELECT c.claimant, c.text, c.start, c.\"end\", c.evidence, '
            "(SELECT json_group_array(entity_id) FROM claim_disputants WHERE claim_id = c.id) AS disputed_by "
            "FROM claims c WHERE c.document_id = ? ORDER BY c.start")
        for fact in document["events"] + document["claims"]:
            for key in ("participants", "disputed_by"):
                if key in fact:
                    fact[key] = json.loads(fact[key])
        return document

    def _count(self, sql: str) -> int:
        return self.conn.execute(sql).fetchone()[0]

    def list_quarantine(self) -> list[QuarantineRecord]:
        rows = self.conn.execute("SELECT source, code, reason, excerpt, at FROM quarantine ORDER BY at DESC, id DESC")
        return [QuarantineRecord(*row) for row in rows]


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
