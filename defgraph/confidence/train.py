"""Train the confidence models from gold annotations: the library side of ``defgraph train``.

Reads the gold sets named for training (by default the real train split and the dev set; never the
locked test split, nor the blind set), runs the rule extraction over their texts, and labels every
extracted fact right or wrong by the evaluation's own alignment with gold (``evaluate.scoring``). For
each fact family it fits a logistic model (scikit-learn, liblinear) over the facts' features, chooses
the regularisation on five folds grouped by document, fits an isotonic calibration on the out-of-fold
scores of the real documents (``CALIBRATION_SETS``: the written dev articles are easier than real text, and
a calibration fitted on them too promised real facts more than they kept), and picks the default threshold on those calibrated scores: the middle of the stretch of
thresholds with the best F1 (with the family's precision target when one is set and reachable), not its
edge, so that a retrain on a little more or less data hardly moves it, on the F1 curve averaged over
five splits into folds (for roles, one split's curve put the threshold at 0.30, the average of five at 0.42). The calibration is
conservative: each step above the base rate is shrunk toward it by the least number of pseudo-facts that keeps the
facts at 0.8 or more right 80% of the time, with a standard error to spare, when every fold is calibrated
on the others; that reliability table, by bins of 0.2, is in the report and the model's ``about``.
Writes ``models/<family>.json``. Everything is deterministic: the same gold gives the same bytes.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defgraph.confidence.component import FEATURES
from defgraph.confidence.model import FAMILIES, LinearModel, write_model
from defgraph.errors import DefgraphError

TRAIN_SETS = ("real-train", "dev")
CALIBRATION_SETS = ("real-train",)  # real text: calibration is fitted, and its reliability checked, on these alone
SECTIONS = ("entities", "transfers", "quotes", "roles", "events", "claims", "attributes")
PRECISION_TARGETS: dict[str, float] = {}  # family → least precision the threshold must keep, when reachable
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLD_REPEATS = 5  # splits into folds whose F1 curves are averaged to place a family's threshold
FOLDS = 5
MIN_EXAMPLES = 40
WEAK_DOCUMENTS = 150  # unlabelled corpus texts read for weak labels
WEAK_WEIGHT = 0.3  # how much one weakly labelled candidate counts beside one gold-labelled fact
PLATEAU_TOLERANCE = 0.0  # how far below the best out-of-fold F1 a threshold still counts as on the plateau
RELIABLE_AT = 0.8  # facts calibrated at this or more must be right this often on unseen folds ...
SHRINK_GRID = (0, 5, 10, 20, 40, 80)  # ... with the least of these pseudo-facts at the base rate per block
BINS = (0.2, 0.4, 0.6, 0.8)  # the reliability table's bin edges


@dataclass(slots=True)
class Dataset:
    """One family's training examples: features, right or wrong, the document each came from."""

    features: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    real: list[bool] = field(default_factory=list)  # from a set of ``CALIBRATION_SETS`` (empty: every example is)
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
    shrinkage: float | None = None
    reliability: list[dict[str, float]] = field(default_factory=list)  # out of fold, calibrated on other folds
    calibrated_on: int = 0  # examples the calibration was fitted on (the real ones)


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
    real_names = {d.name for s in chosen if s.name in CALIBRATION_SETS and s.available()
                  for d in load_gold_dir(s.path, texts)}
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
            dataset.real.append(document.name in real_names)
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


