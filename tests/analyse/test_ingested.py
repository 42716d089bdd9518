"""Merge and register over articles taken through the real pipeline (ingest, extraction, store)."""
from __future__ import annotations

from pathlib import Path

import defgraph

STORY = ("NEW DELHI, {date} - Russia will supply five S-400 air defence squadrons to India under a USD 5.43 billion "
         "contract signed on {day}, the defence ministry said. Officials said the first squadron would arrive "
         "within two years and crews would train near Moscow beforehand.")
LATER = ("MOSCOW, December 21 - Russia has begun delivering the S-400 air defence system to India, "
         "a Russian official said on Tuesday, adding that the remaining units would follow next year.")


def _write(folder: Path, name: str, outlet: str, published: str, body: str) -> None:
    (folder / name).write_text(f"outlet: {outlet}\npublished: {published}\n---\nS-400 news\n\n{body}\n", encoding="utf-8")


def test_copies_of_one_wire_story_support_a_deal_once(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    _write(folder, "a.txt", "Wire A", "2018-10-05", STORY.format(date="October 5", day="Friday"))
    _write(folder, "b.txt", "Paper B", "2018-10-05", STORY.format(date="Oct 5", day="Friday"))
    _write(folder, "c.txt", "Wire C", "2021-12-21", LATER)
    db = tmp_path / "news.db"
    report = defgraph.ingest([folder], db=db)
    assert report.near_duplicates == 1
    deals = [d for d in defgraph.merge_transfers(db=db) if d.system == "system:s-400"]
    [deal] = [d for d in deals if (d.supplier, d.recipient) == ("country:russia", "country:india")]
    assert len({s.doc_id for s in deal.sources}) == 3 and deal.support == 2
    assert deal.best("quantity")[0] == 5 and deal.best("value") == [5.43e9, "USD"]
    [row] = defgraph.register(db=db, recipient="India", system="S-400")
    assert row.supplier == "Russia" and row.order_year == 2018
