"""Read an article's publication date and credited agencies out of its text and metadata.

Reads the article text (and any header, JSON or HTML metadata), writes a ``Publication``: a
``DateValue`` at the grain the evidence allows with a note saying how it was read, and the list of
news agencies the text credits.

Scrapers and feed readers put a metadata line before the headline (``date 2025-07-07 403``,
``Published: 07/07/2025 10:12 IST``, ``2025-07-07T10:12:00+05:30``): ``leading_metadata`` reads
its date and the reader drops the line from the text. A numeric date whose day and month could be
swapped is read day-first or month-first from its time zone (IST, CET: day-first; EST, PT:
month-first); with no such hint only its year is kept.

A dateline (``NEW DELHI, June 27 (PTI) -``, ``TASS News Service, NEW DELHI, FEBRUARY 8.``, in any of
the first paragraphs) gives a month and day but no year. The year is fixed by the weekday the
dateline's paragraph names (else the first the story names) ("officials said on Friday"): news is dated the day it
happens or the day after. Of the years whose calendar fits, we take the most recent one within the
bounds the text sets: not before the latest year it speaks of as past, not after the earliest
year it speaks of as future ("to be delivered by 2019"), and not after today. With no weekday the
year is the latest the story speaks of as past; with no year in the story either it is the latest
year in which the date is not in the future, and the date is kept at month grain only.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateutil import parser as dateparser

from defgraph.catalogue import Organisation, is_case_sensitive, load_catalogue
from defgraph.data_files import load_yaml
from defgraph.model import DateValue

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

# "NEW DELHI", "WASHINGTON/ANKARA", "BALASORE (ODISHA)", "New Delhi [India]"
_PLACE = r"[A-Z][\w.'’-]*(?:(?:[^\S\n]|[/-])[A-Za-z][\w.'’-]*){0,3}(?:[^\S\n]*[(\[][A-Za-z][\w .'’-]{1,30}[)\]])?"
_DATELINE = re.compile(
    # "TASS News Service, " before the place
    r"\A\s*(?:(?P<source>[A-Z][\w&.'’-]*(?:[^\S\n]+[A-Z][\w&.'’-]*){0,3}),[^\S\n]+(?=[A-Z]))?"
    rf"(?:(?P<place>{_PLACE}),?[^\S\n]+)?"
    rf"(?:(?P<month>{_MONTH})\.?[^\S\n]+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})[^\S\n]+(?P<month2>{_MONTH})\.?)"
    rf"(?:,?[^\S\n]+(?P<year>(?:19|20)\d\d))?"
    # then a credit, "(PTI)" or TASS's ". /TASS/.", or a dash or colon
    # or a full stop ending it before the story's first sentence ("FEBRUARY 8. India and ...")
    r"(?:[^\S\n]*(?P<credit>\([^()\n]{1,60}\))|\.?[^\S\n]*(?P<slashed>/[^/\n]{1,30}/)\.?|[^\S\n]*[-–—:]+"
    r"|\.(?=[^\S\n]+[\"“‘(]?[A-Z]))"
)
# "Published: 27 Jun 2025, 10:30 am IST" or "Updated on June 27, 2025" near the top of copied pages.
_STAMP = re.compile(r"[^\S\n]*(?:published|posted|updated|last updated|first published)(?: on)?:?[^\S\n]+(.+)$",
                    re.IGNORECASE)
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
_DATELINE_PARAGRAPHS = 4
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


def date_stamp(text: str) -> DateValue | None:
    """The date of a "Published: ..." or "Updated on ..." line among the first lines, when it has a year."""
    return _stamp(text).date


def _stamp(text: str) -> Publication:
    """A date line among the first lines: "Published: ...", "Updated on ...", or a bare date under the title."""
    for line in text.lstrip().split("\n")[:_STAMP_LINES]:
        read = _metadata_line(line) if len(line) <= _METADATA_LINE_CHARS else None
        if read is not None:
            return Publication(read.date, read.note.replace("leading metadata line", "a date line near the top"))
        match = _STAMP.match(line)
        if match and (stamped := _parsed(match.group(1), fuzzy=True)):
            return Publication(stamped, f"a '{match.group(0).split(':')[0].strip()}' line near the top")
    return Publication(None)


# -- a scraper's metadata lines before the headline ---------------------------------------------------

_FIELD = (r"(?:date|dated|published|publication[^\S\n]+date|pub[^\S\n]*date|posted|updated|last[^\S\n]+updated|"
          r"first[^\S\n]+published|timestamp|datetime|time|created)")
_FIELD_PREFIX = re.compile(rf"[^\S\n]*{_FIELD}(?:[^\S\n]+on)?[^\S\n]*[:=]?[^\S\n]*", re.IGNORECASE)
_CLOCK = r"(?:(?:[T ]|,?[^\S\n]+(?:at[^\S\n]+)?)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:[^\S\n]*[ap]\.?m\.?)?)?"
_ZONE = r"(?:[^\S\n]*\(?(?P<zone>Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5}(?:[+-]\d{1,2}(?::\d{2})?)?)\)?)?"
_ISO_PARTIAL = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2}))?(?![\d/.:-])")  # only after a named field
_ISO_DATE = re.compile(rf"(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_CLOCK}{_ZONE}")
_NUMERIC_DATE = re.compile(rf"(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y>\d{{4}}){_CLOCK}{_ZONE}")
_WRITTEN_DATE = re.compile(
    rf"(?:(?:{'|'.join(calendar.day_name)}|{'|'.join(calendar.day_abbr)}),?[^\S\n]+)?"
    rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[^\S\n]+(?P<m>{_MONTH})\.?|(?P<m2>{_MONTH})\.?[^\S\n]+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf",?[^\S\n]+(?P<y>\d{{4}}){_CLOCK}{_ZONE}", re.IGNORECASE)
# What may follow a date on a scraper's line: a status code or record id ("403", "rec-19"), a source tag.
_TRAILER = re.compile(r"(?:[^\S\n]+[\w#|/.-]{1,24}){0,3}[^\S\n]*")
_METADATA_LINES = 3
_METADATA_LINE_CHARS = 120
# Time zones whose countries write the day first or the month first.
_DAY_FIRST_ZONES = frozenset({"IST", "BST", "GMT", "WET", "WEST", "CET", "CEST", "EET", "EEST", "MSK", "PKT", "NPT",
                              "BDT", "SGT", "HKT", "PHT", "WIB", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT",
                              "SAST", "CAT", "EAT", "WAT", "TRT", "GST", "AST", "IRST", "PKT"})
_MONTH_FIRST_ZONES = frozenset({"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "CT", "MT", "PT",
                                "AKST", "AKDT", "HST"})


@dataclass(frozen=True, slots=True)
class Publication:
    """A publication date at the grain the evidence allows, and how it was read (``published_note``)."""

    date: DateValue | None
    note: str | None = None


def _day_first(zone: str | None) -> bool | None:
    """Whether a numeric date near this time zone is written day first; None when the zone does not say."""
    if not zone:
        return None
    zone = zone.upper()
    if zone in _DAY_FIRST_ZONES:
        return True
    if zone in _MONTH_FIRST_ZONES:
        return False
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])\d{1,2}(?:\d{2})?", zone.replace(":", ""))
    if offset:  # the Americas (behind UTC) write the month first, as the US does; the rest the day first
        return offset.group(1) == "+"
    return None


def _numeric_date(match: re.Match[str]) -> Publication:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    order = None
    if first > 12 >= second:
        order = True
    elif second > 12 >= first:
        order = False
    elif first == second:
        order = True
    zone_order = _day_first(match.group("zone"))
    if order is None and zone_order is not None:
        order = zone_order
        how = f"{'day' if order else 'month'} first, as written near {match.group('zone')}"
    elif order is None:
        return Publication(DateValue(year), f"{match.group(0).strip()}: day and month could be either way; "
                                            "only the year is kept")
    else:
        how = "day first" if order else "month first"
    day, month = (first, second) if order else (second, first)
    try:
        return Publication(DateValue.from_date(dt.date(year, month, day)), how)
    except ValueError:
        return Publication(None)


def _date_value(value: str, partial: bool = False) -> tuple[Publication, int] | None:
    """A date opening ``value`` (ISO, numeric or written, with time and zone) and where it ends.

    ``partial`` also takes a bare ``2024`` or ``2024-07`` (after a field name such as ``date:``).
    """
    for pattern in (_ISO_DATE, _NUMERIC_DATE, _WRITTEN_DATE, *((_ISO_PARTIAL,) if partial else ())):
        match = pattern.match(value)
        if not match:
            continue
        if pattern is _NUMERIC_DATE:
            found = _numeric_date(match)
        elif pattern is _ISO_DATE:
            found = Publication(declared_date(match.group(0)[:10]), "ISO date")
        elif pattern is _ISO_PARTIAL:
            found = Publication(declared_date(match.group(0)), "ISO date")
        else:
            month = _MONTHS[(match.group("m") or match.group("m2")).lower().rstrip(".")]
            try:
                date = dt.date(int(match.group("y")), month, int(match.group("d") or match.group("d2")))
            except ValueError:
                continue
            found = Publication(DateValue.from_date(date), "written date")
        if found.date is not None:
            return found, match.end()
    return None


def _metadata_line(line: str) -> Publication | None:
    """The date of one scraper's metadata line: a named field with a date, or a bare date or timestamp."""
    field = _FIELD_PREFIX.match(line)
    named = bool(field and re.search(r"[A-Za-z]", field.group(0)))
    value = line[field.end():] if named else line.strip()
    found = _date_value(value, partial=named)
    if found is None:
        return None
    publication, end = found
    rest = value[end:]
    if named:
        if not _TRAILER.fullmatch(rest):
            return None
        label = field.group(0).strip().rstrip(":=").strip()
    elif rest.strip():
        return None  # a bare date line is the date and nothing else
    else:
        label = "a bare date"
    return Publication(publication.date, f"leading metadata line ({label}; {publication.note})")


