"""Conflicts: where independent articles disagree, with both sides and their sources.

Reads a ``Knowledge`` and the merged transfers; writes ``Conflict``s of three kinds:
``attribute`` (two values of one entity's single-valued attribute: speed class, in-service year, a share
together with what it is a share of), ``transfer`` (two values of one slot of a merged deal: quantity,
value beyond the rounding tolerance in one currency, order date) and ``claim`` (a claim someone disputes).
Disagreement inside one near-duplicate cluster (copies of one story) is not a conflict. Which attributes
are compared and how shares are read is data: ``data/conflicts.yaml``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from defgraph.analyse.knowledge import Knowledge, Source, StatementFact
from defgraph.analyse.merge import MergedTransfer, SlotValue, merge_transfers, slot_values
from defgraph.data_files import load_yaml

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more values one subject is given by independent articles."""

    kind: str  # attribute, transfer, claim
    subject: str  # an entity id, or "supplier → recipient: system (deal type)"
    attribute: str
    sides: tuple[SlotValue, ...]
    label: str = ""  # the subject as a reader names it
    entities: tuple[str, ...] = ()  # every entity the conflict concerns

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject, "label": self.label, "attribute": self.attribute,
                "entities": list(self.entities), "sides": [side.as_dict() for side in self.sides]}


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The conflict rules of ``data/conflicts.yaml``."""
    return load_yaml(resources.files("defgraph.analyse").joinpath("data/conflicts.yaml").read_text("utf-8"))


def share_value(value: str, evidence: str) -> str:
    """A share with its basis: ``60%`` read from "60% of India's military inventory" → ``60% of inventory``."""
    number = _NUMBER.search(value)
    amount = f"{number.group()}%" if number else value.strip().casefold()
    after = evidence.casefold()
    at = after.find(value.casefold())
    tail = after[at + len(value):] if at >= 0 else after
    words = re.findall(r"[a-z]+", tail)
    for basis, cues in rules()["share_bases"].items():
        if any(word in cues for word in words):
            return f"{amount} of {basis}"
    return amount


def attribute_value(fact: StatementFact) -> str:
    """The comparable value of an attribute statement."""
    value = (fact.value or "").strip()
    if fact.property in rules()["share_attributes"]:
        return share_value(value, fact.source.evidence)
    return value.casefold()


def independent(sides: list[SlotValue]) -> bool:
    """Two or more values, read in at least two near-duplicate clusters."""
    return len(sides) > 1 and len(frozenset().union(*(side.clusters for side in sides))) > 1


def attribute_conflicts(knowledge: Knowledge) -> list[Conflict]:
    """Entities given two values of one single-valued attribute by independent articles."""
    compared = set(rules()["compared"])
    grouped: dict[tuple[str, str], list[tuple[str, Source]]] = defaultdict(list)
    for fact in knowledge.statements:
        if fact.property in compared and fact.value:
            grouped[(fact.subject, fact.property)].append((attribute_value(fact), fact.source))
    found = []
    for (subject, prop), pairs in sorted(grouped.items()):
        sides = slot_values(pairs)
        if independent(sides):
            found.append(Conflict("attribute", subject, prop, tuple(sides), knowledge.name(subject) or subject,
                                  (subject,)))
    return found


def _comparable(slot: str, values: list[SlotValue]) -> list[list[SlotValue]]:
    """Values that can disagree: amounts within one currency, counts of one unit (rifles, not squadrons)."""
    if slot not in ("value", "quantity"):
        return [values]
    by_unit: dict[str | None, list[SlotValue]] = defaultdict(list)
    for value in values:
        by_unit[value.value[1]].append(value)
    return list(by_unit.values())


def deal_label(deal: MergedTransfer, knowledge: Knowledge) -> str:
    name = knowledge.name
    return (f"{name(deal.supplier) or '?'} → {name(deal.recipient) or '?'}: {name(deal.system)}"
            f" ({deal.deal_type or 'deal'})")


def transfer_conflicts(knowledge: Knowledge, deals: list[MergedTransfer]) -> list[Conflict]:
    """Merged deals whose quantity, value or order date independent articles give differently."""
    found = []
    for deal in deals:
        for slot in rules()["transfer_slots"]:
            for sides in _comparable(slot, deal.slots.get(slot, [])):
                if independent(sides):
                    label = deal_label(deal, knowledge)
                    parties = tuple(p for p in (deal.supplier, deal.recipient, deal.system) if p)
                    found.append(Conflict("transfer", label, slot, tuple(sides), label, parties))
    return found


def claim_conflicts(knowledge: Knowledge) -> list[Conflict]:
    """Claims with those who dispute them: the claim on one side, the denial on the other."""
    found = []
    for claim in knowledge.claims:
        if claim.disputed_by:
            asserted = SlotValue({"claimant": claim.claimant, "text": claim.text}, (claim.source,))
            denied = SlotValue({"disputed_by": list(claim.disputed_by)}, (claim.source,))
            parties = tuple(p for p in (claim.claimant, *claim.disputed_by) if p)
            found.append(Conflict("claim", claim.claimant or "unknown", "claim", (asserted, denied),
                                  knowledge.name(claim.claimant) or "unknown", parties))
    return found


def entity_conflicts(knowledge: Knowledge, entity_id: str, deal_conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The conflicts a dossier lists: its entity's attributes, the deals it lists (``deal_conflicts``, those of
    ``transfer_conflicts`` as dicts: no conflict of a deal the dossier leaves out) and the claims it makes or
    disputes, each concerning the entity."""
    found = [c.as_dict() for c in attribute_conflicts(knowledge)] + deal_conflicts
    found += [c.as_dict() for c in claim_conflicts(knowledge)]
    return [c for c in found if entity_id in c["entities"]]


def find_conflicts(knowledge: Knowledge, deals: list[MergedTransfer] | None = None) -> list[Conflict]:
    """Every attribute, transfer and claim conflict in the store."""
    deals = merge_transfers(knowledge) if deals is None else deals
    return attribute_conflicts(knowledge) + transfer_conflicts(knowledge, deals) + claim_conflicts(knowledge)
