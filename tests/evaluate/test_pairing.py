"""The optimal pairing of predicted and gold records, and the event scoring built on it."""
from __future__ import annotations

import itertools

from hypothesis import given, settings, strategies as st

from defgraph.evaluate import score
from defgraph.evaluate.pairing import best_pairs


def _best_total(weights: list[list[float]]) -> float:
    """The greatest total weight of any assignment, by trying them all."""
    rows, cols = len(weights), len(weights[0])
    if rows <= cols:
        return max(sum(max(weights[r][c], 0) for r, c in enumerate(chosen))
                   for chosen in itertools.permutations(range(cols), rows))
    return max(sum(max(weights[r][c], 0) for c, r in enumerate(chosen))
               for chosen in itertools.permutations(range(rows), cols))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(lambda rows: st.lists(
    st.lists(st.sampled_from([0.0, 0.0, 1.0, 1.2, 1.5, 2.5, 3.0]), min_size=rows, max_size=rows),
    min_size=1, max_size=5)))
def test_best_pairs_reaches_the_greatest_total_weight(weights):
    pairs = best_pairs(weights)
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    assert all(weights[r][c] > 0 for r, c in pairs)
    assert abs(sum(weights[r][c] for r, c in pairs) - _best_total(weights)) < 1e-9


def test_best_pairs_of_nothing_is_nothing():
    assert best_pairs([]) == [] and best_pairs([[]]) == []


def _people(*names):
    return [{"id": f"person:{n}", "type": "Person", "name": n.title(), "aliases": [n.title()]} for n in names]


def _event(participants, date=None, evidence="", kind="meeting"):
    return {"type": kind, "participants": [f"person:{p}" for p in participants], "date": date, "evidence": evidence}


def test_a_first_come_pairing_would_leave_a_matchable_event_unmatched():
    # first come, the one-person meeting takes the two-person gold meeting and the second prediction finds none
    gold = {"entities": _people("ada", "ben"), "events": [_event(["ada", "ben"]), _event(["ada"])]}
    pred = {"entities": _people("ada", "ben"), "events": [_event(["ada"]), _event(["ben"])]}
    counts = score(gold, pred).sections["events"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)


def test_a_prediction_pairs_with_the_gold_event_it_reports_not_the_first_alike():
    gold = {"entities": _people("ada", "ben"), "events": [
        _event(["ada", "ben"], "2024-03-02", "Ada received Ben in the spring at the old palace"),
        _event(["ada", "ben"], "2024-09-15", "Ada and Ben will hold talks in the autumn")]}
    pred = {"entities": _people("ada", "ben"), "events": [
        _event(["ada", "ben"], "2024-09-15", "Ada and Ben will hold talks in the autumn, an aide said.")]}
    result = score(gold, pred)
    assert result.sections["events"].tp == 1 and result.event_dates.accuracy == 1.0
    assert any(line.startswith("fn event meeting") and "spring" in line for line in result.errors)
