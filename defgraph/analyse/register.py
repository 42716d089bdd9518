"""Register: a SIPRI-style trade register of the merged deals.

Reads the merged transfers and delivery events of a ``Knowledge`` and the catalogue (system category);
writes ``RegisterRow``s: supplier, recipient, system, category, quantity, order year, delivery years,
status, value, the confidence that the deal is real (every independent story's best reading together)
and the supporting documents, filtered by supplier, recipient and system ids; by default only the deals
the knowledge base trusts.
"""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from defgraph.analyse.knowledge import Knowledge, catalogue
from defgraph.analyse.merge import DELIVERY_STAGES, MergedTransfer, merge_transfers
from defgraph.analyse.timeline import affiliations, involves

COLUMNS = ("supplier", "recipient", "system", "category", "deal_type", "quantity", "order_year",
           "delivery_years", "status", "value", "currency", "support", "confidence", "sources",
           "sources_total")


@dataclass(frozen=True, slots=True)
class RegisterRow:
    supplier: str | None
    recipient: str | None
    system: str
    category: str | None
    deal_type: str | None
    quantity: float | None
    order_year: int | None
    delivery_years: tuple[int, ...]
    status: str | None
    value: float | None
    currency: str | None
    support: int
    sources: tuple[int, ...]
    confidence: float | None = None
    supplier_id: str | None = None
    recipient_id: str | None = None
    system_id: str | None = None
    sources_total: int = 0  # documents behind the deal; ``sources`` may list only the first of them

    def as_dict(self) -> dict:
        return asdict(self)


def delivery_years(deal: MergedTransfer, knowledge: Knowledge, stands_for: dict[str, set[str]]) -> tuple[int, ...]:
    """Years of delivery events of the system to the recipient, and of the deal's delivery stages."""
    years = {int(stage.date[:4]) for stage in deal.lifecycle if stage.status in DELIVERY_STAGES and stage.date}
    wanted = [p for p in (deal.system, deal.recipient) if p]
    years |= {int(event.date[:4]) for event in knowledge.events
              if event.type == "delivery" and event.date and involves(event.participants, wanted, stands_for)}
    return tuple(sorted(years))


def register_row(deal: MergedTransfer, knowledge: Knowledge, stands_for: dict[str, set[str]]) -> RegisterRow:
    value, quantity = deal.best("value"), deal.best("quantity")
    order_date = deal.best("order_date")
    documents = sorted({s.doc_id for s in deal.sources})
    return RegisterRow(
        supplier=knowledge.name(deal.supplier), recipient=knowledge.name(deal.recipient),
        system=knowledge.name(deal.system) or deal.system,
        category=getattr(catalogue().get(deal.system), "category", None), deal_type=deal.deal_type,
        quantity=quantity[0] if quantity else None, order_year=int(order_date[:4]) if order_date else None,
        delivery_years=delivery_years(deal, knowledge, stands_for), status=deal.status,
        value=value[0] if value else None, currency=value[1] if value else None, support=deal.support,
        sources=tuple(documents), confidence=deal.belief, supplier_id=deal.supplier, recipient_id=deal.recipient,
        system_id=deal.system, sources_total=len(documents))


def register(knowledge: Knowledge, *, supplier: str | None = None, recipient: str | None = None,
             system: str | None = None, every_deal: bool = False) -> list[RegisterRow]:
    """The register rows, filtered by supplier, recipient and system entity ids.

    By default only trusted deals (``MergedTransfer.trusted``: believed at 0.8 or more, every independent story's
    best reading counted, and possible by the catalogue); ``every_deal`` shows every one with its confidence.
    """
    stands_for = affiliations(knowledge)
    rows = []
    for deal in merge_transfers(knowledge):
        if (every_deal or deal.trusted()) and all(want is None or want == got for want, got in
               ((supplier, deal.supplier), (recipient, deal.recipient), (system, deal.system))):
            rows.append(register_row(deal, knowledge, stands_for))
    return sorted(rows, key=lambda r: (r.recipient or "", r.supplier or "", r.order_year or 0, r.system))


def cell(value: object) -> str:
    """A register value as text: numbers without a spurious ``.0``, year lists joined with ``;``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return ";".join(map(str, value))
    return str(value)


def to_csv(rows: list[RegisterRow], header: bool = True) -> str:
    """The register as CSV text, with a header row unless ``header`` is false."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([cell(getattr(row, column)) for column in COLUMNS])
    return out.getvalue()
