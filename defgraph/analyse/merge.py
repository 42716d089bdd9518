"""Merge: one transfer record per (supplier, recipient, system, deal type) across articles.

Reads the ``TransferFact``s of a ``Knowledge``; writes ``MergedTransfer``s with every supporting source,
first and last seen (publication dates), a support count in which the copies of one story (documents of
one near-duplicate cluster) count once, the best-supported value of each slot, and the deal's lifecycle
(proposed → signed → delivering → delivered, each stage with its first report). A fact that leaves the
supplier, recipient or deal type unsaid joins the one record that agrees with everything it does say.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from defgraph.analyse.knowledge import Knowledge, Source, TransferFact, catalogue, date_key

STAGES = ("proposed", "signed", "delivering", "delivered", "cancelled")
ORDER_STAGES = ("proposed", "signed")
DELIVERY_STAGES = ("delivering", "delivered")
SYMMETRIC_DEALS = frozenset({"joint_development", "joint_production"})
SALES = frozenset({"purchase", "export"})  # one sale, told from the buyer's or the seller's side
SALE = "sale"
# a deal is shown by default when the stories that report it make it at least this likely: the
# confidences are calibrated, so four in five such deals are right
TRUSTED_CONFIDENCE = 0.8
VALUE_TOLERANCE = 0.02  # figures within 2% are one figure rounded (USD 374.96 m and USD 375 m)

Key = tuple[str | None, str | None, str, str | None]


@dataclass(frozen=True, slots=True)
class SlotValue:
    """One value of a slot with the sources that give it; ``support`` counts clusters, not copies."""

    value: Any
    sources: tuple[Source, ...]

    @property
    def support(self) -> int:
        return len({s.cluster_id for s in self.sources})

    @property
    def clusters(self) -> frozenset[int]:
        return frozenset(s.cluster_id for s in self.sources)

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "support": self.support, "sources": [s.as_dict() for s in self.sources]}


@dataclass(frozen=True, slots=True)
class Stage:
    """A lifecycle stage with the first article that reports it.

    ``follow_on``: talks or a signing first reported after deliveries began: more units, a new order.
    """

    status: str
    date: str | None
    source: Source
    follow_on: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "date": self.date, "follow_on": self.follow_on, "source": self.source.as_dict()}


def witness_confidence() -> float:
    """The least confidence at which a story's reading of a deal adds to the deal's belief: the transfer
    model's default threshold, below which extraction does not report the reading at all (0.5 untrained)."""
    from defgraph.confidence.model import load_model

    model = load_model("transfers")
    return model.threshold if model is not None else 0.5


@dataclass(slots=True)
class MergedTransfer:
    """One deal as every article together reports it."""

    supplier: str | None
    recipient: str | None
    system: str
    deal_type: str | None
    sources: list[Source]
    slots: dict[str, list[SlotValue]] = field(default_factory=dict)  # every value of each slot, best first
    lifecycle: list[Stage] = field(default_factory=list)
    status: str | None = None
    confidence: float | None = None  # the best confidence of any report of the deal
    story_confidences: dict[int, float] = field(default_factory=dict)  # cluster → its best confidence

    def trusted(self, threshold: float = TRUSTED_CONFIDENCE) -> bool:
        """Shown by default: believed with at least ``threshold`` probability, and possible by the catalogue;
        a system the catalogue does not know, which no catalogue fact can check ("a new Western air defence
        system" read as a system named Western), needs two independent stories.

        Independent stories add up (``belief``): two stories at 0.6 make 0.84, while one misreading repeated
        at 0.1 in five stories stays at 0.1. A deal stored without confidences is believed.
        """
        believed = self.belief is None or self.belief >= threshold
        checkable = self.system in catalogue() or len(self.story_confidences) >= 2
        return believed and checkable and plausible_supplier(self.supplier, self.system) \
            and not supplies_its_maker(self.supplier, self.recipient, self.system)

    @property
    def belief(self) -> float | None:
        """The probability that the deal is real: each independent story (the copies of one count once) whose
        best reading extraction would report (``witness_confidence``) is a witness, and the witnesses combine
        as a noisy-or; with none, the best reading's own confidence. A story read at 0.1 is a likely
        misreading, and one extractor misreads alike in every story told alike (a third country's supply
        read as the maker's, a direction read backwards): three such stories confirm the misreading, not
        the deal."""
        if not self.story_confidences:
            return None
        least = witness_confidence()
        witnesses = [c for c in self.story_confidences.values() if c >= least]
        if not witnesses:
            return max(self.story_confidences.values())
        doubt = 1.0
        for confidence in witnesses:
            doubt *= 1.0 - confidence
        return round(1.0 - doubt, 3)

    @property
    def key(self) -> Key:
        return (self.supplier, self.recipient, self.system, self.deal_type)

    @property
    def support(self) -> int:
        return len({s.cluster_id for s in self.sources})

    @property
    def first_seen(self) -> str | None:
        return min((s.published for s in self.sources if s.published), key=date_key, default=None)

    @property
    def last_seen(self) -> str | None:
        return max((s.published for s in self.sources if s.published), key=date_key, default=None)

    def best(self, slot: str) -> Any:
        """The best-supported value of a slot, or None."""
        values = self.slots.get(slot)
        return values[0].value if values else None

    def as_dict(self, names: Callable[[str | None], str | None] = lambda x: x) -> dict[str, Any]:
        return {
            "supplier": self.supplier, "recipient": self.recipient, "system": self.system,
            "supplier_name": names(self.supplier), "recipient_name": names(self.recipient),
            "system_name": names(self.system), "deal_type": self.deal_type, "status": self.status,
            "quantity": (self.best("quantity") or [None])[0], "quantity_unit": (self.best("quantity") or [None, None])[1],
            "value": self.best("value"), "order_date": self.best("order_date"),
            "support": self.support, "confidence": self.confidence, "belief": self.belief,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "lifecycle": [stage.as_dict() for stage in self.lifecycle],
            "slots": {slot: [v.as_dict() for v in values] for slot, values in self.slots.items()},
            "sources": [s.as_dict() for s in self.sources],
        }


