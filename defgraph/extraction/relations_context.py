"""What the relation components read around a sentence: entities named, the system referred to, dates.

Reads ``doc._.entities`` (through ``mentions``), ``doc._.dates`` and the catalogue; writes small ``Named``
records (an entity id and type at a character span) that transfers, events, claims and attributes share.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import numpy
from spacy.attrs import IDX, IS_SPACE
from spacy.tokens import Doc, Span

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.mentions import mentions_in
from defgraph.extraction.turns import in_question
from defgraph.extraction.relations_values import load_data
from defgraph.model import DateValue, TimeExpression

COUNTRY, ORGANIZATION, PERSON, SYSTEM = "Country", "Organization", "Person", "WeaponSystem"
SENTENCES = "defgraph.relations.sentences"
REPORTED = "defgraph.relations.reported_sentences"
_NEWLINE = re.compile("\n")
NAMES = "defgraph.relations.names"
REFERRING_WORDS = frozenset({"the", "these", "those", "its", "their", "more", "additional", "further"})


@dataclass(frozen=True, slots=True)
class Named:
    """An entity named (or referred to) at a stretch of the text."""

    start: int
    end: int
    text: str
    id: str
    type: str
    kind: str = "name"


def sentence_text(sent: Span) -> str:
    """A sentence's text, cut from the shared document text."""
    return doc_text(sent.doc)[sent.start_char:sent.end_char]


def sentence_names(doc: Doc, start: int, end: int) -> list[Named]:
    """The entities named between two character offsets, in text order."""
    entities = doc._.entities or []
    key = (id(entities), len(entities))  # the relation components run after every component that names
    cached = doc.user_data.get(NAMES)
    if cached is None or cached[0] != key:
        names = sorted((Named(m.start, m.end, m.text, e.id, e.type, m.kind)
                        for m, e in mentions_in(doc, 0, sys.maxsize)), key=lambda n: (n.start, n.end))
        cached = doc.user_data[NAMES] = (key, names, [n.start for n in names])
    _, names, starts = cached
    first = bisect_left(starts, start)
    return [n for n in names[first:bisect_left(starts, end, lo=first)] if n.end <= end]


@lru_cache(maxsize=1)
def _catalogue():
    from defgraph.catalogue import load_catalogue

    return load_catalogue()


def catalogue_field(entity_id: str, name: str) -> str | None:
    """A field of a catalogue entry (``origin``, ``country``, ``kind``), None when absent."""
    return getattr(_catalogue().get(entity_id), name, None)


def catalogue_entry(entity_id: str):
    """A catalogue entry, None when the catalogue does not know the id."""
    return _catalogue().get(entity_id)


def known_suppliers(system_id: str) -> frozenset[str]:
    """The countries the catalogue lets supply a system: its origin, licensees, co-producers and holders."""
    try:
        return frozenset(_catalogue().known_suppliers(system_id))
    except KeyError:
        return frozenset()


def origin_of(system_id: str) -> str | None:
    """The country a catalogue weapon system comes from."""
    return catalogue_field(system_id, "origin")


def country_of(named: Named) -> str | None:
    """The country an entity stands for: itself, or a catalogue organisation's country."""
    if named.type == COUNTRY:
        return named.id
    if named.type != ORGANIZATION or catalogue_field(named.id, "is_agency") \
            or catalogue_field(named.id, "kind") in _bystander_kinds():
        return None
    if named.id in _catalogue():
        return catalogue_field(named.id, "country")
    return _country_named_first(named.text)


@lru_cache(maxsize=1)
def _bystander_kinds() -> frozenset[str]:
    return frozenset(load_data("relations_transfers")["bystander_kinds"])


def _country_named_first(name: str) -> str | None:
    """The country an uncatalogued organisation's name starts with ("Indian armed forces" → India)."""
    first = name.split()[0].removesuffix("'s").removesuffix("’s") if name.split() else ""
    return next((f.entity_id for f in _catalogue().lookup(first) if f.type == COUNTRY), None)


def countries_named(words: Iterable[str]) -> list[str]:
    """The countries the words name, each once, in order ("U.S.", "German" → the United States, Germany)."""
    found = (next((f.entity_id for f in _catalogue().lookup(w) if f.type == COUNTRY), None) for w in words)
    return list(dict.fromkeys(f for f in found if f))


def country_counts(doc: Doc) -> Counter[str]:
    """How often the article names each country, itself or through its organisations."""
    counts: Counter[str] = Counter()
    for entity in doc._.entities or []:
        # an agency named without its country ("Development Finance Corporation") counts by its fuller mention
        name = next((m.text for m in entity.mentions if m.text.endswith(f" {entity.name}")), entity.name)
        country = country_of(Named(0, 0, name, entity.id, entity.type))
        if country:
            counts[country] += len(entity.mentions)
    return counts


def home_country(counts: Counter[str], publisher: str | None = None) -> str | None:
    """The article's point of view: the country named clearly more often than any other, or the publisher's
    country (``publisher``) where it is named nearly as often as the first (a White House fact sheet on a
    partner)."""
    ranked = counts.most_common(2)
    share = load_data("relations_transfers")["publisher_home_share"]
    if publisher and ranked and counts[publisher] >= ranked[0][1] * share:
        return publisher
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


@lru_cache(maxsize=1)
def _anaphora() -> dict[str, tuple[str, ...]]:
    return {noun: tuple(words) for noun, words in load_data("relations_transfers")["anaphora"].items()}


