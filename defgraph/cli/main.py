"""The ``defgraph`` command: the group, its commands and the error boundary.

Exit codes tell a batch's outcome: 0 everything was read, 1 the job finished but some inputs were
quarantined, 2 a usage error or an error that stopped the command (printed as one line with its code).

Command modules are imported only when their command runs, so ``defgraph --help`` starts fast: the
listing below gives each command's module and the one line ``--help`` shows for it (a test keeps that
line equal to the command's own).
"""
from __future__ import annotations

import importlib

import click

from defgraph import __version__
from defgraph.errors import DefgraphError

EXIT_ERROR = 2

COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (module, attribute, the line `defgraph --help` shows)
    "ingest": ("defgraph.cli.ingest", "ingest", "Read articles, extract their facts and store them in the database."),
    "extract": ("defgraph.cli.extract", "extract", "Extract entities, roles, quotes and facts from articles, without..."),
    "search": ("defgraph.cli.query", "search", "Full-text search over document titles and texts, best match first."),
    "stats": ("defgraph.cli.query", "stats", "How many documents, clusters, entities and facts the database holds."),
    "show": ("defgraph.cli.show", "show", "Show one stored record with its provenance."),
    "quarantine": ("defgraph.cli.query", "quarantine", "Inputs that could not be read, with their error code and what to do."),
    "evaluate": ("defgraph.cli.evaluate", "evaluate_command", "Score the extractor against gold annotations: every set at once, or..."),
    "conflicts": ("defgraph.cli.analyse", "conflicts", "Where independent articles disagree: attributes, deal slots and..."),
    "timeline": ("defgraph.cli.analyse", "timeline", "Dated events and deal stages involving every named entity, oldest..."),
    "register": ("defgraph.cli.analyse", "register", "A SIPRI-style trade register of the merged deals: one row per deal,..."),
    "reconcile": ("defgraph.cli.analyse", "reconcile", "Compare our register with a SIPRI-format CSV: matches,..."),
    "export": ("defgraph.cli.export", "export", "Write the knowledge base in an exchange format."),
    "train": ("defgraph.cli.train", "train_command", "Fit the confidence models (one per fact family) on the gold train..."),
    "serve": ("defgraph.cli.serve", "serve", "Browse the database in a web browser: search, articles, dossiers,..."),
}


class DefgraphGroup(click.Group):
    """Loads each command on first use; prints a ``DefgraphError`` as one line ``defgraph: [E...] message``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, _, summary) in COMMANDS.items()])

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


if __name__ == "__main__":
    cli()
