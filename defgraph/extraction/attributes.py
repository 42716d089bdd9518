"""Placeholder for the attributes component until its module lands (writes an empty doc._.attributes)."""
from spacy.language import Language


@Language.component("defgraph_attributes")
def attributes_component(doc):
    if doc._.attributes is None:
        doc._.attributes = []
    return doc
