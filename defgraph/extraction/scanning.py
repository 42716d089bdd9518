"""Whole-text regular expressions, tried only where a match can begin.

``finditer(pattern, text)`` gives exactly what ``pattern.finditer(text)`` gives. Python's ``re`` tries a
case-insensitive pattern, or one opening with ``\\b`` or a lookbehind, at every character of the text, each
alternative in turn; most of the text cannot begin a match. From the parsed pattern we take the strings every
match must begin with (up to ``PREFIX_CHARS`` characters: "met", "held", "sept"), find where they stand in one
pass of a case-sensitive alternation over the lower-cased text (which ``re`` scans for its first characters
in C), and try the pattern only there. A pattern whose matches can begin with any character (a word class,
``.``) but which cannot run over a line break and whose every match holds one of a few words ("ministry" in
"(?i)(\\w+ )?(defence|foreign) ministry") is tried only on the lines holding one of those words. Any other
pattern is left to ``re.finditer``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

try:  # ``re``'s own parser, and the characters it takes for one another under IGNORECASE ("s" and "ſ")
    from re import _constants as sre, _parser
    from re._casefix import _EXTRA_CASES

    _ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
    _REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
    _WORD_EDGES = (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY, sre.AT_UNI_BOUNDARY, sre.AT_UNI_NON_BOUNDARY)
    _TAKE_NEWLINE = {sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD, sre.CATEGORY_NOT_DIGIT, sre.CATEGORY_LINEBREAK,
                     sre.CATEGORY_UNI_SPACE, sre.CATEGORY_UNI_NOT_WORD, sre.CATEGORY_UNI_NOT_DIGIT,
                     sre.CATEGORY_UNI_LINEBREAK, sre.CATEGORY_LOC_NOT_WORD}
except (ImportError, AttributeError):  # another Python's ``re``: every pattern scanned as ``re`` does
    _EXTRA_CASES = None

PREFIX_CHARS = 4  # how much of a match's beginning the scan looks for
MAX_PREFIXES = 400  # more beginnings than this: look for shorter ones
MAX_WORDS, MIN_WORD = 24, 3  # more words every match holds one of, or shorter ones: looking costs what it saves
# a character ``re`` counts as the same letter as another under IGNORECASE ("ſ" and "s"), to that other one
_SAME_LETTER = {code: min(others) for code, others in (_EXTRA_CASES or {}).items() if min(others) < code}
_OTHER_LETTERS = re.compile("[" + "".join(map(chr, _SAME_LETTER)) + "]") if _SAME_LETTER else None


class _TooMany(Exception):
    pass


class _OverLines(Exception):
    pass


def folded(text: str) -> str | None:
    """``text`` lower-cased character for character, letters ``re`` takes for one another made one; ``None``
    when lower-casing changes its length (a dotted capital I)."""
    lowered = text.lower()
    if len(lowered) != len(text) or _OTHER_LETTERS is None:
        return None
    return lowered.translate(_SAME_LETTER) if _OTHER_LETTERS.search(lowered) else lowered


def _class_chars(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 64:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # a negated class, \w, \d, a wide range
            return None
    return chars


def _starts(items: list, size: int) -> set[str]:
    """The strings (of at most ``size`` characters) every match of the sequence ``items`` begins with; ""
    among them when a match may begin with anything."""
    if size == 0 or not items:
        return {""}
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return _starts(rest, size)
    if op is sre.SUBPATTERN:
        return _starts(list(av[-1].data) + rest, size)
    if op is sre.ATOMIC_GROUP:
        return _starts(list(av.data) + rest, size)
    if op is sre.BRANCH:
        return _union(_starts(list(branch.data) + rest, size) for branch in av[1])
    if op in _REPEATS:
        least, most, item = av
        if least == most == 1:
            return _starts(list(item.data) + rest, size)
        once = _starts(list(item.data) + (rest if most == 1 else []), size)
        return _union([once, _starts(rest, size)]) if least == 0 else once
    chars = {chr(av)} if op is sre.LITERAL else _class_chars(av) if op is sre.IN else None
    if not chars:
        return {""}
    tails = _starts(rest, size - 1)
    return _union([{char + tail for char in chars for tail in tails}])


def _union(sets) -> set[str]:
    union: set[str] = set()
    for strings in sets:
        union |= strings
        if len(union) > MAX_PREFIXES:
            raise _TooMany
    return union


def _alternation(strings: set[str]) -> str:
    """A regular expression matching any of ``strings``, its alternatives grouped by first character."""
    by_first: dict[str, set[str]] = {}
    for string in strings:
        by_first.setdefault(string[0], set()).add(string[1:])
    parts = []
    for first, tails in sorted(by_first.items()):
        parts.append(re.escape(first) if "" in tails else re.escape(first) + f"(?:{_alternation(tails)})")
    return "|".join(parts)


@lru_cache(maxsize=None)
def beginnings(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern over the folded text matching one character where a match of ``pattern``
    may begin (the rest of the beginning checked ahead); ``None`` when any character may begin one."""
    if _OTHER_LETTERS is None:
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    for size in range(PREFIX_CHARS, 0, -1):
        try:
            strings = _starts(list(parsed.data), size)
        except _TooMany:
            continue
        if "" in strings or any(len(s) == 1 and s.isalnum() for s in strings):
            return None  # a match may begin anywhere, or at any letter: as many places as ``re`` tries
        strings = {folded(s) for s in strings}
        if None in strings:
            return None
        by_first: dict[str, set[str]] = {}
        for string in strings:
            by_first.setdefault(string[0], set()).add(string[1:])
        return re.compile("|".join(re.escape(first) + ("" if "" in tails else f"(?=(?:{_alternation(tails)}))")
                                   for first, tails in sorted(by_first.items())))
    return None