def _at(probabilities: list[float], labels: list[int], gold_total: int, threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of the facts at or above a threshold."""
    kept = [label for p, label in zip(probabilities, labels) if p >= threshold]
    tp = sum(kept)
    precision = tp / len(kept) if kept else 0.0
    recall = tp / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


_GRID = [i / 100 for i in range(101)]


def _figures(probabilities: list[float], labels: list[int], gold_total: int) -> list[tuple[float, float, float]]:
    """Precision, recall and F1 at every threshold of a 0.01 grid."""
    return [_at(probabilities, labels, gold_total, t) for t in _GRID]


def _threshold(probabilities: list[float], labels: list[int], gold_total: int,
               target: float | None) -> tuple[float, float, float, float]:
    """The threshold (and its precision, recall and F1) on one set of scores (``_plateau_middle``)."""
    return _plateau_middle(_figures(probabilities, labels, gold_total), target)


def _plateau_middle(figures: list[tuple[float, float, float]],
                    target: float | None) -> tuple[float, float, float, float]:
    """The middle of the stretch of thresholds whose F1 is within ``PLATEAU_TOLERANCE`` of the best (among
    those meeting the precision target, when any does), read on a 0.01 grid: on a flat F1 curve the best
    single point jumps between retrains, the middle of the flat stretch hardly moves."""
    allowed = [target is None or precision >= target for precision, _, _ in figures]
    if not any(allowed):
        allowed = [True] * len(_GRID)
    best = max(f1 for (_, _, f1), ok in zip(figures, allowed) if ok)
    on_plateau = [ok and f1 >= best - PLATEAU_TOLERANCE for (_, _, f1), ok in zip(figures, allowed)]
    low = high = next(i for i, ((_, _, f1), ok) in enumerate(zip(figures, allowed)) if ok and f1 == best)
    while low > 0 and on_plateau[low - 1]:
        low -= 1
    while high < len(_GRID) - 1 and on_plateau[high + 1]:
        high += 1
    threshold = _GRID[(low + high) // 2]
    return (threshold, *figures[(low + high) // 2])


def _calibration_steps(raw: Sequence[float], labels: Sequence[int], prior: float,
                       strength: float) -> tuple[list[float], list[float]]:
    """The isotonic fit's blocks as steps (lowest raw score of the block → its share of right facts), each
    share smoothed by one right and one wrong pseudo-fact (a block of three facts all right says 0.8, not
    1.0) and, above the family's base rate, shrunk toward it by ``strength`` more pseudo-facts, so a thin
    block of right facts says little more than the base rate while a block of hundreds keeps its own share
    (being conservative means not promising too much; the low blocks keep apart the facts a threshold
    leaves out). Where a thin block then rises above
    the next, the two are pooled (weighted by their facts), so the steps stay non-decreasing without a thin
    block's share carried up over the blocks after it."""
    from sklearn.isotonic import IsotonicRegression

    order = sorted(range(len(raw)), key=lambda i: raw[i])
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0).fit(raw, labels).predict([raw[i] for i in order])
    pools: list[list[float]] = []  # [lowest raw score, right (with pseudo-facts), facts (with pseudo-facts), blocks]
    right = facts = 0
    for position, index in enumerate(order):
        right, facts = right + int(labels[index]), facts + 1
        if position == len(order) - 1 or fitted[position + 1] != fitted[position]:
            pseudo = strength if right > prior * facts else 0
            pools.append([float(raw[order[position - facts + 1]]), right + 1 + pseudo * prior, facts + 2 + pseudo, 1])
            right = facts = 0
            while len(pools) > 1 and pools[-2][1] / pools[-2][2] > pools[-1][1] / pools[-1][2]:
                last = pools.pop()
                pools[-1][1:] = [pools[-1][1] + last[1], pools[-1][2] + last[2], pools[-1][3] + last[3]]
    steps_x = [0.0, *(x for x, _, _, _ in pools[1:])]
    return steps_x, [r / n for _, r, n, _ in pools]


def _calibrate(steps_x: list[float], steps_y: list[float], raw: Iterable[float]) -> list[float]:
    """Raw scores through calibration steps, rounded as the shipped model rounds them."""
    return [round(steps_y[max(bisect_right(steps_x, r) - 1, 0)], 3) for r in raw]


def _cross_calibrated(raw: Sequence[float], labels: Sequence[int], folds: list, prior: float,
                      strength: float, fitted_on: Sequence[bool]) -> list[float]:
    """Out-of-fold scores calibrated by steps fitted on the other folds only (their ``fitted_on``
    examples): what the calibration promises on documents it did not see."""
    calibrated = [0.0] * len(raw)
    for train_index, test_index in folds:
        chosen = [i for i in train_index if fitted_on[i]]
        steps_x, steps_y = _calibration_steps([raw[i] for i in chosen], [labels[i] for i in chosen], prior, strength)
        for i, p in zip(test_index, _calibrate(steps_x, steps_y, [raw[i] for i in test_index])):
            calibrated[i] = p
    return calibrated


