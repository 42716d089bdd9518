"""Quotes: direct quotations with their speakers, and the reported speech of people not quoted.

Reads the text, the parse and ``doc._.entities`` (through ``mentions``); writes ``doc._.quotes``, a list
of ``Quote``. Quotation marks are paired by ``quotes_marks``; names and titles in quotation marks
('Iron Dome', 'Make in India') and a term in marks before its noun (a 'kamikaze' attack) are not
quotations; a fragment quoted inside the reporter's sentence is ``partial``. The speaker is the entity of
the attribution ("X said", "said X, a spokesperson", "a spokeswoman for Y, X, said", "she added",
"according to X", "the agency said on its website", "a statement from the ministry said", "a spokesman
for the ministry said", "She was blunt: "...""; the dot of an abbreviated rank or form of address before a
name, "said Col. X", ends no sentence), else the speaker of the paragraph's or the previous
paragraph's quotation, else, in a document an office issues, its issuers (those "Statement from ..."
names, the outlet of a readout or joint statement); a quotation whose speaker is not clear gets none, a
fragment without a speaker is dropped. A quoted sentence its attribution interrupts (""We will," he said,
"deliver on time."") is one quote; a new sentence after the attribution is a quote of its own. A statement set off in paragraphs of its own after "X said:" whose
quotation marks the plain text lost (government releases) is one direct quote of X. Reported speech ("X said that ...") is kept, ``direct=False``, only for a
named person the article does not quote directly. In a transcript each named speaker's turn (``turns``)
is one direct quote; a quotation inside a turn is kept only when it is someone else's, and what a
journalist's question reports ("Q ... the minister said that ...") is nobody's statement. The vocabulary is
data: ``data/quotes_words.yaml``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.mentions import entity_at, entity_by_id, mentions_in
from defgraph.extraction.quotes_marks import (
    QUOTE_MARK, WORDS, Quotation, find_quotations, is_partial, is_title, paragraphs_of,
)
from defgraph.extraction.roles_vocabulary import load_vocabulary
from defgraph.extraction.turns import in_question
from defgraph.model import Entity, Quote, Span

SPEECH_VERBS = frozenset(WORDS["speech_verbs"])
ACCORDING_TO = tuple(tuple(p.split()) for p in WORDS["according_to"])
PRONOUNS: dict[str, str] = WORDS["pronouns"]
GENDER_CUES = {word: gender for gender, words in WORDS["gender_cues"].items() for word in words}
DESCRIPTORS = frozenset(WORDS["speaker_descriptors"])
FRAMING_VERBS = frozenset(WORDS["framing_verbs"])
STATEMENT_NOUNS = frozenset(WORDS["statement_nouns"])
SPOKESPEOPLE = frozenset(WORDS["spokespeople"])
QUOTING_VERBS = frozenset(WORDS["quoting_verbs"])
MIN_REPORTED_WORDS: int = WORDS["min_reported_words"]
NAME_BESIDE_COLON_WORDS: int = WORDS["name_beside_colon_words"]
MIN_TURN_WORDS = 4  # "Thank you.", "Yes, sir." are courtesies, not statements
SPEAKER_TYPES = ("Person", "Organization", "Country")
SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})

_TERMINATOR = re.compile(r"[.!?](?=[\"”’']?(?:\s|$))")
ISSUED_BY_NAMED = tuple(re.compile(p, re.IGNORECASE) for p in WORDS["issued_by_named"])
ISSUED_BY_OUTLET = tuple(re.compile(p, re.IGNORECASE) for p in WORDS["issued_by_outlet"])
_TITLE_LINKS = frozenset({"and", "of", "the", "for", "&"})


# -- attribution ------------------------------------------------------------------------------------------------

def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def _speech_verbs(doc: Doc) -> Iterator[Token]:
    """The tokens ``_is_speech_verb`` takes, in order, found from the tag and lemma arrays (no ``Token`` per word)."""
    strings, tags = doc.vocab.strings, doc.to_array([POS, LEMMA])
    for i in numpy.flatnonzero(numpy.isin(tags[:, 0], (VERB, AUX))).tolist():
        if strings[int(tags[i, 1])].lower() in SPEECH_VERBS:
            yield doc[i]


def _subject(verb: Token) -> Token | None:
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
    for token in _tokens(doc, start, end):
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


def _token_entity(context: Context, token: Token, paragraph: int) -> Entity | None:
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
            entity = _token_entity(context, owner, paragraph)
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
    for verb in _tokens(doc, window, token.idx):
        subject = _subject(verb) if _is_speech_verb(verb) else None
        entity = entity_at(doc, subject.idx, subject.idx + len(subject)) if subject is not None else None
        if entity is not None and entity.type == "Organization":
            spoke.append(entity)
    return spoke[-1] if spoke else None


def _phrase_speaker(context: Context, phrase: list[Token], paragraph: int) -> Entity | None:
    """The speaker a phrase names: its head word's entity, else its one person."""
    if not phrase:
        return None
    inside = {t.i for t in phrase}
    heads = [t for t in phrase if t.head.i not in inside or t.head.i == t.i]
    for head in heads:
        if head.pos_ in ("NOUN", "PROPN", "PRON"):
            entity = _token_entity(context, head, paragraph)
            if entity is not None:
                return entity
            break
    people = {e.id: e for _, e in mentions_in(context.doc, phrase[0].idx, phrase[-1].idx + len(phrase[-1]))
              if e.type == "Person"}
    return next(iter(people.values())) if len(people) == 1 else None


