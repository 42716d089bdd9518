"""What extraction reads out of one article: entities, roles, quotes and facts with evidence.

Every record carries the character span of the words it was read from (``start``, ``end`` into
``Article.text``), so that every stored fact can be traced back to its sentence. ``Extraction.to_gold``
writes the evaluation format described in the project's GOLD-FORMAT (``defgraph extract --format gold``).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from defgraph.model.article import Article
from defgraph.model.values import DateValue

ENTITY_TYPES = ("Country", "Person", "Organization", "WeaponSystem", "Location", "Event")
DEAL_TYPES = ("purchase", "licensed_production", "joint_development", "joint_production", "lease",
              "upgrade", "export")
STATUSES = ("proposed", "signed", "delivering", "delivered", "cancelled")
EVENT_TYPES = ("meeting", "visit", "deal_signing", "delivery", "test", "operation", "deployment",
               "statement", "facility_opening")


@dataclass(slots=True)
class Span:
    """A stretch of the article text: evidence for a fact."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """One place the article names an entity."""

    start: int
    end: int
    text: str
    kind: str = "name"  # name, alias, acronym, demonym, capital, short_name, listed, office, pronoun


@dataclass(slots=True)
class Entity:
    """An entity as one article names it; ``id`` is a catalogue id or a stable slug id."""

    id: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    in_catalogue: bool = False
    confidence: float | None = None  # the calibrated probability that this is a real, rightly typed entity

    @property
    def is_named(self) -> bool:
        """Whether the article names it: an outlet known only from the header, or a person known only by an
        office ("the Foreign Secretary said"), is an entity of the knowledge base but named nowhere in the text."""
        return any(m.kind not in ("office", "pronoun") for m in self.mentions)

    @property
    def aliases(self) -> list[str]:
        """The names the article gives it; pronouns ("he", a speaker's "we") refer to it but are no names."""
        seen: dict[str, None] = {}
        for mention in self.mentions:
            if mention.kind != "pronoun":
                seen.setdefault(mention.text, None)
        return list(seen)


@dataclass(slots=True)
class Role:
    """An office a person holds, as the article states it."""

    person: str
    title: str
    org: str | None
    evidence: Span
    confidence: float | None = None


@dataclass(slots=True)
class Quote:
    """A quotation: direct (the words in quotation marks) or reported speech."""

    speaker: str | None
    text: str
    direct: bool
    evidence: Span
    partial: bool = False  # a fragment of a few words inside the reporter's sentence
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    """One labelled turn of a transcript: who speaks (an entity id, or None) and the span of what they say."""

    label: str
    kind: str  # question (a journalist), unnamed (a moderator, an unnamed official), named, office
    speaker: str | None
    label_start: int
    start: int
    end: int


@dataclass(slots=True)
class TimeExpression:
    """A date expression in the text resolved against the publication date."""

    text: str
    start: int
    end: int
    value: DateValue | None


@dataclass(slots=True)
class Transfer:
    """A supply, sale, licensed production or joint development of a weapon system."""

    supplier: str | None
    recipient: str | None
    system: str
    deal_type: str | None
    evidence: Span
    status: str | None = None
    quantity: float | None = None
    quantity_unit: str | None = None
    value: float | None = None
    currency: str | None = None
    order_date: DateValue | None = None
    confidence: float | None = None
    cues: tuple[str, ...] = ()  # how it was proposed: "rules", or a co-occurrence candidate's parse cues


@dataclass(slots=True)
class Event:
    """A dated happening: a meeting, visit, signing, delivery, test, operation."""

    type: str
    participants: list[str]
    evidence: Span
    place: str | None = None
    date: DateValue | None = None
    occasion: str | None = None
    confidence: float | None = None


@dataclass(slots=True)
class Claim:
    """An assertion one source makes, with those who dispute it."""

    claimant: str | None
    text: str
    evidence: Span
    disputed_by: list[str] = field(default_factory=list)
    confidence: float | None = None


@dataclass(slots=True)
class Attribute:
    """A property the article asserts about an entity (speed class, in-service year, ...)."""

    entity: str
    attribute: str
    value: str
    evidence: Span
    confidence: float | None = None


def _iso(value: DateValue | None) -> str | None:
    return value.iso() if value else None


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


@dataclass(slots=True)
class Extraction:
    """Everything read out of one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def named_entities(self) -> list[Entity]:
        """The entities the text names (what the gold format lists), in order."""
        return [e for e in self.entities if e.is_named]

    def to_gold(self, thresholds: Mapping[str, float] | None = None) -> dict[str, Any]:
        """The article's extraction in the gold annotation format, each record with its confidence.

        ``thresholds`` (fact family → least confidence, as ``defgraph.confidence.default_thresholds``
        gives them) keeps only the facts at or above their family's threshold, and the entities they
        name (an event keeps only the participants written for themselves or for another fact);
        without it every fact is written.
        """
        def above(family: str, fact: Any) -> bool:
            return (thresholds is None or family not in thresholds or fact.confidence is None
                    or fact.confidence >= thresholds[family])

        def kept(family: str, facts: list) -> list:
            return [f for f in facts if above(family, f)]

        article = self.article
        roles, quotes, transfers = kept("roles", self.roles), kept("quotes", self.quotes), kept("transfers", self.transfers)
        events, claims, attributes = kept("events", self.events), kept("claims", self.claims), kept("attributes", self.attributes)
        used = {*(r.person for r in roles), *(r.org for r in roles), *(q.speaker for q in quotes),
                *(x for t in transfers for x in (t.supplier, t.recipient, t.system)),
                *(c.claimant for c in claims), *(a.entity for a in attributes)}
        entities = [e for e in self.named_entities() if above("entities", e) or e.id in used]
        # An event lists whoever its sentence names and vouches for none of them: its participants are only
        # the entities written for their own confidence or for another fact; an event left with none is dropped.
        written = {e.id for e in entities}
        events = [replace(e, participants=[p for p in e.participants if p in written]) for e in events]
        events = [e for e in events if e.participants]
        return {
            "doc": article.name or article.source,
            "published": _iso(article.published),
            "outlets": sorted({*article.agencies, *([article.outlet] if article.outlet else [])}),
            "entities": [
                {"id": e.id, "type": e.type, "name": e.name, "aliases": e.aliases, "confidence": e.confidence,
                 "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions
                              if m.kind != "pronoun"]}
                for e in entities
            ],
            "roles": [{"person": r.person, "title": r.title, "org": r.org, "confidence": r.confidence} for r in roles],
            "transfers": [
                {"supplier": t.supplier, "recipient": t.recipient, "system": t.system,
                 "deal_type": t.deal_type, "quantity": _number(t.quantity),
                 "quantity_unit": t.quantity_unit, "value": _number(t.value), "currency": t.currency,
                 "order_date": _iso(t.order_date), "status": t.status, "evidence": t.evidence.text,
                 "confidence": t.confidence}
                for t in transfers
            ],
            "quotes": [{"speaker": q.speaker, "text": q.text, "direct": q.direct,
                        "optional": q.partial or not q.direct, "confidence": q.confidence} for q in quotes],
            "events": [{"type": e.type, "participants": e.participants, "place": e.place,
                        "date": _iso(e.date), "evidence": e.evidence.text, "confidence": e.confidence}
                       for e in events],
            "claims": [{"claimant": c.claimant, "text": c.text, "disputed_by": c.disputed_by,
                        "confidence": c.confidence} for c in claims],
            "attributes": [{"entity": a.entity, "attribute": a.attribute, "value": a.value,
                            "evidence": a.evidence.text, "confidence": a.confidence} for a in attributes],
        }

    def as_dict(self) -> dict[str, Any]:
        """Every record with its evidence span, for JSON output and the store."""
        return asdict(self)
