"""The vocabulary the entities component and its readers share: word lists, the gazetteer, ids and patterns.

Reads ``data/entities.yaml`` (``word_lists``) and the catalogue (``gazetteer``: its surface forms, looked up by
``norm_key``); holds the entity ids (``slug``, ``new_id``), the source ranks and ``Candidate`` the recogniser's
sources propose, the shape rules' regular expressions compiled once (``Patterns``), and the small text tests
that the recogniser's parts and the later components (linking, roles, turns, confidence features) use alike.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from defgraph.catalogue import load_catalogue
from defgraph.data_files import load_yaml

DATA = Path(__file__).parent / "data" / "entities.yaml"
PREFIXES = {"Country": "country", "Person": "person", "Organization": "org", "WeaponSystem": "system",
            "Location": "place", "Event": "event"}
DASHES = ("-", "–", "—")

# Source ranks: on spans of equal length the catalogue beats the rules, the rules beat NER.
CATALOGUE, RULE, NER = 3, 2, 1
# A capitalised word of a name: "al-Ghuraba", "R&D", and the pairs of countries that open a joint body's
# name ("U.S.-India", "India-U.S.", "Indo-U.S.").
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"  # "Selçuk", "Erdoğan"
TITLE_WORD = (rf"(?:(?:[A-Z]\.){{1,3}}(?:-[A-Z][{_LETTER}]*)*|(?:a[ln]-|el-)?[A-Z][{_LETTER}]*"
              rf"(?:-(?:[A-Z]\.){{1,3}}|[-'&][A-Z][{_LETTER}]*)*)")


_PAIR_SIDE = r"(?:U\.S\.|United\s+States|[A-Z][a-z]+)"  # one side of "U.S.-India", "Australia-United States"
_COUNTRY_PAIR = re.compile(rf"(?P<first>{_PAIR_SIDE})[-–](?P<second>{_PAIR_SIDE})\s")


@lru_cache(maxsize=1)
def word_lists() -> dict:
    """The word lists of ``data/entities.yaml``."""
    return load_yaml(DATA.read_text(encoding="utf-8"))


def is_country_pair(first: str, second: str) -> bool:
    """Both sides of "U.S.-India", "Indo-U.S." name a country."""
    combining = word_lists()["country_combining_forms"]
    return all(gazetteer().type_of(side) == "Country" or side in combining for side in (first, second))


def is_joint_body_name(name: str) -> bool:
    """"U.S.-India CEO Forum": a name that opens on two countries and ends on a joint body's head."""
    pair = _COUNTRY_PAIR.match(name)
    return pair is not None and name.split()[-1].lower() in word_lists()["joint_body_heads"] \
        and is_country_pair(pair.group("first"), pair.group("second"))


_SEAT = re.compile(r"\s+in\s+\S.*$")


def without_seat(name: str) -> str:
    """"U.S. Embassy in London" → "U.S. Embassy": a mission's name without the place it sits in, which ends it."""
    body = _SEAT.sub("", name)
    return body if body != name and body.split()[-1].lower() in word_lists()["seated_heads"] else name


