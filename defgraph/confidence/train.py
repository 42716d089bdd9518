"""Train the confidence models from gold annotations: the library side of ``defgraph train``.

Reads the gold sets named for training (by default the real train split and the dev set; never the
locked test split, nor the blind set), runs the rule extraction over their texts, and labels every
extracted fact right or wrong by the evaluation's own alignment with gold (``evaluate.scoring``). For
each fact family it fits a logistic model (scikit-learn, liblinear) over the facts' features, chooses
the regularisation on five folds grouped by document, fits an isotonic calibration on the out-of-fold
scores, and picks the default threshold on those calibrated scores: the best F1, with the family's
precision target when one is set (transfers: 0.90) and reachable. Writes ``models/<family>.json``.
Everything is deterministic: the same gold gives the same bytes.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defgraph.confidence.component import FEATURES
from defgraph.confidence.model import FAMILIES, LinearModel, write_model
from defgraph.errors import DefgraphError

TRAIN_SETS = ("real-train", "dev")
SECTIONS = ("entities", "transfers", "quotes", "roles", "events", "claims", "attributes")
PRECISION_TARGETS: dict[str, float] = {}  # family → least precision the threshold must keep, when reachable
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
MIN_EXAMPLES = 40
WEAK_DOCUMENTS = 150  # unlabelled corpus texts read for weak labels
WEAK_WEIGHT = 0.3  # how much one weakly labelled candidate counts beside one gold-labelled fact


@dataclass(slots=True)
class Dataset:
    """One family's training examples: features, right or wrong, the document each came from."""

    features: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    gold_total: int = 0  # gold records of the family, found or not (for recall at a threshold)


@dataclass(slots=True)
class WeakSet:
    """Unlabelled candidates with the label model's probability that each is right."""

    features: list[dict[str, float]] = field(default_factory=list)
    probabilities: list[float] = field(default_factory=list)
    functions: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class FamilyReport:
    family: str
    examples: int
    positives: int
    threshold: float
    precision: float
    recall: float
    f1: float
    c: float | None


def collect(set_names: Iterable[str] = TRAIN_SETS, texts: str | Path | None = None) -> dict[str, Dataset]:
    """Extract every document of the named sets and label each fact against its gold."""
    from defgraph.evaluate.report import gold_sets, load_gold_dir
    from defgraph.evaluate.scoring import score
    from defgraph.extraction.pipeline import _as_doc, doc_to_extraction, get_nlp
    from defgraph.ingestion.readers import article_from_text

    chosen = [s for s in gold_sets() if s.name in set(set_names)]
    if any(s.locked for s in chosen):
        raise DefgraphError("E151", names=", ".join(s.name for s in chosen if s.locked))
    documents = [d for s in chosen if s.available() for d in load_gold_dir(s.path, texts) if d.text is not None]
    nlp = get_nlp()
    datasets = {family: Dataset() for family in SECTIONS}
    docs = (_as_doc(nlp, article_from_text(d.text, source=d.source, name=d.name)) for d in documents)
    for document, doc in zip(documents, nlp.pipe(docs, batch_size=8)):
        predicted = doc_to_extraction(doc).to_gold()
        result = score(document.gold, predicted)
        features = doc.user_data[FEATURES]
        for section, index, right in result.outcomes:
            dataset = datasets[section]
            dataset.features.append(features[section][index])
            dataset.labels.append(int(right))
            dataset.groups.append(document.name)
        for section, counts in result.sections.items():
            datasets[section].gold_total += counts.tp + counts.fn
        for section in ("claims", "attributes"):  # not scored in the figures: every gold record counts
            datasets[section].gold_total += len(document.gold.get(section, []))
    return datasets


def collect_weak(family: str, limit: int = WEAK_DOCUMENTS) -> WeakSet:
    """Weak labels for a family's candidates in unlabelled corpus texts (``weak``), covered ones only."""
    from defgraph.confidence.weak import unlabelled_texts, weak_labels
    from defgraph.extraction.pipeline import _as_doc, get_nlp
    from defgraph.ingestion.readers import article_from_text

    nlp = get_nlp()
    texts = unlabelled_texts(limit)
    docs = (_as_doc(nlp, article_from_text(text, source=name, name=name)) for name, text in texts)
    features = [f for doc in nlp.pipe(docs, batch_size=8) for f in doc.user_data[FEATURES][family]]
    probabilities, functions = weak_labels(family, features)
    kept = [(f, p) for f, p in zip(features, probabilities) if p >= 0]
    return WeakSet([f for f, _ in kept], [p for _, p in kept], {"documents": len(texts), "candidates": len(features),
                                                                  "labelled": len(kept), "functions": functions})


