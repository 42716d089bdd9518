"""Speech without quotation marks for the quotes component: reported speech, set-off statements, transcript turns.

Reads the parse, the quotations and ``doc._.turns``; yields ``Quote``s. "X said that ..." of a named person the
article does not quote directly (``direct=False``); a statement set off in paragraphs of its own after "X said:"
whose marks the plain text lost; a named speaker's transcript turn of a few words or more.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.quotes_attribution import sentence_start
from defgraph.extraction.quotes_marks import QUOTE_MARK, WORDS, Quotation
from defgraph.extraction.quotes_speakers import (
    Context, is_speech_verb, speech_verbs, subject_of, token_entity, tokens_between, verb_speaker,
)
from defgraph.model import Quote, Span

FRAMING_VERBS = frozenset(WORDS["framing_verbs"])
MIN_REPORTED_WORDS: int = WORDS["min_reported_words"]
MIN_TURN_WORDS = 4  # "Thank you.", "Yes, sir." are courtesies, not statements


def _that_clause(verb: Token) -> list[Token]:
    """The clause a speech verb reports with "that" ("told the committee on Tuesday that ..."), up to a
    further report of its own (", adding that ...")."""
    mark = next((t for t in verb.subtree if t.i > verb.i and t.lower_ == "that" and t.dep_ == "mark"
                 and t.head.head.i == verb.i), None)
    if mark is None or any(is_speech_verb(t) for t in verb.doc[verb.i + 1:mark.i]):
        return []
    words: list[Token] = []
    for token in mark.head.subtree:
        if token.i <= mark.i:
            continue
        if is_speech_verb(token) and token.tag_ == "VBG" and token.i and token.nbor(-1).text == ",":
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
        return subject_of(verb.sent.root)
    return subject_of(verb)


def find_reported(context: Context, quotations: list[Quotation], quoted: set[str]) -> Iterator[Quote]:
    """Reported speech of a person the article names and does not quote directly: "X said that ...",
    "X told reporters that ...". Pronouns, offices and organisations are left to the direct quotations."""
    doc, text = context.doc, context.text
    for verb in speech_verbs(doc):
        if verb.lemma_.lower() in FRAMING_VERBS:
            continue
        if any(q.start <= verb.idx < q.end for q in quotations) or any(c.dep_ in ("auxpass", "nsubjpass")
                                                                          for c in verb.children):
            continue
        subject = _reporter(verb)
        words = _that_clause(verb) if subject is not None and subject.pos_ == "PROPN" else []
        if len(words) < MIN_REPORTED_WORDS:
            continue
        speaker = token_entity(context, subject, 0)
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if speaker is None or speaker.type != "Person" or speaker.id in quoted or QUOTE_MARK.search(text, start, end):
            continue
        yield Quote(speaker.id, text[start:end], False, Span(start, end, text[start:end]))


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
        sentence = tokens_between(doc, sentence_start(text, start, end - 1, start), end)
        verb = next((t for t in reversed(sentence) if is_speech_verb(t)), None)
        if verb is None or any(t.pos_ in ("VERB", "AUX") for t in sentence if t.i > verb.i):
            continue  # "She said the list included:" introduces no statement of hers
        speaker = verb_speaker(context, verb, sentence, number)
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
