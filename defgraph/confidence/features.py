"""What we know about one extracted fact, as named features for its family's scorer.

Reads the spaCy ``Doc`` after every extraction component (entities, turns, the facts and their
evidence spans) and the catalogue; writes, for each fact, a dict of feature name → value. The rule
components' decisions become features here, beside the things they do not weigh: where the evidence
sits (a title, a list item, a transcript turn, a journalist's question), how often the article names
each party, what the catalogue says of the system (its origin, licensees, holders), the words around
the evidence and the kind of document (a fact sheet, a readout, remarks, a wire story).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from defgraph.catalogue import load_catalogue
from defgraph.extraction.entities_vocabulary import is_joint_body_name, without_seat, word_lists
from defgraph.extraction.mentions import mentions_in
from defgraph.extraction.relations_context import Named, country_of, doc_text
from defgraph.extraction.roles_bodies import nationality
from defgraph.extraction.roles_vocabulary import load_vocabulary
from defgraph.extraction.transfer_candidates import placement
from defgraph.model import Attribute, Claim, Entity, Event, Quote, Role, Transfer

Features = dict[str, float]

_DOC_KINDS = (("fact_sheet", r"\bfact sheet\b"), ("readout", r"\breadout\b"), ("joint_statement", r"\bjoint\b.*\bstatement\b|\bdeclaration\b"),
              ("statement", r"\bstatement\b"), ("remarks", r"\bremarks\b|\bpress (?:call|conference|gaggle|briefing)\b"),
              ("meeting", r"\bmeeting\b|\btalks\b"), ("order", r"\border\b|\bmemorandum\b|\bproclamation\b"))
_MODAL = re.compile(r"\b(?:will|would|could|may|might|plans? to|intends? to|considering|consider|talks|discuss\w*|"
                    r"negotiat\w*|offer\w*|propos\w*|request\w*|seek\w*|approv\w*)\b", re.IGNORECASE)
_PAST_DONE = re.compile(r"\b(?:delivered|received|handed over|arrived|commissioned|inducted|in service|operates?|"
                        r"flies|fielded|provided|sent)\b", re.IGNORECASE)
_SIGNED = re.compile(r"\b(?:signed|contract|ordered|agreement|deal|purchase[sd]?|bought|buy|sell|sold|sale|export\w*|"
                     r"suppl\w+|transfer\w*|provid\w+|send\w*|deliver\w*|package|assistance|drawdown|co-produc\w*|"
                     r"licen[cs]\w*|joint\w*)\b", re.IGNORECASE)
_HOSTILE = re.compile(r"\b(?:sanction\w*|warn\w*|condemn\w*|threat\w*|attack\w*|strike[sd]?|struck|against|invasion|"
                      r"aggression|shot down|intercept\w*|used by|fired|launch\w*)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|deny|denied|denies|refus\w*|reject\w*|cancel\w*|halt\w*|suspend\w*)\b",
                       re.IGNORECASE)
_HABITUAL = re.compile(r"\b(?:regular(?:ly)?|always|usually|often|every|annual(?:ly)?|series of|routinely|"
                       r"traditionally|biannual|periodic(?:ally)?)\b", re.IGNORECASE)
_BULLET = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)])\s")
_HEAD_WORD = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=1)
def _catalogue():
    return load_catalogue()


def _system_entry(system_id: str):
    return _catalogue().get(system_id)


def _known_suppliers(system_id: str) -> frozenset[str]:
    """The countries the catalogue lets supply a system (origin, licensees, co-producers, holders)."""
    try:
        return frozenset(_catalogue().known_suppliers(system_id))
    except KeyError:  # a system the catalogue does not know
        return frozenset()


def _makers(system_id: str) -> frozenset[str]:
    """The countries that design or produce a system (origin, licensees, co-producers)."""
    return getattr(_system_entry(system_id), "makers", frozenset())


def _holders(system_id: str) -> frozenset[str]:
    entry = _system_entry(system_id)
    return frozenset(getattr(entry, "holders", ()) or ())


def doc_kind(doc: Doc) -> str:
    """A fact sheet, a readout, remarks ... as the title says; a wire story when none of them."""
    article = doc._.article
    title = ((article.title if article else None) or doc_text(doc)[:160]).lower()
    for kind, pattern in _DOC_KINDS:
        if re.search(pattern, title):
            return kind
    return "transcript" if doc._.turns else "story"


def _mention_counts(doc: Doc) -> Counter[str]:
    return Counter({e.id: len(e.mentions) for e in doc._.entities or []})


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge:g}"
    return f">{edges[-1]:g}"


def _where(doc: Doc, start: int, end: int) -> Features:
    """Where a piece of evidence sits: title, list item, a transcript turn or a question, how far in."""
    text = doc_text(doc)  # Doc.text joins every token anew: once per doc, not once per fact
    line_start = text.rfind("\n", 0, start) + 1
    first_break = text.find("\n")
    features: Features = {
        "in_title": float(first_break == -1 or start < first_break),
        "in_list_item": float(bool(_BULLET.match(text, line_start))),
        "position": min(start / max(len(text), 1), 1.0),
        f"evidence_words{_bucket(len(text[start:end].split()), (8, 20, 40, 80))}": 1.0,
    }
    turn = next((t for t in doc._.turns or [] if t.start <= start < t.end), None)
    if turn is not None:
        features[f"turn_{turn.kind}"] = 1.0
    return features


def _named_in(doc: Doc, entity_id: str | None, start: int, end: int) -> Features:
    """Whether the evidence names the entity by name, only by a pronoun, or not at all."""
    if entity_id is None:
        return {"none": 1.0}
    kinds = {m.kind for m, e in mentions_in(doc, start, end) if e.id == entity_id}
    if not kinds:
        return {"absent": 1.0}
    return {"pronoun": 1.0} if kinds <= {"pronoun"} else {"named": 1.0}


def _prefixed(prefix: str, features: Features) -> Features:
    return {f"{prefix}:{name}": value for name, value in features.items()}


def _cue_features(text: str) -> Features:
    return {"cue_modal": float(bool(_MODAL.search(text))), "cue_done": float(bool(_PAST_DONE.search(text))),
            "cue_deal": float(bool(_SIGNED.search(text))), "cue_hostile": float(bool(_HOSTILE.search(text))),
            "cue_negation": float(bool(_NEGATION.search(text)))}


def _type_of(doc: Doc, entity_id: str | None) -> str:
    entity = next((e for e in doc._.entities or [] if e.id == entity_id), None)
    return entity.type if entity else "none"


_HEAD_CLASSES = (("organisation", "organisation_heads"), ("suffix", "company_suffixes"), ("group", "group_heads"),
                 ("member", "member_heads"), ("place", "place_nouns"), ("system", "system_name_heads"),
                 ("non_body", "non_body_heads"))


@lru_cache(maxsize=1)
def _head_classes() -> dict[str, tuple[str, ...]]:
    """Each last word of a name → the classes of heads it belongs to (``data/entities.yaml``)."""
    classes: dict[str, tuple[str, ...]] = {}
    for label, key in _HEAD_CLASSES:
        for word in word_lists()[key]:
            classes[word.lower()] = (*classes.get(word.lower(), ()), label)
    return classes


def entity_features(doc: Doc, entity: Entity) -> Features:
    """An entity: its type, whether the catalogue knows it, how and how often it is named, its words."""
    names = [m for m in entity.mentions if m.kind not in ("pronoun", "office")]
    words = _HEAD_WORD.findall(without_seat(entity.name))  # "Embassy in London" is headed by "Embassy"
    kinds = Counter(m.kind for m in entity.mentions)
    features: Features = {
        f"type={entity.type}": 1.0,
        f"type={entity.type}:catalogue": float(entity.in_catalogue),
        f"mentions{_bucket(len(names), (1, 2, 4, 8))}": 1.0,
        f"name_words{_bucket(len(words), (1, 2, 3, 5))}": 1.0,
        "all_caps": float(entity.name.isupper()),
        "has_digit": float(any(ch.isdigit() for ch in entity.name)),
        "only_in_title": float(all(_where(doc, m.start, m.end)["in_title"] for m in names) if names else 0.0),
        f"doc={doc_kind(doc)}": 1.0,
    }
    for kind, count in kinds.items():
        features[f"mention_kind={kind}"] = 1.0
    if words:
        features[f"{entity.type}:last_word={words[-1].lower()}"] = 1.0
        features[f"{entity.type}:first_word={words[0].lower()}"] = 1.0
        heads = _head_classes().get(words[-1].lower(), ("other",))
        if entity.type == "Organization" and is_joint_body_name(entity.name):
            heads = ("organisation",)  # a joint body's "Forum" is a body, not an event's
        for label in heads:
            features[f"{entity.type}:head={label}"] = 1.0
    turn_labels = [t for t in doc._.turns or [] if t.speaker == entity.id]
    features["speaks_in_transcript"] = float(bool(turn_labels))
    return features


_PLACES = {  # a party's cues, strongest first, and the one word its place is known by
    "supplier": (("rules", "rules"), ("supplier_subject_of_supplying", "supplies"), ("supplier_after_from", "from"),
                 ("supplier_speaker_side", "speaker"), ("supplier_implied_origin", "origin"),
                 ("supplier_after_to", "to"), ("supplier_subject_of_receiving", "receives"),
                 ("supplier_subject", "subject"), ("supplier_from_document", "article")),
    "recipient": (("rules", "rules"), ("recipient_after_to", "to"), ("recipient_object_of_supplying", "supplied"),
                  ("recipient_subject_of_receiving", "receives"), ("recipient_speaker_side", "speaker"),
                  ("recipient_after_from", "from"), ("recipient_subject_of_supplying", "supplies"),
                  ("recipient_subject", "subject"), ("recipient_from_document", "article")),
}


_WELL_PLACED = {"supplier": {"rules", "supplies", "from", "speaker", "origin"},
                "recipient": {"rules", "to", "supplied", "receives", "speaker"}}


def _placement_score(cues: tuple[str, ...]) -> int:
    """How many of a candidate's two parties the parse puts where a party of a deal stands."""
    return sum(_placed(cues, party) in _WELL_PLACED[party] for party in ("supplier", "recipient"))


