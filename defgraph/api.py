"""The public library API: what the CLI, the web app and the batch runner call.

>>> import defgraph
>>> result = defgraph.extract("NEW DELHI, June 27 (PTI) - India and Russia ...")
>>> [e.name for e in result.entities]
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from defgraph.model import Article, DateValue, Extraction


def _published(value: str | dt.date | DateValue | None) -> DateValue | None:
    if value is None or isinstance(value, DateValue):
        return value
    if isinstance(value, dt.date):
        return DateValue.from_date(value)
    return DateValue.parse(value)


def extract(text: str, *, published: str | dt.date | DateValue | None = None, title: str | None = None,
            outlet: str | None = None) -> Extraction:
    """Read one article's text and return what it says: entities, roles, quotes, facts, evidence.

    ``published`` fixes the publication date that relative dates are resolved against; without it the
    date is read from the text (a ``date YYYY-MM-DD`` line, a header block or the dateline).
    """
    from defgraph.ingestion.readers import article_from_text

    article = article_from_text(text, source="<text>")
    if title is not None:
        article.title = title
    if outlet is not None:
        article.outlet = outlet
    if published is not None:
        article.published = _published(published)
    return next(extract_many([article]))


def extract_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
    """Extract a stream of articles in batches; yields one ``Extraction`` per article, in order."""
    from defgraph.extraction.pipeline import extract_articles

    return extract_articles(articles, batch_size=batch_size)
