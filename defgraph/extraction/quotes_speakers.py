"""Speakers for the quotes component: the entity a word, a phrase or a speech verb's subject stands for.

Reads the parse, ``doc._.entities`` (through ``mentions``), ``doc._.roles`` and ``doc._.turns``; writes nothing.
A pronoun is the latest person of its gender (or organisation) that spoke or was a subject; "the ministry" the
last organisation named so; "a statement from X", "a spokesman for X" the body X; a title the person the roles
component read it for. ``Context`` carries the speakers and genders found so far through one document.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from defgraph.extraction.mentions import entity_at, entity_by_id, mentions_in
from defgraph.extraction.quotes_marks import WORDS
from defgraph.model import Entity

SPEECH_VERBS = frozenset(WORDS["speech_verbs"])
ACCORDING_TO = tuple(tuple(p.split()) for p in WORDS["according_to"])
PRONOUNS: dict[str, str] = WORDS["pronouns"]
GENDER_CUES = {word: gender for gender, words in WORDS["gender_cues"].items() for word in words}
DESCRIPTORS = frozenset(WORDS["speaker_descriptors"])
STATEMENT_NOUNS = frozenset(WORDS["statement_nouns"])
SPOKESPEOPLE = frozenset(WORDS["spokespeople"])
QUOTING_VERBS = frozenset(WORDS["quoting_verbs"])
SPEAKER_TYPES = ("Person", "Organization", "Country")
SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens wholly inside the characters ``start`` to ``end``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def is_speech_verb(token: Token) -> bool:
    """Whether the token is a verb of saying (``speech_verbs`` of the vocabulary)."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def speech_verbs(doc: Doc) -> Iterator[Token]:
    """The tokens ``is_speech_verb`` takes, in order, found from the tag and lemma arrays (no ``Token`` per word)."""
    strings, tags = doc.vocab.strings, doc.to_array([POS, LEMMA])
    for i in numpy.flatnonzero(numpy.isin(tags[:, 0], (VERB, AUX))).tolist():
        if strings[int(tags[i, 1])].lower() in SPEECH_VERBS:
            yield doc[i]


def subject_of(verb: Token) -> Token | None:
    """The subject of a speech verb, found through "and", "adding" and "as" clauses when it has none."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None or verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            return subject
        verb = verb.head
    return None


@dataclass(slots=True)
class Context:
    """What attribution carries from one quotation to the next within a document."""

    doc: Doc
    text: str  # doc.text, which spaCy joins anew on every read
    paragraphs: list[tuple[int, int]]
    speakers: dict[int, Entity | None] = field(default_factory=dict)  # quotation start → speaker
    genders: dict[str, str] = field(default_factory=dict)  # entity id → "male"/"female"


def _described_by(doc: Doc, start: int, end: int) -> list[Token]:
    """The words that describe a name: the title just before it and its apposition ("X, a spokeswoman, ...")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    before = list(doc[max(0, span.start - 3):span.start])
    after: list[Token] = []
    if span.end < len(doc) and doc[span.end].text == ",":
        for token in doc[span.end + 1:span.end + 8]:
            if token.is_punct:
                break
            after.append(token)
    return before + after


def _gender(context: Context, entity: Entity) -> str | None:
    """The gender the article gives a person: a cue word by a mention, or a pronoun already read."""
    if entity.id in context.genders:
        return context.genders[entity.id]
    for mention in entity.mentions:
        for token in _described_by(context.doc, mention.start, mention.end):
            gender = GENDER_CUES.get(token.lower_.rstrip("."))
            if gender:
                context.genders[entity.id] = gender
                return gender
    return None


def _in_subject_position(doc: Doc, start: int, end: int) -> bool:
    for token in tokens_between(doc, start, end):
        if token.dep_ in SUBJECTS or (token.dep_ == "appos" and token.head.dep_ in SUBJECTS):
            return True
    return False