def reliability(probabilities: Sequence[float], labels: Sequence[int]) -> list[dict[str, float]]:
    """Facts and right facts by confidence bin: 0.0–0.2, 0.2–0.4, 0.4–0.6, 0.6–0.8, 0.8–1.0."""
    bins = [{"low": low, "facts": 0, "right": 0} for low in (0.0, *BINS)]
    for p, label in zip(probabilities, labels):
        chosen = bins[bisect_right(BINS, p)]
        chosen["facts"] += 1
        chosen["right"] += int(label)
    return bins


def _reliable(bins: list[dict[str, float]]) -> bool:
    """Are the facts at ``RELIABLE_AT`` or more right that often, with a margin of one standard error (or are
    there none)? A top bin of a few dozen facts at 0.82 is no promise of 0.8 on the next documents."""
    top = bins[-1]
    if not top["facts"]:
        return True
    share = top["right"] / top["facts"]
    return share - math.sqrt(share * (1 - share) / top["facts"]) >= RELIABLE_AT


def _real_reliability(calibrated: Sequence[float], labels: Sequence[int], real: Sequence[bool]) -> list[dict[str, float]]:
    return reliability([p for p, r in zip(calibrated, real) if r], [y for y, r in zip(labels, real) if r])


def _conservative_strength(raw: Sequence[float], labels: Sequence[int], folds: list, prior: float,
                           real: Sequence[bool]) -> float:
    """The least shrinkage under which the real facts calibrated at ``RELIABLE_AT`` or more on unseen folds
    are right that often (``_reliable``); the most of ``SHRINK_GRID`` when none is enough."""
    for strength in SHRINK_GRID:
        if _reliable(_real_reliability(_cross_calibrated(raw, labels, folds, prior, strength, real), labels, real)):
            return strength
    return SHRINK_GRID[-1]


