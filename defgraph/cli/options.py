"""Options and output helpers shared by every command."""
from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

db_option = click.option(
    "--db", default="defgraph.db", envvar="DEFGRAPH_DB", show_default=True, show_envvar=True,
    type=click.Path(dir_okay=False), help="A SQLite file, or a PostgreSQL URL (postgresql://HOST:PORT/NAME).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text.")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """JSON text for dataclasses, dicts and lists, keeping non-ASCII text as it is."""
    return json.dumps(value, default=_plain, ensure_ascii=False, indent=indent)


def echo_json(value: Any) -> None:
    click.echo(dumps(value))


def warn(message: str) -> None:
    click.echo(f"defgraph: warning: {message}", err=True)
