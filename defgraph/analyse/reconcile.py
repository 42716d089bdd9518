"""Reconcile: our register against a SIPRI trade-register CSV the user supplies.

Reads the CSV (header variants and preamble lines tolerated; SIPRI's cells like ``(5)`` for an
estimate, ``2021-2023`` or ``2019; 2021`` for years, ``?`` for unknown) and our ``RegisterRow``s;
names go through the catalogue (countries, system aliases). Writes a ``Reconciliation``: rows that
agree, rows that disagree (slot by slot), and rows only one side has. Column names and status words
are data: ``data/reconcile.yaml``.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from defgraph.analyse.knowledge import Knowledge
from defgraph.analyse.names import Names, normalise
from defgraph.analyse.register import RegisterRow
from defgraph.data_files import load_yaml
from defgraph.errors import DefgraphError, InputError

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_RANGE = re.compile(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")


@dataclass(frozen=True, slots=True)
class SipriRow:
    """One row of the user's register, read."""

    line: int
    supplier: str
    recipient: str
    designation: str
    description: str | None = None
    number_ordered: float | None = None
    order_year: int | None = None
    number_delivered: float | None = None
    delivery_years: tuple[int, ...] = ()
    status: str | None = None


@dataclass(slots=True)
class Reconciliation:
    matches: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    only_ours: list[dict[str, Any]] = field(default_factory=list)
    only_theirs: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"matches": self.matches, "disagreements": self.disagreements,
                "only_ours": self.only_ours, "only_theirs": self.only_theirs}


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """Column names and status words of ``data/reconcile.yaml``."""
    return load_yaml(resources.files("defgraph.analyse").joinpath("data/reconcile.yaml").read_text("utf-8"))


def parse_number(text: str | None) -> float | None:
    """``(5)`` → 5, ``1,200`` → 1200, ``?`` or blank → None."""
    found = _NUMBER.search(text or "")
    return float(found.group().replace(",", "")) if found else None


def parse_year(text: str | None) -> int | None:
    found = _YEAR.search(text or "")
    return int(found.group()) if found else None


def parse_years(text: str | None) -> tuple[int, ...]:
    """``2021-2023`` → 2021, 2022, 2023; ``2019; (2021)`` → 2019, 2021."""
    years: set[int] = set()
    for first, last in _RANGE.findall(text or ""):
        years.update(range(int(first), int(last) + 1))
    years.update(int(y) for y in _YEAR.findall(_RANGE.sub("", text or "")))
    return tuple(sorted(years))


def parse_status(text: str | None, ordered: float | None, delivered: float | None) -> str | None:
    """A stage from the status words, else from the numbers ordered and delivered."""
    words = set(re.findall(r"[a-z]+", (text or "").casefold()))
    for stage, cues in rules()["statuses"].items():
        if words & set(cues):
            return stage
    if delivered and ordered:
        return "delivered" if delivered >= ordered else "delivering"
    return None


def header_map(header: list[str]) -> dict[str, int]:
    """Our slot → column index, for the header names the file uses."""
    keys = [normalise(h) for h in header]
    found = {}
    for slot, names in rules()["columns"].items():
        index = next((i for i, key in enumerate(keys) if key in names), None)
        if index is not None:
            found[slot] = index
    return found


def read_sipri(path: str | Path) -> list[SipriRow]:
    """The rows of a SIPRI-format CSV; the header is the first line naming the required columns."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            lines = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError("E114", path=path, detail=str(error)) from error
    required = rules()["required"]
    for at, header in enumerate(lines):
        columns = header_map(header)
        if all(slot in columns for slot in required):
            break
    else:
        raise InputError("E120", path=path, columns=", ".join(required))

    def get(cells: list[str], slot: str) -> str | None:
        index = columns.get(slot)
        value = cells[index].strip() if index is not None and index < len(cells) else ""
        return value if value and value != "?" else None

    rows = []
    for line, cells in enumerate(lines[at + 1:], start=at + 2):
        if not any(c.strip() for c in cells) or not get(cells, "designation"):
            continue
        ordered, delivered = parse_number(get(cells, "number_ordered")), parse_number(get(cells, "number_delivered"))
        rows.append(SipriRow(line, get(cells, "supplier") or "", get(cells, "recipient") or "",
                             get(cells, "designation") or "", get(cells, "description"), ordered,
                             parse_year(get(cells, "order_year")), delivered,
                             parse_years(get(cells, "delivery_years")),
                             parse_status(get(cells, "status"), ordered, delivered)))
    return rows


def entity_key(name: str, names: Names) -> str:
    """The entity id a register name stands for (catalogue included, no typos), else the normalised name."""
    try:
        return names.resolve(name)
    except DefgraphError:
        return normalise(name)


def compare(ours: RegisterRow, theirs: SipriRow) -> list[dict[str, Any]]:
    """The slots both sides fill and disagree on; news naming some of the delivery years agrees."""
    pairs = {"quantity": (ours.quantity, theirs.number_ordered), "order_year": (ours.order_year, theirs.order_year),
             "delivery_years": (ours.delivery_years, theirs.delivery_years), "status": (ours.status, theirs.status)}
    return [{"slot": slot, "ours": a, "theirs": b} for slot, (a, b) in pairs.items()
            if a not in (None, ()) and b not in (None, ())
            and not (set(a) <= set(b) if slot == "delivery_years" else a == b)]


def _theirs(row: SipriRow) -> dict[str, Any]:
    return {"line": row.line, "supplier": row.supplier, "recipient": row.recipient, "designation": row.designation,
            "number_ordered": row.number_ordered, "order_year": row.order_year,
            "delivery_years": list(row.delivery_years), "status": row.status}


def reconcile(ours: list[RegisterRow], theirs: list[SipriRow], knowledge: Knowledge) -> Reconciliation:
    """Pair our rows with theirs on (supplier, recipient, system) and compare them slot by slot."""
    result = Reconciliation()
    unpaired = list(ours)
    names = Names(knowledge, stored_only=False, fuzzy=False)
    for row in theirs:
        key = tuple(entity_key(name, names) for name in (row.supplier, row.recipient, row.designation))
        candidates = [r for r in unpaired if (r.supplier_id, r.recipient_id, r.system_id) == key]
        if not candidates:
            result.only_theirs.append(_theirs(row))
            continue
        mine = min(candidates, key=lambda r: abs((r.order_year or 0) - (row.order_year or 0)))
        unpaired.remove(mine)
        differences = compare(mine, row)
        pair = {"ours": mine.as_dict(), "theirs": _theirs(row)}
        if differences:
            result.disagreements.append({**pair, "differences": differences})
        else:
            result.matches.append(pair)
    result.only_ours = [r.as_dict() for r in unpaired]
    return result
