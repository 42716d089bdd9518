"""Read an article's publication date and credited agencies out of its text and metadata.

Reads the article text (and any header, JSON or HTML metadata), writes a ``DateValue`` at the
grain the evidence allows and the list of news agencies the text credits.

A dateline (``NEW DELHI, June 27 (PTI) -``) gives a month and day but no year. The year is fixed
by the weekday the lead paragraph names ("officials said on Friday"): news is dated the day it
happens or the day after. Of the years whose calendar fits, we take the most recent one within the
bounds the text sets: not before the latest year it speaks of as past, not after the earliest
year it speaks of as future ("to be delivered by 2019"), and not after today.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from dateutil import parser as dateparser

from defgraph.catalogue import Organisation, is_case_sensitive, load_catalogue
from defgraph.model import DateValue

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

DATE_LINE = re.compile(r"\A\s*date:?[^\S\n]+(\d{4}(?:-\d{2}){0,2})[^\S\n]*(?:\n|\Z)", re.IGNORECASE)
# "NEW DELHI", "WASHINGTON/ANKARA", "BALASORE (ODISHA)", "New Delhi [India]"
_PLACE = r"[A-Z][\w.'’-]*(?:(?:[^\S\n]|[/-])[A-Za-z][\w.'’-]*){0,3}(?:[^\S\n]*[(\[][A-Za-z][\w .'’-]{1,30}[)\]])?"
_DATELINE = re.compile(
    rf"\A\s*(?:(?P<place>{_PLACE}),?[^\S\n]+)?"
    rf"(?:(?P<month>{_MONTH})\.?[^\S\n]+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[^\S\n]+(?P<month2>{_MONTH})\.?)"
    rf"(?:,?[^\S\n]+(?P<year>(?:19|20)\d\d))?"
    # then a credit, "(PTI)" or TASS's ". /TASS/.", or a dash or colon
    r"(?:[^\S\n]*(?P<credit>\([^()\n]{1,60}\))|\.?[^\S\n]*(?P<slashed>/[^/\n]{1,30}/)\.?|[^\S\n]*[-–—:]+)"
)
# "Published: 27 Jun 2025, 10:30 am IST" or "Updated on June 27, 2025" near the top of copied pages.
_STAMP = re.compile(r"^[^\S\n]*(?:published|posted|updated|last updated|first published)(?: on)?:?[^\S\n]+(.+)$",
                    re.IGNORECASE | re.MULTILINE)
_STAMP_LINES = 6
_WEEKDAY = re.compile(r"\b(?<!last )(?<!next )(?<!coming )(?<!previous )(?<!following )"
                      r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_YEAR = re.compile(r"(?<![\d,.$€£₹-])((?:19|20)\d\d)(?!\d|,\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘(]?[A-Z])|\n\s*\n")
# A year in a clause with one of these before it speaks of the future at the time of writing ("are
# due to arrive by 2019"); "by 2027" alone is headline future.
_FUTURE = re.compile(r"\b(?:will|shall|would|due to|expected to|scheduled (?:to|for)|set to|slated (?:to|for)|"
                     r"planned for|plans? to|is to|are to|to be|aims? to)\b", re.IGNORECASE)
_BY_YEAR = re.compile(r"\bby (?:the end of |end-)?$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:which|who|that|when|after|since|while|because|although|though|"
                           r"but)\b", re.IGNORECASE)
_EARLIEST_YEAR = 1950
_TITLE_CHARS = 250


def _parsed(value: str, fuzzy: bool = False) -> DateValue | None:
    """A free-form date at the grain it is written in (``July 2024`` is a month); None without a year."""
    try:
        first, second = (dateparser.parse(value, default=default, fuzzy=fuzzy, ignoretz=True)
                         for default in (dt.datetime(1, 1, 1), dt.datetime(2, 2, 2)))
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    month = first.month if first.month == second.month else None
    day = first.day if month and first.day == second.day else None
    return DateValue(first.year, month, day)


def declared_date(value: str | None) -> DateValue | None:
    """A date given as metadata (``2024-07-06``, ``2024-07-06T10:00Z``, ``6 July 2024``, ``July 2024``)."""
    if not value or not value.strip():
        return None
    try:
        return DateValue.parse(value)
    except ValueError:
        return _parsed(value)


def date_line(text: str) -> DateValue | None:
    """The date of a leading ``date YYYY-MM-DD`` line."""
    match = DATE_LINE.match(text)
    return declared_date(match.group(1)) if match else None


def date_stamp(text: str) -> DateValue | None:
    """The date of a "Published: ..." or "Updated on ..." line among the first lines, when it has a year."""
    head = "\n".join(text.lstrip().split("\n")[:_STAMP_LINES])
    for match in _STAMP.finditer(head):
        stamped = _parsed(match.group(1), fuzzy=True)
        if stamped:
            return stamped
    return None


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def is_title(paragraph: str) -> bool:
    """A headline: one short line without a final full stop."""
    line = paragraph.strip()
    return bool(line) and "\n" not in line and len(line) <= _TITLE_CHARS and not line.endswith(".")


def dateline(text: str) -> re.Match[str] | None:
    """The dateline opening one of the first paragraphs (``MOSCOW, Dec 6:``), with its month and day."""
    for paragraph in _paragraphs(text)[:3]:
        match = _DATELINE.match(paragraph)
        if match:
            return match
    return None


def lead_paragraph(text: str) -> str:
    """The paragraph that opens the story: the dateline's, else the first that is not a title."""
    match = dateline(text)
    if match:
        return match.string
    paragraphs = _paragraphs(text)
    if len(paragraphs) > 1 and is_title(paragraphs[0]):
        return paragraphs[1]
    return paragraphs[0] if paragraphs else ""