def slug(text: str) -> str:
    """``Kestrel Dynamics Private Limited`` → ``kestrel-dynamics-private-limited``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")


_ARTICLE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)  # the same few names are keyed again and again within a document
def norm_key(text: str) -> str:
    """Case, space and punctuation blind key: ``Su-30 MKI`` and ``Su-30MKI`` share ``su30mki``."""
    text = _ARTICLE.sub("", text.strip().lower())
    return _NOT_WORD.sub("", _POSSESSIVE.sub("", text))


def new_id(entity_type: str, name: str) -> str:
    """The stable slug id of an entity the catalogue does not know: ``person:denis-alipov``."""
    return f"{PREFIXES[entity_type]}:{slug(name)}"


@dataclass(frozen=True)
class Gazetteer:
    """The catalogue's surface forms: ``forms`` to compile, ``lookup`` by ``norm_key``, ``names`` by id."""

    forms: tuple[tuple[str, str, str, str], ...]  # (text, entity id, type, form kind)
    lookup: dict[str, tuple[str, str, str]]  # norm_key(text) → (entity id, type, form kind)
    names: dict[str, str]  # entity id → canonical name
    manufacturers: frozenset[str]  # organisations whose name also names their products ("Kamov")
    agencies: dict[str, str]  # norm_key(name or alias) → id of a news agency or outlet ("AFP")

    def find(self, text: str) -> tuple[str, str, str] | None:
        return self.lookup.get(norm_key(text))

    def type_of(self, text: str) -> str | None:
        """The catalogue type of a surface form ("Country", "WeaponSystem", ...), or None."""
        found = self.lookup.get(norm_key(text))
        return found[1] if found is not None else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The catalogue loaded once per process, as surface forms ready to match."""
    catalogue = load_catalogue()
    forms = tuple((variant, entity_id, entity_type, kind)
                  for text, entity_id, entity_type, kind in catalogue.surface_forms()
                  if entity_type in PREFIXES and text.strip()
                  for variant in dict.fromkeys((text, text.replace("'", "’"))))  # People’s Republic of China
    lookup: dict[str, tuple[str, str, str]] = {}
    for text, entity_id, entity_type, kind in forms:
        lookup.setdefault(norm_key(text), (entity_id, entity_type, kind))
    names = {entity_id: text for text, entity_id, _, kind in forms if kind == "name"}
    manufacturers = frozenset(o.id for o in catalogue.organisations if o.kind == "manufacturer")
    agencies = {norm_key(form): a.id for a in catalogue.agencies for form in (a.name, *a.aliases)}
    return Gazetteer(forms, lookup, names, manufacturers, agencies)


_LINE_OPENING = re.compile(r"(?:^|\n)(?:[a-z]+:[^\S\n]+)?[^\S\n]*$")  # a line's start, or after a header's "title: "
_QUESTION_LABEL = re.compile(r"Q\.?[^\S\n]+")


def opens_line(text: str, start: int) -> bool:
    """Whether ``start`` opens a line, or follows a header's label on it ("title: ")."""
    return _LINE_OPENING.search(text, max(0, start - 20), start) is not None


def _after_question_label(text: str, start: int, end: int) -> int:
    """Past a transcript's question label that opens a line: "Q The State Department said ..."."""
    label = _QUESTION_LABEL.match(text, start, end)
    return label.end() if label is not None and opens_line(text, start) else start


