"""Weak labels: the rules as labelling functions over unlabelled real texts, combined by a label model.

Reads the shared corpus texts that are in no gold set, runs the extraction over them and, for each
candidate fact of a family, asks every labelling function for a vote (right, wrong or abstain).
Snorkel's ``LabelModel`` learns how far to trust each function from their agreements alone and gives
each candidate a probability of being right; ``train`` adds those candidates to the gold examples with
a small weight. A labelling function is one old rule read as a vote, never a decision.
Needs the training extra (snorkel, which brings torch).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

Features = dict[str, float]
RIGHT, WRONG, ABSTAIN = 1, 0, -1


def _has(features: Features, *names: str) -> bool:
    return all(features.get(name, 0.0) > 0 for name in names)


# transfers: each function is one reading of a candidate deal the rules used to make as a decision
TRANSFER_FUNCTIONS: dict[str, Callable[[Features], int]] = {
    "the rules read it": lambda f: RIGHT if _has(f, "cue:rules") else ABSTAIN,
    "the catalogue rules the supplier out": lambda f: WRONG if _has(f, "supplier_unknown_for_system") else ABSTAIN,
    "the recipient is the system's origin": lambda f: WRONG if _has(f, "recipient_is_origin") else ABSTAIN,
    "the supplier supplies, the recipient after 'to'": lambda f: RIGHT if _has(
        f, "cue:supplier_subject_of_supplying", "cue:recipient_after_to") else ABSTAIN,
    "supply the recipient with": lambda f: RIGHT if _has(
        f, "cue:supplier_subject_of_supplying", "cue:recipient_object_of_supplying") else ABSTAIN,
    "the recipient buys, the supplier after 'from'": lambda f: RIGHT if _has(
        f, "cue:recipient_subject_of_receiving", "cue:supplier_after_from") else ABSTAIN,
    "the origin supplies a holder": lambda f: RIGHT if _has(f, "supplier_is_origin", "recipient_holds") else ABSTAIN,
    "both parties are subjects": lambda f: WRONG if _has(
        f, "cue:supplier_subject", "cue:recipient_subject") else ABSTAIN,
    "hostile words without the rules": lambda f: WRONG if _has(f, "cue_hostile") and not _has(f, "cue:rules") else ABSTAIN,
    "parties only from the rest of the article": lambda f: WRONG if _has(
        f, "cue:recipient_from_document") and not _has(f, "cue:rules") else ABSTAIN,
    "the supplier named after the recipient": lambda f: WRONG if _has(
        f, "cue:cooccurrence", "cue:supplier_named") and not _has(f, "cue:supplier_before_recipient")
        and not _has(f, "cue:supplier_after_from") else ABSTAIN,
}

FUNCTIONS: dict[str, dict[str, Callable[[Features], int]]] = {"transfers": TRANSFER_FUNCTIONS}


def unlabelled_texts(limit: int = 150, max_words: int = 4000) -> list[tuple[str, str]]:
    """``(name, text)`` of the shared corpus files no gold set annotates that speak most of transfers (by
    the transfer trigger words per word), at most ``limit`` of them, in name order."""
    from defgraph.evaluate.goldtext import shared_root
    from defgraph.evaluate.report import _read_json, gold_files, gold_sets
    from defgraph.extraction.relations_cues import pattern

    annotated = {_read_json(path)["doc"] for s in gold_sets() if s.path.is_dir() for path in gold_files(s.path)}
    triggers = pattern("relations_transfers", "triggers")
    scored = []
    for path in sorted((shared_root() / "corpus").glob("*/*.txt")):
        name = f"{path.parent.name}/{path.name}"
        text = path.read_text(encoding="utf-8")
        words = len(text.split())
        if name not in annotated and words <= max_words:
            scored.append((-len(triggers.findall(text)) / max(words, 1), name, text))
    return sorted((name, text) for _, name, text in sorted(scored)[:limit])


def weak_labels(family: str, features: list[Features], seed: int = 0) -> tuple[list[float], dict[str, Any]]:
    """The label model's probability that each candidate is right, and what each function voted."""
    import numpy as np
    from snorkel.labeling.model import LabelModel

    functions = FUNCTIONS[family]
    votes = np.array([[function(f) for function in functions.values()] for f in features], dtype=int)
    model = LabelModel(cardinality=2, verbose=False)
    model.fit(votes, n_epochs=500, seed=seed, log_freq=1000)
    probabilities = model.predict_proba(votes)[:, 1]
    covered = (votes != ABSTAIN).any(axis=1)
    summary = {name: {"votes": int((votes[:, i] != ABSTAIN).sum()), "right": int((votes[:, i] == RIGHT).sum())}
               for i, name in enumerate(functions)}
    return [float(p) if c else -1.0 for p, c in zip(probabilities, covered)], summary
