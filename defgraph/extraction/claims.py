"""Placeholder for the claims component until its module lands (writes an empty doc._.claims)."""
from spacy.language import Language


@Language.component("defgraph_claims")
def claims_component(doc):
    if doc._.claims is None:
        doc._.claims = []
    return doc
