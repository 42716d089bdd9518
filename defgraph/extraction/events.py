"""Placeholder for the events component until its module lands (writes an empty doc._.events)."""
from spacy.language import Language


@Language.component("defgraph_events")
def events_component(doc):
    if doc._.events is None:
        doc._.events = []
    return doc
