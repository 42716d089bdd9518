"""Placeholder for the roles component until its module lands (writes an empty doc._.roles)."""
from spacy.language import Language


@Language.component("defgraph_roles")
def roles_component(doc):
    if doc._.roles is None:
        doc._.roles = []
    return doc