def fit_family(family: str, dataset: Dataset, weak: WeakSet | None = None,
               seed: int | None = None) -> tuple[LinearModel, FamilyReport]:
    """One family's model: regularisation chosen and calibration fitted on document-grouped folds of the
    gold examples; weakly labelled candidates, when given, join every training fold (never a held-out one).
    The folds are GroupKFold's own, or shuffled by ``seed`` (to measure how much the choices move)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold

    labels = np.array(dataset.labels)
    real = np.array(dataset.real if len(dataset.real) == len(labels) else [True] * len(labels), dtype=bool)
    if real.sum() < MIN_EXAMPLES or len(set(labels[real])) < 2:  # too few real examples to calibrate on alone
        real[:] = True
    vectoriser = DictVectorizer(sort=True, sparse=False)
    vectoriser.fit(dataset.features + (weak.features if weak else []))
    matrix = vectoriser.transform(dataset.features)
    groups = np.array(dataset.groups)
    splitter = GroupKFold(n_splits=min(FOLDS, len(set(dataset.groups))), shuffle=seed is not None, random_state=seed)
    folds = list(splitter.split(matrix, labels, groups))
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

    def out_of_fold(c: float, splits: list = folds) -> np.ndarray:
        scores = np.zeros(len(labels))
        for train_index, test_index in splits:
            if len(set(labels[train_index])) < 2:
                scores[test_index] = labels[train_index].mean()
                continue
            scores[test_index] = fit(c, train_index).predict_proba(matrix[test_index])[:, 1]
        return scores

    losses = {c: log_loss(labels, np.clip(out_of_fold(c), 1e-6, 1 - 1e-6), labels=[0, 1]) for c in C_GRID}
    best_c = min(C_GRID, key=lambda c: (round(losses[c], 9), c))
    raw = out_of_fold(best_c)
    prior = float(labels[real].mean())
    fitted_on = real.tolist()
    strength = _conservative_strength(raw.tolist(), dataset.labels, folds, prior, fitted_on)
    steps_x, steps_y = _calibration_steps(raw[real].tolist(), labels[real].tolist(), prior, strength)
    calibrated = _calibrate(steps_x, steps_y, raw.tolist())
    bins = _real_reliability(_cross_calibrated(raw.tolist(), dataset.labels, folds, prior, strength, fitted_on),
                             dataset.labels, fitted_on)
    curves = [_figures(calibrated, dataset.labels, dataset.gold_total)]
    for repeat in range(1, THRESHOLD_REPEATS):  # the same fit on other splits into folds
        splitter = GroupKFold(n_splits=len(folds), shuffle=True, random_state=repeat)
        shuffled = list(splitter.split(matrix, labels, groups))
        other = out_of_fold(best_c, shuffled).tolist()
        steps = _calibration_steps([o for o, r in zip(other, fitted_on) if r], labels[real].tolist(), prior, strength)
        curves.append(_figures(_calibrate(*steps, other), dataset.labels, dataset.gold_total))
    mean_curve = [tuple(sum(values) / len(curves) for values in zip(*points)) for points in zip(*curves)]
    threshold, precision, recall, f1 = _plateau_middle(mean_curve, PRECISION_TARGETS.get(family))
    final = fit(best_c, np.arange(len(labels)))
    weights = dict(zip(vectoriser.get_feature_names_out(), final.coef_[0].tolist()))
    report = FamilyReport(family, len(labels), int(labels.sum()), threshold, round(precision, 4), round(recall, 4),
                          round(f1, 4), best_c, strength, bins, int(real.sum()))
    model = LinearModel(
        family=family, weights=weights, bias=float(final.intercept_[0]),
        calibration_x=tuple(steps_x), calibration_y=tuple(steps_y), threshold=threshold,
        about={"examples": report.examples, "right": report.positives, "documents": len(set(dataset.groups)),
               "regularisation_C": best_c, "folds": len(folds), "calibration_shrinkage": strength,
               "calibrated_on_examples": report.calibrated_on,
               "out_of_fold_reliability": bins,
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


def _cell(bin_: dict[str, float]) -> str:
    share = f" {bin_['right'] / bin_['facts']:.2f}" if bin_["facts"] else ""
    return f"{bin_['right']}/{bin_['facts']}{share}"


def format_reports(reports: list[FamilyReport]) -> str:
    lines = [f"{'family':<12}{'examples':>9}{'right':>7}{'C':>6}{'threshold':>10}{'P':>7}{'R':>7}{'F1':>7}"]
    for r in reports:
        lines.append(f"{r.family:<12}{r.examples:>9}{r.positives:>7}{r.c if r.c is not None else '-':>6}"
                     f"{r.threshold:>10.3f}{r.precision:>7.3f}{r.recall:>7.3f}{r.f1:>7.3f}")
    lines.append("P/R/F1: out-of-fold on the training documents, at the chosen threshold (recall of the gold "
                 "records, found or not).")
    edges = list(zip((0.0, *BINS), (*BINS, 1.0)))
    lines.append("\n" + f"{'family':<12}{'shrink':>7}" + "".join(f"{f'{low:.1f}-{high:.1f}':>15}" for low, high in edges))
    for r in reports:
        if r.reliability:
            lines.append(f"{r.family:<12}{r.shrinkage:>7g}" + "".join(f"{_cell(b):>15}" for b in r.reliability))
    lines.append(f"Reliability: right/facts and their share by confidence, out of fold on the real documents "
                 f"({', '.join(CALIBRATION_SETS)}), each fold calibrated on the others' real documents; shrink: pseudo-facts at the base rate per calibration step above it, the least keeping "
                 f"facts at {RELIABLE_AT} or more right {RELIABLE_AT:.0%} of the time, one standard error to spare.")
    return "\n".join(lines)


def as_dict(reports: list[FamilyReport]) -> list[dict[str, Any]]:
    from dataclasses import asdict

    return [asdict(r) for r in reports]
