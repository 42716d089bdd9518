"""Synthetic news-like articles for the ingest benchmark and the runner's tests.

Writes JSON Lines records (``title``, ``text``, ``published``, ``outlet``, ``url``) built from a few
templates over real countries and systems and invented officials; a share of the records are
near-duplicates (another outlet's copy of an earlier story, lightly edited), so clustering is
exercised too. The same seed gives the same corpus.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import queue
import random
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from defgraph.store import Store

PAIRS = [("Russia", "India"), ("France", "India"), ("India", "Armenia"), ("India", "Philippines"),
         ("United States", "Poland"), ("Germany", "Ukraine"), ("Israel", "India"), ("South Korea", "Poland")]
SLOTS = {
    "system": ["S-400", "BrahMos", "Rafale", "Pinaka", "Akash", "AK-203", "K9 Thunder", "Patriot",
               "Su-30MKI", "HAMMER", "MiG-29", "Barak-8", "T-90", "Scorpene"],
    "official": ["Arjun Mehra", "Lena Voskova", "Pierre Dumaine", "Marta Kowal", "Tomas Reyes",
                 "Daniel Hart", "Sergei Olenin", "Priya Nair", "Hugo Lambert", "Ana Ruiz"],
    "post": ["a spokesperson", "the deputy minister", "the procurement chief", "an adviser", "the envoy",
             "the programme director", "a senior officer", "the undersecretary"],
    "org": ["the defence ministry", "the air force", "the navy", "the state arms exporter", "the army",
            "the shipyard", "the missile agency", "the cabinet office"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "units": ["squadrons", "batteries", "regiments", "launchers", "hulls", "airframes", "radars", "kits"],
    "place": ["Pune", "Nashik", "Jodhpur", "Gdansk", "Lviv", "Yerevan", "Manila", "Toulouse", "Haifa",
              "Changwon", "Korwa", "Ambala"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "adj": ["revised", "long-delayed", "follow-on", "framework", "emergency", "initial", "second", "offset"],
    "service": ["maintenance", "training", "spares support", "software updates", "depot repair",
                "technical assistance"],
    "phrase": ["We are on schedule", "Nothing has changed", "The payments are settled",
               "Crews are ready", "Trials went well", "More orders may follow"],
}
SENTENCES = [
    "{official}, {post} of {org}, said on {weekday} that {n} {units} of the {system} would reach {place} by {month}.",
    "{place} has already received {n} {units}, according to {official}, who spoke after a visit to {place}.",
    "The {adj} contract covers {n} {units} of the {system} and {n} years of {service}.",
    "{official} added that {org} would train {n} crews at {place} before {month}.",
    "\"{phrase},\" {official} told reporters in {place} on {weekday}.",
    "The first {n} {units} left {place} in {month}, {post} at {org} said.",
]
OUTLETS = ["Northwire", "Capital Desk", "Eastern Post", "Defence Ledger", "Harbour Times"]


def _sentence(rng: random.Random) -> str:
    template = rng.choice(SENTENCES)
    slots = {name: rng.choice(values) for name, values in SLOTS.items()}
    return template.format(n=rng.randint(2, 400), **slots)


def _story(rng: random.Random, serial: int) -> dict[str, str]:
    supplier, recipient = rng.choice(PAIRS)
    system = rng.choice(SLOTS["system"])
    day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2500))
    lead = f"{recipient} and {supplier} reached a {rng.choice(SLOTS['adj'])} step on the {system} (item {serial})."
    text = " ".join([lead, *(_sentence(rng) for _ in range(rng.randint(4, 8)))])
    return {"title": f"{recipient} and {supplier}: {system} ({serial})", "text": text,
            "published": day.isoformat(), "outlet": rng.choice(OUTLETS),
            "url": f"https://news.example/{serial}"}


def _copy(rng: random.Random, story: dict[str, str], serial: int) -> dict[str, str]:
    """Another outlet's copy of a story: retitled, one sentence added, dated a day or two apart."""
    day = dt.date.fromisoformat(story["published"]) + dt.timedelta(days=rng.choice([-2, -1, 1, 2]))
    text = story["text"] + f" This report was updated by the desk (copy {serial})."
    return {**story, "title": "UPDATE: " + story["title"], "text": text, "published": day.isoformat(),
            "outlet": rng.choice(OUTLETS), "url": f"https://news.example/copy/{serial}"}


