"""The ``Store`` interface every stage writes to and reads from.

A store keeps documents (with their near-duplicate cluster), the facts extracted from them (each
with its document and character span), and the quarantine of inputs that could not be read. SQLite
(``sqlite.py``) is the default backend; PostgreSQL or a distributed batch runner implement the same
methods so that the stages never change.

Writes happen inside ``transaction()``: a document and all its extraction results commit together
or not at all.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from defgraph.model import Article, Extraction


class QuarantineItem(Protocol):
    """An input that could not be read: where it came from, an error code and why."""

    source: str
    code: str
    reason: str
    excerpt: str | None


@dataclass(frozen=True, slots=True)
class ClusterRef:
    """The near-duplicate cluster a document belongs to, and that cluster's original copy."""

    cluster_id: int
    original_id: int
    original_published: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document matching a full-text query, best first."""

    doc_id: int
    title: str | None
    published: str | None
    outlet: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of the documents matching a query, and how many match in all (an exact count)."""

    hits: list[SearchHit]
    total: int
    engine: str  # tantivy, fts5 or tsvector: which index answered


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """A stored quarantine row."""

    source: str
    code: str
    reason: str
    excerpt: str | None
    at: str


class Store(ABC):
    """Where documents, facts and the quarantine are kept."""

    target: str

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def schema_version(self) -> int:
        """The schema version the store is at."""

    # -- writing -----------------------------------------------------------------------------
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Everything written inside commits together, or not at all when an exception escapes."""

    @abstractmethod
    def lock_writes(self) -> None:
        """Inside ``transaction()``: wait for other processes' writing transactions, and hold them off
        until this one ends, so that what it reads (content hashes, near-duplicates) stays true."""

    @abstractmethod
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored."""

    @abstractmethod
    def unbanded_signatures(self) -> Iterator[tuple[int, bytes]]:
        """``(document id, near-duplicate signature)`` of stored documents with no band keys yet."""

    @abstractmethod
    def add_band_keys(self, doc_id: int, keys: Iterable[int]) -> None:
        """Index a document's signature under its LSH band keys."""

    @abstractmethod
    def signatures_sharing(self, keys: Iterable[int]) -> list[tuple[int, bytes]]:
        """``(document id, signature)`` of the documents that share at least one band key."""

    @abstractmethod
    def cluster_of(self, doc_id: int) -> ClusterRef:
        """The cluster of a stored document."""

    @abstractmethod
    def add_document(self, article: Article, *, signature: bytes | None,
                     cluster_id: int | None = None) -> int:
        """Store an article and return its id; it opens a new cluster unless ``cluster_id`` is given.

        Quarantine rows of the article's source are dropped: the input has now been read.
        """

    @abstractmethod
    def set_original(self, cluster_id: int, doc_id: int) -> None:
        """Make ``doc_id`` the original of its cluster, and every other copy a duplicate."""

    @abstractmethod
    def add_extraction(self, doc_id: int, extraction: Extraction) -> None:
        """Store every fact of a document's extraction with its evidence span."""

    @abstractmethod
    def add_quarantine(self, item: QuarantineItem) -> None:
        """Record an input that could not be read (once per source and code)."""

    # -- bulk loading (synthetic stores, imports) ----------------------------------------------
    @abstractmethod
    def bulk_loading(self) -> AbstractContextManager[None]:
        """One transaction for ``bulk_insert``: secondary indexes and the full-text index are built once at
        the end, each cluster's original and size are set from its documents."""

    @abstractmethod
    def bulk_insert(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        """Write rows with their ids as given, as fast as the backend can (inside ``bulk_loading``)."""

    # -- reading -----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Documents matching a full-text query, best first, with a snippet (see ``search_page``)."""
        return self.search_page(query, limit).hits

    @abstractmethod
    def search_page(self, query: str, limit: int = 20, offset: int = 0) -> SearchPage:
        """The documents matching a full-text query, best first, with snippets: the ``limit`` after the
        first ``offset``, and the exact number of documents that match.

        The query language is the same on every backend (``defgraph.store.query``): words and
        "quoted phrases" that must all match, ``OR`` between alternatives, ``-word`` to exclude; at
        most 32 words (E115). Words match their stems; common words (the, and) are not searched.
        """

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """How many documents, clusters, entities and facts of each kind are stored."""

    @abstractmethod
    def get_document(self, doc_id: int) -> dict[str, Any]:
        """One document with its metadata and every fact extracted from it."""

    @abstractmethod
    def list_quarantine(self) -> list[QuarantineRecord]:
        """Every quarantined input, most recent first."""

    # -- bulk reading, for cross-article analysis and exports ----------------------------------
    @abstractmethod
    def iter_documents(self) -> Iterator[dict[str, Any]]:
        """Every document's metadata (no text), by id: ``id``, ``cluster_id``, ``is_original``, ``title`` ..."""

    @abstractmethod
    def iter_entities(self) -> Iterator[dict[str, Any]]:
        """Every entity with ``aliases``: the texts that name it across the store, most frequent first."""

    @abstractmethod
    def iter_facts(self, kind: str) -> Iterator[dict[str, Any]]:
        """Every fact of one kind (``mentions``, ``statements``, ``quotes``, ``transfers``, ``events``,
        ``claims``) with its ``document_id``, ``start``, ``end``; events carry ``participants``, claims
        ``disputed_by``."""
