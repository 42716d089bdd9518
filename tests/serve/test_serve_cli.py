"""``defgraph serve`` as a user runs it: a real process on a free port."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

DEFGRAPH = [sys.executable, "-m", "defgraph.cli.main"]


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_the_given_port(fixture_db: Path, unused_port: int, workers: int):
    server = subprocess.Popen([*DEFGRAPH, "serve", "--db", str(fixture_db), "--port", str(unused_port),
                               "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, body = time.monotonic() + 120, None
        while body is None:
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "defgraph serve did not answer within 120 s"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{unused_port}/api/stats", timeout=5) as response:
                    body = json.load(response)
            except OSError:
                time.sleep(0.3)
        assert body["counts"]["documents"] == 4
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_refuses_a_missing_database(tmp_path: Path):
    done = subprocess.run([*DEFGRAPH, "serve", "--db", str(tmp_path / "none.db")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert "[E201]" in done.stderr and "defgraph ingest" in done.stderr
    assert not (tmp_path / "none.db").exists()
