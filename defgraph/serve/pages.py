"""The HTML pages: each route calls one ``browse`` function and renders one template.

Article text and every stored string are escaped by the templates (autoescape); pages run no inline
script: charts get their data as JSON in a ``data-`` attribute that ``static/app.js`` draws as SVG.
Parameters are those of the API (``params``), with the same bounds.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from defgraph.analyse.register import to_csv
from defgraph.serve import browse
from defgraph.serve.api import get_reader
from defgraph.serve.params import MAX_ID, DocId, Entity, EntityId, EntityType, EveryDeal, Party, SearchQuery, System, Words
from defgraph.serve.reader import Reader
from defgraph.serve.templating import templates

router = APIRouter(include_in_schema=False)
SEARCH_PAGE = 100  # articles, entities and quotations a search page lists
TIMELINE_PAGE = 1000  # timeline entries a page lists
REGISTER_PAGE = 200  # register rows a page lists (the CSV download has them all)
CSV_PAGE = 1000  # register rows read at a time for the CSV download
ReaderDep = Annotated[Reader, Depends(get_reader)]


def render(name: str, request: Request, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(request=request, page=name[:-5], **context))


@router.get("/", response_class=HTMLResponse)
def index(request: Request, reader: ReaderDep) -> HTMLResponse:
    with reader.views() as views:
        return render("index.html", request, overview=browse.overview(views, reader.names()))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, reader: ReaderDep, q: SearchQuery = None) -> HTMLResponse:
    query = browse.query_text(q)
    found = None
    if query:
        with reader.views() as views:
            found = browse.search(views, reader.names(), reader.search(query, SEARCH_PAGE), query, SEARCH_PAGE)
    return render("search.html", request, q=query, found=found)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, reader: ReaderDep, doc_id: DocId) -> HTMLResponse:
    doc = reader.document(doc_id)
    cut = browse.segments(doc)
    return render("document.html", request, doc=doc, segments=cut,
                  turns=browse.turn_blocks(doc, cut) if doc.get("turns") else None)


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, reader: ReaderDep, type: EntityType | None = None, q: Words = None) -> HTMLResponse:
    return render("entities.html", request, rows=browse.entities(reader.names(), type=type or None, q=q),
                  type=type, q=q or "")


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, reader: ReaderDep, entity_id: EntityId, every_deal: EveryDeal = False) -> HTMLResponse:
    with reader.views() as views:
        return render("dossier.html", request, d=browse.entity_dossier(views, reader.names(), entity_id, every_deal))


@router.get("/register", response_class=HTMLResponse)
def register(request: Request, reader: ReaderDep, supplier: Party = None, recipient: Party = None,
             system: System = None, every_deal: EveryDeal = False,
             offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> HTMLResponse:
    with reader.views() as views:
        total, rows = browse.register_page(views, reader.names(), supplier=supplier, recipient=recipient,
                                           system=system, every_deal=every_deal, limit=REGISTER_PAGE, offset=offset)
    return render("register.html", request, rows=rows, total=total, offset=offset, page_size=REGISTER_PAGE,
                  every_deal=every_deal, filters={"supplier": supplier, "recipient": recipient, "system": system,
                                                  "all": "1" if every_deal else None})


@router.get("/register.csv")
def register_csv(reader: ReaderDep, supplier: Party = None, recipient: Party = None, system: System = None,
                 every_deal: EveryDeal = False) -> StreamingResponse:
    wanted = browse.deal_parties(reader.names(), supplier, recipient, system)  # an unknown name: 422, no download
    return StreamingResponse(_register_csv(reader, wanted, every_deal), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="register.csv"'})


def _register_csv(reader: Reader, wanted: dict[str, str | None], every_deal: bool) -> Iterator[str]:
    """The whole register as CSV, ``CSV_PAGE`` rows at a time, each page read on a connection of its own."""
    yield to_csv([])
    after: tuple[str, int] | None = None
    while True:
        with reader.views() as views:
            after, rows = views.register_after(after, every_deal=every_deal, limit=CSV_PAGE, **wanted)
        yield to_csv(rows, header=False)
        if after is None:
            return


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, reader: ReaderDep, entity: Entity = None) -> HTMLResponse:
    with reader.views() as views:
        total, rows = browse.events(views, reader.names(), entity=entity, deals_too=True, limit=TIMELINE_PAGE)
    return render("timeline.html", request, rows=rows, total=total, entity=entity or "")


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, reader: ReaderDep,
          min_documents: Annotated[int, Query(ge=1, le=100)] = 2) -> HTMLResponse:
    with reader.views() as views:
        found = browse.graph(views, reader.names(), min_documents=min_documents)
    return render("graph.html", request, graph=found, min_documents=min_documents)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, reader: ReaderDep) -> HTMLResponse:
    return render("conflicts.html", request, rows=browse.conflicts(reader.knowledge()))
