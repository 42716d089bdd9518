"""What every response carries, whatever answered it, and which addresses may become links.

``Guard`` wraps the whole app (pages, API, static files and errors alike): it adds the security
headers (a Content-Security-Policy that runs only the site's own script files, no framing, no
sniffing), answers HEAD wherever GET is answered, and has an unexpected error answered (by the
app's ``on_error``: the 500 error) instead of dropping the connection. ``web_url`` keeps only
http(s) addresses: nothing else stored in an article's header ever becomes a link.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
    "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"))
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http or https address with a host, else None (``javascript:``, ``data:``...)."""
    if not url or _NOT_IN_URL.search(url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


class Guard:
    """ASGI middleware: security headers on every response, HEAD as GET without a body, and
    ``on_error``'s answer to an exception no handler took."""

    def __init__(self, app: ASGIApp, on_error: Callable[[Request, Exception], Response]) -> None:
        self.app, self.on_error = app, on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        started = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(raw=list(message.get("headers", [])))
                headers.update(SECURITY_HEADERS)
                message = {**message, "headers": headers.raw}
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, receive, guarded)
        except Exception as error:
            if started:  # part of the answer is sent: nothing better than closing it
                raise
            await self.on_error(Request(scope), error)(scope, receive, guarded)
