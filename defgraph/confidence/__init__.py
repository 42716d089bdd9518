"""Confidence on every fact: the rules propose, a trained scorer per fact family says how sure to be.

``features`` turns each extracted fact (an entity, a deal, a quote, an office, an event, a claim, an
attribute) and its document into named features; ``model`` holds the family's logistic scorer with its
calibration, shipped as JSON in ``models/`` and rebuilt from the train split by ``defgraph train``
(``train``). The ``defgraph_confidence`` pipeline component, last in the pipeline, gives every fact
its calibrated probability; ``default_thresholds`` are the per-family thresholds the register, the
dossier, the web app and ``extract --format gold`` use by default.
"""
from defgraph.confidence.model import FAMILIES, LinearModel, load_model


def default_thresholds() -> dict[str, float]:
    """Each trained family's default threshold: facts below it are shown only on request (``--all``)."""
    return {family: model.threshold for family in FAMILIES if (model := load_model(family)) is not None}


__all__ = ["FAMILIES", "LinearModel", "default_thresholds", "load_model"]
