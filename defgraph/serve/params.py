"""The parameters the routes take, declared once for the API and the pages, each with its bounds.

Every text parameter has a length cap (``MAX_NAME`` for names and filters, ``MAX_QUERY`` for a search):
a longer value is refused with 422 before any work is done on it. Names are resolved, dates checked
against the calendar, by ``browse``, which says which parameter was wrong and why.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Path, Query

from defgraph.model.facts import DEAL_TYPES, ENTITY_TYPES, EVENT_TYPES, STATUSES

MAX_ID = 2**63 - 1  # the largest row id a database holds
MAX_NAME = 200  # longest entity id, name, outlet or filter text accepted
MAX_QUERY = 500  # longest search query accepted
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # the shape of a date at any grain; browse checks the calendar


def _text(description: str, max_length: int = MAX_NAME, **schema: str) -> object:
    return Query(max_length=max_length, description=description, json_schema_extra=schema or None)


EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
DealType = Literal[DEAL_TYPES]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
ConflictKind = Literal["attribute", "transfer", "claim"]
GraphType = Literal["Country", "Organization", "WeaponSystem"]

DocId = Annotated[int, Path(ge=1, le=MAX_ID, description="A document id.")]
EntityId = Annotated[str, Path(min_length=1, max_length=MAX_NAME, description="An entity id, e.g. country:india.")]
SearchQuery = Annotated[str | None, _text('Words; AND, OR, NOT, "phrases".', MAX_QUERY)]
Words = Annotated[str | None, _text("Part of a name, alias or quotation.")]
Outlet = Annotated[str | None, _text("An outlet's name, any case.")]
Entity = Annotated[str | None, _text("An entity id or name, e.g. S-400, India, country:india.")]
Country = Annotated[str | None, _text("A country id or name, e.g. India.")]
Party = Annotated[str | None, _text("A country or organisation id or name, e.g. Russia.")]
System = Annotated[str | None, _text("A weapon system id or name, e.g. S-400.")]
Speaker = Annotated[str | None, _text("A person, organisation or country id or name.")]
Date = Annotated[str | None, _text("A calendar date at any grain: YYYY, YYYY-MM or YYYY-MM-DD.",
                                   pattern=DATE_PATTERN)]
DocumentFilter = Annotated[int | None, Query(ge=1, le=MAX_ID, description="A document id.")]
EveryDeal = Annotated[bool, Query(alias="all", description="Every deal however unsure, with its confidence; by "
                                  "default only deals believed at 0.8 or more (each independent story's best reading "
                                  "counts), that the catalogue allows.")]


@dataclass
class Paging:
    limit: int = Query(50, ge=1, le=500, description="Most items to return.")
    offset: int = Query(0, ge=0, le=MAX_ID, description="Items to skip.")
