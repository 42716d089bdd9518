"""The entities component: who and what an article names, typed, with character spans.

Reads the parsed ``Doc`` (tokens, dependency parse, spaCy's statistical NER); writes
``doc._.entities``: one ``Entity`` per catalogue entry or distinct name, with its ``Mention``s, for
``linking`` to merge. Three sources of candidate spans are merged, longest first and the more
reliable source first on ties: the catalogue gazetteer (two ``PhraseMatcher``s compiled once from
``Catalogue.surface_forms()``), shape rules (weapon designations such as ``Su-57``, "<Name>
helicopters", "X Limited", "defence ministry", armed services), then NER for the rest.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from defgraph.model import Entity, Mention

DATA = Path(__file__).parent / "data" / "entities.yaml"
PREFIXES = {"Country": "country", "Person": "person", "Organization": "org", "WeaponSystem": "system",
            "Location": "place", "Event": "event"}
NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location",
             "FAC": "Location", "EVENT": "Event"}
# Source ranks: on spans of equal length the catalogue beats the rules, the rules beat NER.
CATALOGUE, RULE, NER = 3, 2, 1
_TITLE_WORD = r"[A-Z][A-Za-z]*(?:[-'&.][A-Za-z]+)*\.?"


@lru_cache(maxsize=1)
def word_lists() -> dict:
    """The word lists of ``data/entities.yaml``."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def slug(text: str) -> str:
    """``Indo-Russia Rifles Private Limited`` → ``indo-russia-rifles-private-limited``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")


def norm_key(text: str) -> str:
    """Case, space and punctuation blind key: ``Su-30 MKI`` and ``Su-30MKI`` share ``su30mki``."""
    text = re.sub(r"^(the|a|an)\s+", "", text.strip().lower())
    return re.sub(r"[^\w]+", "", re.sub(r"['’]s\b", "", text))


def new_id(entity_type: str, name: str) -> str:
    """The stable slug id of an entity the catalogue does not know: ``person:denis-alipov``."""
    return f"{PREFIXES[entity_type]}:{slug(name)}"


# -- the gazetteer ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Gazetteer:
    """The catalogue's surface forms: ``forms`` to compile, ``lookup`` by ``norm_key``, ``names`` by id."""

    forms: tuple[tuple[str, str, str, str], ...]  # (text, entity id, type, form kind)
    lookup: dict[str, tuple[str, str, str]]  # norm_key(text) → (entity id, type, form kind)
    names: dict[str, str]  # entity id → canonical name

    def find(self, text: str) -> tuple[str, str, str] | None:
        return self.lookup.get(norm_key(text))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The catalogue loaded once per process, as surface forms ready to match."""
    try:
        from defgraph.catalogue import load_catalogue
    except ImportError:  # the catalogue package is still landing; NER and shape rules work without it
        return Gazetteer((), {}, {})
    catalogue = load_catalogue()
    forms = tuple((text, entity_id, entity_type, kind)
                  for text, entity_id, entity_type, kind in catalogue.surface_forms()
                  if entity_type in PREFIXES and text.strip())
    lookup: dict[str, tuple[str, str, str]] = {}
    for text, entity_id, entity_type, kind in forms:
        lookup.setdefault(norm_key(text), (entity_id, entity_type, kind))
    names = {entity_id: entity.name for entity_id, entity in catalogue.by_id.items()}
    return Gazetteer(forms, lookup, names)


def _case_sensitive(text: str) -> bool:
    """Short and all-caps forms (``US``, ``HAL``, ``ANI``) only match as written."""
    return len(text) <= 3 or text.isupper()


# -- candidates ---------------------------------------------------------------------------------------

class Candidate(NamedTuple):
    start: int
    end: int
    type: str
    id: str | None  # a catalogue id, else None
    kind: str  # the Mention kind
    rank: int


def _designation_pattern(words: dict) -> re.Pattern:
    """``Su-57``, ``MQ-9B``, ``F/A-18``, ``Ka-226T``, ``F414``, ``Su-30 MKI``, ``Project 1135.6``."""
    return re.compile(
        r"(?<![\w/.-])(?:"
        r"(?P<code>(?:[A-Z]{1,2}/)?[A-Z][A-Za-z]{0,3}(?P<dash>-)?(?P<digits>\d{1,4})(?:\.\d)?"
        r"(?:[A-Za-z]{1,3}\d{0,2})?(?:-[A-Z]{1,2}\b)?)"
        r"(?:\s(?:MK[IM]|Mk\s?\d+[A-Z]?|Block\s\d+))?"
        r"|(?:Project|Type)\s\d{2,4}(?:\.\d+)?[A-Z]?"
        r")(?![\w-])")


def _phrase_pattern(words: dict) -> re.Pattern:
    """"<Name> [modifiers] <system noun>": ``Kamov helicopters``, ``Stryker armoured vehicles``."""
    modifiers = "|".join(re.escape(w) for w in sorted(words["system_modifiers"], key=len, reverse=True))
    nouns = "|".join(re.escape(w) for w in sorted(words["system_nouns"], key=len, reverse=True))
    name = r"[A-Z][a-z]*[A-Z]?[a-z]+(?:-[A-Z][a-z]*)?"
    return re.compile(rf"\b(?P<name>{name})\s+(?:(?:{modifiers})\s+){{0,4}}(?:{nouns})\b")


def _organisation_pattern(words: dict) -> re.Pattern:
    """Title-case words ending in an organisation head, with an "of/for/on ..." tail."""
    heads = "|".join(re.escape(w.title()) if w.islower() else re.escape(w)
                     for w in sorted(words["organisation_heads"], key=len, reverse=True))
    lower_heads = "|".join(re.escape(w) for w in words["organisation_heads_lowercase"])
    joiners = "|".join(re.escape(w) for w in words["organisation_joiners"])
    word = _TITLE_WORD
    run = rf"{word}(?:\s+(?:(?:{joiners})\s+)?{word}){{0,6}}"
    tail = rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{word}(?:\s+(?:and\s+|&\s+)?{word}){{0,5}})?"
    return re.compile(rf"\b{run}\s+(?:(?:{heads})\b{tail}|(?:{lower_heads})\b)"
                      rf"|\b(?:Ministry|Department|Office|Directorate)\s+of\s+(?:the\s+)?{word}"
                      rf"(?:\s+(?:and\s+|&\s+)?{word}){{0,5}}")


def _ministry_pattern(words: dict) -> re.Pattern:
    """``defence ministry``, ``Turkish foreign ministry``: a portfolio word before "ministry"."""
    portfolios = sorted((w for ws in words["ministry_portfolios"].values() for w in ws), key=len,
                        reverse=True)
    alternatives = "|".join(re.escape(w) for w in portfolios)
    return re.compile(rf"\b(?:(?P<owner>[A-Z][A-Za-z]+)\s+)?(?:{alternatives})\s+ministry\b", re.I)


def _service_pattern(words: dict) -> re.Pattern:
    """``Indian armed forces``, ``Pakistani navy``: a demonym or country before an armed service."""
    services = "|".join(re.escape(w) for ws in words["services"].values() for w in ws)
    return re.compile(rf"\b(?P<owner>[A-Z][A-Za-z]+)\s+(?:{services})\b(?!\s+[A-Z])")


def _bare_service_pattern(words: dict) -> re.Pattern:
    """A capitalised ``Army``, ``Navy`` or ``Air Force`` on its own names the service."""
    services = "|".join(re.escape(w.title()) for ws in words["services"].values() for w in ws
                        if w not in ("military",))
    return re.compile(rf"\b(?:{services})\b")


class EntityRecogniser:
    """The ``defgraph_entities`` component (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "defgraph_entities") -> None:
        self.name = name
        self.words = word_lists()
        self.gazetteer = gazetteer()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.form_info: dict[str, tuple[str, str, str]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        for text, entity_id, entity_type, kind in self.gazetteer.forms:
            key = f"{entity_id}|{kind}"
            self.form_info[key] = (entity_id, entity_type, kind)
            (exact if _case_sensitive(text) else folded).setdefault(key, []).append(nlp.make_doc(text))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)
        self.designation = _designation_pattern(self.words)
        self.phrase = _phrase_pattern(self.words)
        self.organisation = _organisation_pattern(self.words)
        self.ministry = _ministry_pattern(self.words)
        self.service = _service_pattern(self.words)
        self.bare_service = _bare_service_pattern(self.words)
        self.stoplist = {w.lower() for w in self.words["designation_stoplist"]}
        self.bad_prefixes = tuple(self.words["designation_prefixes"])
        self.titles = {w.lower() for w in self.words["person_titles"]}
        self.person_stopwords = {w.lower() for w in self.words["person_stopwords"]}
        self.place_prepositions = set(self.words["place_prepositions"])
        self.place_verbs = set(self.words["place_verbs"])

    def __call__(self, doc: Doc) -> Doc:
        catalogue = list(self.catalogue_candidates(doc))
        taken = _coverage(len(doc.text), (c for c in catalogue if c.type != "WeaponSystem"))
        candidates = [*catalogue, *self.rule_candidates(doc, taken), *self.ner_candidates(doc)]
        doc._.entities = group(doc, select(candidates), self.gazetteer.names)
        return doc

    # -- the catalogue --------------------------------------------------------------------------------

    def catalogue_candidates(self, doc: Doc) -> Iterator[Candidate]:
        for matcher, folded in ((self.exact, False), (self.folded, True)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                entity_id, entity_type, kind = self.form_info[doc.vocab.strings[match_id]]
                if folded and not span.text[0].isupper() and span.text[0].isalpha() \
                        and entity_type != "Organization":
                    continue  # "spike" is not the Spike missile, "cheetah" not the helicopter
                if kind == "capital" and self.is_place(span):
                    yield Candidate(span.start_char, span.end_char, "Location", None, "name", CATALOGUE)
                    continue
                yield Candidate(span.start_char, span.end_char, entity_type, entity_id, kind, CATALOGUE)

    def is_place(self, span: Span) -> bool:
        """A capital names a place, not its state, in a dateline or after "in", "at", "visited"."""
        first = span[0]
        if span.text.isupper() and (first.i == 0 or "\n" in first.nbor(-1).text):
            return True  # NEW DELHI, June 27 (PTI) -
        head = span.root.head
        if span.root.dep_ == "pobj" and head.lower_ in self.place_prepositions:
            return True
        return span.root.dep_ == "dobj" and head.lemma_ in self.place_verbs

    # -- shape rules ----------------------------------------------------------------------------------

    def rule_candidates(self, doc: Doc, taken: bytearray) -> Iterator[Candidate]:
        text = doc.text
        for match in self.designation.finditer(text):
            if self.is_designation(match):
                yield Candidate(match.start(), match.end(), "WeaponSystem", None, "name", RULE)
        for match in self.phrase.finditer(text):
            if self.is_system_name(doc, match.start("name"), match.end("name"), taken):
                yield Candidate(match.start(), match.end(), "WeaponSystem", None, "name", RULE)
        for match in self.organisation.finditer(text):
            start, end = _trim_organisation(text, match.start(), match.end(), taken)
            if end > start:
                yield Candidate(start, end, "Organization", None, "name", RULE)
        for pattern in (self.ministry, self.service):
            for match in pattern.finditer(text):
                start = match.start()
                if match.group("owner") and not self.is_country_word(match.group("owner")):
                    start = match.start("owner") + len(match.group("owner")) + 1
                    if pattern is self.service:
                        continue  # "Ukraine army" yes, "the regular army" no
                yield Candidate(start, match.end(), "Organization", None, "name", RULE)
        for match in self.bare_service.finditer(text):
            yield Candidate(match.start(), match.end(), "Organization", None, "name", RULE)

    def is_designation(self, match: re.Match) -> bool:
        code = match.group("code")
        if code is None:
            return True  # Project 1135.6, Type 054A
        if code.lower() in self.stoplist or match.group(0).lower() in self.stoplist:
            return False
        letters = re.match(r"(?:[A-Z]{1,2}/)?[A-Za-z]+", code).group(0)
        if letters.upper() in self.bad_prefixes or letters in self.bad_prefixes:
            return False
        return bool(match.group("dash")) or len(match.group("digits")) >= 3

    def is_system_name(self, doc: Doc, start: int, end: int, taken: bytearray) -> bool:
        """The name in "<Name> helicopters" is not a common word, a demonym or another entity."""
        name = doc.text[start:end]
        if name.lower() in STOP_WORDS or name.lower() in self.person_stopwords or any(taken[start:end]):
            return False
        found = self.gazetteer.find(name)
        if found and found[1] != "WeaponSystem":
            return False
        token = doc.char_span(start, end, alignment_mode="expand")
        if token is None:
            return False
        if token[0].is_sent_start and not found and token[0].lower_ in doc.vocab.strings \
                and doc.vocab[token[0].lower_].is_stop:
            return False
        return not any(t.ent_type_ in ("GPE", "NORP", "PERSON", "DATE") for t in token)

    def is_country_word(self, word: str) -> bool:
        found = self.gazetteer.find(word)
        return bool(found) and found[1] == "Country"

    # -- statistical NER ------------------------------------------------------------------------------

    def ner_candidates(self, doc: Doc) -> Iterator[Candidate]:
        for ent in doc.ents:
            entity_type = NER_TYPES.get(ent.label_)
            if entity_type is None:
                continue
            span = self.clean(ent, entity_type)
            if span is None:
                continue
            if entity_type == "Person" and not self.is_person_name(span):
                continue
            if entity_type == "Organization" and not _is_organisation_name(span):
                continue
            yield Candidate(span.start_char, span.end_char, entity_type, None, "name", NER)

    def clean(self, span: Span, entity_type: str) -> Span | None:
        """Drop determiners, titles ("Defence Minister"), owners ("India's") and a final "'s"."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].lower_ in ("the", "a", "an")
                               or (entity_type == "Person" and doc[start].lower_.rstrip(".") in self.titles)
                               or (start + 1 < end and doc[start + 1].tag_ == "POS")):
            start += 2 if start + 1 < end and doc[start + 1].tag_ == "POS" else 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        return doc[start:end] if end > start else None

    def is_person_name(self, span: Span) -> bool:
        words = [t.text for t in span if not t.is_punct]
        if not words or any(any(c.isdigit() for c in w) for w in words):
            return False
        if any(w.lower() in self.person_stopwords for w in words):
            return False
        return all(w[0].isupper() for w in words if w.lower() not in ("bin", "al", "de", "van", "von", "le"))


def _is_organisation_name(span: Span) -> bool:
    text = span.text
    return (len(text) > 1 and text[0].isupper() and not any(c.isdigit() for c in text[:3])
            and "\n" not in text)


def _trim_organisation(text: str, start: int, end: int, taken: bytearray) -> tuple[int, int]:
    """Drop leading function words ("The", "On") and a tail that runs into a known name."""
    while True:
        word = re.match(r"\S+\s+", text[start:end])
        if not word or word.group(0).strip().lower() not in STOP_WORDS:
            break
        start += word.end()
    for joint in re.finditer(r"\s+(?:and|&)\s+", text[start:end]):
        if taken[start + joint.end()]:
            return start, start + joint.start()
    return start, end


def _coverage(length: int, candidates: Iterable[Candidate]) -> bytearray:
    covered = bytearray(length + 1)
    for c in candidates:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    return covered


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then the more reliable source; a span that overlaps a chosen one is dropped."""
    chosen: list[Candidate] = []
    covered: set[int] = set()
    for c in sorted(candidates, key=lambda c: (c.start - c.end, -c.rank, c.start)):
        if covered.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            covered.update(range(c.start, c.end))
    return sorted(chosen)


def group(doc: Doc, candidates: list[Candidate], names: dict[str, str]) -> list[Entity]:
    """One ``Entity`` per catalogue id or per (type, name key), mentions in text order."""
    entities: dict[str, Entity] = {}
    for c in candidates:
        text = doc.text[c.start:c.end]
        entity_id = c.id or f"{new_id(c.type, text)}"
        entity = entities.get(entity_id)
        if entity is None:
            entity = entities[entity_id] = Entity(entity_id, c.type, names.get(entity_id, text),
                                                  in_catalogue=c.id is not None)
        entity.mentions.append(Mention(c.start, c.end, text, c.kind))
    return list(entities.values())


@Language.factory("defgraph_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.entities"])
def make_entity_recogniser(nlp: Language, name: str) -> EntityRecogniser:
    return EntityRecogniser(nlp, name)
