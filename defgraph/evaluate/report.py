"""Run extraction over gold folders and score it: the library side of ``defgraph evaluate``.

Reads folders of ``<name>.gold.json`` annotations. A written article's gold sits beside its text
(``<name>.txt``); a real document's gold names its text in ``doc`` and keeps its quotes and evidence
as spans into it (``goldtext``), so its text is read from the shared corpus (or ``texts``). Writes an
``EvaluationReport`` per folder: the summed figures and one ``DocScore`` per article. ``evaluate_sets``
runs every registered set (``sets.yaml``) through one extraction stream; ``agreement`` scores one
annotator's files against another's, the ceiling of any extractor on that data.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defgraph.data_files import load_yaml
from defgraph.evaluate.goldtext import is_real_gold, resolve_pieces, shared_root, source_text
from defgraph.evaluate.scoring import SECTIONS, TRANSFER_SLOTS, Counts, DocScore, score

GOLD_SUFFIX = ".gold.json"
REPO = Path(__file__).resolve().parents[2]
SETS_FILE = Path(__file__).with_name("sets.yaml")

Record = dict[str, Any]


@dataclass(slots=True)
class EvaluationReport:
    """Micro-averaged figures over a gold folder, with each article's own score."""

    total: DocScore = field(default_factory=DocScore)
    documents: dict[str, DocScore] = field(default_factory=dict)
    locked: bool = False
    reliability: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # family → bins (``calibration``)

    def add(self, doc: str, doc_score: DocScore) -> None:
        self.documents[doc] = doc_score
        self.total.add(doc_score)

    def as_dict(self, per_doc: bool = False) -> dict[str, Any]:
        out = self.total.summary()
        out["documents"] = len(self.documents)
        if self.reliability:
            out["reliability"] = self.reliability
        if per_doc and not self.locked:
            out["per_doc"] = {doc: {**s.summary(), "errors": s.errors} for doc, s in self.documents.items()}
        return out


@dataclass(frozen=True, slots=True)
class GoldSet:
    """One registered gold set: where it is and how far the extractor was developed against it."""

    name: str
    path: Path
    tuned: str
    locked: bool
    about: str

    def available(self) -> bool:
        """Whether its gold is here and, for real documents, the shared corpus their spans point into."""
        if not self.path.is_dir():
            return False
        first = next(iter(gold_files(self.path)), None)
        return first is None or not is_real_gold(_read_json(first)) or (shared_root() / "corpus").is_dir()


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold annotation ready for scoring, with the text the extractor must read."""

    name: str
    gold: Record
    text: str | None  # None when a written article's text is missing (only ready predictions can be scored)
    source: str


def _resolve_path(path: str) -> Path:
    return shared_root() / path.removeprefix("shared:") if path.startswith("shared:") else REPO / path


def _registry() -> dict[str, Any]:
    return load_yaml(SETS_FILE.read_text(encoding="utf-8"))


def gold_sets() -> list[GoldSet]:
    """The registered gold sets, in report order (locked test split first, dev last)."""
    return [GoldSet(s["name"], _resolve_path(s["path"]), s["tuned"], bool(s["locked"]), s["about"])
            for s in _registry()["sets"]]


def transcript_names() -> frozenset[str]:
    """The gold documents the manifest flags as transcripts (speaker turns, no quotation marks)."""
    path = _registry().get("transcripts")
    if not path or not _resolve_path(path).exists():
        return frozenset()
    manifest = _read_json(_resolve_path(path))
    return frozenset(key for d in manifest["documents"] if d.get("transcript") for key in (d["name"], d["doc"]))


def transcript_quotes(report: EvaluationReport) -> Counts | None:
    """The quotes section summed over the report's transcripts (None when it has none)."""
    names = transcript_names() & set(report.documents)
    if not names:
        return None
    total = Counts()
    for name in sorted(names):
        total.add(report.documents[name].sections["quotes"])
    return total


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold annotations of a folder, in name order."""
    return sorted(Path(gold_dir).glob(f"*{GOLD_SUFFIX}"))


def _read_json(path: Path) -> Record:
    return json.loads(path.read_text(encoding="utf-8"))


def _article_name(gold_path: Path) -> str:
    return gold_path.name[: -len(GOLD_SUFFIX)]


def load_gold(path: Path, texts: str | Path | None = None) -> GoldDocument:
    """A gold file with its pieces in words and its article's text (beside it, or from the corpus)."""
    gold = _read_json(path)
    name = _article_name(path)
    if is_real_gold(gold):
        text = source_text(gold["doc"], texts)
        return GoldDocument(name, resolve_pieces(gold, text), text, gold["doc"])
    article = path.with_name(f"{name}.txt")
    text = article.read_text(encoding="utf-8") if article.exists() else None
    return GoldDocument(name, gold, text, str(article))


def load_gold_dir(gold_dir: str | Path, texts: str | Path | None = None) -> list[GoldDocument]:
    """Every gold document of a folder, in name order."""
    return [load_gold(path, texts) for path in gold_files(Path(gold_dir))]