def _verb_speaker(context: Context, verb: Token, window: list[Token], paragraph: int) -> Entity | None:
    """The speaker of a speech verb: its subject when the parse gives one in the window, else the words
    before the verb ("Navy spokeswoman Ilse Varga said") or after it ("said Tomas Berg")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # "he was asked": the subject heard the words
    quoting = verb.head.head if verb.head.lower_ == "as" else None
    if quoting is not None and quoting.lemma_.lower() in QUOTING_VERBS:  # "Interfax quoted X as saying"
        quoted = next((c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return _token_entity(context, quoted, paragraph) if quoted is not None else None
    inside = {t.i for t in window}
    subject = _subject(verb)
    if subject is not None and (subject.i in inside or verb.i not in inside):
        return _token_entity(context, subject, paragraph)
    before = [t for t in window if t.i < verb.i and not t.is_punct]
    if before:
        return _phrase_speaker(context, before, paragraph)
    after = []
    for token in window:
        if token.i <= verb.i:
            continue
        if token.pos_ == "ADP" and not after:  # "said in a statement"
            break
        after.append(token)
    return _phrase_speaker(context, after, paragraph)


def _according_to(context: Context, window: list[Token], paragraph: int) -> Entity | None:
    lowered = [t.lower_ for t in window]
    for phrase in ACCORDING_TO:
        for i in range(len(lowered) - len(phrase) + 1):
            if tuple(lowered[i:i + len(phrase)]) == phrase:
                rest = []
                for token in window[i + len(phrase):]:
                    if token.is_punct:
                        break
                    rest.append(token)
                return _phrase_speaker(context, rest, paragraph)
    return None


@lru_cache(maxsize=1)
def _title_abbreviations() -> frozenset[str]:
    """The abbreviated ranks and forms of address of the roles vocabulary ("col", "lt", "dr"), lower case,
    without their dots: their dot does not end a sentence when a name follows ("said Col. X")."""
    vocab = load_vocabulary()
    forms = [rank.text for rank in vocab.ranks] + list(vocab.honorifics)
    return frozenset(word[:-1].lower() for form in forms for word in form.split() if word.endswith("."))


_WORD_BEFORE_DOT = re.compile(r"([A-Za-z]+)\.$")


def _terminators(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The sentence ends between ``start`` and ``end``: not the dot of a title abbreviation before a name."""
    for match in _TERMINATOR.finditer(text, start, end):
        word = _WORD_BEFORE_DOT.search(text, max(0, match.start() - 12), match.end())
        after = text[match.end():match.end() + 2]
        if word and word.group(1).lower() in _title_abbreviations() and after[:1] == " " and after[1:].isupper():
            continue
        yield match


def _sentence_end(text: str, pos: int, end: int, next_quote: int) -> int:
    match = next(_terminators(text, pos, end), None)
    return min(match.end() if match else end, next_quote)


def _sentence_start(text: str, start: int, pos: int, previous_quote_end: int) -> int:
    last = start
    for match in _terminators(text, start, pos):
        last = match.end()
    return max(last, previous_quote_end)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Whether the quotation's own sentence names a speaker, and who."""

    found: bool
    speaker: Entity | None = None