def plausible_supplier(supplier: str | None, system: str) -> bool:
    """Whether the catalogue allows ``supplier`` to supply ``system``: its origin, a licensee, a co-producer
    or a known holder (a system the catalogue does not know, or an unnamed supplier, is allowed)."""
    if supplier is None:
        return True
    try:
        known = catalogue().known_suppliers(system)
    except KeyError:
        return True
    return not known or supplier in known


def supplies_its_maker(supplier: str | None, recipient: str | None, system: str) -> bool:
    """Whether a country that neither designs nor makes the system is read as supplying it to one that does
    ("Ukraine supplies Javelins to the United States", "Poland sells Leopard 2 tanks to Germany"): a direction
    the catalogue rules out, read backwards from the prose. A licensee supplying the designer is no such case."""
    makers = getattr(catalogue().get(system), "makers", frozenset())
    return supplier is not None and recipient in makers and supplier not in makers


def transfer_key(fact: TransferFact) -> Key:
    """The deal a fact reports; the two partners of a joint programme in a fixed order; a purchase and an
    export of one system between the same parties are one sale, told from either side."""
    supplier, recipient = fact.supplier, fact.recipient
    if fact.deal_type in SYMMETRIC_DEALS and supplier and recipient:
        supplier, recipient = sorted((supplier, recipient))
    return (supplier, recipient, fact.system, SALE if fact.deal_type in SALES else fact.deal_type)


def _agrees(partial: Key, full: Key) -> bool:
    return all(p is None or p == f for p, f in zip(partial, full))


def group_facts(facts: Iterable[TransferFact]) -> dict[Key, list[TransferFact]]:
    """Facts grouped by deal; a fact with an unsaid party or deal type joins the one deal it agrees with."""
    groups: dict[Key, list[TransferFact]] = defaultdict(list)
    for fact in facts:
        groups[transfer_key(fact)].append(fact)
    for key in [k for k in groups if None in k]:
        homes = [k for k in groups if k != key and None not in k and _agrees(key, k)]
        if len(homes) == 1:
            groups[homes[0]].extend(groups.pop(key))
    return dict(groups)


def same_number(a: float, b: float) -> bool:
    """Two figures are one, rounded, when they differ by at most 2% (601,427 and "more than 600,000")."""
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b))


def same_value(a: list, b: list) -> bool:
    """Two ``[amount, currency]`` are one figure when the currency is the same and the amounts one figure."""
    return a[1] == b[1] and same_number(a[0], b[0])


def same_quantity(a: list, b: list) -> bool:
    """Two ``[count, unit]`` are one when the counts are one figure and the units agree (or one is unsaid)."""
    return same_number(a[0], b[0]) and (a[1] == b[1] or None in (a[1], b[1]))


def same_date(a: str, b: str) -> bool:
    """Dates agree when one is the other at a coarser grain (2018 and 2018-10)."""
    return a.startswith(b) or b.startswith(a)


