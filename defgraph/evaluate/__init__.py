"""Evaluation against gold annotations: ``evaluate(gold_dir)``, ``evaluate_sets()`` and the pure ``score(gold, predicted)``."""
from defgraph.evaluate.report import (
    EvaluationReport, GoldSet, agreement, evaluate, evaluate_sets, format_reliability, format_report, format_sets,
    gold_sets, sets_table,
)
from defgraph.evaluate.scoring import DocScore, score

__all__ = ["DocScore", "EvaluationReport", "GoldSet", "agreement", "evaluate", "evaluate_sets", "format_reliability",
           "format_report", "format_sets", "gold_sets", "score", "sets_table"]
