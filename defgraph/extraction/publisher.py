"""The publisher's side: the country an article speaks for, read from its outlet.

Reads ``doc._.article`` (the outlet line, "The White House", "President of Russia (en.kremlin.ru)") and the
catalogue's organisations; writes nothing. The turns component reads "we" in a turn of the publisher's
own office holder as this country, and the relation components take it as the article's point of view.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

ORGANIZATION = "Organization"


@lru_cache(maxsize=1)
def _catalogue():
    from defgraph.catalogue import load_catalogue

    return load_catalogue()


def _publisher(doc: Doc) -> tuple[str, str] | None:
    """The catalogue organisation that publishes the article and the country it belongs to, where the catalogue
    places the publisher by its name or its site; a wire agency that only carries the story is none."""
    article = doc._.article
    outlet = (article.outlet if article else None) or ""
    site = re.search(r"\(([\w.-]+\.[a-z]{2,})\)", outlet)
    names = [outlet, outlet.split("(")[0].strip(), *(site.group(1).split(".")[:-1] if site else [])]
    for name in filter(None, names):
        for form in _catalogue().lookup(name):
            entry = _catalogue().get(form.entity_id)
            country = getattr(entry, "country", None)
            if form.type == ORGANIZATION and country and not getattr(entry, "is_agency", None):
                return form.entity_id, country
    return None


def point_of_view(doc: Doc) -> str | None:
    """The country whose side the article speaks from: its publisher's ("The White House", "President of Russia
    (en.kremlin.ru)"); a wire agency that only carries the story takes no side."""
    publisher = _publisher(doc)
    return publisher[1] if publisher else None


def publishing_body(doc: Doc) -> str | None:
    """The organisation that publishes the article ("The White House"), None for a wire agency or an outlet the
    catalogue does not place."""
    publisher = _publisher(doc)
    return publisher[0] if publisher else None
