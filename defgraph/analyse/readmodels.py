"""Read models: the analyses' results kept in tables, so that a page reads rows instead of every fact.

Reads the facts a store gained since the last refresh (high-water marks by id in ``model_state``) and
writes the tables of migration 0005: per-entity mention and document counts and aliases, who stands for
whom (``timeline.affiliations``), the deals of ``merge`` with their register rows (``register``), and
the ``timeline`` entries of events and deal stages with every entity each involves. The analyses
themselves run unchanged on a small ``Knowledge`` of just the facts that decide each result: deals are
merged per system (a fact joins only deals of its own system), so a refresh merges again only the systems
that gained a transfer or a delivery event; an event joins its timeline entry in place.

``refresh`` runs inside the store's write transaction after every write (``Store.transaction``), and in
full after a migration or a bulk load. ``queries.py`` reads the tables.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from defgraph.analyse.conflicts import transfer_conflicts
from defgraph.analyse.knowledge import (
    Document, EntityInfo, EventFact, Knowledge, Source, StatementFact, TransferFact, catalogue, date_key,
)
from defgraph.analyse.merge import group_facts, merge_group
from defgraph.analyse.register import RegisterRow, register_row
from defgraph.analyse.timeline import TimelineEntry, affiliations, deal_entries

KINDS = ("documents", "mentions", "statements", "transfers", "events", "quotes", "claims")
COUNTED = ("documents", "entities", "transfers", "events", "quotes", "claims")
_SEP = "\x01"  # joins the parts of a sort key: sorts before every character of a name
STORED_SOURCES = 20  # sources kept with each stored deal (and each of its slots and conflicts); the rest are counted


def sort_date(iso: str | None) -> str:
    """``date_key`` as text that sorts the same way."""
    year, month, day = date_key(iso)
    return f"{year:04d}-{month:02d}-{day:02d}"


def refresh(store: Any, *, full: bool = False) -> None:
    """Bring the read models up to date with the store's facts (inside a write transaction)."""
    run = store._execute
    marks = {row["name"]: row["value"] for row in store._rows("SELECT name, value FROM model_state")}
    if full or not marks:
        for table in ("entity_stats", "entity_aliases", "affiliations", "deals", "timeline_entries",
                      "timeline_parties", "model_state"):
            run(f"DELETE FROM {table}")
        marks = {}
    tops = {kind: store._rows(f"SELECT COALESCE(MAX(id), 0) AS n FROM {kind}")[0]["n"] for kind in KINDS}
    if all(tops[kind] == marks.get(kind, 0) for kind in KINDS) and marks:
        return
    low = {kind: marks.get(kind, 0) for kind in KINDS}
    _entity_counts(store, low["mentions"], tops["mentions"])
    names = Names(store)
    stands_for, changed = _affiliations(store, names)
    systems = {row["system"] for row in store._rows(
        "SELECT DISTINCT system FROM transfers WHERE id > ? AND id <= ?", low["transfers"], tops["transfers"])}
    systems |= _delivery_systems(store, "e.id > ? AND e.id <= ?", (low["events"], tops["events"]))
    if changed:
        holders = sorted(changed)
        systems |= _delivery_systems(store, f"e.id IN (SELECT event_id FROM event_participants WHERE entity_id "
                                            f"IN ({','.join('?' * len(holders))}))", holders)
    if changed:
        _reinvolve(store, stands_for, changed)
    _add_events(store, names, stands_for, low["events"], tops["events"])
    for system in sorted(systems):
        _merge_system(store, names, stands_for, system)
    for kind in COUNTED:
        counted = store._rows(f"SELECT COUNT(*) AS n FROM {kind}")[0]["n"] if kind == "entities" else \
            marks.get(f"count:{kind}", 0) + store._rows(f"SELECT COUNT(*) AS n FROM {kind} WHERE id > ? AND id <= ?",
                                                         low[kind], tops[kind])[0]["n"]
        marks[f"count:{kind}"] = counted
    marks.update(tops)
    run("DELETE FROM model_state")
    store._executemany("INSERT INTO model_state (name, value) VALUES (?, ?)", sorted(marks.items()))


class Names:
    """Display names of entities (``Knowledge.name``), read once per refresh."""

    def __init__(self, store: Any) -> None:
        self.entities = {row["id"]: EntityInfo(row["id"], row["type"], row["name"], (), bool(row["in_catalogue"]))
                         for row in store._rows("SELECT id, type, name, in_catalogue FROM entities ORDER BY id")}

    def knowledge(self, **facts: Any) -> Knowledge:
        return Knowledge(entities=self.entities, **facts)


