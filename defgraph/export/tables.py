"""CSV export: a directory with one CSV per table (documents, entities, mentions, transfers, ...).

Reads a ``Knowledge``; writes ``<kind>.csv`` files with a header row; lists (event participants,
claim disputants, aliases) are joined with ``;``.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from defgraph.analyse.knowledge import Knowledge
from defgraph.export.records import records


def _cell(value: Any) -> Any:
    return ";".join(map(str, value)) if isinstance(value, list) else value


def write_tables(knowledge: Knowledge, directory: Path) -> int:
    """Write one CSV per kind of record into ``directory``; return how many rows were written."""
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for kind, record in records(knowledge):
        tables[kind].append(record)
    directory.mkdir(parents=True, exist_ok=True)
    for kind, rows in tables.items():
        with open(directory / f"{kind}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return sum(map(len, tables.values()))