def _placed(cues: tuple[str, ...], party: str) -> str:
    """Where the parse puts a candidate's party, in one word ("to", "from", "supplies", ...)."""
    return next((word for cue, word in _PLACES[party] if cue in cues), "elsewhere")


_RECEIVING_PLACES = frozenset({"after_to"})  # "to Ukraine", "for India"
_GIVING_PLACES = frozenset({"after_from", "subject_of_supplying"})  # "from France", "France sells"


def _places_in(doc: Doc, party: str | None, start: int, end: int) -> set[str]:
    """How the parse places a party's names in the evidence (itself or its organisations)."""
    if party is None:
        return set()
    sent = doc.char_span(start, end, alignment_mode="expand")
    if sent is None or not doc.has_annotation("DEP"):
        return set()
    places: set[str] = set()
    for mention, entity in mentions_in(doc, start, end):
        named = Named(mention.start, mention.end, mention.text, entity.id, entity.type, mention.kind)
        if mention.kind != "pronoun" and country_of(named) == party:
            places |= placement(sent, named)
    return places


def _direction(doc: Doc, transfer: Transfer) -> Features:
    """Evidence that supplier and recipient are swapped: the recipient designs or makes the system while the
    supplier does not ("Ukraine supplies HIMARS to the United States"), or the parse puts the supplier where a
    recipient stands ("to Ukraine") or the recipient where a supplier stands ("from France")."""
    makers = _makers(transfer.system)
    start, end = transfer.evidence.start, transfer.evidence.end
    supplier, recipient = (_places_in(doc, p, start, end) for p in (transfer.supplier, transfer.recipient))
    reversed_in_parse = bool(supplier & _RECEIVING_PLACES and not supplier & _GIVING_PLACES
                             or recipient & _GIVING_PLACES and not recipient & _RECEIVING_PLACES)
    return {"reversed_by_catalogue": float(transfer.recipient in makers and transfer.supplier not in makers),
            "reversed_in_parse": float(reversed_in_parse)}