@lru_cache(maxsize=1)
def _civil_words() -> frozenset[str]:
    return frozenset(load_data("relations_transfers")["civil_words"])


@lru_cache(maxsize=1)
def _other_field_words() -> frozenset[str]:
    return frozenset(load_data("relations_transfers")["other_field_words"])


def _of_another_field(token) -> bool:
    """Whether a word before a generic noun makes it a system of another field ("the international security
    system", "the financial monitoring system"): no weapon system is meant."""
    return any(word.lower_ in _other_field_words() for child in token.lefts for word in child.subtree)


@lru_cache(maxsize=1)
def _anaphora_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, _anaphora())) + r")\b", re.IGNORECASE)


def category_of(system_id: str) -> str:
    """The catalogue category of a weapon system ("" when unknown)."""
    return catalogue_field(system_id, "category") or ""


def _category_says(category: str, word: str) -> bool:
    """Whether a category names its kind by ``word``: "tank" fits "light tank", not "anti-tank missile"."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", category) is not None


def referred_system(sent: Span, recent: list[Named]) -> Named | None:
    """A generic noun that points back to a system named before ("the jets", "three squadrons"): the
    latest of ``recent`` whose catalogue category fits the noun; nouns naming a kind ("the system") are
    read before nouns naming a count ("squadrons"). A noun of the civil kind ("the commercial aircraft") points
    back to no weapon system."""
    if not _anaphora_pattern().search(sentence_text(sent)):
        return None
    found = []
    parsed = sent.doc.has_annotation("DEP")  # the fast pipeline parses nothing: no word qualifies the noun
    for token in sent:
        words = _anaphora().get(token.lower_)
        if words is None or token.pos_ != "NOUN" or not parsed or not any(
                child.lower_ in REFERRING_WORDS or child.dep_ == "nummod" for child in token.children) \
                or any(child.lower_ in _civil_words() for child in token.children) or _of_another_field(token):
            continue
        fitting = [n for n in recent if not words or any(_category_says(category_of(n.id), w) for w in words)]
        if fitting:
            found.append((not words, Named(token.idx, token.idx + len(token), token.text, fitting[-1].id,
                                           SYSTEM, "anaphor")))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def remember(recent: list[Named], systems: list[Named]) -> list[Named]:
    """The systems named so far, the latest mention of each last."""
    ids = {n.id for n in systems}
    return [n for n in recent if n.id not in ids] + systems


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, cut again at line breaks (a title, a dateline, a paragraph end) and never
    inside an entity's name ("31 MQ-9B | Predator drones" stays one sentence); worked out once per doc.
    A journalist's question in a transcript states no fact: its sentences are left out."""
    bounds = doc.user_data.get(SENTENCES)
    if bounds is None:
        bounds = doc.user_data[SENTENCES] = [(start, end) for start, end in _sentences(doc)
                                             if not in_question(doc, doc[start].idx)]
    return [doc[start:end] for start, end in bounds]


def reported_sentences(doc: Doc) -> list[Span]:
    """``sentences``, and beside them what a journalist's question states rather than asks: its sentences with no
    question mark ("The ministry has said it will send the tanks to Peru. Will you match that?": the first). A deal a
    journalist reports is one the article tells of; worked out once per doc."""
    bounds = doc.user_data.get(REPORTED)
    if bounds is None:
        bounds = doc.user_data[REPORTED] = [(start, end) for start, end in _sentences(doc)
                                            if "?" not in doc[start:end].text or not in_question(doc, doc[start].idx)]
    return [doc[start:end] for start, end in bounds]


def _sentences(doc: Doc) -> Iterator[tuple[int, int]]:
    """``(start, end)`` token bounds of the sentences, worked out from token arrays (no ``Token`` per word)."""
    names = sorted((m.start, m.end) for e in doc._.entities or [] for m in e.mentions)
    name_starts = [a for a, _ in names]
    reach = list(accumulate((b for _, b in names), max))  # the furthest end among the names opened so far
    starts, spaces = doc.to_array([IDX, IS_SPACE]).T
    words = numpy.flatnonzero(spaces == 0).tolist()
    text = doc_text(doc)
    breaks = sorted(set((numpy.searchsorted(starts, [m.start() for m in _NEWLINE.finditer(text)], "right")
                         - 1).tolist()))  # the tokens with a line break in them
    start = 0
    for sent in doc.sents:
        opened = bisect_left(name_starts, sent.end_char)  # the names that start before the sentence ends
        if opened and reach[opened - 1] > sent.end_char and sent.end < len(doc):
            continue
        for i in breaks[bisect_left(breaks, start):bisect_left(breaks, sent.end)]:
            yield from _trimmed(words, start, i + 1)
            start = i + 1
        yield from _trimmed(words, start, sent.end)
        start = sent.end


def _trimmed(words: list[int], start: int, end: int) -> Iterator[tuple[int, int]]:
    """``start:end`` without its leading and trailing whitespace tokens (``words``: the others), if anything is left."""
    first, after = bisect_left(words, start), bisect_left(words, end)
    if first < after:
        yield words[first], words[after - 1] + 1


def dates_between(doc: Doc, start: int, end: int) -> list[TimeExpression]:
    """The resolved date expressions between two character offsets, in text order."""
    return [d for d in doc._.dates or [] if d.value is not None and start <= d.start and d.end <= end]


def month_grain(value: DateValue) -> DateValue:
    """A date cut to its month ("2016-09-23" → "2016-09"); coarser dates stay as they are."""
    return DateValue(value.year, value.month) if value.day is not None else value
