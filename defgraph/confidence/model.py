"""A trained scorer for one fact family: a logistic model over named features, then a calibration map.

The file is plain JSON (``models/<family>.json``) written by ``defgraph train``: feature weights, a
bias, the steps of an isotonic calibration fitted on held-out folds of the train split, and the
default threshold. Scoring needs nothing but the standard library, so ``extract`` never trains and
gives the same numbers on every machine.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

MODELS = Path(__file__).with_name("models")
FAMILIES = ("entities", "transfers", "quotes", "roles", "events", "claims", "attributes")
DEFAULT_THRESHOLD = 0.5

Features = dict[str, float]


@dataclass(frozen=True, slots=True)
class LinearModel:
    """p(fact is right | features): a logistic score mapped through calibration steps."""

    family: str
    weights: dict[str, float]
    bias: float
    calibration_x: tuple[float, ...] = ()  # raw scores where the calibrated value steps up ...
    calibration_y: tuple[float, ...] = ()  # ... and the calibrated probability from there on
    threshold: float = DEFAULT_THRESHOLD
    about: dict[str, Any] = field(default_factory=dict)  # what it was trained on, measured how

    def raw(self, features: Features) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def probability(self, features: Features) -> float:
        """The calibrated probability that a fact with these features is right, rounded to 3 places."""
        raw = self.raw(features)
        if not self.calibration_x:
            return round(raw, 3)
        step = bisect_right(self.calibration_x, raw) - 1
        return round(self.calibration_y[max(step, 0)], 3)

    def to_json(self) -> dict[str, Any]:
        return {"family": self.family, "bias": round(self.bias, 6), "threshold": self.threshold,
                "calibration": [[round(x, 6), round(y, 6)] for x, y in zip(self.calibration_x, self.calibration_y)],
                "about": self.about,
                "weights": {name: round(w, 6) for name, w in sorted(self.weights.items()) if abs(w) >= 1e-6}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "LinearModel":
        steps = data.get("calibration") or []
        return cls(family=data["family"], weights=dict(data["weights"]), bias=float(data["bias"]),
                   calibration_x=tuple(x for x, _ in steps), calibration_y=tuple(y for _, y in steps),
                   threshold=float(data.get("threshold", DEFAULT_THRESHOLD)), about=dict(data.get("about") or {}))


def model_path(family: str, folder: Path | None = None) -> Path:
    return (folder or MODELS) / f"{family}.json"


@lru_cache(maxsize=None)
def load_model(family: str) -> LinearModel | None:
    """The shipped model of a family, or None when none has been trained (facts then keep no confidence)."""
    path = model_path(family)
    if not path.exists():
        return None
    return LinearModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def write_model(model: LinearModel, folder: Path | None = None) -> Path:
    """Write a model as sorted, rounded JSON: the same training data gives the same bytes."""
    path = model_path(model.family, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path
