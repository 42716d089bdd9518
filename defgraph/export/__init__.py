"""Exports of the knowledge base: JSON Lines, CSV tables, GraphML (Gephi), FollowTheMoney (Aleph).

Each format is one module with one ``write_*`` function of a ``Knowledge``; ``export_knowledge``
picks one by name and writes to a path (``-`` is stdout for the line formats). ``check_target``
refuses, before anything is read, a destination that is the database itself (E122) and ``-`` for a
format that is not a stream of lines (E123).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from defgraph.analyse.knowledge import Knowledge
from defgraph.errors import InputError
from defgraph.export.ftm import ftm_entities, write_ftm
from defgraph.export.graphml import build_graph, write_graphml
from defgraph.export.jsonl import write_jsonl
from defgraph.export.records import SINGULAR
from defgraph.export.tables import write_tables
from defgraph.ingestion.decoding import one_line, shown_path

FORMATS = ("jsonl", "csv", "graphml", "ftm")
LINE_FORMATS = {"jsonl": write_jsonl, "ftm": write_ftm}

__all__ = ["FORMATS", "build_graph", "check_target", "export_knowledge", "ftm_entities", "write_ftm", "write_graphml",
           "write_jsonl", "write_tables"]


def _database_files(db: str | Path) -> list[Path]:
    """The files a SQLite database is kept in (none for a PostgreSQL URL)."""
    if str(db).startswith(("postgresql://", "postgres://")):
        return []
    return [Path(f"{db}{ending}") for ending in ("", "-wal", "-shm", "-journal")]


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return one.resolve() == other.resolve()


def check_target(fmt: str, out: str | Path, db: str | Path) -> None:
    """Raise ``InputError`` when writing ``fmt`` to ``out`` would overwrite ``db`` or means no file."""
    if str(out) == "-" and fmt not in LINE_FORMATS:
        raise InputError("E123", fmt=fmt, formats=" and ".join(LINE_FORMATS))
    if str(out) == "-":
        return
    targets = [Path(out)] if fmt != "csv" else [Path(out), *(Path(out) / f"{kind}.csv" for kind in SINGULAR)]
    for target in targets:
        if any(_same_file(target, file) for file in _database_files(db)):
            raise InputError("E122", path=shown_path(target), db=shown_path(db))


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
        raise InputError("E121", path=shown_path(out), detail=one_line(error.strerror or error)) from error