def _after(context: Context, quotation: Quotation, next_quote: int) -> Attribution:
    """ "...," X said. / "...," said X, a spokesperson. / "..., X said." when the closing mark is missing."""
    doc, text = context.doc, context.text
    paragraph = quotation.last_paragraph
    end = _sentence_end(text, quotation.end, context.paragraphs[paragraph][1], next_quote)
    window = _tokens(doc, quotation.end, end)
    words = quotation.text(text).rstrip()
    if words.endswith(".") and window and window[0].text[:1].isupper() and len(window) > 8:
        return Attribution(False)  # a new sentence of the reporter's
    if len(window) > 1 and window[-1].text.endswith(":") and words.endswith((".", "?", "!")):
        return Attribution(False)  # "... earlier?” What he answered was: “...": the next quotation's
    for token in window:
        if _is_speech_verb(token):
            return Attribution(True, _verb_speaker(context, token, window, paragraph))
    if window and window[0].text == ":":
        return _beside_colon(context, window[1:], paragraph)
    speaker = _according_to(context, window, paragraph)
    return Attribution(speaker is not None, speaker)


def _beside_colon(context: Context, phrase: list[Token], paragraph: int) -> Attribution:
    """ "India will not bow": Rajnath Singh / Rajnath Singh: "..." — a short name beside a colon; or
    the subject of the clause the colon ends ("She was blunt: "..."")."""
    words = [t for t in phrase if not t.is_punct]
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        speaker = _clause_subject(context, words, paragraph)
    else:
        speaker = _phrase_speaker(context, words, paragraph) if 0 < len(words) <= NAME_BESIDE_COLON_WORDS else None
    return Attribution(speaker is not None, speaker)


def _clause_subject(context: Context, clause: list[Token], paragraph: int) -> Entity | None:
    """The speaker a clause ending in a colon introduces: its active subject ("Sokolov put it plainly:")."""
    inside = {t.i for t in clause}
    if any(t.dep_ in ("nsubjpass", "auxpass") for t in clause):
        return None  # "Sokolov was asked:" — the question is someone else's
    subject = next((t for t in clause if t.dep_ == "nsubj" and t.head.i in inside), None)
    return _token_entity(context, subject, paragraph) if subject is not None else None


def _before(context: Context, quotation: Quotation, previous_end: int, partial: bool) -> Attribution:
    """X said: "..." / X called the offer "premature" / according to X, "...". A whole quotation
    belongs to a verb with no other clause between them ("X asked Y ..., and his answer was, "..."")."""
    doc, text = context.doc, context.text
    paragraph = quotation.paragraph
    start = _sentence_start(text, context.paragraphs[paragraph][0], quotation.start, previous_end)
    window = _tokens(doc, start, quotation.start)
    for n in range(len(window) - 1, -1, -1):
        if _is_speech_verb(window[n]):
            if not partial and any(t.pos_ in ("VERB", "AUX") for t in window[n + 1:]):
                break
            return Attribution(True, _verb_speaker(context, window[n], window, paragraph))
    if window and window[-1].text.endswith(":"):  # "):" is one token
        return _beside_colon(context, window[:-1], paragraph)
    speaker = _according_to(context, window, paragraph)
    return Attribution(speaker is not None, speaker)


def _cut_open_quotation(context: Context, quotation: Quotation) -> None:
    """A quotation whose closing mark is missing ends where its attribution begins: ", Varga said"."""
    doc = context.doc
    start, end = quotation.segments[-1]
    tokens = _tokens(doc, start, end)
    for n, token in enumerate(tokens):
        if not _is_speech_verb(token):
            continue
        lead = tokens[max(0, n - 6):n]
        commas = [t for t in lead if t.text == ","]
        if not commas:
            continue
        between = [t for t in lead if t.i > commas[-1].i]
        if all(t.pos_ in ("PROPN", "PRON", "NOUN", "DET", "ADJ") for t in between):
            comma = commas[-1]
            quotation.segments[-1] = (start, comma.idx)
            quotation.end = comma.idx
            return


