"""The full-text index beside the store: tantivy, when it is installed, for ranked search with exact totals.

Reads the store's documents (id, title, text, outlet, publication date) in id order and writes a tantivy
index in a folder beside the database: ``news.db.search/`` beside a SQLite file, and for a PostgreSQL
URL a folder under ``$DEFGRAPH_SEARCH_DIR`` (default ``~/.cache/defgraph/search``) named after the URL.
The index is a cache: it catches up with the store by document id before a search (documents are only
ever added), is rebuilt when it does not belong to the store any more, and search falls back to the
database's own full-text index (SQLite FTS5, PostgreSQL tsvector) when tantivy is missing, the folder
cannot be written, or the index is too far behind to catch up within one request (it then catches up in
a background thread). ``docs/search.md`` has the measurements that chose this design.

Tokens are the words of ``Tokenizer.simple`` (runs of letters and digits), lowercased, accents folded,
stemmed with the English Snowball stemmer; no stop words are dropped from the index (the query
language drops them from queries), so phrases keep their positions, as in FTS5.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from defgraph.store.base import SearchHit, SearchPage
from defgraph.store.query import Query, to_tantivy

ANALYZER = "defgraph_en"
TITLE_BOOST = 5.0  # as FTS5's bm25 weights: a word in the title counts five times one in the text
COMMIT_EVERY = 50_000  # documents between commits of a long catch-up
CATCH_UP_LIMIT = 20_000  # documents indexed inside one search request; more are indexed in the background
WRITER_HEAP = 128_000_000
SNIPPET_CHARS = 160
_META = "defgraph-index.json"

_open: dict[str, SearchIndex] = {}
_open_lock = threading.Lock()


def available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def index_folder(target: str) -> Path:
    """Where the index of the store at ``target`` lives."""
    if "://" not in target:
        return Path(target).with_name(Path(target).name + ".search")
    base = Path(os.environ.get("DEFGRAPH_SEARCH_DIR") or Path.home() / ".cache" / "defgraph" / "search")
    return base / hashlib.sha256(target.encode()).hexdigest()[:24]


def index_for(target: str) -> SearchIndex | None:
    """The open index of the store at ``target`` (one per process), or None when tantivy is missing or
    the folder cannot be made."""
    if not available():
        return None
    folder = index_folder(target)
    with _open_lock:
        found = _open.get(str(folder))
        if found is None:
            try:
                found = _open[str(folder)] = SearchIndex(folder)
            except (OSError, ValueError):
                return None
        return found


class SearchIndex:
    """A tantivy index of a store's documents."""

    def __init__(self, folder: Path) -> None:
        import tantivy

        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", stored=True, indexed=True, fast=True)
        builder.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
        builder.add_text_field("text", stored=True, tokenizer_name=ANALYZER)
        builder.add_text_field("outlet", stored=True, index_option="basic", tokenizer_name="raw")
        builder.add_text_field("published", stored=True, index_option="basic", tokenizer_name="raw")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema, path=str(folder))
        self.index.register_tokenizer(ANALYZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                                      .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
                                      .filter(tantivy.Filter.stemmer("english")).build())
        self._write_lock = threading.Lock()
        self._background: threading.Thread | None = None
        self._last_known = (-1, 0)  # (documents in the index, the largest id among them) when last counted

    # -- keeping up with the store ---------------------------------------------------------------
    def last_id(self) -> int:
        """The largest document id indexed (0 when none is)."""
        import tantivy

        self.index.reload()
        searcher = self.index.searcher()
        if not searcher.num_docs:
            return 0
        # documents are only ever added, so the same count means the same last id: the sorted search over
        # every document (a fifth of a second at a million) runs only when another writer added some
        if self._last_known[0] != searcher.num_docs:
            found = searcher.search(tantivy.Query.all_query(), 1, order_by_field="id", order=tantivy.Order.Desc)
            self._last_known = (searcher.num_docs, searcher.doc(found.hits[0][1])["id"][0])
        return self._last_known[1]

    def _meta(self) -> dict[str, Any]:
        path = self.folder / _META
        return json.loads(path.read_text("utf-8")) if path.exists() else {}

    def matches(self, identity: str | None) -> bool:
        """Whether the index was built from the store whose first document has ``identity``."""
        return self._meta().get("identity") in (None, identity)

    def catch_up(self, store: Any, limit: int | None = CATCH_UP_LIMIT) -> bool:
        """Index the store's documents past the last one indexed; False when more than ``limit`` are
        missing (they are then indexed in a background thread) or another process is writing the index."""
        identity, newest = store.search_identity()
        if not self.matches(identity) or self.last_id() > newest:
            self._reset()
        behind = newest - self.last_id()
        if behind <= 0:
            return True
        if limit is not None and behind > limit:
            self._in_background(store.target)
            return False
        return self._index(store, identity)

    def _index(self, store: Any, identity: str | None) -> bool:
        import tantivy

        if not self._write_lock.acquire(blocking=False):
            return False
        try:
            try:
                writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError:  # another process holds the index's write lock
                return False
            (self.folder / _META).write_text(json.dumps({"identity": identity}), "utf-8")
            try:
                for n, row in enumerate(store.documents_after(self.last_id()), 1):
                    writer.add_document(tantivy.Document(
                        id=row["id"], title=row["title"] or "", text=row["text"], outlet=row["outlet"] or "",
                        published=row["published"] or ""))
                    if n % COMMIT_EVERY == 0:  # an interrupted catch-up keeps what it has indexed
                        writer.commit()
                writer.commit()
                writer.wait_merging_threads()
            finally:
                del writer
            self.index.reload()
            return True
        finally:
            self._write_lock.release()

    def _in_background(self, target: str) -> None:
        if self._background and self._background.is_alive():
            return

        def run() -> None:
            from defgraph.store import open_store

            with open_store(target, read_only=True) as store:
                identity, _ = store.search_identity()
                self._index(store, identity)

        self._background = threading.Thread(target=run, name="defgraph-search-index", daemon=True)
        self._background.start()

    def _reset(self) -> None:
        """Drop every indexed document: the store was replaced."""
        self._last_known = (-1, 0)
        with self._write_lock:
            writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            writer.delete_all_documents()
            writer.commit()
            del writer
            (self.folder / _META).unlink(missing_ok=True)
            self.index.reload()

    # -- searching -------------------------------------------------------------------------------
    def find(self, query: Query, limit: int, offset: int) -> SearchPage:
        """One page of the documents matching ``query``, best first, with the exact number of matches."""
        import tantivy

        text = to_tantivy(query)
        if text is None:
            return SearchPage([], 0, "tantivy")
        parsed = self.index.parse_query(text, ["title", "text"], field_boosts={"title": TITLE_BOOST})
        searcher = self.index.searcher()
        if offset >= searcher.num_docs:  # past the last document (and tantivy's own bounds): no hit, the count
            return SearchPage([], searcher.search(parsed, 1, count=True).count, "tantivy")
        found = searcher.search(parsed, limit, count=True, offset=offset)
        snippets = tantivy.SnippetGenerator.create(searcher, parsed, self.schema, "text")
        snippets.set_max_num_chars(SNIPPET_CHARS)
        hits = []
        for score, address in found.hits:
            doc = searcher.doc(address)
            hits.append(SearchHit(doc["id"][0], _first(doc, "title"), _first(doc, "published"),
                                  _first(doc, "outlet"), _marked(snippets.snippet_from_doc(doc)), -score))
        return SearchPage(hits, found.count, "tantivy")


def _first(doc: Any, field: str) -> str | None:
    values = doc.get_all(field)
    return values[0] if values and values[0] else None


def _marked(snippet: Any) -> str:
    """A snippet with its matched words in ``[...]``, as the database engines mark them."""
    text = snippet.fragment().encode("utf-8")  # the ranges are byte offsets
    out, last = [], 0
    for span in sorted(snippet.highlighted(), key=lambda s: s.start):
        out += [text[last:span.start], b"[", text[span.start:span.end], b"]"]
        last = span.end
    out.append(text[last:])
    return b"".join(out).decode("utf-8", errors="replace")

