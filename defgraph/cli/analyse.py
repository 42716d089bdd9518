"""``defgraph conflicts``, ``timeline``, ``register`` and ``reconcile``: cross-article knowledge."""
from __future__ import annotations

import click

from defgraph import api
from defgraph.analyse.register import COLUMNS, cell, to_csv
from defgraph.cli.options import db_option, dumps, echo_json, json_option


def _source_line(source: dict) -> str:
    where = ", ".join(str(x) for x in (source["outlet"], source["published"]) if x)
    evidence = " ".join(source["evidence"].split())
    return f"doc {source['document']} ({where}) [{source['span'][0]}:{source['span'][1]}] \"{evidence}\""


def side_value(value: object) -> str:
    """One side of a conflict as text: a value, a list of values or a dict of named values."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in value.items())
    if isinstance(value, list):
        return " ".join(cell(v) for v in value)
    return cell(value)


@click.command()
@db_option
@json_option
def conflicts(db: str, as_json: bool) -> None:
    """Where independent articles disagree: attributes, deal slots and disputed claims, both sides sourced.

    Copies of one story (a near-duplicate cluster) never conflict with each other.

    \b
      defgraph conflicts
      defgraph conflicts --json | jq '.[] | select(.kind == "transfer")'
    """
    found = [c.as_dict() for c in api.conflicts(db=db)]
    if as_json:
        echo_json(found)
        return
    for conflict in found:
        click.echo(f"{conflict['kind']}: {conflict['label']} / {conflict['attribute']}")
        for side in conflict["sides"]:
            click.echo(f"  = {side_value(side['value'])}  (support {side['support']})")
            for source in side["sources"]:
                click.echo(f"      {_source_line(source)}")
    if not found:
        click.echo("no conflicts found", err=True)


@click.command()
@click.argument("names", nargs=-1, required=True)
@db_option
@json_option
def timeline(names: tuple[str, ...], db: str, as_json: bool) -> None:
    """Dated events and deal stages involving every named entity, oldest first, with date grain and sources.

    \b
      defgraph timeline India Russia
      defgraph timeline S-400 --json
    """
    entries = [e.as_dict() for e in api.timeline(list(names), db=db)]
    if as_json:
        echo_json(entries)
        return
    for entry in entries:
        mark = "" if entry["dated_by"] == "text" else f" (date: {entry['dated_by']})"
        click.echo(f"{entry['date'] or 'undated':<10}  {entry['grain'] or '-':<5}  {entry['label']}{mark}")
        for source in entry["sources"]:
            click.echo(f"      {_source_line(source)}")
    if not entries:
        click.echo(f"nothing dated involves {' and '.join(names)}", err=True)


@click.command()
@click.option("--supplier", help="Only deals from this supplier (a name or alias).")
@click.option("--recipient", help="Only deals to this recipient.")
@click.option("--system", help="Only deals of this weapon system.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--all", "every_deal", is_flag=True, help="Every deal, however unsure, with its confidence.")
@db_option
@json_option
def register(supplier: str | None, recipient: str | None, system: str | None, fmt: str, every_deal: bool, db: str,
             as_json: bool) -> None:
    """A SIPRI-style trade register of the merged deals: one row per deal, with its sources.

    By default a deal is listed when the stories that report it make it at least 0.8 likely (each
    independent story counts once, with its best confidence: two stories at 0.6 make 0.84) and the
    catalogue lets its supplier supply the system; --all lists every
    deal with its confidence.

    \b
      defgraph register --recipient India --system S-400
      defgraph register --supplier Russia --format csv > russia.csv
      defgraph register --all --json
    """
    rows = api.register(db=db, supplier=supplier, recipient=recipient, system=system, every_deal=every_deal)
    if as_json or fmt == "json":
        echo_json([row.as_dict() for row in rows])
    elif fmt == "csv":
        click.echo(to_csv(rows), nl=False)
    else:
        table = [list(COLUMNS)] + [[cell(getattr(row, column)) for column in COLUMNS] for row in rows]
        widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
        for line in table:
            click.echo("  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip())
    if not rows:
        click.echo("no deal matches", err=True)


@click.command()
@click.argument("sipri_csv", type=click.Path(dir_okay=False))
@db_option
@json_option
def reconcile(sipri_csv: str, db: str, as_json: bool) -> None:
    """Compare our register with a SIPRI-format CSV: matches, disagreements slot by slot, one-sided rows.

    \b
      defgraph reconcile sipri-india-2018-2024.csv
      defgraph reconcile register.csv --json
    """
    result = api.reconcile(sipri_csv, db=db).as_dict()
    if as_json:
        echo_json(result)
        return
    for pair in result["matches"]:
        click.echo(f"match     line {pair['theirs']['line']}: {pair['theirs']['supplier']} → "
                   f"{pair['theirs']['recipient']} {pair['theirs']['designation']}")
    for pair in result["disagreements"]:
        click.echo(f"disagree  line {pair['theirs']['line']}: {pair['theirs']['supplier']} → "
                   f"{pair['theirs']['recipient']} {pair['theirs']['designation']}")
        for diff in pair["differences"]:
            click.echo(f"      {diff['slot']}: ours {dumps(diff['ours'], indent=None)}, "
                       f"theirs {dumps(diff['theirs'], indent=None)}")
    for row in result["only_theirs"]:
        click.echo(f"theirs    line {row['line']}: {row['supplier']} → {row['recipient']} {row['designation']}")
    for row in result["only_ours"]:
        click.echo(f"ours      {row['supplier'] or '?'} → {row['recipient'] or '?'} {row['system']} "
                   f"(docs {', '.join(map(str, row['sources']))})")