def transfer_features(doc: Doc, transfer: Transfer) -> Features:
    """A deal: its terms, how its evidence reads, and whether the catalogue lets the supplier supply it. A
    candidate is weighed by the stage word its sentence states and without a count: the model learnt candidates
    before they took the count and the implied status of their sentence."""
    start, end = transfer.evidence.start, transfer.evidence.end
    read = "rules" in transfer.cues
    status = None if "status_implied" in transfer.cues else transfer.status
    said = doc_text(doc)[start:end]
    suppliers = _known_suppliers(transfer.system)
    entry = _system_entry(transfer.system)
    counts = _mention_counts(doc)
    features: Features = {
        "bias_rule": 1.0,
        f"deal_type={transfer.deal_type}": 1.0,
        f"status={status}": 1.0,
        "has_quantity": float(read and transfer.quantity is not None),
        "has_value": float(transfer.value is not None),
        "has_order_date": float(transfer.order_date is not None),
        "system_in_catalogue": float(entry is not None),
        f"system_category={getattr(entry, 'category', None)}": 1.0,
        "supplier_is_origin": float(entry is not None and getattr(entry, "origin", None) == transfer.supplier),
        "supplier_known": float(transfer.supplier in suppliers),
        "supplier_unknown_for_system": float(bool(suppliers) and transfer.supplier not in suppliers),
        "recipient_is_origin": float(entry is not None and getattr(entry, "origin", None) == transfer.recipient),
        "recipient_holds": float(transfer.recipient in _holders(transfer.system)),
        f"supplier_type={_type_of(doc, transfer.supplier)}": 1.0,
        f"recipient_type={_type_of(doc, transfer.recipient)}": 1.0,
        f"system_mentions{_bucket(counts.get(transfer.system, 0), (1, 2, 4))}": 1.0,
        f"supplier_mentions{_bucket(counts.get(transfer.supplier, 0), (1, 3, 8))}": 1.0,
        f"recipient_mentions{_bucket(counts.get(transfer.recipient, 0), (1, 3, 8))}": 1.0,
        f"doc={doc_kind(doc)}": 1.0,
        **_prefixed("supplier", _named_in(doc, transfer.supplier, start, end)),
        **_prefixed("recipient", _named_in(doc, transfer.recipient, start, end)),
        **_where(doc, start, end),
        **_cue_features(said),
        **_direction(doc, transfer),
    }
    for cue in transfer.cues:
        features[f"cue:{cue}"] = 1.0
    features[f"placed:{_placed(transfer.cues, 'supplier')}>{_placed(transfer.cues, 'recipient')}"] = 1.0
    rivals = [t for t in doc._.transfers or [] if t is not transfer and t.system == transfer.system
              and t.evidence.start == start]
    placement = _placement_score(transfer.cues)
    features["rival_better_placed"] = float(any(_placement_score(t.cues) > placement for t in rivals))
    features["rival_read_by_rules"] = float("rules" not in transfer.cues and any("rules" in t.cues for t in rivals))
    confidences = {e.id: e.confidence for e in doc._.entities or []}
    features["system_entity_confidence"] = confidences.get(transfer.system) or 0.0
    features["party_entity_confidence"] = min(confidences.get(transfer.supplier) or 0.0,
                                              confidences.get(transfer.recipient) or 0.0)
    systems_in_evidence = {e.id for m, e in mentions_in(doc, start, end) if e.type == "WeaponSystem"}
    countries_in_evidence = {e.id for m, e in mentions_in(doc, start, end) if e.type == "Country"}
    features[f"systems_in_evidence{_bucket(len(systems_in_evidence), (0, 1, 2))}"] = 1.0
    features[f"countries_in_evidence{_bucket(len(countries_in_evidence), (0, 1, 2, 3))}"] = 1.0
    return features


