"""Quality floors on every gold set, pinned in ``eval/floors.json`` (the locked split's in ``floors.locked.json``) one true positive below the measured figure.

One extraction run over every registered set (the session's ``gold_run``); each section's
F1 must stay at or above its floor, entity splits and misattributed quotes at or below what was measured,
publication dates at least as right. A failure on a set that is not locked shows that set's errors; the
locked test split shows its totals only. Re-pin with ``python eval/pin_floors.py`` after a genuine
improvement.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from defgraph.evaluate import format_report, gold_sets
from defgraph.evaluate.report import score_documents
from defgraph.evaluate.scoring import SECTIONS

EVAL = Path(__file__).resolve().parents[2] / "eval"
FLOORS = {"sets": {}}
for _file in ("floors.json", "floors.locked.json"):
    FLOORS["sets"].update(json.loads((EVAL / _file).read_text(encoding="utf-8"))["sets"])
SETS = sorted(FLOORS["sets"])


@pytest.fixture(scope="module")
def reports(gold_run):
    locked = {s.name for s in gold_sets() if s.locked}
    return {name: score_documents(docs, gold_run.kept, name in locked)
            for name, docs in gold_run.documents.items() if name in SETS}


def _report_of(reports, name):
    if name not in reports:
        pytest.skip(f"the {name} set is not available here")
    return reports[name]


@pytest.mark.parametrize("name", SETS)
def test_every_document_of_the_set_is_scored(reports, name):
    assert len(_report_of(reports, name).documents) == FLOORS["sets"][name]["documents"]


@pytest.mark.parametrize("name, section", [(n, s) for n in SETS for s in SECTIONS])
def test_section_f1_floor(reports, name, section):
    report = _report_of(reports, name)
    f1 = report.total.summary()[section]["f1"]
    floor = FLOORS["sets"][name]["f1_floors"][section]
    assert f1 >= floor, f"{name} {section} F1 {f1:.4f} fell below the floor {floor}\n" + format_report(report, per_doc=True)


@pytest.mark.parametrize("name", SETS)
def test_splits_misattributions_and_dates_do_not_get_worse(reports, name):
    summary = _report_of(reports, name).total.summary()
    pinned = FLOORS["sets"][name]
    assert summary["entity_splits"] <= pinned["max_entity_splits"]
    assert summary["quote_misattributed"] <= pinned["max_quote_misattributed"]
    assert (summary["published_accuracy"] or 0) >= (pinned["least_published_accuracy"] or 0)
