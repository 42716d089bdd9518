"""``defgraph search``, ``stats`` and ``quarantine``: reading the database."""
from __future__ import annotations

import click

from defgraph import api
from defgraph.cli.options import db_option, echo_json, json_option


@click.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="Most hits to show.")
@db_option
@json_option
def search(query: str, limit: int, db: str, as_json: bool) -> None:
    """Full-text search over document titles and texts, best match first.

    Every word must match, with its stem (delivery, deliveries); "quoted phrases" match
    their words in order; OR between two terms takes either; -word or -"a phrase"
    excludes. Common words (the, and, not) are not searched. At most 32 words; the same
    results on SQLite and PostgreSQL.

    \b
      defgraph search "S-400 delivery"
      defgraph search 'BrahMos OR Akash' --limit 5 --json
      defgraph search '"joint venture" India -Pakistan'
    """
    hits = api.search(query, db=db, limit=limit)
    if as_json:
        echo_json(hits)
        return
    for hit in hits:
        click.echo(f"{hit.doc_id:>6}  {hit.published or '-':<10}  {hit.outlet or '-':<12}  {hit.title or '(no title)'}")
        click.echo(f"        {' '.join(hit.snippet.split())}")
    if not hits:
        click.echo(f"no document matches {query!r}", err=True)


@click.command()
@db_option
@json_option
def stats(db: str, as_json: bool) -> None:
    """How many documents, clusters, entities and facts the database holds.

    \b
      defgraph stats --db news.db --json
    """
    counts = api.stats(db=db)
    if as_json:
        echo_json(counts)
        return
    width = max(map(len, counts))
    for name, count in counts.items():
        click.echo(f"{name.replace('_', ' '):<{width}}  {count:>8}")


@click.command()
@db_option
@json_option
def quarantine(db: str, as_json: bool) -> None:
    """Inputs that could not be read, with their error code and what to do.

    \b
      defgraph quarantine --json
    """
    records = api.list_quarantine(db=db)
    if as_json:
        echo_json(records)
        return
    for record in records:
        click.echo(f"{record.at}  [{record.code}] {record.reason}")
    if not records:
        click.echo("the quarantine is empty", err=True)
