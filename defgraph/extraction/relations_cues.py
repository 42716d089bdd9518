"""Cue lexicons for relations: which words say "licence", "signed", "delivered", "talks".

Reads the regular expressions listed in ``data/relations_transfers.yaml`` and ``data/relations_events.yaml``,
writes ``Cue`` hits (label and character offsets) for one stretch of text. Each group is compiled once.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from defgraph.extraction.relations_values import load_data
from defgraph.extraction.scanning import finditer, folded


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word found in a text: its label ("signed", "lease"), offsets, and its group's rank in the file."""

    label: str
    start: int
    end: int
    rank: int = 0


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=None)
def labelled_patterns(data: str, group: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The compiled patterns of a labelled group (``statuses``), in the order the file lists them."""
    return tuple((label, _compile(patterns)) for label, patterns in load_data(data)[group].items())


@lru_cache(maxsize=None)
def pattern(data: str, group: str) -> re.Pattern[str]:
    """One compiled pattern for a plain entry of a data file: a list (``negations``) or one expression."""
    value = load_data(data)[group]
    return _compile(value if isinstance(value, list) else [value])


def find_cues(data: str, group: str, text: str) -> list[Cue]:
    """Every cue of a labelled group in ``text``, ordered by position; of two overlapping cues the one whose
    group the data file lists first is kept."""
    text_folded = folded(text)
    cues = sorted((Cue(label, m.start(), m.end(), rank)
                   for rank, (label, compiled) in enumerate(labelled_patterns(data, group))
                   for m in finditer(compiled, text, text_folded)), key=lambda c: (c.start, c.rank))
    beaten = set()
    for i, cue in enumerate(cues):  # only cues starting before this one ends can overlap it: a short window
        j = i + 1
        while j < len(cues) and cues[j].start < cue.end:
            if cues[j].rank != cue.rank:
                beaten.add(i if cues[j].rank < cue.rank else j)
            j += 1
    return [c for i, c in enumerate(cues) if i not in beaten]


def cues_within(cues: list[Cue], start: int, end: int) -> list[Cue]:
    """The cues of a whole text that lie in ``[start, end)``, with offsets counted from ``start``: the cues are
    found once per document (ordered by position, as ``find_cues`` gives them) and handed to each sentence."""
    first = bisect_left(cues, start, key=lambda c: c.start)
    last = bisect_left(cues, end, lo=first, key=lambda c: c.start)
    return [Cue(c.label, c.start - start, c.end - start, c.rank) for c in cues[first:last] if c.end <= end]


def nearest_label(cues: list[Cue], position: int) -> str | None:
    """The label of the cue starting last before ``position``, else of the first one at or after it.

    Where cues end at the same place the longer one wins.
    """
    before = [c for c in cues if c.start < position]
    if before:
        return max(before, key=lambda c: (c.end, -c.start)).label
    after = [c for c in cues if c.start >= position]
    return min(after, key=lambda c: c.start).label if after else None


def has_cue(data: str, group: str, text: str) -> bool:
    """Whether ``text`` holds any cue of a plain list group."""
    return next(finditer(pattern(data, group), text), None) is not None