def _threshold(probabilities: list[float], labels: list[int], gold_total: int,
               target: float | None) -> tuple[float, float, float, float]:
    """The threshold with the best F1 (among those meeting the precision target, when any does)."""
    best: tuple[tuple, float, float, float, float] | None = None
    for threshold in sorted(set(probabilities)):
        kept = [label for p, label in zip(probabilities, labels) if p >= threshold]
        tp = sum(kept)
        precision = tp / len(kept) if kept else 0.0
        recall = tp / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        key = (target is None or precision >= target, f1, -threshold)
        if best is None or key > best[0]:
            best = (key, threshold, precision, recall, f1)
    assert best is not None
    return best[1], best[2], best[3], best[4]


def _smoothed_steps(raw, labels, isotonic) -> tuple[list[float], list[float]]:
    """The isotonic fit's blocks as steps (lowest raw score of the block → its share of right facts), each
    share smoothed by one right and one wrong pseudo-fact, so a block of a few facts all right says 0.8,
    not 1.0; shares are then kept non-decreasing."""
    order = sorted(range(len(raw)), key=lambda i: raw[i])
    fitted = isotonic.predict([raw[i] for i in order])
    steps_x: list[float] = []
    steps_y: list[float] = []
    block: list[int] = []
    for position, index in enumerate(order):
        block.append(int(labels[index]))
        last = position == len(order) - 1 or fitted[position + 1] != fitted[position]
        if last:
            steps_x.append(float(raw[order[position - len(block) + 1]]))
            share = (sum(block) + 1) / (len(block) + 2)
            steps_y.append(max(share, steps_y[-1]) if steps_y else share)
            block = []
    steps_x[0] = 0.0
    return steps_x, steps_y


