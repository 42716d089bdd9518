"""Score one article's extraction against its gold annotation (GOLD-FORMAT.md, "Scoring").

Reads two dicts in the gold format (``Extraction.to_gold()`` output and a ``*.gold.json``), writes a
``DocScore``: true/false positives and negatives per section, transfer slot hits, event-date and
publication-date hits, and readable error lines. Every function here is pure.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

SCORED_TYPES = frozenset({"Country", "Person", "Organization", "WeaponSystem"})
JOINT_DEALS = frozenset({"joint_development", "joint_production"})
SECTIONS = ("entities", "transfers", "quotes", "roles", "events")
TRANSFER_SLOTS = ("deal_type", "status", "quantity", "value", "currency", "order_date")
QUOTE_MATCH = 0.6
ROLE_TITLE_MATCH = 0.5
VALUE_TOLERANCE = 0.01

Record = dict[str, Any]
Mapping = dict[Any, str]


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one section."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class Tally:
    """Hits out of a total (a slot accuracy, a date accuracy)."""

    hits: int = 0
    total: int = 0

    def count(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    def add(self, other: "Tally") -> None:
        self.hits += other.hits
        self.total += other.total

    @property
    def accuracy(self) -> float | None:
        return round(self.hits / self.total, 4) if self.total else None


@dataclass(slots=True)
class DocScore:
    """What scoring one article (or a sum of articles) found."""

    sections: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SECTIONS})
    splits: int = 0
    misattributed_quotes: int = 0
    slots: dict[str, Tally] = field(default_factory=dict)
    event_dates: Tally = field(default_factory=Tally)
    published: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)
    # (section, index of the predicted record, whether it matched gold): for training and calibration
    outcomes: list[tuple[str, int, bool]] = field(default_factory=list)

    def add(self, other: "DocScore") -> None:
        for name, counts in other.sections.items():
            self.sections[name].add(counts)
        self.splits += other.splits
        self.misattributed_quotes += other.misattributed_quotes
        for slot, tally in other.slots.items():
            self.slots.setdefault(slot, Tally()).add(tally)
        self.event_dates.add(other.event_dates)
        self.published.add(other.published)

    def summary(self) -> dict[str, Any]:
        """The figures, keyed as the project's reference scorer keys them."""
        out: dict[str, Any] = {name: counts.as_dict() for name, counts in self.sections.items()}
        out["entity_splits"] = self.splits
        out["quote_misattributed"] = self.misattributed_quotes
        out["transfer_slot_accuracy"] = {s: t.accuracy for s, t in self.slots.items() if t.total}
        out["event_date_accuracy"] = self.event_dates.accuracy
        out["published_accuracy"] = self.published.accuracy
        return out


def normalise(text: str | None) -> str:
    """A surface form compared case-, punctuation-, article- and possessive-insensitively."""
    text = unicodedata.normalize("NFKC", text or "").lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    text = re.sub(r"'s\b", "", text)
    return re.sub(r"[^\w]+", "", text)


def word_f1(a: str | None, b: str | None) -> float:
    """Word-level F1 of two texts."""
    wa, wb = (re.findall(r"\w+", unicodedata.normalize("NFKC", s or "").lower()) for s in (a, b))
    common = sum((Counter(wa) & Counter(wb)).values())
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def surface_forms(entity: Record) -> set[str]:
    """Every normalised name, alias and mention text of an entity."""
    mentions = [m.get("text", "") if isinstance(m, dict) else str(m) for m in entity.get("mentions") or []]
    forms = {normalise(t) for t in [entity.get("name", ""), *(entity.get("aliases") or []), *mentions]}
    forms.discard("")
    return forms


def _aligned(mapping: Mapping, entity_id: Any) -> str:
    """The gold id a predicted id aligns with, or a marker that matches no gold id."""
    return mapping.get(entity_id, f"?{entity_id}")