def _pronoun_speaker(context: Context, pronoun: Token, paragraph: int) -> Entity | None:
    """ "you" in a transcript: the speaker addressed; "he"/"she": the most recent person of that gender who
    was a subject or a speaker, in this paragraph or the one before; "it": the most recent organisation that spoke or was a subject there
    ("The Kremlin issued a statement. "...," it said."), else the last one that spoke."""
    kind = PRONOUNS.get(pronoun.lower_)
    doc = context.doc
    if kind is None:
        return None
    if kind == "addressee":
        return _addressee(doc, pronoun.idx)
    spoken = [s for s in context.speakers.values() if s is not None]
    wanted = "Organization" if kind == "organisation" else "Person"
    window = context.paragraphs[max(0, paragraph - 1)][0]
    latest: dict[str, tuple[int, Entity]] = {}  # who was a subject or a speaker, by last mention
    for mention, entity in mentions_in(doc, window, pronoun.idx):
        if entity.type == wanted and (entity in spoken or _in_subject_position(doc, mention.start, mention.end)):
            latest[entity.id] = (mention.end, entity)
    if kind == "organisation":
        nearest = max(latest.values(), key=lambda item: item[0], default=(0, None))[1]
        return nearest or next((s for s in reversed(spoken) if s.type == "Organization"), None)
    ranked = [entity for _, entity in sorted(latest.values(), key=lambda item: item[0], reverse=True)]
    compatible = [entity for entity in ranked if _gender(context, entity) in (None, kind)]
    if not compatible:
        return None  # nobody was speaking or doing: "he" may be someone the article has not named
    entity = compatible[0]
    context.genders[entity.id] = kind
    return entity


def _addressee(doc: Doc, char: int) -> Entity | None:
    """Whom a named speaker's "you" addresses: the one other named speaker of the transcript."""
    turn = next((t for t in doc._.turns or [] if t.start <= char < t.end), None)
    if turn is None or turn.speaker is None:
        return None
    others = {t.speaker for t in doc._.turns if t.speaker is not None and t.speaker != turn.speaker}
    return entity_by_id(doc, others.pop()) if len(others) == 1 else None


def token_entity(context: Context, token: Token, paragraph: int) -> Entity | None:
    """The speaker a subject word stands for: a pronoun, the entity named there, or a person in apposition."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":  # "Sokolov, who said: ..."
        token = token.head.head
    if token.pos_ == "PRON":
        return _pronoun_speaker(context, token, paragraph)
    doc = context.doc
    entity = entity_at(doc, token.idx, token.idx + len(token))
    if entity is not None and entity.type in SPEAKER_TYPES:
        return entity
    holder = _title_holder(doc, token)
    if holder is not None:
        return holder
    if token.lower_ in STATEMENT_NOUNS:
        return _issuer(context, token, paragraph)
    if token.lower_ in SPOKESPEOPLE and not _names_a_person(doc, token):
        body = _issuer(context, token, paragraph)  # "a spokesman for the ministry said": the body speaks
        return body if body is not None and body.type != "Person" else None
    if token.lower_ in DESCRIPTORS and any(c.lower_ == "the" for c in token.children):
        return _descriptor_speaker(context, token, paragraph)
    for child in token.children:
        if child.dep_ == "appos":
            subtree = list(child.subtree)
            people = [e for _, e in mentions_in(doc, subtree[0].idx, subtree[-1].idx + len(subtree[-1]))
                      if e.type == "Person"]
            if people:
                return people[0]
    return None


def _issuer(context: Context, statement: Token, paragraph: int) -> Entity | None:
    """Who issued a statement that speaks, or whom a spokesperson speaks for: "a statement from the
    ministry", "the company's statement", "a Kremlin statement", "Dassault's spokesman"; nobody named,
    no speaker."""
    for child in statement.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of", "for"):
            owner = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ in ("poss", "compound"):
            owner = child
        else:
            continue
        if owner is not None:
            entity = token_entity(context, owner, paragraph)
            if entity is not None:
                return entity
    return None


def _names_a_person(doc: Doc, token: Token) -> bool:
    subtree = list(token.subtree)
    return any(e.type == "Person" for _, e in mentions_in(doc, subtree[0].idx, subtree[-1].idx + len(subtree[-1])))


def _title_holder(doc: Doc, token: Token) -> Entity | None:
    """The person a title phrase names, when the word is that title: "a spokeswoman for the ministry,
    X, said" (the roles component has read the phrase, whatever the parse attached the name to)."""
    for role in doc._.roles or []:
        if role.evidence.start <= token.idx < role.evidence.end:
            return entity_by_id(doc, role.person)
    return None


