"""The web app's errors: one JSON shape for the API, the same message on an HTML page for the pages.

Every error a visitor sees has a code of the catalogue's web range (E4xx in ``defgraph.errors``) and a
message written for the web: it names the parameter at fault, never a server path or a command to
run, and repeats at most ``ECHO`` characters of what the visitor sent. ``add_error_handlers`` turns
``WebError``s, parameters FastAPI refused, unknown addresses and an unreadable store into answers
(503, its details logged for the operator).
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from defgraph.errors import DefgraphError, StoreError
from defgraph.serve.templating import templates

ECHO = 40  # most characters of a visitor's input that a message repeats
log = logging.getLogger("defgraph.serve")


class WebError(DefgraphError):
    """An error answered with the HTTP ``status`` and the catalogue's message for ``code``."""

    def __init__(self, status: int, code: str, **fields: object) -> None:
        self.status = status
        super().__init__(code, **fields)

    @property
    def message(self) -> str:
        return str(self).removeprefix(f"[{self.code}] ")


class InvalidParameter(WebError):
    """A parameter whose value cannot be used (422); the message starts with its name."""

    def __init__(self, param: str, code: str, **fields: object) -> None:
        self.param = param
        super().__init__(422, code, param=param, **fields)


def clip(text: str) -> str:
    """What a visitor sent, cut to its first ``ECHO`` characters for a message to repeat."""
    return text if len(text) <= ECHO else text[:ECHO] + "…"


def did_you_mean(names: list[str]) -> str:
    """`` Did you mean: A, B?`` for a message's ``suggestions`` field; empty without names."""
    return f" Did you mean: {', '.join(names)}?" if names else ""


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The one JSON error shape of the whole API: ``{"error": {"code", "message"}}``."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description} for status, description in (
        (404, "No such article, entity or address"), (422, "A parameter whose value cannot be used"))}


def error_response(request: Request, error: WebError, headers: dict[str, str] | None = None) -> Response:
    """``error`` as JSON for the API and the CSV download, as an HTML page for the pages."""
    if request.url.path.startswith("/api/") or request.url.path.endswith(".csv"):
        body = ErrorBody(error=ErrorDetail(code=error.code, message=error.message))
        return JSONResponse(body.model_dump(), status_code=error.status, headers=headers)
    page = templates.get_template("error.html").render(status=error.status, code=error.code, message=error.message)
    return HTMLResponse(page, status_code=error.status, headers=headers)


def refused_parameter(error: RequestValidationError) -> InvalidParameter:
    """The first problem FastAPI found with the parameters, naming the parameter, never repeating its value."""
    problem = error.errors()[0]
    where = [part for part in problem.get("loc", ()) if isinstance(part, str) and part not in ("query", "path")]
    return InvalidParameter(".".join(where) or "request", "E410",
                            problem=str(problem.get("msg", "invalid value")).rstrip("."))


def http_error(error: HTTPException, method: str) -> WebError:
    """Starlette's own refusals (no route, a method other than GET) as web errors."""
    if error.status_code == 404:
        return WebError(404, "E403")
    if error.status_code == 405:
        return WebError(405, "E404", method=clip(method))
    return WebError(error.status_code, "E405", reason=HTTPStatus(error.status_code).phrase.lower())


def unexpected_error(request: Request, error: Exception) -> Response:
    """The 500 error for an exception no handler took (logged with its traceback)."""
    log.error("unexpected error on %s", request.url.path, exc_info=error)
    return error_response(request, WebError(500, "E430", kind=type(error).__name__))


def add_error_handlers(app: FastAPI) -> None:
    """Answer every error the routes raise in the one shape (``unexpected_error`` is ``security.Guard``'s)."""

    @app.exception_handler(WebError)
    async def web_error(request: Request, error: WebError) -> Response:
        return error_response(request, error)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        return error_response(request, refused_parameter(error))

    @app.exception_handler(HTTPException)
    async def refused_request(request: Request, error: HTTPException) -> Response:
        headers = {"Allow": "GET, HEAD"} if error.status_code == 405 else error.headers
        return error_response(request, http_error(error, request.method), headers=headers)

    @app.exception_handler(StoreError)
    async def unreadable_store(request: Request, error: StoreError) -> Response:
        log.error("cannot read the store for %s: %s", request.url.path, error)  # the details, for the operator only
        return error_response(request, WebError(503, "E431"))
