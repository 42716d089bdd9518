"""``defgraph export``: the knowledge base as JSON Lines, CSV tables, GraphML or FollowTheMoney."""
from __future__ import annotations

import click

from defgraph import api
from defgraph.cli.options import db_option, echo_json, json_option
from defgraph.export import FORMATS


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="jsonl: every fact with evidence; csv: a directory of tables; graphml: for Gephi; "
                   "ftm: FollowTheMoney entities for Aleph.")
@click.option("--out", required=True, type=click.Path(),
              help="The file to write (a directory for csv; - for stdout with jsonl and ftm).")
@db_option
@json_option
def export(fmt: str, out: str, db: str, as_json: bool) -> None:
    """Write the knowledge base in an exchange format.

    \b
      defgraph export --format jsonl --out facts.jsonl
      defgraph export --format csv --out tables/
      defgraph export --format graphml --out defgraph.graphml
      defgraph export --format ftm --out - | ftm validate
    """
    count = api.export(fmt, out, db=db)
    if as_json:
        echo_json({"format": fmt, "out": out, "written": count})
    elif out != "-":
        click.echo(f"wrote {count} {'edges' if fmt == 'graphml' else 'records'} to {out}", err=True)
