"""Appointment lists: "Name, Title, Body" lines, one appointee a line, for the roles component.

Reads the document's lines, its tokens and linked mentions (``index_mentions``); writes role ``Candidate``s,
each kept beside the office the running text gives the same person (``further``). A list is two lines at
least in a row, each a person's name, a comma, a title (one of the vocabulary's, or a title only lists give,
"Member", "Commissioner", "Nominee for Under Secretary of X"), and, after a second comma, the body; a nominee's
line with none takes the body its office ends on ("Nominee for Member of the X Corporation"), or, for an envoy
("Nominee for Ambassador to X"), the nominating country. A heading that ends in a body before its colon ("... to
appoint the following individuals to the U.S. AbilityOne Commission:") gives every line below it that body: the
body after the title is then the part of government the appointee comes from.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc

from defgraph.extraction.doctext import doc_text
from defgraph.extraction.roles_bodies import ENVOY
from defgraph.extraction.roles_candidates import Candidate
from defgraph.extraction.roles_phrases import BODY_TYPES, Named, Phrase, mention_after
from defgraph.extraction.roles_vocabulary import Title, Vocabulary

MIN_LINES = 2  # a list: two appointees at least, one line after the other
NAME_WORDS = 5  # "Guion S. Bluford Jr." at most before the comma


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """The token spans of the document's non-empty lines, in order: the runs of tokens between whitespace
    tokens (the tokenizer keeps a line break in a whitespace token of its own)."""
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist()
    lines, start = [], 0
    for space in [*spaces, len(doc)]:
        if space > start:
            lines.append((start, space))
        start = space + 1
    return lines


def _title(doc: Doc, start: int, end: int, vocab: Vocabulary) -> Title | None:
    """The title a list line gives between its commas: a vocabulary title, or one only lists give."""
    text = doc[start:end].text.lower()
    known = next((t for t in vocab.titles if t.text.lower() == text), None)
    if known is not None:
        return known
    head = doc[end - 1].lower_ if end > start else ""
    if head in vocab.list_titles:
        return Title(doc[start:end].text, "body", head)
    return _opened_title(doc, start, end, vocab)


def _opened_title(doc: Doc, start: int, end: int, vocab: Vocabulary) -> Title | None:
    """A title a nomination list gives, its opener, "for" and a capitalised office: "Nominee for Under
    Secretary of the Navy"; in the envoys' group when the office is an envoy's ("Nominee for Ambassador
    Extraordinary and Plenipotentiary to X")."""
    if end - start < 3 or doc[start].lower_ not in vocab.list_openers or doc[start + 1].lower_ != "for" \
            or not doc[start + 2].is_title:
        return None
    office = next((t for t in vocab.titles if t.text.lower() == doc[start + 2].lower_), None)
    envoy = office is not None and office.group == ENVOY and any(t.lower_ == "to" for t in doc[start + 3:end])
    return Title(doc[start:end].text, "body", ENVOY if envoy else doc[start].lower_)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of an appointment list, as token spans: the name, the title, the line."""

    name_start: int
    name_end: int
    name_opening: int  # after the rank or form of address the name opens with
    title: Title
    title_start: int
    title_end: int
    line_end: int
    opened: bool = False  # a nominee's title: "Nominee for ..."


def _rank_words(vocab: Vocabulary) -> frozenset[str]:
    """The capitalised words of the ranks, without their dots: "Lt", "Col", "Lieutenant", "General"."""
    return frozenset(word.rstrip(".") for rank in vocab.ranks for word in rank.text.split() if word[:1].isupper())


def _name_opening(doc: Doc, start: int, end: int, rank_words: frozenset[str], honorifics: frozenset[str]) -> int:
    """Where a list line's name begins after the rank words or form of address that open it ("Lt. Col. Amy
    McGrath", "Lieutenant General Nadja West", "Dr. Hila Levy"): the name's few words are counted from there."""
    k = start
    while k < end - 1 and (doc[k].text.rstrip(".") in rank_words or doc[k].lower_ in honorifics
                           or doc[k].text == "." and k > start):
        k += 1  # the tokenizer may part "Lt." into "Lt" and "."
    return k


def _after_service(doc: Doc, comma: int, end: int, vocab: Vocabulary) -> int:
    """The comma that closes the service and retirement parts a list line writes after a ranked name ("Gen. X Y,
    USMC (Ret.), Member, ..."; "X Y, USA, (Ret.), Secretary"); the name's own comma when none follow it."""
    while (following := next((k for k in range(comma + 1, end) if doc[k].text == ","), None)) is not None:
        words = [t.text.rstrip(".") for t in doc[comma + 1:following] if not t.is_punct]
        if not words or not all(word in vocab.service_designations for word in words):
            break
        comma = following
    return comma


def _entry(doc: Doc, line: tuple[int, int], vocab: Vocabulary, rank_words: frozenset[str]) -> Entry | None:
    """A list line: a name of a few words (after any rank), a comma, perhaps the person's service, a title up to
    the next comma or the line's end."""
    start, end = line
    opening = _name_opening(doc, start, end, rank_words, vocab.honorifics)
    name_end = next((k for k in range(opening + 1, min(opening + NAME_WORDS + 1, end)) if doc[k].text == ","), None)
    if name_end is None:
        return None
    comma = _after_service(doc, name_end, end, vocab)
    title_end = next((k for k in range(comma + 1, end) if doc[k].text == ","), end)
    last = max(k for k in range(comma, end) if doc[k].text == ",")
    opened = _opened_title(doc, comma + 1, last, vocab) if last > title_end else None
    if opened is not None:  # a nominee's office may hold commas: the body follows the line's last one
        return Entry(start, name_end, opening, opened, comma + 1, last, end, opened=True)
    title = _title(doc, comma + 1, title_end, vocab) if title_end > comma + 1 else None
    if title is None:
        return None
    return Entry(start, name_end, opening, title, comma + 1, title_end, end,
                 opened=_opened_title(doc, comma + 1, title_end, vocab) is not None)


