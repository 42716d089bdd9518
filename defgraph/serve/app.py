"""The FastAPI application: ``create_app(db_path)`` wires the reader, the routes and the error shape.

Every error of the JSON API has one shape, ``{"error": {"code", "message"}}``: unknown ids are 404
(with defgraph's error code), unusable parameters 400 or 422, anything unexpected 500; pages show
the same message in an HTML error page with the same status.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from defgraph import __version__
from defgraph.errors import DefgraphError
from defgraph.serve.browse import InvalidParameter
from defgraph.serve.reader import Reader
from defgraph.serve.templating import templates

STATIC = Path(__file__).parent / "static"
NOT_FOUND_CODES = {"E204", "E205"}
log = logging.getLogger("defgraph.serve")


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one JSON error shape of the whole API."""
    return {"error": {"code": code, "message": message}}


def _error(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path.endswith(".csv"):
        return JSONResponse(error_body(code, message), status_code=status)
    page = templates.get_template("error.html").render(status=status, code=code, message=message, request=request)
    return HTMLResponse(page, status_code=status)


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body")]
        parts.append(f"{'.'.join(where) or 'request'}: {problem.get('msg', 'invalid value')}")
    return "; ".join(parts)


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

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        return _error(request, 422, "invalid_parameter", _validation_message(error))

    @app.exception_handler(InvalidParameter)
    async def invalid_parameter(request: Request, error: InvalidParameter) -> Response:
        return _error(request, 400, "invalid_parameter", str(error))

    @app.exception_handler(DefgraphError)
    async def defgraph_error(request: Request, error: DefgraphError) -> Response:
        status = 404 if error.code in NOT_FOUND_CODES else 500
        return _error(request, status, error.code, str(error).split("] ", 1)[-1])

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        message = "no such page or endpoint" if error.status_code == 404 else str(error.detail)
        return _error(request, error.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, "internal_error", f"unexpected error ({type(error).__name__}); please report it")

    return app