def _previous_paragraph_speaker(context: Context, quotation: Quotation,
                                quotations: list[Quotation]) -> Entity | None:
    """A quotation opening its paragraph without attribution continues the previous paragraph's speaker:
    its last quotation's, or the person it reports ("Berg said the shipyard ...", "X said:")."""
    paragraph = quotation.paragraph
    if paragraph == 0:
        return None
    start, _ = context.paragraphs[paragraph]
    if context.text[start:quotation.start].strip():
        return None
    earlier = [q for q in quotations if q.last_paragraph == paragraph - 1]
    if earlier:
        return context.speakers.get(earlier[-1].start)
    previous_start, previous_end = context.paragraphs[paragraph - 1]
    text = context.text
    last_sentence = _sentence_start(text, previous_start, previous_end - 1, previous_start)
    if text[previous_start:previous_end].rstrip().endswith(":"):  # "Sokolov put it plainly:" ¶ "..."
        words = [t for t in _tokens(context.doc, last_sentence, previous_end) if not t.is_punct]
        return _clause_subject(context, words, paragraph - 1)
    for token in _tokens(context.doc, last_sentence, previous_end):
        if _is_speech_verb(token) and token.dep_ == "ROOT":
            subject = _subject(token)
            if subject is not None and subject.pos_ == "PROPN":
                entity = _token_entity(context, subject, paragraph - 1)
                return entity if entity is not None and entity.type == "Person" else None
    return None


def _speaker(context: Context, quotation: Quotation, quotations: list[Quotation], index: int,
             partial: bool) -> Attribution:
    same_paragraph = [q for q in quotations[:index] if q.last_paragraph == quotation.paragraph]
    previous_end = same_paragraph[-1].end if same_paragraph else 0
    later = [q.start for q in quotations[index + 1:] if q.paragraph == quotation.last_paragraph]
    for attribution in (_after(context, quotation, later[0] if later else len(context.text)),
                        _before(context, quotation, previous_end, partial)):
        if attribution.found:
            return attribution
    if partial:
        return Attribution(False)
    if same_paragraph:
        return Attribution(True, context.speakers.get(same_paragraph[-1].start))
    speaker = _previous_paragraph_speaker(context, quotation, quotations)
    return Attribution(speaker is not None, speaker)


def _named_in_title(doc: Doc, start: int, end: int) -> list[Entity]:
    """The people and bodies a title names from ``start`` up to its first lower-case word that links no
    names ("Secretary Varga and Adviser Berg | on a Call with ...")."""
    stop = next((start + m.start() for m in re.finditer(r"\S+", doc_text(doc)[start:end])
                 if m.group(0)[0].islower() and m.group(0) not in _TITLE_LINKS), end)
    named: list[Entity] = []
    for _, entity in mentions_in(doc, start, stop):
        if entity.type in ("Person", "Organization") and entity not in named:
            named.append(entity)
    return named


def issuers(doc: Doc) -> list[Entity]:
    """Who issues the document, as its title says: those it names after "Statement from", or the outlet of a
    readout or joint statement (the White House); nobody for any other document, nor for a transcript (its
    speakers speak for themselves)."""
    article = doc._.article
    title = article.title if article is not None else None
    if not title or not doc_text(doc).startswith(title) or doc._.turns:
        return []
    for pattern in ISSUED_BY_NAMED:
        match = pattern.search(title)
        if match:
            return _named_in_title(doc, match.end(), len(title))
    outlet = (article.outlet or "").lower()
    if not outlet or not any(pattern.search(title) for pattern in ISSUED_BY_OUTLET):
        return []
    return [e for e in doc._.entities or [] if e.type == "Organization"
            and e.name.lower() in (outlet, outlet.removeprefix("the "))][:1]


# -- reported speech ---------------------------------------------------------------------------------------------

def _that_clause(verb: Token) -> list[Token]:
    """The clause a speech verb reports with "that" ("told the committee on Tuesday that ..."), up to a
    further report of its own (", adding that ...")."""
    mark = next((t for t in verb.subtree if t.i > verb.i and t.lower_ == "that" and t.dep_ == "mark"
                 and t.head.head.i == verb.i), None)
    if mark is None or any(_is_speech_verb(t) for t in verb.doc[verb.i + 1:mark.i]):
        return []
    words: list[Token] = []
    for token in mark.head.subtree:
        if token.i <= mark.i:
            continue
        if _is_speech_verb(token) and token.tag_ == "VBG" and token.i and token.nbor(-1).text == ",":
            break
        words.append(token)
    while words and words[0].is_punct:
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    return words