def list_entries(doc: Doc, vocab: Vocabulary) -> list[tuple[Entry, tuple[int, int] | None]]:
    """The lines of the document's appointment lists, each with the heading line right above its list."""
    if "\n" not in doc_text(doc):
        return []
    lines = _lines(doc)
    rank_words = _rank_words(vocab)
    entries = [_entry(doc, line, vocab, rank_words) for line in lines]
    found = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and entries[j] is not None:
            j += 1
        if j - i >= MIN_LINES:
            found += [(entry, lines[i - 1] if i > 0 else None) for entry in entries[i:j]]
        i = max(j, i + 1)
    return found


def _heading_body(doc: Doc, line: tuple[int, int], cover: list[Named | None]) -> str | None:
    """The body a heading line names right before its closing colon."""
    start, end = line
    if end - start < 2 or doc[end - 1].text != ":":
        return None
    named = cover[end - 2]
    return named.entity.id if named is not None and named.end == end - 1 and named.entity.type in BODY_TYPES \
        else None


def _line_person(doc: Doc, cover: list[Named | None], entry: Entry, suffixes: frozenset[str]) -> Named | None:
    """The person a list line names: the Person mention its name is, or one inside it that the line's
    capitalised name words (or a suffix, "IV") only lengthen ("Ashish Vazirani" where the entities know
    "Vazirani")."""
    inside = {(named.start, named.end): named for k in range(entry.name_opening, entry.name_end)
              if (named := cover[k]) is not None}  # not the rank's words: the tagger may take "Cmdr" for a name
    if len(inside) != 1:
        return None
    named = next(iter(inside.values()))
    if named.entity.type != "Person" or named.start < entry.name_start or named.end > entry.name_end:
        return None
    bare = [doc[k] for k in range(entry.name_opening, entry.name_end) if cover[k] is None]
    return named if all(token.is_title or token.text == "." or token.text in suffixes for token in bare) else None


def _runs_on(doc: Doc, entry: Entry) -> bool:
    """Whether a line's title runs on into sentences (a heading the text runs into its paragraph): its words
    are then no title alone."""
    return any(doc[k].text in (".", "!", "?") or "\n" in doc[k].whitespace_
               for k in range(entry.title_start, entry.title_end - 1))


def _body_within(doc: Doc, cover: list[Named | None], entry: Entry) -> tuple[str, int] | None:
    """The body a nominee's line ends its office with, and where the title ends: "Nominee for Member of the X
    Corporation" and "Nominee for Administrator of the X Administration at the Department of Y" are a Member
    and an Administrator of the body after "of" (not "Nominee for Assistant Secretary of the Navy for Y", whose
    portfolio follows the body)."""
    for k in range(entry.title_start + 3, entry.line_end - 1):
        named = mention_after(doc, k + 1, cover) if doc[k].lower_ == "of" else None  # "for": a portfolio
        if named is None or named.entity.type != "Organization":
            continue
        ends_office = named.end == entry.line_end or doc[named.end].lower_ == "at"
        return (named.entity.id, k) if ends_office else None
    return None


def _line_body(doc: Doc, cover: list[Named | None], entry: Entry) -> str | None:
    """The body a line names after its title, up to the line's end: a mention of it there, or one of its first
    words when the body's name is the rest of the line (the tagger may take "Board of Visitors" alone)."""
    start = entry.title_end + 1
    after = cover[start] if start < entry.line_end else None
    if after is None or after.entity.type not in BODY_TYPES or after.start != start:
        return None
    whole = after.end == entry.line_end or after.entity.name == doc[start:entry.line_end].text
    return after.entity.id if whole else None


def listed_appointees(doc: Doc, cover: list[Named | None], entries: list[tuple[Entry, tuple[int, int] | None]],
                      vocab: Vocabulary) -> list[Candidate]:
    """The offices appointment lists give: each line's person, title and body (the heading's, else the line's;
    with neither, a nominee's: the body named inside the office, or for an envoy the nominating country's, left
    to ``resolve_org``)."""
    candidates: list[Candidate] = []
    for entry, heading in entries:
        named = _line_person(doc, cover, entry, vocab.name_suffixes)
        if named is None:
            continue
        own = _line_body(doc, cover, entry)
        body = (_heading_body(doc, heading, cover) if heading is not None else None) or own
        title_end = entry.title_end
        if body is None and entry.opened and not _runs_on(doc, entry) \
                and (within := _body_within(doc, cover, entry)) is not None:
            body, title_end = within
        elif body is None and (entry.title.group != ENVOY or _runs_on(doc, entry)):
            continue
        words = list(range(entry.title_start, title_end))
        phrase = Phrase(entry.title, entry.title_start, title_end, words, False, body=body)
        candidates.append(Candidate(named, phrase, entry.title, words, named.start, title_end, further=True))
    return candidates