def align_entities(gold: Record, pred: Record, score: DocScore) -> Mapping:
    """Map predicted entity ids to gold ids by shared surface forms; count entity hits and splits."""
    gold_entities = gold.get("entities", [])
    gold_forms = {g["id"]: surface_forms(g) for g in gold_entities}
    gold_type = {g["id"]: g["type"] for g in gold_entities}
    mapping: Mapping = {}
    for p in pred.get("entities") or []:
        forms = surface_forms(p)
        overlapping = [g for g in gold_entities if forms & gold_forms[g["id"]]]
        same_type = next((g for g in overlapping if g["type"] == p.get("type")), None)
        if same_type:
            mapping[p.get("id")] = same_type["id"]
        elif overlapping:  # a type error, but the alignment still serves the relations
            mapping.setdefault(p.get("id"), overlapping[0]["id"])
    found: dict[str, list[str]] = {}
    entities = score.sections["entities"]
    for index, p in enumerate(pred.get("entities") or []):
        if p.get("type") not in SCORED_TYPES:
            continue
        gold_id = mapping.get(p.get("id"))
        if gold_id and gold_type.get(gold_id) == p.get("type"):
            found.setdefault(gold_id, []).append(str(p.get("name")))
            score.outcomes.append(("entities", index, True))
        else:
            entities.fp += 1
            score.outcomes.append(("entities", index, False))
            score.errors.append(f"fp entity {p.get('type')}:{p.get('name')}")
    for g in gold_entities:
        if g["type"] not in SCORED_TYPES:
            continue
        if g["id"] in found:
            entities.tp += 1
            if len(found[g["id"]]) > 1:
                score.splits += 1
                score.errors.append(f"split entity {g['type']}:{g['name']} as " + " | ".join(found[g["id"]]))
        else:
            entities.fn += 1
            score.errors.append(f"fn entity {g['type']}:{g['name']}")
    return mapping


def _same_parties(gold_t: Record, pred_t: Record, mapping: Mapping) -> bool:
    """Same system and parties; a joint deal matches with its partners in either order."""
    parties = (_aligned(mapping, pred_t.get("supplier")), _aligned(mapping, pred_t.get("recipient")))
    if gold_t.get("system") != _aligned(mapping, pred_t.get("system")):
        return False
    gold_parties = (gold_t.get("supplier"), gold_t.get("recipient"))
    if gold_t.get("deal_type") in JOINT_DEALS or pred_t.get("deal_type") in JOINT_DEALS:
        return set(gold_parties) == set(parties)
    return gold_parties == parties


def _slot_ok(slot: str, gold_value: Any, pred_value: Any) -> bool:
    if slot == "value" and isinstance(pred_value, (int, float)) and gold_value:
        return abs(pred_value - gold_value) <= VALUE_TOLERANCE * gold_value
    return pred_value == gold_value


def _transfer_label(t: Record) -> str:
    return f"{t.get('supplier')}->{t.get('recipient')}:{t.get('system')}"


def score_transfers(gold: Record, pred: Record, mapping: Mapping, score: DocScore) -> None:
    """Match transfers on aligned parties and system (same status first), then score the slots."""
    gold_transfers = gold.get("transfers", [])
    used: set[int] = set()
    counts = score.sections["transfers"]
    for position, p in enumerate(pred.get("transfers") or []):
        candidates = [i for i, g in enumerate(gold_transfers)
                      if i not in used and _same_parties(g, p, mapping)]
        score.outcomes.append(("transfers", position, bool(candidates)))
        if not candidates:
            counts.fp += 1
            score.errors.append(f"fp transfer {_transfer_label(p)} ({p.get('deal_type')}, {p.get('status')})")
            continue
        same_status = [i for i in candidates if gold_transfers[i].get("status") == p.get("status")]
        index = (same_status or candidates)[0]
        used.add(index)
        counts.tp += 1
        g = gold_transfers[index]
        for slot in TRANSFER_SLOTS:
            if g.get(slot) is not None:
                ok = _slot_ok(slot, g[slot], p.get(slot))
                score.slots.setdefault(slot, Tally()).count(ok)
                if not ok:
                    score.errors.append(f"slot {slot} {_transfer_label(g)}: {p.get(slot)!r} != {g[slot]!r}")
    for i, g in enumerate(gold_transfers):
        if i not in used:
            counts.fn += 1
            score.errors.append(f"fn transfer {_transfer_label(g)} ({g.get('deal_type')}, {g.get('status')})")


def score_quotes(gold: Record, pred: Record, mapping: Mapping, score: DocScore) -> None:
    """Match quotes on aligned speaker and word F1; optional gold quotes neither reward nor cost."""
    gold_quotes = gold.get("quotes", [])
    used: set[int] = set()
    counts = score.sections["quotes"]
    for position, p in enumerate(pred.get("quotes") or []):
        speaker = _aligned(mapping, p.get("speaker"))
        overlaps = [(word_f1(p.get("text", ""), g["text"]), i) for i, g in enumerate(gold_quotes)
                    if i not in used and g["speaker"] == speaker]
        best, index = max(overlaps, key=lambda pair: (pair[0], -pair[1]), default=(0.0, None))
        if index is not None and best >= QUOTE_MATCH:
            used.add(index)
            counts.tp += not gold_quotes[index].get("optional")
            if not gold_quotes[index].get("optional"):
                score.outcomes.append(("quotes", position, True))
            continue
        score.outcomes.append(("quotes", position, False))
        if any(word_f1(p.get("text", ""), g["text"]) >= QUOTE_MATCH for g in gold_quotes):
            score.misattributed_quotes += 1
        counts.fp += 1
        score.errors.append(f"fp quote {p.get('speaker')}: {p.get('text', '')[:60]}")
    for i, g in enumerate(gold_quotes):
        if i not in used and not g.get("optional"):
            counts.fn += 1
            score.errors.append(f"fn quote {g['speaker']}: {g['text'][:60]}")