def _entity_counts(store: Any, low: int, top: int) -> None:
    """Mentions and documents per entity, and the texts that name it, for the mentions in ``(low, top]``."""
    store._execute(
        "INSERT INTO entity_stats (entity_id, mentions, documents) SELECT entity_id, COUNT(*), "
        "COUNT(DISTINCT document_id) FROM mentions WHERE id > ? AND id <= ? GROUP BY entity_id "
        "ON CONFLICT (entity_id) DO UPDATE SET mentions = entity_stats.mentions + excluded.mentions, "
        "documents = entity_stats.documents + excluded.documents", (low, top))
    store._execute(
        "INSERT INTO entity_aliases (entity_id, text, n, first_mention) SELECT entity_id, text, COUNT(*), MIN(id) "
        "FROM mentions WHERE id > ? AND id <= ? GROUP BY entity_id, text "
        "ON CONFLICT (entity_id, text) DO UPDATE SET n = entity_aliases.n + excluded.n", (low, top))


def _affiliations(store: Any, names: Names) -> tuple[dict[str, set[str]], set[str]]:
    """Who stands for whom, from every role (first seen first) and the catalogue; the holders whose bodies
    changed since the last refresh."""
    roles = tuple(StatementFact(row["subject"], "role", None, row["object"], _NOWHERE) for row in store._rows(
        "SELECT subject, object, MIN(id) AS first FROM statements WHERE property = 'role' AND object IS NOT NULL "
        "GROUP BY subject, object ORDER BY first"))
    stands_for = affiliations(names.knowledge(statements=roles))
    before: dict[str, set[str]] = defaultdict(set)
    for row in store._rows("SELECT holder, body FROM affiliations"):
        before[row["holder"]].add(row["body"])
    changed = {holder for holder in set(before) | set(stands_for) if before.get(holder, set()) != stands_for.get(holder, set())}
    if changed:
        held = sorted(changed)
        store._execute(f"DELETE FROM affiliations WHERE holder IN ({','.join('?' * len(held))})", held)
        store._executemany("INSERT INTO affiliations (holder, body) VALUES (?, ?)",
                           [(holder, body) for holder in held for body in sorted(stands_for.get(holder, ()))])
    return stands_for, changed


_NOWHERE = Source(0, 0, None, None, 0, 0, "")


def _delivery_systems(store: Any, where: str, params: Iterable[Any]) -> set[str]:
    """The systems taking part in the delivery events ``where`` selects (their deals' delivery years)."""
    return {row["entity_id"] for row in store._rows(
        f"SELECT DISTINCT p.entity_id FROM events e JOIN event_participants p ON p.event_id = e.id "
        f"WHERE e.type = 'delivery' AND substr(p.entity_id, 1, 7) = 'system:' AND {where}", *params)}


def _documents(store: Any, where: str, params: Iterable[Any]) -> dict[int, Document]:
    return {row["id"]: Document(row["id"], row["cluster_id"], row["title"], row["outlet"], row["published"])
            for row in store._rows(f"SELECT id, cluster_id, title, outlet, published FROM documents WHERE {where}",
                                   *params)}


def _source(row: dict[str, Any], docs: dict[int, Document]) -> Source:
    doc = docs[row["document_id"]]
    return Source(doc.id, doc.cluster_id, doc.outlet, doc.published, row["start"], row["end"], row["evidence"])


def _events(store: Any, where: str, params: list[Any]) -> list[tuple[dict[str, Any], EventFact]]:
    """Events (with their stored row) in store order."""
    rows = store._rows(f"SELECT e.* FROM events e WHERE {where} ORDER BY e.document_id, e.start, e.id", *params)
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    members: dict[int, list[str]] = defaultdict(list)
    docs: dict[int, Document] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for row in store._rows(f"SELECT event_id, entity_id FROM event_participants WHERE event_id IN ({marks}) "
                               "ORDER BY event_id, entity_id", *chunk):
            members[row["event_id"]].append(row["entity_id"])
        docs.update(_documents(store, f"id IN (SELECT document_id FROM events WHERE id IN ({marks}))", chunk))
    return [(row, EventFact(row["type"], tuple(members[row["id"]]), _source(row, docs), row["place"], row["date"],
                            row["occasion"], row["confidence"])) for row in rows]


