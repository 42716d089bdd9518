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
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from dateutil import parser as dateparser

from defgraph.model import DateValue

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

DATE_LINE = re.compile(r"\A\s*date:?[ \t]+(\d{4}(?:-\d{2}){0,2})[ \t]*(?:\n|\Z)", re.IGNORECASE)
_PLACE = r"[A-Z][\w.'’-]*(?:[ /-][A-Za-z][\w.'’-]*){0,3}(?:[ \t]*\([A-Za-z][\w .'’-]{1,30}\))?"
_DATELINE = re.compile(
    rf"\A\s*(?:(?P<place>{_PLACE}),?[ \t]+)?"
    rf"(?:(?P<month>{_MONTH})\.?[ \t]+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[ \t]+(?P<month2>{_MONTH})\.?)"
    rf"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?"
    r"[ \t]*(?:(?P<credit>\([^()\n]{1,60}\))|[-–—:]+)",
    re.IGNORECASE,
)
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


def declared_date(value: str | None) -> DateValue | None:
    """A date given as metadata (``2024-07-06``, ``2024-07-06T10:00Z``, ``6 July 2024``)."""
    if not value or not value.strip():
        return None
    try:
        return DateValue.parse(value)
    except ValueError:
        pass
    try:
        parsed = dateparser.parse(value, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return DateValue.from_date(parsed.date()) if parsed.year > 1 else None


def date_line(text: str) -> DateValue | None:
    """The date of a leading ``date YYYY-MM-DD`` line."""
    match = DATE_LINE.match(text)
    return declared_date(match.group(1)) if match else None


def dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of the body (``MOSCOW, Dec 6:``), with its month, day and credit."""
    for paragraph in _paragraphs(text)[:3]:
        match = _DATELINE.match(paragraph)
        if match:
            return match
    return None


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


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
    """The publication date: header, JSON or HTML metadata, a ``date`` line, then the dateline."""
    header = header or {}
    for value in (header.get("published"), header.get("date"), html_date):
        declared = declared_date(value)
        if declared:
            return declared
    return date_line(text) or dateline_date(text, today)


# -- credited agencies -----------------------------------------------------------------------------

# Until the catalogue lands: canonical agency name -> the names the text may use for it.
_AGENCIES: dict[str, tuple[str, ...]] = {
    "PTI": ("PTI", "Press Trust of India"), "IANS": ("IANS", "Indo-Asian News Service"),
    "ANI": ("ANI", "Asian News International"), "UNI": ("UNI", "United News of India"),
    "Reuters": ("Reuters",), "AFP": ("AFP", "Agence France-Presse"), "AP": ("AP", "Associated Press"),
    "TASS": ("TASS",), "RIA Novosti": ("RIA Novosti", "RIA"), "Interfax": ("Interfax",),
    "Xinhua": ("Xinhua",), "PNA": ("PNA", "Philippine News Agency"), "Bloomberg News": ("Bloomberg News", "Bloomberg"),
    "Sputnik": ("Sputnik",), "Anadolu Agency": ("Anadolu Agency", "Anadolu"), "Yonhap": ("Yonhap",),
    "Kyodo": ("Kyodo",), "APP": ("APP", "Associated Press of Pakistan"), "IRNA": ("IRNA",),
}
_SOURCES = Path(__file__).with_name("sources.yaml")
_SIGN_OFF_CHARS = 200
_DATELINE_CHARS = 120


@lru_cache(maxsize=1)
def _credit_patterns() -> dict[str, re.Pattern[str]]:
    heads = "|".join(yaml.safe_load(_SOURCES.read_text(encoding="utf-8"))["outlet_heads"])
    names = "|".join(re.escape(alias) for alias in sorted(_aliases(), key=len, reverse=True))
    agency = rf"(?<![\w-])(?:{names})(?![\w-])"
    outlet = rf"(?:[A-Z][\w&.'’-]*[ \t]+){{0,4}}(?:{heads})\b"
    return {
        "agency": re.compile(agency),
        "credit": re.compile(rf"\(\s*{agency}(?:\s*[/,;&]\s*{agency})*\s*\)"),
        "told": re.compile(rf"\b(?:told|said to|in an interview with)[ \t]+(?:the[ \t]+)?{agency}"),
        "citing": re.compile(rf"\b(?:citing|quoted by|according to)[ \t]+(?:the[ \t]+)?{agency}"),
        "syndicated": re.compile(rf"\bsyndicated[ \t]+{agency}[ \t]+feed"),
        "reported": re.compile(rf"({agency}|{outlet})[ \t]+(?:has[ \t]+|had[ \t]+)?reported"),
        "signed": re.compile(rf"(?:--|[-–—])[ \t]*{agency}[ \t]*\Z"),
        "edited_by": re.compile(r"\bedited by[ \t]+(?:the[ \t]+)?([A-Z][\w&.'’ -]{1,60}?)[ \t]+staff\b"),
    }


def _aliases() -> dict[str, str]:
    return {alias: name for name, aliases in _AGENCIES.items() for alias in aliases}


def _agencies_in(fragment: str) -> list[str]:
    aliases = _aliases()
    return [aliases[m.group(0)] for m in _credit_patterns()["agency"].finditer(fragment)]


def _is_sign_off(paragraph: str) -> bool:
    stripped = paragraph.strip()
    return len(stripped) <= _SIGN_OFF_CHARS and (stripped.startswith(("(", "-", "–", "—"))
                                                 or stripped.lower().startswith(("with inputs", "source")))


def credited_agencies(text: str) -> list[str]:
    """News agencies the text credits for the story, in order: dateline, sign-off, interview, lead.

    "(PTI)", "(Reuters/AFP)" in the dateline; "(PNA, with reports from Reuters)" or "-- PNA" at the
    end; "told the TASS news agency"; "citing Reuters"; a syndicated-feed notice; "Bloomberg News
    reported" in the lead paragraph. A report mentioned later in the story is not a credit.
    """
    patterns = _credit_patterns()
    paragraphs = _paragraphs(text)
    found: list[str] = []
    match = dateline(text)
    lead_index = next((i for i, p in enumerate(paragraphs) if match and p == match.string), 0)
    if len(paragraphs) > 1 and not match and len(paragraphs[0]) <= _SIGN_OFF_CHARS:
        lead_index = 1  # a title line
    lead = paragraphs[lead_index] if paragraphs else ""
    for credit in patterns["credit"].finditer(lead[:_DATELINE_CHARS]):
        found += _agencies_in(credit.group(0))
    for paragraph in paragraphs[-2:]:
        if paragraph is not lead and _is_sign_off(paragraph):
            found += _agencies_in(paragraph)
    for name in ("told", "citing", "syndicated", "signed"):
        for credit in patterns[name].finditer(text):
            found += _agencies_in(credit.group(0))
    for credit in patterns["reported"].finditer(lead):
        found += _agencies_in(credit.group(1)) or [_outlet_name(credit.group(1))]
    return list(dict.fromkeys(found))


def _outlet_name(phrase: str) -> str:
    """``state-run Pakistan Television`` -> ``Pakistan Television``: the capitalised words."""
    words = phrase.split()
    while words and not words[0][0].isupper():
        words.pop(0)
    if words and words[0] in ("The", "A") and len(words) > 2:
        words.pop(0)
    return " ".join(words)


def syndicating_outlet(text: str) -> str | None:
    """The outlet a syndication notice names ("not been edited by Deccan Courier staff")."""
    match = _credit_patterns()["edited_by"].search(text)
    return match.group(1).strip() if match else None
