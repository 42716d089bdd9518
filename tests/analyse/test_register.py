"""The trade register: filters and formats."""
from __future__ import annotations

import csv
import io

from analyse.writing import NAMES, ev, write_s400_story

from defgraph.analyse.register import register, to_csv
from defgraph.model import Transfer


def _add_brahmos_export(write_doc) -> int:
    names = {**NAMES, "country:philippines": ("Country", "Philippines"), "system:brahmos": ("WeaponSystem", "BrahMos")}
    return write_doc("India signed a deal to sell three BrahMos batteries to the Philippines.", published="2022-01-28",
                     names=names, transfers=[Transfer("country:india", "country:philippines", "system:brahmos",
                                                      "export", ev("India signed a deal to sell three BrahMos batteries"),
                                                      status="signed", quantity=3)])


def test_register_rows_with_category_years_status_and_sources(write_doc, knowledge):
    ids = write_s400_story(write_doc)
    _add_brahmos_export(write_doc)
    [row] = register(knowledge(), recipient="country:india")
    assert (row.supplier, row.recipient, row.system, row.category) == ("Russia", "India", "S-400", "air defence system")
    assert (row.quantity, row.order_year, row.delivery_years, row.status) == (5, 2018, (2021,), "delivering")
    assert (row.value, row.currency, row.support) == (5.43e9, "USD", 3)
    assert row.sources == tuple(sorted(ids.values()))


def test_register_filters_combine(write_doc, knowledge):
    write_s400_story(write_doc)
    _add_brahmos_export(write_doc)
    k = knowledge()
    assert [r.system for r in register(k)] == ["S-400", "BrahMos"]  # by recipient: India, then Philippines
    assert [r.system for r in register(k, supplier="country:india")] == ["BrahMos"]
    assert register(k, supplier="country:india", system="system:s-400") == []


def test_register_as_csv_has_a_header_and_plain_numbers(write_doc, knowledge):
    write_s400_story(write_doc)
    rows = list(csv.DictReader(io.StringIO(to_csv(register(knowledge())))))
    assert rows == [{"supplier": "Russia", "recipient": "India", "system": "S-400", "category": "air defence system",
                     "deal_type": "purchase", "quantity": "5", "order_year": "2018", "delivery_years": "2021",
                     "status": "delivering", "value": "5430000000", "currency": "USD", "support": "3",
                     "sources": "1;2;3;4"}]