def fit_family(family: str, dataset: Dataset, weak: WeakSet | None = None) -> tuple[LinearModel, FamilyReport]:
    """One family's model: regularisation chosen and calibration fitted on document-grouped folds of the
    gold examples; weakly labelled candidates, when given, join every training fold (never a held-out one)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold

    labels = np.array(dataset.labels)
    vectoriser = DictVectorizer(sort=True, sparse=False)
    vectoriser.fit(dataset.features + (weak.features if weak else []))
    matrix = vectoriser.transform(dataset.features)
    groups = np.array(dataset.groups)
    folds = list(GroupKFold(n_splits=min(FOLDS, len(set(dataset.groups)))).split(matrix, labels, groups))
    if weak and weak.features:  # each weak candidate once as right and once as wrong, weighted by its probability
        weak_matrix = np.vstack([vectoriser.transform(weak.features)] * 2)
        weak_labels = np.array([1] * len(weak.features) + [0] * len(weak.features))
        weak_weights = WEAK_WEIGHT * np.array([*weak.probabilities, *(1 - p for p in weak.probabilities)])
    else:
        weak_matrix, weak_labels, weak_weights = np.zeros((0, matrix.shape[1])), np.zeros(0), np.zeros(0)

    def fit(c: float, index: np.ndarray) -> LogisticRegression:
        x = np.vstack([matrix[index], weak_matrix])
        y = np.concatenate([labels[index], weak_labels])
        weights = np.concatenate([np.ones(len(index)), weak_weights])
        return LogisticRegression(C=c, solver="liblinear", max_iter=1000).fit(x, y, sample_weight=weights)

    def out_of_fold(c: float) -> np.ndarray:
        scores = np.zeros(len(labels))
        for train_index, test_index in folds:
            if len(set(labels[train_index])) < 2:
                scores[test_index] = labels[train_index].mean()
                continue
            scores[test_index] = fit(c, train_index).predict_proba(matrix[test_index])[:, 1]
        return scores

    losses = {c: log_loss(labels, np.clip(out_of_fold(c), 1e-6, 1 - 1e-6), labels=[0, 1]) for c in C_GRID}
    best_c = min(C_GRID, key=lambda c: (round(losses[c], 9), c))
    raw = out_of_fold(best_c)
    steps_x, steps_y = _smoothed_steps(raw, labels, IsotonicRegression(y_min=0.0, y_max=1.0).fit(raw, labels))
    step_of = np.searchsorted(np.array(steps_x), raw, side="right") - 1
    calibrated = [round(steps_y[max(i, 0)], 3) for i in step_of]
    threshold, precision, recall, f1 = _threshold(calibrated, dataset.labels, dataset.gold_total,
                                                  PRECISION_TARGETS.get(family))
    final = fit(best_c, np.arange(len(labels)))
    weights = dict(zip(vectoriser.get_feature_names_out(), final.coef_[0].tolist()))
    report = FamilyReport(family, len(labels), int(labels.sum()), threshold, round(precision, 4), round(recall, 4),
                          round(f1, 4), best_c)
    model = LinearModel(
        family=family, weights=weights, bias=float(final.intercept_[0]),
        calibration_x=tuple(steps_x), calibration_y=tuple(steps_y), threshold=threshold,
        about={"examples": report.examples, "right": report.positives, "documents": len(set(dataset.groups)),
               "regularisation_C": best_c, "folds": len(folds),
               "out_of_fold_at_threshold": {"precision": report.precision, "recall": report.recall, "f1": report.f1},
               **({"weak_labels": {**weak.functions, "weight": WEAK_WEIGHT}} if weak else {})})
    return model, report


def prior_model(family: str, dataset: Dataset) -> tuple[LinearModel, FamilyReport]:
    """Too few examples to learn from: every fact of the family gets the share of right ones."""
    right = sum(dataset.labels)
    share = round((right + 1) / (len(dataset.labels) + 2), 3)
    model = LinearModel(family=family, weights={}, bias=0.0, calibration_x=(0.0,), calibration_y=(share,),
                        threshold=0.0, about={"examples": len(dataset.labels), "right": right, "prior": share})
    return model, FamilyReport(family, len(dataset.labels), right, 0.0, share, 0.0, 0.0, None)


def train(set_names: Iterable[str] = TRAIN_SETS, out: Path | None = None,
          texts: str | Path | None = None) -> list[FamilyReport]:
    """Fit and write every family's model; a report per family of what it learnt from and how it does.

    A family with labelling functions (``weak.FUNCTIONS``) is fitted twice, with and without the weak
    labels; the one with the better out-of-fold F1 on the gold examples is kept.
    """
    from defgraph.confidence.weak import FUNCTIONS

    datasets = collect(set_names, texts)
    reports = []
    for family in FAMILIES:
        dataset = datasets.get(family, Dataset())
        enough = len(dataset.labels) >= MIN_EXAMPLES and 0 < sum(dataset.labels) < len(dataset.labels)
        if not enough:
            model, report = prior_model(family, dataset)
        else:
            model, report = fit_family(family, dataset)
            if family in FUNCTIONS:
                weak_model, weak_report = fit_family(family, dataset, collect_weak(family))
                plain_f1 = report.f1
                if weak_report.f1 > plain_f1:
                    model, report = weak_model, weak_report
                model.about.update(without_weak_labels_f1=plain_f1, with_weak_labels_f1=weak_report.f1,
                                   weak_labels_kept=model is weak_model)
        write_model(model, out)
        reports.append(report)
    return reports


def format_reports(reports: list[FamilyReport]) -> str:
    lines = [f"{'family':<12}{'examples':>9}{'right':>7}{'C':>6}{'threshold':>10}{'P':>7}{'R':>7}{'F1':>7}"]
    for r in reports:
        lines.append(f"{r.family:<12}{r.examples:>9}{r.positives:>7}{r.c if r.c is not None else '-':>6}"
                     f"{r.threshold:>10.3f}{r.precision:>7.3f}{r.recall:>7.3f}{r.f1:>7.3f}")
    lines.append("P/R/F1: out-of-fold on the training documents, at the chosen threshold (recall of the gold "
                 "records, found or not).")
    return "\n".join(lines)


def as_dict(reports: list[FamilyReport]) -> list[dict[str, Any]]:
    from dataclasses import asdict

    return [asdict(r) for r in reports]
