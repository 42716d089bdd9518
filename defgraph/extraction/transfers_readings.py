"""The readings of a transfer: what one sentence says about each deal it reports.

``sentence_readings`` gives one ``Reading`` per system and party of a sentence: the cue that governs each system
(deal type, voice, status: the nearest in its clause), its count and its value (the nearest of its own clause, in a
unit that can count it), the date of its order or of the announcement of its aid, the status a sentence without a
stage word implies, and its parties from ``transfers_parties``. The transfers component merges the readings of a
document into its deals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span as SentSpan

from defgraph.extraction.dates import WORDS as DATE_WORDS, is_vague
from defgraph.extraction.relations_context import (
    SYSTEM, Named, category_of, country_of, dates_between, doc_text, month_grain, origin_of, sentence_text,
)
from defgraph.extraction.relations_cues import Cue, find_cues, has_cue, nearest_label, pattern
from defgraph.extraction.relations_values import Found, count_before, find_counts, find_money, load_data
from defgraph.extraction.transfer_candidates import plain_deal_type
from defgraph.extraction.transfers_parties import CLAUSE_BREAK, DATA, JOINT, RELATIVES, deal_parties
from defgraph.model import DateValue, Quantity, Span, TimeExpression

SIGNING = ("signing_verbs", "deal_nouns")  # the words of an order, then of a deal: a sentence's rank is the first found
# the words between engines and the platform they go into ("jet engines for India's indigenous")
POWERING = re.compile(r"[\w\s-]{0,25}?\b(?:for|to power|powering)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
ENGINES = re.compile(r"\bengines?\b", re.IGNORECASE)
GOVERNS_FORWARD = re.compile(r"\s+(?:of|for)\b")
# words before a date that make it the day of a report or the start of a period, not of an order
NOT_ORDERED_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|added|stated)\s+(?:\w+\s+)?$|\bsince\s+$",
                                re.IGNORECASE)
AFTER_REACH = 60
# words before an amount that make it the total of several deals ("worth a combined $5 billion")
SHARED_VALUE = re.compile(r"\b(?:combined|total|together|in all)\b[^.;]*$", re.IGNORECASE)
GENERIC_UNITS = frozenset({"system", "missile", "unit"})  # count units that name no kind of system
DEICTIC = re.compile("|".join(DATE_WORDS["deictic_days"]), re.IGNORECASE)
# an announcement of aid: it dates the package it announces ("tomorrow, we'll be announcing the package")
ANNOUNCEMENT = re.compile(r"\bannounc\w*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one sentence says about one deal."""

    supplier: str | None
    recipient: str | None
    system: str
    deal_type: str
    status: str | None
    further: bool
    quantity: Found | None
    money: Found | None
    order_date: DateValue | None
    evidence: Span
    signing: int  # 0: a signing verb, 1: a deal noun, 2: neither; order terms come from the lowest
    assumed: str | None  # the status a sentence without a stage word implies
    aid: bool = False  # given as aid
    origin_only: bool = False  # its supplier is only the system's origin: the sentence names no giver
    earlier: bool = False  # a supply done before the one the sentence tells of ("ammunition for U.S.-provided HIMARS")

    @property
    def key(self) -> tuple:
        parties = (frozenset((self.supplier, self.recipient)) if self.deal_type in JOINT
                   else (self.supplier, self.recipient))
        return parties, self.system, self.deal_type


def _powered(text: str, sent_start: int, system: Named, systems: list[Named]) -> bool:
    """Whether a system is only the platform engines named before it go into ("99 GE-404 engines for India's
    indigenous Tejas fighters", "F414 engines to power the LCA Mk2"): the engines are what changes hands."""
    for other in systems:
        if other.end <= system.start:
            gap = text[other.end - sent_start:system.start - sent_start]
            if POWERING.match(gap) and ("engine" in category_of(other.id) or ENGINES.search(gap)):
                return True
    return False


