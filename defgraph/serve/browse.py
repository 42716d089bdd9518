"""What the web app shows, as plain JSON-ready data: pure functions of a ``Knowledge``.

Reads a ``Knowledge`` (and, for one article, the store's document with its facts); writes dicts and
lists: the overview, pages of entities, deals, events, quotes and conflicts with their filters, the
network of countries, organisations and systems, and an article's text cut into highlighted segments.
Deals, timelines, dossiers, conflicts and the register come from ``defgraph.analyse``. Filters are
checked here: a name must stand for a stored entity of the kind the filter takes (``analyse.names``
resolves it), a date must be a calendar date; ``InvalidParameter`` names the parameter otherwise.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from defgraph.analyse.conflicts import find_conflicts
from defgraph.analyse.knowledge import EntityInfo, Knowledge, catalogue, date_key
from defgraph.analyse.names import resolve, suggestions
from defgraph.analyse.register import RegisterRow
from defgraph.analyse.views import Views
from defgraph.errors import InputError
from defgraph.model.facts import ENTITY_TYPES
from defgraph.serve.errors import InvalidParameter, WebError, clip, did_you_mean
from defgraph.serve.security import web_url
from defgraph.store import SearchPage

T = TypeVar("T")
GRAPH_TYPES = ("Country", "Organization", "WeaponSystem")
PARTIES = ("Country", "Organization")  # who supplies or receives in a deal
SPEAKERS = ("Person", "Organization", "Country")
KIND_NAMES = {"Country": "country", "Organization": "organisation", "WeaponSystem": "weapon system",
              "Person": "person", "Location": "place", "Event": "named event"}
_SNIPPET_MARK = re.compile(r"\[([^\[\]]*)\]")
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DATE_FORMATS = ("%Y", "%Y-%m", "%Y-%m-%d")  # by the number of dashes


def page(items: Sequence[T], limit: int, offset: int, convert: Callable[[T], Any] = lambda x: x) -> dict[str, Any]:
    """One page of ``items``: the total, the window asked for and the items in it."""
    window = items[offset:offset + limit]
    return {"total": len(items), "limit": limit, "offset": offset, "items": [convert(item) for item in window]}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def query_text(q: str | None) -> str:
    """A search query as the index takes it: trimmed; control characters are refused."""
    if q and _CONTROL.search(q):
        raise InvalidParameter("q", "E413")
    return (q or "").strip()


def _of_kinds(knowledge: Knowledge, kinds: Sequence[str]) -> Knowledge:
    """``knowledge`` with only the entities of ``kinds`` and their mentions: where a filter's name is looked up."""
    if set(kinds) >= set(ENTITY_TYPES):
        return knowledge
    entities = {key: entity for key, entity in knowledge.entities.items() if entity.type in kinds}
    return replace(knowledge, entities=entities,
                   mentions=tuple(mention for mention in knowledge.mentions if mention.entity in entities))


def entity_id(name: str | None, knowledge: Knowledge, param: str = "entity",
              kinds: Sequence[str] = ENTITY_TYPES) -> str | None:
    """The stored entity of one of ``kinds`` a filter value names (an id, a name, an alias or a typo of
    one); E412 when there is none, with what the name is instead and names of those kinds to try."""
    if not name:
        return None
    candidates = _of_kinds(knowledge, kinds)
    try:
        return resolve(name, candidates)
    except InputError:
        pass
    close = suggestions(name, candidates) or [row["name"] for row in entities(candidates)[:5]]
    any_kind = candidates is knowledge
    raise InvalidParameter(param, "E412", kind="entity" if any_kind else _either(KIND_NAMES[k] for k in kinds),
                           value=clip(name), known_as="" if any_kind else _known_as(name, knowledge),
                           suggestions=did_you_mean(close))


def _either(words: Iterable[str]) -> str:
    *others, last = words
    return f"{', '.join(others)} or {last}" if others else last


