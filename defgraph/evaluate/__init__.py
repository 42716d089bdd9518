"""Evaluation against gold annotations: ``evaluate(gold_dir)`` and the pure ``score(gold, predicted)``."""
from defgraph.evaluate.report import EvaluationReport, evaluate, format_report
from defgraph.evaluate.scoring import DocScore, score

__all__ = ["DocScore", "EvaluationReport", "evaluate", "format_report", "score"]
