"""spaCy's ``attribute_ruler`` matched once per distinct word instead of once per token.

Reads and writes what the ``attribute_ruler`` of ``en_core_web_sm`` does (``pos``, ``morph``, some
``lemma``); ``build_nlp`` installs ``fast_matching`` on it. The ruler runs its 179 ``Matcher`` patterns
over every token, most of them one token long, testing only the word (``LOWER``), its tag, its
dependency label and whether it is a space. Those one-token patterns match a token as they match any
other token with the same four values, so their matches are looked up per such quadruple, worked out
on first sight and remembered for the process; the few longer patterns still run through a ``Matcher``.
The matches, sorted as the ruler sorts them, are set token by token as the ruler sets them (without
making a ``Span`` per match): the output is the ruler's, to the byte.
"""
from __future__ import annotations

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

try:  # spaCy's own setter, private: a spaCy without it keeps the ruler as it is
    from spacy.tokens._retokenize import set_token_attrs
except ImportError:  # pragma: no cover - depends on the installed spaCy
    set_token_attrs = None

_READS = {"LOWER", "TAG", "DEP", "IS_SPACE"}  # what a one-token pattern may test to be looked up
MAX_REMEMBERED = 500_000  # distinct (word, tag, label, space) seen: past this the memory starts again


class _Match:
    """``AttributeRuler.match`` with the one-token patterns' matches looked up per (word, tag, label, space)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.single = Matcher(ruler.vocab)
        self.longer = Matcher(ruler.vocab)
        for number, pattern in enumerate(ruler.patterns):  # the ruler's keys: each pattern's number
            one_token = all(len(p) == 1 and set(p[0]) <= _READS for p in pattern["patterns"])
            (self.single if one_token else self.longer).add(str(number), pattern["patterns"])
        self.known: dict[tuple[int, int, int, int], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        matches = [(int(self.strings[m_id]), m_id, start, end)
                   for m_id, start, end in self.longer(doc, allow_missing=True, as_spans=False)]
        known = self.known
        if len(known) > MAX_REMEMBERED:
            known.clear()
        for i, row in enumerate(map(tuple, doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist())):
            found = known.get(row)
            if found is None:
                found = known[row] = tuple((int(self.strings[m_id]), m_id) for m_id, _, _ in
                                           self.single(doc[i:i + 1], allow_missing=True, as_spans=False))
            matches.extend((attr_id, m_id, i, i + 1) for attr_id, m_id in found)
        matches.sort()
        return matches


class _Annotate:
    """``AttributeRuler.set_annotations`` without a ``Span`` per match (the ruler's own for a bad index)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.original = ruler.set_annotations

    def __call__(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        attrs, indices = self.ruler.attrs, self.ruler.indices
        if any(not -(end - start) <= indices[attr_id] < end - start for attr_id, _, start, end in matches):
            return self.original(doc, matches)  # raises the ruler's error
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            set_token_attrs(doc[start + index if index >= 0 else end + index], attrs[attr_id])


def fast_matching(ruler: AttributeRuler) -> None:
    """Make ``ruler`` find its matches per distinct word and set them without spans (its output unchanged);
    with a spaCy that lacks the private setter it needs, the ruler stays as it is."""
    if set_token_attrs is None:
        return
    ruler.match = _Match(ruler)
    ruler.set_annotations = _Annotate(ruler)
