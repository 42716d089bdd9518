"""The items the linking component works on, and the word helpers its parts share.

An ``Item`` is one mention and the entity it is currently linked to; every step of ``linking.Linker`` and its
mixins (``linking_people``, ``linking_bodies``, ``linking_variants``) moves items between entities, and
``section_linking`` reuses them. The helpers split a name into words (``word_tokens``, ``name_tokens``), find a
run of words in another (``contains``), take a word's singular, a name's initials, and tell an acronym.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from defgraph.model import Mention

INITIAL_SKIP = {"of", "for", "and", "on", "the", "&", "in", "de"}


@dataclass(slots=True)
class Item:
    """One mention and the entity it is currently linked to."""

    mention: Mention
    type: str
    id: str
    in_catalogue: bool


_WORD = re.compile(r"[\w.'-]+")


def word_tokens(text: str) -> list[str]:
    """A text's words, keeping dots, apostrophes and hyphens inside them (``U.S.``, ``Su-30MKI``)."""
    return _WORD.findall(text)


def initials(name: str, skip: frozenset[str] | set[str] = frozenset(INITIAL_SKIP)) -> str:
    """``Kestrel Dynamics Private Limited`` → ``KDPL``: first letters of the words not in ``skip``."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in skip]
    return "".join(w[0] for w in words).upper()


def is_acronym(text: str) -> bool:
    """Whether a word is written as an acronym: 2 to 10 letters, all capitals but at most one (``NATO``, ``DoD``)."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= len(letters) - 1


def name_tokens(text: str) -> list[str]:
    """A name's words, case-blind and without an Arabic article: ``Bashar al-Assad`` → ``bashar``, ``assad``."""
    return [re.sub(r"^(?:al|el|ad|as|ash)-(?=\w)", "", t.lower()) for t in word_tokens(text)]


def singular_word(word: str) -> str:
    """A word without a plural ``s`` (``forces`` → ``force``; not ``press``, nor a word of three letters)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def contains(tokens: list[str], part: list[str]) -> bool:
    """Whether ``part`` stands in ``tokens`` as a run of consecutive words."""
    size = len(part)
    return any(tokens[i:i + size] == part for i in range(len(tokens) - size + 1))
