"""The Jinja2 environment of the pages: packaged templates, autoescape always on."""
from __future__ import annotations

from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader

templates = Environment(loader=PackageLoader("defgraph.serve", "templates"), autoescape=True,
                        trim_blocks=True, lstrip_blocks=True)


def _number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _query(params: dict, **changes: object) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


templates.filters["number"] = _number
templates.globals["query"] = _query