def leading_metadata(text: str) -> tuple[Publication | None, int]:
    """The date of the metadata lines opening ``text`` (up to three) and where the text after them starts.

    Returns ``(None, 0)`` when the text opens with no such line; the first dated line gives the date.
    """
    position, found = 0, None
    while text.startswith("\n", position):
        position += 1
    for _ in range(_METADATA_LINES):
        end = text.find("\n", position)
        line = text[position:] if end == -1 else text[position:end]
        if not line.strip() or len(line) > _METADATA_LINE_CHARS:
            break
        read = _metadata_line(line)
        if read is None:
            break
        found = found or read
        position = len(text) if end == -1 else end + 1
    return (found, position) if found else (None, 0)


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def is_title(paragraph: str) -> bool:
    """A headline: one short line without a final full stop."""
    line = paragraph.strip()
    return bool(line) and "\n" not in line and len(line) <= _TITLE_CHARS and not line.endswith(".")


def dateline(text: str) -> re.Match[str] | None:
    """The dateline opening one of the first paragraphs (``MOSCOW, Dec 6:``), with its month and day."""
    for paragraph in _paragraphs(text)[:_DATELINE_PARAGRAPHS]:
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


def _story_weekday(paragraph_rest: str, text: str) -> str | None:
    """The weekday the dateline's paragraph names, else the first one the story names."""
    found = _WEEKDAY.search(paragraph_rest) or _WEEKDAY.search(text)
    return found.group(1) if found else None


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


