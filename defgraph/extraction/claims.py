"""The claims component: assertions one source makes that another disputes.

Reads each sentence with the entities named in it (``relations_context``), spaCy's parse (reporting verbs
and their clauses) and the dispute cues of ``data/relations_claims.yaml``; writes ``doc._.claims``: each
reported assertion that a later sentence disputes, with its claimant and those who dispute it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span as SentSpan, Token

from defgraph.extraction.relations_context import (
    COUNTRY, ORGANIZATION, PERSON, Named, doc_text, sentence_names, sentence_text, sentences,
)
from defgraph.extraction.relations_cues import pattern
from defgraph.extraction.relations_values import load_data
from defgraph.model import Claim, Span

DATA = "relations_claims"
SOURCE_TYPES = frozenset({PERSON, ORGANIZATION, COUNTRY})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl"})


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(load_data(DATA)["reporting_verbs"])


@lru_cache(maxsize=1)
def _according_to() -> re.Pattern[str]:
    return re.compile(load_data(DATA)["according_to"], re.IGNORECASE)


def _sources(names: list[Named]) -> list[Named]:
    return [n for n in names if n.type in SOURCE_TYPES]


def _names_in(names: list[Named], tokens: list[Token]) -> list[Named]:
    if not tokens:
        return []
    start, end = min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
    return [n for n in names if start <= n.start and n.end <= end]


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)


def reported_claim(sent: SentSpan, names: list[Named]) -> tuple[Named, str, Span] | None:
    """The claimant, the claimed words and their span when a sentence reports what a source says."""
    for token in sent:
        if token.lemma_.lower() not in _reporting_verbs() or token.pos_ not in ("VERB", "AUX"):
            continue
        clause = next((c for c in token.children if c.dep_ in CLAUSE_DEPS), None)
        if clause is None and token.dep_ in CLAUSE_DEPS | {"parataxis"}:
            clause = token.head  # "Payments are stuck, Bloomberg reported."
        subject = [t for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in _subtree(c)]
        claimants = _sources(_names_in(names, subject))
        if clause is None or not claimants:
            continue
        words = [t for t in _subtree(clause) if t.i < token.i or clause.i > token.i]
        words = [t for t in words if t not in subject and t is not token]
        while words and words[0].is_punct:
            words.pop(0)
        while words and words[-1].is_punct:
            words.pop()
        if not words:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        text = doc_text(sent.doc)[start:end]
        return claimants[0], text, Span(start, end, text)
    return None


def _according(sent: SentSpan, names: list[Named]) -> tuple[Named, str, Span] | None:
    """A sentence whose content is put on a source ("..., according to Reuters")."""
    for named in _sources(names):
        text = sentence_text(sent)
        if _according_to().search(text[max(0, named.start - sent.start_char - 20): named.start - sent.start_char]):
            return named, text, Span(sent.start_char, sent.end_char, text)
    return None


def _disputers(sent: SentSpan, names: list[Named], claimant: str) -> list[str]:
    return list(dict.fromkeys(n.id for n in _sources(names) if n.id != claimant))


def doc_claims(doc: Doc) -> list[Claim]:
    """Every reported assertion that a later sentence of the article disputes."""
    disputes = [m.start() for m in pattern(DATA, "disputes").finditer(doc_text(doc))]
    if not disputes:  # no dispute, no claim: the parse need not be read at all
        return []
    claims: list[Claim] = []
    latest: Claim | None = None
    for sent in sentences(doc):
        if sent.start_char > disputes[-1]:
            break
        names = sentence_names(doc, sent.start_char, sent.end_char)
        if latest is not None and any(sent.start_char <= d < sent.end_char for d in disputes):
            disputers = _disputers(sent, names, latest.claimant)
            if disputers:
                latest.disputed_by = list(dict.fromkeys(latest.disputed_by + disputers))
                if latest not in claims:
                    claims.append(latest)
                continue
        found = reported_claim(sent, names) or _according(sent, names)
        if found:
            claimant, text, evidence = found
            latest = Claim(claimant=claimant.id, text=text, evidence=evidence)
    return claims


@Language.component("defgraph_claims", requires=["doc._.entities"], assigns=["doc._.claims"])
def claims_component(doc: Doc) -> Doc:
    doc._.claims = doc_claims(doc)
    return doc
