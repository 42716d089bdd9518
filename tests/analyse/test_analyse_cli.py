"""The analysis commands: JSON for scripts, readable text, one-line errors with exit code 2."""
from __future__ import annotations

import json

from analyse.writing import SIPRI, write_s400_story
from click.testing import CliRunner

from defgraph.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_conflicts_as_json_and_text(write_doc, db_path):
    write_s400_story(write_doc)
    [conflict] = json.loads(run("conflicts", "--db", str(db_path), "--json").stdout)
    assert conflict["attribute"] == "value" and len(conflict["sides"]) == 2
    text = run("conflicts", "--db", str(db_path)).stdout
    assert "5430000000 USD" in text and "Wire B, 2018-10-04" in text


def test_timeline_of_two_countries_by_name(write_doc, db_path):
    write_s400_story(write_doc)
    result = run("timeline", "India", "Russia", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert lines[0].split()[:2] == ["2018-10", "month"] and "S-400 Russia → India: signed" in lines[0]


def test_show_entity_and_its_unknown_name_error(write_doc, db_path):
    write_s400_story(write_doc)
    shown = run("show", "entity", "Triumf", "--db", str(db_path), "--json")
    assert json.loads(shown.stdout)["id"] == "system:s-400"
    unknown = run("show", "entity", "Rao Kavitha", "--db", str(db_path))
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("defgraph: [E205] No entity matches 'Rao Kavitha'") and "Kavita Rao" in unknown.stderr


def test_register_filters_by_names_in_every_format(write_doc, db_path):
    write_s400_story(write_doc)
    args = ("register", "--recipient", "India", "--system", "S400", "--db", str(db_path))
    [row] = json.loads(run(*args, "--format", "json").stdout)
    assert (row["supplier"], row["system"], row["quantity"]) == ("Russia", "S-400", 5)
    assert run(*args, "--format", "csv").stdout.splitlines()[1].startswith("Russia,India,S-400,air defence system")
    table = run(*args).stdout.splitlines()
    assert table[0].split()[:3] == ["supplier", "recipient", "system"] and table[1].split()[:3] == ["Russia", "India", "S-400"]
    assert run("register", "--supplier", "India", "--db", str(db_path)).stderr.strip() == "no deal matches"


def test_reconcile_command(write_doc, db_path, tmp_path):
    write_s400_story(write_doc)
    path = tmp_path / "sipri.csv"
    path.write_text(SIPRI, encoding="utf-8")
    result = json.loads(run("reconcile", str(path), "--db", str(db_path), "--json").stdout)
    assert [len(result[k]) for k in ("matches", "disagreements", "only_ours", "only_theirs")] == [0, 1, 0, 2]
    text = run("reconcile", str(path), "--db", str(db_path)).stdout
    assert "delivery_years: ours [2021], theirs [2022, 2023]" in text
    missing = run("reconcile", str(tmp_path / "nope.csv"), "--db", str(db_path))
    assert missing.exit_code == 2 and "[E114]" in missing.stderr and "nope.csv" in missing.stderr


def test_a_missing_database_is_an_error_not_an_empty_answer(tmp_path):
    result = run("conflicts", "--db", str(tmp_path / "absent.db"))
    assert result.exit_code == 2 and "[E201]" in result.stderr
