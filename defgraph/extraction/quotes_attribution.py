"""Attribution for the quotes component: the sentence around a quotation that names its speaker.

Reads the text, its parse and the quotations of ``quotes_marks``; writes nothing. The words after a
quotation ("...," X said) and before it (X said: "..."), a name beside a colon, "according to X", else the
speaker of the paragraph's or the previous paragraph's quotation (``quotation_speaker``); sentence ends that
are not the dot of an abbreviated rank ("said Col. X"); an open quotation cut where its attribution begins;
the issuers a document's title names (``issuers``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.mentions import mentions_in
from defgraph.extraction.quotes_marks import WORDS, Quotation
from defgraph.extraction.quotes_speakers import (
    Context, according_to, is_speech_verb, phrase_speaker, subject_of, token_entity, tokens_between, verb_speaker,
)
from defgraph.extraction.roles_vocabulary import load_vocabulary
from defgraph.model import Entity

NAME_BESIDE_COLON_WORDS: int = WORDS["name_beside_colon_words"]
_TERMINATOR = re.compile(r"[.!?](?=[\"”’']?(?:\s|$))")
ISSUED_BY_NAMED = tuple(re.compile(p, re.IGNORECASE) for p in WORDS["issued_by_named"])
ISSUED_BY_OUTLET = tuple(re.compile(p, re.IGNORECASE) for p in WORDS["issued_by_outlet"])
_TITLE_LINKS = frozenset({"and", "of", "the", "for", "&"})


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


def sentence_start(text: str, start: int, pos: int, previous_quote_end: int) -> int:
    """Where the sentence holding ``pos`` starts, no earlier than ``start`` or the previous quotation's end."""
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
    window = tokens_between(doc, quotation.end, end)
    words = quotation.text(text).rstrip()
    if words.endswith(".") and window and window[0].text[:1].isupper() and len(window) > 8:
        return Attribution(False)  # a new sentence of the reporter's
    if len(window) > 1 and window[-1].text.endswith(":") and words.endswith((".", "?", "!")):
        return Attribution(False)  # "... earlier?” What he answered was: “...": the next quotation's
    for token in window:
        if is_speech_verb(token):
            return Attribution(True, verb_speaker(context, token, window, paragraph))
    if window and window[0].text == ":":
        return _beside_colon(context, window[1:], paragraph)
    speaker = according_to(context, window, paragraph)
    return Attribution(speaker is not None, speaker)


def _beside_colon(context: Context, phrase: list[Token], paragraph: int) -> Attribution:
    """ "India will not bow": Rajnath Singh / Rajnath Singh: "..." — a short name beside a colon; or
    the subject of the clause the colon ends ("She was blunt: "..."")."""
    words = [t for t in phrase if not t.is_punct]
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        speaker = _clause_subject(context, words, paragraph)
    else:
        speaker = phrase_speaker(context, words, paragraph) if 0 < len(words) <= NAME_BESIDE_COLON_WORDS else None
    return Attribution(speaker is not None, speaker)


def _clause_subject(context: Context, clause: list[Token], paragraph: int) -> Entity | None:
    """The speaker a clause ending in a colon introduces: its active subject ("Sokolov put it plainly:")."""
    inside = {t.i for t in clause}
    if any(t.dep_ in ("nsubjpass", "auxpass") for t in clause):
        return None  # "Sokolov was asked:" — the question is someone else's
    subject = next((t for t in clause if t.dep_ == "nsubj" and t.head.i in inside), None)
    return token_entity(context, subject, paragraph) if subject is not None else None


def _before(context: Context, quotation: Quotation, previous_end: int, partial: bool) -> Attribution:
    """X said: "..." / X called the offer "premature" / according to X, "...". A whole quotation
    belongs to a verb with no other clause between them ("X asked Y ..., and his answer was, "..."")."""
    doc, text = context.doc, context.text
    paragraph = quotation.paragraph
    start = sentence_start(text, context.paragraphs[paragraph][0], quotation.start, previous_end)
    window = tokens_between(doc, start, quotation.start)
    for n in range(len(window) - 1, -1, -1):
        if is_speech_verb(window[n]):
            if not partial and any(t.pos_ in ("VERB", "AUX") for t in window[n + 1:]):
                break
            return Attribution(True, verb_speaker(context, window[n], window, paragraph))
    if window and window[-1].text.endswith(":"):  # "):" is one token
        return _beside_colon(context, window[:-1], paragraph)
    speaker = according_to(context, window, paragraph)
    return Attribution(speaker is not None, speaker)


def cut_open_quotation(context: Context, quotation: Quotation) -> None:
    """A quotation whose closing mark is missing ends where its attribution begins: ", Varga said"."""
    doc = context.doc
    start, end = quotation.segments[-1]
    tokens = tokens_between(doc, start, end)
    for n, token in enumerate(tokens):
        if not is_speech_verb(token):
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
    last_sentence = sentence_start(text, previous_start, previous_end - 1, previous_start)
    if text[previous_start:previous_end].rstrip().endswith(":"):  # "Sokolov put it plainly:" ¶ "..."
        words = [t for t in tokens_between(context.doc, last_sentence, previous_end) if not t.is_punct]
        return _clause_subject(context, words, paragraph - 1)
    for token in tokens_between(context.doc, last_sentence, previous_end):
        if is_speech_verb(token) and token.dep_ == "ROOT":
            subject = subject_of(token)
            if subject is not None and subject.pos_ == "PROPN":
                entity = token_entity(context, subject, paragraph - 1)
                return entity if entity is not None and entity.type == "Person" else None
    return None


def quotation_speaker(context: Context, quotation: Quotation, quotations: list[Quotation], index: int,
                      partial: bool) -> Attribution:
    """The attribution of a quotation: its own sentence's, else the paragraph's or the previous paragraph's speaker."""
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
