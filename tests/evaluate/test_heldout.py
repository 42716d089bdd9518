"""Quality floors on the held-out gold set (tests/fixtures/heldout): the team's own articles, never tuned on.

The extractor runs once over the twelve articles through ``defgraph.evaluate`` (which goes through
``defgraph.api.extract_many``), and each section's micro F1 must stay at or above the floor in
``baseline.json`` (the measured figure with one true positive fewer). A failure means extraction got
worse on text it was not developed against; if a change genuinely improves the figures, raise the
floors in ``baseline.json``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from defgraph.evaluate import evaluate, format_report

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
BASELINE = json.loads((HELDOUT / "baseline.json").read_text(encoding="utf-8"))
FLOORS = BASELINE["f1_floors"]


@pytest.fixture(scope="module")
def heldout_report(nlp):
    """One extraction run over the held-out set; ``nlp`` makes sure the pipeline is loaded only once."""
    return evaluate(HELDOUT)


def test_heldout_set_is_complete():
    gold = sorted(HELDOUT.glob("*.gold.json"))
    assert len(gold) == 12
    for path in gold:
        assert (HELDOUT / path.name.replace(".gold.json", ".txt")).exists(), path.name


def test_every_article_is_scored(heldout_report):
    assert len(heldout_report.documents) == 12


@pytest.mark.parametrize("section", sorted(FLOORS))
def test_section_f1_floor(heldout_report, section):
    figures = heldout_report.total.summary()[section]
    assert figures["f1"] >= FLOORS[section], (
        f"held-out {section} F1 {figures['f1']:.4f} fell below the floor {FLOORS[section]}\n"
        + format_report(heldout_report, per_doc=True))
