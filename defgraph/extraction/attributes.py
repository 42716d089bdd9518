"""The attributes component: properties an article asserts about an entity (speed class, in-service year...).

Reads each sentence with the entities named in it (``relations_context``) and the attribute patterns of
``data/relations_attributes.yaml``; writes ``doc._.attributes``: one ``Attribute`` per entity, property and
value, its evidence the words matched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from defgraph.extraction.relations_context import Named, sentence_names, sentence_text, sentences
from defgraph.extraction.relations_values import load_data
from defgraph.model import Attribute, Span

DATA = "relations_attributes"


@dataclass(frozen=True, slots=True)
class AttributeRule:
    """One property, the entity types it describes and the pattern that reads its value."""

    name: str
    types: frozenset[str]
    pattern: re.Pattern[str]
    adjacent: bool = False


@lru_cache(maxsize=1)
def rules() -> tuple[AttributeRule, ...]:
    """The attribute rules of the data file, compiled."""
    return tuple(AttributeRule(r["name"], frozenset(r["types"]),
                               re.compile(r["pattern"], 0 if r.get("case_sensitive") else re.IGNORECASE),
                               r.get("adjacent", False))
                 for r in load_data(DATA)["attributes"])


ADJACENT_GAP = re.compile(r"(?:\s+(?:is|was|are|a|an|the|[\w-]+)){0,4}\s+$")


def _described(names: list[Named], types: frozenset[str], start: int, end: int) -> Named | None:
    """The entity of the right type named nearest a match: the last one before it, else the first after."""
    candidates = [n for n in names if n.type in types and not (n.start < end and start < n.end)]
    before = [n for n in candidates if n.end <= start]
    if before:
        return before[-1]
    return next((n for n in candidates if n.start >= end), None)


def sentence_attributes(text: str, offset: int, names: list[Named]) -> list[Attribute]:
    """The attributes one sentence asserts (``offset``: where ``text`` starts in the article)."""
    found = []
    types = {n.type for n in names}
    for rule in rules():
        if types.isdisjoint(rule.types):  # nothing here it could describe
            continue
        for match in rule.pattern.finditer(text):
            entity = _described(names, rule.types, offset + match.start("value"), offset + match.end("value"))
            if entity is not None and rule.adjacent and not (
                    entity.end <= offset + match.start() and ADJACENT_GAP.match(text, entity.end - offset, match.start())):
                entity = None
            if entity is not None:
                evidence = Span(offset + match.start(), offset + match.end(), match.group(0))
                found.append(Attribute(entity.id, rule.name, match["value"].strip().lower()
                                       if rule.pattern.flags & re.IGNORECASE else match["value"].strip(), evidence))
    return found


def doc_attributes(doc: Doc) -> list[Attribute]:
    """Every attribute the article asserts, once per (entity, attribute, value)."""
    seen: dict[tuple[str, str, str], Attribute] = {}
    for sent in sentences(doc):
        names = sentence_names(doc, sent.start_char, sent.end_char)
        for attribute in sentence_attributes(sentence_text(sent), sent.start_char, names):
            seen.setdefault((attribute.entity, attribute.attribute, attribute.value), attribute)
    return list(seen.values())


@Language.component("defgraph_attributes", requires=["doc._.entities"], assigns=["doc._.attributes"])
def attributes_component(doc: Doc) -> Doc:
    doc._.attributes = doc_attributes(doc)
    return doc
