"""Merging transfer reports across articles into one record per deal."""
from __future__ import annotations

from analyse.writing import NAMES, ev, write_s400_story

from defgraph.analyse.merge import MergedTransfer, merge_transfers
from defgraph.model import Transfer


def test_one_record_per_deal_with_every_source_and_wire_copies_counted_once(write_doc, knowledge):
    ids = write_s400_story(write_doc)
    [deal] = merge_transfers(knowledge())
    assert deal.key == ("country:russia", "country:india", "system:s-400", "purchase")
    assert sorted(s.doc_id for s in deal.sources) == sorted(ids.values())
    assert len(deal.sources) == 4 and deal.support == 3  # the wire copy of the delivery story counts once
    assert (deal.first_seen, deal.last_seen) == ("2018-10-04", "2021-12-21")
    assert deal.best("quantity") == [5, "squadron"] and deal.best("order_date") == "2018-10"
    assert deal.best("value") == [5.43e9, "USD"]  # one report each: the later one wins


def test_lifecycle_stages_in_order_with_dates_and_evidence(write_doc, knowledge):
    ids = write_s400_story(write_doc)
    [deal] = merge_transfers(knowledge())
    stages = [(s.status, s.date, s.source.doc_id) for s in deal.lifecycle]
    assert stages == [("proposed", "2018-10-04", ids["preview"]), ("signed", "2018-10", ids["signing"]),
                      ("delivering", "2021-12-21", ids["delivery"])]
    assert deal.status == "delivering"
    assert deal.lifecycle[1].source.evidence == "India signed a USD 5.43 billion contract"


def test_copies_of_one_story_do_not_outvote_independent_reports(write_doc, knowledge):
    def report(count: int, published: str, outlet: str, copy_of: int | None = None) -> int:
        text = f"Russia will supply {count} Triumf launchers to India, officials told {outlet}."
        return write_doc(text, published=published, outlet=outlet, copy_of=copy_of, names=NAMES, transfers=[
            Transfer("country:russia", "country:india", "system:s-400", "purchase",
                     ev(f"supply {count} Triumf launchers to India"), quantity=count)])

    first = report(10, "2020-01-02", "Wire A")
    report(10, "2020-01-03", "Wire A2", copy_of=first)
    report(10, "2020-01-03", "Wire A3", copy_of=first)
    report(12, "2020-01-01", "Wire B")
    report(12, "2020-01-01", "Wire C")
    [deal] = merge_transfers(knowledge())
    assert [(v.value, v.support, len(v.sources)) for v in deal.slots["quantity"]] == [([12, None], 2, 2), ([10, None], 1, 3)]
    assert deal.best("quantity") == [12, None]


def test_a_report_leaving_the_supplier_unsaid_joins_the_one_deal_it_agrees_with(write_doc, knowledge):
    write_s400_story(write_doc)
    write_doc("India took delivery of another S-400 squadron.", published="2023-01-10", names=NAMES,
              transfers=[Transfer(None, "country:india", "system:s-400", None,
                                  ev("India took delivery of another S-400 squadron"), status="delivered")])
    [deal] = merge_transfers(knowledge())
    assert deal.status == "delivered" and deal.support == 4
    assert deal.lifecycle[-1].date == "2023-01-10"


def test_talks_reported_after_deliveries_are_a_follow_on_stage(write_doc, knowledge):
    def report(text: str, published: str, status: str) -> None:
        write_doc(text, published=published, names=NAMES, transfers=[
            Transfer("country:russia", "country:india", "system:s-400", "purchase", ev(text), status=status)])

    report("Russia signed the Triumf contract with India", "2018-10-05", "signed")
    report("Russia delivered three Triumf squadrons to India", "2023-03-01", "delivering")
    report("Russia and India are discussing more Triumf units", "2025-09-03", "proposed")
    [deal] = merge_transfers(knowledge())
    assert [(s.status, s.follow_on) for s in deal.lifecycle] == [
        ("proposed", True), ("signed", False), ("delivering", False)]
    assert deal.status == "delivering"  # the talks are about more units; this deal is being delivered


def _deal(supplier: str | None, recipient: str | None, system: str, confidence: float = 0.95) -> MergedTransfer:
    return MergedTransfer(supplier, recipient, system, "export", sources=[], story_confidences={1: confidence})


def test_the_register_trusts_only_deals_the_catalogue_allows():
    assert _deal("country:usa", "country:ukraine", "system:javelin").trusted()
    assert not _deal("country:usa", "country:india", "system:s-400").trusted()  # the US neither makes nor holds it
    assert not _deal("country:ukraine", "country:usa", "system:javelin").trusted()  # to its own designer: backwards
    assert not _deal("country:poland", "country:germany", "system:leopard-2").trusted()  # to its maker: backwards
    assert _deal("country:japan", "country:usa", "system:patriot").trusted()  # a licensee may supply its designer
    assert _deal(None, "country:usa", "system:javelin").trusted()  # an unnamed supplier says nothing
    assert not _deal("country:usa", "country:ukraine", "system:javelin", confidence=0.5).trusted()


def test_a_system_the_catalogue_does_not_know_needs_two_stories():
    unknown = _deal("country:usa", "country:ukraine", "system:northwind-launcher")
    assert not unknown.trusted()  # nothing in the catalogue can check it: one story is not enough
    unknown.story_confidences[2] = 0.9
    assert unknown.trusted()
