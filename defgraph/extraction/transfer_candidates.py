"""More deals to weigh: every named system with the countries its sentence names, as candidate transfers.

Reads each sentence the relation components read (``relations_context``), its parse and the transfer
lexicons of ``data/relations_transfers.yaml``; writes candidate ``Transfer``s for the (supplier,
recipient, system) triples the rules did not read, so that official prose the rules miss ("Norway,
Denmark and Belgium are sending F-16s to Ukraine", "having put forward aircraft such as the F/A-18
and the MQ-9B") is weighed too. A candidate carries its cues: how the
parse places each party (the subject of a supplying or receiving verb, after "to" or "from", the
object of "supply X with"), whether the supplier is only the system's origin by the catalogue while another
country named gives or holds it ("Slovakia gave Ukraine its S-300s"), and the sentence's trigger. A country
named only as the threat someone defends against ("to defend itself from Russian aggression") or as the
attacker of an attack ("after Russia's invasion") is no party; two countries both placed as receivers ("the
sale of Patriots to A and of THAAD to B") supply each other nothing; and a system's origin is no implied supplier
where the sentence gives the system from countries it leaves unnamed ("from other Allies and partners"). The
rules' own readings carry the cue ``rules``. Which candidates are deals is decided by the trained transfers scorer
(``defgraph.confidence``), which learns from these cues.
"""
from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Span as SentSpan, Token

from defgraph.extraction.relations_context import (
    COUNTRY, SYSTEM, Named, country_counts, origin_of, sentence_names, sentence_text, sentences,
)
from defgraph.extraction.relations_context import catalogue_entry, known_suppliers
from defgraph.extraction.publisher import point_of_view
from defgraph.extraction.relations_cues import find_cues, has_cue, nearest_label, pattern
from defgraph.extraction.relations_values import load_data
from defgraph.model import Span, Transfer

DATA = "relations_transfers"
MAX_COUNTRIES = 6  # a sentence naming more is a list of partners, not of parties to one deal
MAX_SYSTEMS = 8
USUAL = 2  # the article's most named countries stand in for a sentence that names none
PRONOUN = "pronoun"
GIVING = frozenset({"subject_of_supplying", "after_from"})  # placements that make a country the one that gives
JOINT = frozenset({"joint_development", "joint_production"})


def _lemmas(group: str) -> frozenset[str]:
    return frozenset(load_data(DATA)[group])


def _verb_of(token: Token) -> Token:
    """The verb a name depends on (through prepositions, conjunctions and appositions)."""
    head = token
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            return head
        head = head.head
    return head


def subject_verbs(verb: Token) -> list[Token]:
    """The verbs a subject does: its own verb, and the clauses of it that take no subject of their own ("Poland
    decided to send", "Poland, after sending T-72s to Ukraine, is buying", "rushing to rebuild after sending")."""
    done, todo = [], [verb]
    while todo and len(done) < 8:
        head = todo.pop(0)
        done.append(head)
        for child in head.children:
            clause = next((c for c in child.children if c.dep_ == "pcomp"), None) if child.dep_ == "prep" else child
            if clause is not None and clause.dep_ in ("xcomp", "advcl", "pcomp") and clause.pos_ in ("VERB", "AUX") \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                todo.append(clause)
    return done


