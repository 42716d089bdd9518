"""``scanning.finditer`` finds what ``re`` finds, trying the pattern only where a match may begin."""
import re

import pytest

from defgraph.extraction import scanning
from defgraph.extraction.relations_cues import labelled_patterns

TEXTS = [
    "The ministers met in Oslo on Monday and held talks with their counterparts.",
    "MEETINGS WERE HELD; the summit in Lisbon followed a phone call with the Chancellor.",
    "A ſummit (long s) was convened: the ſigned deal, a KELVIN-sign K, an İstanbul visit.",
    "Nobody metered anything; the gazetteer is unmet, the helmet unworn.",
    "",
]
PATTERNS = [
    re.compile(r"\b(?:met|meets?)\b(?! with)|held (?:a |separate )*(?:talks|meetings?)", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?P<month>January|February|March)\s+(?P<day>\d{1,2})"),
    re.compile(r"\bsummits?\b|\bs(?:igned|ummit)\b", re.IGNORECASE),
    re.compile(r"\b(?-i:[A-Z])\w+ visit|\bkelvin\b", re.IGNORECASE),
]


def spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_re(pattern, text):
    assert spans(scanning.finditer(pattern, text)) == spans(pattern.finditer(text))


def test_every_event_cue_group_is_scanned_as_re_scans_it():
    text = " ".join(TEXTS) * 3
    for _, compiled in labelled_patterns("relations_events", "event_types"):
        assert spans(scanning.finditer(compiled, text)) == spans(compiled.finditer(text))


def test_letters_re_takes_for_one_another_are_found():
    # under IGNORECASE "ſ" is an "s" and the Kelvin sign a "k": a match beginning with either is still found
    pattern = re.compile(r"signed|kelvin", re.IGNORECASE)
    assert scanning.beginnings(pattern) is not None
    assert [m.group() for m in scanning.finditer(pattern, "ſigned by Kelvin")] == ["ſigned", "Kelvin"]


def test_patterns_that_may_begin_anywhere_are_left_to_re():
    assert scanning.beginnings(re.compile(r"\w+ visit")) is None
    assert scanning.beginnings(re.compile(r"(?:the )?[A-Z]\w+")) is None  # one capital letter is no filter
    assert scanning.beginnings(re.compile(r"x?")) is None  # may match nothing


def test_beginnings_are_lower_cased_and_short():
    scan = scanning.beginnings(re.compile(r"\bHeld talks\b|\bMET\b"))
    folded = scanning.folded("They held talks and met")
    assert [m.start() for m in scan.finditer(folded)] == [5, 20]


LINES = ("The Defence Ministry said so.\nA foreign  ministry spokesman, the Iraqi military\nand the Biden-Harris"
         " Administration.\n\nMINISTRY OF DEFENCE\nforeign ministry")
HELD = [
    re.compile(r"\b(?:(?P<owner>[A-Z][A-Za-z]+)[^\S\n]+)?(?:defence|foreign)[^\S\n]+ministry\b", re.IGNORECASE),
    re.compile(r"\b(?P<owner>[A-Z][A-Za-z.]+)[^\S\n]+military\b"),
    re.compile(r"\b(?P<names>[A-Z][a-z]+(?:-[A-Z][a-z]+)*)[^\S\n]+[Aa]dministration\b(?![^\S\n]*\w)"),
]


@pytest.mark.parametrize("pattern", HELD)
@pytest.mark.parametrize("text", [LINES, LINES.replace("\n", " "), "", "ministry"])
def test_lines_holding_a_word_give_what_re_gives(pattern, text):
    assert scanning.beginnings(pattern) is None and scanning.held_words(pattern) is not None
    assert spans(scanning.finditer(pattern, text)) == spans(pattern.finditer(text))


def test_patterns_that_can_run_over_a_line_are_not_read_by_lines():
    assert scanning.held_words(re.compile(r"\w+\s+ministry")) is None
    assert scanning.held_words(re.compile(r"\w+ ministry$")) is None
