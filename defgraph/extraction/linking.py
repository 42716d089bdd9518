"""Placeholder for the linking component until its module lands (writes an empty doc._.entities)."""
from spacy.language import Language


@Language.component("defgraph_linking")
def linking_component(doc):
    if doc._.entities is None:
        doc._.entities = []
    return doc
