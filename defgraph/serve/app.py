"""The FastAPI application: ``create_app(db_path)`` wires the reader, the routes, the errors and the guard.

Every error of the JSON API has one shape, ``{"error": {"code", "message"}}`` (``serve.errors``):
unknown ids and addresses are 404, unusable parameters 422, an unreadable store 503, anything
unexpected 500; pages show the same message in an HTML error page with the same status. Every
response, static files and errors included, carries the security headers of ``serve.security``.
"""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from defgraph import __version__
from defgraph.serve.errors import add_error_handlers, unexpected_error
from defgraph.serve.reader import Reader
from defgraph.serve.security import Guard

STATIC = Path(__file__).parent / "static"
DB_VARIABLE = "DEFGRAPH_SERVE_DB"  # the database ``defgraph serve --workers`` hands to its worker processes


def create_app(db_path: str | Path) -> FastAPI:
    """The web app over the store at ``db_path`` (opened read-only; E201 when it does not exist)."""
    from defgraph.serve import api, pages

    app = FastAPI(title="defgraph", version=__version__,
                  description="A read-only JSON API over a defgraph knowledge base: articles, entities, "
                              "deals, events, quotations and conflicts, each fact with its source.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.reader = Reader(db_path)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    add_error_handlers(app)
    app.add_middleware(Guard, on_error=unexpected_error)
    return app


def app_from_environment() -> FastAPI:
    """The app of one ``defgraph serve --workers`` process, over the database named by ``$DEFGRAPH_SERVE_DB``."""
    return create_app(os.environ[DB_VARIABLE])