def _owned(found: list, system: Named, sent: SentSpan, systems: list[Named]) -> list:
    """The values (anything with character offsets) that are neither in the clause of another system the
    sentence names ("flies Mi-17 helicopters, and operates two Mistral carriers") nor wrapped around one
    ("200 Patriot missiles" counts no THAAD)."""
    text = doc_text(sent.doc)
    others = [o for o in systems if o.id != system.id]
    found = [f for f in found if not any(f.start <= o.start and o.end <= f.end for o in others)]

    def same_clause(f, named: Named) -> bool:
        low, high = (f.end, named.start) if f.end <= named.start else (named.end, f.start)
        return low >= high or not CLAUSE_BREAK.search(text, low, high)
    return [f for f in found
            if same_clause(f, system) or not any(o.id != system.id and same_clause(f, o) for o in systems)]


def _nearest(found: list[Found], system: Named, sent: SentSpan, systems: list[Named]) -> Found | None:
    """The value of the system's clause read closest to where the system is named."""
    def distance(f: Found) -> int:
        return max(f.start - system.end, system.start - f.end, 0)
    return min(_owned(found, system, sent, systems), key=distance, default=None)


def _counts_its_kind(found: Found, system: Named) -> bool:
    """Whether a count's unit can count the system: "700 tanks" counts no anti-tank missile; a unit that names
    no kind ("units", "batteries") counts any."""
    unit = found.value.unit
    kinds = _anaphora_kinds().get(unit or "", ()) or _anaphora_kinds().get(f"{unit}s", ())
    category = category_of(system.id).split()
    return unit in GENERIC_UNITS or not kinds or any(all(w in category for w in kind.split()) for kind in kinds)


@lru_cache(maxsize=1)
def _anaphora_kinds() -> dict[str, tuple[str, ...]]:
    return {noun: tuple(words) for noun, words in load_data(DATA)["anaphora"].items()}


def system_quantity(text: str, start: int, counts: list[Found], system: Named, sent: SentSpan,
                    systems: list[Named]) -> Found | None:
    """The count of a system: one written right before its name ("the 8,000 Javelin"), unless a count with a
    unit reads it already ("two S-400 squadrons"); else the nearest count of its clause whose unit fits it; else
    one unit where the name follows "a" and is one unit ("a Patriot battery")."""
    before = count_before(text, system.start - start)
    if before is None:
        nearest = _nearest([c for c in counts if _counts_its_kind(c, system)], system, sent, systems)
        return nearest or _one_unit(text, start, system)
    at = before.start + start
    return next((c for c in counts if c.start <= at < c.end), replace(before, start=at, end=before.end + start))


def _one_unit(text: str, start: int, system: Named) -> Found | None:
    """One unit of a system named after "a" or "an" as a battery, a system or a squadron ("a Patriot missile
    battery", "an additional HAWK air defense system"), not as a kind of deal ("a Patriot system sale")."""
    at, end = system.start - start, system.end - start
    article = pattern(DATA, "one_unit_before").search(text, max(0, at - 30), at)
    unit = pattern(DATA, "one_unit_after").match(text, end)
    if article is None or unit is None:
        return None
    return Found(Quantity(1, unit["unit"].lower()), article.start() + start, unit.end() + start)


def _new_clause_between(sent: SentSpan, start: int, end: int) -> bool:
    """Whether a new subject follows the last comma between two sentence offsets ("..., the Navy operates")."""
    tokens = [t for t in sent if start <= t.idx - sent.start_char < end]
    commas = [i for i, t in enumerate(tokens) if t.text in (",", ";")]
    return bool(commas) and any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in RELATIVES
                                for t in tokens[commas[-1]:])