def slot_values(pairs: Iterable[tuple[Any, Source]], same: Callable[[Any, Any], bool] = lambda a, b: a == b,
                finer: Callable[[Any, Any], bool] = lambda new, old: False) -> list[SlotValue]:
    """Values grouped by ``same``, best-supported first (ties: the latest report)."""
    groups: list[tuple[Any, list[Source]]] = []
    for value, source in pairs:
        for i, (kept, sources) in enumerate(groups):
            if same(value, kept):
                sources.append(source)
                if finer(value, kept):
                    groups[i] = (value, sources)
                break
        else:
            groups.append((value, [source]))
    values = [SlotValue(value, tuple(sources)) for value, sources in groups]
    return sorted(values, key=lambda v: (v.support, max(date_key(s.published) for s in v.sources)), reverse=True)


def _by_date(facts: list[TransferFact]) -> list[TransferFact]:
    return sorted(facts, key=lambda f: (date_key(f.source.published), f.source.doc_id, f.source.start))


def lifecycle(facts: list[TransferFact], order_date: str | None = None) -> list[Stage]:
    """Each reported status with the first article that reports it, in lifecycle order.

    A stage is dated by that article's publication, except signing: by the order date when one is known.
    """
    first: dict[str, TransferFact] = {}
    for fact in _by_date(facts):
        if fact.status in STAGES:
            first.setdefault(fact.status, fact)

    def follow_on(status: str) -> bool:
        seen = date_key(first[status].source.published)
        return status in ORDER_STAGES and any(
            date_key(first[later].source.published) < seen for later in DELIVERY_STAGES if later in first)

    return [Stage(status, (status == "signed" and order_date) or first[status].source.published,
                  first[status].source, follow_on(status))
            for status in STAGES if status in first]


def current_status(facts: list[TransferFact]) -> str | None:
    """The status the latest reports give: the most advanced stage among the latest-dated facts."""
    dated = [f for f in facts if f.status in STAGES]
    if not dated:
        return None
    latest = max(date_key(f.source.published) for f in dated)
    return max((f.status for f in dated if date_key(f.source.published) == latest), key=STAGES.index)


def deal_status(facts: list[TransferFact], stages: list[Stage]) -> str | None:
    """The latest reports' status, unless that is a follow-on: then the furthest stage the deal reached."""
    status = current_status(facts)
    if any(stage.status == status and stage.follow_on for stage in stages):
        return max((s.status for s in stages if not s.follow_on), key=STAGES.index, default=status)
    return status


def _story_confidences(facts: list[TransferFact]) -> dict[int, float]:
    """Each near-duplicate cluster's best confidence among the facts (facts without one are left out)."""
    best: dict[int, float] = {}
    for fact in facts:
        if fact.confidence is not None:
            best[fact.source.cluster_id] = max(fact.confidence, best.get(fact.source.cluster_id, 0.0))
    return best


def merge_group(key: Key, facts: list[TransferFact]) -> MergedTransfer:
    """One merged record from the facts of one deal."""
    facts = _by_date(facts)
    slots = {
        "quantity": slot_values((([f.quantity, f.quantity_unit], f.source) for f in facts if f.quantity is not None),
                                same_quantity, lambda new, old: old[1] is None and new[1] is not None),
        "value": slot_values((([f.value, f.currency], f.source) for f in facts if f.value is not None), same_value),
        "order_date": slot_values(((f.order_date, f.source) for f in facts if f.order_date), same_date,
                                  lambda new, old: len(new) > len(old)),
    }
    stages = lifecycle(facts, slots["order_date"][0].value if slots["order_date"] else None)
    kinds = [f.deal_type for f in facts if f.deal_type]
    deal_type = max(dict.fromkeys(kinds), key=kinds.count) if key[3] == SALE and kinds else key[3]
    return MergedTransfer(*key[:3], deal_type, sources=[f.source for f in facts],
                          slots={name: values for name, values in slots.items() if values},
                          lifecycle=stages, status=deal_status(facts, stages),
                          confidence=max((f.confidence for f in facts if f.confidence is not None), default=None),
                          story_confidences=_story_confidences(facts))


def merge_transfers(knowledge: Knowledge) -> list[MergedTransfer]:
    """Every deal across the store, most supported first."""
    merged = [merge_group(key, facts) for key, facts in group_facts(knowledge.transfers).items()]
    return sorted(merged, key=lambda m: (-m.support, m.system, m.supplier or "", m.recipient or ""))
