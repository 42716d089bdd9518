"""``defgraph serve``: the web UI and JSON API over a database, read-only."""
from __future__ import annotations

import os

import click

from defgraph.cli.options import db_option
from defgraph.errors import DefgraphError


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes answering requests side by side (for many concurrent users).")
def serve(db: str, host: str, port: int, workers: int) -> None:
    """Browse the database in a web browser: search, articles, dossiers, register, timeline, network.

    The database is only read. The JSON API is under /api/ (described at /api/openapi.json).

    \b
      defgraph serve --db news.db
      defgraph serve --host 0.0.0.0 --port 8080
      defgraph serve --db postgresql://127.0.0.1:5432/news --workers 4
    """
    try:
        import uvicorn

        from defgraph.serve import create_app
        from defgraph.serve.app import DB_VARIABLE
    except ImportError as error:
        raise DefgraphError("E150", feature="defgraph serve", package=error.name or str(error)) from error
    app = create_app(db)  # E201 now, before any worker starts, when there is no such database
    click.echo(f"defgraph: serving {db} at http://{host}:{port}/ with {workers} worker(s) (Ctrl-C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[DB_VARIABLE] = db  # each worker process builds its own app over the same database
    uvicorn.run("defgraph.serve.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
