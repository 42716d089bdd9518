"""Schema migrations, one folder per backend: ``NNNN_name.sql`` files applied in order."""
from __future__ import annotations

from importlib.resources import files
from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    sql: str


def migrations(backend: str) -> list[Migration]:
    """The backend's migrations in version order."""
    folder = files(__name__).joinpath(backend)
    found = [
        Migration(int(entry.name[:4]), entry.name.removesuffix(".sql"), entry.read_text("utf-8"))
        for entry in folder.iterdir() if entry.name.endswith(".sql")
    ]
    return sorted(found)