def quote_features(doc: Doc, quote: Quote) -> Features:
    """A quotation: who is said to speak it, how it was attributed, how long it is and where it sits."""
    start, end = quote.evidence.start, quote.evidence.end
    turn = next((t for t in doc._.turns or [] if t.start == start and t.speaker == quote.speaker), None)
    return {
        f"speaker_type={_type_of(doc, quote.speaker)}": 1.0,
        "has_speaker": float(quote.speaker is not None),
        "direct": float(quote.direct),
        "partial": float(quote.partial),
        "whole_turn": float(turn is not None),
        f"turn_label={turn.kind if turn else 'none'}": 1.0,
        f"words{_bucket(len(quote.text.split()), (3, 8, 20, 60))}": 1.0,
        **_prefixed("speaker", _named_in(doc, quote.speaker, max(0, start - 200), min(len(doc_text(doc)), end + 200))),
        f"doc={doc_kind(doc)}": 1.0,
        **_where(doc, start, end),
    }


def role_features(doc: Doc, role: Role) -> Features:
    """An office held: its title words, its body's type and whether the evidence names it, how the person is named,
    whether the person's transcript label gives the title."""
    words = _HEAD_WORD.findall(role.title.lower())
    person = next((e for e in doc._.entities or [] if e.id == role.person), None)
    features: Features = {
        f"org_type={_type_of(doc, role.org)}": 1.0,
        f"title_words{_bucket(len(words), (1, 2, 4))}": 1.0,
        "person_named": float(bool(person and person.is_named)),
        f"person_mentions{_bucket(len(person.mentions) if person else 0, (1, 2, 4))}": 1.0,
        f"doc={doc_kind(doc)}": 1.0,
        **_where(doc, role.evidence.start, role.evidence.end),
        **_prefixed("org", _named_in(doc, role.org, role.evidence.start, role.evidence.end)),
    }
    if words[:1] == ["former"]:
        features["former"] = 1.0
    if any(role.title.lower() in t.label.lower() for t in doc._.turns or [] if t.speaker == role.person):
        features["title_in_own_label"] = 1.0  # "Deputy Prime Minister Ivan Petrov:" opens the person's turns
    if role.person in (doc._.get("proposed_people") or ()):
        features["person_proposed"] = 1.0  # a name the entity stage missed, read off the title beside it
    known = nationality(load_vocabulary(), person) if person else None
    if known:  # a well-known person's country, against the country the rules gave the office
        features["org_is_known_country" if known == role.org else "known_country_elsewhere"] = 1.0
    for word in words[-2:]:
        features[f"title_word={word}"] = 1.0
    return features


