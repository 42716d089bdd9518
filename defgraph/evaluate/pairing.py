"""Pair predicted records with gold records optimally: the assignment of greatest total weight.

Reads a weight matrix (rows: predicted records, columns: gold records; a weight of 0 or less is no pair);
writes the chosen (row, column) pairs. A greedy pass (each prediction takes the first gold record it
matches) can leave a prediction unmatched that a different choice would have matched, and can pair a
prediction with the wrong one of two similar gold records; this one cannot. Pure Python (the Hungarian
method with potentials, O(n²m)); deterministic for one input.
"""
from __future__ import annotations

from collections.abc import Sequence

INFINITY = float("inf")


def best_pairs(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The (row, column) pairs of positive weight that a maximum-weight assignment chooses, by row."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    flipped = rows > cols
    table = [list(column) for column in zip(*weights)] if flipped else [list(row) for row in weights]
    n, m = len(table), len(table[0])
    # minimum-cost assignment of every row (n <= m) on costs -weight; 1-based, column 0 is a sentinel
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0], current = row, 0
        least, done = [INFINITY] * (m + 1), [False] * (m + 1)
        while owner[current]:
            done[current] = True
            i, delta, nearest = owner[current], INFINITY, 0
            for j in range(1, m + 1):
                if done[j]:
                    continue
                reduced = -table[i - 1][j - 1] - u[i] - v[j]
                if reduced < least[j]:
                    least[j], way[j] = reduced, current
                if least[j] < delta:
                    delta, nearest = least[j], j
            for j in range(m + 1):
                if done[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            current = nearest
        while current:
            previous = way[current]
            owner[current] = owner[previous]
            current = previous
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    pairs = [(j, i) for i, j in pairs] if flipped else pairs
    return sorted((r, c) for r, c in pairs if weights[r][c] > 0)