def score_roles(gold: Record, pred: Record, mapping: Mapping, score: DocScore) -> None:
    """Match roles on aligned person and org and a similar title."""
    gold_roles = gold.get("roles", [])
    used: set[int] = set()
    counts = score.sections["roles"]
    for position, p in enumerate(pred.get("roles") or []):
        index = next((i for i, g in enumerate(gold_roles) if i not in used
                      and _aligned(mapping, p.get("person")) == g["person"]
                      and _aligned(mapping, p.get("org")) == g["org"]
                      and word_f1(p.get("title", ""), g["title"]) >= ROLE_TITLE_MATCH), None)
        score.outcomes.append(("roles", position, index is not None))
        if index is None:
            counts.fp += 1
            score.errors.append(f"fp role {p.get('person')}: {p.get('title')} ({p.get('org')})")
        else:
            used.add(index)
            counts.tp += 1
    counts.fn += len(gold_roles) - len(used)
    for index, g in enumerate(gold_roles):
        if index not in used:
            score.errors.append(f"fn role {g['person']}: {g['title']} ({g['org']})")


def score_events(gold: Record, pred: Record, mapping: Mapping, score: DocScore) -> None:
    """Match events on type and a shared participant; score dates exactly at the gold grain."""
    gold_events = gold.get("events", [])
    used: set[int] = set()
    counts = score.sections["events"]
    for position, p in enumerate(pred.get("events") or []):
        participants = {_aligned(mapping, x) for x in p.get("participants") or []}
        index = next((i for i, g in enumerate(gold_events) if i not in used and g["type"] == p.get("type")
                      and participants & set(g.get("participants", []))), None)
        score.outcomes.append(("events", position, index is not None))
        if index is None:
            counts.fp += 1
            score.errors.append(f"fp event {p.get('type')} {p.get('participants')}: {p.get('evidence', '')[:60]}")
            continue
        used.add(index)
        counts.tp += 1
        if gold_events[index].get("date"):
            ok = p.get("date") == gold_events[index]["date"]
            score.event_dates.count(ok)
            if not ok:
                score.errors.append(f"event date {p.get('type')}: {p.get('date')} != {gold_events[index]['date']}")
    for i, g in enumerate(gold_events):
        if i not in used:
            counts.fn += 1
            score.errors.append(f"fn event {g['type']} {g.get('participants')}: {g.get('evidence', '')[:60]}")


def judge_claims_and_attributes(gold: Record, pred: Record, mapping: Mapping, score: DocScore) -> None:
    """Right or wrong for each predicted claim and attribute (outcomes only: the figures do not score them).

    A claim is right when its claimant aligns and its words match a gold claim's; an attribute when its
    entity aligns, its name is the gold one's and its value shares words with it.
    """
    for section, same in (
            ("claims", lambda g, p: _aligned(mapping, p.get("claimant")) == g.get("claimant")
             and word_f1(p.get("text", ""), g.get("text", "")) >= QUOTE_MATCH),
            ("attributes", lambda g, p: _aligned(mapping, p.get("entity")) == g.get("entity")
             and p.get("attribute") == g.get("attribute") and word_f1(str(p.get("value")), str(g.get("value"))) > 0)):
        used: set[int] = set()
        for position, p in enumerate(pred.get(section) or []):
            index = next((i for i, g in enumerate(gold.get(section, [])) if i not in used and same(g, p)), None)
            if index is not None:
                used.add(index)
            score.outcomes.append((section, position, index is not None))


def score(gold: Record, predicted: Record) -> DocScore:
    """Score one article's predicted records against its gold records."""
    result = DocScore()
    mapping = align_entities(gold, predicted, result)
    for section in (score_transfers, score_quotes, score_roles, score_events, judge_claims_and_attributes):
        section(gold, predicted, mapping, result)
    if gold.get("published"):
        ok = predicted.get("published") == gold["published"]
        result.published.count(ok)
        if not ok:
            result.errors.append(f"published {predicted.get('published')} != {gold['published']}")
    return result
