"""The entities component: who and what an article names, typed, with character spans.

Reads the parsed ``Doc`` (tokens, dependency parse, spaCy's statistical NER); writes
``doc._.entities``: one ``Entity`` per catalogue entry or distinct name, with its ``Mention``s, for
``linking`` to merge. Three sources of candidate spans are merged, longest first and the more
reliable source first on ties: the catalogue gazetteer (two ``PhraseMatcher``s compiled once from
``Catalogue.surface_forms()``), shape rules (weapon designations such as ``Su-57``, "<Name>
helicopters", "X Limited", "defence ministry", armed services), then NER for the rest.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from defgraph.catalogue import is_case_sensitive, load_catalogue
from defgraph.data_files import load_yaml
from defgraph.extraction.doctext import doc_text
from defgraph.extraction.scanning import finditer, folded
from defgraph.model import Entity, Mention

DATA = Path(__file__).parent / "data" / "entities.yaml"
PREFIXES = {"Country": "country", "Person": "person", "Organization": "org", "WeaponSystem": "system",
            "Location": "place", "Event": "event"}
NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location",
             "FAC": "Location", "EVENT": "Event"}
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
DASHES = ("-", "–", "—")
QUESTION_LABELS = ("Q", "Q.")  # a transcript's journalist, as the turns read the label
VERB_TAGS = ("VB", "VBD", "VBP", "VBZ")  # a verb's forms that open no name ("Directed", "Announces")
GOVERNMENT = "Government of "  # the name of a country's government: "Government of Iraq"
GOVERNMENT_AFTER = " Government"  # ... or after its adjective: "the Russian Government"
# The names a name of each type may hold ("Ukraine" in "Armed Forces of Ukraine"): see ``nested``.
NESTED = {"Organization": {"Country": "start", "Person": "anywhere", "Organization": "start"},
          "Location": {"Country": "start", "Organization": "start"},
          "Event": {"Country": "start", "Organization": "anywhere"}}
# Source ranks: on spans of equal length the catalogue beats the rules, the rules beat NER.
CATALOGUE, RULE, NER = 3, 2, 1
# A capitalised word of a name: "al-Ghuraba", "R&D", and the pairs of countries that open a joint body's
# name ("U.S.-India", "India-U.S.", "Indo-U.S.").
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž"  # "Selçuk", "Erdoğan"
_TITLE_WORD = (rf"(?:(?:[A-Z]\.){{1,3}}(?:-[A-Z][{_LETTER}]*)*|(?:a[ln]-|el-)?[A-Z][{_LETTER}]*"
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


# -- the gazetteer ------------------------------------------------------------------------------------

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


# -- candidates ---------------------------------------------------------------------------------------

_AND = re.compile(r"\s(?:and|&)\s+", re.I)
_EDGE = re.compile(r"\b")


def joined_to(text: str, word: str) -> bool:
    """Whether ``word`` (opening on a non-space) follows an "and" or a "&" in ``text``, as
    ``re.search(rf"\\s(?:and|&)\\s+{re.escape(word)}\\b", text, re.I)`` finds, without a pattern per word."""
    folded_text, folded_word = folded(text), folded(word)
    if folded_text is None or folded_word is None:
        return re.search(rf"\s(?:and|&)\s+{re.escape(word)}\b", text, re.I) is not None
    position = 0
    while joint := _AND.search(text, position):
        if folded_text.startswith(folded_word, joint.end()) and _EDGE.match(text, joint.end() + len(word)):
            return True
        position = joint.start() + 1
    return False


_CAPITALISED_PLURAL = re.compile(r"(?<![\w-])(?:(?P<before>[A-Z][\w-]*) )?(?P<word>[A-Z][\w-]{2,}s)(?![\w-])")
_SENTENCE_END = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


def _opens_sentence(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text, max(0, start - 4), start) is not None


_LINE_OPENING = re.compile(r"(?:^|\n)(?:[a-z]+:[^\S\n]+)?[^\S\n]*$")  # a line's start, or after a header's "title: "
_QUESTION_LABEL = re.compile(r"Q\.?[^\S\n]+")


def _opens_line(text: str, start: int) -> bool:
    return _LINE_OPENING.search(text, max(0, start - 20), start) is not None


def _after_question_label(text: str, start: int, end: int) -> int:
    """Past a transcript's question label that opens a line: "Q The State Department said ..."."""
    label = _QUESTION_LABEL.match(text, start, end)
    return label.end() if label is not None and _opens_line(text, start) else start


def _is_opening_verb(verb: Token, text: str, end: int) -> bool:
    """A verb that opens a deed in a list ("Directed the ...", "Announced ...") or, a gerund, a heading: a line in title
    case with no sentence in it ("Visiting Severnaya Verf Shipyard") or one that a colon ends ("Expanding ...:")."""
    if verb.tag_ != "VBG":
        return verb.tag_ in VERB_TAGS or verb.tag_ == "VBN" and verb.dep_ == "ROOT"
    line_end = text.find("\n", end)
    line = text[verb.idx:line_end if line_end >= 0 else len(text)]  # from the verb on, after any "title: "
    return is_title_case(line) and not re.search(r"[.!?]", line) or line.find(":", end - verb.idx) > 0