def _within_lines(items: list) -> None:
    """Raise ``_OverLines`` unless nothing in ``items`` can match a line break or test a line's or the text's end."""
    for op, av in items:
        if op is sre.LITERAL and av == 10 or op is sre.NOT_LITERAL and av != 10 or op is sre.ANY \
                or op is sre.AT and av not in _WORD_EDGES or op is sre.IN and _takes_newline(av):
            raise _OverLines
        if op is sre.SUBPATTERN:
            _within_lines(av[-1].data)
        elif op is sre.BRANCH:
            for branch in av[1]:
                _within_lines(branch.data)
        elif op in _REPEATS:
            _within_lines(av[2].data)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _within_lines(av[1].data)
        elif op is sre.ATOMIC_GROUP:
            _within_lines(av.data)
        elif op not in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.AT):
            raise _OverLines  # a back-reference, a conditional: not worth reasoning about


def _takes_newline(items: list) -> bool:
    negated, hit = False, False
    for op, av in items:
        if op is sre.NEGATE:
            negated = True
        elif op is sre.LITERAL:
            hit |= av == 10
        elif op is sre.RANGE:
            hit |= av[0] <= 10 <= av[1]
        elif op is sre.CATEGORY:
            hit |= av in _TAKE_NEWLINE
        else:
            raise _OverLines
    return hit != negated


def _held(items: list) -> set[str] | None:
    """Strings one of which every match of the sequence ``items`` holds (the longest such set found), or None."""
    found, run = [], ""
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            found.append({run})
            run = ""
        held = None
        if op is sre.SUBPATTERN:
            held = _held(av[-1].data)
        elif op is sre.BRANCH:
            branches = [_held(branch.data) for branch in av[1]]
            held = None if None in branches else set().union(*branches)
        elif op in _REPEATS and av[0] >= 1:
            held = _held(av[2].data)
        elif op is sre.ATOMIC_GROUP:
            held = _held(av.data)
        if held:
            found.append(held)
    return max(found, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


@lru_cache(maxsize=None)
def held_words(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern over the folded text finding the words one of which every match of ``pattern``
    holds, when no match can run over a line break; ``None`` otherwise (or when looking would not pay)."""
    if _OTHER_LETTERS is None:
        return None
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    try:
        _within_lines(list(parsed.data))
    except _OverLines:
        return None
    words = _held(list(parsed.data))
    if not words or len(words) > MAX_WORDS or min(map(len, words)) < MIN_WORD:
        return None
    words = {folded(word) for word in words}
    if None in words:
        return None
    return re.compile(_alternation(words))


def finditer(pattern: re.Pattern[str], text: str, text_folded: str | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the pattern tried only where a match may begin, or only on the lines that
    hold a word every match holds (``text_folded``: the text's ``folded`` form, when the caller has it)."""
    scan = beginnings(pattern)
    words = held_words(pattern) if scan is None else None
    if scan is None and words is None or (text_folded := text_folded or folded(text)) is None:
        return pattern.finditer(text)
    if scan is None:
        return _matches_in_lines(pattern, text, words.finditer(text_folded))
    return _matches_at(pattern, text, scan.finditer(text_folded))


def _matches_in_lines(pattern: re.Pattern[str], text: str, words: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    done = 0  # the end of the last line searched
    for word in words:
        if word.start() < done:
            continue
        start = text.rfind("\n", 0, word.start()) + 1
        end = text.find("\n", word.end()) + 1 or len(text)  # the line break kept: what a lookahead sees there
        yield from pattern.finditer(text, start, end)
        done = end


def _matches_at(pattern: re.Pattern[str], text: str, places: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    end, match_at = 0, pattern.match
    for place in places:
        start = place.start()
        if start >= end and (match := match_at(text, start)):
            end = match.end()
            yield match