def _involved(parties: Iterable[str], stands_for: dict[str, set[str]]) -> dict[str, int]:
    """Every entity an entry involves: 1 for a party, 0 for what a party stands for."""
    found: dict[str, int] = {}
    for party in parties:
        found[party] = 1
    for party in list(found):
        for body in stands_for.get(party, ()):
            found.setdefault(body, 0)
    return found


def _add_events(store: Any, names: Names, stands_for: dict[str, set[str]], low: int, top: int) -> None:
    """New events join their timeline entry (one per type, participants and date), or open one."""
    knowledge = names.knowledge()
    while low < top:
        upto = min(top, low + EVENT_CHUNK)
        groups: dict[str, list[tuple[dict[str, Any], EventFact]]] = {}
        for row, event in _events(store, "e.id > ? AND e.id <= ?", [low, upto]):
            date, dated_by = (event.date, "text") if event.date else (event.source.published, "published")
            groups.setdefault(json.dumps(["event", event.type, sorted(set(event.participants)), date, dated_by]),
                              []).append((row, event))
        low = upto
        keys = list(groups)
        known = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            known.update((row["group_key"], row) for row in store._rows(
                f"SELECT id, group_key, body FROM timeline_entries WHERE group_key IN ({','.join('?' * len(chunk))})",
                *chunk))
        next_id = store._rows("SELECT COALESCE(MAX(id), 0) AS n FROM timeline_entries")[0]["n"]
        entries, parties, updates = [], [], []
        for key, events in groups.items():
            if key in known:
                body = json.loads(known[key]["body"])
                body["sources"] += [event.source.as_dict() for _, event in events]
                body["place"] = body["place"] or next((e.place for _, e in events if e.place), None)
                updates.append((json.dumps(body), known[key]["id"]))
                continue
            row, first = events[0]
            date = first.date or first.source.published
            label = f"{first.type}: " + ", ".join(knowledge.name(p) or p for p in first.participants)
            entry = TimelineEntry(date, "text" if first.date else "published", "event", first.type,
                                  first.participants, next((e.place for _, e in events if e.place), None),
                                  tuple(e.source for _, e in events), label)
            next_id += 1
            seq = f"{row['document_id']:012d}{_SEP}{row['start']:010d}{_SEP}{row['id']:012d}"
            values = ("event", first.type, date, sort_date(date), label, seq)
            entries.append((next_id, key, None, *values[:5], seq, json.dumps(entry.as_dict())))
            parties += _party_rows(next_id, first.participants, values, stands_for)
        store._executemany("UPDATE timeline_entries SET body = ? WHERE id = ?", updates)
        store._executemany(_INSERT_ENTRY, entries)
        store._executemany(_INSERT_PARTY, parties)