def placement(sent: SentSpan, named: Named) -> set[str]:
    """How the parse places a party: the subject of a supplying or receiving verb, after "to", "from" or
    "for", the object of "supply X with" or of a receiving verb."""
    doc = sent.doc
    span = doc.char_span(named.start, named.end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    while root.dep_ in ("amod", "compound", "nmod") and root.head.i != root.i:  # "to Ukrainian forces"
        root = root.head
    verb = _verb_of(root)
    lemma = verb.lemma_.lower()
    supplying, receiving = lemma in _lemmas("supplier_verbs"), lemma in _lemmas("recipient_verbs")
    placed: set[str] = set()
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:  # "Norway, Denmark and the Netherlands"
        root = root.head
    relation = root.dep_
    preposition = root.head.lower_ if relation == "pobj" else None
    if relation in ("nsubj", "nsubjpass", "poss"):
        placed.add("subject_of_supplying" if supplying else "subject_of_receiving" if receiving else "subject")
    if preposition in ("to", "for"):
        placed.add("after_to")
    if preposition in ("from", "by"):
        placed.add("after_from")
    if relation in ("dobj", "dative") and supplying:
        placed.add("object_of_supplying")  # "supply Ukraine with", "give Ukraine"
    if relation == "dobj" and receiving:
        placed.add("object_of_receiving")
    if lemma in _lemmas("bystander_verbs"):
        placed.add("bystander_verb")
    return placed


def named_as_threat(span: SentSpan) -> bool:
    """Whether a name is what someone defends or fights against ("defend itself from Russian aggression",
    "protect its people against Russia and Iran", "holding out against the Russian army") or the
    attacker of an attack ("after Russia's invasion", "a Russian missile barrage"): the threat, never the side
    that gives or receives. The words right before the name decide first, as the parse may hang "against" on
    another word."""
    text = span.doc.text
    if pattern(DATA, "threat_before").search(text, max(0, span.start_char - 60), span.start_char):
        return True
    token = span.root
    while token.dep_ in ("compound", "amod", "nmod", "poss", "conj") and token.head.i != token.i:
        if token.dep_ != "conj" and token.head.lemma_.lower() in _lemmas("attack_nouns"):
            return True
        token = token.head
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ in ("from", "against") \
        and preposition.head.lemma_.lower() in _lemmas("defending_words")


def _threats(sent: SentSpan, names: list[Named]) -> set[str]:
    """The countries a sentence names only as what someone defends against ("to defend itself from Russia")."""
    only_threat: dict[str, bool] = {}
    for named in names:
        if named.type == COUNTRY and named.kind != PRONOUN:
            span = sent.doc.char_span(named.start, named.end, alignment_mode="expand")
            threat = span is not None and named_as_threat(span)
            only_threat[named.id] = only_threat.get(named.id, True) and threat
    return {country for country, threat in only_threat.items() if threat}


def _barred_suppliers(system_id: str, countries: list[str], givers: set[str]) -> set[str]:
    """The countries the catalogue rules out as suppliers of a system: where it records who holds the system,
    a country that neither designed, makes nor holds it has none to give, unless the sentence makes it the
    giver (the catalogue's list of holders is not complete)."""
    entry = catalogue_entry(system_id)
    if entry is None or not getattr(entry, "holders", None):
        return set()
    known = known_suppliers(system_id)
    return {c for c in countries if c not in known and c not in givers}


def _both_receive(supplier: set[str], recipient: set[str], deal_word: str | None) -> bool:
    """Whether both parties are placed as receivers ("the sale of Patriots to A and of THAAD to B"): two
    recipients of one supplier do not supply each other (partners of a joint deal may be named so)."""
    return deal_word not in JOINT and "after_to" in supplier and "after_to" in recipient \
        and not supplier & GIVING


def plain_deal_type(voice: str | None, supplier: str | None, recipient: str | None, home: str | None,
                    exporter: bool = False) -> str:
    """A deal no deal word names, told from the buyer's side (``purchase``) or the supplier's (``export``): a
    request or the speaker's own buying is the buyer's; else the side of the article's own country (``home``)
    when it is the recipient, or the supplier in an article about its own exports (``exporter``: "India's
    defence exports"); else a buying word ("India intends to procure", "Australia's acquisition of") makes it
    a purchase even in the supplier's own statement; else the home side's, and then a giving verb ("provides",
    "sends") an export; else a purchase."""
    if voice == "buyer" or (recipient is not None and recipient == home):
        return "purchase"
    if supplier is not None and supplier == home and (exporter or voice != "purchase"):
        return "export"
    return voice or "purchase"


def _deal_terms(said: str, offset: int) -> tuple[str | None, str | None, str | None]:
    """The deal word, the voice and the stage word nearest a system."""
    deal_type = nearest_label(find_cues(DATA, "deal_types", said), offset)
    voice = nearest_label(find_cues(DATA, "voices", said), offset)
    status = nearest_label(find_cues(DATA, "statuses", said), offset)
    return deal_type, voice, status


def _sentence_candidates(sent: SentSpan, names: list[Named], speaker_side: list[Named],
                         usual: list[Named], named: Collection[str], home: str | None = None) -> list[Transfer]:
    """The sentence's candidates; when it names no country, the article's most named ones stand in
    (cue ``from_document``). A system's origin supplies the article's own side (``home``) unnamed only
    where the article names that country somewhere (``named``)."""
    said = sentence_text(sent)
    systems = list({n.id: n for n in names if n.type == SYSTEM}.values())[:MAX_SYSTEMS]
    countries = list({n.id: n for n in [*names, *speaker_side] if n.type == COUNTRY}.values())
    if not systems or len(countries) > MAX_COUNTRIES or not has_cue(DATA, "triggers", said) \
            or has_cue(DATA, "negations", said):  # what the rules read as no deal is no candidate either
        return []
    others_give = has_cue(DATA, "unnamed_givers", said)
    threats = _threats(sent, names)
    countries = [c for c in countries if c.id not in threats]
    placements = {c.id: placement(sent, c) if c.kind != PRONOUN else {"speaker_side"} for c in countries}
    if not countries:
        countries = usual
        placements = {c.id: {"from_document"} for c in usual}
    found = []
    for system in systems:
        deal_word, voice, status = _deal_terms(said, system.start - sent.start_char)
        origin = origin_of(system.id)
        pairs = [(s, r) for s in countries for r in countries if s.id != r.id]
        if origin and all(c.id != origin for c in countries) and not others_give:  # the supplier is only the
            # catalogue's origin, named if it sells home, and not where countries left unnamed give the system
            pairs += [(None, r) for r in countries if origin in named or r.id != home]
        holders = set(getattr(catalogue_entry(system.id), "holders", None) or ())
        givers = {c.id for c in countries if placements[c.id] & GIVING
                  or c.id in holders and "subject" in placements[c.id]}  # "Slovakia's S-300s", "Slovakia passed"
        barred = _barred_suppliers(system.id, [c.id for c in countries], givers)
        for supplier, recipient in pairs:
            if supplier is not None and (supplier.id in barred or _both_receive(
                    placements[supplier.id], placements[recipient.id], deal_word)):
                continue
            cues = {"cooccurrence", *(f"supplier_{p}" for p in (placements[supplier.id] if supplier else ())),
                    *(f"recipient_{p}" for p in placements[recipient.id]),
                    "supplier_implied_origin" if supplier is None else "supplier_named",
                    "supplier_before_recipient" if supplier is not None and supplier.start < recipient.start else "",
                    "origin_beside_giver" if supplier is None and givers - {recipient.id} else ""}
            supplier_id = supplier.id if supplier else origin
            deal_type = deal_word or plain_deal_type(voice, supplier_id, recipient.id, home)
            found.append(Transfer(supplier_id, recipient.id, system.id, deal_type,
                                  Span(sent.start_char, sent.end_char, said), status=status,
                                  cues=tuple(sorted(c for c in cues if c))))
    return found


def candidate_transfers(doc: Doc, read: list[Transfer]) -> list[Transfer]:
    """Candidate transfers for the triples the rules did not read, one per triple and deal type (its first
    sentence's evidence, the cues of every sentence that proposes it)."""
    known = {(t.supplier, t.recipient, t.system) for t in read}
    counts = country_counts(doc)
    usual = [Named(0, 0, country, country, COUNTRY, "document") for country, _ in counts.most_common(USUAL)]
    home = point_of_view(doc)
    merged: dict[tuple, Transfer] = {}
    for sent in sentences(doc):
        names = sentence_names(doc, sent.start_char, sent.end_char)
        speaker_side = [n for n in names if n.kind == PRONOUN]
        for candidate in _sentence_candidates(sent, names, speaker_side, usual, counts, home):
            triple = (candidate.supplier, candidate.recipient, candidate.system)
            if triple in known:
                continue
            key = (*triple, candidate.deal_type)
            if key in merged:
                earlier = merged[key]
                earlier.cues = tuple(sorted({*earlier.cues, *candidate.cues, "several_sentences"}))
            else:
                merged[key] = candidate
    return list(merged.values())
