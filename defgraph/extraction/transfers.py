"""Placeholder for the transfers component until its module lands (writes an empty doc._.transfers)."""
from spacy.language import Language


@Language.component("defgraph_transfers")
def transfers_component(doc):
    if doc._.transfers is None:
        doc._.transfers = []
    return doc
