"""The JSON API under ``/api/``: each route parses its parameters and calls one ``browse`` function.

Lists are pages ``{"total", "limit", "offset", "items"}`` cut by ``limit`` and ``offset``; entity
filters take an id (``country:india``) or a name (``India``, ``S-400``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from defgraph.model.facts import DEAL_TYPES, ENTITY_TYPES, EVENT_TYPES, STATUSES
from defgraph.serve import browse
from defgraph.serve.browse import InvalidParameter
from defgraph.serve.reader import Reader

router = APIRouter(prefix="/api", tags=["api"])

EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
DealType = Literal[DEAL_TYPES]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
ConflictKind = Literal["attribute", "transfer", "claim"]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_ID = 2**63 - 1  # the largest row id a database holds
DocId = Annotated[int, Path(ge=1, le=MAX_ID, description="A document id.")]


def get_reader(request: Request) -> Reader:
    return request.app.state.reader


@dataclass
class Paging:
    limit: int = Query(50, ge=1, le=500, description="Most items to return.")
    offset: int = Query(0, ge=0, description="Items to skip.")


ReaderDep = Annotated[Reader, Depends(get_reader)]
PagingDep = Annotated[Paging, Depends()]


@router.get("/stats", summary="Counts, recent articles and the most mentioned entities")
def stats(reader: ReaderDep) -> dict[str, Any]:
    return browse.overview(reader.knowledge())


@router.get("/search", summary="Articles (full text), entities and quotations matching a query")
def search(reader: ReaderDep, paging: PagingDep,
           q: Annotated[str, Query(min_length=1, max_length=500, description="Words; AND, OR, NOT, \"phrases\".")]) -> dict[str, Any]:
    words = browse.query_text(q)
    if not words:
        raise InvalidParameter("q", "give at least one word to search for")
    found = browse.search(reader.knowledge(), reader.search(words), words)
    return {"query": q, **{kind: browse.page(rows, paging.limit, paging.offset) for kind, rows in found.items()}}


@router.get("/documents", summary="Stored articles, newest first")
def documents(reader: ReaderDep, paging: PagingDep, outlet: str | None = None) -> dict[str, Any]:
    return browse.page(browse.documents(reader.knowledge(), outlet=outlet), paging.limit, paging.offset)


@router.get("/documents/{doc_id}", summary="One article with its text and every fact read from it, with spans")
def document(reader: ReaderDep, doc_id: DocId) -> dict[str, Any]:
    return reader.document(doc_id)


@router.get("/entities", summary="Entities, most mentioned first")
def entities(reader: ReaderDep, paging: PagingDep, type: EntityType | None = None,
             country: Annotated[str | None, Query(description="A country id or name.")] = None,
             q: Annotated[str | None, Query(description="Part of a name or alias.")] = None) -> dict[str, Any]:
    return browse.page(browse.entities(reader.knowledge(), type=type, country=country, q=q),
                       paging.limit, paging.offset)


@router.get("/entities/{entity_id}", summary="The dossier of one entity: aliases, roles, deals, events, quotes, sources")
def entity(reader: ReaderDep, entity_id: str) -> dict[str, Any]:
    return browse.entity_dossier(reader.knowledge(), entity_id)


@router.get("/transfers", summary="Deals merged across articles, with every source")
def transfers(reader: ReaderDep, paging: PagingDep, supplier: str | None = None, recipient: str | None = None,
              system: str | None = None,
              country: Annotated[str | None, Query(description="Supplier or recipient.")] = None,
              status: Status | None = None, deal_type: DealType | None = None) -> dict[str, Any]:
    rows = browse.deals(reader.knowledge(), supplier=supplier, recipient=recipient, system=system,
                        country=country, status=status, deal_type=deal_type)
    return browse.page(rows, paging.limit, paging.offset)


@router.get("/register", summary="The trade register: one row per deal")
def register(reader: ReaderDep, paging: PagingDep, supplier: str | None = None, recipient: str | None = None,
             system: str | None = None) -> dict[str, Any]:
    rows = browse.register_rows(reader.knowledge(), supplier=supplier, recipient=recipient, system=system)
    return browse.page(rows, paging.limit, paging.offset, lambda row: row.as_dict())


@router.get("/events", summary="Dated events, one per happening however many articles report it, oldest first")
def events(reader: ReaderDep, paging: PagingDep, entity: str | None = None, type: EventType | None = None,
           since: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
           until: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
           ) -> dict[str, Any]:
    rows = browse.events(reader.knowledge(), entity=entity, type=type, since=since, until=until)
    return browse.page(rows, paging.limit, paging.offset)


@router.get("/timeline", summary="Events and deal stages involving an entity, oldest first")
def timeline(reader: ReaderDep, paging: PagingDep, entity: str | None = None) -> dict[str, Any]:
    rows = browse.events(reader.knowledge(), entity=entity, deals_too=True)
    return browse.page(rows, paging.limit, paging.offset)


@router.get("/quotes", summary="Quotations with their speakers, newest article first")
def quotes(reader: ReaderDep, paging: PagingDep, speaker: str | None = None,
           document: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None, q: str | None = None) -> dict[str, Any]:
    rows = browse.quotes(reader.knowledge(), speaker=speaker, document=document, q=q)
    return browse.page(rows, paging.limit, paging.offset)


@router.get("/conflicts", summary="Where independent articles disagree: both sides with their sources")
def conflicts(reader: ReaderDep, paging: PagingDep, kind: ConflictKind | None = None,
              entity: str | None = None) -> dict[str, Any]:
    return browse.page(browse.conflicts(reader.knowledge(), kind=kind, entity=entity), paging.limit, paging.offset)


@router.get("/graph", summary="Countries, organisations and systems linked by deals and home country")
def graph(reader: ReaderDep,
          type: Annotated[list[Literal["Country", "Organization", "WeaponSystem"]] | None,
                          Query(description="Node types to keep (repeatable).")] = None,
          min_documents: Annotated[int, Query(ge=1, description="Keep entities named in this many articles.")] = 1,
          ) -> dict[str, Any]:
    return browse.graph(reader.knowledge(), types=type or browse.GRAPH_TYPES, min_documents=min_documents)
