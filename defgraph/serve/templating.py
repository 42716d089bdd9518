"""The Jinja2 environment of the pages: packaged templates, autoescape always on, and ``web_url`` the one
filter an outside address passes through before it becomes a link."""
from __future__ import annotations

from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader

from defgraph.serve.security import web_url

templates = Environment(loader=PackageLoader("defgraph.serve", "templates"), autoescape=True,
                        trim_blocks=True, lstrip_blocks=True)


def _number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _money(value: float | None, currency: str | None = None) -> str:
    """``USD 5.43 bn``, ``EUR 375 m``: a deal value as people write it."""
    if value is None:
        return ""
    for size, unit in ((1e9, " bn"), (1e6, " m")):
        if abs(value) >= size:
            return f"{currency or ''} {value / size:,.3g}{unit}".strip()
    return f"{currency or ''} {value:,.0f}".strip()


def _query(params: dict, **changes: object) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


templates.filters["number"] = _number
templates.filters["money"] = _money
templates.filters["web_url"] = web_url
templates.globals["query"] = _query