def _lead_weekday(lead: str) -> int | None:
    found = _WEEKDAY.search(lead)
    return _WEEKDAYS[found.group(1).lower()] if found else None


def _speaks_of_future(sentence: str, position: int) -> bool:
    """Whether the year at ``position`` is in a future-tense clause."""
    before = sentence[:position]
    clause = _CLAUSE_BREAK.split(before)[-1]
    return bool(_FUTURE.search(clause) or _BY_YEAR.search(before))


def _year_bounds(text: str, today: dt.date) -> tuple[int, int]:
    """Bounds on the year of writing: the latest past year the text names, the earliest future one."""
    low, high = _EARLIEST_YEAR, today.year
    for sentence in _SENTENCE_END.split(text):
        for match in _YEAR.finditer(sentence):
            year = int(match.group(1))
            if not _EARLIEST_YEAR <= year <= today.year:
                continue
            if _speaks_of_future(sentence, match.start()):
                high = min(high, year)
            else:
                low = max(low, year)
    return low, high


def _fitting_years(month: int, day: int, weekday: int, offset: int, today: dt.date) -> list[int]:
    """Years, most recent first, in which ``month``/``day`` minus ``offset`` days is ``weekday``."""
    years = []
    for year in range(today.year, _EARLIEST_YEAR - 1, -1):
        try:
            date = dt.date(year, month, day)
        except ValueError:  # 29 February
            continue
        if date <= today and (date - dt.timedelta(days=offset)).weekday() == weekday:
            years.append(year)
    return years


def _infer_year(text: str, month: int, day: int, weekday: int | None, today: dt.date) -> int | None:
    low, high = _year_bounds(text, today)
    if weekday is None:
        return low if low == high else None
    # The lead's weekday is the dateline day, else the day before; bounds are relaxed last.
    for bounds in ((low, high), (low, today.year), (_EARLIEST_YEAR, today.year)):
        for offset in (0, 1):
            years = [y for y in _fitting_years(month, day, weekday, offset, today)
                     if bounds[0] <= y <= bounds[1]]
            if years:
                return years[0]
    return None


def dateline_date(text: str, today: dt.date | None = None) -> DateValue | None:
    """The date of the dateline, its year inferred from the lead's weekday when not given."""
    match = dateline(text)
    if not match:
        return None
    month = _MONTHS[(match.group("month") or match.group("month2")).lower()]
    day = int(match.group("day") or match.group("day2"))
    if match.group("year"):
        year = int(match.group("year"))
    else:
        today = today or dt.date.today()
        year = _infer_year(text, month, day, _lead_weekday(match.string[match.end():]), today)
    if year is None:
        return None
    try:
        return DateValue.from_date(dt.date(year, month, day))
    except ValueError:
        return None


def publication_date(text: str, header: Mapping[str, str] | None = None, html_date: str | None = None,
                     *, today: dt.date | None = None) -> DateValue | None:
    """The publication date: header, JSON or HTML metadata, a ``date`` line, a "Published:" line, the dateline."""
    header = header or {}
    for value in (header.get("published"), header.get("date"), html_date):
        declared = declared_date(value)
        if declared:
            return declared
    return date_line(text) or date_stamp(text) or dateline_date(text, today)


# -- credited agencies -----------------------------------------------------------------------------

_SOURCES = Path(__file__).with_name("sources.yaml")
_SIGN_OFF_CHARS = 200
_DATELINE_CHARS = 120
_ACRONYM_CHARS = 5


@dataclass(frozen=True, slots=True)
class _Credits:
    """Compiled patterns for the ways news text credits a source."""

    labels: dict[str, str]  # every name of an agency (casefolded unless case-sensitive) -> its label
    dateline: re.Pattern[str]  # "(PTI)", "(Reuters/AFP)"
    agency: re.Pattern[str]  # any agency name
    unambiguous: re.Pattern[str]  # an agency name that names nothing else
    attributed: re.Pattern[str]  # the cue before "told the TASS news agency", "citing Reuters", "syndicated PTI feed"
    signed: re.Pattern[str]  # "-- PNA" ending the text
    reported: re.Pattern[str]  # "Bloomberg News reported", "state-run Pakistan Television reported"
    edited_by: re.Pattern[str]  # "not been edited by Deccan Courier staff"


