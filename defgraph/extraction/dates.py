"""Placeholder for the dates component until its module lands (writes an empty doc._.dates)."""
from spacy.language import Language


@Language.component("defgraph_dates")
def dates_component(doc):
    if doc._.dates is None:
        doc._.dates = []
    return doc
