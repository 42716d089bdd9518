"""Placeholder for the quotes component until its module lands (writes an empty doc._.quotes)."""
from spacy.language import Language


@Language.component("defgraph_quotes")
def quotes_component(doc):
    if doc._.quotes is None:
        doc._.quotes = []
    return doc