def extract_both(documents: list[GoldDocument], fast: bool = False) -> tuple[dict[str, Record], dict[str, Record]]:
    """Run the extractor (``fast``: the fast pipeline) once over the documents' texts: by name, the predictions
    ``extract --format gold`` writes (each family's facts at its default confidence threshold) and every fact
    with its confidence."""
    from defgraph.api import extract_many
    from defgraph.confidence import default_thresholds
    from defgraph.ingestion.readers import article_from_text

    thresholds = default_thresholds()
    articles = (article_from_text(d.text, source=d.source, name=d.name) for d in documents if d.text is not None)
    kept, every = {}, {}
    for extraction in extract_many(articles, fast=fast):
        kept[extraction.article.name] = extraction.to_gold(thresholds)
        every[extraction.article.name] = extraction.to_gold()
    return kept, every


def extract_predictions(documents: list[GoldDocument], every_fact: bool = False,
                        fast: bool = False) -> dict[str, Record]:
    """The gold-format predictions of the documents: at the default thresholds, or every fact."""
    kept, every = extract_both(documents, fast)
    return every if every_fact else kept


def read_predictions(pred_dir: Path) -> dict[str, Record]:
    """Ready predictions: ``<name>.json`` files by article name."""
    return {p.stem: _read_json(p) for p in sorted(Path(pred_dir).glob("*.json"))
            if not p.name.endswith(GOLD_SUFFIX)}


def score_documents(documents: list[GoldDocument], predictions: dict[str, Record],
                    locked: bool = False) -> EvaluationReport:
    """Score each document's prediction (an empty one when missing) against its gold."""
    report = EvaluationReport(locked=locked)
    for document in documents:
        report.add(document.gold.get("doc") or document.name, score(document.gold, predictions.get(document.name, {})))
    return report


def evaluate(gold_dir: str | Path, predictions_dir: str | Path | None = None,
             texts: str | Path | None = None, every_fact: bool = False, fast: bool = False) -> EvaluationReport:
    """Score the extractor (or the predictions in ``predictions_dir``) against a folder of gold files;
    ``every_fact`` scores every fact the rules propose, whatever its confidence; ``fast`` scores the fast
    pipeline."""
    documents = load_gold_dir(gold_dir, texts)
    predictions = (read_predictions(Path(predictions_dir)) if predictions_dir is not None
                   else extract_predictions(documents, every_fact, fast))
    locked = any(s.locked and s.path.resolve() == Path(gold_dir).resolve() for s in gold_sets())
    return score_documents(documents, predictions, locked)


def evaluate_sets(names: list[str] | None = None, texts: str | Path | None = None,
                  every_fact: bool = False, fast: bool = False) -> dict[str, EvaluationReport]:
    """Every registered set that is present (or those named), scored from one extraction run (``fast``: of
    the fast pipeline), each with the reliability of its confidences (every fact, binned by its confidence)."""
    chosen = [s for s in gold_sets() if (names is None or s.name in names) and s.available()]
    documents = {s.name: load_gold_dir(s.path, texts) for s in chosen}
    kept, every = extract_both([d for docs in documents.values() for d in docs], fast)
    reports = {}
    for gold_set in chosen:
        report = score_documents(documents[gold_set.name], every if every_fact else kept, gold_set.locked)
        report.reliability = calibration(documents[gold_set.name], every)
        reports[gold_set.name] = report
    return reports


RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8)
CALIBRATED_FAMILIES = ("entities", "transfers", "quotes", "roles", "events")


def calibration(documents: list[GoldDocument], every: dict[str, Record]) -> dict[str, list[dict[str, Any]]]:
    """Predicted confidence against observed precision: per family (and ``all``), for each confidence bin,
    how many facts fell in it and how many of them were right."""
    bins: dict[str, list[list[int]]] = {f: [[0, 0] for _ in RELIABILITY_BINS] for f in (*CALIBRATED_FAMILIES, "all")}
    for document in documents:
        predicted = every.get(document.name, {})
        for section, index, right in score(document.gold, predicted).outcomes:
            confidence = (predicted.get(section) or [{}])[index].get("confidence")
            if section not in CALIBRATED_FAMILIES or confidence is None:
                continue
            slot = max(i for i, low in enumerate(RELIABILITY_BINS) if confidence >= low)
            for family in (section, "all"):
                bins[family][slot][0] += 1
                bins[family][slot][1] += int(right)
    return {family: [{"from": low, "facts": n, "right": k, "precision": round(k / n, 3) if n else None}
                     for low, (n, k) in zip(RELIABILITY_BINS, counts)] for family, counts in bins.items()}


def format_reliability(reports: dict[str, EvaluationReport]) -> str:
    """The reliability table of every set: facts and observed precision in each confidence bin (all families)."""
    lines = ["reliability (every fact, all families): facts / observed precision by confidence bin"]
    lines.append(f"{'':<14}" + "".join(f"{f'p>={low:.1f}':>14}" for low in RELIABILITY_BINS))
    for name, report in reports.items():
        cells = [f"{b['facts']} / {b['precision']:.2f}" if b["facts"] else "-" for b in report.reliability.get("all", [])]
        lines.append(f"{name:<14}" + "".join(f"{c:>14}" for c in cells))
    return "\n".join(lines)


