"""The transfers component: who supplies which weapon system to whom, on what terms.

Reads each sentence with the entities named in it (``relations_context``), the cue lexicons of
``data/relations_transfers.yaml``, money and counts (``relations_values``) and resolved dates; writes
``doc._.transfers``: one ``Transfer`` per deal, its slots gathered from every sentence about that deal,
its evidence the first sentence that reports it; then the candidates of ``transfer_candidates`` for the
triples the rules did not read, for the confidence scorer to weigh.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span as SentSpan

from defgraph.extraction.dates import WORDS as DATE_WORDS, is_vague
from defgraph.extraction.relations_context import (
    COUNTRY, SYSTEM, Named, category_of, country_counts, country_of, dates_between, doc_text, home_country,
    known_suppliers, month_grain, origin_of, referred_system, remember, sentence_names, sentence_text, sentences,
)
from defgraph.extraction.publisher import point_of_view
from defgraph.extraction.relations_cues import Cue, find_cues, has_cue, nearest_label, pattern
from defgraph.extraction.relations_values import Found, count_before, find_counts, find_money, load_data
from defgraph.extraction.transfer_candidates import (
    candidate_transfers, named_as_threat, plain_deal_type, subject_verbs,
)
from defgraph.model import DateValue, Quantity, Span, TimeExpression, Transfer

DATA = "relations_transfers"
JOINT = frozenset({"joint_development", "joint_production"})
SIGNING = ("signing_verbs", "deal_nouns")  # the words of an order, then of a deal: a sentence's rank is the first found
STATUS_ORDER = ("cancelled", "delivering", "delivered", "signed", "proposed")
RELATIVES = frozenset({"which", "that", "who"})
PRONOUNS = frozenset({"it", "they"})
# the words between engines and the platform they go into ("jet engines for India's indigenous")
POWERING = re.compile(r"[\w\s-]{0,25}?\b(?:for|to power|powering)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
ENGINES = re.compile(r"\bengines?\b", re.IGNORECASE)
PRONOUN_KIND = "pronoun"
GOVERNS_FORWARD = re.compile(r"\s+(?:of|for)\b")
PLAIN = frozenset({"purchase", "export"})
FOLDED_SPECIFIC = ("joint_development", "joint_production", "licensed_production")
FOLDED = PLAIN | set(FOLDED_SPECIFIC)
EXPORTS = re.compile(r"\b(?:defen[cs]e|arms|military) exports?\b|\bexport (?:orders?|deals?|customers?|markets?)\b"
                     r"|\bexporting\b", re.IGNORECASE)
OWNER_REACH = 40  # how far before "defence exports" the country whose exports they are is named
OWN = re.compile(r"\b(?:its|our)\s+(?:\w+\s+)?$", re.IGNORECASE)
# words before a date that make it the day of a report or the start of a period, not of an order
NOT_ORDERED_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|added|stated)\s+(?:\w+\s+)?$|\bsince\s+$",
                                re.IGNORECASE)
# a clause ends at ", and", ";" or a full stop the sentence splitter missed ("the P-8I. In October ...")
CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|as)\b|;|(?<=\w\w)\.\s+(?=[A-Z][a-z])")
AFTER_REACH = 60
BULLET = re.compile(r"(?:[-•*–]|\d{1,2}[.)])\s")  # an item of a list, as fact sheets write them
# words before an amount that make it the total of several deals ("worth a combined $5 billion")
SHARED_VALUE = re.compile(r"\b(?:combined|total|together|in all)\b[^.;]*$", re.IGNORECASE)
THINGS = frozenset({"dobj", "pobj", "attr", "appos", "conj"})
GENERIC_UNITS = frozenset({"system", "missile", "unit"})  # count units that name no kind of system
DEICTIC = re.compile("|".join(DATE_WORDS["deictic_days"]), re.IGNORECASE)
# an announcement of aid: it dates the package it announces ("tomorrow, we'll be announcing the package")
ANNOUNCEMENT = re.compile(r"\bannounc\w*", re.IGNORECASE)
ANNOUNCED_BEFORE = 2  # sentences before an item of aid that may announce its package


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

    @property
    def key(self) -> tuple:
        parties = (frozenset((self.supplier, self.recipient)) if self.deal_type in JOINT
                   else (self.supplier, self.recipient))
        return parties, self.system, self.deal_type


@lru_cache(maxsize=None)
def _lemmas(name: str) -> frozenset[str]:
    return frozenset(load_data(DATA)[name])


def _governing_lemmas(doc: Doc, named: Named, system: Named | None = None) -> frozenset[str]:
    """The verbs a party is the subject of ("Chile signed a deal to buy" → sign, buy; "Peru,
    which signed" → sign); of the clauses those verbs take, only those about the system (``system``) when
    they have an object of their own ("which the Ukrainians have been using to make a difference": use)."""
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):  # the fast pipeline parses nothing: no verb governs it
        return frozenset()
    token = span.root
    while token.dep_ in ("compound", "poss", "amod", "nmod") and token.head is not token:
        token = token.head
    verbs = [c for c in token.children if c.dep_ == "relcl"
             and any(s.dep_ == "nsubj" and s.lower_ in RELATIVES for s in c.children)]
    if token.dep_ == "nsubj":
        verbs.append(token.head)
    thing = doc.char_span(system.start, system.end, alignment_mode="expand") if system is not None else None
    verbs += [c for v in verbs for c in v.children if c.dep_ in ("xcomp", "conj")
              and (thing is None or c.is_ancestor(thing.root) or not any(o.dep_ == "dobj" for o in c.children))]
    return frozenset(v.lemma_.lower() for v in verbs)


def _origin_named(text: str, sent_start: int, names: list[Named], system: Named) -> Named | None:
    """A country word qualifying the system ("Swedish-built CV90", "German Leopard tanks")."""
    for named in names:
        if named.type == COUNTRY and named.end <= system.start:
            gap = text[named.end - sent_start: system.start - sent_start]
            if pattern(DATA, "origin_gap").match(gap) and (gap.startswith("-") or named.kind == "demonym"):
                return named
    return None


def _placed_role(text: str, sent_start: int, named: Named) -> str | None:
    """``supplier`` or ``recipient`` when the words right before a party say it ("from Sweden", "to Peru")."""
    before = text[max(0, named.start - sent_start - 30): named.start - sent_start]
    if pattern(DATA, "supplier_before").search(before):
        return "supplier"
    if pattern(DATA, "recipient_before").search(before):
        return "recipient"
    return None


def _placed_recipient(text: str, sent_start: int, names: list[Named]) -> str | None:
    """The first country a sentence names right after "to" or "for" ("assistance to Ukraine")."""
    return next((country for n in names if n.type != SYSTEM and (country := country_of(n))
                 and _placed_role(text, sent_start, n) == "recipient"), None)


def _party_role(doc: Doc, text: str, sent_start: int, named: Named, deal_type: str,
                supplier_placed: bool = False, system: Named | None = None) -> str | None:
    """``supplier``, ``recipient`` or None: what the words around a party make it. Where another party is
    placed as the supplier ("approval for buying jets from France"), no verb makes this one a supplier."""
    placed = _placed_role(text, sent_start, named)
    if placed:
        return placed
    verbs = _governing_lemmas(doc, named, system)
    if verbs & _lemmas("builder_verbs"):
        return "recipient" if deal_type == "licensed_production" else "supplier"
    if verbs & _lemmas("supplier_verbs") and not supplier_placed:
        return "supplier"
    if verbs & _lemmas("recipient_verbs"):
        return "recipient"
    return None


def _parties(doc: Doc, sent: SentSpan, names: list[Named], system: Named, deal_type: str, home: str | None,
             window: tuple[int, int] = (0, 0), lead: str = "", aid: bool = False
             ) -> list[tuple[str | None, str | None, str]]:
    """The (supplier, recipient, deal type) a sentence gives for one system; coordinated recipients give
    several, and a jointly made system sold to a third party gives the partners and the sale. In a sentence
    about aid (``aid``) the speaker's side, named only as "we", gives what its clause holds.

    A recipient the sentence does not give is None, for the document to fill in. The home country's own
    systems make a transfer only where the sentence names who receives them or speaks of a sale.
    """
    text, start = sentence_text(sent), sent.start_char
    bystanders = {n.id for n in names if n.type != SYSTEM and _bystander(doc, n)}
    parties = [(n, c) for n in names if n.type != SYSTEM and n.id not in bystanders and (c := country_of(n))
               and not _inside_a_title(text, start, n)]
    origin = origin_of(system.id)
    if deal_type in JOINT:
        buyers = [c for n, c in parties if pattern(DATA, "recipient_before").search(text[:n.start - start])]
        partners = list(dict.fromkeys(c for _, c in parties if c not in buyers))
        if len(partners) < 2:
            partners = list(dict.fromkeys([*partners, origin, home]))
        partners = [p for p in partners if p][:2]
        joint = [(partners[0], partners[1], deal_type)] if len(partners) == 2 else []
        return joint + [(origin, buyer, "purchase") for buyer in dict.fromkeys(buyers) if origin]
    placed = any(_placed_role(text, start, n) == "supplier" for n, _ in parties)
    roles = {n: _party_role(doc, text, start, n, deal_type, placed, system) for n, _ in parties}
    qualifiers = {q for s in names if s.type == SYSTEM and (q := _origin_named(text, start, names, s))}
    qualifiers |= {n for n, _ in parties if _qualifies_a_thing(doc, n)}
    origin_word = _origin_named(text, start, names, system)
    explicit = [c for n, c in parties if roles[n] == "supplier"]
    giving = [(n, c) for n, c in parties if n.type == COUNTRY
              and (not placed and _gives(doc, n, system) or _gives_it(doc, n, system))]
    # the giver of the system's own clause first ("the US sends Bradleys, and Germany sends Marders")
    giving = [g for g in giving if not _across_a_clause(text, start, g[0], system)] or giving
    speaker_gives = not giving and aid and any(_speaker_gives(doc, n, system) for n, _ in parties)
    if speaker_gives:
        giving = [(n, c) for n, c in parties if _speaker_gives(doc, n, system)]
    givers = [c for _, c in giving]
    co_givers: list[str] = []
    if givers and not (origin_word and country_of(origin_word) in givers):
        supplier = givers[0]  # who gives it, not where it was made ("Poland sent its Soviet-made T-72s")
        co_givers = list(dict.fromkeys(c for n, c in giving[1:] if c != supplier
                                       and _conjoined(doc, n, giving[0][0])))  # "the US and the Netherlands send"
    elif origin_word:
        supplier = country_of(origin_word)
    elif origin and (origin in {c for _, c in parties} or not explicit):
        supplier = origin
    else:
        supplier = explicit[0] if explicit else None
    receivers = [c for n, c in parties if roles[n] == "recipient" and c != supplier]
    # "the sale of Patriots to A and of THAAD to B": each system goes to the recipient named in its own stretch
    marked = [(n.start - start, c) for n, c in parties if roles[n] == "recipient" and c != supplier]
    after = [c for at, c in marked if system.end - start <= at < window[1]]
    receivers = after or [c for at, c in marked if window[0] <= at < system.start - start] or receivers
    if not receivers and supplier is not None and supplier == home and not speaker_gives \
            and not has_cue(DATA, "sale_words", f"{lead} {text}") \
            and not (aid and has_cue(DATA, "aid_words", f"{lead} {text}")  # a package of home aid goes to the
                     and not has_cue(DATA, "unnamed_givers", text)):  # article's usual recipient
        return []
    # neither a supplier named for another system ("frigates bought from Spain") nor a country word
    # qualifying a thing ("Russian fighters") receives this one
    # nor does a country of another clause ("amid a standoff with China, and officials said the jets ...")
    others = [c for n, c in parties if c != supplier and c not in co_givers and n not in qualifiers
              and roles[n] != "supplier" and not _across_a_clause(text, start, n, system)]
    chosen = list(dict.fromkeys(receivers or others[:1]))
    recipients = list(dict.fromkeys(chosen + _coordinated(doc, parties, chosen)))
    return [(giver, r, deal_type) for giver in [supplier, *co_givers] for r in recipients if r != giver] \
        or [(giver, None, deal_type) for giver in [supplier, *co_givers]]


def _conjoined(doc: Doc, named: Named, other: Named) -> bool:
    """Whether two names are coordinated ("the US and the Netherlands")."""
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    other_span = doc.char_span(other.start, other.end, alignment_mode="expand")
    return span is not None and other_span is not None \
        and span.root.i in {t.i for t in other_span.root.conjuncts}


def _powered(text: str, sent_start: int, system: Named, systems: list[Named]) -> bool:
    """Whether a system is only the platform engines named before it go into ("99 GE-404 engines for India's
    indigenous Tejas fighters", "F414 engines to power the LCA Mk2"): the engines are what changes hands."""
    for other in systems:
        if other.end <= system.start:
            gap = text[other.end - sent_start:system.start - sent_start]
            if POWERING.match(gap) and ("engine" in category_of(other.id) or ENGINES.search(gap)):
                return True
    return False


def _subject_country(doc: Doc, names: list[Named]) -> str | None:
    """The first country a sentence names as the subject of a clause ("Warsaw has been rushing")."""
    for named in names:
        span = doc.char_span(named.start, named.end, alignment_mode="expand") if named.type == COUNTRY else None
        if span is not None and span.root.dep_ == "nsubj" and named.kind != PRONOUN_KIND:
            return named.id
    return None


def _pronoun_buys(sent: SentSpan) -> bool:
    """Whether a pronoun is the subject of a buying verb ("In April it agreed to buy"): the buyer is who the
    pronoun stands for, not whom the sentence before gives to."""
    for token in sent:
        if token.dep_ == "nsubj" and token.lower_ in PRONOUNS:
            verbs = [token.head, *(c for c in token.head.children if c.dep_ in ("xcomp", "conj"))]
            if any(v.lemma_.lower() in _lemmas("recipient_verbs") for v in verbs):
                return True
    return False


def _inside_a_title(text: str, sent_start: int, named: Named) -> bool:
    """Whether a country word sits inside the title of a law or a body ("Countering America's Adversaries
    Through Sanctions Act", "South Asian Association for Regional Cooperation")."""
    at, end = named.start - sent_start, named.end - sent_start
    return bool(pattern(DATA, "title_before").search(text, max(0, at - 30), at)
                and pattern(DATA, "title_after").match(text, end))


def _across_a_clause(text: str, sent_start: int, named: Named, system: Named) -> bool:
    """Whether a clause break (", and", ";") stands between a party and the system."""
    low, high = (named.end, system.start) if named.end <= system.start else (system.end, named.start)
    return low < high and CLAUSE_BREAK.search(text, low - sent_start, high - sent_start) is not None


def _gives(doc: Doc, named: Named, system: Named) -> bool:
    """Whether a party is the very subject of a giving verb, or of one that takes it ("Chile sent its tanks",
    "Chile agreed to send"), or does a giving clause that holds the system ("Chile, after sending its tanks to
    Peru, is buying"); each of coordinated subjects gives ("the US and the Netherlands are sending")."""
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    subject = span.root if span is not None else None
    while subject is not None and subject.dep_ == "conj" and subject.head.i != subject.i:
        subject = subject.head
    if subject is None or subject.dep_ != "nsubj":
        return False
    verb = subject.head
    verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    if any(v.lemma_.lower() in _lemmas("supplier_verbs") for v in verbs):
        return True
    thing = doc.char_span(system.start, system.end, alignment_mode="expand")
    return thing is not None and any(v.lemma_.lower() in _lemmas("supplier_verbs") and v.is_ancestor(thing.root)
                                     for v in subject_verbs(verb)[1:])


def _speaker_gives(doc: Doc, named: Named, system: Named) -> bool:
    """Whether the speaker's side, named only as "we", is the subject of a clause that holds the system and
    takes nothing in ("we're surging assistance, including interceptors to replenish the Iron Dome"), not of
    one that receives ("we would like to get more Patriots")."""
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    thing = doc.char_span(system.start, system.end, alignment_mode="expand")
    if named.kind != PRONOUN_KIND or span is None or thing is None or span.root.dep_ != "nsubj":
        return False
    verb = span.root.head
    return verb.is_ancestor(thing.root) \
        and not any(v.lemma_.lower() in _lemmas("recipient_verbs") for v in subject_verbs(verb))


def _gives_it(doc: Doc, named: Named, system: Named) -> bool:
    """Whether a party is the subject of a giving verb whose object is the system itself ("the S-300s that
    Slovakia transferred to Ukraine"): it gives, whoever else the sentence places after "from"."""
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    thing = doc.char_span(system.start, system.end, alignment_mode="expand")
    if span is None or thing is None or span.root.dep_ != "nsubj":
        return False
    verb, noun = span.root.head, thing.root
    while noun.dep_ in ("compound", "amod", "nmod", "nummod") and noun.head.i != noun.i:
        noun = noun.head
    return verb.lemma_.lower() in _lemmas("supplier_verbs") and (
        verb.is_ancestor(thing.root) or verb.dep_ == "relcl" and verb.head.i == noun.i)


def _bystander(doc: Doc, named: Named) -> bool:
    """Whether a name only opposes or reports the deal ("Washington warned Ankara", "despite US warnings", "despite
    warnings from Washington"), or is the threat the recipient defends itself against ("to defend itself from
    Russian aggression", "after Russia's invasion")."""
    if _governing_lemmas(doc, named) & _lemmas("bystander_verbs"):
        return True
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    return span is not None and (span.root.dep_ in ("compound", "amod", "nmod", "poss")
                                 and span.root.head.lemma_.lower() in _lemmas("bystander_nouns")
                                 or _after_a_bystander_noun(span.root)
                                 or _urges_through_its_object(span.root) or named_as_threat(span))


def _after_a_bystander_noun(token) -> bool:
    """Whether a name follows "from" or "by" after a noun of opposing ("despite warnings from Washington")."""
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ in ("from", "by") \
        and preposition.head.lemma_.lower() in _lemmas("bystander_nouns")


def _urges_through_its_object(token) -> bool:
    """Whether a party's verb has an object that opposes or presses ("the US House passed an amendment urging")."""
    while token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "nsubj":
        return False
    return any(clause.lemma_.lower() in _lemmas("bystander_verbs")
               for obj in token.head.children if obj.dep_ == "dobj"
               for clause in obj.children if clause.dep_ == "acl")


def _qualifies_a_thing(doc: Doc, named: Named) -> bool:
    """Whether a demonym qualifies an object of the sentence ("flies Russian fighters"), not a party that acts
    ("Indian officials said")."""
    if named.kind != "demonym":
        return False
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ in ("compound", "amod", "nmod") and token.head is not token:
        token = token.head
    return token.dep_ in THINGS


def _coordinated(doc: Doc, parties: list[tuple[Named, str]], chosen: list[str]) -> list[str]:
    """Parties coordinated with a chosen one ("contracts with Chile and Peru")."""
    tokens = {}
    for named, country in parties:
        span = doc.char_span(named.start, named.end, alignment_mode="expand")
        if span is not None:
            tokens[span.root.i] = country
    extra = []
    if not doc.has_annotation("DEP"):  # the fast pipeline: nothing is coordinated
        return extra
    for i, country in tokens.items():
        if country in chosen:
            extra += [tokens[c.i] for c in doc[i].conjuncts if c.i in tokens]
    return extra


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


def _quantity(text: str, start: int, counts: list[Found], system: Named, sent: SentSpan,
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


def _assumed_status(text: str, aid: bool, signing: int = len(SIGNING)) -> str | None:
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


def _counts(text: str, start: int, money: list[Found], names: list[Named]) -> list[Found]:
    """The counts of a sentence that are neither inside an amount of money nor part of a system's name ("Leopard 2
    tanks": no two)."""
    counts = [replace(f, start=f.start + start, end=f.end + start) for f in find_counts(text)]
    return [c for c in counts if not any(m.start <= c.start < m.end for m in money)
            and not any(n.start <= c.start < n.end for n in names if n.type == SYSTEM)]


def _readings(doc: Doc, sent: SentSpan, systems: list[Named], names: list[Named],
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
    counts = _counts(text, start, money, names)
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
        status = _label(status_cues, sent, system, (low, high)) or lead_status
        dated = (signing < len(SIGNING) or aid or ANNOUNCEMENT.search(text) is not None) and status != "proposed"
        dates = dates_between(doc, start, sent.end_char) if dated else []
        # "recently signed" dates no order: a date would lend the reading a confidence the vague word does not earn
        dates = [d for d in _owned(dates, system, sent, systems) if not is_vague(d)
                 and not NOT_ORDERED_BEFORE.search(text, max(0, d.start - start - 20), d.start - start)]
        order_date = order_day(dates[0]) if dates else announced if aid and dated else None
        quantity = _quantity(text, start, counts, system, sent, systems)
        for supplier, recipient, kind in _parties(doc, sent, names, system, deal_type, home, (low, high), lead or "",
                                                 aid):
            origin_only = supplier == origin_of(system.id) and supplier not in named
            if supplier is not None and supplier == recipient or origin_only and others_give:
                continue  # the maker is no supplier where countries the sentence does not name give the system
            if deal_word is None and kind == "purchase":
                kind = "export" if supplier is not None and aid else plain_deal_type(voice, supplier, recipient, view, exporter)
            given = aid and (kind == "export" or supplier is None)
            readings.append(Reading(supplier, recipient, system.id, kind, status, further,
                                    quantity, _nearest(money, system, sent, systems), order_date, evidence, signing,
                                    _assumed_status(text, aid and kind == "export", signing), given, origin_only))
    return readings


def merged_status(statuses: list[str | None]) -> str | None:
    """One deal's status from what each sentence says: the furthest stage read (cancelled, then deliveries
    under way, delivered, signed, proposed)."""
    return next((s for s in STATUS_ORDER if s in statuses), None)


def _assumed_of(readings: list[Reading]) -> str | None:
    """The status a deal no stage word states implies: aid a package commits is signed, whatever a sentence
    outside the package implies ("that package will contain HIMARS", then "the munitions with the HIMARS")."""
    aid = [r.assumed for r in readings if r.aid]
    return merged_status(aid) or merged_status([r.assumed for r in readings])


def _merge(readings: list[Reading]) -> Transfer:
    """One transfer from the readings of one deal; order terms come first from sentences about the order, the
    status from stage words, else from what the sentences imply."""
    first = readings[0]
    ordered = sorted(readings, key=lambda r: (r.signing, r.status not in ("signed", None)))
    quantity = next((r.quantity.value for r in ordered if r.quantity), None)
    money = next((r.money.value for r in ordered if r.money), None)
    return Transfer(
        supplier=first.supplier, recipient=first.recipient, system=first.system, deal_type=first.deal_type,
        evidence=first.evidence,
        status=merged_status([r.status for r in readings]) or _assumed_of(readings),
        quantity=quantity.count if quantity else None, quantity_unit=quantity.unit if quantity else None,
        value=money.amount if money else None, currency=money.currency if money else None,
        order_date=next((r.order_date for r in ordered if r.order_date), None))


def fill_recipients(readings: list[Reading], countries: list[str], view: str | None = None,
                    aid_receivers: list[str] | None = None, home: str | None = None) -> list[Reading]:
    """Give readings without a recipient the recipient of the nearest earlier reading of the same system ("The
    deal covers 200 of the missiles", after Japan's order of them), else the document's usual recipient; drop
    those still lacking a party. The article's own side (``view``) is given no foreign system its maker is only
    said to have ("support for Israel's procurement of Iron Dome", told from Washington): that side pays for
    it, it does not receive it. Aid from the article's home country (``home``) goes first to the countries its
    aid is told to go to (``aid_receivers``, "assistance to Ukraine"), not to the country it names most."""
    usual = [r.recipient for r in readings if r.recipient]
    most_used = sorted(dict.fromkeys(usual), key=lambda c: -usual.count(c))
    ranked = most_used + countries
    aid_ranked = most_used + (aid_receivers or []) + countries

    def allowed(r: Reading, recipient: str | None) -> str | None:
        own_side = view is not None and recipient == view and r.supplier == origin_of(r.system)
        return None if own_side else recipient

    def recipient_for(r: Reading, earlier: list[Reading]) -> str | None:
        same = next((e.recipient for e in reversed(earlier) if e.system == r.system and e.recipient
                     and e.recipient != r.supplier and r.supplier in (None, e.supplier)), None)
        order = aid_ranked if r.aid and home is not None and r.supplier == home else ranked
        return allowed(r, same or next((c for c in order if c != r.supplier), None))
    filled = [r if r.recipient else replace(r, recipient=recipient_for(r, readings[:index]))
              for index, r in enumerate(readings)]
    return [r for r in filled if r.supplier and r.recipient and r.supplier != r.recipient]


def aid_givers(readings: list[Reading], view: str | None = None) -> list[Reading]:
    """Aid whose giver its sentence does not name comes from the article's usual giver of aid, not from the
    system's maker ("the package includes refurbished T-72 tanks", in a statement of the aid one country gives),
    nor from nobody where the catalogue knows no maker (an export, status ``signed`` unless a stage word says);
    the usual giver is the article's own side (``view``) where it gives any of the aid, else the supplier of
    most of it, in two readings or more."""
    named = Counter(r.supplier for r in readings if r.aid and r.supplier)
    ranked = named.most_common(2)
    if view is not None and view in named:
        giver = view
    elif not ranked or ranked[0][1] < 2 or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return readings
    else:
        giver = ranked[0][0]
    return [replace(r, supplier=giver, deal_type="export" if r.deal_type in PLAIN else r.deal_type,
                    assumed="signed" if r.supplier is None else r.assumed)
            if r.aid and r.origin_only and r.recipient != giver else r for r in readings]


def unnamed_origin(supplier: str | None, system: str, counts: Counter[str]) -> bool:
    """Whether a supplier is only the system's origin and the article never names that country: the article's
    own side buys nothing from a maker it never names ("the Iron Dome for America", told from Washington in an
    article that never names Israel)."""
    return supplier is not None and supplier == origin_of(system) and not counts[supplier]


def fold_deal_types(readings: list[Reading]) -> list[Reading]:
    """Readings of one system between the same two parties take one deal type: a plain sale read beside
    licensed production, joint production or joint development is that deal (the most often read); plain
    purchases and exports of one supplier, recipient and system are one deal, told from the side most read."""
    by_deal: dict[tuple, list[str]] = {}
    for r in readings:
        if r.deal_type in FOLDED_SPECIFIC:
            by_deal.setdefault((frozenset((r.supplier, r.recipient)), r.system), []).append(r.deal_type)
    kinds = {deal: max(FOLDED_SPECIFIC, key=types.count) for deal, types in by_deal.items()}
    folded = [replace(r, deal_type=kinds.get((frozenset((r.supplier, r.recipient)), r.system), r.deal_type))
              if r.deal_type in FOLDED else r for r in readings]
    plain: dict[tuple, list[str]] = {}
    for r in folded:
        if r.deal_type in PLAIN:
            plain.setdefault((r.supplier, r.recipient, r.system), []).append(r.deal_type)
    sides = {deal: max(dict.fromkeys(types), key=types.count) for deal, types in plain.items()}
    return [replace(r, deal_type=sides[(r.supplier, r.recipient, r.system)]) if r.deal_type in PLAIN else r
            for r in folded]


def group_readings(readings: list[Reading]) -> list[list[Reading]]:
    """Readings grouped by deal: a further deal ("additional units") in talks is a deal of its own, whether it
    is told before or after the first; told alone, it is the only one."""
    further = {r.key for r in readings if r.further and r.status in ("proposed", "signed")}
    plain = {r.key for r in readings if not (r.further and r.status in ("proposed", "signed"))}
    groups: dict[tuple, list[Reading]] = {}
    for reading in readings:
        distinct = reading.key in further and reading.key in plain \
            and reading.further and reading.status in ("proposed", "signed")
        groups.setdefault((reading.key, distinct), []).append(reading)
    return list(groups.values())


def _speaks_of_own_exports(doc: Doc, text: str, home: str | None) -> bool:
    """Whether the article speaks of its home country's own exports ("India's defence exports", "Indian export
    orders", "its defence exports"), not of an export order in general ("the first export order for the jet")."""
    for match in EXPORTS.finditer(text):
        named = sentence_names(doc, max(0, match.start() - OWNER_REACH), match.start())
        if any(country_of(n) == home or n.kind == PRONOUN_KIND for n in named if n.type != SYSTEM) \
                or OWN.search(text, max(0, match.start() - OWNER_REACH), match.start()):
            return True
    return False


def _package_described(told: list[SentSpan], index: int) -> str | None:
    """The sentence before one that lists what a package holds ("It includes ...", "The package also includes ..."),
    where it tells of aid, an announcement or a transfer: the package it describes leads the list in."""
    if index == 0 or not pattern(DATA, "package_contents").match(sentence_text(told[index])):
        return None
    described = sentence_text(told[index - 1])
    tells = ANNOUNCEMENT.search(described) or has_cue(DATA, "aid_sentence", described) \
        or has_cue(DATA, "triggers", described)
    return described if tells else None


def _from_giver(reading: Reading, giver: str | None) -> Reading:
    """A system of a package whose sentence names no giver comes from the country the package's own sentence is
    about (``giver``), where the catalogue lets that country supply it ("Chile announced a package for Peru. It
    includes Ruka rifles": Chile's)."""
    if giver is None or not reading.origin_only or giver == reading.recipient \
            or giver not in known_suppliers(reading.system):
        return reading
    return replace(reading, supplier=giver, origin_only=False)


def doc_transfers(doc: Doc) -> list[Transfer]:
    """Every transfer the article reports."""
    counts = country_counts(doc)
    countries = [country for country, _ in counts.most_common()]
    publisher_view = point_of_view(doc)
    home = home_country(counts, publisher_view)
    text = doc_text(doc)
    view = publisher_view or (home if _speaks_of_own_exports(doc, text, home) else None)
    exporter = publisher_view is None and view is not None  # an article about its home's own exports
    aid_doc = has_cue(DATA, "aid_words", text)
    readings: list[Reading] = []
    recent: list[Named] = []
    lead_in: str | None = None  # the sentence before a list of items ("The package includes:") if it speaks of a transfer
    told = sentences(doc)
    previous: str | None = None  # who the sentence before gives to ("a provider of aid to Ukraine")
    previous_aid = False  # whether the sentence before tells of aid
    placed_to: Counter[str] = Counter()  # how often each country is named after "to" or "for" where aid is told of
    subject: str | None = None  # the country the sentence before is about, whom "it" stands for next
    for index, sent in enumerate(told):
        names = sentence_names(doc, sent.start_char, sent.end_char)
        systems = [n for n in names if n.type == SYSTEM]
        if not systems:
            referred = referred_system(sent, recent)
            systems = [referred] if referred else []
        recent = remember(recent, systems)
        said = sentence_text(sent)
        runs_on = index > 0 and lead_in == sentence_text(told[index - 1]) \
            and "\n" not in text[told[index - 1].end_char:sent.start_char]
        lead = lead_in if BULLET.match(said) or runs_on else None  # items, or a list after the colon on its line
        package_giver = None
        if lead is None:  # a sentence that opens a list of items about a transfer leads them in
            lead_in = said if said.rstrip().endswith(":") and has_cue(DATA, "triggers", said) else None
            lead = _package_described(told, index)
            package_giver = subject if lead is not None else None
        if systems and (lead is not None or has_cue(DATA, "triggers", said)) \
                and not has_cue(DATA, "negations", said):
            first_mentions: dict[str, Named] = {}
            for system in systems:
                first_mentions.setdefault(system.id, system)
            before = told[max(0, index - ANNOUNCED_BEFORE):index]
            announced = announcement_date(doc, sent, before) if aid_doc else None
            found = _readings(doc, sent, list(first_mentions.values()), names, home, view, aid_doc, lead, announced,
                              exporter)
            found = [_from_giver(r, package_giver) for r in found]
            given_to = subject if _pronoun_buys(sent) else previous
            # home aid its sentence gives to no one goes where the sentence before gives only if that one tells of aid
            # too ("the President's trip to Germany. He signed a package that included ...": not to Germany)
            readings += [replace(r, recipient=given_to) if r.recipient is None and given_to not in (None, r.supplier)
                         and (previous_aid or not (r.aid and r.supplier == home)) else r for r in found]
        previous = _placed_recipient(said, sent.start_char, names)
        previous_aid = has_cue(DATA, "aid_sentence", said)
        if previous and previous_aid and not has_cue(DATA, "civil_aid_words", said):
            placed_to[previous] += 1
        subject = _subject_country(doc, names)
    aid_receivers = [c for c, _ in placed_to.most_common()]
    readings = [r for r in fill_recipients(aid_givers(readings, view), countries, view, aid_receivers, home)
                if not (r.recipient == view and unnamed_origin(r.supplier, r.system, counts))]
    readings = fold_deal_types(readings)
    read = [replace(_merge(group), cues=("rules",)) for group in group_readings(readings)]
    by_start = {sent.start_char: sent for sent in told}
    return read + [_with_terms(doc, by_start.get(c.evidence.start), c, aid_doc) for c in candidate_transfers(doc, read)]


def _with_terms(doc: Doc, sent: SentSpan | None, candidate: Transfer, aid_doc: bool) -> Transfer:
    """A candidate with the terms its sentence gives, as a rule reading takes them: the count of its system, and,
    where no stage word is read, the status the sentence implies (cue ``status_implied``: "which were upgraded by
    Russian specialists" is done, "announced plans to pursue procurements" proposed)."""
    if sent is None:
        return candidate
    text, start = sentence_text(sent), sent.start_char
    names = sentence_names(doc, start, sent.end_char)
    systems = list({n.id: n for n in names if n.type == SYSTEM}.values())
    system = next((n for n in systems if n.id == candidate.system), None)
    if system is None:
        return candidate
    money = [replace(f, start=f.start + start, end=f.end + start) for f in find_money(text)]
    quantity = _quantity(text, start, _counts(text, start, money, names), system, sent, systems)
    terms = candidate if quantity is None else replace(candidate, quantity=quantity.value.count,
                                                      quantity_unit=quantity.value.unit)
    if candidate.status is not None:
        return terms
    aid = aid_doc and candidate.deal_type == "export" and has_cue(DATA, "aid_sentence", text)
    signing = signing_rank(text)
    return replace(terms, status=_assumed_status(text, aid, signing), cues=(*candidate.cues, "status_implied"))


@Language.component("defgraph_transfers", requires=["doc._.entities", "doc._.dates"], assigns=["doc._.transfers"])
def transfers_component(doc: Doc) -> Doc:
    doc._.transfers = doc_transfers(doc)
    return doc
