"""What the read models answer: the overview, documents, the register, deals, timelines, dossiers, the network.

Reads the tables ``readmodels.refresh`` keeps (and the store's indexed facts: one entity's statements,
quotes and claims) through bounded, indexed queries; writes the same values the in-Python analyses give
for a whole ``Knowledge`` (``register.register``, ``timeline.timeline``, ``dossier.dossier``,
``serve.browse.graph``): the tests check both paths agree on the sample corpus. Lists that grow with the
corpus (a dossier's sources, quotes and timeline) are cut at ``limit`` items, with their totals.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from defgraph.analyse.conflicts import entity_conflicts
from defgraph.analyse.dossier import _about, normalise_words, statements
from defgraph.analyse.knowledge import (
    ClaimFact, Document, EntityInfo, Knowledge, QuoteFact, Source, StatementFact, catalogue,
)
from defgraph.analyse.register import RegisterRow
from defgraph.analyse.readmodels import sort_date

DOSSIER_LIMIT = 200  # items of each growing list of a dossier
DOSSIER_DEALS = 50  # deals a dossier shows, most supported first (``totals`` counts them all)
QUOTE_DOCUMENTS = 500  # most recent documents mentioning an entity searched for quotations about it
QUOTE_SCAN = 2_000  # latest documents whose quotations a search looks through


class Views:
    """The read models of one open store."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._rows = store._rows

    # -- names ----------------------------------------------------------------------------------
    def knowledge(self) -> Knowledge:
        """Every entity with its aliases (most used first) and mention count: what names are resolved against."""
        aliases: dict[str, list[str]] = {}
        for row in self._rows("SELECT entity_id, text FROM entity_aliases ORDER BY entity_id, n DESC, text"):
            aliases.setdefault(row["entity_id"], []).append(row["text"])
        entities = {row["id"]: EntityInfo(row["id"], row["type"], row["name"], tuple(aliases.get(row["id"], ())),
                                          bool(row["in_catalogue"]))
                    for row in self._rows("SELECT id, type, name, in_catalogue FROM entities ORDER BY id")}
        counts = {row["entity_id"]: (row["mentions"], row["documents"])
                  for row in self._rows("SELECT entity_id, mentions, documents FROM entity_stats")}
        return Knowledge(entities=entities, mention_counts=counts)

    def tallies(self) -> dict[str, int]:
        return {row["name"][6:]: row["value"] for row in self._rows(
            "SELECT name, value FROM model_state WHERE name LIKE 'count:%'")}

    # -- documents ------------------------------------------------------------------------------
    def documents(self, *, outlet: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        """Documents newest first (undated ones before every date, as ``date_key`` sorts them) and how many."""
        columns = "id, title, name, outlet, published, url, cluster_id"
        if outlet:
            where, params = "WHERE lower(outlet) = ?", [outlet.casefold()]
            total = self._rows(f"SELECT COUNT(*) AS n FROM documents {where}", *params)[0]["n"]
        else:
            where, params, total = "", [], self.tallies().get("documents", 0)
        rows = self._rows(f"SELECT {columns} FROM documents {where} ORDER BY date_key DESC, id DESC LIMIT ? OFFSET ?",
                          *params, limit, offset)
        return total, rows

    def top_entities(self, limit: int) -> list[dict[str, Any]]:
        return self._rows("SELECT e.id, e.type, e.name, e.in_catalogue, s.mentions, s.documents FROM entity_stats s "
                          "JOIN entities e ON e.id = s.entity_id ORDER BY s.documents DESC, s.mentions DESC, e.name "
                          "LIMIT ?", limit)

    # -- deals ------------------------------------------------------------------------------------
    @staticmethod
    def _deal_filter(every_deal: bool, columns: dict[str, str | None], country: str | None = None) -> tuple[str, list[str]]:
        where = ["1 = 1" if every_deal else "trusted = 1"]
        params = []
        for column, value in columns.items():
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if country:
            where.append("(supplier = ? OR recipient = ?)")
            params += [country, country]
        return " AND ".join(where), params

    def register(self, *, supplier: str | None = None, recipient: str | None = None, system: str | None = None,
                 every_deal: bool = False) -> list[RegisterRow]:
        """``register.register`` from the deals table."""
        return self.register_page(supplier=supplier, recipient=recipient, system=system, every_deal=every_deal)[1]

    def register_page(self, *, supplier: str | None = None, recipient: str | None = None, system: str | None = None,
                      every_deal: bool = False, limit: int | None = None,
                      offset: int = 0) -> tuple[int, list[RegisterRow]]:
        """How many register rows there are and the ``limit`` of them after the first ``offset``, in register order."""
        where, params = self._deal_filter(every_deal, {"supplier": supplier, "recipient": recipient, "system": system})
        total, rows = self._deal_page(where, params, "register_order", "register", limit, offset)
        return total, [_register_row(json.loads(row["register"])) for row in rows]

    def register_after(self, after: tuple[str, int] | None, *, supplier: str | None = None,
                       recipient: str | None = None, system: str | None = None, every_deal: bool = False,
                       limit: int = 1000) -> tuple[tuple[str, int] | None, list[RegisterRow]]:
        """The ``limit`` register rows after the row whose ``(register_order, id)`` is ``after`` (None: from the
        start), and the key of the last one (None at the end): the whole register a page at a time."""
        where, params = self._deal_filter(every_deal, {"supplier": supplier, "recipient": recipient, "system": system})
        if after is not None:
            where += " AND (register_order > ? OR (register_order = ? AND id > ?))"
            params += [after[0], after[0], after[1]]
        rows = self._rows(f"SELECT id, register_order, register FROM deals WHERE {where} "
                          f"ORDER BY register_order, id LIMIT ?", *params, limit)
        last = (rows[-1]["register_order"], rows[-1]["id"]) if len(rows) == limit else None
        return last, [_register_row(json.loads(row["register"])) for row in rows]

    def chains(self) -> list[tuple[str | None, str, str | None, int]]:
        """``(supplier, system, recipient, support)`` of every deal, in ``merge_transfers`` order."""
        rows = self._rows("SELECT supplier, system, recipient, rank FROM deals ORDER BY rank_order, id")
        return [(row["supplier"], row["system"], row["recipient"], -json.loads(row["rank"])[0]) for row in rows]

    def deals(self, names: Knowledge, *, every_deal: bool = False, country: str | None = None,
              limit: int | None = None, offset: int = 0, **columns: str | None) -> tuple[int, list[dict[str, Any]]]:
        """How many merged deals match (``columns``: supplier, recipient, system, status, deal_type; ``country``:
        supplier or recipient) and the ``limit`` of them after the first ``offset``, as
        ``MergedTransfer.as_dict(names)``, first seen first (then by system name, then most support first)."""
        where, params = self._deal_filter(every_deal, columns, country)
        total, rows = self._deal_page(where, params, "listing_order", "merged", limit, offset)
        return total, [_without_conflicts(named(json.loads(row["merged"]), names)) for row in rows]

    def _deal_page(self, where: str, params: list[str], order: str, column: str, limit: int | None,
                   offset: int) -> tuple[int, list[dict[str, Any]]]:
        """How many deals match ``where`` and the ``limit`` after the first ``offset`` in ``order``, with their
        stored ``column``: the ids are sorted first, so no deal's stored reading goes through the sort."""
        window, extra = ("", []) if limit is None else (" LIMIT ? OFFSET ?", [limit, offset])
        ids = [row["id"] for row in self._rows(f"SELECT id FROM deals WHERE {where} ORDER BY {order}, id{window}",
                                               *params, *extra)]
        total = len(ids) if limit is None else self._rows(f"SELECT COUNT(*) AS n FROM deals WHERE {where}",
                                                          *params)[0]["n"]
        return total, self._deal_rows(ids, column)

    # -- timeline -------------------------------------------------------------------------------
    def timeline(self, wanted: list[str], *, kind: str | None = None, type: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int | None = None,
                 offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """``timeline.timeline`` entries (as dicts) involving every wanted entity, oldest first, filtered as
        ``serve.browse.events`` does; and how many there are."""
        if wanted:
            table = "timeline_parties t"
            where, params = ["t.entity_id = ?"], [wanted[0]]
            for other in wanted[1:]:
                where.append("t.entry_id IN (SELECT entry_id FROM timeline_parties WHERE entity_id = ?)")
                params.append(other)
            key = "t.entry_id"
        else:
            table, where, params, key = "timeline_entries t", [], [], "t.id"
        for column, value in (("kind", kind), ("type", type)):
            if value:
                where.append(f"t.{column} = ?")
                params.append(value)
        if since:
            where.append("t.date_key >= ? AND t.date_key < '9999'")
            params.append(sort_date(since))
        if until:
            where.append("t.date_key < ? AND t.date_key < '9999'")  # entries of that date or earlier ones
            params.append(_after(until))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        total = self._rows(f"SELECT COUNT(*) AS n FROM {table} {clause}", *params)[0]["n"]
        window = "" if limit is None else " LIMIT ? OFFSET ?"
        extra = [] if limit is None else [limit, offset]
        ids = [row["id"] for row in self._rows(
            f"SELECT {key} AS id FROM {table} {clause} ORDER BY t.date_key, t.kind, t.type, t.label, t.seq{window}",
            *params, *extra)]
        bodies = self._bodies(ids)
        return total, [bodies[i] for i in ids]

    def _bodies(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        found = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for row in self._rows(f"SELECT id, body FROM timeline_entries WHERE id IN ({','.join('?' * len(chunk))})",
                                  *chunk):
                found[row["id"]] = json.loads(row["body"])
        return found

    # -- quotations --------------------------------------------------------------------------------
    def quotes_containing(self, needle: str, names: Knowledge, *, limit: int, offset: int,
                          scan: int = QUOTE_SCAN) -> tuple[int, list[dict[str, Any]], bool]:
        """Quotations whose text contains ``needle`` (any case), newest article first, among those of the
        latest ``scan`` documents: how many, the page asked for, and whether the count covers every document."""
        if not needle:
            return 0, [], True
        # the database narrows to the quotations holding the words in any case (ASCII: both databases' lower()
        # agree with casefold there); Python then checks each exactly
        narrow, params = ("", [])
        if needle.isascii():
            narrow, params = "AND lower(q.text) LIKE ? ESCAPE '!'", [f"%{_like(needle)}%"]
        rows = self._rows("SELECT q.*, d.title, d.date_key FROM quotes q JOIN (SELECT id, title, date_key FROM documents "
                          f"ORDER BY date_key DESC, id DESC LIMIT ?) d ON d.id = q.document_id WHERE 1 = 1 {narrow}",
                          scan, *params)
        rows = sorted((row for row in rows if needle in row["text"].casefold()),
                      key=lambda r: (r["date_key"], r["document_id"], r["start"]), reverse=True)
        page = rows[offset:offset + limit]
        found = [{"speaker": row["speaker"], "speaker_name": names.name(row["speaker"]), "text": row["text"],
                  "direct": bool(row["direct"]), "source": source.as_dict(), "title": row["title"]}
                 for row, source in zip(page, self._sources(page))]
        return len(rows), found, self.tallies().get("documents", 0) <= scan

    # -- one entity -------------------------------------------------------------------------------
    def dossier(self, entity_id: str, names: Knowledge, *, every_deal: bool = False,
                limit: int = DOSSIER_LIMIT) -> dict[str, Any]:
        """``dossier.dossier`` of a stored entity, each growing list cut at ``limit`` items (``totals`` has
        their lengths)."""
        entity = names.entities[entity_id]
        aliases = self._rows("SELECT text, n FROM entity_aliases WHERE entity_id = ? ORDER BY n DESC, first_mention",
                             entity_id)
        alias_keys = {normalise_words(a) for a in (*(row["text"] for row in aliases), entity.name) if len(a) > 2}
        own = self._facts(entity_id, names, limit)
        record = catalogue().get(entity_id)
        shown, deals_total = self._deals_of(entity_id, every_deal, min(limit, DOSSIER_DEALS))
        deals = [named(json.loads(row["merged"]), names) for row in self._deal_rows(shown)]
        totals = {"transfers": deals_total}
        timeline_total, timeline = self.timeline([entity_id], limit=limit)
        totals["timeline"] = timeline_total
        quotes_by = [{"text": q.text, "direct": q.direct, "confidence": q.confidence, "source": q.source.as_dict()}
                     for q in own.quotes if q.speaker == entity_id]
        quotes_total = self._rows("SELECT COUNT(*) AS n FROM quotes WHERE speaker = ?", entity_id)[0]["n"]
        sources = self._rows("SELECT m.document_id AS document, COUNT(*) AS mentions FROM mentions m "
                             "WHERE m.entity_id = ? GROUP BY m.document_id ORDER BY m.document_id LIMIT ?",
                             entity_id, limit)
        documents = self._documents([row["document"] for row in sources])
        stats = names.mention_counts.get(entity_id, (0, 0)) if names.mention_counts else (0, 0)
        conflicts = entity_conflicts(own, entity_id, [c for deal in deals for c in deal.pop("conflicts")])
        totals.update(quotes_by=quotes_total, sources=stats[1], conflicts=len(conflicts))
        return {
            "id": entity_id, "type": entity.type, "name": entity.name, "in_catalogue": entity.in_catalogue,
            "catalogue": {k: v for k, v in asdict(record).items() if k not in ("id", "name")} if record else None,
            "aliases": [{"text": row["text"], "count": row["n"]} for row in aliases],
            "roles": [{"title": title, "org": org, "org_name": names.name(org), "sources": found}
                      for (_, title, org), found in statements(own, entity_id, roles=True).items()],
            "attributes": [{"attribute": prop, "value": value, "sources": found}
                           for (prop, value, _), found in statements(own, entity_id, roles=False).items()],
            "transfers": deals,
            "timeline": timeline,
            "quotes_by": quotes_by[:limit],
            "quotes_about": self._quotes_about(entity_id, alias_keys, names, limit),
            "conflicts": conflicts[:limit],
            "sources": [{"document": row["document"], "title": documents[row["document"]].title,
                         "outlet": documents[row["document"]].outlet,
                         "published": documents[row["document"]].published, "mentions": row["mentions"]}
                        for row in sources],
            "totals": totals,
        }

    def _deals_of(self, entity_id: str, every_deal: bool, limit: int) -> tuple[list[int], int]:
        """The ids of the ``limit`` best-ranked deals the entity supplies, receives or is, and how many there are:
        each column read in rank order through its index, so a country in a million deals costs three short reads."""
        trusted = "" if every_deal else " AND trusted = 1"
        found = {row["id"]: row["rank_order"] for column in ("supplier", "recipient", "system")
                 for row in self._rows(f"SELECT id, rank_order FROM deals WHERE {column} = ?{trusted} "
                                       f"ORDER BY rank_order, id LIMIT ?", entity_id, limit)}
        shown = sorted(found, key=lambda deal_id: (found[deal_id], deal_id))[:limit]
        total = self._rows(f"SELECT COUNT(*) AS n FROM deals WHERE (supplier = ? OR recipient = ? OR system = ?)"
                           f"{trusted}", entity_id, entity_id, entity_id)[0]["n"]
        return shown, total

    def _deal_rows(self, ids: list[int], column: str = "merged") -> list[dict[str, Any]]:
        """The deals of these ids with their stored reading (or register row), in the order given."""
        found = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            found.update((row["id"], row) for row in self._rows(
                f"SELECT id, {column} FROM deals WHERE id IN ({','.join('?' * len(chunk))})", *chunk))
        return [found[i] for i in ids]

    def _documents(self, ids: list[int]) -> dict[int, Document]:
        found = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for row in self._rows(f"SELECT id, cluster_id, title, outlet, published FROM documents WHERE id IN "
                                  f"({','.join('?' * len(chunk))})", *chunk):
                found[row["id"]] = Document(row["id"], row["cluster_id"], row["title"], row["outlet"], row["published"])
        return found

    def _sources(self, rows: list[dict[str, Any]]) -> list[Source]:
        docs = self._documents(sorted({row["document_id"] for row in rows}))
        return [Source(row["document_id"], docs[row["document_id"]].cluster_id, docs[row["document_id"]].outlet,
                       docs[row["document_id"]].published, row["start"], row["end"],
                       row.get("evidence") or row.get("text") or "") for row in rows]

    def _facts(self, entity_id: str, names: Knowledge, limit: int) -> Knowledge:
        """The statements about an entity, its first ``limit`` quotations and the first ``limit`` claims it makes
        or disputes."""
        rows = self._rows("SELECT * FROM statements WHERE subject = ? ORDER BY document_id, start, id", entity_id)
        facts = [StatementFact(r["subject"], r["property"], r["value"], r["object"], s, r["confidence"])
                 for r, s in zip(rows, self._sources(rows))]
        quotes = self._rows("SELECT * FROM quotes WHERE speaker = ? ORDER BY document_id, start, id LIMIT ?",
                            entity_id, limit)
        claims = self._rows("SELECT * FROM claims WHERE claimant = ? OR id IN (SELECT claim_id FROM claim_disputants "
                            "WHERE entity_id = ?) ORDER BY document_id, start, id LIMIT ?", entity_id, entity_id, limit)
        disputants: dict[int, list[str]] = {claim["id"]: [] for claim in claims}
        if claims:  # one query for every claim's disputants (at most ``limit`` claims)
            for row in self._rows(f"SELECT claim_id, entity_id FROM claim_disputants WHERE claim_id IN "
                                  f"({','.join('?' * len(claims))}) ORDER BY claim_id, entity_id",
                                  *(claim["id"] for claim in claims)):
                disputants[row["claim_id"]].append(row["entity_id"])
        return Knowledge(
            entities=names.entities, statements=tuple(facts),
            quotes=tuple(QuoteFact(r["speaker"], r["text"], s, bool(r["direct"]), bool(r["partial"]), r["confidence"])
                         for r, s in zip(quotes, self._sources(quotes))),
            claims=tuple(ClaimFact(r["claimant"], r["text"], s, tuple(disputants[r["id"]]), r["confidence"])
                         for r, s in zip(claims, self._sources(claims))))

    def _quotes_about(self, entity_id: str, alias_keys: set[str], names: Knowledge, limit: int) -> list[dict]:
        """Quotations by others that name the entity: among every quotation of a store of up to ``QUOTE_SCAN``
        of them, else among those of the latest ``QUOTE_DOCUMENTS`` documents that mention it."""
        if self.tallies().get("quotes", 0) <= QUOTE_SCAN:
            rows = self._rows("SELECT * FROM quotes WHERE speaker IS NULL OR speaker <> ?", entity_id)
        else:
            docs = [row["document_id"] for row in self._rows(
                "SELECT DISTINCT document_id FROM mentions WHERE entity_id = ? ORDER BY document_id DESC LIMIT ?",
                entity_id, QUOTE_DOCUMENTS)]
            rows = []
            for i in range(0, len(docs), 500):
                chunk = docs[i:i + 500]
                rows += self._rows(f"SELECT * FROM quotes WHERE document_id IN ({','.join('?' * len(chunk))}) "
                                   f"AND (speaker IS NULL OR speaker <> ?)", *chunk, entity_id)
        rows = [row for row in sorted(rows, key=lambda r: (r["document_id"], r["start"], r["id"]))
                if _about(row["text"], alias_keys)][:limit]
        return [{"speaker": row["speaker"], "speaker_name": names.name(row["speaker"]), "text": row["text"],
                 "source": source.as_dict()} for row, source in zip(rows, self._sources(rows))]


def named(merged: dict[str, Any], names: Knowledge) -> dict[str, Any]:
    """A stored ``MergedTransfer.as_dict`` with the display names ``as_dict(names)`` gives."""
    for part in ("supplier", "recipient", "system"):
        merged[f"{part}_name"] = names.name(merged[part])
    return merged


def _without_conflicts(merged: dict[str, Any]) -> dict[str, Any]:
    merged.pop("conflicts", None)
    return merged


def _after(until: str) -> str:
    """The first date key after every date that ``until`` covers (``2021-03`` → ``2021-03-99``)."""
    return sort_date(until)[:len(until)] + "-99-99"[len(until) - 4:] if len(until) < 10 else until + "~"


def _register_row(values: dict[str, Any]) -> RegisterRow:
    values["delivery_years"], values["sources"] = tuple(values["delivery_years"]), tuple(values["sources"])
    return RegisterRow(**values)


def _like(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern escaped with ``!``."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