def is_title_case(line: str) -> bool:
    """Most words capitalised, as in "Ambassador Robert Ford Returns to Syria" (a headline, a heading)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _in_heading(text: str, at: int) -> bool:
    """Whether ``at`` lies on a line whose words are mostly capitalised."""
    line_start, line_end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    return is_title_case(text[line_start:line_end if line_end >= 0 else len(text)])


class Candidate(NamedTuple):
    """A span one source proposes as an entity mention."""

    start: int
    end: int
    type: str
    id: str | None  # a catalogue id, else None
    kind: str  # the Mention kind
    rank: int
    name: str | None = None  # the name the span stands for, when it is not the span's text


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    """A name never runs over a line break: the spaces between its words are spaces or tabs."""
    return re.compile(pattern.replace(r"\s", r"[^\S\n]"), flags)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class Patterns:
    """The shape rules' regular expressions, compiled once from the word lists."""

    def __init__(self, words: dict) -> None:
        word = _TITLE_WORD
        self.designation = _compile(
            r"(?<![\w/.-])(?:"
            r"(?P<code>(?:[A-Z]{1,2}/)?[A-Z][A-Za-z]{0,3}(?P<dash>-)?(?P<digits>\d{1,4})(?:\.\d)?"
            r"(?:[A-Za-z]{1,3}\d{0,2})?(?:-[A-Z]{1,2}\b)?)"
            r"(?:\s(?:MK[IM]|Mk\s?\d+[A-Z]?|Block\s\d+))?"
            r"|(?:Project|Type)\s\d{2,4}(?:\.\d+)?[A-Z]?"
            r")(?![\w-])")
        modifiers, nouns = _alternatives(words["system_modifiers"]), _alternatives(words["system_nouns"])
        name = r"[A-Z][a-z]*[A-Z]?[a-z]+(?:-(?:[A-Z][a-z]*|class))?"
        self.system_phrase = _compile(
            rf"\b(?P<name>{name})\s+(?:(?:{modifiers})\s+){{0,4}}(?:{nouns})\b")
        self.coordinated = _compile(rf"\b(?P<name>{name})(?:,|\s+and|\s+or)\s+$")
        self.remit_of = _compile(rf"\b(?:{_alternatives(words['remit_holders'])})"
                                 r"(?:\s+to\s+the\s+(?:Vice\s+)?President)?\s+for\s+$", re.I)
        self.system_name = _compile(
            rf"\b{word}(?:\s+{word}){{0,4}}\s+(?:{_alternatives(words['system_name_heads'])})\b")
        self.ship_named = _compile(rf"\b(?:{_alternatives(words['ship_nouns'])})\s+"
                                   rf"(?P<name>{word}(?:\s+(?:of\s+the\s+)?{word}){{0,3}})")
        self.ship_before_type = _compile(  # "the Admiral Kestrel and Admiral Harrow frigates"
            rf"\b(?P<name>{word}(?:\s+{word}){{0,2}})(?:\s+and\s+(?P<other>{word}(?:\s+{word}){{0,2}}))?"
            rf"\s+(?:(?:{_alternatives(words['ship_type_modifiers'])})\s+){{0,2}}"
            rf"(?:{_alternatives(words['ship_nouns'])})(?P<plural>s)?\b")
        ship_word = rf"{word}(?:’[A-Z][a-z]+)?"  # USS O’Kane
        self.ship = _compile(rf"\b(?:{_alternatives(words['ship_prefixes'])})\s+{ship_word}"
                             rf"(?:\s+(?:of\s+(?:the\s+)?)?{ship_word}){{0,2}}")  # HMS Prince of Wales
        followers = _alternatives(words["ship_name_followers"])
        self.ship_follower = _compile(rf"\s+(?i:{followers})$")
        self.ship_unit = _compile(rf"(?:\s+(?i:{followers})\b)+")
        heads = _alternatives(w.title() if w.islower() else w for w in words["organisation_heads"])
        joiners = _alternatives(words["organisation_joiners"])
        run = rf"(?:\d+(?:st|nd|rd|th)\s+)?{word}(?:\s+(?:(?:{joiners})\s+)?{word}){{0,6}}"
        tail = rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{word}(?:\s+(?:and\s+|&\s+)?{word}){{0,5}})?"
        lower_heads = _alternatives(words["organisation_heads_lowercase"])
        self.organisation = _compile(
            rf"\b{run}\s+(?:(?:{heads})\b{tail}|(?:{lower_heads})\b)"
            rf"|\b(?:Ministry|Department|Office|Bureau|Directorate)\s+of\s+(?:the\s+)?{word}"
            rf"(?:\s+(?:and\s+|&\s+)?{word}){{0,5}}"
            rf"(?:\s+of\s+(?:the\s+)?{word}(?:\s+(?:of\s+)?{word}){{0,3}})?")  # "... of the Republic of Korea"
        owners = _alternatives(w.title() for w in {*words["office_words"], *words["member_titles"],
                                                   *words["possessive_owners"]})
        self.possessive_body = _compile(  # "the President's Council of Advisors on Science and Technology"
            rf"(?<![\w-])(?P<owner>(?:Mount\s+)?(?:St\.|Saint)\s+{word}"
            rf"|(?:{word}\s+){{0,3}}(?:[A-Z][a-z]+-)?(?:{owners}))['’]s"  # "Prosecutor-General's Office"
            rf"(?:\s+{word}(?:\s+(?:and|&)\s+{word})?){{0,5}}\s+(?:{heads})\b"
            rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{word}(?:\s+(?:and\s+|&\s+)?{word}){{0,5}}){{0,2}}")
        listed_item = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b(?!\s+[A-Z])"  # a field, not a longer name
        self.listed_tail = _compile(rf"(?P<items>(?:,\s+{listed_item})*),?\s+(?:and|&)\s+{listed_item}")
        joint_heads = _alternatives(w.title() if w.islower() else w
                                    for w in [*words["joint_body_heads"], *words["organisation_heads"]])
        side = _PAIR_SIDE
        named = rf"{word}(?:['’]s)?"  # "Alliance for Women’s Economic Empowerment"
        self.joint_body = _compile(
            rf"(?<![\w.-])(?P<first>{side})[-–](?P<second>{side})(?P<words>(?:\s+(?:(?:and|&)\s+)?{word}){{0,6}})"
            rf"\s+(?:{joint_heads})\b"
            rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{named}"
            rf"(?:\s+(?:(?:and|&)\s+(?!{word}\s+(?:of|for|on)\b))?{named}){{0,5}})?")
        portfolios = (w for p in words["ministry_portfolios"].values() for w in p["words"])
        self.ministry = _compile(
            rf"\b(?:(?P<owner>[A-Z][A-Za-z]+)\s+)?(?:{_alternatives(portfolios)})\s+ministry\b", re.I)
        services = [w for ws in words["services"].values() for w in ws]
        self.service = _compile(rf"\b(?P<owner>[A-Z][A-Za-z]+)(?:['’]s)?\s+(?:{_alternatives(services)})\b")
        group_heads = _alternatives([*words["group_heads"], *words["member_heads"]])
        group_modifiers = _alternatives(words["group_modifiers"])
        self.group = _compile(rf"\b(?P<owner>{word}(?:\s+{word})?)(?:-led)?\s+(?:(?:{group_modifiers})\s+){{0,2}}"
                                rf"(?P<head>{group_heads})\b")
        self.bare_service = _compile(rf"\b(?:{_alternatives(w.title() for w in services)})\b")
        self.variant = _compile(words["variant_marker"])
        self.seat = _compile(rf"\s+in\s+(?P<place>{word}(?:\s+{word}){{0,2}})")
        self.dateline = _compile(r"(?:^|\n)(?P<place>[A-Z][A-Z.' -]+[A-Z]),\s")
        place_nouns = _alternatives(words["place_nouns"])
        self.place = _compile(rf"\b(?P<place>{word}(?:\s+{word})?)\s+(?i:{place_nouns})\b")
        roles = _alternatives(words["person_role_nouns"])
        offices = _alternatives([*words["office_words"], *(w.title() for w in words["office_words"])])
        self.titled_person = _compile(rf"\b(?:{offices})\s+(?P<name>{word}(?:\s+{word}){{1,5}})")
        self.place_comma = _compile(rf",\s+{word}(?=[,.;:)]|\s+[a-z])")  # "Austin, Texas": a place and its region
        self.country_after = _compile(r",\s+(?P<country>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=[,.;:)]|\s+[a-z])")
        self.honorific = _compile(rf"\b(?:Mr|MR|Mrs|MRS|Ms|MS|Dr|DR|Prof)\.?\s+(?P<name>{word}(?:\s+{word}){{0,3}})"
                                  rf"|\b(?P<kunya>(?:Abu|Umm)\s+{word}(?:\s+{word}){{0,2}})")  # Abu Haidar
        self.possessed_place = _compile(rf"['’]s\s+{word}\s+(?:{place_nouns})\b")
        self.appositive = _compile(rf"\b(?:{roles}),\s+(?P<name>{word}(?:\s+{word}){{0,3}})"
                                     rf"(?=[,.;]|\s+(?:said|told|added)\b)")
        self.law_title = _compile(rf"['’]s(?:\s+{word}){{1,6}}\s+Act\b")
        settlements = _alternatives(words["settlement_nouns"])
        self.place_of = _compile(rf"\b(?i:{settlements})\s+of\s+(?P<place>{word}(?:\s+{word}){{0,2}})")
        broadcasters = _alternatives(words["broadcaster_heads"])
        self.broadcaster = _compile(
            rf"\b(?P<owner>[A-Z][A-Za-z.]+)\s+(?:state\s+|[Ss]tate-run\s+)?(?:{broadcasters})\b")
        self.military = _compile(r"\b(?P<owner>[A-Z][A-Za-z.]+)\s+military\b")
        # "University of Maryland, College Park", "... at Omaha": a campus named by its town (not "..., M.D.")
        self.campus = _compile(rf"\bUniversity\s+of\s+{word}(?:\s+{word})?(?:,\s+|\s+at\s+|\s+[–—-]\s+)"
                               r"(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=[.;:)]|,\s+[a-z]|\s+(?!of\b)[a-z])")
        parties = _alternatives(words["party_adjectives"])
        self.party = _compile(rf"(?<![\w-])(?P<party>{parties})(?=\s+(?:(?:and|or)\s+(?:{parties})\s+)?"
                              rf"(?:congressional\s+)?(?:{_alternatives(words['party_nouns'])})\b)")
        # A moderator's turn: "we'll go next to Aurelia with AFP", "Thanks, Eduardo." (guideline: first names count).
        outlet_word = r"[A-Z][\w&’'-]*(?:\.[\w&’'-]+)*"  # "Lenta.ru", but not "NBC. Andrea"
        outlet = rf"(?P<outlet>{outlet_word}(?:\s(?:{outlet_word}|\d+)){{0,3}})"
        self.called_on = _compile(rf"\b(?:question|[Ww]e['’]ll|[Ww]e\swill|[Ll]et['’]s|I['’]ll)\s(?:\w+\s)?go(?:es)?\s"
                                  rf"(?:(?:next|first|now)\s)?to\s(?P<name>{word}(?:\s{word})?)"
                                  rf"(?:\s(?:with|from)\s{outlet}(?=[.,]))?")
        self.thanked = _compile(rf"(?:^|\n|[.:]\s)(?:Thanks|Thank\syou|Go\sahead),\s(?P<name>{word})(?=[.,!?]|\s[—–-])")
        self.cabinet = _compile(r"\b[Tt]he\s+(?P<name>Government)\b(?!\s+(?:of\b|[A-Z]))")  # not "Government Department"
        self.agency_name = _compile(r"\bnews\s+agency\s+(?P<name>[A-Z][A-Za-z]+)\b")
        self.board = _compile(rf"(?:(?:{_alternatives(words['board_qualifiers'])})\s+)?(?:{_alternatives(words['board_words'])})"
                              rf"(?:\s+of\s+(?:{_alternatives(words['board_members'])}))?\s+(?:of|for)\s+(?:the\s+)?")
        board_words = _alternatives(words["board_words"])
        self.board_to = _compile(  # "Board of Visitors to the U.S. Naval Academy": the board is the body
            rf"\b(?:{board_words})\s+of\s+(?:{_alternatives(words['board_members_to'])})\s+to\s+the\s+{run}\s+(?:{heads})\b")
        self.award = _compile(rf"\b(?:{_alternatives(words['award_heads'])})(?:$|\s+(?:for|of|in)\b)")
        self.award_after = _compile(  # "Navy Distinguished Service| Medal", "Department of Commerce Bronze| and Silver Medals"
            rf"(?:\s+and\s+[A-Z][\w/-]*)?\s+(?:{_alternatives(words['award_heads'])})\b")
        self.portfolio_office = _compile(rf"\b(?:{_alternatives(words['portfolio_offices'])})\s+of\s+(?:the\s+)?$", re.I)
        self.task_force = _compile(r"\b(?:(?:Combined|Joint|Coalition)\s+)*Task\s+Force\s+\d+\b")  # "Task Force 59"
        self.nicknamed = _compile(rf"\b(?P<name>{word}\s+[\"“][A-Z][a-z]+[\"”]\s+{word}(?:\s+{word})?)")
        self.government = _compile(r"[Gg]overnment\s+of\s+(?:the\s+)?$")
        item = r"[A-Z][\w&.’'-]*(?:\s[A-Z0-9][\w&.’'-]*){0,3}"
        self.list_item = _compile(rf"(?<![\w&.’'-]){item}")
        self.name_list = _compile(rf"(?<![\w&.’'-]){item}(?:,\s+{item}){{1,}},?\s+(?:and|or)\s+{item}")
        self.administration = _compile(r"\b(?P<names>[A-Z][a-z]+(?:-[A-Z][a-z]+)*)\s+[Aa]dministration\b")
        portfolio = r"(?:the\s+)?[A-Z][A-Za-z]+(?:\s+(?:Security|Affairs|Resources|Welfare))?"
        self.portfolio = _compile(portfolio)
        self.departments = _compile(rf"\b(?P<head>Department|Ministr)(?:s|ies)\s+of\s+{portfolio}"
                                    rf"(?:,\s+{portfolio})*,?\s+and\s+{portfolio}\b(?!\s+(?:of|for)\b)")
        item = r"[A-Z][\w-]*(?:\s[A-Z][\w-]*)?"
        self.shared_head = _compile(rf"\b{item}(?:,\s+{item})*(?:,?\s+and\s+|,\s+){item}\s+"
                                    rf"(?P<head>Fleets|Commands|Military\sDistricts|classes)\b")
        self.shared_item = _compile(item)


