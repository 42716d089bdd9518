"""The JSON API under ``/api/``: each route parses its parameters and calls one ``browse`` function.

Lists are pages ``{"total", "limit", "offset", "items"}`` cut by ``limit`` and ``offset``; entity
filters take an id (``country:india``) or a name (``India``, ``S-400``) of the kind they filter on.
Parameters are declared in ``params``; errors have the one shape of ``errors.ErrorBody``.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from defgraph.serve import browse
from defgraph.serve.errors import ERROR_RESPONSES, InvalidParameter
from defgraph.serve.params import (
    MAX_ID, ConflictKind, Country, DealType, DocId, DocumentFilter, Date, Entity, EntityId, EntityType, EventType,
    EveryDeal, GraphType, Outlet, Paging, Party, SearchQuery, Speaker, Status, System, Words,
)
from defgraph.serve.reader import Reader

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)


def get_reader(request: Request) -> Reader:
    return request.app.state.reader


ReaderDep = Annotated[Reader, Depends(get_reader)]
PagingDep = Annotated[Paging, Depends()]


def sent_as_is(body: dict[str, Any]) -> JSONResponse:
    """A body of plain JSON values sent without FastAPI's encoder, which walks every value again (200 ms
    for a page of 50 deals with their sources)."""
    return JSONResponse(body)


@router.get("/stats", summary="Counts, recent articles and the most mentioned entities")
def stats(reader: ReaderDep) -> dict[str, Any]:
    with reader.views() as views:
        return browse.overview(views, reader.names())


@router.get("/search", summary="Articles (full text), entities and quotations matching a query")
def search(reader: ReaderDep, paging: PagingDep, q: SearchQuery) -> dict[str, Any]:
    words = browse.query_text(q)
    if not words:
        raise InvalidParameter("q", "E414")
    found = reader.search(words, paging.limit, paging.offset)
    with reader.views() as views:
        return {"query": q, **browse.search(views, reader.names(), found, words, paging.limit, paging.offset)}


@router.get("/documents", summary="Stored articles, newest first")
def documents(reader: ReaderDep, paging: PagingDep, outlet: Outlet = None) -> dict[str, Any]:
    with reader.views() as views:
        return browse.documents(views, outlet=outlet, limit=paging.limit, offset=paging.offset)


@router.get("/documents/{doc_id}", summary="One article with its text and every fact read from it, with spans")
def document(reader: ReaderDep, doc_id: DocId) -> dict[str, Any]:
    return reader.document(doc_id)


@router.get("/entities", summary="Entities, most mentioned first")
def entities(reader: ReaderDep, paging: PagingDep, type: EntityType | None = None, country: Country = None,
             q: Words = None) -> dict[str, Any]:
    return browse.page(browse.entities(reader.names(), type=type, country=country, q=q),
                       paging.limit, paging.offset)


@router.get("/entities/{entity_id}", summary="The dossier of one entity: aliases, roles, deals, events, quotes, sources")
def entity(reader: ReaderDep, entity_id: EntityId, every_deal: EveryDeal = False) -> JSONResponse:
    with reader.views() as views:
        return sent_as_is(browse.entity_dossier(views, reader.names(), entity_id, every_deal))


@router.get("/transfers", summary="Deals merged across articles, with every source")
def transfers(reader: ReaderDep, paging: PagingDep, supplier: Party = None, recipient: Party = None,
              system: System = None, country: Country = None, status: Status | None = None,
              deal_type: DealType | None = None, every_deal: EveryDeal = False) -> JSONResponse:
    with reader.views() as views:
        total, rows = browse.deals(views, reader.names(), supplier=supplier, recipient=recipient, system=system,
                                   country=country, status=status, deal_type=deal_type, every_deal=every_deal,
                                   limit=paging.limit, offset=paging.offset)
    return sent_as_is(browse.window(total, paging.limit, paging.offset, rows))


@router.get("/register", summary="The trade register: one row per deal")
def register(reader: ReaderDep, paging: PagingDep, supplier: Party = None, recipient: Party = None,
             system: System = None, every_deal: EveryDeal = False) -> dict[str, Any]:
    with reader.views() as views:
        total, rows = browse.register_page(views, reader.names(), supplier=supplier, recipient=recipient,
                                           system=system, every_deal=every_deal, limit=paging.limit,
                                           offset=paging.offset)
    return browse.window(total, paging.limit, paging.offset, [row.as_dict() for row in rows])


@router.get("/events", summary="Dated events, one per happening however many articles report it, oldest first")
def events(reader: ReaderDep, paging: PagingDep, entity: Entity = None, type: EventType | None = None,
           since: Date = None, until: Date = None) -> dict[str, Any]:
    with reader.views() as views:
        total, rows = browse.events(views, reader.names(), entity=entity, type=type, since=since, until=until,
                                    limit=paging.limit, offset=paging.offset)
    return sent_as_is(browse.window(total, paging.limit, paging.offset, rows))


@router.get("/timeline", summary="Events and deal stages involving an entity, oldest first")
def timeline(reader: ReaderDep, paging: PagingDep, entity: Entity = None) -> dict[str, Any]:
    with reader.views() as views:
        total, rows = browse.events(views, reader.names(), entity=entity, deals_too=True, limit=paging.limit,
                                    offset=paging.offset)
    return browse.window(total, paging.limit, paging.offset, rows)


@router.get("/quotes", summary="Quotations with their speakers, newest article first")
def quotes(reader: ReaderDep, paging: PagingDep, speaker: Speaker = None, document: DocumentFilter = None,
           q: Words = None) -> dict[str, Any]:
    rows = browse.quotes(reader.knowledge(), speaker=speaker, document=document, q=q)
    return browse.page(rows, paging.limit, paging.offset)


@router.get("/conflicts", summary="Where independent articles disagree: both sides with their sources")
def conflicts(reader: ReaderDep, paging: PagingDep, kind: ConflictKind | None = None,
              entity: Entity = None) -> dict[str, Any]:
    return browse.page(browse.conflicts(reader.knowledge(), kind=kind, entity=entity), paging.limit, paging.offset)


@router.get("/graph", summary="Countries, organisations and systems linked by deals and home country")
def graph(reader: ReaderDep,
          type: Annotated[list[GraphType] | None, Query(description="Node types to keep (repeatable).")] = None,
          min_documents: Annotated[int, Query(ge=1, le=MAX_ID,
                                              description="Keep entities named in this many articles.")] = 1,
          ) -> dict[str, Any]:
    with reader.views() as views:
        return browse.graph(views, reader.names(), types=type or browse.GRAPH_TYPES, min_documents=min_documents)
