"""``defgraph ingest``: files into the database, with a progress bar on a terminal."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from defgraph import api
from defgraph.cli.options import db_option, echo_json, json_option, warn
from defgraph.ingestion.decoding import shown_path

if TYPE_CHECKING:
    from defgraph.runner.ingest import IngestReport


def _progress_bar():
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def _summary(report: IngestReport, db: str) -> str:
    return (f"read {report.read}, added {report.added}, skipped {report.skipped} (already stored), "
            f"near-duplicates {report.near_duplicates}, quarantined {report.quarantined} "
            f"in {report.seconds:.1f} s -> {shown_path(db)}")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--no-extract", is_flag=True, help="Store the documents only; skip extraction.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
              help="Articles per extraction batch and per transaction.")
@click.option("--max-bytes", type=click.IntRange(1), help="Quarantine input files larger than this.")
@click.option("--workers", type=click.IntRange(1), metavar="N",
              help="Extraction processes beside the one that writes  [default: the machine's cores]")
@click.option("--fast", is_flag=True, help="Extract without the dependency parse: about twice as fast, no quotes or claims.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract and store on the dask cluster of this scheduler (tcp://HOST:8786); --db a PostgreSQL URL.")
@click.option("--cluster", metavar="local:N", help="Extract and store on a dask cluster of N processes on this machine.")
@db_option
@json_option
def ingest(paths: tuple[str, ...], no_extract: bool, batch_size: int, max_bytes: int | None, workers: int | None,
           fast: bool, scheduler: str | None, cluster: str | None, db: str, as_json: bool) -> None:
    """Read articles, extract their facts and store them in the database.

    PATHS are files (.txt, .html, .jsonl, .warc), folders, globs, or - for standard input.
    Articles already stored are skipped, so running it again is safe (and finishes an
    interrupted run). Inputs that cannot be read are quarantined: one warning each, the
    batch goes on, and the exit code is 1. Extraction runs in --workers processes; the
    database ends the same whatever their number.

    \b
      defgraph ingest samples/news/
      defgraph ingest feeds/ --workers 4 --fast
      defgraph ingest feeds/ --scheduler tcp://HOST:8786 --db postgresql://DBHOST/news
      defgraph ingest 'feeds/*.jsonl' --db news.db
      cat article.txt | defgraph ingest -
    """
    from defgraph.runner.ingest import default_workers

    if scheduler and cluster:
        raise click.UsageError("give --scheduler or --cluster, not both")
    if cluster and not cluster.startswith("local:"):
        raise click.BadParameter(f"{cluster}: give local:N, N the number of worker processes", param_hint="--cluster")
    bar = _progress_bar() if sys.stderr.isatty() and not as_json else None
    with bar or nullcontext():
        task = bar.add_task("ingesting") if bar else None

        def progress(report: IngestReport) -> None:
            bar.update(task, description=f"ingesting: {report.read} read, {report.added} added")

        def on_quarantine(item) -> None:
            message = f"quarantined {item.reason}"
            if bar:
                bar.console.print(f"defgraph: warning: {message}", markup=False, highlight=False)
            else:
                warn(message)

        report = api.ingest(list(paths), db=db, extract=not no_extract, batch_size=batch_size,
                            workers=workers or default_workers(), fast=fast, scheduler=scheduler or cluster,
                            max_bytes=max_bytes, progress=progress if bar else None,
                            on_quarantine=on_quarantine)
    if as_json:
        echo_json({"db": db, **asdict(report)})
    else:
        click.echo(_summary(report, db))
    sys.exit(0 if report.ok else 1)