def _descriptor_speaker(context: Context, token: Token, paragraph: int) -> Entity | None:
    """ "the ministry", "the company": the last organisation named with that word, else the last one
    that spoke in this paragraph or the two before."""
    doc, noun = context.doc, token.lower_
    earlier = [e for _, e in mentions_in(doc, 0, token.idx) if e.type == "Organization"]
    named = [e for e in earlier if any(noun in m.text.lower().split() for m in e.mentions)]
    if named:
        return named[-1]
    window = context.paragraphs[max(0, paragraph - 2)][0]
    spoke = [e for e in earlier if e in context.speakers.values()]
    for verb in tokens_between(doc, window, token.idx):
        subject = subject_of(verb) if is_speech_verb(verb) else None
        entity = entity_at(doc, subject.idx, subject.idx + len(subject)) if subject is not None else None
        if entity is not None and entity.type == "Organization":
            spoke.append(entity)
    return spoke[-1] if spoke else None


def phrase_speaker(context: Context, phrase: list[Token], paragraph: int) -> Entity | None:
    """The speaker a phrase names: its head word's entity, else its one person."""
    if not phrase:
        return None
    inside = {t.i for t in phrase}
    heads = [t for t in phrase if t.head.i not in inside or t.head.i == t.i]
    for head in heads:
        if head.pos_ in ("NOUN", "PROPN", "PRON"):
            entity = token_entity(context, head, paragraph)
            if entity is not None:
                return entity
            break
    people = {e.id: e for _, e in mentions_in(context.doc, phrase[0].idx, phrase[-1].idx + len(phrase[-1]))
              if e.type == "Person"}
    return next(iter(people.values())) if len(people) == 1 else None


def verb_speaker(context: Context, verb: Token, window: list[Token], paragraph: int) -> Entity | None:
    """The speaker of a speech verb: its subject when the parse gives one in the window, else the words
    before the verb ("Navy spokeswoman Ilse Varga said") or after it ("said Tomas Berg")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # "he was asked": the subject heard the words
    quoting = verb.head.head if verb.head.lower_ == "as" else None
    if quoting is not None and quoting.lemma_.lower() in QUOTING_VERBS:  # "Interfax quoted X as saying"
        quoted = next((c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return token_entity(context, quoted, paragraph) if quoted is not None else None
    inside = {t.i for t in window}
    subject = subject_of(verb)
    if subject is not None and (subject.i in inside or verb.i not in inside):
        return token_entity(context, subject, paragraph)
    before = [t for t in window if t.i < verb.i and not t.is_punct]
    if before:
        return phrase_speaker(context, before, paragraph)
    after = []
    for token in window:
        if token.i <= verb.i:
            continue
        if token.pos_ == "ADP" and not after:  # "said in a statement"
            break
        after.append(token)
    return phrase_speaker(context, after, paragraph)


def according_to(context: Context, window: list[Token], paragraph: int) -> Entity | None:
    """The speaker an "according to X" in the window names."""
    lowered = [t.lower_ for t in window]
    for phrase in ACCORDING_TO:
        for i in range(len(lowered) - len(phrase) + 1):
            if tuple(lowered[i:i + len(phrase)]) == phrase:
                rest = []
                for token in window[i + len(phrase):]:
                    if token.is_punct:
                        break
                    rest.append(token)
                return phrase_speaker(context, rest, paragraph)
    return None