def agreement(texts: str | Path | None = None) -> EvaluationReport:
    """The second annotations scored against the gold of the same documents (inter-annotator F1)."""
    config = _registry()["agreement"]
    gold_by_doc = {d.gold["doc"]: d for folder in config["gold"] if _resolve_path(folder).is_dir()
                   for d in load_gold_dir(_resolve_path(folder), texts)}
    second_dir = _resolve_path(config["second"])
    seconds = load_gold_dir(second_dir, texts) if second_dir.is_dir() else []
    report = EvaluationReport()
    for second in seconds:
        first = gold_by_doc.get(second.gold["doc"])
        if first is not None:
            report.add(first.gold["doc"], score(first.gold, second.gold))
    return report


def _format_row(name: str, figures: dict[str, float]) -> str:
    return (f"{name:<12}{figures['p']:>8.3f}{figures['r']:>8.3f}{figures['f1']:>8.3f}"
            f"{figures['tp']:>6}{figures['fp']:>6}{figures['fn']:>6}")


def format_report(report: EvaluationReport, per_doc: bool = False) -> str:
    """The report as a text table, with each article's errors when ``per_doc`` (never for a locked set)."""
    figures = report.total.summary()
    lines = [f"{'section':<12}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    lines += [_format_row(section, figures[section]) for section in SECTIONS]
    lines.append(f"entity splits: {figures['entity_splits']}  misattributed quotes: {figures['quote_misattributed']}")
    lines.append(f"transfer slot accuracy: {figures['transfer_slot_accuracy']}")
    lines.append(f"event date accuracy: {figures['event_date_accuracy']}  "
                 f"published date accuracy: {figures['published_accuracy']}")
    if per_doc and report.locked:
        lines.append("(a locked set is scored, never read for errors: no per-document errors)")
    elif per_doc:
        for doc, doc_score in report.documents.items():
            sections = doc_score.sections
            lines.append(f"\n== {doc}: " + "  ".join(f"{s} F1 {sections[s].f1:.3f}" for s in SECTIONS))
            lines += [f"  {error}" for error in doc_score.errors]
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def sets_table(reports: dict[str, EvaluationReport], ceiling: EvaluationReport | None = None) -> list[dict[str, Any]]:
    """One row per figure, one column per set (and the agreement ceiling): what the table shows."""
    columns = {name: r.total.summary() for name, r in reports.items()}
    if ceiling is not None and ceiling.documents:
        columns["agreement"] = ceiling.total.summary()
    rows: list[dict[str, Any]] = [{"figure": "documents",
                                   **{n: len(r.documents) for n, r in reports.items()},
                                   **({"agreement": len(ceiling.documents)} if "agreement" in columns else {})}]
    for section in SECTIONS:
        rows.append({"figure": section, **{n: (f[section]["p"], f[section]["r"], f[section]["f1"])
                                           for n, f in columns.items()}})
    rows.append({"figure": "entity splits", **{n: f["entity_splits"] for n, f in columns.items()}})
    rows.append({"figure": "misattributed quotes", **{n: f["quote_misattributed"] for n, f in columns.items()}})
    in_transcripts = {n: transcript_quotes(r) for n, r in reports.items()}
    if any(in_transcripts.values()):
        rows.append({"figure": "quotes in transcripts", **{n: (c.precision, c.recall, c.f1)
                                                           for n, c in in_transcripts.items() if c is not None}})
    for slot in TRANSFER_SLOTS:
        rows.append({"figure": f"slot {slot}", **{n: f["transfer_slot_accuracy"].get(slot) for n, f in columns.items()}})
    rows.append({"figure": "event dates", **{n: f["event_date_accuracy"] for n, f in columns.items()}})
    rows.append({"figure": "publication dates", **{n: f["published_accuracy"] for n, f in columns.items()}})
    return rows


def format_sets(reports: dict[str, EvaluationReport], ceiling: EvaluationReport | None = None) -> str:
    """Every set in one table: P/R/F1 per section, slot and date accuracies; the agreement ceiling last."""
    rows = sets_table(reports, ceiling)
    names = [k for k in rows[0] if k != "figure"]
    width = 19

    def shown(value: Any) -> str:
        if isinstance(value, tuple):
            return "/".join(_cell(v) for v in value)
        return str(value) if isinstance(value, int) else _cell(value)

    lines = [f"{'':<22}" + "".join(f"{n:>{width}}" for n in names)]
    for row in rows:
        lines.append(f"{row['figure']:<22}" + "".join(f"{shown(row.get(n)):>{width}}" for n in names))
    lines.append("sections are precision/recall/F1; slots and dates are accuracies.")
    tuned = {s.name: s.tuned for s in gold_sets()}
    if any(n in tuned for n in names):
        lines.append("tuned on: " + "; ".join(f"{n} {tuned[n]}" for n in names if n in tuned)
                     + ("; agreement = one annotator scored against another" if "agreement" in names else ""))
    return "\n".join(lines)
