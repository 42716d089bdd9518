"""Exports of the knowledge base: JSON Lines, CSV tables, GraphML (Gephi), FollowTheMoney (Aleph).

Each format is one module with one ``write_*`` function of a ``Knowledge``; ``export_knowledge``
picks one by name and writes to a path (``-`` is stdout for the line formats).
"""
from __future__ import annotations

import sys
from pathlib import Path

from defgraph.analyse.knowledge import Knowledge
from defgraph.errors import InputError
from defgraph.export.ftm import ftm_entities, write_ftm
from defgraph.export.graphml import build_graph, write_graphml
from defgraph.export.jsonl import write_jsonl
from defgraph.export.tables import write_tables

FORMATS = ("jsonl", "csv", "graphml", "ftm")
LINE_FORMATS = {"jsonl": write_jsonl, "ftm": write_ftm}

__all__ = ["FORMATS", "build_graph", "export_knowledge", "ftm_entities", "write_ftm", "write_graphml",
           "write_jsonl", "write_tables"]


def export_knowledge(knowledge: Knowledge, fmt: str, out: str | Path) -> int:
    """Write ``knowledge`` in ``fmt`` to ``out`` (a file; a directory for csv; ``-`` for stdout); return the count."""
    if fmt in LINE_FORMATS and str(out) == "-":
        return LINE_FORMATS[fmt](knowledge, sys.stdout)
    try:
        if fmt in LINE_FORMATS:
            with open(out, "w", encoding="utf-8") as handle:
                return LINE_FORMATS[fmt](knowledge, handle)
        if fmt == "csv":
            return write_tables(knowledge, Path(out))
        return write_graphml(knowledge, Path(out))
    except OSError as error:
        raise InputError("E121", path=out, detail=error.strerror or str(error)) from error