def _label(cues: list[Cue], sent: SentSpan, system: Named, window: tuple[int, int]) -> str | None:
    """The cue that governs a system: the nearest in its clause, up to its neighbouring systems, before it,
    else shortly after it ("the upgrade of" only governs what follows); else the nearest before it."""
    text = sentence_text(sent)
    start, end = system.start - sent.start_char, system.end - sent.start_char

    def fits(cue: Cue) -> bool:
        if cue.start >= end:
            return not (GOVERNS_FORWARD.match(text, cue.end) or cue.start - end > AFTER_REACH
                        or CLAUSE_BREAK.search(text, end, cue.start) or _new_clause_between(sent, end, cue.start))
        return not _new_clause_between(sent, cue.end, start)

    inside = [c for c in cues if window[0] <= c.start < window[1] and fits(c)]
    return nearest_label(inside, start) or nearest_label([c for c in cues if c.start < start and fits(c)], start)


def _earlier_supply(text: str, at: int) -> tuple[int, int] | None:
    """Where the words right before a system say a country gave it already ("U.S.-provided HIMARS",
    "American-supplied artillery"): the span of those words, else None."""
    found = pattern(DATA, "earlier_supply_before").search(text, max(0, at - 40), at)
    return (found.start(), found.end()) if found else None


def assumed_status(text: str, aid: bool, signing: int = len(SIGNING)) -> str | None:
    """A deal told without a stage word is in service, unless the sentence speaks of the future (then it is
    still proposed: "would be slated for delivery if approved") or of its signing ("Chile agreed in 2023 to
    buy"; ``signing`` 0: a signing verb): then it is signed; aid told without one is committed (pledged, not yet
    handed over: signed)."""
    if aid:
        return "signed"
    if pattern(DATA, "future").search(text):
        return "proposed"
    return "signed" if signing == 0 else "delivered"


def signing_rank(text: str) -> int:
    """Which of ``SIGNING``'s word lists the sentence holds first: 0 for an order's words, 1 for a deal's, else 2."""
    return next((rank for rank, words in enumerate(SIGNING) if pattern(DATA, words).search(text)), len(SIGNING))


def order_day(expression: TimeExpression) -> DateValue:
    """An order's date: the day of an announcement made "today", "tonight", "yesterday" or "tomorrow" (official
    prose dates its news so); else the month, as the wire gold keeps it ("signed on Friday", "on 5 March")."""
    return expression.value if DEICTIC.fullmatch(expression.text.strip()) else month_grain(expression.value)


def announcement_date(doc: Doc, sent: SentSpan, before: list[SentSpan]) -> DateValue | None:
    """When aid told in a sentence was announced: the latest date of the sentences just before it that announce
    aid or speak of a package ("tomorrow, we'll be announcing the package"), or of any of them when the
    sentence itself announces it ("met today ... During the meeting, she announced"); an announcement
    nothing dates is of the publication month."""
    announces = ANNOUNCEMENT.search(sentence_text(sent)) is not None
    for earlier in reversed(before):
        said = sentence_text(earlier)
        dates = dates_between(doc, earlier.start_char, earlier.end_char)
        if dates and (announces or ANNOUNCEMENT.search(said) or has_cue(DATA, "aid_sentence", said)):
            return order_day(dates[-1])
    article = doc._.article
    published = article.published if article is not None else None
    return DateValue(published.year, published.month) if announces and published is not None else None


def sentence_counts(text: str, start: int, money: list[Found], names: list[Named]) -> list[Found]:
    """The counts of a sentence that are neither inside an amount of money nor part of a system's name ("Leopard 2
    tanks": no two)."""
    counts = [replace(f, start=f.start + start, end=f.end + start) for f in find_counts(text)]
    return [c for c in counts if not any(m.start <= c.start < m.end for m in money)
            and not any(n.start <= c.start < n.end for n in names if n.type == SYSTEM)]