def _known_as(name: str, knowledge: Knowledge) -> str:
    """`` (that name is the country India)`` when ``name`` stands for a stored entity of another kind."""
    try:
        found = knowledge.entities.get(resolve(name, knowledge))
    except InputError:
        return ""
    return f" (that name is the {KIND_NAMES[found.type]} {found.name})" if found else ""


def calendar_date(value: str | None, param: str) -> str | None:
    """A date filter as given (``2021``, ``2021-03`` or ``2021-03-05``) when it is a calendar date; E411 otherwise."""
    if value is None:
        return None
    if _ISO_DATE.fullmatch(value):
        try:
            datetime.strptime(value, _DATE_FORMATS[value.count("-")])  # no month 13, no 30 February, no year 0
            return value
        except ValueError:
            pass
    raise InvalidParameter(param, "E411", value=clip(value))


# -- entities -----------------------------------------------------------------------------------------

def country_of(entity: str) -> str | None:
    """The country a catalogue organisation belongs to or a system comes from; a country is its own."""
    if entity.startswith("country:"):
        return entity
    record = catalogue().get(entity)
    return getattr(record, "country", None) or getattr(record, "origin", None)


def _entity_counts(knowledge: Knowledge) -> tuple[Counter, Counter]:
    """Mentions and documents mentioning each entity."""
    if knowledge.mention_counts is not None:
        return (Counter({e: n for e, (n, _) in knowledge.mention_counts.items()}),
                Counter({e: d for e, (_, d) in knowledge.mention_counts.items()}))
    mentions: Counter = Counter()
    documents: dict[str, set[int]] = defaultdict(set)
    for mention in knowledge.mentions:
        mentions[mention.entity] += 1
        documents[mention.entity].add(mention.source.doc_id)
    return mentions, Counter({entity: len(docs) for entity, docs in documents.items()})


def entities(knowledge: Knowledge, *, type: str | None = None, country: str | None = None,
             q: str | None = None) -> list[dict[str, Any]]:
    """Stored entities, most mentioned first, filtered by type, country (an id or name) and a name part."""
    wanted_country = entity_id(country, knowledge, "country", ("Country",))
    mentions, documents = _entity_counts(knowledge)
    needle = q.casefold() if q else None
    rows = []
    for entity in knowledge.entities.values():
        if type and entity.type != type:
            continue
        if wanted_country and country_of(entity.id) != wanted_country:
            continue
        if needle and not any(needle in text.casefold() for text in (entity.name, *entity.aliases)):
            continue
        rows.append(entity_row(entity, knowledge, mentions[entity.id], documents[entity.id]))
    return sorted(rows, key=lambda r: (-r["documents"], -r["mentions"], r["name"]))


def entity_row(entity: EntityInfo, knowledge: Knowledge, mentions: int, documents: int) -> dict[str, Any]:
    home = country_of(entity.id)
    return {"id": entity.id, "type": entity.type, "name": entity.name, "aliases": list(entity.aliases),
            "in_catalogue": entity.in_catalogue, "country": home, "country_name": knowledge.name(home),
            "mentions": mentions, "documents": documents}


def entity_dossier(views: Views, knowledge: Knowledge, entity: str, every_deal: bool = False) -> dict[str, Any]:
    """The dossier of one entity by id (E402, with the closest names, when the store has no such entity);
    trusted deals only unless ``every_deal``."""
    if entity not in knowledge.entities:
        raise WebError(404, "E402", entity_id=clip(entity), suggestions=did_you_mean(suggestions(entity, knowledge)))
    view = views.dossier(entity, knowledge, every_deal=every_deal)
    view["every_deal"] = every_deal
    refs = [value for value in (view["catalogue"] or {}).values() if isinstance(value, str) and ":" in value]
    view["names"] = {ref: knowledge.name(ref) for ref in refs}
    view["stored"] = [ref for ref in refs if ref in knowledge.entities]
    return view


# -- documents and search -----------------------------------------------------------------------------

