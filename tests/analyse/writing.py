"""Writing test documents and facts through the Store interface, for the analysis and export tests.

``write_doc`` stores an article of the test's own words with facts whose evidence is given as a
phrase of that text (``ev("...")``); the span is found in the text, so every stored span is real.
Entities are named by ``{id: (type, name, *other forms)}`` and get a mention at every occurrence.
"""
from __future__ import annotations

from collections.abc import Callable

from defgraph.model import Article, DateValue, Entity, Extraction, Mention, Span
from defgraph.store import Store

FACT_FIELDS = ("roles", "quotes", "transfers", "events", "claims", "attributes")


def ev(phrase: str) -> Span:
    """Evidence to be located in the article text by ``write_doc``."""
    return Span(-1, -1, phrase)


def _locate(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def _entities(text: str, names: dict[str, tuple[str, ...]]) -> list[Entity]:
    found = []
    for entity_id, (etype, name, *forms) in names.items():
        mentions = []
        for form in (name, *forms):
            at = text.find(form)
            while at >= 0:
                mentions.append(Mention(at, at + len(form), form))
                at = text.find(form, at + 1)
        found.append(Entity(entity_id, etype, name, mentions, in_catalogue=not entity_id.startswith("person:")))
    return found


def doc_writer(store: Store) -> Callable[..., int]:
    """A function that stores one article and its facts; ``copy_of`` joins that document's cluster."""

    def write(text: str, *, published: str, outlet: str = "Test Wire", copy_of: int | None = None,
              names: dict[str, tuple[str, ...]] | None = None, **facts: list) -> int:
        article = Article(text=text, outlet=outlet, published=DateValue.parse(published), name=f"{outlet}-{published}")
        for record in (r for kind in FACT_FIELDS for r in facts.get(kind, [])):
            record.evidence = _locate(text, record.evidence.text)
        extraction = Extraction(article, entities=_entities(text, names or {}),
                                **{kind: facts.get(kind, []) for kind in FACT_FIELDS})
        with store.transaction():
            cluster = store.cluster_of(copy_of).cluster_id if copy_of else None
            doc_id = store.add_document(article, signature=None, cluster_id=cluster)
            store.add_extraction(doc_id, extraction)
        return doc_id

    return write


NAMES = {
    "country:india": ("Country", "India"),
    "country:russia": ("Country", "Russia"),
    "system:s-400": ("WeaponSystem", "S-400", "Triumf"),
    "person:kavita-rao": ("Person", "Kavita Rao", "Rao"),
    "org:india-mod": ("Organization", "Ministry of Defence (India)", "defence ministry"),
}


def write_s400_story(write: Callable[..., int]) -> dict[str, int]:
    """Four articles on one deal: a preview, the signing, the first deliveries and a wire copy of those.

    Every fact is the test's own: a fictional spokesperson, round figures, invented outlets.
    """
    from defgraph.model import Event, Quote, Role, Transfer

    preview = ("Russia is set to sell the S-400 to India in a deal worth about USD 5 billion, "
               "diplomats said on Thursday.")
    signing = ("India signed a USD 5.43 billion contract with Russia for five S-400 squadrons in October 2018, "
               "the defence ministry said.")
    delivery = ("Russia began delivering the S-400 to India this month. Kavita Rao, spokesperson of the defence "
                "ministry, said: \"The first squadron is on schedule.\"")
    ids = {
        "preview": write(preview, published="2018-10-04", outlet="Wire B", names=NAMES, transfers=[
            Transfer("country:russia", "country:india", "system:s-400", "purchase", ev("sell the S-400 to India"),
                     status="proposed", value=5e9, currency="USD")]),
        "signing": write(signing, published="2018-10-05", outlet="Wire A", names=NAMES, transfers=[
            Transfer("country:russia", "country:india", "system:s-400", "purchase",
                     ev("India signed a USD 5.43 billion contract"), status="signed", quantity=5,
                     quantity_unit="squadron", value=5.43e9, currency="USD", order_date=DateValue(2018, 10))]),
    }
    delivery_facts = dict(
        transfers=[Transfer("country:russia", "country:india", "system:s-400", "purchase",
                            ev("Russia began delivering the S-400 to India"), status="delivering")],
        events=[Event("delivery", ["country:russia", "system:s-400", "country:india"],
                      ev("Russia began delivering the S-400 to India this month"), date=DateValue(2021, 12))],
        roles=[Role("person:kavita-rao", "spokesperson", "org:india-mod", ev("Kavita Rao, spokesperson"))],
        quotes=[Quote("person:kavita-rao", "The first squadron is on schedule.", True,
                      ev("The first squadron is on schedule."))],
    )
    ids["delivery"] = write(delivery, published="2021-12-21", outlet="Wire C", names=NAMES, **delivery_facts)
    ids["copy"] = write(delivery.replace("this month", "in December"), published="2021-12-21", outlet="Wire D",
                        names=NAMES, copy_of=ids["delivery"],
                        **{k: [_copy(r) for r in v] for k, v in delivery_facts.items()})
    return ids


def _copy(record):
    """The same fact read again from a copy (its span is located anew)."""
    from dataclasses import replace

    copied = replace(record)
    copied.evidence = ev(record.evidence.text.replace("this month", "in December"))
    return copied


# A register in SIPRI's export layout: a preamble, an unnamed column, estimates in brackets, '?'.
SIPRI = """Transfers of major weapons: deals with deliveries or orders made for 2015 to 2024
Information generated: 1 March 2025

Recipient,Supplier,Year of order,,Number ordered,,Weapon designation,Weapon description,Number delivered,,Year(s) of delivery,Status,Comments
India,Russian Federation,2018,,(5),,S-400 Triumf,SAM system,(3),,2022-2023,New,Deal worth about USD 5 billion
India,France,2016,,36,,Rafale,FGA aircraft,36,,2019; 2020; 2021-2022,New,
Philippines,India,2022,,?,,BrahMos,anti-ship missile,,,?,,
"""