def synthetic_articles(count: int, *, near_duplicate_share: float = 0.1, seed: int = 7) -> Iterator[dict[str, str]]:
    """``count`` article records; about ``near_duplicate_share`` of them copy a recent story."""
    rng = random.Random(seed)
    recent: list[dict[str, str]] = []
    for serial in range(count):
        if recent and rng.random() < near_duplicate_share:
            yield _copy(rng, rng.choice(recent), serial)
            continue
        story = _story(rng, serial)
        recent = [*recent[-49:], story]
        yield story


def write_jsonl(path: Path, count: int, **options: float) -> Path:
    """Write ``count`` synthetic articles to ``path`` as JSON Lines."""
    with path.open("w", encoding="utf-8") as out:
        for record in synthetic_articles(count, **options):
            out.write(json.dumps(record) + "\n")
    return path


# -- a whole store of synthetic documents and facts, written in bulk (no extraction) -------------------

FIRST_NAMES = ["Arjun", "Lena", "Pierre", "Marta", "Tomas", "Daniel", "Sergei", "Priya", "Hugo", "Ana", "Kenji",
               "Olu", "Farah", "Mikhail", "Ines", "Rahul", "Chloe", "Pavel", "Sofia", "Omar", "Yuki", "Lars",
               "Amara", "Jonas", "Meera", "Felix", "Nadia", "Ivan", "Leila", "Mateo"]
LAST_NAMES = ["Mehra", "Voskova", "Dumaine", "Kowal", "Reyes", "Hart", "Olenin", "Nair", "Lambert", "Ruiz",
              "Tanaka", "Adeyemi", "Haddad", "Sokolov", "Moreau", "Verma", "Laurent", "Novak", "Rossi", "Aziz",
              "Sato", "Berg", "Okafor", "Keller", "Iyer", "Brandt", "Petrova", "Volkov", "Karimi", "Silva"]
POSTS = ["spokesperson", "deputy minister", "procurement chief", "adviser", "envoy", "programme director"]
SYLLABLES = ["ka", "ri", "to", "ven", "lor", "mi", "sa", "dun", "el", "pra", "zo", "tek", "nu", "vas", "gor",
             "bel", "shi", "ran", "quo", "fen"]
EVENT_KINDS = ("delivery", "deal_signing", "visit", "meeting")
RECIPIENTS = 60  # countries that buy in the synthetic world
DEALS = 3000  # distinct (supplier, recipient, system, deal type); their frequency follows Zipf's law
CHUNK = 5000  # documents written per bulk insert


@dataclass(frozen=True, slots=True)
class SyntheticDeal:
    supplier: tuple[str, str]  # (entity id, name)
    recipient: tuple[str, str]
    system: tuple[str, str]
    deal_type: str
    quantity: int
    unit: str
    value: float | None
    order_year: int


@dataclass
class SyntheticWorld:
    """What synthetic stories are drawn from: real countries and systems of the catalogue, Zipf-weighted
    deals between them, invented officials serving recipient countries, and rare code words."""

    deals: list[SyntheticDeal]
    weights: list[float]
    officials: list[tuple[str, str, str, str]]  # (person id, name, post, country id)
    places: list[str]
    codewords: list[str]

    @classmethod
    def build(cls, rng: random.Random) -> SyntheticWorld:
        from defgraph.catalogue import load_catalogue

        catalogue = load_catalogue()
        systems = [s for s in catalogue.systems if s.origin]
        countries = {c.id: c.name for c in catalogue.countries}
        buyers = rng.sample(sorted(countries), RECIPIENTS)
        deals, seen = [], set()
        while len(deals) < DEALS:
            system = rng.choice(systems)
            recipient = rng.choice(buyers)
            deal_type = rng.choices(["purchase", "licensed_production", "upgrade", "lease"], [85, 7, 5, 3])[0]
            if recipient == system.origin or (system.id, recipient, deal_type) in seen:
                continue
            seen.add((system.id, recipient, deal_type))
            deals.append(SyntheticDeal((system.origin, countries[system.origin]), (recipient, countries[recipient]),
                                       (system.id, system.name), deal_type, rng.choice([2, 4, 5, 6, 12, 24, 36, 100]),
                                       rng.choice(SLOTS["units"]),
                                       rng.choice([None, rng.randrange(50, 9000) * 1e6]), rng.randrange(2010, 2026)))
        officials = [(f"person:{first.lower()}-{last.lower()}-{i}", f"{first} {last}-{i}", rng.choice(POSTS),
                      rng.choice(buyers)) for i in range(2000)
                     for first, last in [(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))]]
        codewords = sorted({"".join(rng.choice(SYLLABLES) for _ in range(4)) for _ in range(60_000)})
        return cls(deals, [1 / (rank + 1) ** 1.1 for rank in range(DEALS)], officials, SLOTS["place"], codewords)