def documents(views: Views, *, outlet: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of stored articles, newest first."""
    total, rows = views.documents(outlet=outlet, limit=limit, offset=offset)
    return window(total, limit, offset, [{"id": d["id"], "title": d["title"] or d["name"], "outlet": d["outlet"],
                                          "published": d["published"], "url": web_url(d["url"]),
                                          "cluster_id": d["cluster_id"]} for d in rows])


def window(total: int, limit: int, offset: int, items: list[Any], **more: Any) -> dict[str, Any]:
    """A page already cut by the database: the total, the window asked for and the items in it."""
    return {"total": total, "limit": limit, "offset": offset, **more, "items": items}


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """A full-text snippet with its matched words marked ``[...]`` as parts: ``{"text", "match"}``."""
    parts, last = [], 0
    for found in _SNIPPET_MARK.finditer(snippet):
        if found.start() > last:
            parts.append({"text": snippet[last:found.start()], "match": False})
        parts.append({"text": found.group(1), "match": True})
        last = found.end()
    if last < len(snippet):
        parts.append({"text": snippet[last:], "match": False})
    return parts


def search(views: Views, knowledge: Knowledge, found: SearchPage, q: str, limit: int = 50,
           offset: int = 0) -> dict[str, dict[str, Any]]:
    """Pages of articles (full-text hits with snippets, and the exact number that match), entities whose
    names contain ``q`` and the latest quotations that do."""
    needle = q.casefold().strip()
    quote_total, quote_rows, exact = views.quotes_containing(needle, knowledge, limit=limit, offset=offset)
    named = entities(knowledge, q=needle) if needle else []
    return {
        "documents": window(found.total, limit, offset, [
            {"id": hit.doc_id, "title": hit.title, "published": hit.published, "outlet": hit.outlet,
             "snippet": " ".join(hit.snippet.split()), "parts": snippet_parts(" ".join(hit.snippet.split()))}
            for hit in found.hits], total_exact=True, engine=found.engine),
        "entities": page(named, limit, offset),
        "quotes": window(quote_total, limit, offset, quote_rows, total_exact=exact),
    }


def turn_blocks(document: dict[str, Any], cut: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A transcript's segments grouped by turn: ``{"speaker", "speaker_name", "kind", "label", "segments"}``
    for each turn (its label's own segments left out), and blocks of no one's words around them."""
    names = {e["id"]: e["name"] for e in document["entities"]}
    blocks: list[dict[str, Any]] = []
    turns = document.get("turns", [])
    for segment in cut:
        turn = next((t for t in turns if t["label_start"] <= segment["start"] < t["end"]), None)
        if turn is not None and segment["start"] < turn["start"]:
            continue  # the label itself: shown beside the turn
        key = turn["label_start"] if turn else None
        if not blocks or blocks[-1]["key"] != key:
            blocks.append({"key": key, "speaker": turn and turn["speaker"], "kind": turn and turn["kind"],
                           "label": turn and turn["label"], "speaker_name": turn and names.get(turn["speaker"]),
                           "segments": []})
        blocks[-1]["segments"].append(segment)
    return blocks


def segments(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The article text cut where any highlight starts or ends; each segment says what covers it.

    A segment is ``{"text", "entity", "entity_name", "quote", "fact"}``: the entity a mention links
    to, the speaker of a quotation and the kinds of facts whose evidence covers it.
    """
    text: str = document["text"]
    names = {e["id"]: e["name"] for e in document["entities"]}
    marks: list[tuple[int, int, str, Any]] = [(m["start"], m["end"], "entity", m["entity_id"])
                                               for m in document["mentions"]]
    marks += [(q["start"], q["end"], "quote", q["speaker"] or "") for q in document["quotes"]]
    for kind in ("transfers", "events", "claims"):
        marks += [(f["start"], f["end"], "fact", kind[:-1]) for f in document[kind]]
    marks = [(max(0, s), min(len(text), e), k, v) for s, e, k, v in marks if s < e]
    turn_cuts = {at for turn in document.get("turns", []) for at in (turn["label_start"], turn["start"], turn["end"])}
    cuts = sorted({0, len(text), *turn_cuts, *(s for s, *_ in marks), *(e for _, e, *_ in marks)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [(s, e, k, v) for s, e, k, v in marks if s <= start and end <= e]
        entity = min((m for m in covering if m[2] == "entity"), key=lambda m: m[1] - m[0], default=None)
        quote = next((m for m in covering if m[2] == "quote"), None)
        facts = sorted({v for _, _, k, v in covering if k == "fact"})
        out.append({"text": text[start:end], "start": start,
                    "entity": entity[3] if entity else None,
                    "entity_name": names.get(entity[3]) if entity else None,
                    "quote": quote[3] if quote else None, "fact": facts})
    return out


# -- facts --------------------------------------------------------------------------------------------

def deal_parties(knowledge: Knowledge, supplier: str | None, recipient: str | None,
                  system: str | None) -> dict[str, str | None]:
    """The entity ids of a deal's filters: the parties are countries or organisations, the system a weapon system."""
    return {"supplier": entity_id(supplier, knowledge, "supplier", PARTIES),
            "recipient": entity_id(recipient, knowledge, "recipient", PARTIES),
            "system": entity_id(system, knowledge, "system", ("WeaponSystem",))}


def deals(views: Views, knowledge: Knowledge, *, supplier: str | None = None, recipient: str | None = None,
          system: str | None = None, country: str | None = None, status: str | None = None,
          deal_type: str | None = None, every_deal: bool = False, limit: int | None = None,
          offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Deals merged across articles, with their sources and confidence, first seen first; filters take entity
    ids or names; only trusted deals unless ``every_deal``: how many, and the ``limit`` after the first ``offset``."""
    return views.deals(knowledge, every_deal=every_deal, country=entity_id(country, knowledge, "country", ("Country",)),
                       status=status, deal_type=deal_type, limit=limit, offset=offset,
                       **deal_parties(knowledge, supplier, recipient, system))


def register_rows(views: Views, knowledge: Knowledge, *, supplier: str | None = None, recipient: str | None = None,
                  system: str | None = None, every_deal: bool = False) -> list[RegisterRow]:
    """The trade register, filtered by supplier, recipient and system (ids or names); trusted deals only
    unless ``every_deal``."""
    return views.register(**deal_parties(knowledge, supplier, recipient, system), every_deal=every_deal)


def register_page(views: Views, knowledge: Knowledge, *, supplier: str | None = None, recipient: str | None = None,
                  system: str | None = None, every_deal: bool = False, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[RegisterRow]]:
    """How many register rows match and the ``limit`` of them after the first ``offset`` (``register_rows``)."""
    return views.register_page(**deal_parties(knowledge, supplier, recipient, system), every_deal=every_deal,
                               limit=limit, offset=offset)


def events(views: Views, knowledge: Knowledge, *, entity: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, deals_too: bool = False,
           limit: int | None = None, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Dated events (and, with ``deals_too``, deal stages) involving ``entity``, oldest first, dated from
    ``since`` to ``until`` (calendar dates at any grain, E411 otherwise): how many, and the ``limit``
    after the first ``offset``."""
    since, until = calendar_date(since, "since"), calendar_date(until, "until")
    wanted = entity_id(entity, knowledge)
    total, entries = views.timeline([wanted] if wanted else [], kind=None if deals_too else "event", type=type,
                                    since=since, until=until, limit=limit, offset=offset)
    for row in entries:
        row["participant_names"] = [knowledge.name(p) for p in row["participants"]]
    return total, entries


def quotes(knowledge: Knowledge, *, speaker: str | None = None, document: int | None = None,
           q: str | None = None) -> list[dict[str, Any]]:
    """Quotations with their speakers and sources, newest article first."""
    wanted = entity_id(speaker, knowledge, "speaker", SPEAKERS)
    needle = q.casefold() if q else None
    rows = [{"speaker": quote.speaker, "speaker_name": knowledge.name(quote.speaker), "text": quote.text,
             "direct": quote.direct, "source": quote.source.as_dict(),
             "title": knowledge.documents[quote.source.doc_id].title}
            for quote in knowledge.quotes
            if (not wanted or quote.speaker == wanted) and (document is None or quote.source.doc_id == document)
            and (not needle or needle in quote.text.casefold())]
    return sorted(rows, key=lambda r: (date_key(r["source"]["published"]), r["source"]["document"],
                                       r["source"]["span"][0]), reverse=True)


def conflicts(knowledge: Knowledge, *, kind: str | None = None, entity: str | None = None) -> list[dict[str, Any]]:
    """Where independent articles disagree, both sides with their sources."""
    wanted = entity_id(entity, knowledge)
    rows = []
    for conflict in find_conflicts(knowledge):
        if kind and conflict.kind != kind:
            continue
        if wanted and conflict.subject != wanted and wanted not in conflict.entities:
            continue
        row = conflict.as_dict()
        row["subject_name"] = conflict.label or knowledge.name(conflict.subject) or conflict.subject
        for side in row["sides"]:
            side["label"] = _side_label(side["value"], conflict.attribute, knowledge)
        rows.append(row)
    return rows


def _side_label(value: Any, attribute: str, knowledge: Knowledge) -> str:
    """One side of a conflict as text: a value (money with its currency, a count with its unit), a claim
    with its claimant, or who disputes it."""
    if isinstance(value, dict) and "disputed_by" in value:
        return "disputed by " + ", ".join(knowledge.name(d) or d for d in value["disputed_by"])
    if isinstance(value, dict):
        return f"{knowledge.name(value.get('claimant')) or 'someone'}: “{value.get('text', '')}”"
    if isinstance(value, (list, tuple)):
        parts = [_plain_number(v) if isinstance(v, (int, float)) else str(v) for v in value if v is not None]
        return " ".join(reversed(parts) if attribute == "value" else parts)  # USD 5,430,000,000; 5 squadrons
    return _plain_number(value) if isinstance(value, (int, float)) else str(value)


def _plain_number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


# -- overview and network -----------------------------------------------------------------------------

def overview(views: Views, knowledge: Knowledge, *, recent: int = 8, top: int = 12) -> dict[str, Any]:
    """Counts, the most recent articles and the most mentioned entities."""
    counts = views.tallies()
    return {
        "counts": {name: counts.get(name, 0) for name in ("documents", "entities", "transfers", "events", "quotes",
                                                           "claims")},
        "recent": documents(views, limit=recent)["items"],
        "top_entities": [entity_row(knowledge.entities[row["id"]], knowledge, row["mentions"], row["documents"])
                         for row in views.top_entities(top)],
    }


def graph(views: Views, knowledge: Knowledge, *, types: Iterable[str] = GRAPH_TYPES,
          min_documents: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Countries, organisations and systems linked by deals (supplier → system → recipient) and home
    country; news agencies are left out, and so are entities named in fewer than ``min_documents`` articles."""
    kinds = set(types)
    _, documents_of = _entity_counts(knowledge)
    weights: Counter = Counter()

    def keep(entity: str | None) -> bool:
        return (bool(entity) and entity in knowledge.entities and knowledge.entities[entity].type in kinds
                and documents_of[entity] >= min_documents
                and not getattr(catalogue().get(entity), "is_agency", False))

    for supplier, system, recipient, support in views.chains():
        for a, b, label in ((supplier, system, "supplies"), (system, recipient, "to")):
            if keep(a) and keep(b) and a != b:
                weights[(a, b, label)] += support
    for entity in knowledge.entities:
        home = country_of(entity)
        if keep(entity) and home != entity and keep(home) and not entity.startswith("system:"):
            weights[(entity, home, "of")] += 1
    linked = {end for a, b, _ in weights for end in (a, b)}
    nodes = [{"id": e, "name": knowledge.name(e), "type": knowledge.entities[e].type,
              "documents": documents_of[e]} for e in sorted(linked)]
    edges = [{"source": a, "target": b, "kind": label, "weight": weight}
             for (a, b, label), weight in sorted(weights.items())]
    return {"nodes": nodes, "edges": edges}