def sentence_readings(doc: Doc, sent: SentSpan, systems: list[Named], names: list[Named],
                      home: str | None, view: str | None, aid_doc: bool, lead: str | None = None,
                      announced: DateValue | None = None, exporter: bool = False) -> list[Reading]:
    """Every deal one sentence reports, one reading per system and recipient; an item of a list takes the
    aid, the stage and the side its lead-in sentence (``lead``) states; aid the sentence does not date takes
    the date of its announcement (``announced``); in an article about its home's own exports (``exporter``)
    the home side's deals are exports whatever the buyer is said to do."""
    text, start = sentence_text(sent), sent.start_char
    aid = aid_doc and has_cue(DATA, "aid_sentence", text + " " + (lead or ""))
    lead_status = nearest_label(find_cues(DATA, "statuses", lead), len(lead)) if lead else None
    lead_voice = nearest_label(find_cues(DATA, "voices", lead), len(lead)) if lead else None
    deal_cues = find_cues(DATA, "deal_types", text)
    voice_cues = find_cues(DATA, "voices", text)
    status_cues = find_cues(DATA, "statuses", text)
    money = [replace(f, start=f.start + start, end=f.end + start) for f in find_money(text)
             if len({s.id for s in systems}) == 1 or not SHARED_VALUE.search(text, max(0, f.start - 25), f.start)]
    counts = sentence_counts(text, start, money, names)
    further = has_cue(DATA, "further_deal", text)
    evidence = Span(start, sent.end_char, text)
    signing = signing_rank(text)
    bounds = [0, *(n.end - start for n in systems[:-1])], [*(n.start - start for n in systems[1:]), len(text)]
    named = {c for n in names if n.type != SYSTEM and (c := country_of(n))}
    others_give = has_cue(DATA, "unnamed_givers", text)
    readings = []
    for system, low, high in zip(systems, *bounds):
        if _powered(text, start, system, systems):
            continue
        deal_word = _label(deal_cues, sent, system, (low, high))
        deal_type = deal_word or "purchase"
        voice = _label(voice_cues, sent, system, (low, high)) or lead_voice
        earlier = _earlier_supply(text, system.start - start)
        own_cues = status_cues if earlier is None else [c for c in status_cues if not earlier[0] <= c.start < earlier[1]]
        status = _label(own_cues, sent, system, (low, high)) or lead_status
        dated = (signing < len(SIGNING) or aid or ANNOUNCEMENT.search(text) is not None) and status != "proposed"
        dates = dates_between(doc, start, sent.end_char) if dated else []
        # "recently signed" dates no order: a date would lend the reading a confidence the vague word does not earn
        dates = [d for d in _owned(dates, system, sent, systems) if not is_vague(d)
                 and not NOT_ORDERED_BEFORE.search(text, max(0, d.start - start - 20), d.start - start)]
        order_date = order_day(dates[0]) if dates else announced if aid and dated else None
        quantity = system_quantity(text, start, counts, system, sent, systems)
        for supplier, recipient, kind in deal_parties(doc, sent, names, system, deal_type, home, (low, high),
                                                      lead or "", aid):
            origin_only = supplier == origin_of(system.id) and supplier not in named
            if supplier is not None and supplier == recipient or origin_only and others_give:
                continue  # the maker is no supplier where countries the sentence does not name give the system
            if deal_word is None and kind == "purchase":
                kind = "export" if supplier is not None and aid else plain_deal_type(voice, supplier, recipient, view, exporter)
            given = aid and (kind == "export" or supplier is None)
            reading = Reading(supplier, recipient, system.id, kind, status, further,
                              quantity, _nearest(money, system, sent, systems), order_date, evidence, signing,
                              assumed_status(text, aid and kind == "export", signing), given, origin_only)
            readings.append(reading)
            if earlier is not None:  # the units the country gave before: a deal done, beside the one told now
                readings.append(replace(reading, status="delivered", further=False, quantity=None, money=None,
                                        order_date=None, signing=len(SIGNING), assumed="delivered", aid=False,
                                        earlier=True))
    return readings
