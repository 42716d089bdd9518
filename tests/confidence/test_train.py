"""Training the confidence models: thresholds on a flat F1 curve, conservative calibration, reliability."""
from __future__ import annotations

import random

import pytest

pytest.importorskip("sklearn")

from defgraph.confidence.train import (  # noqa: E402
    RELIABLE_AT, Dataset, _calibration_steps, _reliable, _threshold, fit_family, format_reports, reliability,
)


def test_threshold_is_the_middle_of_a_flat_stretch_not_its_edge():
    # no fact scores between 0.3 and 0.7: every threshold in (0.30, 0.70] keeps the same facts
    probabilities = [0.1] * 10 + [0.3] * 10 + [0.7] * 10 + [0.9] * 10
    labels = [0] * 10 + [0] * 8 + [1] * 2 + [1] * 8 + [0] * 2 + [1] * 10
    threshold, precision, recall, f1 = _threshold(probabilities, labels, gold_total=20, target=None)
    assert 0.45 <= threshold <= 0.55
    assert (precision, recall) == (0.9, 0.9)
    assert f1 == pytest.approx(0.9)


def test_threshold_keeps_the_precision_target_when_it_can():
    probabilities = [0.2] * 10 + [0.6] * 10 + [0.9] * 10
    labels = [0] * 10 + [1] * 6 + [0] * 4 + [1] * 10
    threshold, precision, _, _ = _threshold(probabilities, labels, gold_total=16, target=0.95)
    assert threshold > 0.6 and precision == 1.0


def test_a_small_block_all_right_is_shrunk_toward_the_base_rate():
    raw = [i / 100 for i in range(100)]
    labels = [0] * 50 + [1, 0] * 22 + [1] * 6  # the six highest scores all right
    prior = sum(labels) / len(labels)
    _, weak = _calibration_steps(raw, labels, prior, strength=2)
    _, strong = _calibration_steps(raw, labels, prior, strength=20)
    assert weak[-1] > strong[-1] > prior
    assert weak == sorted(weak) and strong == sorted(strong)
    assert strong[-1] < RELIABLE_AT


def test_reliability_counts_facts_and_right_ones_by_bin():
    bins = reliability([0.05, 0.25, 0.39, 0.8, 0.95, 1.0], [0, 1, 0, 1, 0, 1])
    assert [(b["low"], b["facts"], b["right"]) for b in bins] == [
        (0.0, 1, 0), (0.2, 2, 1), (0.4, 0, 0), (0.6, 0, 0), (0.8, 3, 2)]


def _noisy_dataset(seed: int) -> Dataset:
    """One informative feature, right more often the higher it is; documents of eight facts."""
    rng = random.Random(seed)
    dataset = Dataset()
    for i in range(400):
        x = rng.random()
        dataset.features.append({"x": x, "noise": rng.random()})
        dataset.labels.append(int(rng.random() < 0.15 + 0.75 * x))
        dataset.groups.append(f"doc{i // 8}")
    dataset.gold_total = sum(dataset.labels)
    return dataset


def test_fit_family_keeps_its_top_bin_reliable_out_of_fold_and_reports_it():
    _, report = fit_family("events", _noisy_dataset(1))
    top = report.reliability[-1]
    assert sum(b["facts"] for b in report.reliability) == report.examples
    assert top["right"] >= RELIABLE_AT * top["facts"] and _reliable(report.reliability)
    assert report.shrinkage is not None
    assert "0.8-1.0" in format_reports([report])


def test_a_thin_block_above_the_base_rate_is_pooled_not_carried_up():
    # one right fact alone at the low end would, shrunk toward a high base rate, rise above the block after it
    raw = [0.01] + [0.1 + i / 100 for i in range(40)] + [0.6 + i / 100 for i in range(40)]
    labels = [1] + [0] * 30 + [1] * 10 + [1] * 38 + [0] * 2
    prior = sum(labels) / len(labels)
    steps_x, steps_y = _calibration_steps(raw, labels, prior, strength=2)
    assert steps_y == sorted(steps_y) and steps_x == sorted(steps_x)
    assert steps_y[0] < prior  # the low end still says "unlikely", not the share of one lucky fact


def test_only_the_steps_above_the_base_rate_are_shrunk_harder():
    raw = [i / 100 for i in range(100)]
    labels = [0] * 40 + [1, 0] * 25 + [1] * 10
    prior = sum(labels) / len(labels)
    _, mild = _calibration_steps(raw, labels, prior, strength=2)
    _, strong = _calibration_steps(raw, labels, prior, strength=80)
    assert strong[0] == mild[0]
    assert strong[-1] < mild[-1]


def test_the_entity_threshold_hardly_moves_when_the_documents_fall_into_other_folds():
    thresholds = {seed: fit_family("entities", _noisy_dataset(1), seed=seed)[1].threshold for seed in (None, 1, 2, 3)}
    assert max(thresholds.values()) - min(thresholds.values()) <= 0.01


def _mixed_dataset(seed: int, real_flags: bool) -> Dataset:
    """Written articles whose facts are right whenever the feature is high, beside real documents where a
    high feature is right only about half the time: the same feature, two kinds of text."""
    rng = random.Random(seed)
    dataset = Dataset()
    for i in range(640):
        x, written = rng.random(), i % 4 != 0
        dataset.features.append({"x": x})
        dataset.labels.append(int(x > 0.3) if written else int(rng.random() < 0.05 + 0.5 * x))
        dataset.groups.append(f"{'written' if written else 'real'}{i // 16}")
        if real_flags:
            dataset.real.append(not written)
    dataset.gold_total = sum(dataset.labels)
    return dataset


def test_the_calibration_is_fitted_and_checked_on_the_real_documents_alone():
    model, report = fit_family("transfers", _mixed_dataset(3, real_flags=True))
    pooled, _ = fit_family("transfers", _mixed_dataset(3, real_flags=False))
    assert report.calibrated_on == 160 and sum(b["facts"] for b in report.reliability) == 160
    # real facts with the highest feature are right about half the time: the real-only calibration says so,
    # the one pooled with the easy written articles promises more
    assert model.probability({"x": 0.99}) < 0.7 and pooled.probability({"x": 0.99}) >= RELIABLE_AT
    assert _reliable(report.reliability)
