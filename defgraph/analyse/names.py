"""Names to entity ids: what a user types (``S400``, ``Rajnath Sing``, ``Russian Federation``) to an entity.

Reads the entities of a ``Knowledge`` (names and the texts that name them in articles) and the
catalogue's surface forms (names, aliases, demonyms); matches case- and punctuation-insensitively,
then fuzzily (rapidfuzz) for typos; an unknown name raises E205 with the closest names as suggestions.
"""
from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process

from defgraph.analyse.knowledge import Knowledge, catalogue
from defgraph.errors import InputError

TYPO_SCORE = 88  # fuzz.ratio of normalised names at or above which a typo is read as the name
SUGGEST_SCORE = 60
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """``S-400`` and ``s400`` alike: casefolded, punctuation and spaces removed."""
    return _NOT_WORD.sub("", text.casefold())


def name_index(knowledge: Knowledge, stored_only: bool = True) -> dict[str, set[str]]:
    """Normalised name → the entity ids it names, from stored names and mentions and the catalogue."""
    index: dict[str, set[str]] = defaultdict(set)
    for entity in knowledge.entities.values():
        for text in (entity.name, entity.id, *entity.aliases):
            index[normalise(text)].add(entity.id)
    for form in catalogue().surface_forms():
        if not stored_only or form.entity_id in knowledge.entities:
            index[normalise(form.text)].add(form.entity_id)
    index.pop("", None)
    return index


def _mentions(knowledge: Knowledge) -> dict[str, int]:
    if knowledge.mention_counts is not None:
        return {entity: counts[0] for entity, counts in knowledge.mention_counts.items()}
    counts: dict[str, int] = defaultdict(int)
    for mention in knowledge.mentions:
        counts[mention.entity] += 1
    return counts


def _best(ids: set[str], counts: dict[str, int]) -> str:
    """Of several entities one name stands for, the most mentioned (catalogue entries first on ties)."""
    return max(sorted(ids), key=lambda i: (counts.get(i, 0), not i.startswith(("person:", "place:"))))


def suggestions(name: str, knowledge: Knowledge, limit: int = 5) -> list[str]:
    """The names closest to ``name``, best first."""
    labels = {}
    for entity in knowledge.entities.values():
        for text in (entity.name, *entity.aliases):
            labels.setdefault(text, entity.name)
    found = process.extract(name, list(labels), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=SUGGEST_SCORE)
    return list(dict.fromkeys(labels[text] for text, _, _ in found))[:limit]


class Names:
    """Resolves names against one ``Knowledge``; builds its index once for many look-ups."""

    def __init__(self, knowledge: Knowledge, *, stored_only: bool = True, fuzzy: bool = True) -> None:
        self.knowledge, self.stored_only, self.fuzzy = knowledge, stored_only, fuzzy
        self.index = name_index(knowledge, stored_only)
        self.counts = _mentions(knowledge)

    def resolve(self, name: str, where: str = "the database") -> str:
        """The entity id ``name`` stands for; raises E205 with suggestions when nothing matches."""
        if name in self.knowledge.entities or (not self.stored_only and name in catalogue()):
            return name
        key = normalise(name)
        if key in self.index:
            return _best(self.index[key], self.counts)
        if key and self.fuzzy:
            found = process.extractOne(key, list(self.index), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
            if found:
                return _best(self.index[found[0]], self.counts)
        close = suggestions(name, self.knowledge)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise InputError("E205", name=name, path=where,
                         suggestions=hint + " List what is stored with 'defgraph search' or 'defgraph stats'.")


def resolve(name: str, knowledge: Knowledge, *, where: str = "the database") -> str:
    """The stored entity ``name`` stands for (exact, alias, catalogue form, then a typo); E205 otherwise."""
    return Names(knowledge).resolve(name, where)