def _reporter(verb: Token) -> Token | None:
    """Who reports: the verb's subject; for "..., adding that" the subject of the sentence."""
    if verb.tag_ == "VBG":
        return _subject(verb.sent.root)
    return _subject(verb)


def find_reported(context: Context, quotations: list[Quotation], quoted: set[str]) -> Iterator[Quote]:
    """Reported speech of a person the article names and does not quote directly: "X said that ...",
    "X told reporters that ...". Pronouns, offices and organisations are left to the direct quotations."""
    doc, text = context.doc, context.text
    for verb in _speech_verbs(doc):
        if verb.lemma_.lower() in FRAMING_VERBS:
            continue
        if any(q.start <= verb.idx < q.end for q in quotations) or any(c.dep_ in ("auxpass", "nsubjpass")
                                                                          for c in verb.children):
            continue
        subject = _reporter(verb)
        words = _that_clause(verb) if subject is not None and subject.pos_ == "PROPN" else []
        if len(words) < MIN_REPORTED_WORDS:
            continue
        speaker = _token_entity(context, subject, 0)
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if speaker is None or speaker.type != "Person" or speaker.id in quoted or QUOTE_MARK.search(text, start, end):
            continue
        yield Quote(speaker.id, text[start:end], False, Span(start, end, text[start:end]))


def _modifies_a_noun(doc: Doc, quotation: Quotation) -> bool:
    """A word or two in marks before the noun they qualify ("a 'kamikaze' attack", "a "counterstrike"
    capability") are the reporter's distance from a term, not a quotation."""
    inside = _tokens(doc, quotation.segments[0][0], quotation.segments[-1][1])
    words = [t for t in inside if not t.is_punct]
    if not words or len(words) > 2:
        return False
    following = next((t for t in doc[words[-1].i + 1:words[-1].i + 3] if t.idx >= quotation.end), None)
    return (following is not None and following.pos_ in ("NOUN", "PROPN") and words[-1].head.i == following.i
            and words[-1].dep_ in ("amod", "compound", "nmod", "poss"))  # a closing ' reads as a possessive


# -- the component -------------------------------------------------------------------------------------------

def set_off_statements(context: Context, quotations: list[Quotation]) -> Iterator[Quote]:
    """A statement set off after "X said:" in paragraphs of its own whose quotation marks the plain text lost
    (a release's "Speaking today, the Minister said:" ¶ ...): one direct quote of X, from the paragraph after
    the colon up to a paragraph with a quotation or a colon of its own, or the end. Not in a transcript,
    where a label opens every statement."""
    doc, text, paragraphs = context.doc, context.text, context.paragraphs
    if doc._.turns:
        return
    marked = {n for q in quotations for n in range(q.paragraph, max(q.paragraph, q.last_paragraph) + 1)}
    for number, (start, end) in enumerate(paragraphs[:-1]):
        if not text[start:end].rstrip().endswith(":") or number + 1 in marked:
            continue
        sentence = _tokens(doc, _sentence_start(text, start, end - 1, start), end)
        verb = next((t for t in reversed(sentence) if _is_speech_verb(t)), None)
        if verb is None or any(t.pos_ in ("VERB", "AUX") for t in sentence if t.i > verb.i):
            continue  # "She said the list included:" introduces no statement of hers
        speaker = _verb_speaker(context, verb, sentence, number)
        if speaker is None:
            continue
        last = number
        while (last + 1 < len(paragraphs) and last + 1 not in marked
               and not text[paragraphs[last + 1][0]:paragraphs[last + 1][1]].rstrip().endswith(":")):
            last += 1
        if last > number:
            first, final = paragraphs[number + 1][0], paragraphs[last][1]
            said = text[first:final].rstrip()
            yield Quote(speaker.id, said, True, Span(first, first + len(said), said))


_STAGE_DIRECTION = re.compile(r"\([^()\n]*\)")  # "(Laughter.)", "(Speaks Ukrainian.)"


def _spoken_words(said: str) -> int:
    return len(_STAGE_DIRECTION.sub(" ", said).split())


def turn_quotes(doc: Doc) -> list[Quote]:
    """A transcript's turns as direct quotes of their named speakers (a turn of a few words, or of stage
    directions only, is none)."""
    text = doc_text(doc)
    return [Quote(turn.speaker, text[turn.start:turn.end], True, Span(turn.start, turn.end, text[turn.start:turn.end]))
            for turn in doc._.turns or []
            if turn.speaker is not None and _spoken_words(text[turn.start:turn.end]) >= MIN_TURN_WORDS]


