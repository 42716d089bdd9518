"""Reconciling our register with a SIPRI-format CSV."""
from __future__ import annotations

import pytest
from analyse.writing import SIPRI, write_s400_story

from defgraph.analyse.reconcile import parse_number, parse_years, read_sipri, reconcile
from defgraph.analyse.register import register
from defgraph.errors import InputError


def test_sipri_cells_are_read():
    assert parse_number("(5)") == 5 and parse_number("1,200") == 1200 and parse_number("?") is None
    assert parse_years("2019; 2021-2023") == (2019, 2021, 2022, 2023) and parse_years("") == ()


def test_read_sipri_skips_the_preamble_and_reads_messy_cells(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(SIPRI, encoding="utf-8")
    s400, rafale, brahmos = read_sipri(path)
    assert (s400.line, s400.supplier, s400.designation, s400.number_ordered) == (5, "Russian Federation", "S-400 Triumf", 5)
    assert s400.delivery_years == (2022, 2023) and s400.status == "delivering"  # 3 of 5 delivered
    assert rafale.delivery_years == (2019, 2020, 2021, 2022) and rafale.status == "delivered"
    assert brahmos.number_ordered is None and brahmos.delivery_years == ()


def test_reconcile_reports_matches_disagreements_and_one_sided_rows(write_doc, knowledge, tmp_path):
    write_s400_story(write_doc)
    path = tmp_path / "register.csv"
    path.write_text(SIPRI, encoding="utf-8")
    k = knowledge()
    result = reconcile(register(k), read_sipri(path), k)
    [pair] = result.disagreements  # the S-400 row: Russian Federation and S-400 Triumf found through the catalogue
    assert pair["ours"]["system"] == "S-400"
    assert pair["differences"] == [{"slot": "delivery_years", "ours": (2021,), "theirs": (2022, 2023)}]
    assert result.matches == [] and result.only_ours == []
    assert [row["designation"] for row in result.only_theirs] == ["Rafale", "BrahMos"]


def test_a_csv_without_the_register_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,age\nKavita Rao,41\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_sipri(path)
    assert error.value.code == "E120" and str(path) in str(error.value)


def test_news_naming_some_of_the_delivery_years_agrees(write_doc, knowledge, tmp_path):
    write_s400_story(write_doc)
    path = tmp_path / "register.csv"
    path.write_text(SIPRI.replace("2022-2023", "2021-2023"), encoding="utf-8")
    k = knowledge()
    result = reconcile(register(k), read_sipri(path), k)
    [pair] = result.matches
    assert pair["theirs"]["delivery_years"] == [2021, 2022, 2023] and result.disagreements == []
