"""JSON Lines export: one line per document, entity and fact, each fact with its evidence span.

Reads a ``Knowledge``; writes ``{"kind": ..., ...}`` lines to one file (or ``-`` for stdout).
"""
from __future__ import annotations

import json
from typing import TextIO

from defgraph.analyse.knowledge import Knowledge
from defgraph.export.records import SINGULAR, records


def write_jsonl(knowledge: Knowledge, out: TextIO) -> int:
    """Write every record as a JSON line; return how many were written."""
    count = 0
    for kind, record in records(knowledge):
        out.write(json.dumps({"kind": SINGULAR[kind], **record}, ensure_ascii=False) + "\n")
        count += 1
    return count
