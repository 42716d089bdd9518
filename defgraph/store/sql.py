"""The SQL both backends share: every ``Store`` method written once in portable SQL.

Reads and writes the tables of ``migrations/<backend>/``; a backend (``sqlite.py``,
``postgres.py``) supplies the connection, transactions, migrations runner and full-text search.
Statements use ``?`` placeholders and ``RETURNING id``; rows are read by column name.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from defgraph.errors import StoreError
from defgraph.ingestion.decoding import REASON_CHARS, one_line, shown_path
from defgraph.model import Article, Extraction, Span
from defgraph.store import search_index
from defgraph.store.base import ClusterRef, QuarantineItem, QuarantineRecord, SearchPage, Store
from defgraph.store.migrations import Migration, migrations
from defgraph.store.query import Query, parse_query

FACT_TABLES = ("mentions", "statements", "quotes", "transfers", "events", "claims", "turns")
DOCUMENT_COLUMNS = ("id", "name", "source", "url", "title", "outlet", "published", "published_grain",
                    "published_note", "agencies", "text", "ingested_at", "cluster_id", "is_original", "extracted",
                    "notes")
_CHUNK = 500
READ_MODEL_REBUILDS = frozenset({5, 6, 7})  # migrations after which the read models are built again in full


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def date_key(iso: str | None) -> str:
    """A publication date as text that sorts like ``analyse.knowledge.date_key``: ``2021`` is ``2021-00-00``,
    before ``2021-03-00`` and ``2021-03-05``; no date is ``9999-99-99``, after every date."""
    if not iso:
        return "9999-99-99"
    return iso + "-00-00"[len(iso) - 4:] if len(iso) < 10 else iso


def _span(evidence: Span) -> tuple[int, int, str]:
    return evidence.start, evidence.end, evidence.text


class SQLStore(Store):
    """The portable part of a SQL store; subclasses connect and add search."""

    backend: str  # the migrations folder

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; a cursor whose rows read by column name."""

    @abstractmethod
    def _executemany(self, sql: str, rows: list[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _has_table(self, name: str) -> bool: ...

    @abstractmethod
    def _apply(self, migration: Migration) -> None:
        """Run a migration's statements (inside the open transaction)."""

    def _lock_schema(self) -> None:
        """Hold off other processes migrating the same database (SQLite's write lock already does)."""

    def _before_commit(self) -> None:
        """Bring the read models up to date with what the transaction wrote (``analyse.readmodels``)."""
        if getattr(self, "_wrote", False):
            self._wrote = False
            from defgraph.analyse.readmodels import refresh  # deferred: loading the analyses costs ~0.6 s

            refresh(self)

    def _insert(self, sql: str, params: Sequence[Any]) -> int:
        return self._execute(sql + " RETURNING id", params).fetchone()["id"]

    def _count(self, sql: str) -> int:
        return self._execute(sql).fetchone()["n"]

    # -- schema ------------------------------------------------------------------------------
    def schema_version(self) -> int:
        if not self._has_table("schema_version"):
            return 0
        return self._execute("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version").fetchone()["v"]

    def _migrate(self) -> None:
        """Apply the migrations this store has not seen, in order; refuse a newer schema (E202)."""
        known = migrations(self.backend)
        latest = known[-1].version
        if self.schema_version() > latest:
            raise StoreError("E202", path=self.target, found=self.schema_version(), known=latest)
        if self.schema_version() == latest:
            return
        with self.transaction():  # a second process waits here, then finds the work done
            self._lock_schema()
            self._execute("CREATE TABLE IF NOT EXISTS schema_version "
                          "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            for migration in known:
                if migration.version > self.schema_version():
                    self._apply(migration)
                    self._execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                  (migration.version, migration.name, now()))
                    self._wrote = getattr(self, "_wrote", False) or migration.version in READ_MODEL_REBUILDS  # built when it commits

    # -- read-only opening (defgraph serve) ----------------------------------------------------
    def _check_schema(self) -> None:
        """A store opened read-only migrates nothing: its schema must be the one this defgraph knows."""
        latest = migrations(self.backend)[-1].version
        found = self.schema_version()
        if found > latest:
            raise StoreError("E202", path=self.target, found=found, known=latest)
        if found == 0:
            raise StoreError("E201", path=self.target, detail="no defgraph tables there; create them with 'defgraph ingest'")
        if found < latest:
            raise StoreError("E201", path=self.target, detail=f"its schema is version {found}, older than this "
                                                              f"defgraph's {latest}; run 'defgraph ingest' on it once to upgrade it")

    # -- writing -----------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(hashes)
        found: set[str] = set()
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            rows = self._execute(f"SELECT content_hash FROM documents WHERE content_hash IN "
                                 f"({','.join('?' * len(chunk))})", chunk)
            found.update(row["content_hash"] for row in rows)
        return found

    def unbanded_signatures(self) -> Iterator[tuple[int, bytes]]:
        rows = self._execute("SELECT id, signature FROM documents d WHERE signature IS NOT NULL AND NOT EXISTS "
                             "(SELECT 1 FROM signature_bands b WHERE b.document_id = d.id) ORDER BY id")
        for row in rows.fetchall():
            yield row["id"], bytes(row["signature"])

    def add_band_keys(self, doc_id: int, keys: Iterable[int]) -> None:
        self._executemany("INSERT INTO signature_bands (band_key, document_id) VALUES (?, ?)",
                          [(key, doc_id) for key in keys])

    def signatures_sharing(self, keys: Iterable[int]) -> list[tuple[int, bytes]]:
        wanted = list(keys)
        rows = self._execute(f"SELECT id, signature FROM documents WHERE id IN (SELECT document_id FROM "
                             f"signature_bands WHERE band_key IN ({','.join('?' * len(wanted))}))", wanted)
        return [(row["id"], bytes(row["signature"])) for row in rows.fetchall()]

    def cluster_of(self, doc_id: int) -> ClusterRef:
        row = self._execute(
            "SELECT c.id AS cluster_id, c.original_id, o.published FROM documents d "
            "JOIN clusters c ON c.id = d.cluster_id JOIN documents o ON o.id = c.original_id WHERE d.id = ?",
            (doc_id,)).fetchone()
        if row is None:
            raise StoreError("E204", doc_id=doc_id, path=self.target)
        return ClusterRef(row["cluster_id"], row["original_id"], row["published"])

    def add_document(self, article: Article, *, signature: bytes | None,
                     cluster_id: int | None = None) -> int:
        is_original = cluster_id is None
        if is_original:
            cluster_id = self._insert("INSERT INTO clusters (size) VALUES (0)", ())
        published = article.published
        doc_id = self._insert(
            "INSERT INTO documents (content_hash, name, source, url, title, outlet, published, published_grain, "
            "published_note, agencies, text, ingested_at, cluster_id, is_original, signature, notes, date_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.content_hash, article.name, article.source, article.url, article.title, article.outlet,
             published.iso() if published else None, published.grain if published else None,
             article.published_note, json.dumps(article.agencies), article.text, now(), cluster_id,
             int(is_original), signature, json.dumps(article.notes, ensure_ascii=False),
             date_key(published.iso() if published else None)))
        self._execute("UPDATE clusters SET size = size + 1, original_id = COALESCE(original_id, ?) WHERE id = ?",
                      (doc_id, cluster_id))
        self._execute("DELETE FROM quarantine WHERE source = ?", (article.source,))  # read fine now
        self._wrote = True
        return doc_id

    def set_original(self, cluster_id: int, doc_id: int) -> None:
        self._execute("UPDATE documents SET is_original = CASE WHEN id = ? THEN 1 ELSE 0 END "
                      "WHERE cluster_id = ?", (doc_id, cluster_id))
        self._execute("UPDATE clusters SET original_id = ? WHERE id = ?", (doc_id, cluster_id))

    def add_extraction(self, doc_id: int, extraction: Extraction) -> None:
        many = self._executemany
        for entity in extraction.entities:
            self._execute("INSERT INTO entities (id, type, name, in_catalogue) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (id) DO UPDATE SET in_catalogue = 1 WHERE excluded.in_catalogue = 1",
                          (entity.id, entity.type, entity.name, int(entity.in_catalogue)))
            many('INSERT INTO mentions (document_id, entity_id, start, "end", text, kind, confidence) '
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                 [(doc_id, entity.id, m.start, m.end, m.text, m.kind, entity.confidence) for m in entity.mentions])
        statements = [(r.person, "role", r.title, r.org, "defgraph_roles", r.evidence, r.confidence)
                      for r in extraction.roles]
        statements += [(a.entity, a.attribute, a.value, None, "defgraph_attributes", a.evidence, a.confidence)
                       for a in extraction.attributes]
        many('INSERT INTO statements (subject, property, value, object, document_id, start, "end", evidence, '
             "extractor, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             [(s, p, v, o, doc_id, *_span(e), x, c) for s, p, v, o, x, e, c in statements])
        many('INSERT INTO quotes (document_id, speaker, text, direct, partial, start, "end", evidence, confidence) '
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             [(doc_id, q.speaker, q.text, int(q.direct), int(q.partial), *_span(q.evidence), q.confidence)
              for q in extraction.quotes])
        many("INSERT INTO transfers (document_id, supplier, recipient, system, deal_type, status, quantity, "
             'quantity_unit, value, currency, order_date, start, "end", evidence, confidence) '
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             [(doc_id, t.supplier, t.recipient, t.system, t.deal_type, t.status, t.quantity, t.quantity_unit,
               t.value, t.currency, t.order_date.iso() if t.order_date else None, *_span(t.evidence), t.confidence)
              for t in extraction.transfers])
        for event in extraction.events:
            event_id = self._insert(
                'INSERT INTO events (document_id, type, place, date, occasion, start, "end", evidence, confidence) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, event.type, event.place, event.date.iso() if event.date else None, event.occasion,
                 *_span(event.evidence), event.confidence))
            many("INSERT INTO event_participants VALUES (?, ?) ON CONFLICT DO NOTHING",
                 [(event_id, p) for p in event.participants])
        for claim in extraction.claims:
            claim_id = self._insert('INSERT INTO claims (document_id, claimant, text, start, "end", evidence, '
                                    "confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    (doc_id, claim.claimant, claim.text, *_span(claim.evidence), claim.confidence))
            many("INSERT INTO claim_disputants VALUES (?, ?) ON CONFLICT DO NOTHING",
                 [(claim_id, d) for d in claim.disputed_by])
        many('INSERT INTO turns (document_id, label, kind, speaker, label_start, start, "end") '
             "VALUES (?, ?, ?, ?, ?, ?, ?)",
             [(doc_id, t.label, t.kind, t.speaker, t.label_start, t.start, t.end) for t in extraction.turns])
        self._execute("UPDATE documents SET extracted = 1 WHERE id = ?", (doc_id,))
        self._wrote = True

    def _finish_bulk(self) -> None:
        """After a bulk load: each cluster's original (its document marked original) and size."""
        self._execute("UPDATE clusters SET original_id = o.original, size = o.n FROM (SELECT cluster_id, "
                      "MIN(CASE WHEN is_original = 1 THEN id END) AS original, COUNT(*) AS n FROM documents "
                      "GROUP BY cluster_id) AS o WHERE o.cluster_id = clusters.id "
                      "AND (clusters.original_id IS NULL OR clusters.size <> o.n)")

    def add_quarantine(self, item: QuarantineItem) -> None:
        self._execute(
            "INSERT INTO quarantine (source, code, reason, excerpt, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (source, code) DO UPDATE SET reason = excluded.reason, excerpt = excluded.excerpt, "
            "at = excluded.at",
            (shown_path(item.source), item.code, one_line(item.reason, REASON_CHARS),
             item.excerpt and one_line(item.excerpt, REASON_CHARS), now()))

    # -- reading -----------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        count = self._count
        return {
            "documents": count("SELECT COUNT(*) AS n FROM documents"),
            "documents_without_date": count("SELECT COUNT(*) AS n FROM documents WHERE published IS NULL"),
            "clusters": count("SELECT COUNT(*) AS n FROM clusters WHERE size > 1"),
            "near_duplicates": count("SELECT COUNT(*) AS n FROM documents WHERE is_original = 0"),
            "entities": count("SELECT COUNT(*) AS n FROM entities"),
            **{table: count(f"SELECT COUNT(*) AS n FROM {table}") for table in FACT_TABLES},
            "quarantined": count("SELECT COUNT(*) AS n FROM quarantine"),
        }

    def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        return [dict(row) for row in self._execute(sql, params).fetchall()]

    def get_document(self, doc_id: int) -> dict[str, Any]:
        found = self._rows(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE id = ?", doc_id)
        if not found:
            raise StoreError("E204", doc_id=doc_id, path=self.target)
        document = found[0]
        document["agencies"], document["notes"] = json.loads(document["agencies"]), json.loads(document["notes"])
        document["is_original"] = bool(document["is_original"])
        document["entities"] = self._rows(
            "SELECT e.id, e.type, e.name, e.in_catalogue, COUNT(*) AS mentions, MAX(m.confidence) AS confidence "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.document_id = ? "
            "GROUP BY e.id, e.type, e.name, e.in_catalogue ORDER BY MIN(m.start)", doc_id)
        document["mentions"] = self._rows('SELECT entity_id, start, "end", text, kind FROM mentions '
                                          "WHERE document_id = ? ORDER BY start", doc_id)
        document["statements"] = self._rows('SELECT subject, property, value, object, start, "end", evidence, '
                                            "extractor, confidence FROM statements WHERE document_id = ? "
                                            "ORDER BY start", doc_id)
        document["quotes"] = self._rows('SELECT speaker, text, direct, partial, start, "end", evidence, confidence '
                                        "FROM quotes WHERE document_id = ? ORDER BY start", doc_id)
        document["transfers"] = self._rows(
            "SELECT supplier, recipient, system, deal_type, status, quantity, quantity_unit, value, currency, "
            'order_date, start, "end", evidence, confidence FROM transfers WHERE document_id = ? ORDER BY start',
            doc_id)
        document["events"] = self._rows('SELECT id, type, place, date, occasion, start, "end", evidence, confidence '
                                        "FROM events WHERE document_id = ? ORDER BY start", doc_id)
        document["turns"] = self._rows('SELECT label, kind, speaker, label_start, start, "end" FROM turns '
                                       "WHERE document_id = ? ORDER BY start", doc_id)
        for event in document["events"]:
            event["participants"] = [row["entity_id"] for row in self._rows(
                "SELECT entity_id FROM event_participants WHERE event_id = ?", event.pop("id"))]
        document["claims"] = self._rows('SELECT id, claimant, text, start, "end", evidence, confidence FROM claims '
                                        "WHERE document_id = ? ORDER BY start", doc_id)
        for claim in document["claims"]:
            claim["disputed_by"] = [row["entity_id"] for row in self._rows(
                "SELECT entity_id FROM claim_disputants WHERE claim_id = ?", claim.pop("id"))]
        return document

    def list_quarantine(self) -> list[QuarantineRecord]:
        rows = self._execute("SELECT source, code, reason, excerpt, at FROM quarantine ORDER BY at DESC, id DESC")
        return [QuarantineRecord(r["source"], r["code"], r["reason"], r["excerpt"], r["at"]) for r in rows.fetchall()]

    # -- full-text search ----------------------------------------------------------------------
    def search_page(self, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
        """Answered by the tantivy index beside the store when it is there and current (``search_index``),
        else by the database's own full-text index."""
        parsed = parse_query(query)
        if os.environ.get("DEFGRAPH_SEARCH", "").casefold() != "database":
            index = search_index.index_for(self.target)
            if index is not None and index.catch_up(self):
                return index.find(parsed, limit, offset)
        return self._match_page(parsed, limit, offset)

    @abstractmethod
    def _match_page(self, query: Query, limit: int, offset: int) -> SearchPage:
        """``search_page`` answered by the database's own full-text index."""

    def search_identity(self) -> tuple[str | None, int]:
        """What a search index checks it belongs to this store by: the first document's content hash, and
        the largest document id."""
        row = self._execute("SELECT (SELECT content_hash FROM documents ORDER BY id LIMIT 1) AS first, "
                            "(SELECT COALESCE(MAX(id), 0) FROM documents) AS newest").fetchone()
        return row["first"], row["newest"]

    def documents_after(self, doc_id: int, chunk: int = 2000) -> Iterator[dict[str, Any]]:
        """``id``, ``title``, ``text``, ``outlet`` and ``published`` of every document after ``doc_id``, by id."""
        while True:
            rows = self._rows("SELECT id, title, text, outlet, published FROM documents WHERE id > ? "
                              "ORDER BY id LIMIT ?", doc_id, chunk)
            yield from rows
            if len(rows) < chunk:
                return
            doc_id = rows[-1]["id"]

    # -- bulk reading ------------------------------------------------------------------------
    def iter_documents(self) -> Iterator[dict[str, Any]]:
        columns = [c for c in DOCUMENT_COLUMNS if c != "text"]
        for row in self._execute(f"SELECT {', '.join(columns)} FROM documents ORDER BY id"):
            yield {**dict(row), "agencies": json.loads(row["agencies"]), "notes": json.loads(row["notes"]),
                   "is_original": bool(row["is_original"])}

    def iter_entities(self) -> Iterator[dict[str, Any]]:
        aliases: dict[str, list[str]] = {}
        for row in self._execute("SELECT entity_id, text, COUNT(*) AS n FROM mentions GROUP BY entity_id, text "
                                 "ORDER BY entity_id, n DESC, text").fetchall():
            aliases.setdefault(row["entity_id"], []).append(row["text"])
        for row in self._execute("SELECT id, type, name, in_catalogue FROM entities ORDER BY id").fetchall():
            yield {**dict(row), "in_catalogue": bool(row["in_catalogue"]), "aliases": aliases.get(row["id"], [])}

    def iter_facts(self, kind: str) -> Iterator[dict[str, Any]]:
        if kind not in FACT_TABLES:
            raise ValueError(f"unknown fact kind {kind!r}; one of {', '.join(FACT_TABLES)}")
        linked = {"events": ("participants", "event_participants", "event_id"),
                  "claims": ("disputed_by", "claim_disputants", "claim_id")}.get(kind)
        members: dict[int, list[str]] = {}
        if linked:
            for row in self._execute(f"SELECT {linked[2]} AS owner, entity_id FROM {linked[1]} "
                                     "ORDER BY owner, entity_id").fetchall():
                members.setdefault(row["owner"], []).append(row["entity_id"])
        for row in self._execute(f"SELECT * FROM {kind} ORDER BY document_id, start, id"):
            fact = dict(row)
            if linked:
                fact[linked[0]] = members.get(fact["id"], [])
            yield fact
