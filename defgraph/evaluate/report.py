"""Run extraction over a gold folder and score it: the library side of ``defgraph evaluate``.

Reads a folder of ``<name>.txt`` articles with ``<name>.gold.json`` annotations (and optionally a folder
of ready ``<name>.json`` predictions), writes an ``EvaluationReport``: the summed figures, one
``DocScore`` per article, and a plain-text rendering.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defgraph.evaluate.scoring import SECTIONS, DocScore, score

GOLD_SUFFIX = ".gold.json"


@dataclass(slots=True)
class EvaluationReport:
    """Micro-averaged figures over a gold folder, with each article's own score."""

    total: DocScore = field(default_factory=DocScore)
    documents: dict[str, DocScore] = field(default_factory=dict)

    def add(self, doc: str, doc_score: DocScore) -> None:
        self.documents[doc] = doc_score
        self.total.add(doc_score)

    def as_dict(self, per_doc: bool = False) -> dict[str, Any]:
        out = self.total.summary()
        if per_doc:
            out["per_doc"] = {doc: {**s.summary(), "errors": s.errors} for doc, s in self.documents.items()}
        return out


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold annotations of a folder, in name order."""
    return sorted(gold_dir.glob(f"*{GOLD_SUFFIX}"))


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _article_name(gold_path: Path) -> str:
    return gold_path.name[: -len(GOLD_SUFFIX)]


def extract_predictions(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Run the extractor over each gold file's article; predictions in the gold format by article name."""
    from defgraph.api import extract_many
    from defgraph.ingestion.readers import article_from_text

    paths = [gold_dir / f"{_article_name(g)}.txt" for g in gold_files(gold_dir)]
    articles = (article_from_text(p.read_text(encoding="utf-8"), source=str(p), name=p.name)
                for p in paths if p.exists())
    return {Path(x.article.name).stem: x.to_gold() for x in extract_many(articles)}


def read_predictions(pred_dir: Path) -> dict[str, dict[str, Any]]:
    """Ready predictions: ``<name>.json`` files by article name."""
    return {p.stem: _read_json(p) for p in sorted(pred_dir.glob("*.json")) if not p.name.endswith(GOLD_SUFFIX)}


def evaluate(gold_dir: str | Path, predictions_dir: str | Path | None = None) -> EvaluationReport:
    """Score the extractor (or the predictions in ``predictions_dir``) against a folder of gold files.

    An article without a prediction counts as an empty prediction.
    """
    gold_dir = Path(gold_dir)
    predictions = (read_predictions(Path(predictions_dir)) if predictions_dir is not None
                   else extract_predictions(gold_dir))
    report = EvaluationReport()
    for path in gold_files(gold_dir):
        gold = _read_json(path)
        report.add(gold.get("doc") or path.name, score(gold, predictions.get(_article_name(path), {})))
    return report


def _format_row(name: str, figures: dict[str, float]) -> str:
    return (f"{name:<12}{figures['p']:>8.3f}{figures['r']:>8.3f}{figures['f1']:>8.3f}"
            f"{figures['tp']:>6}{figures['fp']:>6}{figures['fn']:>6}")


def format_report(report: EvaluationReport, per_doc: bool = False) -> str:
    """The report as a text table, with each article's errors when ``per_doc``."""
    figures = report.total.summary()
    lines = [f"{'section':<12}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    lines += [_format_row(section, figures[section]) for section in SECTIONS]
    lines.append(f"entity splits: {figures['entity_splits']}  misattributed quotes: {figures['quote_misattributed']}")
    lines.append(f"transfer slot accuracy: {figures['transfer_slot_accuracy']}")
    lines.append(f"event date accuracy: {figures['event_date_accuracy']}  "
                 f"published date accuracy: {figures['published_accuracy']}")
    if per_doc:
        for doc, doc_score in report.documents.items():
            sections = doc_score.sections
            lines.append(f"\n== {doc}: " + "  ".join(f"{s} F1 {sections[s].f1:.3f}" for s in SECTIONS))
            lines += [f"  {error}" for error in doc_score.errors]
    return "\n".join(lines)