def _inside_own_turn(doc: Doc, quote: Quote) -> bool:
    """A quotation inside a transcript turn that is the turn's own words, or whose speaker is not clear."""
    turn = next((t for t in doc._.turns or [] if t.start <= quote.evidence.start < t.end), None)
    return turn is not None and quote.speaker in (None, turn.speaker)


def _first_of_each(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quotation repeated word for word right after itself (a line quoted twice for effect) is one quote:
    its first occurrence. The same words again later in the text are quoted again."""
    kept: list[Quote] = []
    for quote in quotes:
        previous = kept[-1] if kept else None
        if (previous is not None and previous.speaker == quote.speaker
                and " ".join(previous.text.split()) == " ".join(quote.text.split())
                and not text[previous.evidence.end:quote.evidence.start].strip()):
            continue
        kept.append(quote)
    return kept


_ATTRIBUTION_GAP = re.compile(r"\s*[^.!?;:\"“”\n]{1,80},\s*")  # ' he said, ', ' said Ivan Petrov, the envoy, '


def _interrupted_sentence(text: str, first: Quote, second: Quote) -> bool:
    """ "We will," he said, "deliver on time.": one sentence its attribution interrupts, the second part going on
    in lower case after a comma; a new sentence after the attribution ("...," he said. "Then ...") is a quote
    of its own."""
    gap = text[first.evidence.end:second.evidence.start]
    return (first.speaker is not None and first.speaker == second.speaker and not first.partial
            and first.text.rstrip().endswith(",") and second.text[:1].islower()
            and _ATTRIBUTION_GAP.fullmatch(gap) is not None)


def _joined_interruptions(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quoted sentence interrupted by its attribution as one quote, from its first quoted word to its last."""
    joined: list[Quote] = []
    for quote in quotes:
        previous = joined[-1] if joined else None
        if previous is not None and _interrupted_sentence(text, previous, quote):
            evidence = Span(previous.evidence.start, quote.evidence.end, text[previous.evidence.start:quote.evidence.end])
            joined[-1] = Quote(quote.speaker, f"{previous.text} {quote.text}", True, evidence)
            continue
        joined.append(quote)
    return joined


def find_quotes(doc: Doc) -> list[Quote]:
    """Every direct quotation of ``doc`` with its speaker's entity id (or None when it is not clear),
    and every named speaker's transcript turn."""
    text = doc_text(doc)
    paragraphs = paragraphs_of(text)
    context = Context(doc, text, paragraphs)
    quotations = [q for q in find_quotations(text, paragraphs) if not is_title(q.text(text))]
    quotes: list[Quote] = []
    issued = issuers(doc) if quotations else []
    for index, quotation in enumerate(quotations):
        if not quotation.closed and quotation.runs_to_end:
            _cut_open_quotation(context, quotation)
        partial = is_partial(text, quotation, paragraphs[quotation.paragraph][0])
        if partial and _modifies_a_noun(doc, quotation):
            continue
        attribution = _speaker(context, quotation, quotations, index, partial)
        if not attribution.found and not partial and issued:  # the words of the statement's issuers
            attribution = Attribution(True, issued[0])
            speakers = issued
        else:
            speakers = [attribution.speaker]
        context.speakers[quotation.start] = attribution.speaker
        if partial and attribution.speaker is None:
            continue
        evidence = Span(quotation.start, quotation.end, text[quotation.start:quotation.end])
        quotes += [Quote(speaker.id if speaker is not None else None, quotation.text(text), True, evidence,
                         partial=partial) for speaker in speakers]
    turns = turn_quotes(doc)
    quotes = [q for q in _joined_interruptions(text, _first_of_each(text, quotes))
              if not _inside_own_turn(doc, q)] + turns
    quotes += set_off_statements(context, quotations)
    quoted = {q.speaker for q in quotes if q.speaker is not None}
    reported = [q for q in find_reported(context, quotations, quoted)
                if not _inside_own_turn(doc, q) and not in_question(doc, q.evidence.start)]
    return sorted([*quotes, *reported], key=lambda q: q.evidence.start)


@Language.component("defgraph_quotes", requires=["doc._.entities"], assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(doc)
    return doc