def _label(agency: Organisation) -> str:
    """The name an agency is reported under: its acronym (PTI, AFP, TASS) if it has one, else its name."""
    acronyms = [form for form in (agency.name, *agency.aliases) if form.isupper() and len(form) <= _ACRONYM_CHARS]
    return acronyms[0] if acronyms else agency.name


def _alternation(forms: Iterable[str]) -> str:
    """A regex matching any of ``forms``, longest first, with the catalogue's case rule."""
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f) if is_case_sensitive(f) else f"(?i:{re.escape(f)})" for f in ordered)


def _bounded(forms: Iterable[str]) -> str:
    return rf"(?<![\w-])(?:{_alternation(forms)})(?![\w-])"


@lru_cache(maxsize=1)
def _credits() -> _Credits:
    catalogue = load_catalogue()
    labels = {}
    for agency in catalogue.agencies:
        for form in (agency.name, *agency.aliases):
            labels[form if is_case_sensitive(form) else form.casefold()] = _label(agency)
    forms = [form for agency in catalogue.agencies for form in (agency.name, *agency.aliases)]
    unambiguous = [form for form in forms if not catalogue.is_ambiguous(form)]
    heads = "|".join(yaml.safe_load(_SOURCES.read_text(encoding="utf-8"))["outlet_heads"])
    any_agency, named = _bounded(forms), _bounded(unambiguous)
    outlet = rf"(?:[A-Z][\w&.'’-]*[^\S\n]+){{0,4}}(?:{heads})\b"
    return _Credits(
        labels=labels,
        dateline=re.compile(rf"\(\s*{any_agency}(?:\s*[/,;&]\s*{any_agency})*\s*\)"),
        agency=re.compile(any_agency),
        unambiguous=re.compile(named),
        attributed=re.compile(r"\b(citing|quoted by|syndicated|told)[^\S\n]+(?:the[^\S\n]+)?"),
        signed=re.compile(rf"(?:--|[-–—])[^\S\n]*({any_agency})[^\S\n]*\Z"),
        reported=re.compile(rf"({named}|{outlet})[^\S\n]+(?:has[^\S\n]+|had[^\S\n]+)?reported"),
        edited_by=re.compile(r"\bedited by[^\S\n]+(?:the[^\S\n]+)?([A-Z][\w&.'’ -]{1,60}?)[^\S\n]+staff\b"),
    )


def _label_of(name: str) -> str:
    labels = _credits().labels
    return labels.get(name) or labels.get(name.casefold()) or _outlet_name(name)


def _is_sign_off(paragraph: str) -> bool:
    line = paragraph.strip()
    return len(line) <= _SIGN_OFF_CHARS and (line.startswith(("(", "-", "–", "—"))
                                             or line.lower().startswith(("with inputs", "source:")))


def _outlet_name(phrase: str) -> str:
    """``state-run Pakistan Television`` -> ``Pakistan Television``: the capitalised words."""
    words = phrase.split()
    while words and not words[0][0].isupper():
        words.pop(0)
    return " ".join(words)


def credited_agencies(text: str) -> list[str]:
    """News agencies and outlets the text credits for the story, in order of appearance.

    A credit is "(PTI)" or "(Reuters/AFP)" in the dateline; a sign-off such as "(PNA, with reports
    from Reuters)", "(With inputs from IANS)" or "-- PNA"; "told the TASS news agency", "citing
    Reuters" or a syndicated-feed notice anywhere; "Bloomberg News reported" in the lead paragraph.
    A report the story mentions later on is not a credit, and "(With inputs from agencies)" names no
    one. Names that are also other bodies or words (AFP is also the Armed Forces of the Philippines)
    are credits only in the dateline, the sign-off or after "told". Agencies are reported under
    their acronym when the catalogue gives one (PTI, AFP), else under their catalogue name.
    """
    credits = _credits()
    lead = lead_paragraph(text)
    found = [m.group(0) for credit in credits.dateline.finditer(lead[:_DATELINE_CHARS])
             for m in credits.agency.finditer(credit.group(0))]
    for paragraph in _paragraphs(text)[-2:]:
        if paragraph != lead and _is_sign_off(paragraph):
            found += credits.agency.findall(paragraph)
    for cue in credits.attributed.finditer(text):
        # one tells an interviewer, so "told AFP" is the agency even where AFP is also the armed forces
        names = credits.agency if cue.group(1) == "told" else credits.unambiguous
        if named := names.match(text, cue.end()):
            found.append(named.group(0))
    found += credits.signed.findall(text[-_SIGN_OFF_CHARS:])
    found += [m.group(1) for m in credits.reported.finditer(lead)]
    return list(dict.fromkeys(_label_of(name) for name in found))


def syndicating_outlet(text: str) -> str | None:
    """The outlet a syndication notice names ("not been edited by Deccan Courier staff")."""
    match = _credits().edited_by.search(text)
    return match.group(1).strip() if match else None