class _Text:
    """Text built piece by piece, keeping the span of every named piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def __str__(self) -> str:
        return "".join(self.parts)


@dataclass
class SyntheticDocument:
    """One document's rows: its metadata and its facts, with spans into its text."""

    title: str
    text: str
    published: str | None
    outlet: str
    url: str
    entities: list[tuple[str, str, str, int]] = field(default_factory=list)  # id, type, name, in_catalogue
    mentions: list[tuple] = field(default_factory=list)  # entity, start, end, text, kind, confidence
    transfers: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)  # (row without ids, participants)
    quotes: list[tuple] = field(default_factory=list)
    statements: list[tuple] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)  # (row without ids, disputed_by)


def _published(rng: random.Random) -> tuple[dt.date, str | None]:
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
    roll = rng.random()
    return day, (None if roll < 0.01 else day.isoformat()[:7] if roll < 0.03 else day.isoformat())


def _status(deal: SyntheticDeal, year: int, rng: random.Random) -> str:
    if year < deal.order_year:
        return "proposed"
    if year == deal.order_year:
        return rng.choice(["signed", "signed", "proposed"])
    return rng.choice(["delivering", "delivered", "signed"])


def synthetic_document(world: SyntheticWorld, rng: random.Random, serial: int) -> SyntheticDocument:
    """A story on one deal of ``world`` with the facts an extractor would read from it."""
    deal = rng.choices(world.deals, cum_weights=_cumulative(world))[0]
    (supplier, supplier_name), (recipient, recipient_name), (system, system_name) = \
        deal.supplier, deal.recipient, deal.system
    day, published = _published(rng)
    official, official_name, post, office_country = rng.choice(world.officials)
    place, codeword = rng.choice(world.places), rng.choice(world.codewords)
    text = _Text()
    doc = SyntheticDocument(f"{recipient_name} and {supplier_name}: {system_name} ({serial})", "", published,
                            rng.choice(OUTLETS), f"https://news.example/{serial}")
    title = text.add(doc.title)
    text.add("\n\n")
    mention = doc.mentions.append
    lead_start = text.size
    r = text.add(recipient_name)
    text.add(" and ")
    s = text.add(supplier_name)
    text.add(f" reached a {rng.choice(SLOTS['adj'])} step on the ")
    y = text.add(system_name)
    text.add(f" deal, code-named {codeword.capitalize()}.")
    lead = (lead_start, text.size)
    for (start, end), entity, name in ((r, recipient, recipient_name), (s, supplier, supplier_name),
                                       (y, system, system_name)):
        mention((entity, start, end, name, "name", 0.97))
    mention((recipient, title[0], title[0] + len(recipient_name), recipient_name, "name", 0.97))
    doc.entities += [(recipient, "Country", recipient_name, 1), (supplier, "Country", supplier_name, 1),
                     (system, "WeaponSystem", system_name, 1), (official, "Person", official_name, 0),
                     (f"place:{place.lower()}", "Location", place, 0)]
    text.add(" ")
    said_start = text.size
    o = text.add(official_name)
    text.add(f", {post} of ")
    office_name = world_country_name(doc, office_country)
    c = text.add(office_name)
    n = deal.quantity if rng.random() < 0.85 else rng.choice([deal.quantity * 2, deal.quantity + 1, 3])
    text.add(f", said on {rng.choice(SLOTS['weekday'])} that {n} {deal.unit} of the ")
    y2 = text.add(system_name)
    text.add(" would reach ")
    p = text.add(place)
    text.add(f" by {rng.choice(SLOTS['month'])}.")
    said = (said_start, text.size)
    mention((official, *o, official_name, "name", 0.9))
    mention((office_country, *c, office_name, "name", 0.95))
    mention((system, *y2, system_name, "name", 0.97))
    mention((f"place:{place.lower()}", *p, place, "name", 0.8))
    doc.statements.append((official, "role", post, office_country, said, "defgraph_roles", round(rng.uniform(0.5, 0.99), 3)))
    text.add(" ")
    phrase = rng.choice(SLOTS["phrase"])
    quote = text.add(f"\"{phrase},\"")
    text.add(" ")
    o2 = text.add(official_name)
    text.add(f" told reporters in {place}.")
    mention((official, *o2, official_name, "name", 0.9))
    doc.quotes.append((official, phrase + ",", 1, 0, quote, round(rng.uniform(0.6, 0.99), 3)))
    for _ in range(rng.randint(2, 5)):
        text.add(" " + _sentence(rng))
    doc.text = str(text)
    deal_type = "export" if deal.deal_type == "purchase" and rng.random() < 0.15 else deal.deal_type
    year = day.year
    doc.transfers.append((supplier, recipient, system, deal_type, _status(deal, year, rng), n, deal.unit,
                          deal.value if rng.random() < 0.3 else None, "USD" if deal.value else None,
                          str(deal.order_year) if rng.random() < 0.3 else None, lead,
                          round(rng.uniform(0.3, 0.99), 3)))
    roll = rng.random()
    if roll < 0.6:
        kind = rng.choices(EVENT_KINDS, [4, 2, 2, 1])[0]
        participants = [supplier, recipient, system] if kind == "delivery" else \
            [recipient, supplier] if kind == "deal_signing" else [official, recipient]
        date = rng.choice([None, day.isoformat(), day.isoformat()[:7]])
        doc.events.append(((kind, place if kind != "deal_signing" else None, date, None,
                            said if kind in ("visit", "meeting") else lead, round(rng.uniform(0.4, 0.95), 3)),
                           participants))
    if rng.random() < 0.03:
        doc.claims.append(((official, f"the deal covers {n} {deal.unit}", said, round(rng.uniform(0.4, 0.9), 3)),
                           [supplier]))
    if rng.random() < 0.02:
        doc.statements.append((system, "in_service_year", str(deal.order_year + rng.choice([1, 2])), None, lead,
                               "defgraph_attributes", 0.7))
    return doc