class EntityRecogniser:
    """The ``defgraph_entities`` component (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "defgraph_entities") -> None:
        self.name = name
        words = word_lists()
        self.gazetteer = gazetteer()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.form_info: dict[str, tuple[str, str, str]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        for text, entity_id, entity_type, kind in self.gazetteer.forms:
            key = f"{entity_id}|{kind}"
            self.form_info[key] = (entity_id, entity_type, kind)
            (exact if is_case_sensitive(text) else folded).setdefault(key, []).append(nlp.make_doc(text))
        for key, docs in exact.items():
            self.exact.add(key, docs)
        for key, docs in folded.items():
            self.folded.add(key, docs)
        self.patterns = Patterns(words)
        self.system_forms = frozenset(text for text, _, entity_type, _ in self.gazetteer.forms
                                      if entity_type == "WeaponSystem")
        self.stoplist = {w.lower() for w in words["designation_stoplist"]}
        self.bad_prefixes = set(words["designation_prefixes"])
        self.titles = {w.lower() for w in words["person_titles"]}
        self.person_stopwords = {w.lower() for w in words["person_stopwords"]}
        self.calendar = self.person_stopwords | set(words["calendar_words"])
        self.date_names = set(words["date_names"]) | set(words["calendar_words"])
        self.offices = set(words["office_words"])
        self.member_titles = set(words["member_titles"])
        self.office_openers = set(words["office_openers"])
        self.not_organisations = {w.lower() for w in words["not_organisations"]}
        self.portfolio_words = {w for p in words["ministry_portfolios"].values() for w in p["words"]}
        self.organisation_heads = set(words["organisation_heads"])
        self.body_heads = self.organisation_heads | set(words["joint_body_heads"]) | set(words["non_body_heads"])
        self.remit_tails = set(words["remit_tails"])
        self.title_followers = set(words["title_followers"])
        self.name_enders = list(words["name_enders"])
        self.continuing_words = set(words["name_continuing_words"])
        self.dangling_words = self.continuing_words | set(words["name_dangling_words"])
        self.owner_words = set(words["name_owner_words"])
        self.topic_words = set(words["name_topic_words"])
        self.bare_services = {w.title() for ws in words["services"].values() for w in ws}
        self.member_heads = set(words["member_heads"])
        self.place_prepositions = set(words["place_prepositions"])
        self.function_words = STOP_WORDS | self.place_prepositions
        self.not_first_names = self.titles | self.offices | self.function_words  # "go to Secretary ..." names none
        self.place_prefixes = set(words["place_prefixes"])
        self.place_verbs = set(words["place_verbs"])
        self.place_names = set(words["place_names"])
        self.common_given_names = set(words["common_given_names"])
        self.kin_nouns = set(words["kin_nouns"])
        self.surname_titles = set(words["surname_titles"])
        self.title_qualifiers = set(words["title_qualifiers"])
        self.place_name_tails = set(words["place_nouns"]) | set(words["place_name_tails"])
        self.organisation_prefixes = set(words["organisation_prefixes"])
        self.seated_heads = set(words["seated_heads"])
        self.leader_surnames = leader_surnames()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        catalogue = list(self.catalogue_candidates(doc, text))
        catalogue += _joined_systems(catalogue)
        taken = _coverage(len(text), (c for c in catalogue if c.type != "WeaponSystem"))
        systems = {c.end: c.start for c in catalogue if c.type == "WeaponSystem"}
        candidates = [*catalogue, *self.rule_candidates(doc, text, taken, systems), *self.ner_candidates(doc, text)]
        known = _coverage(len(text), catalogue)
        candidates = [self.with_seat(doc, text, c) for c in (self.whole_name(text, c, known) for c in candidates)
                      if c is not None]
        if ships := self.ship_candidates(text):  # "USS Georgia" is a ship however NER reads it, its unit no body
            candidates = [ship for ship, _ in ships] + [c for c in candidates if c.rank == CATALOGUE or not any(
                c.start < unit_end and ship.start < c.end for ship, unit_end in ships)]
        if called := list(self.called_on_candidates(text, taken)):  # "go to Ondine with Harbour Radio": no one name
            candidates = called + [c for c in candidates if c.rank == CATALOGUE or not any(
                c.start < other.end and other.start < c.end for other in called)]
        departments = [*self.department_candidates(text), *self.shared_head_candidates(text)]
        if departments:  # "the Departments of State and Commerce" names two departments, not one body
            spans = [(c.start, c.end) for c in departments]
            candidates = departments + [c for c in candidates if not any(
                c.start < end and start < c.end for start, end in _joined_spans(spans))]
        chosen = self.listed_organisations(text, select(candidates))
        inner = nested(text, chosen, [*(c for c in catalogue if c.id is not None), *self.leader_candidates(text)])
        doc._.entities = group(text, sorted(chosen + inner, key=lambda c: (c.start, c.end)), self.gazetteer.names)
        for entity in doc._.entities:
            if entity.name.startswith(GOVERNMENT) and not entity.in_catalogue:  # its fullest form as written
                entity.name = max((m.text for m in entity.mentions), key=len)
        return doc

    def whole_name(self, text: str, candidate: Candidate, known: bytearray) -> Candidate | None:
        """A name that ends on a function word, whole: run on to the capitalised words that follow a continuing
        word ("Lightweight Innovations for Tomorrow", "Contest of Ballet Dancers and Choreographers"), else without
        the dangling word ("Armed Forces for the", "University of X and University of Y", "European Quad on
        Ukraine"); none when it runs on into a name the catalogue knows ("Geological Survey of India"), names an office
        ("Secretaries of Treasury") or is one word once the dangling ones go ("Department of —", "North and South")."""
        if candidate.id is not None or candidate.name is not None or candidate.type not in NESTED:
            return candidate
        start, end = candidate.start, candidate.end
        upper = text[start:end].isupper()
        stop = self.function_words | self.offices  # "Ministry of | Defence Minister X" runs on to "Defence" only
        while (last := re.search(r"\s(\S+)$", text[start:end])) and last.group(1).lower() in self.dangling_words \
                and (upper or last.group(1).islower()):
            word, before = last.group(1).lower(), text[start:start + last.start()].lower().split()
            rest = _RUN_ON.match(text, end) if word in self.continuing_words and not set(before) & (
                self.offices | self.title_followers) and (len(before) > 1 or word not in ("and", "&")) else None
            if rest is not None and rest.group("the") and word not in self.owner_words:
                rest = None  # "Armed Forces for | the Past"
            run = end
            for follower in _WORD.finditer(text, rest.start("words"), rest.end()) if rest is not None else ():
                first, folded_word = run == end, follower.group(0).lower()
                if any(known[follower.start():follower.end()]):
                    if word not in self.topic_words:
                        return None
                    run = end  # "European Quad on | Ukraine"
                    break
                if folded_word in stop or first and word in ("and", "&") and (
                        folded_word in self.organisation_heads or folded_word == before[0]):
                    break  # "University of X and | University of Y": a second name
                run = follower.end()
            if run > end:
                return candidate._replace(end=run)
            end = start + last.start()
        if end == candidate.end:
            return candidate
        return candidate._replace(end=end) if " " in text[start:end].strip() else None  # not "Department", "North"

    def with_seat(self, doc: Doc, text: str, candidate: Candidate) -> Candidate:
        """"the U.S. Embassy in Tegucigalpa", "the UN Monitoring Mission in Ukraine": a mission's name runs on to the
        country or city it sits in (a place NER, the catalogue or the place list knows; not "in September")."""
        if candidate.type != "Organization" or candidate.id is not None or candidate.name is not None:
            return candidate
        head = text[candidate.start:candidate.end].split()[-1]
        seat = self.patterns.seat.match(text, candidate.end)
        if not head[:1].isupper() or head.lower() not in self.seated_heads or seat is None:
            return candidate
        place = doc.char_span(*seat.span("place"), alignment_mode="expand")
        named = place is not None and all(t.ent_type_ in ("GPE", "LOC") for t in place)
        if named or self.is_country_word(seat.group("place")) or self.is_known_place(seat.group("place")):
            return candidate._replace(end=seat.end())
        return candidate

    def department_candidates(self, text: str) -> Iterator[Candidate]:
        """Each department of "the Departments of State, Labor and the Treasury": the first named by its
        whole phrase ("Departments of State"), the others by their portfolio, each as "Department of X"."""
        for match in finditer(self.patterns.departments, text):
            head = match.group("head") + ("y" if match.group("head") == "Ministr" else "")
            portfolios = list(self.patterns.portfolio.finditer(text, match.end("head") + 4, match.end()))
            if any(p.group(0).split()[-1].lower() in self.organisation_heads for p in portfolios):
                continue  # "Departments of State and the Defense Agency": another body
            for number, portfolio in enumerate(portfolios):
                start = match.start() if number == 0 else portfolio.start() + (4 if portfolio.group(0).startswith("the ") else 0)
                yield Candidate(start, portfolio.end(), "Organization", None, "coordinated", RULE,
                                f"{head} of {portfolio.group(0)}")

    def shared_head_candidates(self, text: str) -> Iterator[Candidate]:
        """Each name of "the Baltic, Northern and Pacific Fleets" or "the Ohio and Columbia classes", named with
        the head they share ("Baltic Fleet", "Ohio-class")."""
        for match in finditer(self.patterns.shared_head, text):
            head = match.group("head")
            items = [m for m in self.patterns.shared_item.finditer(text, match.start(), match.start("head"))
                     if m.group(0) != "and"]
            if any(m.group(0).split()[0].lower() in self.function_words for m in items):
                continue
            for item in items:
                if head == "classes":
                    name = f"{item.group(0)}-class"
                    found = self.gazetteer.find(name)
                    known = found[0] if found is not None and found[1] == "WeaponSystem" else None
                    yield Candidate(item.start(), item.end(), "WeaponSystem", known, "coordinated", RULE, name)
                else:
                    yield Candidate(item.start(), item.end(), "Organization", None, "coordinated", RULE,
                                    f"{item.group(0)} {head[:-1]}")

    def listed_organisations(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """In a list of names many of which are organisations ("Oracle, Uber, AMD and Nvidia"), the other
        names are organisations too: the companies NER missed, misread or ran together across a comma."""
        keep = {(c.start, c.end): c for c in chosen}
        for match in self.patterns.name_list.finditer(text):
            items = [m.span() for m in self.patterns.list_item.finditer(text, match.start(), match.end())]
            inside = [c for c in chosen if match.start() <= c.start and c.end <= match.end()]
            joined = [c for c in inside if c.rank == NER and c.type == "Organization" and "," in text[c.start:c.end]]
            known = {(c.start, c.end): c for c in inside if c not in joined}
            organisations = sum(span in known and known[span].type == "Organization" for span in items)
            if organisations < 2 or organisations * 3 < len(items):
                continue
            for c in joined:
                del keep[(c.start, c.end)]
            taken = _coverage(len(text), known.values())
            for start, end in items:
                c = known.get((start, end))
                if text[start:end].split()[0].lower() in self.function_words | self.calendar \
                        or self.is_country_word(text[start:end]):
                    continue
                if c is None and not any(taken[start:end]) or c is not None and c.rank == NER \
                        and c.type in ("Person", "Location"):
                    keep[(start, end)] = Candidate(start, end, "Organization", None, "listed", RULE)
        return sorted(keep.values())

    def leader_candidates(self, text: str) -> Iterator[Candidate]:
        """The leaders an administration is named after: "Biden" and "Harris" in "the Biden-Harris Administration"."""
        for match in finditer(self.patterns.administration, text):
            offset = match.start("names")
            for surname in re.finditer(r"[^-]+", match.group("names")):
                if surname.group(0) in self.leader_surnames:
                    yield Candidate(offset + surname.start(), offset + surname.end(), "Person", None, "name", RULE)

    # -- the catalogue --------------------------------------------------------------------------------

    def catalogue_candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        for matcher, case_folded in ((self.exact, False), (self.folded, True)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                entity_id, entity_type, kind = self.form_info[doc.vocab.strings[match_id]]
                if case_folded and span.text[0].isalpha() and not span.text[0].isupper():
                    continue  # "spike" is not the Spike missile, "naval group" not Naval Group
                if span[0].ent_type_ in NUMERIC_LABELS and not any(c.isdigit() for c in span.text) \
                        and not (start > 0 and doc[start - 1].text in DASHES and doc[start - 1].ent_iob_ == "I"):
                    continue  # "May" the month, not the Il-38's reporting name; but a dateline's "October 5 - Russia"
                if kind == "capital" and self.is_place(span):
                    yield Candidate(span.start_char, span.end_char, "Location", None, "name", CATALOGUE)
                    continue
                begin, finish, rank = span.start_char, span.end_char, CATALOGUE
                if entity_type == "WeaponSystem" and (variant := self.patterns.variant.match(text, finish)):
                    finish, rank = variant.end(), RULE  # Tejas Mk1A, unless the catalogue has it
                if entity_type == "Organization" and text.startswith(" news agency", finish):
                    finish += 12  # TASS news agency
                if entity_type == "Country":  # the Government of India, the US government
                    government = self.patterns.government.search(text, max(0, begin - 20), begin)
                    if kind != "capital" and (government and text[government.start()] == "G"
                                              or text.startswith(GOVERNMENT_AFTER, finish)):
                        yield self.government_candidate(text, government, begin, finish, entity_id)
                        government = None  # the country is named inside its government's name
                    begin = government.start() if government else begin
                    finish += 11 if text.startswith(" government", finish) else 0
                yield Candidate(begin, finish, entity_type, entity_id, kind, rank)

    def government_candidate(self, text: str, government: re.Match | None, begin: int, finish: int,
                             country_id: str) -> Candidate:
        """"the Government of Iraq", "the Russian Government": a country's government is a body of its own;
        every spelling of one country's government is one entity, named after the country."""
        start = government.start() if government and text[government.start()] == "G" else begin
        end = finish + len(GOVERNMENT_AFTER) if text.startswith(GOVERNMENT_AFTER, finish) and start == begin else finish
        return Candidate(start, end, "Organization", None, "name", CATALOGUE,
                         f"{GOVERNMENT}{self.gazetteer.names.get(country_id, text[begin:finish])}")

    def is_place(self, span: Span) -> bool:
        """A capital names a place, not its state, in a dateline or after "in", "at", "visited"."""
        if span.text.isupper() and (span.start == 0 or "\n" in span.doc[span.start - 1].text):
            return True  # OSLO, March 3 (Reuters) -
        doc = span.doc
        if span.end < len(doc) and doc[span.end].text in ("-", "–") and not doc[span.end - 1].whitespace_:
            return True  # "London-based", "Moscow-backed": a compound adjective names the city
        if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an") and span.end < len(doc) \
                and doc[span.end].pos_ == "NOUN":
            return True  # "a Geneva institute"
        root, head = span.root, span.root.head
        if root.dep_ == "pobj" and (head.lower_ in self.place_prepositions
                                    or head.lower_ == "to" and head.head.lemma_ in self.place_verbs):
            return True  # "talks in Moscow", "a visit to Tromsø"
        return root.dep_ == "dobj" and head.lemma_ in self.place_verbs

    # -- shape rules ----------------------------------------------------------------------------------

    def rule_candidates(self, doc: Doc, text: str, taken: bytearray,
                        systems: dict[int, int]) -> Iterator[Candidate]:
        yield from self.system_candidates(doc, text, taken, systems)
        yield from self.plural_candidates(text, taken)
        yield from self.organisation_candidates(doc, text, taken)
        yield from self.party_candidates(text, taken)
        yield from self.titled_surname_candidates(doc, taken)
        patterns = self.patterns
        for pattern in (patterns.dateline, patterns.place, patterns.place_of):
            for match in finditer(pattern, text):
                start, end = match.span("place")
                if pattern is patterns.place and text[match.end() - 1:match.end()].isalpha() \
                        and text[end + 1:end + 2].isupper():
                    end = match.end()  # the noun is part of the name: "Tharthar Barrage"
                if not any(taken[start:end]) and text[start:end].lower() not in STOP_WORDS:
                    yield Candidate(start, end, "Location", None, "name", RULE)
        for match in patterns.nicknamed.finditer(text):  # Richard "Tex" Coe
            start, end = match.span("name")
            if not any(taken[start:end]) and self.is_person_words(re.sub(r"[\"“”]", "", text[start:end]).split()):
                yield Candidate(start, end, "Person", None, "name", RULE)
        for pattern in (patterns.appositive, patterns.titled_person, patterns.honorific):
            for match in finditer(pattern, text):
                start, end = match.span("name") if match.group("name") else match.span("kunya")
                while (word := re.match(r"(\S+)\s+", text[start:end])) and word.group(1).lower() in self.titles:
                    start += word.end()  # "Air Vice Marshal Tomas Berg"
                end = self.name_end(text, start, end)
                words = text[start:end].split()
                if not any(taken[start:end]) and self.is_person_words(words, pattern is patterns.honorific):
                    yield Candidate(start, end, "Person", None, "name", RULE)

    def titled_surname_candidates(self, doc: Doc, taken: bytearray) -> Iterator[Candidate]:
        """A one-word name NER missed right after a capitalised title ("Speaker Velden", "Mayor Orlan"), when no
        capitalised word runs on after it; not a title's own qualifier ("Ambassador Extraordinary", "Secretary
        General"), an office, a place or a name the catalogue knows."""
        for title in doc[:-1]:
            name = doc[title.i + 1]
            if not self.is_surname_title(title) or title.whitespace_ != " " or name.pos_ != "PROPN" \
                    or not name.is_title or not name.text[-1].isalpha() or any(taken[name.idx:name.idx + len(name)]):
                continue
            after = doc[name.i + 1] if name.i + 1 < len(doc) else None
            if after is not None and (after.is_title and after.is_alpha
                                      or not name.whitespace_ and after.text in DASHES):
                continue  # "President Ana Reyes", "Secretary Jean-Pierre": a longer name, NER's to read
            word = name.lower_
            if word in self.title_qualifiers or word in self.offices or word in self.titles \
                    or word in self.member_titles or word in self.function_words \
                    or self.gazetteer.find(name.text) is not None or self.is_known_place(name.text) \
                    or not self.is_person_words([name.text]):
                continue
            yield Candidate(name.idx, name.idx + len(name), "Person", None, "name", RULE)

    def party_candidates(self, text: str, taken: bytearray) -> Iterator[Candidate]:
        """A party named by its adjective before its people or its side: "Republican senators", "both Democratic
        and Republican members", but not inside a longer name ("Syrian Democratic forces")."""
        parties = word_lists()["party_adjectives"]
        for match in finditer(self.patterns.party, text):
            start, end = match.span("party")
            found = self.gazetteer.find(parties[match.group("party")])
            before = re.search(r"([A-Z][\w.’'-]*)\s+$", text[max(0, start - 30):start])
            if found is None or any(taken[start:end]) or before and before.group(1).lower() not in self.function_words:
                continue
            yield Candidate(start, end, "Organization", found[0], "alias", RULE)

    def plural_candidates(self, text: str, taken: bytearray) -> Iterator[Candidate]:
        """Systems named in the plural where nothing else read them: "220 Tomahawks", "send Bradleys", "the
        Black Hawks". A plain word that opens a sentence ("Patriots like ...") or sits in a heading ("Risks and
        Harms") is left to the recogniser."""
        for match in _CAPITALISED_PLURAL.finditer(text):
            before, word = match["before"], match["word"]
            start, end = match.span("word")
            singular = word[:-1]
            if before and before.lower() not in self.function_words and f"{before} {singular}" in self.system_forms:
                start, singular = match.start("before"), f"{before} {singular}"  # the Black Hawk, not the Hawk
            found = self.gazetteer.find(singular)
            if any(taken[start:end]) or found is None or found[1] != "WeaponSystem" \
                    or not (singular in self.system_forms or singular.isupper()):
                continue  # "Harms" is no HARM missile: a plural keeps the case of the system's form
            if word.isalpha() and word[1:].islower() and start == match.start("word") \
                    and (_opens_sentence(text, start) or _in_heading(text, start)):
                continue
            yield Candidate(start, end, "WeaponSystem", found[0], "alias", RULE)

    def called_on_candidates(self, text: str, taken: bytearray) -> Iterator[Candidate]:
        """The people a moderator calls on or thanks by name ("go next to Aurelia with AFP", "Thanks, Eduardo."),
        and the outlet a caller is with."""
        for pattern in (self.patterns.called_on, self.patterns.thanked):
            for match in finditer(pattern, text):
                start, end = match.span("name")
                words = text[start:end].split()
                if any(taken[start:end]) or words[0].lower() in self.not_first_names \
                        or self.gazetteer.type_of(text[start:end]) is not None or not self.is_person_words(words):
                    continue
                yield Candidate(start, end, "Person", None, "name", RULE)
                if "outlet" in match.re.groupindex and match.group("outlet"):
                    yield Candidate(*match.span("outlet"), "Organization", None, "name", RULE)

    def system_candidates(self, doc: Doc, text: str, taken: bytearray,
                          systems: dict[int, int]) -> Iterator[Candidate]:
        """Designations, "<Name> helicopters", "Light Utility Helicopter", "INS Vikrant"; ``systems`` maps
        the end of a catalogue system's mention to its start ("Leopard 2" in "Leopard 2 tanks")."""
        patterns = self.patterns
        for match in patterns.designation.finditer(text):
            if self.is_designation(match):
                yield Candidate(match.start(), match.end(), "WeaponSystem", None, "name", RULE)
        for match in patterns.system_phrase.finditer(text):
            start, end = match.span("name")
            if self.is_system_name(doc, text, start, end, taken):
                yield Candidate(min(start, systems.get(end, start)), match.end(), "WeaponSystem", None, "name", RULE)
                other = patterns.coordinated.search(text, max(0, start - 40), start)
                if other and self.is_system_name(doc, text, *other.span("name"), taken):
                    yield Candidate(*other.span("name"), "WeaponSystem", None, "name", RULE)
        for match in finditer(patterns.ship_named, text):  # "the frigate Admiral Gorshkov"
            start, end = match.span("name")
            words = text[start:end].split()
            if not any(taken[start:end]) and words[0].lower() not in self.function_words | self.calendar \
                    and not self.is_country_word(words[0]):
                yield Candidate(start, end, "WeaponSystem", None, "name", RULE)
        for match in finditer(patterns.ship_before_type, text):  # "the Knyaz Kestrel lead cruiser"
            names = [match.span("name")]
            if match.group("other") and match.group("plural"):  # "the X and Y frigates": two ships
                names.append(match.span("other"))
            for start, end in names:
                if self.is_ship_name(text, start, end, taken):
                    yield Candidate(start, end, "WeaponSystem", None, "name", RULE)
        for match in finditer(patterns.system_name, text):
            start, end = _trim_leading(text, match.start(), match.end())
            if end > start and not any(taken[start:end]):
                yield Candidate(start, end, "WeaponSystem", None, "name", RULE)

    def is_ship_name(self, text: str, start: int, end: int, taken: bytearray) -> bool:
        """Whether the words before a ship's type name that ship: not a country's or a body's ("Russian Navy
        frigate", "Black Sea Fleet cruisers") nor one the catalogue knows as something else."""
        words = text[start:end].split()
        return len(words) >= 2 and not any(taken[start:end]) and not any(
            w.lower() in self.function_words | self.calendar | self.body_heads or self.is_country_word(w)
            or w in self.bare_services for w in words)

    def ship_candidates(self, text: str) -> list[tuple[Candidate, int]]:
        """Ships named with their navy's prefix ("USS Gerald R. Ford", "INS Vikrant"), without the unit they lead
        ("USS Wasp Amphibious Ready Group"), each with the end of that unit's name."""
        ships = []
        for match in finditer(self.patterns.ship, text):
            start, end = _trim_leading(text, match.start(), match.end())
            while (follower := self.patterns.ship_follower.search(text, start, end)) and follower.start() > start:
                end = follower.start()
            if " " in text[start:end]:  # "USS Georgia" is no country
                unit = self.patterns.ship_unit.match(text, end)
                ships.append((Candidate(start, end, "WeaponSystem", None, "name", RULE), unit.end() if unit else end))
        return ships

    def organisation_candidates(self, doc: Doc, text: str, taken: bytearray) -> Iterator[Candidate]:
        """"X Limited", "Ministry of X", "defence ministry", "Indian armed forces", a bare "Army"."""
        patterns = self.patterns
        spans: list[tuple[int, int]] = []
        for match in patterns.organisation.finditer(text):
            spans.extend((start, self.owner_end(text, start, self.listed_end(text, start, end)))
                         for start, end in self.organisation_spans(text, *match.span(), taken)
                         if text[start:end].lower() not in self.not_organisations)
        for match in finditer(patterns.possessive_body, text):  # "the White House Counsel's Office"
            start = match.start()
            while (word := re.match(r"(\S+)\s+", text[start:match.end()])) and word.group(1).lower() in STOP_WORDS:
                start += word.end()  # "The", but not the owner's "'s" as _trim_leading would
            after = doc.char_span(match.end() + 1, match.end() + 1, alignment_mode="expand")
            following = doc[after.start] if after is not None and after.start < len(doc) else None
            if following is not None and following.pos_ == "NOUN" and following.is_lower:
                continue  # "the President's Oval Office address" names no body
            if not any(self.is_country_word(w) for w in text[start:match.end("owner")].split()):
                spans.append((start, match.end()))  # not "Israel's Prime Minister's Office"
        for pattern in (patterns.ministry, patterns.service):
            for match in finditer(pattern, text):
                start = match.start()
                if match.group("owner") and not self.is_country_word(match.group("owner")):
                    if pattern is patterns.service:
                        continue  # "Ukrainian army" yes, "the regular army" no
                    start = match.start("owner") + len(match.group("owner")) + 1
                spans.append((start, match.end()))
        for match in finditer(patterns.joint_body, text):  # "U.S.-India CEO Forum"
            if self.is_joint_body(match):
                spans.extend(self.organisation_spans(text, *match.span(), taken))
        spans.extend(match.span() for match in finditer(patterns.bare_service, text))
        for match in patterns.broadcaster.finditer(text):  # "Iraqi state television"
            if self.is_country_word(match.group("owner")):
                spans.append(match.span())
        for match in finditer(patterns.military, text):  # "the Iraqi military said", not "Iraqi military aid"
            after = doc.char_span(match.end() + 1, match.end() + 1, alignment_mode="expand")
            following = doc[after.start] if after is not None and after.start < len(doc) else None
            if self.is_country_word(match.group("owner")) and (
                    following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ") or following.is_title):
                spans.append(match.span())
        spans.extend(match.span("name") for match in finditer(patterns.agency_name, text))  # "news agency Sana"
        spans.extend(match.span() for match in finditer(patterns.task_force, text))  # "Combined Task Force 150"
        spans.extend(match.span() for match in finditer(patterns.board_to, text))  # "Board of Visitors to the X"
        for match in finditer(patterns.campus, text):
            words = match.group("place").lower().split()  # a town ("College Park"), not a body or an office
            if words[-1] not in self.organisation_heads and not set(words) & (self.offices | self.titles) \
                    and self.gazetteer.type_of(match.group("place")) != "Organization":
                spans.append(match.span())
        spans.extend(match.span("name") for match in finditer(patterns.cabinet, text))  # "the Government" capitalised
        for match in finditer(patterns.group, text):
            start = _trim_leading(text, match.start(), match.end())[0]
            if self.owns_group(doc, text, start, match, taken):
                spans.append((start, match.end()))
        for start, end in spans:
            if (start := self.after_opening_verb(doc, text, start, end)) is None:
                continue
            end = self.service_end(text, start, end)
            if not self.in_title(text, end) and (text[start:end] in self.bare_services or not self.is_award(text, start, end)):
                yield Candidate(start, end, "Organization", None, "name", RULE)

    def after_opening_verb(self, doc: Doc, text: str, start: int, end: int) -> int | None:
        """Where a name starts after a verb that opens its line ("Directed the Department of Justice to ...", a deed
        in a list; "Visiting Severnaya Verf Shipyard", "Expanding National Science Foundation Collaboration:", a
        heading) or follows "to" ("to Deploy Safe and Secure Nuclear Energy"); None when what follows names no body.
        A gerund opens a heading only ("Countering Weapons of Mass Destruction Office" is a name)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return start
        verb = span[0]
        if not (verb.is_alpha and verb.is_title and verb.idx == start):
            return start
        infinitive = verb.i > 0 and doc[verb.i - 1].lower_ == "to" and verb.tag_ == "VB"
        if not infinitive and not (_opens_line(text, start) and _is_opening_verb(verb, text, end)):
            return start
        rest, end = _trim_leading(text, verb.idx + len(verb.text) + 1, end)
        words = [w.lower() for w in text[rest:end].split()]
        if not words or not text[rest].isupper() or len(words) == 1 and words[0] in self.organisation_heads \
                or not set(words) & self.organisation_heads and self.gazetteer.type_of(text[rest:end]) != "Organization":
            return None
        return rest

    def is_joint_body(self, match: re.Match) -> bool:
        """"U.S.-India CEO Forum": two countries open the name, and no head ends a name before an "and"
        ("U.S.-India Commercial Dialogue and CEO Forum" is two)."""
        if not is_country_pair(match.group("first"), match.group("second")):
            return False
        words = match.group("words").split()
        return not any(word.lower() in self.body_heads and following in ("and", "&")
                       for word, following in zip(words, words[1:]))

    def owner_end(self, text: str, start: int, end: int) -> int:
        """Where "Ministry of X of <owner>" ends: on the country or body named as its owner ("Office of the
        President of Ukraine", not "... of Ukraine Andriy Yermak"), else where the name ends."""
        owner = _OWNER.match(text, start, end)
        if owner is None:
            return end
        words = list(re.finditer(r"\S+", text[owner.end():end]))
        for word in reversed(words):
            if self.gazetteer.type_of(text[owner.end():owner.end() + word.end()]) in ("Country", "Organization"):
                return owner.end() + word.end()
        return end

    def listed_end(self, text: str, start: int, end: int) -> int:
        """Where a name whose remit lists several fields ends: "Ministry of Economy, Trade and Industry", "Bureau
        of Democracy, Human Rights, and Labor"; not over a list of bodies, offices, places
        ("Ministry of Defence, Navy and Moscow")."""
        name = text[start:end]
        listed = self.patterns.listed_tail.match(text, end)
        if listed is None or not re.search(r"\s(?:of|for)\s", name) or name.split()[-1].lower() in self.body_heads \
                or not (listed.group("items") or "," in name) or name.split()[0].endswith(("ies", "s")):
            return end  # a list needs its commas, and "the Ministries of X, Y and Z" are several
        for item in re.finditer(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?", listed.group(0)):
            words = item.group(0).split()
            if {w.lower() for w in words} & (self.body_heads | self.offices | self.titles) \
                    or any(self.gazetteer.type_of(part) is not None for part in (item.group(0), *words)):
                return end
        return listed.end()

    def first_body_end(self, text: str, start: int, end: int) -> int:
        """Where the first of two bodies a comma joins ends: "Department of Defense, Ministry of Defence of Ukraine",
        "Ministry of the Interior, Federal Security Service", "Ministry of Culture, State Board of Antiquities"."""
        for comma in re.finditer(r",\s+", text[start:end]):
            first, rest = text[start:start + comma.start()], text[start + comma.end():end]
            name = rest.split(" of ")[0]  # but "the Acquisition, Technology and Logistics Agency" is one
            if not any(w.lower() in self.organisation_heads for w in first.split()) or " and " in name:
                continue
            if _BODY_OF.match(rest) or self.gazetteer.type_of(rest) == "Organization" \
                    or rest[:1].isupper() and name.split()[-1].lower() in self.organisation_heads:
                return start + comma.start()
        return end

    def owns_group(self, doc: Doc, text: str, start: int, match: re.Match, taken: bytearray) -> bool:
        """"Iraqi security forces", "ISIL fighters", "Kurdish fighters", "the Assad regime", but members
        only of an organisation ("Coalition partners", not "Indian partners")."""
        owner_end, head = match.end("owner"), match.group("head")
        if start >= owner_end:
            return False  # the owner was an "'s" or a function word: "Russia's troops" is no name
        owner = self.gazetteer.find(text[start:owner_end])
        members = head in self.member_heads
        if owner is not None:
            return owner[1] == "Organization" or owner[1] == "Country" and not members
        if head == "regime" or not members and _is_nationality(doc, start, owner_end):
            return True
        return taken[start] == 0 and text[start:owner_end] in self.bare_services

    def remit_end(self, text: str, start: int, end: int) -> int:
        """Where a service or portfolio named after an office ends, before the office's remit: "Assistant Secretary
        of the Air Force | for Manpower and Reserve Affairs", "Under Secretary of the Army | for Civil Works"."""
        remit = text.find(" for ", start, end)
        if remit > start and self.patterns.portfolio_office.search(text, max(0, start - 30), start):
            return remit
        return end

    def is_award(self, text: str, start: int, end: int) -> bool:
        """"Department of Defense Medal for Distinguished Public Service", "Navy Distinguished Service Medal": an
        honour, no body."""
        return self.patterns.award.search(text, start, end) is not None or self.patterns.award_after.match(text, end) is not None

    def service_end(self, text: str, start: int, end: int) -> int:
        """Where a service named after an office ends: before the office's remit (Under Secretary of the "Army" for
        Civil Works), unless what stands before the remit is a bare portfolio (Secretary of "Defense for Research":
        the office's title runs on to its remit as the roles read it)."""
        cut = self.remit_end(text, start, end)
        return end if self.is_portfolio(text[start:cut]) else cut

    def is_portfolio(self, name: str) -> bool:
        """"Defense", "State": a portfolio's or title's words alone name no body."""
        return all(w in self.portfolio_words | self.titles for w in name.lower().split())

    def in_title(self, text: str, end: int) -> bool:
        """"Defence" Minister, "French Armed Forces" Minister: a name inside an office title."""
        following = text[end:end + 14].split(maxsplit=1)
        return bool(following) and following[0].lower() in self.title_followers

    def is_designation(self, match: re.Match) -> bool:
        code = match.group("code")
        if code is None:
            return True  # Project 1135.6, Type 054A
        if code.lower() in self.stoplist or match.group(0).lower() in self.stoplist:
            return False
        letters = re.sub(r"^[A-Z]{1,2}/|[^A-Za-z].*$", "", code)  # F/A-18 → A, MQ-9B → MQ
        if letters.upper() in self.bad_prefixes:
            return False
        return bool(match.group("dash")) or len(match.group("digits")) >= 3

    def is_system_name(self, doc: Doc, text: str, start: int, end: int, taken: bytearray) -> bool:
        """The name in "<Name> helicopters" is no common word, demonym, other entity or name tail."""
        name = text[start:end]
        if name.lower() in STOP_WORDS or name.lower() in self.person_stopwords or name in self.bare_services:
            return False  # "Coalition aircraft" are no system called Coalition
        found = self.gazetteer.find(name)
        maker = found is not None and found[0] in self.gazetteer.manufacturers
        if (found is not None and found[1] != "WeaponSystem" or any(taken[start:end])) and not maker:
            return False  # but "Kamov helicopters", "Sukhoi fighters" name a family of systems
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span[0].ent_iob_ == "B" and span[0].ent_type_ in ("NORP", "DATE") and (
                span.end == len(doc) or doc[span.end].ent_iob_ != "I"):
            return False  # "Kurdish fighters", but not the Gripen in "Swedish Gripen jets"
        if span.start > 0 and not span[0].is_sent_start:
            before = doc[span.start - 1]
            if (before.text[:1].isupper() or any(c.isdigit() for c in before.text)) \
                    and not self.is_country_word(before.text):
                return False  # "Lockheed Martin jets", "Saab Gripen fighters", "S-400 Triumf system"
        return not (span[0].is_sent_start and not found and doc.vocab[span[0].lower_].is_stop)

    def is_country_word(self, word: str) -> bool:
        return self.gazetteer.type_of(word) == "Country"

    def organisation_spans(self, text: str, start: int, end: int, taken: bytearray) -> list[tuple[int, int]]:
        """Drop leading function words, owners ("India's") and offices ("CEO of"); split "X Fleet and Y Forces".

        The name ends on its head, so before an "and" only a joined name stays ("Research and
        Development Organisation"), not another name, an office holder or a catalogue entity.
        """
        start, end = _trim_leading(text, start, end)
        start = self.board_start(text, self.body_start(text, start, end), end)  # "CEO of Snecma Group"
        for joint in re.finditer(r"\s+(?:and|&)\s+", text[start:end]):
            left_end = start + joint.start()
            words = [w.rstrip("'’") for w in text[start:left_end].lower().split()]
            right = text[start + joint.end():end].split()
            # "Pharmaceuticals and Medical Equipment Agency": a lone head word before a longer name is its first field,
            # unless it names a body itself ("Navy and Strategic Missile Forces", "Alliance and Next G Alliance")
            one_field = len(words) == 1 and len(right) >= 3 and right[-1].lower() in self.organisation_heads \
                and words[0].title() not in self.bare_services and words[0] != right[-1].lower()
            named = bool(words) and words[-1] in self.organisation_heads and not set(words) & self.offices \
                and not one_field \
                or bool(words) and text[start + joint.end():end].split()[:1] == text[start:left_end].split()[:1] \
                or all(_DEPARTMENT_HEAD.search(part) for part in (text[start:left_end], text[start + joint.end():end]))
            if self.gazetteer.type_of(text[start + joint.end():end]) == "Country" \
                    or _first_word(text, start + joint.end()).lower() in self.office_openers:
                return [(start, left_end)]  # "the U.S. Department of Energy and Japan", "... Affairs and Deputy Director"
            if named or set(words) & self.offices or all(taken[start:left_end]):
                first = [(start, left_end)] if named else []
                rest = _OF_NAME.match(text, end) if text[start + joint.end():end] == _first_word(text, start) else None
                return first + self.organisation_spans(text, start + joint.end(), rest.end() if rest else end, taken)
        for tail in re.finditer(r"\s+(?:of|for|on)\s+(?:the\s+)?(?P<word>\S+)", text[start:end]):
            before, last = text[start:start + tail.start()].split(), text[start:end].split()[-1]
            if tail.group("word").lower().strip(".,") in self.date_names \
                    or last.lower() in self.organisation_heads and before[-1].lower() in self.organisation_heads \
                    and (len(before) > 1 or before[0] == last):  # but "Office of Naval Intelligence"
                return [(start, start + tail.start())]  # "Royal Navy on Tuesday", "X Regiment of the Y Corps"
        return [(start, end)] if end > start else []

    # -- statistical NER ------------------------------------------------------------------------------

    def ner_candidates(self, doc: Doc, text: str) -> Iterator[Candidate]:
        for ent in doc.ents:
            entity_type = NER_TYPES.get(ent.label_)
            span = self.clean(ent, entity_type) if entity_type else None
            if span is None:
                continue
            if entity_type == "Organization" and self.patterns.law_title.match(text, span.end_char):
                continue  # "Countering America"'s Adversaries Through Sanctions Act is a law
            if entity_type == "Organization" and self.is_remit(span, text):
                continue  # Assistant to the President for "National Security Affairs"
            if entity_type == "Organization" and self.is_shouted(span):
                continue  # "the RED LINE IN THE SAND", a heading "TRADE & PROSPERITY"
            if ent.label_ in ("GPE", "FAC", "LOC") and self.is_given_name_person(span):
                entity_type = "Person"  # "Mirela Dostova" read as a place or a facility
            elif entity_type in ("Location", "Organization") and (surname := self.titled_surname(span)) is not None:
                span, entity_type = surname, "Person"  # "Chancellor Velden" read as a place or a body
            elif entity_type in ("Location", "Organization") and self.is_leader_surname(span, text):
                entity_type = "Person"  # "a meeting with Zelenskyy", read as a place
            if entity_type in ("Person", "Organization", "Location") and (system := self.plural_system(span.text)):
                yield Candidate(span.start_char, span.end_char, "WeaponSystem", system, "alias", NER)
                continue  # "Bradleys", "Tomahawks", "Javelins" (read as a place): a system in the plural
            if entity_type == "Person" and len(span) > 1 and span[0].text in QUESTION_LABELS \
                    and (span.start == 0 or "\n" in doc[span.start - 1].text):
                span = span[1:]  # "Q Karine, ...": a transcript's question label, then the person asked
            if entity_type == "Organization" and (person := self.after_office(span)) is not None:
                span, entity_type = person, "Person"  # Secretary of "Defense Tom Keller"
            elif entity_type == "Organization":
                entity_type = self.organisation_type(span)
                if entity_type == "Person":
                    span = span[max(i for i, t in enumerate(span) if t.lower_ in self.offices) + 1:]
                    if not self.is_person_words([t.text for t in span if not t.is_punct]):
                        continue  # an office's remit: Advisor "for International Economics"
            elif entity_type == "Person" and span[0].lower_ in self.function_words and len(span) > 1:
                span, entity_type = span[1:], "Location"  # "Near Palmyra, a strike destroyed ..."
            elif entity_type == "Person" and self.is_known_place(span.text):
                entity_type = "Location"  # Raqqah, Al Anbar, Amarah
            elif entity_type == "Person" and span[0].text in self.organisation_prefixes and len(span) > 1:
                entity_type = "Organization"  # Jaish al-Ta'ifa al-Mansurah
            elif entity_type == "Person" and span[0].text in self.place_prefixes and len(span) > 1:
                entity_type = "Location"  # Tel Tamer, Ayn Issa
            elif entity_type == "Person" and span[-1].lower_ in self.organisation_heads:
                entity_type = "Organization"  # the John F. Kennedy Library
            elif entity_type == "Person" and not self.is_person_words([t.text for t in span if not t.is_punct]):
                continue
            titled = entity_type == "Person" and span.start > 0 and doc[span.start - 1].lower_ in self.titles
            if entity_type in ("Person", "Organization") and not titled and (
                    self.is_place_name(span, text, entity_type) or self.is_known_place(span.text)):
                entity_type = "Location"  # but "President Ana Reyes, Peru has ...": a person
            if entity_type == "Person":
                span = self.with_first_name(span)
            start, end = span.start_char, span.end_char
            if entity_type == "Person" and (suffix := _NAME_SUFFIX.match(text, end)):
                end = suffix.end()  # "Joseph R. Kestrel, Jr.": the suffix is part of the name
            if entity_type == "Organization" and (start := self.after_opening_verb(doc, text, start, end)) is None:
                continue  # "Partnering to Deploy Safe and Secure Nuclear Energy:", a heading
            if entity_type == "Organization":  # without an office before it, a second body or a name after its owner
                start = self.board_start(text, self.body_start(text, start, end, self.offices | self.member_titles), end)
                end = self.owner_end(text, start, self.listed_end(text, start, self.first_body_end(text, start, end)))
                end = self.service_end(text, start, end)
            if entity_type is not None and end > start:
                yield Candidate(start, end, entity_type, None, "name", NER)

    def body_start(self, text: str, start: int, end: int, held: set[str] | None = None) -> int:
        """Where a body's name starts after the offices or memberships held in it: "Chair of the National Space
        Council", "Nominee for Administrator of the Maritime Administration", "Members of Congress". ``held`` are
        the words of such offices (by default every office word and title)."""
        held = held if held is not None else self.offices | self.titles | self.member_titles
        first = start
        while (office := _HELD_IN.match(text, start, end)) and office.end() < end:
            words = set(office.group(1).lower().split())
            # past the first office, "for" opens a remit ("... of Defense for Readiness"), unless after a membership
            holder = office.group(1).split()
            if not (words <= held and len(words) <= 2 or self.is_qualified_office(holder)
                    or self.is_titled_holder(holder, held)) \
                    or (start > first and office.group(2) == "for" and not words <= self.member_titles):
                break
            start = office.end()
        return start

    def is_titled_holder(self, words: list[str], held: set[str]) -> bool:
        """"Chairman Velden", "Director Ana Reyes": an office held, named by its holder, before the body ("of ...")."""
        return 2 <= len(words) <= 4 and words[0].lower() in held and words[1][:1].isupper() \
            and self.is_person_words(words[1:])

    def is_qualified_office(self, words: list[str]) -> bool:
        """"Medical Director", "Deputy Director General", "17th President": an office word after words that qualify
        it, none of them a body's head ("Air Force Chief" is a service's office) or a function word."""
        folded = [w.lower() for w in words]
        return len(folded) >= 2 and folded[-1] in self.offices | self.member_titles and not any(
            w in self.organisation_heads or w in self.function_words or self.is_country_word(word)
            for w, word in zip(folded[:-1], words))

    def board_start(self, text: str, start: int, end: int) -> int:
        """Where a body's name starts after the board of it that a biography names: "Board of the Kestrel Industrial
        Association", "Board of Trustees for Aerospace Corporation"; the board stays when what follows is no body's name
        ("Board of Military Affairs", "Board of Visitors for the Army")."""
        board = self.patterns.board.match(text, start, end)
        if board is None or board.end() >= end:
            return start
        rest = text[board.end():end]
        words, core = rest.split(), re.split(r"\s+(?:of|for|on|in|to)\s+", rest)[0].split()  # "School | for the Deaf"
        if words[0][:1].isupper() and (core[-1].lower() in self.organisation_heads
                                       or self.gazetteer.type_of(rest) == "Organization"):
            return board.end()
        return start

    def is_remit(self, span: Span, text: str) -> bool:
        """An office's remit after "for" ("Special Envoy for Hostage Affairs"), naming no body of its own."""
        return span[-1].lower_ in self.remit_tails \
            and bool(self.patterns.remit_of.search(text, max(0, span.start_char - 60), span.start_char)) \
            and not any(t.lower_ in self.organisation_heads for t in span) \
            and self.gazetteer.find(span.text) is None

    def is_shouted(self, span: Span) -> bool:
        """Words in capitals for emphasis or as a heading, no body's name: the capitals run on past the span ("the RED
        LINE IN THE SAND") or fill its line ("TRADE & PROSPERITY"), and no word is a body's head ("CONGRESS OF THE
        UNITED STATES") nor the whole a catalogue name ("THE WHITE HOUSE")."""
        words = [t for t in span if t.is_alpha]
        if len(words) < 2 or not span.text.isupper() or any(t.lower_ in self.organisation_heads for t in words) \
                or self.gazetteer.find(span.text) is not None:
            return False
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if any(t is not None and t.is_alpha and t.is_upper for t in (before, after)):
            return True
        return all(t is None or "\n" in t.text for t in (before, after))

    def after_office(self, span: Span) -> Span | None:
        """The person in an NER organisation that runs on from an office: Secretary of "Defense Tom Keller"."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].lower_ != "of" or doc[span.start - 2].lower_ not in self.offices:
            return None
        k = span.start
        while k < span.end and (doc[k].lower_ in self.portfolio_words or doc[k].lower_ == "state"):
            k += 1
        rest = [t.text for t in doc[k:span.end] if not t.is_punct]
        return doc[k:span.end] if k > span.start and len(rest) >= 2 and self.is_person_words(rest) else None

    def with_first_name(self, span: Span) -> Span:
        """"J. Keller Jr" after "Tom": a name that opens on an initial takes the first name before it,
        but not a title ("Minister S. Jaishankar")."""
        doc = span.doc
        if span.start == 0 or not re.fullmatch(r"[A-Z]\.", span[0].text):
            return span
        before = doc[span.start - 1]
        if before.pos_ == "PROPN" and before.is_title and before.is_alpha and before.lower_ not in self.titles \
                and before.lower_ not in self.offices and before.lower_ not in self.function_words:
            return doc[span.start - 1:span.end]
        return span

    def plural_system(self, name: str) -> str | None:
        """The catalogue id of the system a one-word plural names ("Bradleys"), else None."""
        if " " in name or not name.endswith("s"):
            return None
        found = self.gazetteer.find(name[:-1])
        return found[0] if found is not None and found[1] == "WeaponSystem" else None

    def is_known_place(self, name: str) -> bool:
        """A city or region of the place list, or a capital the catalogue knows ("Amarah", "Baghdad")."""
        if name in self.place_names or re.sub(r"^(?:[Aa]l-|Al\s)", "", name) in self.place_names:
            return True
        found = self.gazetteer.find(name)
        return found is not None and found[2] == "capital"

    def is_given_name_person(self, span: Span) -> bool:
        """A name of up to three words that opens on a common given name, with no place word after it and not
        a place the catalogue or the place list knows: "Mirela Dostova", but not "Holly Springs" nor a longer
        name after a person ("Benjamin A. Kestrel Scholarship Program"). A lone given name is a person unless a
        place preposition stands before it ("Go ahead, Marta", not "in Marta") and no capitalised word, the rest of a
        name cut short, follows it; so is a lone name a kin noun introduces ("his daughter, Ilse")."""
        words = [t.text for t in span if not t.is_punct]
        if not 1 <= len(words) <= 3 or self.gazetteer.find(span.text) is not None \
                or self.is_known_place(span.text) or not self.is_person_words(words):
            return False
        if len(words) == 1:
            before = span.doc[span.start - 1].lower_ if span.start else ""
            following = span.doc[span.end] if span.end < len(span.doc) else None
            after = following.lower_ if following is not None else ""
            if following is not None and following.is_title and following.is_alpha:
                return False  # a name NER cut short ("Marta | Velden"): not read as a lone given name
            return after not in self.place_name_tails and (
                self.is_kin_named(span) or words[0] in self.common_given_names and before not in self.place_prepositions)
        return words[0] in self.common_given_names and not any(w.lower() in self.place_name_tails for w in words[1:])

    def is_surname_title(self, token: Token) -> bool:
        """A capitalised office title a bare surname may follow (``surname_titles``: "Speaker", "Mr.")."""
        return token.text[:1].isupper() and token.lower_.rstrip(".") in self.surname_titles

    def titled_surname(self, span: Span) -> Span | None:
        """The one-word name a capitalised title stands right before ("Speaker Velden", "Mr. Orlan"), with the
        title when NER took it in; None for a name the catalogue or the place list knows."""
        doc = span.doc
        if len(span) == 2 and self.is_surname_title(span[0]):
            title, name = span[0], span[1:]
        elif len(span) == 1 and span.start > 0:
            title, name = doc[span.start - 1], span
        else:
            return None
        if not self.is_surname_title(title) or self.gazetteer.find(name.text) is not None or self.is_known_place(name.text) \
                or not self.is_person_words([name.text]):
            return None
        return name

    def is_leader_surname(self, span: Span, text: str) -> bool:
        """A bare surname of a leader the roles vocabulary knows ("Zelenskyy"), not where a place stands ("in
        Austin", "Austin, Texas") nor as a name the catalogue knows."""
        return len(span) == 1 and span.text in self.leader_surnames and self.gazetteer.find(span.text) is None \
            and not self.is_known_place(span.text) and not self.is_place_name(span, text, "Person") \
            and not self.patterns.place_comma.match(text, span.end_char)

    def is_kin_named(self, span: Span) -> bool:
        """A name right after a kin noun, with or without a comma: "my son Tomas", "their daughter, Ilse"."""
        doc, k = span.doc, span.start - 1
        if k >= 0 and doc[k].text == ",":
            k -= 1
        return k >= 0 and doc[k].lower_ in self.kin_nouns

    def is_place_name(self, span: Span, text: str, entity_type: str) -> bool:
        """"a yard in Severodvinsk", "Bavaria's Erding district", "Raqqah, Syria"."""
        if self.patterns.possessed_place.match(text, span.end_char):
            return True
        country = self.patterns.country_after.match(text, span.end_char)
        if country and self.is_country_word(country.group("country")):
            return True
        if entity_type != "Person" or len(span) != 1:
            return False
        before = span.doc[span.start - 1].lower_ if span.start else ""
        return before in self.place_prepositions or self.is_place(span)  # the parse may attach it elsewhere

    def name_end(self, text: str, start: int, end: int) -> int:
        """Where a name read between ``start`` and ``end`` ends: before a travel headline's "Aboard" or "En Route"."""
        cuts = [text.find(f" {ender} ", start, end + 1) for ender in self.name_enders]
        return min((cut for cut in cuts if cut > start), default=end)

    def clean(self, span: Span, entity_type: str) -> Span | None:
        """Drop determiners, titles ("Defence Minister"), owners ("India's"), brackets and a final "'s"."""
        doc = span.doc
        start, end = span.start, span.end
        end = next((i for i in range(start, end) if doc[i].text in "([:;—" or "\n" in doc[i].text
                    or doc[i].text in ("-", "–") and i > start and doc[i - 1].whitespace_), end)  # "X - Press Release"
        while start < end:
            if start + 1 < end and doc[start + 1].tag_ == "POS":
                start += 2
            elif start + 1 < end and doc[start].text in QUESTION_LABELS and (start == 0 or "\n" in doc[start - 1].text):
                start += 1  # "Q The Wall Street Journal": a transcript's question label
            elif doc[start].lower_ in ("the", "a", "an") or (
                    entity_type == "Person" and doc[start].lower_.rstrip(".") in self.titles):
                start += 1
            else:
                break
        end = next((i for i in range(start + 1, end) if doc[i].tag_ == "POS"), end)  # "State Department's Flickr"
        enders = [(ender, len(ender.split())) for ender in self.name_enders]
        end = next((i for i in range(start + 1, end) if any(
            doc[i:i + size].text == ender for ender, size in enders)), end)  # "... En Route Chicago"
        for ender, size in enders:  # "[Route Chicago]": the place is what follows "En Route"
            for back in range(1, size):
                if start >= back and doc[start - back:start - back + size].text == ender:
                    start = min(end, start - back + size)
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if end <= start or doc[start].tag_ == "VBG":
            return None
        return doc[start:end]

    def organisation_type(self, span: Span) -> str | None:
        """Organization, Person ("Lieutenant Colonel Maria Holt") or None (no organisation)."""
        text = span.text
        words = [t.lower_ for t in span]
        if len(text) < 2 or "\n" in text or not re.match(r"[A-Z]|\d+(?:st|nd|rd|th)\s+[A-Z]", text):
            return None  # but "2nd Battalion", "507th Air Refueling Wing"
        if self.patterns.designation.match(text):
            return None  # "KF-21 multirole": the designation rule names the system
        owner, _, rest = text.partition(" ")
        if rest and self.is_country_word(owner) and (
                self.patterns.designation.fullmatch(rest) or self.plural_system(rest)
                or self.gazetteer.type_of(rest) == "WeaponSystem"):
            return None  # "American F-16s", "Polish MiGs": a country's systems
        if text.lower() in self.not_organisations or all(w in self.portfolio_words | self.titles for w in words) \
                or self.is_award(doc_text(span.doc), span.start_char, span.end_char):
            return None  # "Defence", "Army Medal for Distinguished Civilian Service"
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_ in self.offices:
            return None  # "Defence" Minister, "External Affairs" Minister
        joint = re.search(r"(\w+)['’]?\s+(?:and|&)\s+[A-Z]", text)
        if joint and joint.group(1).lower() in self.organisation_heads or joined_to(text, words[0]) \
                and words[0] != words[-1]:
            return None  # "Black Sea Fleet and Airborne Forces", "Department of X and Department of Y"
        if (parts := re.split(r"\s+(?:and|&)\s+", text, maxsplit=1))[1:] and (
                _DEPARTMENT_HEAD.search(parts[0]) and _DEPARTMENT_HEAD.search(parts[1])
                or self.gazetteer.type_of(parts[1]) == "Country"):
            return None  # "U.S. Department of Energy and Indian Department of Space", "X Department and Japan"
        offices = [i for i, w in enumerate(words) if w in self.offices]
        if offices and offices[-1] < len(words) - 1 and not set(words) & self.organisation_heads:
            return "Person"
        return None if offices else "Organization"

    def is_person_words(self, words: list[str], titled: bool = False) -> bool:
        if not words or any(any(c.isdigit() for c in w) for w in words):
            return False
        if any(w.lower() in self.person_stopwords or w.lower() in self.organisation_heads for w in words):
            return False
        if len(words) == 1 and words[0].isupper() and not titled:
            return False  # SCALP, IANS
        return all(w[0].isupper() for w in words if w.lower() not in ("bin", "al", "de", "van", "von", "le", "da"))


_WORD = re.compile(r"\S+")
_RUN_ON = re.compile(rf"(?P<the>[^\S\n]+the)?(?P<words>(?:[^\S\n]+{_TITLE_WORD}){{1,6}})")  # a cut name's rest
_NAME_SUFFIX = re.compile(r",?[^\S\n]+(?:Jr|Sr)\.?(?![\w'’-])|,?[^\S\n]+(?:II|III|IV)(?![\w'’.-])")  # ", Jr.", " III"
_HELD_IN = re.compile(r"((?:\S+\s+){1,4}?)(of|for|at)\s+(?:the\s+)?")  # "Chair of the ", "Nominee for "
_DEPARTMENT_HEAD = re.compile(r"\b(?:Department|Ministry)\b")
_BODY_OF = re.compile(r"(?:the\s+)?(?:Ministry|Department|Office|Bureau|Directorate)\s+of\b")  # a name of a body
_OWNER = _compile(r"\S+\s+of\s+(?:\S+\s+)*?of\s+(?:the\s+)?")  # "Ministry of Defence of ", up to the owner
_OF_NAME = re.compile(rf"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?{_TITLE_WORD}(?:[^\S\n]+{_TITLE_WORD}){{0,4}}")


def _first_word(text: str, start: int) -> str:
    """The first word of the name at ``start``: "Department" of "Department of Energy"."""
    return text[start:].split(maxsplit=1)[0]


def _joined_systems(catalogue: list[Candidate]) -> list[Candidate]:
    """Two overlapping forms of one system are one mention: "M1A2 Abrams" and "Abrams tanks"."""
    systems = [c for c in catalogue if c.type == "WeaponSystem"]
    return [Candidate(a.start, b.end, a.type, a.id, a.kind, a.rank) for a in systems for b in systems
            if a.id == b.id and a.start < b.start < a.end < b.end]


def _is_nationality(doc: Doc, start: int, end: int) -> bool:
    """NER reads the words as a nationality or group ("Kurdish", "Sunni Arab")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ == "NORP" for t in span)


def _trim_leading(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a question label ("Q"), leading function words ("The", "On") and an owner ("India's", "France's")."""
    start = _after_question_label(text, start, end)
    while True:
        word = re.match(r"(\S+?)(['’]s)?\s+", text[start:end])
        stop = word and word.group(1).lower() in STOP_WORDS and not (
            word.group(1).isupper() and len(word.group(1)) > 1)  # "A Foreign Office", but not "US", "IS"
        if not word or not (stop or word.group(2)):
            return start, end
        start += word.end()


def _joined_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretch of text from each coordinated name's first span to its last."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start - joined[-1][1] <= 10:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _coverage(length: int, candidates: Iterable[Candidate]) -> bytearray:
    covered = bytearray(length + 1)
    for c in candidates:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    return covered


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then the more reliable source; a span that overlaps a chosen one is dropped."""
    chosen: list[Candidate] = []
    covered: set[int] = set()
    for c in sorted(candidates, key=lambda c: (c.start - c.end, -c.rank, c.start)):
        if covered.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            covered.update(range(c.start, c.end))
    return sorted(chosen)


def nested(text: str, chosen: list[Candidate], inner: list[Candidate]) -> list[Candidate]:
    """Names inside a longer name the catalogue does not know are named too (``NESTED`` says which, and
    whether only at its start): "Indian Navy", "the NATO Summit", "the Biden Administration", but not "South
    China Sea" or "Syrian National Dialogue Congress"; a capital only opening an organisation's name; and no
    body opening the name of another body ("the General Staff College", "the U.S. Air Force Academy")."""
    containers = [c for c in chosen if c.id is None and c.type in NESTED]
    starts = [c.start for c in containers]
    words = word_lists()
    same_body = {*words["same_body_heads"], *words["company_suffixes"], *words["group_heads"], *words["member_heads"]}
    heads = {w.lower() for w in words["organisation_heads"]} - same_body
    found = []
    for c in inner:
        index = bisect.bisect_right(starts, c.start) - 1
        container = containers[index] if index >= 0 else None
        where = NESTED[container.type].get(c.type) if container is not None else None
        if where and c.type == "Country" and ((container.name or "").startswith(GOVERNMENT)
                                              or c.end == container.end and text.endswith(" in ", 0, c.start)):
            where = "anywhere"  # "the Government of Iraq", "the Monitoring Mission in Ukraine" name Iraq, Ukraine
        if where and c.type == container.type == "Organization" \
                and without_seat(text[container.start:container.end]).split()[-1].lower() in heads:
            continue
        if where and (c.kind != "capital" or container.type == "Organization") and c.end <= container.end \
                and (c.start, c.end) != (container.start, container.end) \
                and (where == "anywhere" or c.start == container.start):
            found.append(c)
    return select(found)


def leader_surnames() -> frozenset[str]:
    """The surnames of the leaders the roles vocabulary knows ("Biden", "Modi")."""
    people = load_yaml((DATA.parent / "roles_nationalities.yaml").read_text(encoding="utf-8"))
    return frozenset(name.split()[-1] for names in people["nationalities"].values() for name in names
                     if len(name.split()) > 1)


def group(text: str, candidates: list[Candidate], names: dict[str, str]) -> list[Entity]:
    """One ``Entity`` per catalogue id or per (type, name), mentions in text order."""
    entities: dict[str, Entity] = {}
    for c in candidates:
        name = text[c.start:c.end]
        entity_id = c.id or new_id(c.type, c.name or name)
        entity = entities.get(entity_id)
        if entity is None:
            entity = entities[entity_id] = Entity(entity_id, c.type, names.get(entity_id, c.name or name),
                                                  in_catalogue=c.id is not None)
        if c.name and not entity.in_catalogue:
            entity.name = c.name
        entity.mentions.append(Mention(c.start, c.end, name, c.kind))
    return list(entities.values())


@Language.factory("defgraph_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.entities"])
def make_entity_recogniser(nlp: Language, name: str) -> EntityRecogniser:
    return EntityRecogniser(nlp, name)