def _event_pattern(name: str) -> re.Pattern[str]:
    from defgraph.extraction.relations_cues import pattern

    return pattern("relations_events", name)


def _event_cue(event: Event) -> re.Match[str] | None:
    """The cue that reported the event in its evidence ("met", "meeting", "announced")."""
    from defgraph.extraction.relations_cues import labelled_patterns

    compiled = dict(labelled_patterns("relations_events", "event_types")).get(event.type)
    return compiled.search(event.evidence.text) if compiled is not None else None


def _event_reading(doc: Doc, event: Event) -> Features:
    """How the evidence tells the happening: the cue's first word, the tense of its clause, whether it is a
    habit ("we regularly hold exercises"), a question, or names every participant itself."""
    from defgraph.extraction.dates import tense_at

    start, end = event.evidence.start, event.evidence.end
    cue = _event_cue(event)
    words = cue.group(0).lower().split() if cue else []
    tense = tense_at(doc, start + cue.start(), start + cue.end()) if cue else None
    named = {e.id for _, e in mentions_in(doc, start, end)}
    return {f"cue={event.type}:{words[0] if words else 'none'}": 1.0, f"cue_tense={tense or 'none'}": 1.0,
            f"{event.type}:cue_tense={tense or 'none'}": 1.0,
            "cue_habitual": float(bool(_HABITUAL.search(event.evidence.text))),
            "cue_question": float("?" in event.evidence.text),
            "participants_not_in_evidence": float(bool(set(event.participants) - named))}


