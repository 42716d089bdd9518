"""``defgraph search``, ``stats``, ``show doc`` and ``quarantine``: reading the database."""
from __future__ import annotations

import click

from defgraph import api
from defgraph.cli.options import db_option, echo_json, json_option
from defgraph.ingestion.decoding import PATH_CHARS, one_line


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


@click.group()
def show() -> None:
    """Show one stored record with its provenance."""


@show.command("doc")
@click.argument("doc_id", type=int)
@db_option
@json_option
def show_doc(doc_id: int, db: str, as_json: bool) -> None:
    """One document: its metadata, text and every fact read from it, with character spans.

    \b
      defgraph show doc 3
      defgraph show doc 3 --json | jq .transfers
    """
    document = api.get_document(doc_id, db=db)
    if as_json:
        echo_json(document)
        return
    role = "original" if document["is_original"] else "near-duplicate"
    click.echo(f"document {document['id']}: {one_line(document['title'] or '(no title)', PATH_CHARS)}")
    for label in ("published", "outlet", "source", "url"):
        if document[label]:
            click.echo(f"  {label}: {one_line(document[label], PATH_CHARS)}")
    click.echo(f"  cluster {document['cluster_id']} ({role})")
    for note in document["notes"]:
        click.echo(f"  note: {note}")
    click.echo(f"  entities: {', '.join(e['name'] for e in document['entities']) or '-'}")
    for kind in ("statements", "quotes", "transfers", "events", "claims"):
        for fact in document[kind]:
            click.echo(f"  {kind[:-1]} [{fact['start']}:{fact['end']}] {_fact_line(kind, fact)}")
    click.echo("")
    click.echo(document["text"])


def _fact_line(kind: str, fact: dict) -> str:
    """One line per fact for ``show doc``: who, what and to whom."""
    if kind == "statements":
        return f"{fact['subject']} {fact['property']} {fact['value']}" + (f" ({fact['object']})" if fact["object"] else "")
    if kind == "quotes":
        return f"{fact['speaker'] or '?'}: \"{fact['text']}\""
    if kind == "transfers":
        terms = ", ".join(fact[key] or "-" for key in ("deal_type", "status"))
        return f"{fact['supplier'] or '?'} -> {fact['recipient'] or '?'}: {fact['system']} ({terms})"
    if kind == "events":
        return " ".join(filter(None, [fact["type"], ", ".join(fact["participants"]), fact["place"], fact["date"]]))
    disputed = f" (disputed by {', '.join(fact['disputed_by'])})" if fact["disputed_by"] else ""
    return f"{fact['claimant'] or '?'}: {fact['text']}{disputed}"


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
