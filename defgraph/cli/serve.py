"""``defgraph serve``: the web UI and JSON API over a database, read-only."""
from __future__ import annotations

import click

from defgraph.cli.options import db_option
from defgraph.errors import DefgraphError


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Browse the database in a web browser: search, articles, dossiers, register, timeline, network.

    The database is only read. The JSON API is under /api/ (described at /api/openapi.json).

    \b
      defgraph serve --db news.db
      defgraph serve --host 0.0.0.0 --port 8080
    """
    try:
        import uvicorn

        from defgraph.serve import create_app
    except ImportError as error:
        raise DefgraphError("E150", feature="defgraph serve", package=error.name or str(error)) from error
    app = create_app(db)
    click.echo(f"defgraph: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
