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
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span as SentSpan

from defgraph.extraction.relations_context import (
    SYSTEM, Named, country_counts, country_of, doc_text, home_country, known_suppliers, origin_of, referred_system,
    remember, reported_sentences, sentence_names, sentence_text, sentences,
)
from defgraph.extraction.publisher import point_of_view
from defgraph.extraction.turns import in_question
from defgraph.extraction.relations_cues import has_cue, pattern
from defgraph.extraction.relations_values import find_money
from defgraph.extraction.transfer_candidates import candidate_transfers
from defgraph.extraction.transfers_parties import DATA, PRONOUN_KIND, placed_recipient, pronoun_buys, subject_country
from defgraph.extraction.transfers_readings import (
    ANNOUNCEMENT, Reading, announcement_date, assumed_status, sentence_counts, sentence_readings, signing_rank,
    system_quantity,
)
from defgraph.model import Transfer

STATUS_ORDER = ("cancelled", "delivering", "delivered", "signed", "proposed")
PLAIN = frozenset({"purchase", "export"})
FOLDED_SPECIFIC = ("joint_development", "joint_production", "licensed_production")
FOLDED = PLAIN | set(FOLDED_SPECIFIC)
EXPORTS = re.compile(r"\b(?:defen[cs]e|arms|military) exports?\b|\bexport (?:orders?|deals?|customers?|markets?)\b"
                     r"|\bexporting\b", re.IGNORECASE)
OWNER_REACH = 40  # how far before "defence exports" the country whose exports they are is named
OWN = re.compile(r"\b(?:its|our)\s+(?:\w+\s+)?$", re.IGNORECASE)
BULLET = re.compile(r"(?:[-•*–]|\d{1,2}[.)])\s")  # an item of a list, as fact sheets write them
ANNOUNCED_BEFORE = 2  # sentences before an item of aid that may announce its package


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
    is told before or after the first; told alone, it is the only one. A supply done before (``earlier``: "for
    U.S.-provided HIMARS") is a deal of its own beside the same system's deal the article tells of otherwise, unless
    that deal is done too."""
    further = {r.key for r in readings if r.further and r.status in ("proposed", "signed")}
    plain = {r.key for r in readings if not (r.further and r.status in ("proposed", "signed"))}
    told = {r.key for r in readings if not r.earlier}
    groups: dict[tuple, list[Reading]] = {}
    for reading in readings:
        distinct = reading.key in further and reading.key in plain \
            and reading.further and reading.status in ("proposed", "signed")
        apart = reading.earlier and reading.key in told
        groups.setdefault((reading.key, distinct, apart), []).append(reading)
    return list(groups.values())


def _done_twice(deals: list[tuple[bool, Transfer]]) -> list[Transfer]:
    """The deals, less a supply done before (its flag first) that another deal of the same parties, system and type
    already gives as done or under way."""
    told = {(t.supplier, t.recipient, t.system, t.deal_type, t.status) for earlier, t in deals if not earlier}
    return [t for earlier, t in deals if not (earlier and (t.supplier, t.recipient, t.system, t.deal_type, t.status)
                                              in told | {(*k[:4], "delivering") for k in told})]


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
            found = sentence_readings(doc, sent, list(first_mentions.values()), names, home, view, aid_doc, lead,
                                      announced, exporter)
            found = [_from_giver(r, package_giver) for r in found]
            given_to = subject if pronoun_buys(sent) else previous
            # home aid its sentence gives to no one goes where the sentence before gives only if that one tells of aid
            # too ("the President's trip to Germany. He signed a package that included ...": not to Germany)
            readings += [replace(r, recipient=given_to) if r.recipient is None and given_to not in (None, r.supplier)
                         and (previous_aid or not (r.aid and r.supplier == home)) else r for r in found]
        previous = placed_recipient(said, sent.start_char, names)
        previous_aid = has_cue(DATA, "aid_sentence", said)
        if previous and previous_aid and not has_cue(DATA, "civil_aid_words", said):
            placed_to[previous] += 1
        subject = subject_country(doc, names)
    readings += _asked_readings(doc, home, view, aid_doc, exporter)
    aid_receivers = [c for c, _ in placed_to.most_common()]
    readings = [r for r in fill_recipients(aid_givers(readings, view), countries, view, aid_receivers, home)
                if not (r.recipient == view and unnamed_origin(r.supplier, r.system, counts))]
    readings = fold_deal_types(readings)
    read = _done_twice([(all(r.earlier for r in group), replace(_merge(group), cues=("rules",)))
                        for group in group_readings(readings)])
    by_start = {sent.start_char: sent for sent in told}
    return read + [_with_terms(doc, by_start.get(c.evidence.start), c, aid_doc) for c in candidate_transfers(doc, read)]


def _asked_readings(doc: Doc, home: str | None, view: str | None, aid_doc: bool, exporter: bool) -> list[Reading]:
    """What the journalist's questions of a transcript state rather than ask ("The Russians have said they will supply
    the Iskander to Belarus. Does that concern you?": the first): the deals of systems they name between parties they
    name, the system's maker alone being no supplier; a deal no stage word places is one still under discussion. They
    change nothing the answers are read with (the systems "it" stands for, the country "they" is)."""
    found: list[Reading] = []
    for sent in reported_sentences(doc):
        if not in_question(doc, sent.start_char):
            continue
        said = sentence_text(sent)
        names = sentence_names(doc, sent.start_char, sent.end_char)
        systems = list({n.id: n for n in names if n.type == SYSTEM}.values())
        if not systems or not has_cue(DATA, "triggers", said) or has_cue(DATA, "negations", said):
            continue
        found += [replace(r, assumed="proposed") for r in sentence_readings(
            doc, sent, systems, names, home, view, aid_doc, exporter=exporter)
            if r.supplier and r.recipient and not r.origin_only]
    return found


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
    quantity = system_quantity(text, start, sentence_counts(text, start, money, names), system, sent, systems)
    terms = candidate if quantity is None else replace(candidate, quantity=quantity.value.count,
                                                      quantity_unit=quantity.value.unit)
    if candidate.status is not None:
        return terms
    aid = aid_doc and candidate.deal_type == "export" and has_cue(DATA, "aid_sentence", text)
    signing = signing_rank(text)
    return replace(terms, status=assumed_status(text, aid, signing), cues=(*candidate.cues, "status_implied"))


@Language.component("defgraph_transfers", requires=["doc._.entities", "doc._.dates"], assigns=["doc._.transfers"])
def transfers_component(doc: Doc) -> Doc:
    doc._.transfers = doc_transfers(doc)
    return doc
