"""Paths: every path not read is reported, symlink loops are walked once, names cannot forge lines."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from defgraph.ingestion import Quarantined, iter_inputs

READ = ("import json, sys\nfrom defgraph.ingestion import iter_inputs\n"
        "print(json.dumps([[getattr(i, 'code', 'ok'), i.source] for i in iter_inputs(sys.argv[1:])]))")


def read_all(*paths) -> list:
    return list(iter_inputs([str(p) for p in paths]))


def codes(items) -> list[str]:
    return [getattr(item, "code", "ok") for item in items]


def unprivileged(command: list[str]) -> list[str]:
    """``command`` run so that file permissions bind: as root, without the capabilities that bypass them."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be made to bind")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]


@pytest.fixture
def locked(tmp_path, write, story):
    """A corpus whose subfolder 'locked' (two articles) may not be listed or entered."""
    write("corpus/open.txt", story)
    write("corpus/locked/one.txt", story + " One.")
    write("corpus/locked/two.txt", story + " Two.")
    folder = tmp_path / "corpus" / "locked"
    folder.chmod(0)
    yield tmp_path / "corpus"
    folder.chmod(0o755)


def test_an_unreadable_folder_and_a_file_inside_it_are_reported(locked):
    output = subprocess.run(unprivileged([sys.executable, "-c", READ, str(locked), str(locked / "locked" / "one.txt")]),
                            capture_output=True, text=True, check=True).stdout
    assert json.loads(output) == [["E114", str(locked / "locked")], ["ok", str(locked / "open.txt")],
                                  ["E114", str(locked / "locked" / "one.txt")]]


def test_ingest_of_an_unreadable_folder_warns_and_exits_1(locked, tmp_path):
    command = [sys.executable, "-m", "defgraph.cli.main", "ingest", str(locked), "--no-extract",
               "--db", str(tmp_path / "db.sqlite")]
    done = subprocess.run(unprivileged(command), capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"defgraph: warning: quarantined [E114] {locked / 'locked'}: the file cannot be read (Permission denied); "
        "check that it exists and that you may read it."]


def test_a_glob_over_a_symlink_loop_reads_each_file_once(tmp_path, write, story):
    write("g/a.txt", story)
    write("g/sub/b.txt", story + " More.")
    (tmp_path / "g" / "sub" / "loop").symlink_to(tmp_path / "g")
    items = read_all(tmp_path / "g" / "**" / "*.txt")
    assert [item.source for item in items] == [str(tmp_path / "g" / "a.txt"), str(tmp_path / "g" / "sub" / "b.txt")]


def test_a_folder_symlink_is_followed_once_and_a_file_named_twice_read_once(tmp_path, write, story):
    write("corpus/a.txt", story)
    write("elsewhere/b.txt", story + " More.")
    (tmp_path / "corpus" / "elsewhere").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "corpus" / "again").symlink_to(tmp_path / "corpus")
    items = read_all(tmp_path / "corpus", tmp_path / "corpus" / "a.txt", tmp_path / "elsewhere")
    assert [item.source for item in items] == [str(tmp_path / "corpus" / "a.txt"),
                                               str(tmp_path / "corpus" / "elsewhere" / "b.txt")]


def test_a_dangling_link_in_a_folder_is_reported(tmp_path, write, story):
    write("corpus/a.txt", story)
    (tmp_path / "corpus" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert codes(read_all(tmp_path / "corpus")) == ["ok", "E109"]


def test_a_glob_under_a_missing_folder_is_a_missing_path(tmp_path):
    item, = read_all(tmp_path / "missing" / "*.txt")
    assert item.code == "E109" and item.source == str(tmp_path / "missing" / "*.txt")


def test_a_name_with_a_newline_cannot_forge_a_line(tmp_path, write):
    forged = write("a\ndefgraph: warning: all is well.txt", b"")
    item, = read_all(forged)
    assert isinstance(item, Quarantined) and "\n" not in item.reason + item.source
    assert item.source == str(tmp_path / "a\\ndefgraph: warning: all is well.txt")


def test_the_cli_prints_one_line_per_quarantined_name(tmp_path, write):
    write("corpus/a\ndefgraph: warning: forged.txt", b"")
    write("corpus/b\r\x1b[2K.txt", b"\x00\x01")
    done = subprocess.run([sys.executable, "-m", "defgraph.cli.main", "ingest", str(tmp_path / "corpus"),
                           "--no-extract", "--db", str(tmp_path / "db.sqlite")], capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("defgraph: warning: quarantined [E10") for line in lines)
    assert "\x1b" not in done.stderr and "\r" not in done.stderr


def test_an_undecodable_file_name_is_shown_escaped(tmp_path, write):
    path = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    Path(os.fsdecode(path)).write_bytes(b"")
    item, = read_all(tmp_path)
    assert item.code == "E101" and item.source == f"{tmp_path}/caf\\udce9.txt"
