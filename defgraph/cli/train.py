"""``defgraph train``: rebuild the shipped confidence models from the gold train data."""
from __future__ import annotations

import json
from pathlib import Path

import click

from defgraph.errors import DefgraphError


@click.command("train")
@click.option("--set", "set_names", multiple=True, metavar="NAME",
              help="A gold set to learn from (repeatable; default: real-train and dev). Never the locked test split.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the models (default: the package's own models folder).")
@click.option("--texts", type=click.Path(exists=True, file_okay=False),
              help="Where real documents' texts are (default: the shared corpus beside the repo).")
@click.option("--json", "as_json", is_flag=True, help="Print the per-family report as JSON.")
def train_command(set_names: tuple[str, ...], out: Path | None, texts: str | None, as_json: bool) -> None:
    """Fit the confidence models (one per fact family) on the gold train data and write them.

    Needs the training extra: pip install -e '.[train]'. The same gold gives the same files.

    \b
      defgraph train
      defgraph train --set real-train --out /tmp/models --json
    """
    try:
        from defgraph.confidence.train import TRAIN_SETS, as_dict, format_reports, train
    except ImportError as error:  # pragma: no cover - only without scikit-learn
        raise DefgraphError("E150", feature="defgraph train", package=error.name or "scikit-learn") from error
    try:
        reports = train(set_names or TRAIN_SETS, out, texts)
    except ImportError as error:
        raise DefgraphError("E150", feature="defgraph train", package=error.name or "scikit-learn") from error
    click.echo(json.dumps(as_dict(reports), indent=1) if as_json else format_reports(reports))
