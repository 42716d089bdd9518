"""The article as ingestion hands it to extraction and to the store."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from defgraph.model.values import DateValue


@dataclass(slots=True)
class Article:
    """One news article.

    ``text`` is the canonical document text that extraction reads and every evidence span points
    into: the title line, a blank line and the body when the source gives a title apart from the body.
    """

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: DateValue | None = None
    published_note: str | None = None  # how the date was read: "header 'published'", "dateline ..., year from ..."
    agencies: list[str] = field(default_factory=list)
    source: str | None = None  # path (and line or record) the article was read from
    name: str | None = None  # file name the gold format uses as "doc"
    notes: list[str] = field(default_factory=list)  # what reading repaired: "3 bytes not UTF-8 ... read as cp1252"

    @property
    def content_hash(self) -> str:
        """SHA-256 of the whitespace-normalised text: the article's identity."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()
