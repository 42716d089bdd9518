"""The ``defgraph_confidence`` pipeline component: each fact's calibrated probability of being right.

Reads every fact the extraction components wrote on the ``Doc`` (``doc._.entities`` … ``doc._.attributes``);
sets each one's ``confidence`` from its family's shipped model (none when the family has no model yet),
entities first (an event's features read how far its participants are believed), and keeps the features
in ``doc.user_data`` for training (``FEATURES``).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from defgraph.confidence.features import FAMILY_FEATURES
from defgraph.confidence.model import load_model

FEATURES = "defgraph.features"
EXTENSIONS = {"entities": "entities", "transfers": "transfers", "quotes": "quotes", "roles": "roles",
              "events": "events", "claims": "claims", "attributes": "attributes"}


def scored_facts(doc: Doc, family: str) -> list:
    """The facts of a family in the order the gold output lists them (entities: those the text names)."""
    facts = list(getattr(doc._, EXTENSIONS[family]) or [])
    return [e for e in facts if e.is_named] if family == "entities" else facts


@Language.component("defgraph_confidence", requires=["doc._.entities", "doc._.transfers"], assigns=[])
def confidence_component(doc: Doc) -> Doc:
    features: dict[str, list[dict[str, float]]] = {}
    for family, featurise in FAMILY_FEATURES.items():
        model = load_model(family)
        facts = scored_facts(doc, family)
        features[family] = [featurise(doc, fact) for fact in facts]
        for fact, fact_features in zip(facts, features[family]):
            fact.confidence = model.probability(fact_features) if model is not None else None
    doc.user_data[FEATURES] = features
    return doc