def is_title_case(line: str) -> bool:
    """Most words capitalised, as in "Ambassador Robert Ford Returns to Syria" (a headline, a heading)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


class Candidate(NamedTuple):
    """A span one source proposes as an entity mention."""

    start: int
    end: int
    type: str
    id: str | None  # a catalogue id, else None
    kind: str  # the Mention kind
    rank: int
    name: str | None = None  # the name the span stands for, when it is not the span's text


def one_line(pattern: str, flags: int = 0) -> re.Pattern:
    """A name never runs over a line break: the spaces between its words are spaces or tabs."""
    return re.compile(pattern.replace(r"\s", r"[^\S\n]"), flags)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class Patterns:
    """The shape rules' regular expressions, compiled once from the word lists."""

    def __init__(self, words: dict) -> None:
        word = TITLE_WORD
        self.designation = one_line(
            r"(?<![\w/.-])(?:"
            r"(?P<code>(?:[A-Z]{1,2}/)?[A-Z][A-Za-z]{0,3}(?P<dash>-)?(?P<digits>\d{1,4})(?:\.\d)?"
            r"(?:[A-Za-z]{1,3}\d{0,2})?(?:-[A-Z]{1,2}\b)?)"
            r"(?:\s(?:MK[IM]|Mk\s?\d+[A-Z]?|Block\s\d+))?"
            r"|(?:Project|Type)\s\d{2,4}(?:\.\d+)?[A-Z]?"
            r")(?![\w-])")
        modifiers, nouns = _alternatives(words["system_modifiers"]), _alternatives(words["system_nouns"])
        name = r"[A-Z][a-z]*[A-Z]?[a-z]+(?:-(?:[A-Z][a-z]*|class))?"
        self.system_phrase = one_line(
            rf"\b(?P<name>{name})\s+(?:(?:{modifiers})\s+){{0,4}}(?:{nouns})\b")
        self.coordinated = one_line(rf"\b(?P<name>{name})(?:,|\s+and|\s+or)\s+$")
        self.remit_of = one_line(rf"\b(?:{_alternatives(words['remit_holders'])})"
                                 r"(?:\s+to\s+the\s+(?:Vice\s+)?President)?\s+for\s+$", re.I)
        self.system_name = one_line(
            rf"\b{word}(?:\s+{word}){{0,4}}\s+(?:{_alternatives(words['system_name_heads'])})\b")
        self.ship_named = one_line(rf"\b(?:{_alternatives(words['ship_nouns'])})\s+"
                                   rf"(?P<name>{word}(?:\s+(?:of\s+the\s+)?{word}){{0,3}})")
        self.ship_before_type = one_line(  # "the Admiral Kestrel and Admiral Harrow frigates"
            rf"\b(?P<name>{word}(?:\s+{word}){{0,2}})(?:\s+and\s+(?P<other>{word}(?:\s+{word}){{0,2}}))?"
            rf"\s+(?:(?:{_alternatives(words['ship_type_modifiers'])})\s+){{0,2}}"
            rf"(?:{_alternatives(words['ship_nouns'])})(?P<plural>s)?\b")
        ship_word = rf"{word}(?:’[A-Z][a-z]+)?"  # USS O’Kane
        self.ship = one_line(rf"\b(?:{_alternatives(words['ship_prefixes'])})\s+{ship_word}"
                             rf"(?:\s+(?:of\s+(?:the\s+)?)?{ship_word}){{0,2}}")  # HMS Prince of Wales
        followers = _alternatives(words["ship_name_followers"])
        self.ship_follower = one_line(rf"\s+(?i:{followers})$")
        self.ship_unit = one_line(rf"(?:\s+(?i:{followers})\b)+")
        heads = _alternatives(w.title() if w.islower() else w for w in words["organisation_heads"])
        joiners = _alternatives(words["organisation_joiners"])
        run = rf"(?:\d+(?:st|nd|rd|th)\s+)?{word}(?:\s+(?:(?:{joiners})\s+)?{word}){{0,6}}"
        tail = rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{word}(?:\s+(?:and\s+|&\s+)?{word}){{0,5}})?"
        lower_heads = _alternatives(words["organisation_heads_lowercase"])
        self.organisation = one_line(
            rf"\b{run}\s+(?:(?:{heads})\b{tail}|(?:{lower_heads})\b)"
            rf"|\b(?:Ministry|Department|Office|Bureau|Directorate)\s+of\s+(?:the\s+)?{word}"
            rf"(?:\s+(?:and\s+|&\s+)?{word}){{0,5}}"
            rf"(?:\s+of\s+(?:the\s+)?{word}(?:\s+(?:of\s+)?{word}){{0,3}})?")  # "... of the Republic of Korea"
        owners = _alternatives(w.title() for w in {*words["office_words"], *words["member_titles"],
                                                   *words["possessive_owners"]})
        self.possessive_body = one_line(  # "the President's Council of Advisors on Science and Technology"
            rf"(?<![\w-])(?P<owner>(?:Mount\s+)?(?:St\.|Saint)\s+{word}"
            rf"|(?:{word}\s+){{0,3}}(?:[A-Z][a-z]+-)?(?:{owners}))['’]s"  # "Prosecutor-General's Office"
            rf"(?:\s+{word}(?:\s+(?:and|&)\s+{word})?){{0,5}}\s+(?:{heads})\b"
            rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{word}(?:\s+(?:and\s+|&\s+)?{word}){{0,5}}){{0,2}}")
        listed_item = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b(?!\s+[A-Z])"  # a field, not a longer name
        self.listed_tail = one_line(rf"(?P<items>(?:,\s+{listed_item})*),?\s+(?:and|&)\s+{listed_item}")
        joint_heads = _alternatives(w.title() if w.islower() else w
                                    for w in [*words["joint_body_heads"], *words["organisation_heads"]])
        side = _PAIR_SIDE
        named = rf"{word}(?:['’]s)?"  # "Alliance for Women’s Economic Empowerment"
        self.joint_body = one_line(
            rf"(?<![\w.-])(?P<first>{side})[-–](?P<second>{side})(?P<words>(?:\s+(?:(?:and|&)\s+)?{word}){{0,6}})"
            rf"\s+(?:{joint_heads})\b"
            rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{named}"
            rf"(?:\s+(?:(?:and|&)\s+(?!{word}\s+(?:of|for|on)\b))?{named}){{0,5}})?")
        portfolios = (w for p in words["ministry_portfolios"].values() for w in p["words"])
        self.ministry = one_line(
            rf"\b(?:(?P<owner>[A-Z][A-Za-z]+)\s+)?(?:{_alternatives(portfolios)})\s+ministry\b", re.I)
        services = [w for ws in words["services"].values() for w in ws]
        self.service = one_line(rf"\b(?P<owner>[A-Z][A-Za-z]+)(?:['’]s)?\s+(?:{_alternatives(services)})\b")
        group_heads = _alternatives([*words["group_heads"], *words["member_heads"]])
        group_modifiers = _alternatives(words["group_modifiers"])
        self.group = one_line(rf"\b(?P<owner>{word}(?:\s+{word})?)(?:-led)?\s+(?:(?:{group_modifiers})\s+){{0,2}}"
                                rf"(?P<head>{group_heads})\b")
        self.bare_service = one_line(rf"\b(?:{_alternatives(w.title() for w in services)})\b")
        self.variant = one_line(words["variant_marker"])
        self.seat = one_line(rf"\s+in\s+(?P<place>{word}(?:\s+{word}){{0,2}})")
        self.dateline = one_line(r"(?:^|\n)(?P<place>[A-Z][A-Z.' -]+[A-Z]),\s")
        place_nouns = _alternatives(words["place_nouns"])
        self.place = one_line(rf"\b(?P<place>{word}(?:\s+{word})?)\s+(?i:{place_nouns})\b")
        roles = _alternatives(words["person_role_nouns"])
        offices = _alternatives([*words["office_words"], *(w.title() for w in words["office_words"])])
        self.titled_person = one_line(rf"\b(?:{offices})\s+(?P<name>{word}(?:\s+{word}){{1,5}})")
        self.place_comma = one_line(rf",\s+{word}(?=[,.;:)]|\s+[a-z])")  # "Austin, Texas": a place and its region
        self.country_after = one_line(r",\s+(?P<country>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=[,.;:)]|\s+[a-z])")
        self.honorific = one_line(rf"\b(?:Mr|MR|Mrs|MRS|Ms|MS|Dr|DR|Prof)\.?\s+(?P<name>{word}(?:\s+{word}){{0,3}})"
                                  rf"|\b(?P<kunya>(?:Abu|Umm)\s+{word}(?:\s+{word}){{0,2}})")  # Abu Haidar
        self.possessed_place = one_line(rf"['’]s\s+{word}\s+(?:{place_nouns})\b")
        self.appositive = one_line(rf"\b(?:{roles}),\s+(?P<name>{word}(?:\s+{word}){{0,3}})"
                                     rf"(?=[,.;]|\s+(?:said|told|added)\b)")
        self.law_title = one_line(rf"['’]s(?:\s+{word}){{1,6}}\s+Act\b")
        settlements = _alternatives(words["settlement_nouns"])
        self.place_of = one_line(rf"\b(?i:{settlements})\s+of\s+(?P<place>{word}(?:\s+{word}){{0,2}})")
        broadcasters = _alternatives(words["broadcaster_heads"])
        self.broadcaster = one_line(
            rf"\b(?P<owner>[A-Z][A-Za-z.]+)\s+(?:state\s+|[Ss]tate-run\s+)?(?:{broadcasters})\b")
        self.military = one_line(r"\b(?P<owner>[A-Z][A-Za-z.]+)\s+military\b")
        # "University of Maryland, College Park", "... at Omaha": a campus named by its town (not "..., M.D.")
        self.campus = one_line(rf"\bUniversity\s+of\s+{word}(?:\s+{word})?(?:,\s+|\s+at\s+|\s+[–—-]\s+)"
                               r"(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=[.;:)]|,\s+[a-z]|\s+(?!of\b)[a-z])")
        parties = _alternatives(words["party_adjectives"])
        self.party = one_line(rf"(?<![\w-])(?P<party>{parties})(?=\s+(?:(?:and|or)\s+(?:{parties})\s+)?"
                              rf"(?:congressional\s+)?(?:{_alternatives(words['party_nouns'])})\b)")
        # A moderator's turn: "we'll go next to Aurelia with AFP", "Thanks, Eduardo." (guideline: first names count).
        outlet_word = r"[A-Z][\w&’'-]*(?:\.[\w&’'-]+)*"  # "Lenta.ru", but not "NBC. Andrea"
        outlet = rf"(?P<outlet>{outlet_word}(?:\s(?:{outlet_word}|\d+)){{0,3}})"
        self.called_on = one_line(rf"\b(?:question|[Ww]e['’]ll|[Ww]e\swill|[Ll]et['’]s|I['’]ll)\s(?:\w+\s)?go(?:es)?\s"
                                  rf"(?:(?:next|first|now)\s)?to\s(?P<name>{word}(?:\s{word})?)"
                                  rf"(?:\s(?:with|from)\s{outlet}(?=[.,]))?")
        self.thanked = one_line(rf"(?:^|\n|[.:]\s)(?:Thanks|Thank\syou|Go\sahead),\s(?P<name>{word})(?=[.,!?]|\s[—–-])")
        self.cabinet = one_line(r"\b[Tt]he\s+(?P<name>Government)\b(?!\s+(?:of\b|[A-Z]))")  # not "Government Department"
        self.agency_name = one_line(r"\bnews\s+agency\s+(?P<name>[A-Z][A-Za-z]+)\b")
        self.board = one_line(rf"(?:(?:{_alternatives(words['board_qualifiers'])})\s+)?(?:{_alternatives(words['board_words'])})"
                              rf"(?:\s+of\s+(?:{_alternatives(words['board_members'])}))?\s+(?:of|for)\s+(?:the\s+)?")
        board_words = _alternatives(words["board_words"])
        self.board_to = one_line(  # "Board of Visitors to the U.S. Naval Academy": the board is the body
            rf"\b(?:{board_words})\s+of\s+(?:{_alternatives(words['board_members_to'])})\s+to\s+the\s+{run}\s+(?:{heads})\b")
        self.award = one_line(rf"\b(?:{_alternatives(words['award_heads'])})(?:$|\s+(?:for|of|in)\b)")
        self.award_after = one_line(  # "Navy Distinguished Service| Medal", "Department of Commerce Bronze| and Silver Medals"
            rf"(?:\s+and\s+[A-Z][\w/-]*)?\s+(?:{_alternatives(words['award_heads'])})\b")
        self.portfolio_office = one_line(rf"\b(?:{_alternatives(words['portfolio_offices'])})\s+of\s+(?:the\s+)?$", re.I)
        self.task_force = one_line(r"\b(?:(?:Combined|Joint|Coalition)\s+)*Task\s+Force\s+\d+\b")  # "Task Force 59"
        self.nicknamed = one_line(rf"\b(?P<name>{word}\s+[\"“][A-Z][a-z]+[\"”]\s+{word}(?:\s+{word})?)")
        self.government = one_line(r"[Gg]overnment\s+of\s+(?:the\s+)?$")
        item = r"[A-Z][\w&.’'-]*(?:\s[A-Z0-9][\w&.’'-]*){0,3}"
        self.list_item = one_line(rf"(?<![\w&.’'-]){item}")
        self.name_list = one_line(rf"(?<![\w&.’'-]){item}(?:,\s+{item}){{1,}},?\s+(?:and|or)\s+{item}")
        self.administration = one_line(r"\b(?P<names>[A-Z][a-z]+(?:-[A-Z][a-z]+)*)\s+[Aa]dministration\b")
        portfolio = r"(?:the\s+)?[A-Z][A-Za-z]+(?:\s+(?:Security|Affairs|Resources|Welfare))?"
        self.portfolio = one_line(portfolio)
        self.departments = one_line(rf"\b(?P<head>Department|Ministr)(?:s|ies)\s+of\s+{portfolio}"
                                    rf"(?:,\s+{portfolio})*,?\s+and\s+{portfolio}\b(?!\s+(?:of|for)\b)")
        item = r"[A-Z][\w-]*(?:\s[A-Z][\w-]*)?"
        self.shared_head = one_line(rf"\b{item}(?:,\s+{item})*(?:,?\s+and\s+|,\s+){item}\s+"
                                    rf"(?P<head>Fleets|Commands|Military\sDistricts|classes)\b")
        self.shared_item = one_line(item)


def trim_leading(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a question label ("Q"), leading function words ("The", "On") and an owner ("India's", "France's")."""
    start = _after_question_label(text, start, end)
    while True:
        word = re.match(r"(\S+?)(['’]s)?\s+", text[start:end])
        stop = word and word.group(1).lower() in STOP_WORDS and not (
            word.group(1).isupper() and len(word.group(1)) > 1)  # "A Foreign Office", but not "US", "IS"
        if not word or not (stop or word.group(2)):
            return start, end
        start += word.end()


def coverage(length: int, candidates: Iterable[Candidate]) -> bytearray:
    """One byte per character of the text, set where a candidate covers it."""
    covered = bytearray(length + 1)
    for c in candidates:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    return covered
