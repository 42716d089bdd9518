"""Dates: every date expression of an article, resolved against its publication date.

Reads the text, spaCy's ``DATE`` entities and ``doc._.article.published``; writes ``doc._.dates``, a
list of ``TimeExpression`` (the exact words, their character span and a ``DateValue`` at the grain
the words give: ``October 2018`` → ``2018-10``, ``last year`` → a year, ``on Wednesday`` → a day).
Relative words look back from the publication day ("on Wednesday" is the most recent Wednesday, "in
December" the most recent December) unless the clause is in the future ("will meet on Tuesday").
Vague words ("recently", "the recent talks", "this weekend") give the publication month (guideline case 28).
``resolve`` is the same reading for one phrase, for components that hold a date phrase of their own.
The vocabulary is data: ``data/dates_words.yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from defgraph.data_files import load_yaml
from defgraph.extraction.doctext import doc_text
from defgraph.extraction.scanning import finditer, folded
from defgraph.model import DateValue, TimeExpression

WORDS = load_yaml((Path(__file__).parent / "data" / "dates_words.yaml").read_text(encoding="utf-8"))
MONTHS: dict[str, int] = {k.lower(): v for k, v in {**WORDS["months"], **WORDS["month_abbreviations"]}.items()}
WEEKDAYS: dict[str, int] = {day.lower(): i for i, day in enumerate(WORDS["weekdays"])}
NUMBERS: dict[str, int] = WORDS["numbers"]
ROUGH_NUMBERS: dict[str, int] = WORDS["rough_numbers"]
RELATIVE: dict[str, int] = WORDS["relative_words"]
DIRECTIONS: dict[str, int] = WORDS["narrative_directions"]
FROM_PUBLICATION: dict[str, int] = WORDS["publication_directions"]
PHRASES: dict[str, tuple[int, str]] = {k: tuple(v) for k, v in WORDS["narrative_phrases"].items()}
CONTEXT_WORDS = frozenset(WORDS["context_words"])
FUTURE_AUXILIARIES = frozenset(WORDS["future_auxiliaries"])
DURATION_WORDS = frozenset(WORDS["duration_words"])
NEAR_DAYS: int = WORDS["near_publication_days"]
NEAR_UNLESS_PAST_DAYS: int = WORDS["near_publication_days_unless_past"]

Resolver = Callable[[dict[str, str], "DateValue | None", "str | None"], "DateValue | None"]


def _alternatives(words, *, upper: bool = True) -> str:
    """A regex alternation of ``words`` (longest first), also in capitals when ``upper``."""
    forms = sorted({*words, *(w.upper() for w in words if upper)}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in forms)


_FULL_MONTH = rf"(?P<month>{_alternatives(WORDS['months'])})"
_ANY_MONTH = rf"(?P<month>{_alternatives([*WORDS['months'], *WORDS['month_abbreviations']])})\.?"
_WEEKDAY = rf"(?P<weekday>{_alternatives(WORDS['weekdays'])})"
_REL = rf"(?P<rel>(?i:{_alternatives(RELATIVE, upper=False)}))"
_NUMBER = (rf"(?:(?P<n>\d{{1,2}}|(?i:{_alternatives(NUMBERS, upper=False)}))"
           rf"|(?P<rough>(?i:{_alternatives(ROUGH_NUMBERS, upper=False)})))")
_UNIT = r"(?P<unit>(?i:hour|day|week|month|year))s?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PART = r"(?:(?P<part>(?i:early|mid|late|end|the\s+end\s+of))[- ]?\s*)?"
_RECENT = (rf"(?i:{_alternatives(WORDS['recent_words'], upper=False)})"
           rf"(?!\s+(?i:{_alternatives(WORDS['recent_stretches'], upper=False)})\b)")
_RECENT_COUNT = (rf"(?i:(?:(?:the\s+)?(?:past|last)\s+(?:{_alternatives(WORDS['recent_counts'], upper=False)})"
                 rf"|recent)\s+(?:{_alternatives(WORDS['recent_units'], upper=False)}))")
RECENT_ATTRIBUTIVE = frozenset(WORDS["recent_attributive"])
RECENT_YIELDS_WITHIN: int = WORDS["recent_yields_within"]
_NO_BREAK = re.compile(r"[^,;:.()\n\u2014]*")


# -- calendar arithmetic -----------------------------------------------------------------------------

def _valid(year: int, month: int | None = None, day: int | None = None) -> DateValue | None:
    try:
        value = DateValue(year, month, day)
        value.as_date()
    except ValueError:
        return None
    return value


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _day(anchor: DateValue | None) -> dt.date | None:
    return anchor.as_date() if anchor is not None and anchor.grain == "day" else None


def _year_of(month: int, day: int | None, anchor: DateValue | None, tense: str | None) -> int | None:
    """The year of a month (and day) named without one: the last before publication, or the next one."""
    if anchor is None or anchor.month is None:
        return None
    if tense == "future":
        later = (month, day or 99) >= (anchor.month, anchor.day or 0)
        return anchor.year if later else anchor.year + 1
    earlier = (month, day or 0) <= (anchor.month, anchor.day or 99)
    return anchor.year if earlier else anchor.year - 1


def _offset(anchor: DateValue | None, count: int, unit: str) -> DateValue | None:
    """``anchor`` moved by ``count`` units, at the grain the unit allows (a week gives the month it lands in)."""
    if anchor is None:
        return None
    if unit == "year":
        return DateValue(anchor.year + count)
    if unit == "month":
        return DateValue(*_shift_month(anchor.year, anchor.month, count)) if anchor.month else None
    day = _day(anchor)
    if day is None:
        return None
    if unit in ("day", "hour"):
        return DateValue.from_date(day + dt.timedelta(days=count if unit == "day" else int(count / 24)))
    landed = day + dt.timedelta(weeks=count)  # "last week" is the month of the day a week back (guideline case 28)
    return DateValue(landed.year, landed.month)


# -- one resolver per kind of expression --------------------------------------------------------------

def _month(groups: dict[str, str]) -> int:
    return MONTHS[groups["month"].lower()]


def _count(groups: dict[str, str]) -> int:
    if "rough" in groups:
        return ROUGH_NUMBERS[" ".join(groups["rough"].lower().split())]
    n = groups["n"].lower()
    return int(n) if n.isdigit() else NUMBERS[n]


def _counted(groups: dict[str, str], anchor: DateValue | None, count: int) -> DateValue | None:
    """``anchor`` moved by ``count`` of the expression's units; a rough count ("a few days ago") gives the
    month of the day it lands on, not that day."""
    value = _offset(anchor, count, groups["unit"].lower())
    if "rough" in groups and value is not None and value.grain == "day" and groups["unit"].lower() != "hour":
        return DateValue(value.year, value.month)
    return value


def _iso(groups, anchor, tense):
    return _valid(int(groups["year"]), int(groups["month2"]), int(groups["day"]))


def _near_publication(month: int, day: int, anchor: DateValue | None, tense: str | None) -> DateValue | None:
    """A day and month within a week of publication is that one, whatever the tense (a dateline); within a
    month it is too, unless the clause is in the past and the day would come after publication."""
    published = _day(anchor)
    if published is None:
        return None
    for year in (published.year - 1, published.year, published.year + 1):
        value = _valid(year, month, day)
        if value is None:
            continue
        days = (value.as_date() - published).days
        if abs(days) <= NEAR_DAYS or (abs(days) <= NEAR_UNLESS_PAST_DAYS and not (tense == "past" and days > 0)):
            return value
    return None


def _calendar_day(groups, anchor, tense):
    month, day = _month(groups), int(groups["day"])
    if groups.get("year"):
        return _valid(int(groups["year"]), month, day)
    near = _near_publication(month, day, anchor, tense)
    year = _year_of(month, day, anchor, tense)
    return near or (_valid(year, month, day) if year else None)


def _month_of_year(groups, anchor, tense):
    return _valid(int(groups["year"]), _month(groups))


def _month_relative_year(groups, anchor, tense):
    return DateValue(anchor.year + RELATIVE[groups["rel"].lower()], _month(groups)) if anchor else None


def _relative_unit(groups, anchor, tense):
    return _offset(anchor, RELATIVE[groups["rel"].lower()], groups["unit"].lower())


def _relative_month(groups, anchor, tense):
    """ "last December" is before the publication month, "next March" after it, "this May" in its year."""
    rel, month = RELATIVE[groups["rel"].lower()], _month(groups)
    if anchor is None or (rel and anchor.month is None):
        return None
    if rel < 0:
        return DateValue(anchor.year - (month >= anchor.month), month)
    if rel > 0:
        return DateValue(anchor.year + (month <= anchor.month), month)
    return DateValue(anchor.year, month)


def _weekday(groups, anchor, tense):
    """The most recent such day on or before publication; "next" or a future clause looks forward."""
    day = _day(anchor)
    if day is None:
        return None
    rel = RELATIVE.get((groups.get("rel") or "").lower(), 0)
    target = WEEKDAYS[groups["weekday"].lower()]
    if rel > 0 or (rel == 0 and tense == "future"):
        ahead = (target - day.weekday()) % 7 or (7 if rel else 0)
        return DateValue.from_date(day + dt.timedelta(days=ahead))
    back = (day.weekday() - target) % 7 or (7 if rel else 0)
    return DateValue.from_date(day - dt.timedelta(days=back))


def _recent(groups, anchor, tense):
    """ "recently", "the past few weeks": the publication month (guideline case 28)."""
    return DateValue(anchor.year, anchor.month) if anchor is not None and anchor.month else None


def _this_season(groups, anchor, tense):
    return DateValue(anchor.year) if anchor is not None else None


def _deictic(groups, anchor, tense):
    return _offset(anchor, WORDS["deictic_days"][groups["deictic"].lower()], "day")


def _ago(groups, anchor, tense):
    way = FROM_PUBLICATION[" ".join(groups["way"].lower().split())]
    return _counted(groups, anchor, way * _count(groups))


def _narrative_count(groups, anchor, tense):
    return _counted(groups, anchor, _count(groups) * DIRECTIONS[groups["direction"].lower()])


def _narrative_phrase(groups, anchor, tense):
    count, unit = PHRASES[" ".join(groups["phrase"].lower().split())]
    return _offset(anchor, count, unit)


def _year(groups, anchor, tense):
    return DateValue(int(groups["year"]))


def _bare_month(groups, anchor, tense):
    month = _month(groups)
    year = _year_of(month, None, anchor, tense)
    return DateValue(year, month) if year else None


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of date expression: its pattern and how it resolves."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    needs_context: bool = False  # a bare year or month: only after a context word or inside a spaCy DATE
    tense: bool = False  # whether the clause's tense decides the value
    narrative: bool = False  # resolved against the previous date of the story, not publication


def _rule(name: str, pattern: str, resolve: Resolver, **flags: bool) -> Rule:
    return Rule(name, re.compile(rf"(?<![\w-]){pattern}(?![\w-])"), resolve, **flags)


_NARRATIVE_PHRASE = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(PHRASES, key=len, reverse=True))

RULES: tuple[Rule, ...] = (
    _rule("iso", r"(?P<year>\d{4})-(?P<month2>\d\d)-(?P<day>\d\d)", _iso),
    # a run of days ("July 25-28, 2022") is dated by the day it begins
    _rule("month_day", rf"{_ANY_MONTH}\s+{_DAY}(?:\s*[-\u2013]\s*\d{{1,2}})?(?:,?\s+{_YEAR})?", _calendar_day,
          tense=True),
    _rule("day_month", rf"{_DAY}\s+(?:of\s+)?{_ANY_MONTH}(?:,?\s+{_YEAR})?", _calendar_day, tense=True),
    _rule("month_year", rf"{_PART}{_ANY_MONTH},?\s+{_YEAR}", _month_of_year),
    _rule("month_relative_year", rf"{_FULL_MONTH}\s+(?:of\s+)?{_REL}\s+(?i:year)", _month_relative_year),
    # "this weekend" is read as "this week": the month of the day it lands on (guideline case 28)
    _rule("relative_unit", rf"(?:(?i:earlier|later)\s+)?{_REL}\s+(?P<unit>(?i:week|month|year))(?i:end)?",
          _relative_unit),
    _rule("relative_month", rf"{_REL}\s+{_FULL_MONTH}", _relative_month),
    _rule("weekday", rf"(?:{_REL}\s+)?{_WEEKDAY}", _weekday, tense=True),
    _rule("this_season", rf"(?i:this)\s+(?P<season>(?i:{_alternatives(WORDS['seasons'], upper=False)}))", _this_season),
    _rule("recent", rf"(?:{_RECENT_COUNT}|{_RECENT})", _recent),
    _rule("deictic", rf"(?P<deictic>(?i:{_alternatives(WORDS['deictic_days'], upper=False)}))", _deictic),
    _rule("ago", rf"{_NUMBER}\s+{_UNIT}\s+(?P<way>(?i:{_alternatives(FROM_PUBLICATION, upper=False)}))", _ago),
    _rule("narrative_count", rf"{_NUMBER}\s+{_UNIT}\s+(?P<direction>(?i:{'|'.join(DIRECTIONS)}))",
          _narrative_count, narrative=True),
    _rule("narrative_phrase", rf"(?P<phrase>(?i:{_NARRATIVE_PHRASE}))", _narrative_phrase, narrative=True),
    _rule("year", rf"{_PART}{_YEAR}(?!-\d)", _year, needs_context=True),
    _rule("month", rf"{_PART}{_FULL_MONTH}", _bare_month, needs_context=True, tense=True),
)
_VAGUE = next(rule for rule in RULES if rule.name == "recent").pattern


# -- finding expressions ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]


def _matches(text: str) -> Iterator[_Found]:
    text_folded = folded(text)
    for rule in RULES:
        for match in finditer(rule.pattern, text, text_folded):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            yield _Found(match.start(), match.end(), rule, groups)


def _longest_first(found: list[_Found]) -> list[_Found]:
    """The longest expressions that do not overlap, in text order (earlier rules win ties)."""
    kept: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, RULES.index(f.rule))):
        if all(item.end <= start or item.start >= end for start, end in taken):
            kept.append(item)
            taken.append((item.start, item.end))
    return sorted(kept, key=lambda f: f.start)


_PREVIOUS_WORD = re.compile(r"(\w+)[\s-]*$")


def _in_context(text: str, item: _Found, date_spans: list[tuple[int, int]]) -> bool:
    previous = _PREVIOUS_WORD.search(text, max(0, item.start - 24), item.start)
    if previous and previous.group(1).lower() in CONTEXT_WORDS:
        return True
    return any(start <= item.start and item.end <= end for start, end in date_spans)


def _counts_things(doc: Doc, item: _Found) -> bool:
    """ "2000 rifles": a number before a plural noun is a count, not a year."""
    span = doc.char_span(item.start, item.end, alignment_mode="expand")
    following = doc[span.end] if span is not None and span.end < len(doc) else None
    return following is not None and following.tag_ in ("NNS", "NNPS") and following.dep_ != "compound"


def _stands_as_date(doc: Doc, text: str, item: _Found, date_spans: list[tuple[int, int]]) -> bool:
    """Whether a match is a date here: "for six years before" is a duration, "2021" needs "in 2021"."""
    if item.rule.narrative:
        previous = _PREVIOUS_WORD.search(text, max(0, item.start - 24), item.start)
        return not (previous and previous.group(1).lower() in DURATION_WORDS)
    if not item.rule.needs_context or "part" in item.groups:
        return True
    return _in_context(text, item, date_spans) and not _counts_things(doc, item)


def resolve(text: str, anchor: DateValue | None, *, tense: str | None = None) -> DateValue | None:
    """The date a phrase names ("in December", "last month", "Dec. 9"), resolved against ``anchor``.

    ``anchor`` is the publication date (or, for "a day after", the date the phrase counts from);
    ``tense="future"`` reads bare days and months forward. None when the phrase names no date.
    """
    found = _longest_first(list(_matches(text)))
    if not found:
        return None
    best = max(found, key=lambda f: f.end - f.start)
    return best.rule.resolve(best.groups, anchor, tense)


# -- the tense of the clause a date sits in --------------------------------------------------------------

def _is_past(token: Token) -> bool:
    return token.tag_ == "VBD"


def _clause_tense(token: Token) -> str | None:
    """``future`` or ``past`` for the verb governing ``token``; present clauses count as future."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(4):
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] \
            if verb.doc.has_annotation("DEP") else []  # the fast pipeline parses nothing
        lowered = {a.lower_ for a in auxiliaries}
        if lowered & FUTURE_AUXILIARIES:
            return "future"
        if "to" in lowered and verb.head.i != verb.i:  # "expected to arrive", "scheduled to hold"
            return "past" if _is_past(verb.head) or any(_is_past(c) for c in verb.head.children
                                                         if c.dep_ in ("aux", "auxpass")) else "future"
        if _is_past(verb) or any(_is_past(a) for a in auxiliaries):
            return "past"
        if lowered & {"has", "have"}:
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
            return "future"
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """The tense ``resolve`` wants for words at ``[start, end)`` of a parsed doc: ``future``, ``past`` or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return _clause_tense(span.root) if span is not None and len(span) else None


_LIST_JOINER = re.compile(r",?\s+(?:(?:and|or)\s+)?|,", re.IGNORECASE)
_DAY_RULES = frozenset({"month_day", "day_month"})


def _with_listed_year(text: str, item: _Found, later: list[_Found]) -> dict[str, str]:
    """The groups of a day named without a year, given the year of the dated day listed right after it ("the
    launches of July 3 and July 28, 2017": both in 2017); any other expression's groups as they are."""
    if item.rule.name not in _DAY_RULES or "year" in item.groups:
        return item.groups
    previous = item
    for following in later:
        if following.rule.name not in _DAY_RULES or not _LIST_JOINER.fullmatch(text[previous.end:following.start]):
            break
        if "year" in following.groups:
            return {**item.groups, "year": following.groups["year"]}
        previous = following
    return item.groups


def is_vague(date: TimeExpression) -> bool:
    """Whether ``date`` is a vague word for a recent time ("recently", "the past few weeks")."""
    return _VAGUE.fullmatch(date.text) is not None


def dates_only_what_follows(date: TimeExpression) -> bool:
    """Whether ``date`` is an attributive word ("the recent talks") that dates the noun after it, not its sentence."""
    return date.text.lower() in RECENT_ATTRIBUTIVE


def _yields_to_next(text: str, item: _Found, later: list[_Found]) -> bool:
    """Whether a vague "recently" stands right before a date of the same phrase ("convened most recently in October
    2022"), which dates the happening instead."""
    following = later[0] if later else None
    return (item.rule.name == "recent" and following is not None and following.start - item.end <= RECENT_YIELDS_WITHIN
            and _NO_BREAK.fullmatch(text, item.end, following.start) is not None)


def _reference(dates: list[TimeExpression], anchor: DateValue | None) -> DateValue | None:
    """The date a narrative phrase counts from: the latest day named before it, else publication."""
    return next((d.value for d in reversed(dates) if d.value is not None and d.value.grain == "day"), anchor)


# -- the component --------------------------------------------------------------------------------------

def find_dates(doc: Doc) -> list[TimeExpression]:
    """Every date expression of ``doc`` with its value; narrative phrases count from the previous date."""
    text = doc_text(doc)
    anchor = doc._.article.published if doc._.article is not None else None
    date_spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "DATE"]
    found = [f for f in _matches(text) if _stands_as_date(doc, text, f, date_spans)]
    dates: list[TimeExpression] = []
    items = _longest_first(found)
    items = [item for index, item in enumerate(items) if not _yields_to_next(text, item, items[index + 1:])]
    for index, item in enumerate(items):
        tense = tense_at(doc, item.start, item.end) if item.rule.tense else None
        groups = _with_listed_year(text, item, items[index + 1:])
        value = item.rule.resolve(groups, _reference(dates, anchor) if item.rule.narrative else anchor, tense)
        dates.append(TimeExpression(text[item.start:item.end], item.start, item.end, value))
    return dates


@Language.component("defgraph_dates", assigns=["doc._.dates"])
def dates_component(doc: Doc) -> Doc:
    doc._.dates = find_dates(doc)
    return doc
