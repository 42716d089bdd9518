"""Placeholder for the entities component until its module lands (writes an empty doc._.entities)."""
from spacy.language import Language


@Language.component("defgraph_entities")
def entities_component(doc):
    if doc._.entities is None:
        doc._.entities = []
    return doc
