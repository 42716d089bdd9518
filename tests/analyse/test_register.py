"""The trade register: filters and formats."""
from __future__ import annotations

import csv
import io

import pytest

from analyse.writing import NAMES, ev, write_s400_story

from defgraph.analyse.merge import witness_confidence
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
                     "confidence": "", "sources": "1;2;3;4", "sources_total": "4"}]


NAMES_WITH_US = {**NAMES, "country:usa": ("Country", "United States"), "country:turkey": ("Country", "Turkey"),
                 "system:f-16": ("WeaponSystem", "F-16")}


def _one_story(write_doc, text: str, transfer: Transfer, published: str, outlet: str, copy_of: int | None = None) -> int:
    return write_doc(text, published=published, outlet=outlet, names=NAMES_WITH_US, copy_of=copy_of,
                     transfers=[transfer])


def test_the_register_shows_a_deal_read_once_only_when_it_was_read_with_confidence(write_doc, knowledge):
    text = "Russia will sell the S-400 to India, an official said."
    unsure = Transfer("country:russia", "country:india", "system:s-400", "export", ev("Russia will sell the S-400"),
                      status="proposed", confidence=0.41)
    _one_story(write_doc, text, unsure, "2024-02-01", "Wire A")
    assert register(knowledge()) == []
    [row] = register(knowledge(), every_deal=True)
    assert (row.system, row.confidence, row.support) == ("S-400", 0.41, 1)


def test_independent_stories_add_up_but_copies_of_one_story_do_not(write_doc, knowledge):
    text = "Russia will sell the S-400 to India, an official said."
    unsure = Transfer("country:russia", "country:india", "system:s-400", "export", ev("Russia will sell the S-400"),
                      status="proposed", confidence=0.6)
    first = _one_story(write_doc, text, unsure, "2024-02-01", "Wire A")
    _one_story(write_doc, text + " More follows.", unsure, "2024-02-01", "Wire B", copy_of=first)
    assert register(knowledge()) == []  # a copy of one story is no second witness: 0.6
    _one_story(write_doc, "India will buy the S-400 from Russia, a minister said.",
               Transfer("country:russia", "country:india", "system:s-400", "purchase",
                        ev("India will buy the S-400 from Russia"), status="proposed", confidence=0.55),
               "2024-02-03", "Wire C")
    [row] = register(knowledge())
    assert (row.support, row.confidence) == (2, 0.82)  # 1 - (1 - 0.6) * (1 - 0.55)


@pytest.mark.parametrize("confidences, belief", [((0.1, 0.1, 0.1), 0.1), ((0.77, 0.09, 0.09), 0.77)])
def test_stories_that_likely_misread_a_deal_add_nothing_to_it(write_doc, knowledge, confidences, belief):
    for day, confidence in zip(("01", "02", "03"), confidences):
        _one_story(write_doc, f"Turkey sold the S-400 to Russia, story {day} said.",
                   Transfer("country:turkey", "country:russia", "system:s-400", "export",
                            ev("Turkey sold the S-400 to Russia"), status="signed", confidence=confidence),
                   f"2024-02-{day}", f"Wire {day}")
    assert max(confidences[1:]) < witness_confidence()  # readings extraction would not report
    assert register(knowledge()) == []  # noisy-or over all three would say 0.27 and 0.81
    [row] = register(knowledge(), every_deal=True)
    assert (row.support, row.confidence) == (3, belief)


def test_a_purchase_and_an_export_of_one_system_between_the_same_parties_are_one_deal(write_doc, knowledge):
    _one_story(write_doc, "India bought the S-400 from Russia.",
               Transfer("country:russia", "country:india", "system:s-400", "purchase", ev("India bought the S-400"),
                        status="signed", confidence=0.9), "2024-01-10", "Wire A")
    _one_story(write_doc, "Russia sold the S-400 to India, and shipped more.",
               Transfer("country:russia", "country:india", "system:s-400", "export", ev("Russia sold the S-400"),
                        status="signed", confidence=0.9), "2024-01-12", "Wire B")
    _one_story(write_doc, "India bought the S-400 from Russia in a second sentence.",
               Transfer("country:russia", "country:india", "system:s-400", "purchase", ev("India bought the S-400"),
                        status="signed", confidence=0.9), "2024-01-13", "Wire C")
    [row] = register(knowledge())
    assert (row.deal_type, row.support) == ("purchase", 3)


def test_a_supplier_the_catalogue_rules_out_is_not_in_the_default_register(write_doc, knowledge):
    _one_story(write_doc, "The United States sold the S-400 to India, a report said wrongly.",
               Transfer("country:usa", "country:india", "system:s-400", "export", ev("sold the S-400 to India"),
                        status="signed", confidence=0.95), "2024-01-10", "Wire A")
    assert register(knowledge()) == []
    assert [r.supplier for r in register(knowledge(), every_deal=True)] == ["United States"]
