"""The public library API: what the CLI, the web app and the batch runner call.

>>> import defgraph
>>> result = defgraph.extract("NEW DELHI, June 27 (PTI) - India and Russia ...")
>>> [e.name for e in result.entities]
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from defgraph.model import Article, DateValue, Extraction
from defgraph.store import QuarantineRecord, SearchHit, open_store

if TYPE_CHECKING:
    from defgraph.analyse.conflicts import Conflict
    from defgraph.analyse.knowledge import Knowledge
    from defgraph.analyse.merge import MergedTransfer
    from defgraph.analyse.reconcile import Reconciliation
    from defgraph.analyse.register import RegisterRow
    from defgraph.analyse.timeline import TimelineEntry
    from defgraph.runner.ingest import IngestReport

DEFAULT_DB = "defgraph.db"


def _published(value: str | dt.date | DateValue | None) -> DateValue | None:
    if value is None or isinstance(value, DateValue):
        return value
    if isinstance(value, dt.date):
        return DateValue.from_date(value)
    return DateValue.parse(value)


def extract(text: str, *, published: str | dt.date | DateValue | None = None, title: str | None = None,
            outlet: str | None = None) -> Extraction:
    """Read one article's text and return what it says: entities, roles, quotes, facts, evidence.

    ``published`` fixes the publication date that relative dates are resolved against; without it the
    date is read from the text (a ``date YYYY-MM-DD`` line, a header block or the dateline).
    """
    from defgraph.ingestion.readers import article_from_text

    article = article_from_text(text, source="<text>")
    if title is not None:
        article.title = title
    if outlet is not None:
        article.outlet = outlet
    if published is not None:
        article.published = _published(published)
    return next(extract_many([article]))


def extract_many(articles: Iterable[Article], batch_size: int = 16, fast: bool = False) -> Iterator[Extraction]:
    """Extract a stream of articles in batches; yields one ``Extraction`` per article, in order.

    ``fast`` reads without the dependency parse: about twice the speed, no quotes and no claims
    (``defgraph evaluate --fast`` shows what else it costs).
    """
    from defgraph.extraction.pipeline import extract_articles

    return extract_articles(articles, batch_size=batch_size, fast=fast)


def extract_paths(paths: Iterable[str | Path], *, batch_size: int = 16,
                  on_quarantine: Callable[[Any], None] | None = None,
                  max_bytes: int | None = None, fast: bool = False) -> Iterator[Extraction]:
    """Extract every article under ``paths`` without a store; unreadable inputs go to ``on_quarantine``."""
    from defgraph.ingestion.readers import Quarantined, iter_inputs

    def articles() -> Iterator[Article]:
        for item in iter_inputs([str(path) for path in paths], **({"max_bytes": max_bytes} if max_bytes else {})):
            if isinstance(item, Quarantined):
                if on_quarantine:
                    on_quarantine(item)
            else:
                yield item

    return extract_many(articles(), batch_size=batch_size, fast=fast)


def ingest(paths: Iterable[str | Path] | str | Path, db: str | Path = DEFAULT_DB, **opts: Any) -> IngestReport:
    """Read, extract and store every article under ``paths`` (files, folders, globs, ``-``) into ``db``.

    Options go to ``defgraph.runner.ingest.ingest_paths``: ``extract``, ``batch_size``, ``workers``
    (extraction processes; default 1), ``fast``, ``progress``, ``on_quarantine``, ``max_bytes``. With
    ``scheduler`` (``tcp://HOST:8786``, or ``local:N`` for N processes here) the batches are extracted
    and stored by a dask cluster's workers instead (``defgraph.runner.distributed``). Running it again
    on the same inputs changes nothing.
    """
    from defgraph.runner.ingest import ingest_paths

    if isinstance(paths, (str, Path)):
        paths = [paths]
    if opts.get("scheduler"):
        from defgraph.runner.distributed import ingest_on_cluster

        opts.pop("workers", None)
        return ingest_on_cluster(paths, str(db), **opts)
    opts.pop("scheduler", None)
    with open_store(db) as store:
        return ingest_paths(paths, store, **opts)


def search(query: str, db: str | Path = DEFAULT_DB, limit: int = 20) -> list[SearchHit]:
    """Stored documents matching a full-text query, best first, each with a snippet.

    Words and "quoted phrases" must all match, ``OR`` between two takes either, ``-word`` excludes;
    see ``defgraph.store.query`` for the whole language, the same on SQLite and PostgreSQL.
    """
    with open_store(db, create=False) as store:
        return store.search(query, limit=limit)


def stats(db: str | Path = DEFAULT_DB) -> dict[str, int]:
    """How many documents, clusters, entities and facts of each kind ``db`` holds."""
    with open_store(db, create=False) as store:
        return store.stats()


def get_document(doc_id: int, db: str | Path = DEFAULT_DB) -> dict[str, Any]:
    """One stored document with its metadata and every fact read from it, with evidence spans."""
    with open_store(db, create=False) as store:
        return store.get_document(doc_id)


def list_quarantine(db: str | Path = DEFAULT_DB) -> list[QuarantineRecord]:
    """Every input that could not be read, with its error code and reason, most recent first."""
    with open_store(db, create=False) as store:
        return store.list_quarantine()


# -- cross-article analysis and exports (defgraph.analyse, defgraph.export) ----------------------------

def load(db: str | Path = DEFAULT_DB) -> Knowledge:
    """Every document, entity and fact of ``db`` as plain records, the input of the analyses."""
    from defgraph.analyse.knowledge import load_knowledge

    with open_store(db, create=False) as store:
        return load_knowledge(store)


def merge_transfers(db: str | Path = DEFAULT_DB) -> list[MergedTransfer]:
    """One record per deal (supplier, recipient, system, deal type) across articles, with its support."""
    from defgraph.analyse.merge import merge_transfers as merge

    return merge(load(db))


def conflicts(db: str | Path = DEFAULT_DB) -> list[Conflict]:
    """Where independent articles disagree (attributes, deal slots, disputed claims), both sides sourced."""
    from defgraph.analyse.conflicts import find_conflicts

    return find_conflicts(load(db))


def timeline(names: Iterable[str], db: str | Path = DEFAULT_DB) -> list[TimelineEntry]:
    """Dated events and deal stages involving every named entity, oldest first."""
    from defgraph.analyse.names import resolve
    from defgraph.analyse.timeline import timeline as build

    knowledge = load(db)
    return build(knowledge, [resolve(name, knowledge, where=str(db)) for name in names])


def dossier(name: str, db: str | Path = DEFAULT_DB, every_deal: bool = False) -> dict[str, Any]:
    """Everything known about one entity, found by name (fuzzy); E205 with suggestions when unknown.
    Its deals are the trusted ones unless ``every_deal``."""
    from defgraph.analyse.dossier import dossier as build

    return build(load(db), name, where=str(db), every_deal=every_deal)


def register(db: str | Path = DEFAULT_DB, *, supplier: str | None = None, recipient: str | None = None,
             system: str | None = None, every_deal: bool = False) -> list[RegisterRow]:
    """The SIPRI-style trade register of the merged deals, filtered by supplier, recipient and system names.

    By default only the deals believed at ≥ 0.8 (each independent story's best confidence counts, as
    in a noisy-or: two stories at 0.6 make 0.84) that the catalogue allows; ``every_deal=True`` gives every deal with its confidence.
    """
    from defgraph.analyse.names import resolve
    from defgraph.analyse.register import register as build

    knowledge = load(db)
    wanted = {key: resolve(name, knowledge, where=str(db)) if name else None
              for key, name in (("supplier", supplier), ("recipient", recipient), ("system", system))}
    return build(knowledge, **wanted, every_deal=every_deal)


def reconcile(path: str | Path, db: str | Path = DEFAULT_DB) -> Reconciliation:
    """Our register against a SIPRI-format CSV: matches, slot-by-slot disagreements, rows one side lacks."""
    from defgraph.analyse.reconcile import read_sipri
    from defgraph.analyse.reconcile import reconcile as compare
    from defgraph.analyse.register import register as build

    theirs = read_sipri(path)
    knowledge = load(db)
    return compare(build(knowledge), theirs, knowledge)


def export(fmt: str, out: str | Path, db: str | Path = DEFAULT_DB) -> int:
    """Write the knowledge base as ``jsonl``, ``csv`` (a directory), ``graphml`` or ``ftm``; return the count."""
    from defgraph.export import check_target, export_knowledge

    check_target(fmt, out, db)
    return export_knowledge(load(db), fmt, out)
