"""``defgraph show doc`` and ``show entity``: one stored record with its provenance."""
from __future__ import annotations

import click

from defgraph import api
from defgraph.cli.analyse import side_value
from defgraph.cli.options import db_option, echo_json, json_option
from defgraph.ingestion.decoding import PATH_CHARS, one_line


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
    if document["published_note"]:
        click.echo(f"  date read from: {document['published_note']}")
    for note in document["notes"]:
        click.echo(f"  note: {note}")
    for turn in document["turns"]:
        click.echo(f"  turn [{turn['start']}:{turn['end']}] {one_line(turn['label'], 60)}: {turn['speaker'] or turn['kind']}")
    click.echo(f"  entities: {', '.join(e['name'] for e in document['entities']) or '-'}")
    for kind in ("statements", "quotes", "transfers", "events", "claims"):
        for fact in document[kind]:
            sure = f" (confidence {fact['confidence']:.2f})" if fact.get("confidence") is not None else ""
            click.echo(f"  {kind[:-1]} [{fact['start']}:{fact['end']}] {_fact_line(kind, fact)}{sure}")
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


def _documents(sources: list[dict]) -> str:
    return "docs " + ", ".join(str(d) for d in dict.fromkeys(s["document"] for s in sources))


@show.command("entity")
@click.argument("name")
@click.option("--all", "every_deal", is_flag=True, help="Every deal, however unsure, with its confidence.")
@db_option
@json_option
def show_entity(name: str, every_deal: bool, db: str, as_json: bool) -> None:
    """One entity's dossier: aliases, roles, deals, timeline, quotes, conflicts and sources.

    The name may be an alias or have a typo; unknown names get suggestions.

    \b
      defgraph show entity "S-400"
      defgraph show entity "Rajnath Sing" --json
    """
    found = api.dossier(name, db=db, every_deal=every_deal)
    if as_json:
        echo_json(found)
        return
    click.echo(f"{found['name']} ({found['type']}, {found['id']})")
    click.echo(f"  aliases: {', '.join(a['text'] for a in found['aliases']) or '-'}")
    for role in found["roles"]:
        click.echo(f"  role: {role['title']} ({role['org_name'] or '-'})  {_documents(role['sources'])}")
    for attribute in found["attributes"]:
        click.echo(f"  {attribute['attribute']}: {attribute['value']}  {_documents(attribute['sources'])}")
    for deal in found["transfers"]:
        click.echo(f"  deal: {deal['supplier_name'] or '?'} → {deal['recipient_name'] or '?'} {deal['system_name']} "
                   f"({deal['deal_type'] or '-'}, {deal['status'] or '-'}), support {deal['support']}"
                   + (f", confidence {deal['confidence']:.2f}" if deal["confidence"] is not None else ""))
    for entry in found["timeline"]:
        click.echo(f"  {entry['date'] or 'undated':<10} {entry['label']}")
    for quote in found["quotes_by"]:
        click.echo(f"  said: \"{quote['text']}\"  doc {quote['source']['document']}")
    for quote in found["quotes_about"]:
        click.echo(f"  {quote['speaker_name'] or '?'} on it: \"{quote['text']}\"  doc {quote['source']['document']}")
    for conflict in found["conflicts"]:
        click.echo(f"  conflict: {conflict['attribute']}: "
                   + " vs ".join(side_value(side["value"]) for side in conflict["sides"]))
    click.echo(f"  sources: {', '.join(str(s['document']) for s in found['sources']) or '-'}")
