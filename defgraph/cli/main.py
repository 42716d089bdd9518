"""The ``defgraph`` command: the group, its commands and the error boundary.

Exit codes tell a batch's outcome: 0 everything was read, 1 the job finished but some inputs were
quarantined, 2 a usage error or an error that stopped the command (printed as one line with its code).
"""
from __future__ import annotations

import click

from defgraph import __version__
from defgraph.cli.analyse import conflicts, reconcile, register, timeline  # also adds 'show entity'
from defgraph.cli.evaluate import evaluate_command
from defgraph.cli.extract import extract
from defgraph.cli.export import export
from defgraph.cli.ingest import ingest
from defgraph.cli.query import quarantine, search, show, stats
from defgraph.cli.serve import serve
from defgraph.errors import DefgraphError

EXIT_ERROR = 2


class DefgraphGroup(click.Group):
    """Prints a ``DefgraphError`` as one line ``defgraph: [E...] message`` and exits with 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DefgraphError as error:
            click.echo(f"defgraph: {error}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=DefgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="defgraph")
def cli() -> None:
    """Turn defence and arms-trade news into a sourced, queryable knowledge base.

    \b
      defgraph ingest samples/news/          read, extract and store articles
      defgraph stats                         what the database holds
      defgraph search "S-400 delivery"       full-text search with snippets
      defgraph show doc 3                    one document and every fact read from it
      defgraph extract article.txt --out -   extraction as JSON Lines, no database

    Every command takes --db (default ./defgraph.db, or $DEFGRAPH_DB) and --json.
    Exit codes: 0 ok, 1 finished but some inputs were quarantined, 2 error.
    """


for command in (ingest, extract, search, stats, show, quarantine, evaluate_command):
    cli.add_command(command)
for command in (conflicts, timeline, register, reconcile, export):  # cross-article analysis and exports
    cli.add_command(command)
cli.add_command(serve)


if __name__ == "__main__":
    cli()