def world_country_name(doc: SyntheticDocument, country: str) -> str:
    """The name of an official's country, added to the document's entities."""
    name = _country_names()[country]
    doc.entities.append((country, "Country", name, 1))
    return name


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from defgraph.catalogue import load_catalogue

    return {c.id: c.name for c in load_catalogue().countries}


_CUMULATIVE: dict[int, list[float]] = {}


def _cumulative(world: SyntheticWorld) -> list[float]:
    found = _CUMULATIVE.get(id(world))
    if found is None:
        found = _CUMULATIVE[id(world)] = list(itertools.accumulate(world.weights))
    return found


def _copy_document(rng: random.Random, doc: SyntheticDocument, serial: int) -> SyntheticDocument:
    """Another outlet's copy of a story: its facts at the same spans, dated one to three days later."""
    published = doc.published
    if published and len(published) == 10:
        published = (dt.date.fromisoformat(published) + dt.timedelta(days=rng.randint(1, 3))).isoformat()
    return replace(doc, title="UPDATE: " + doc.title, text=doc.text + f" This report was updated by the desk "
                   f"(copy {serial}).", published=published, outlet=rng.choice(OUTLETS),
                   url=f"https://news.example/copy/{serial}")


def synthetic_documents(count: int, *, near_duplicate_share: float = 0.1,
                        seed: int = 7) -> Iterator[tuple[SyntheticDocument, int | None]]:
    """``count`` documents with their facts, and for a near-duplicate the serial of the story it copies."""
    rng = random.Random(seed)
    world = SyntheticWorld.build(rng)
    recent: list[tuple[int, SyntheticDocument]] = []
    for serial in range(count):
        if recent and rng.random() < near_duplicate_share:
            original, story = rng.choice(recent)
            yield _copy_document(rng, story, serial), original
            continue
        doc = synthetic_document(world, rng, serial)
        recent = [*recent[-49:], (serial, doc)]
        yield doc, None


