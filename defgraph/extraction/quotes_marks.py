"""Quotation marks paired into quotations, and told apart from names and titles in marks.

Reads the article text; gives ``Quotation`` records (the marks' span and the quoted stretches) to the
quotes component. Marks are paired within a paragraph whatever their shape: curly, straight, a straight
opening with a curly close, a double opening closed by a single mark, a curly mark whose spacing
contradicts its shape; a mark nested inside a quotation is part of it. A paragraph left open continues
into the next paragraph when that one opens with a mark (a quotation over several paragraphs), or over
paragraphs with no marks up to one that a closing mark ends (a statement in marks from first word to last).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from defgraph.data_files import load_yaml


WORDS = load_yaml((Path(__file__).parent / "data" / "quotes_words.yaml").read_text(encoding="utf-8"))
TITLE_WORDS = frozenset(WORDS["title_function_words"])
TITLE_MAX_WORDS: int = WORDS["title_max_words"]

QUOTE_MARK = re.compile("[\"“”„«»‘’']")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W_][\w'’.-]*")


# -- quotation marks -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Mark:
    """A quotation mark: where, whether it opens or closes, double or single."""

    pos: int
    opens: bool
    double: bool


def _mark(text: str, i: int, start: int, end: int) -> Mark | None:
    char = text[i]
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    opening = before.isspace() or before in "([{—–-/"
    if char in "“„«”»":  # the shape says which, unless the spacing plainly says otherwise: ready,“ he said
        if (char in "“„«" and not opening and (after.isspace() or after in ",.;:")) or (
                char in "”»" and opening and after.isalnum()):
            return Mark(i, char in "”»", True)
        return Mark(i, char in "“„«", True)
    if char == '"':  # said:"We ..." opens too: a closing mark is not followed by a letter
        return Mark(i, opening or (after.isalnum() and not before.isalnum()), True)
    if char == "‘":
        return Mark(i, True, False)
    if before.isalnum() and after.isalnum():  # an apostrophe: India's, don't
        return None
    if opening:
        return Mark(i, True, False) if after.isalnum() else None
    return Mark(i, False, False)


def _marks(text: str, start: int, end: int) -> list[Mark]:
    found = (_mark(text, m.start(), start, end) for m in QUOTE_MARK.finditer(text, start, end))
    return [mark for mark in found if mark is not None]


def _ends_sentence(text: str, start: int, pos: int) -> bool:
    before = text[start:pos].rstrip()
    return before.endswith((".", "!", "?"))


@dataclass(slots=True)
class Quotation:
    """Quoted words before attribution: the marks' span and the text ranges inside them."""

    start: int  # the opening mark
    end: int  # after the closing mark, or after the last word when the mark is missing
    segments: list[tuple[int, int]]
    closed: bool
    double: bool
    paragraph: int  # index of the paragraph it opens in
    last_paragraph: int = -1
    runs_to_end: bool = False  # left open up to the end of its paragraph

    def text(self, text: str) -> str:
        return " ".join(text[s:e].strip() for s, e in self.segments)


def _close(text: str, marks: list[Mark], i: int, start: int) -> tuple[int | None, int | None]:
    """The index of the mark closing ``marks[i]``, and the index of a mark opening a new quotation."""
    opening, depth, fallback = marks[i], 0, None
    for j in range(i + 1, len(marks)):
        mark = marks[j]
        if mark.double != opening.double:
            if opening.double and not mark.opens and fallback is None and text[mark.pos - 1] in ",.!?":
                fallback = j  # "...capability,' the spokesperson said": a double opening closed by a single mark
            if not opening.double and mark.double and not mark.opens:
                return j, None
            continue
        if mark.opens:
            if _ends_sentence(text, start, mark.pos):
                return fallback, j
            depth += 1
        elif depth:
            depth -= 1
        else:
            return j, None
    return fallback, None


