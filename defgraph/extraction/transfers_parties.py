"""The parties of a transfer: who supplies a system named in a sentence and who receives it.

``deal_parties`` reads one sentence's countries against one of its systems: the words placed right before a party
("from Sweden", "to Peru"), the verbs it is the subject of (the lemma lists of ``data/relations_transfers.yaml``),
a country word qualifying the system ("Swedish-built"), the givers of aid, coordinated recipients, and the names
that are only bystanders (who warn, report or threaten) or sit inside a title or another clause. The small
sentence tests the transfers component uses to carry a recipient or a subject to the next sentence live here too.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span as SentSpan

from defgraph.extraction.relations_context import COUNTRY, SYSTEM, Named, country_of, origin_of, sentence_text
from defgraph.extraction.relations_cues import has_cue, pattern
from defgraph.extraction.relations_values import load_data
from defgraph.extraction.transfer_candidates import named_as_threat, subject_verbs

DATA = "relations_transfers"
JOINT = frozenset({"joint_development", "joint_production"})
RELATIVES = frozenset({"which", "that", "who"})
PRONOUNS = frozenset({"it", "they"})
PRONOUN_KIND = "pronoun"
# a clause ends at ", and", ";" or a full stop the sentence splitter missed ("the P-8I. In October ...")
CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|as)\b|;|(?<=\w\w)\.\s+(?=[A-Z][a-z])")
THINGS = frozenset({"dobj", "pobj", "attr", "appos", "conj"})


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


def placed_recipient(text: str, sent_start: int, names: list[Named]) -> str | None:
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


def deal_parties(doc: Doc, sent: SentSpan, names: list[Named], system: Named, deal_type: str, home: str | None,
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


def subject_country(doc: Doc, names: list[Named]) -> str | None:
    """The first country a sentence names as the subject of a clause ("Warsaw has been rushing")."""
    for named in names:
        span = doc.char_span(named.start, named.end, alignment_mode="expand") if named.type == COUNTRY else None
        if span is not None and span.root.dep_ == "nsubj" and named.kind != PRONOUN_KIND:
            return named.id
    return None


def pronoun_buys(sent: SentSpan) -> bool:
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