def fill_store(store: Store, count: int, *, seed: int = 7, near_duplicate_share: float = 0.1,
               progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write ``count`` synthetic documents and their facts into an empty ``store`` in bulk, then bring its
    indexes and read models up to date; returns the rows written per table.

    A thread builds the next chunk of rows while the database writes the last one."""
    if store.stats()["documents"]:
        raise ValueError(f"{store.target} already holds documents: fill_store writes into an empty store")
    written: Counter = Counter()
    chunks: queue.Queue = queue.Queue(maxsize=2)
    producer = threading.Thread(target=_produce, args=(chunks, count, seed, near_duplicate_share), daemon=True)
    producer.start()
    with store.bulk_loading():
        while (chunk := chunks.get()) is not None:
            if isinstance(chunk, BaseException):
                raise chunk
            done, rows = chunk
            for table in ("clusters", *BULK_COLUMNS):
                store.bulk_insert(table, BULK_COLUMNS.get(table, CLUSTER_COLUMNS), rows[table])
                written[table] += len(rows[table])
            if progress:
                progress(done)
    return dict(written)


def _produce(chunks: queue.Queue, count: int, seed: int, near_duplicate_share: float) -> None:
    """Put chunks of ``(documents so far, rows by table)`` on ``chunks``, then None (or the error raised)."""
    try:
        entities: set[str] = set()
        rows: dict[str, list[tuple]] = defaultdict(list)
        ids: Counter = Counter()
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        documents = synthetic_documents(count, seed=seed, near_duplicate_share=near_duplicate_share)
        for doc_id, (doc, copied) in enumerate(documents, 1):
            _document_rows(rows, ids, doc, doc_id, copied + 1 if copied is not None else doc_id, now)
            for entity in doc.entities:
                if entity[0] not in entities:
                    entities.add(entity[0])
                    rows["entities"].append(entity)
            if doc_id % CHUNK == 0 or doc_id == count:
                # a cluster's original and size are set when the bulk load ends
                rows["clusters"] = [(doc[0], 0) for doc in rows["documents"] if doc[13]]
                chunks.put((doc_id, rows))
                rows = defaultdict(list)
        chunks.put(None)
    except BaseException as error:  # handed to the writing thread, which raises it
        chunks.put(error)


def _document_rows(rows: dict[str, list[tuple]], ids: Counter, doc: SyntheticDocument, doc_id: int,
                   cluster: int, now: str) -> None:
    grain = None if doc.published is None else {4: "year", 7: "month", 10: "day"}[len(doc.published)]
    content_hash = hashlib.sha256(" ".join(doc.text.split()).encode("utf-8")).hexdigest()
    rows["documents"].append((doc_id, content_hash, f"synthetic-{doc_id}.txt", f"synthetic://{doc_id}", doc.url,
                              doc.title, doc.outlet, doc.published, grain, "[]", doc.text, now, cluster,
                              int(cluster == doc_id), 1, "[]"))
    evidence = doc.text.__getitem__
    for entity, start, end, text, kind, confidence in doc.mentions:
        ids["mentions"] += 1
        rows["mentions"].append((ids["mentions"], doc_id, entity, start, end, text, kind, confidence))
    for subject, prop, value, obj, (start, end), extractor, confidence in doc.statements:
        ids["statements"] += 1
        rows["statements"].append((ids["statements"], subject, prop, value, obj, doc_id, start, end,
                                   evidence(slice(start, end)), extractor, confidence))
    for speaker, text, direct, partial, (start, end), confidence in doc.quotes:
        ids["quotes"] += 1
        rows["quotes"].append((ids["quotes"], doc_id, speaker, text, direct, partial, start, end,
                               evidence(slice(start, end)), confidence))
    for *deal, (start, end), confidence in doc.transfers:
        ids["transfers"] += 1
        rows["transfers"].append((ids["transfers"], doc_id, *deal, start, end, evidence(slice(start, end)),
                                  confidence))
    for (kind, place, date, occasion, (start, end), confidence), participants in doc.events:
        ids["events"] += 1
        rows["events"].append((ids["events"], doc_id, kind, place, date, occasion, start, end,
                               evidence(slice(start, end)), confidence))
        rows["event_participants"] += [(ids["events"], p) for p in dict.fromkeys(participants)]
    for (claimant, text, (start, end), confidence), disputed_by in doc.claims:
        ids["claims"] += 1
        rows["claims"].append((ids["claims"], doc_id, claimant, text, start, end, evidence(slice(start, end)),
                               confidence))
        rows["claim_disputants"] += [(ids["claims"], d) for d in disputed_by]


CLUSTER_COLUMNS = ("id", "size")
BULK_COLUMNS = {
    "entities": ("id", "type", "name", "in_catalogue"),
    "documents": ("id", "content_hash", "name", "source", "url", "title", "outlet", "published", "published_grain",
                  "agencies", "text", "ingested_at", "cluster_id", "is_original", "extracted", "notes"),
    "mentions": ("id", "document_id", "entity_id", "start", "end", "text", "kind", "confidence"),
    "statements": ("id", "subject", "property", "value", "object", "document_id", "start", "end", "evidence",
                   "extractor", "confidence"),
    "quotes": ("id", "document_id", "speaker", "text", "direct", "partial", "start", "end", "evidence", "confidence"),
    "transfers": ("id", "document_id", "supplier", "recipient", "system", "deal_type", "status", "quantity",
                  "quantity_unit", "value", "currency", "order_date", "start", "end", "evidence", "confidence"),
    "events": ("id", "document_id", "type", "place", "date", "occasion", "start", "end", "evidence", "confidence"),
    "event_participants": ("event_id", "entity_id"),
    "claims": ("id", "document_id", "claimant", "text", "start", "end", "evidence", "confidence"),
    "claim_disputants": ("claim_id", "entity_id"),
}