def _weekday_year(text: str, month: int, day: int, weekday: int, today: dt.date) -> int | None:
    low, high = _year_bounds(text, today)
    # The weekday is the dateline day, else the day before; bounds are relaxed last.
    for bounds in ((low, high), (low, today.year), (_EARLIEST_YEAR, today.year)):
        for offset in (0, 1):
            years = [y for y in _fitting_years(month, day, weekday, offset, today)
                     if bounds[0] <= y <= bounds[1]]
            if years:
                return years[0]
    return None


def _story_year(text: str, today: dt.date) -> int | None:
    """The latest year the story speaks of as past (capped by the earliest it speaks of as future)."""
    low, high = _year_bounds(text, today)
    if low > _EARLIEST_YEAR:
        return min(low, high)
    return high if high < today.year else None


def _latest_past_year(month: int, day: int, today: dt.date) -> int:
    return today.year if (month, day) <= (today.month, today.day) else today.year - 1


def _dateline_publication(text: str, today: dt.date | None = None) -> Publication:
    match = dateline(text)
    if not match:
        return Publication(None)
    month = _MONTHS[(match.group("month") or match.group("month2")).lower()]
    day = int(match.group("day") or match.group("day2"))
    shown = match.group(0).strip()[:60]
    today = today or dt.date.today()
    grain_month = False
    if match.group("year"):
        year, how = int(match.group("year")), "with its year"
    elif weekday := _story_weekday(match.string[match.end():], text):
        year = _weekday_year(text, month, day, _WEEKDAYS[weekday.lower()], today)
        how = f"the year from the weekday ({weekday})"
    elif (story_year := _story_year(text, today)) is not None:
        year, how = story_year, "the year from the dates in the story"
    else:
        year, grain_month = _latest_past_year(month, day, today), True
        how = "no weekday or year: the latest past year, kept at month grain"
    if year is None:
        return Publication(None)
    try:
        date = DateValue.from_date(dt.date(year, month, day))
    except ValueError:
        return Publication(None)
    return Publication(DateValue(year, month) if grain_month else date, f"dateline '{shown}', {how}")


def dateline_date(text: str, today: dt.date | None = None) -> DateValue | None:
    """The date of the dateline, its year inferred from the story's weekday when not given."""
    return _dateline_publication(text, today).date


def read_publication(text: str, header: Mapping[str, str] | None = None, html_date: str | None = None,
                     *, today: dt.date | None = None) -> Publication:
    """The publication date and how it was read: header, JSON or HTML metadata, a leading metadata line,
    a "Published:" line, the dateline."""
    header = header or {}
    for label, value in (("header 'published'", header.get("published")), ("header 'date'", header.get("date")),
                         ("HTML metadata", html_date)):
        declared = declared_date(value)
        if declared:
            return Publication(declared, label)
    for read in (leading_metadata(text)[0], _stamp(text), _dateline_publication(text, today)):
        if read is not None and read.date is not None:
            return read
    return Publication(None, "no date in the metadata or the text")


def publication_date(text: str, header: Mapping[str, str] | None = None, html_date: str | None = None,
                     *, today: dt.date | None = None) -> DateValue | None:
    """The publication date: header, JSON or HTML metadata, a metadata line, a "Published:" line, the dateline."""
    return read_publication(text, header, html_date, today=today).date


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
    heads = "|".join(load_yaml(_SOURCES.read_text(encoding="utf-8"))["outlet_heads"])
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
