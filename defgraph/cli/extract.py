"""``defgraph extract``: extraction results as files or JSON Lines, without a database."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from defgraph import api
from defgraph.cli.options import dumps, warn
from defgraph.model import Extraction


def output_stem(extraction: Extraction) -> str:
    """The output file's stem: the article's file name without its suffix (``d01.txt`` → ``d01``)."""
    name = extraction.article.name or Path(extraction.article.source or "article").name
    return name.rsplit(".", 1)[0] if "." in name else name


def _record(extraction: Extraction, output_format: str, every_fact: bool) -> dict:
    if output_format != "gold":
        return extraction.as_dict()
    from defgraph.confidence import default_thresholds

    return extraction.to_gold(None if every_fact else default_thresholds())


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["gold", "json"]), default="gold",
              show_default=True, help="gold: the evaluation format; json: every record with its evidence span.")
@click.option("--out", default="-", show_default=True,
              help="A folder to write <stem>.json per article into, or - for JSON Lines on stdout.")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1), help="Articles per batch.")
@click.option("--all", "every_fact", is_flag=True,
              help="With --format gold: every fact, not only those at their family's default confidence threshold.")
@click.option("--fast", is_flag=True, help="Without the dependency parse: about twice as fast, no quotes or claims.")
def extract(paths: tuple[str, ...], output_format: str, out: str, batch_size: int, every_fact: bool,
            fast: bool) -> None:
    """Extract entities, roles, quotes and facts from articles, without storing them.

    PATHS are files, folders, globs or -; gold annotation files (*.gold.json) beside
    the articles are left alone. Every fact carries its confidence; --format gold keeps
    those at their family's default threshold (--all keeps every one).

    \b
      defgraph extract article.txt
      defgraph extract /path/to/eval/dev --out predictions/
      defgraph extract 'news/*.html' --format json --out - | jq .quotes
    """
    quarantined = 0

    def on_quarantine(item) -> None:
        nonlocal quarantined
        quarantined += 1
        warn(f"quarantined {item.reason}")

    folder = None if out == "-" else Path(out)
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for extraction in api.extract_paths(list(paths), batch_size=batch_size, fast=fast, on_quarantine=on_quarantine):
        record = _record(extraction, output_format, every_fact)
        if folder is None:
            click.echo(dumps(record, indent=None))
            continue
        stem = output_stem(extraction)
        unique, n = stem, 1
        while unique in written:
            n += 1
            unique = f"{stem}-{n}"
        written.add(unique)
        (folder / f"{unique}.json").write_text(dumps(record) + "\n", encoding="utf-8")
    if folder:
        click.echo(f"wrote {len(written)} files to {folder}", err=True)
    sys.exit(0 if quarantined == 0 else 1)
