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
data: ``data/quotes_words.yaml``. Who a word stands for: ``quotes_speakers``; the attribution around a quotation:
``quotes_attribution``; reported speech, set-off statements and turns: ``quotes_reported``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.quotes_attribution import Attribution, cut_open_quotation, issuers, quotation_speaker
from defgraph.extraction.quotes_marks import Quotation, find_quotations, is_partial, is_title, paragraphs_of
from defgraph.extraction.quotes_reported import find_reported, set_off_statements, turn_quotes
from defgraph.extraction.quotes_speakers import Context, tokens_between
from defgraph.extraction.turns import in_question
from defgraph.model import Quote, Span


def _modifies_a_noun(doc: Doc, quotation: Quotation) -> bool:
    """A word or two in marks before the noun they qualify ("a 'kamikaze' attack", "a "counterstrike"
    capability") are the reporter's distance from a term, not a quotation."""
    inside = tokens_between(doc, quotation.segments[0][0], quotation.segments[-1][1])
    words = [t for t in inside if not t.is_punct]
    if not words or len(words) > 2:
        return False
    following = next((t for t in doc[words[-1].i + 1:words[-1].i + 3] if t.idx >= quotation.end), None)
    return (following is not None and following.pos_ in ("NOUN", "PROPN") and words[-1].head.i == following.i
            and words[-1].dep_ in ("amod", "compound", "nmod", "poss"))  # a closing ' reads as a possessive


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
            cut_open_quotation(context, quotation)
        partial = is_partial(text, quotation, paragraphs[quotation.paragraph][0])
        if partial and _modifies_a_noun(doc, quotation):
            continue
        attribution = quotation_speaker(context, quotation, quotations, index, partial)
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