EVENT_CHUNK = 50_000
_INSERT_ENTRY = ("INSERT INTO timeline_entries (id, group_key, deal_id, kind, type, date, date_key, label, seq, body) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_PARTY = ("INSERT INTO timeline_parties (entity_id, entry_id, direct, date_key, kind, type, label, seq) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def _party_rows(entry_id: int, participants: Iterable[str], values: tuple,
                stands_for: dict[str, set[str]]) -> list[tuple]:
    kind, etype, _, sort_key, label, seq = values
    return [(entity, entry_id, direct, sort_key, kind, etype, label, seq)
            for entity, direct in _involved(participants, stands_for).items()]


def _reinvolve(store: Any, stands_for: dict[str, set[str]], changed: set[str]) -> None:
    """The entries with a participant whose bodies changed involve that participant's bodies now."""
    held = sorted(changed)
    entries = store._rows(
        f"SELECT DISTINCT e.id, e.kind, e.type, e.date, e.date_key, e.label, e.seq FROM timeline_entries e "
        f"JOIN timeline_parties p ON p.entry_id = e.id WHERE p.direct = 1 AND p.entity_id IN "
        f"({','.join('?' * len(held))})", *held)
    for entry in entries:
        parties = [row["entity_id"] for row in store._rows(
            "SELECT entity_id FROM timeline_parties WHERE entry_id = ? AND direct = 1", entry["id"])]
        store._execute("DELETE FROM timeline_parties WHERE entry_id = ?", (entry["id"],))
        store._executemany(_INSERT_PARTY, _party_rows(entry["id"], parties, (
            entry["kind"], entry["type"], entry["date"], entry["date_key"], entry["label"], entry["seq"]), stands_for))


def _transfers(store: Any, system: str) -> list[TransferFact]:
    rows = store._rows("SELECT * FROM transfers WHERE system = ? ORDER BY document_id, start, id", system)
    docs = _documents(store, "id IN (SELECT document_id FROM transfers WHERE system = ?)", [system])
    return [TransferFact(r["supplier"], r["recipient"], r["system"], r["deal_type"], _source(r, docs), r["status"],
                         r["quantity"], r["quantity_unit"], r["value"], r["currency"], r["order_date"],
                         r["confidence"]) for r in rows]


def _merge_system(store: Any, names: Names, stands_for: dict[str, set[str]], system: str) -> None:
    """Merge the deals of one system again, with their register rows, conflicts and timeline stages."""
    store._execute("DELETE FROM timeline_parties WHERE entry_id IN (SELECT t.id FROM timeline_entries t "
                   "JOIN deals d ON d.id = t.deal_id WHERE d.system = ?)", (system,))
    store._execute("DELETE FROM timeline_entries WHERE deal_id IN (SELECT id FROM deals WHERE system = ?)", (system,))
    store._execute("DELETE FROM deals WHERE system = ?", (system,))
    facts = _transfers(store, system)
    if not facts:
        return
    deliveries = tuple(event for _, event in _events(
        store, "e.type = 'delivery' AND e.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)",
        [system]))
    knowledge = names.knowledge(transfers=tuple(facts), events=deliveries)
    deal_id = store._rows("SELECT COALESCE(MAX(id), 0) AS n FROM deals")[0]["n"]
    entry_id = store._rows("SELECT COALESCE(MAX(id), 0) AS n FROM timeline_entries")[0]["n"]
    deals, entries, parties = [], [], []
    for position, (key, group) in enumerate(group_facts(knowledge.transfers).items()):
        deal = merge_group(key, group)
        rank = [-deal.support, deal.system, deal.supplier or "", deal.recipient or "", position]
        merged = deal.as_dict()
        merged["conflicts"] = [c.as_dict() for c in transfer_conflicts(knowledge, [deal])]
        deal_id += 1
        row = register_row(deal, knowledge, stands_for)
        order = rank_order(rank)
        deals.append((deal_id, deal.system, deal.supplier, deal.recipient, int(deal.trusted()), json.dumps(rank),
                      json.dumps(bounded(merged)), json.dumps(bounded_row(row)), register_order(row, rank),
                      deal.status, deal.deal_type, order,
                      _SEP.join([sort_date(deal.first_seen), knowledge.name(deal.system) or "", order])))
        for n, entry in enumerate(deal_entries(knowledge, [deal], [], stands_for)):
            entry_id += 1
            values = (entry.kind, entry.type, entry.date, sort_date(entry.date), entry.label, f"{order}{_SEP}{n:02d}")
            entries.append((entry_id, json.dumps(["deal", deal_id, n]), deal_id, *values[:5], values[5],
                            json.dumps(entry.as_dict())))
            parties += _party_rows(entry_id, entry.participants, values, stands_for)
    store._executemany("INSERT INTO deals (id, system, supplier, recipient, trusted, rank, merged, register, "
                       "register_order, status, deal_type, rank_order, listing_order) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deals)
    store._executemany(_INSERT_ENTRY, entries)
    store._executemany(_INSERT_PARTY, parties)


def rank_order(rank: list) -> str:
    """A deal's rank among the merged deals (``merge_transfers``: most support first) as sortable text."""
    return _SEP.join([f"{10**9 + rank[0]:010d}", *rank[1:4], f"{rank[4]:06d}"])


def register_order(row: RegisterRow, rank: list) -> str:
    """The register's order as sortable text: recipient, supplier, order year, system (``register.register``),
    then the deal's rank among the merged deals."""
    return _SEP.join([row.recipient or "", row.supplier or "", f"{row.order_year or 0:04d}", row.system,
                      rank_order(rank)])


def bounded_row(row: RegisterRow, most: int = STORED_SOURCES) -> dict[str, Any]:
    """A register row as stored: its first ``most`` source documents (``sources_total`` counts them all)."""
    values = row.as_dict()
    values["sources"] = values["sources"][:most]
    return values


def bounded(value: Any, most: int = STORED_SOURCES) -> Any:
    """A deal's reading with each list of sources cut to its first ``most`` (``sources_total`` has the length)."""
    if isinstance(value, list):
        return [bounded(item, most) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: bounded(item, most) for key, item in value.items()}
    if isinstance(value.get("sources"), list) and len(value["sources"]) > most:
        out["sources"], out["sources_total"] = out["sources"][:most], len(value["sources"])
    return out


def category(system: str) -> str | None:
    return getattr(catalogue().get(system), "category", None)
