"""``defgraph evaluate GOLD_DIR``: score the extractor against a folder of gold annotations."""
from __future__ import annotations

import json

import click

from defgraph.evaluate import evaluate, format_report


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--predictions", type=click.Path(exists=True, file_okay=False),
              help="Score ready <name>.json predictions from this folder instead of running the extractor.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--per-doc", is_flag=True, help="Add each article's figures and errors.")
def evaluate_command(gold_dir: str, predictions: str | None, as_json: bool, per_doc: bool) -> None:
    """Run extraction on GOLD_DIR's <name>.txt articles and score it against <name>.gold.json."""
    report = evaluate(gold_dir, predictions)
    if as_json:
        click.echo(json.dumps(report.as_dict(per_doc=per_doc), indent=1, ensure_ascii=False))
    else:
        click.echo(format_report(report, per_doc=per_doc))
