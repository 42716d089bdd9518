"""Measure every gold set and pin its quality floors one true positive below the measured figure.

    python eval/pin_floors.py            # writes eval/floors.json and eval/floors.locked.json

For each registered set and section, the floor is the F1 the extractor would get with one true
positive fewer (that record missed and a wrong one written instead): a change that loses a single
right fact fails ``tests/evaluate/test_floors.py``. Run it after a genuine improvement, commit the
file with the change, and say in the commit which figures moved. The locked test split is measured
like the others; only its totals are read, and they go to their own file, ``floors.locked.json``,
which ``.gitattributes`` keeps out of ``git diff`` and ``git show``: nobody reads the locked figures
while changing the extractor. Nothing measured is printed.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from defgraph.evaluate import agreement, evaluate_sets, gold_sets
from defgraph.evaluate.scoring import SECTIONS, Counts

FLOORS = Path(__file__).resolve().parent / "floors.json"
LOCKED_FLOORS = FLOORS.with_name("floors.locked.json")


def one_below(counts: Counts) -> float:
    if counts.tp == 0:
        return 0.0
    return round(Counts(counts.tp - 1, counts.fp + 1, counts.fn + 1).f1, 4)


def main() -> int:
    reports = evaluate_sets()
    locked = {s.name for s in gold_sets() if s.locked}
    note = " ".join(__doc__.split("\n\n")[2].split())
    floors = {"note": note, "measured_on": dt.date.today().isoformat(), "sets": {}}
    locked_floors = {"note": note, "measured_on": floors["measured_on"], "sets": {}}
    for name, report in reports.items():
        total = report.total
        (locked_floors if name in locked else floors)["sets"][name] = {
            "documents": len(report.documents),
            "measured": {s: total.sections[s].as_dict() for s in SECTIONS},
            "f1_floors": {s: one_below(total.sections[s]) for s in SECTIONS},
            "max_entity_splits": total.splits,
            "max_quote_misattributed": total.misattributed_quotes,
            "least_published_accuracy": total.published.accuracy,
        }
    ceiling = agreement()
    floors["agreement"] = {s: ceiling.total.sections[s].as_dict() for s in SECTIONS}
    FLOORS.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
    LOCKED_FLOORS.write_text(json.dumps(locked_floors, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS} and {LOCKED_FLOORS.name} (locked sets: {', '.join(sorted(locked)) or 'none'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
