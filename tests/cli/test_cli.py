"""The command line: thin over the API, JSON for scripts, one-line errors, exit codes 0/1/2."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from defgraph.cli.main import cli

BODY = ("NEW DELHI, June 3 - India expects the last two squadrons of the S-400 air defence system by "
        "next year, a ministry spokesperson, Lena Voskova, said on Monday. \"Deliveries are on track,\" "
        "she said, adding that crews had finished their training.")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "s400.txt").write_text(f"published: 2024-06-03\n---\nS-400 deliveries on track\n\n{BODY}\n")
    (folder / "frigate.txt").write_text("published: 2024-05-20\n---\nFrigate commissioned\n\n"
                                        "The navy commissioned a new stealth frigate at the northern shipyard "
                                        "on Monday, its commander said, after sea trials that lasted a year.\n")
    return folder


def run(*args: str, **env: str):
    return CliRunner(env=env or None).invoke(cli, list(args))


def test_ingest_then_stats_search_show_as_json(corpus, db_path):
    ingested = run("ingest", str(corpus), "--no-extract", "--db", str(db_path), "--json")
    assert ingested.exit_code == 0, ingested.output
    assert json.loads(ingested.stdout) | {"seconds": 0} == {
        "db": str(db_path), "read": 2, "added": 2, "skipped": 0, "near_duplicates": 0, "quarantined": 0,
        "seconds": 0}
    assert json.loads(run("stats", "--db", str(db_path), "--json").stdout)["documents"] == 2
    hits = json.loads(run("search", "S-400", "--db", str(db_path), "--json").stdout)
    snippet = hits[0]["snippet"]  # the matched words in brackets: "[S-400]", or "[S]-[400]" as the index splits it
    assert len(hits) == 1 and "S-400" in snippet.replace("[", "").replace("]", "") and "[S" in snippet
    document = json.loads(run("show", "doc", str(hits[0]["doc_id"]), "--db", str(db_path), "--json").stdout)
    assert document["title"] == "S-400 deliveries on track" and document["published"] == "2024-06-03"
    assert json.loads(run("quarantine", "--db", str(db_path), "--json").stdout) == []


def test_human_output_summarises(corpus, db_path):
    result = run("ingest", str(corpus), "--no-extract", "--db", str(db_path))
    assert result.stdout.startswith("read 2, added 2, skipped 0")
    again = run("ingest", str(corpus), "--no-extract", "--db", str(db_path))
    assert "added 0, skipped 2" in again.stdout
    stats = run("stats", "--db", str(db_path)).stdout
    assert "documents" in stats and stats.split("documents")[1].split()[0] == "2"
    assert "Frigate commissioned" in run("search", "frigates", "--db", str(db_path)).stdout


def test_the_database_comes_from_the_environment(corpus, db_path):
    assert run("ingest", str(corpus), "--no-extract", DEFGRAPH_DB=str(db_path)).exit_code == 0
    assert json.loads(run("stats", "--json", DEFGRAPH_DB=str(db_path)).stdout)["documents"] == 2


def test_quarantined_inputs_warn_one_line_each_and_exit_1(corpus, db_path):
    (corpus / "empty.txt").write_text("")
    result = run("ingest", str(corpus), str(corpus / "nowhere.txt"), "--no-extract", "--db", str(db_path))
    assert result.exit_code == 1
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2 and all(line.startswith("defgraph: warning: quarantined [E1") for line in warnings)
    records = json.loads(run("quarantine", "--db", str(db_path), "--json").stdout)
    assert sorted(r["code"] for r in records) == ["E101", "E109"]


@pytest.mark.parametrize("args, code", [
    (["stats"], "E201"),
    (["show", "doc", "7"], "E204"),
    (["search", "S-400", "--db", "postgresql://127.0.0.1:1/test?connect_timeout=2"], "E203"),
])
def test_user_errors_are_one_line_with_exit_2(args, code, corpus, db_path):
    run("ingest", str(corpus), "--no-extract", "--db", str(db_path))
    missing = db_path.with_name("missing.db")
    result = run(*args, *([] if "--db" in args else ["--db", str(missing if code == "E201" else db_path)]))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"defgraph: [{code}] ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_extract_writes_gold_json_lines_to_stdout(corpus, nlp):
    result = run("extract", str(corpus / "s400.txt"), "--out", "-")
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["doc"] == "s400.txt" and record["published"] == "2024-06-03"
    assert {"entities", "roles", "transfers", "quotes", "events", "claims", "attributes"} <= record.keys()


def test_extract_writes_one_file_per_article(corpus, tmp_path, nlp):
    out = tmp_path / "out"
    result = run("extract", str(corpus), "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["frigate.json", "s400.json"]
    record = json.loads((out / "s400.json").read_text())
    assert record["article"]["text"].startswith("S-400 deliveries on track")


@pytest.mark.parametrize("command", [["ingest"], ["extract"], ["search"], ["stats"], ["show", "doc"],
                                     ["quarantine"]])
def test_every_command_has_help_with_examples(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert f"defgraph {' '.join(command)}" in result.stdout
    if command != ["extract"]:
        assert "--db" in result.stdout and "--json" in result.stdout


def test_extract_writes_one_gold_file_per_article_with_confidences(eval_dev, tmp_path):
    """A real process, model load included: the 20 dev articles, gold files beside them left alone."""
    result = subprocess.run([sys.executable, "-m", "defgraph.cli.main", "extract", str(eval_dev),
                             "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert written == sorted(p.name.replace(".txt", ".json") for p in eval_dev.glob("*.txt"))
    assert len(written) == 20
    facts = [fact for name in written for kind in ("transfers", "quotes", "roles", "events")
             for fact in json.loads((tmp_path / name).read_text())[kind]]
    assert facts and all(0 <= fact["confidence"] <= 1 for fact in facts)
    assert json.loads((tmp_path / written[0]).read_text())["doc"] == written[0].replace(".json", ".txt")


def test_a_postgres_url_works_as_the_database(corpus, pg_url):
    assert run("ingest", str(corpus), "--no-extract", "--db", pg_url).exit_code == 0
    assert json.loads(run("stats", "--db", pg_url, "--json").stdout)["documents"] == 2
    (hit,) = json.loads(run("search", "frigate", "--db", pg_url, "--json").stdout)
    assert hit["title"] == "Frigate commissioned"


def test_ingest_reads_standard_input(db_path):
    result = CliRunner().invoke(cli, ["ingest", "-", "--no-extract", "--db", str(db_path), "--json"],
                                input=f"S-400 deliveries on track\n\n{BODY}\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 1
    assert json.loads(run("search", "Voskova", "--db", str(db_path), "--json").stdout)[0]["doc_id"] == 1


def test_show_doc_prints_metadata_facts_and_text(corpus, db_path):
    run("ingest", str(corpus / "s400.txt"), "--no-extract", "--db", str(db_path))
    shown = run("show", "doc", "1", "--db", str(db_path)).stdout
    assert shown.startswith("document 1: S-400 deliveries on track\n  published: 2024-06-03\n")
    assert "cluster 1 (original)" in shown and shown.rstrip().endswith("crews had finished their training.")


def test_help_lists_every_command_with_its_own_summary():
    from defgraph.cli.main import COMMANDS

    listing = run("--help")
    assert listing.exit_code == 0
    shown = " ".join(listing.output.split())
    for name, (_, _, summary) in COMMANDS.items():
        command = cli.get_command(None, name)
        assert command.get_short_help_str(limit=70) == summary, name
        assert f"{name} {summary}" in shown


def test_help_imports_no_command_module_and_no_heavy_library():
    probe = ("import sys\nfrom defgraph.cli.main import cli\n"
             "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
             "heavy = {'spacy', 'followthemoney', 'fastapi', 'networkx', 'uvicorn', 'trafilatura'}\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith('defgraph.cli.')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['defgraph.cli.main']"


def test_a_missing_package_is_one_error_line_naming_it(tmp_path):
    probe = ("import sys\nsys.modules['uvicorn'] = None\nfrom defgraph.cli.main import cli\n"
             f"cli(['serve', '--db', {str(tmp_path / 'x.db')!r}])")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "defgraph: [E150] defgraph serve needs the package 'uvicorn', which is not installed; "
        "reinstall defgraph (pip install -e .) or pip install uvicorn."]


def test_show_doc_notes_what_reading_repaired(tmp_path, db_path):
    (tmp_path / "pasted.txt").write_bytes(f"Frigate delivered\n\n{BODY}\n".encode() + b"\x93On time\x94, she said.\n")
    assert run("ingest", str(tmp_path / "pasted.txt"), "--no-extract", "--db", str(db_path)).exit_code == 0
    shown = run("show", "doc", "1", "--db", str(db_path)).stdout
    assert "  note: 2 bytes not UTF-8 on line 4 read as cp1252\n" in shown
    assert "\u201cOn time\u201d, she said." in shown
    document = json.loads(run("show", "doc", "1", "--db", str(db_path), "--json").stdout)
    assert document["notes"] == ["2 bytes not UTF-8 on line 4 read as cp1252"]