CONFIDENT_PARTICIPANT = 0.6  # an entity the entity scorer believes at least this much is a real party


def _participant_confidence(doc: Doc, event: Event) -> Features:
    """How far the entity scorer believes in the event's parties: its most believed participant, and how many it
    believes (a happening whose every party is a misread name, "LLC", "Readout of ...", is rarely a record)."""
    believed = {e.id: e.confidence for e in doc._.entities or [] if e.confidence is not None}
    confidences = [believed[p] for p in event.participants if p in believed]
    features = {f"confident_participants{_bucket(sum(c >= CONFIDENT_PARTICIPANT for c in confidences), (0, 1, 2))}": 1.0}
    if confidences:
        features[f"participant_confidence_max{_bucket(max(confidences), (0.4, 0.6, 0.8))}"] = 1.0
    return features


def _cue_syntax(doc: Doc, event: Event) -> Features:
    """Where the parse puts the cue: the sentence's main account ("Russia invaded"), or a clause or phrase beneath
    it ("to deter Russian aggression", "the greatest alliance since World War II"); how deep, and its relation."""
    cue = _event_cue(event)
    if cue is None or not doc.has_annotation("DEP"):
        return {}
    span = doc.char_span(event.evidence.start + cue.start(), event.evidence.start + cue.end(), alignment_mode="expand")
    if span is None or not len(span):
        return {}
    token, depth = span.root, 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return {f"cue_depth{_bucket(depth, (0, 1, 2, 4))}": 1.0, f"cue_dep={span.root.dep_ or 'none'}": 1.0}


def event_features(doc: Doc, event: Event) -> Features:
    """A happening: its type, who takes part and how far the entity scorer believes in them, whether it is dated
    and placed, how its evidence reads."""
    start, end = event.evidence.start, event.evidence.end
    types = Counter(_type_of(doc, p) for p in event.participants)
    article = doc._.article
    features: Features = {
        f"type={event.type}": 1.0,
        f"participants{_bucket(len(event.participants), (1, 2, 3))}": 1.0,
        "has_date": float(event.date is not None),
        "date_is_publication_day": float(event.date is not None and article is not None
                                         and event.date == article.published),
        "has_place": float(event.place is not None),
        f"doc={doc_kind(doc)}": 1.0,
        **_where(doc, start, end),
        **_cue_features(doc_text(doc)[start:end]),
        **_event_reading(doc, event),
        f"{event.type}:defence_words": float(bool(_event_pattern("defence_words").search(event.evidence.text))),
        "opens_with_quote_mark": float(bool(_event_pattern("quote_marks").match(event.evidence.text))),
        **_participant_confidence(doc, event),
        **_cue_syntax(doc, event),
    }
    for kind, count in types.items():
        features[f"{event.type}:participant_type={kind}"] = 1.0
    return features


def claim_features(doc: Doc, claim: Claim) -> Features:
    return {"has_claimant": float(claim.claimant is not None), "disputed": float(bool(claim.disputed_by)),
            f"doc={doc_kind(doc)}": 1.0, **_where(doc, claim.evidence.start, claim.evidence.end)}


def attribute_features(doc: Doc, attribute: Attribute) -> Features:
    return {f"attribute={attribute.attribute}": 1.0, f"entity_type={_type_of(doc, attribute.entity)}": 1.0,
            **_where(doc, attribute.evidence.start, attribute.evidence.end)}


FAMILY_FEATURES = {
    "entities": entity_features, "transfers": transfer_features, "quotes": quote_features, "roles": role_features,
    "events": event_features, "claims": claim_features, "attributes": attribute_features,
}