def _scan(text: str, start: int, end: int, paragraph: int) -> Iterator[Quotation]:
    marks = _marks(text, start, end)
    i = 0
    while i < len(marks):
        if not marks[i].opens:
            i += 1
            continue
        close, reopen = _close(text, marks, i, start)
        open_pos = marks[i].pos
        if close is not None:
            close_pos = marks[close].pos
            yield Quotation(open_pos, close_pos + 1, [(open_pos + 1, close_pos)], True, marks[i].double,
                            paragraph, paragraph)
            i = close + 1
            continue
        stop = marks[reopen].pos if reopen is not None else end
        yield Quotation(open_pos, stop, [(open_pos + 1, stop)], False, marks[i].double, paragraph, paragraph,
                        runs_to_end=reopen is None)
        i = reopen if reopen is not None else len(marks)


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _closing_paragraph(text: str, paragraphs: list[tuple[int, int]], number: int) -> int | None:
    """The later paragraph whose one mark, at its end, closes a quotation left open in paragraph ``number``
    over paragraphs with no marks at all (a statement in marks from its first word to its last)."""
    for later in range(number + 1, len(paragraphs)):
        start, end = paragraphs[later]
        marks = _marks(text, start, end)
        if not marks:
            continue
        closing = marks[0]
        ends_paragraph = not text[closing.pos + 1:end].strip()
        return later if len(marks) == 1 and not closing.opens and closing.double and ends_paragraph else None
    return None


def _run_on(text: str, paragraphs: list[tuple[int, int]], quotation: Quotation) -> None:
    last = _closing_paragraph(text, paragraphs, quotation.last_paragraph)
    if last is None:
        return
    for number in range(quotation.last_paragraph + 1, last + 1):
        start, end = paragraphs[number]
        end = _marks(text, start, end)[0].pos if number == last else end
        quotation.segments.append((start, end))
    quotation.end, quotation.closed = quotation.segments[-1][1] + 1, True
    quotation.last_paragraph, quotation.runs_to_end = last, False


def find_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """Every quotation of the text; one left open at a paragraph's end continues into the next paragraph
    when that paragraph opens with a quotation mark, or over paragraphs with no marks up to one that a
    closing mark ends."""
    found: list[Quotation] = []
    for number, (start, end) in enumerate(paragraphs):
        if found and found[-1].last_paragraph >= number:
            continue  # read as part of a quotation run on over it
        for quotation in _scan(text, start, end, number):
            previous = found[-1] if found else None
            continues = (previous is not None and previous.runs_to_end and previous.double
                         and previous.last_paragraph == number - 1
                         and quotation.start == start + len(text[start:end]) - len(text[start:end].lstrip()))
            if continues:
                previous.segments += quotation.segments
                previous.end, previous.closed = quotation.end, quotation.closed
                previous.last_paragraph, previous.runs_to_end = number, quotation.runs_to_end
            else:
                found.append(quotation)
            if found[-1].runs_to_end and found[-1].double:
                _run_on(text, paragraphs, found[-1])
    return found


# -- names, titles and fragments ---------------------------------------------------------------------------

def is_title(words: str) -> bool:
    """A name or title in quotation marks ('Iron Dome', 'Make in India', "2+2"), not a quotation."""
    tokens = _WORD.findall(words)
    if not any(char.isalpha() for char in words):
        return True
    stripped = words.strip()
    if len(tokens) > 1:  # American style puts the full stop of the sentence inside: "Silicon Heartland."
        stripped = stripped.rstrip(".,")
    if len(tokens) > TITLE_MAX_WORDS or stripped[-1:] in tuple(",.!?:;"):
        return False
    return tokens[0][0].isupper() and all(t[0].isupper() or t[0].isdigit() or t.lower() in TITLE_WORDS
                                          for t in tokens)


def is_partial(text: str, quotation: Quotation, paragraph_start: int) -> bool:
    """A fragment inside the reporter's sentence rather than a quoted sentence of its own."""
    before = text[paragraph_start:quotation.start].rstrip()
    words = quotation.text(text)
    sentence = words[:1].isupper() and len(words.split()) >= 4
    if not before or before[-1] in ".!?:\"”’'":
        return False
    if before.endswith((",", "—", "–")):
        return not (words[:1].isupper() or len(words.split()) >= 4)
    return not (sentence and words.rstrip()[-1:] in ".!?,")
