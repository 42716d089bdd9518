"""Quality floors on the shared dev set (../shared/eval/dev), pinned in ``dev_baseline.json``.

The dev set is what the extractor was developed against, so these floors guard against regressions,
not against over-fitting (``test_heldout.py`` does that). The evaluation kit lives beside the repo on
developer and CI machines; elsewhere the test is skipped with the reason.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from defgraph.evaluate import evaluate, format_report

BASELINE = json.loads((Path(__file__).with_name("dev_baseline.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_report(nlp, eval_dev):
    return evaluate(eval_dev)


@pytest.mark.parametrize("section", sorted(BASELINE["f1_floors"]))
def test_section_f1_floor(dev_report, section):
    f1 = dev_report.total.summary()[section]["f1"]
    assert f1 >= BASELINE["f1_floors"][section], (
        f"dev {section} F1 {f1:.4f} fell below the floor {BASELINE['f1_floors'][section]}\n"
        + format_report(dev_report, per_doc=True))


def test_no_entity_splits_and_no_misattributed_quotes(dev_report):
    summary = dev_report.total.summary()
    assert summary["entity_splits"] <= BASELINE["max_entity_splits"]
    assert summary["quote_misattributed"] <= BASELINE["max_quote_misattributed"]


def test_publication_dates_are_all_right(dev_report):
    assert dev_report.total.summary()["published_accuracy"] == 1.0
