"""``defgraph export``: every format through the command line."""
from __future__ import annotations

import json

from analyse.writing import write_s400_story
from click.testing import CliRunner

from defgraph.cli.main import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_export_each_format_reports_what_it_wrote(write_doc, db_path, tmp_path):
    write_s400_story(write_doc)
    for fmt, out in (("jsonl", "facts.jsonl"), ("csv", "tables"), ("graphml", "graph.graphml"), ("ftm", "ftm.json")):
        result = run("export", "--format", fmt, "--out", str(tmp_path / out), "--db", str(db_path), "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["written"] > 0 and (tmp_path / out).exists()


def test_line_formats_go_to_stdout(write_doc, db_path):
    write_s400_story(write_doc)
    lines = run("export", "--format", "ftm", "--out", "-", "--db", str(db_path)).stdout.splitlines()
    assert {json.loads(line)["schema"] for line in lines} >= {"Article", "PublicBody", "Person", "Asset"}


def test_an_unknown_format_is_a_usage_error(db_path):
    result = run("export", "--format", "xlsx", "--out", "x", "--db", str(db_path))
    assert result.exit_code == 2 and "xlsx" in result.output


def test_an_unwritable_destination_names_the_path(write_doc, db_path, tmp_path):
    write_s400_story(write_doc)
    out = tmp_path / "no-such-folder" / "facts.jsonl"
    result = run("export", "--format", "jsonl", "--out", str(out), "--db", str(db_path))
    assert result.exit_code == 2 and "[E121]" in result.stderr and str(out) in result.stderr


def test_an_export_over_the_database_is_refused(write_doc, db_path):
    write_s400_story(write_doc)
    before = db_path.read_bytes()
    for fmt, out in (("jsonl", db_path), ("ftm", db_path.parent / "." / db_path.name), ("graphml", f"{db_path}-wal")):
        result = run("export", "--format", fmt, "--out", str(out), "--db", str(db_path))
        assert result.exit_code == 2 and result.stderr.startswith("defgraph: [E122]"), (fmt, result.output)
    assert db_path.read_bytes() == before


def test_standard_output_is_refused_for_csv_and_graphml(write_doc, db_path, tmp_path, monkeypatch):
    write_s400_story(write_doc)
    monkeypatch.chdir(tmp_path)
    for fmt in ("csv", "graphml"):
        result = run("export", "--format", fmt, "--out", "-", "--db", str(db_path))
        assert result.exit_code == 2 and result.stderr.startswith("defgraph: [E123]"), result.output
    assert not (tmp_path / "-").exists()
