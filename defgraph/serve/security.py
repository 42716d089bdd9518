"""Which addresses may become links: ``web_url`` keeps only http(s) addresses, so nothing else stored
in an article's header (``javascript:``, ``data:``...) ever becomes a link on a page or in the API.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http or https address with a host, else None (``javascript:``, ``data:``...)."""
    if not url or _NOT_IN_URL.search(url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
