"""Extraction output is byte-identical across hash seeds and runs, on every gold set we have.

The test session's own run over every registered set (the locked split included: only outputs are
compared, never read) is compared with a second interpreter's run under another ``PYTHONHASHSEED``:
every fact with its confidence, as JSON, must be the same bytes. Set or dict iteration that leaks into a
decision shows up here as a difference.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json
from defgraph.evaluate.report import extract_both, gold_sets, load_gold_dir
documents = [d for s in gold_sets() if s.available() for d in load_gold_dir(s.path)]
print(json.dumps(extract_both(documents)[1], sort_keys=True, ensure_ascii=False))
"""


def test_extraction_is_identical_under_another_hash_seed(gold_run):
    # 5 once exposed a tie broken by hash order; the session runs under its own (random or given) seed
    seed = "1" if os.environ.get("PYTHONHASHSEED") == "5" else "5"
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": seed})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == json.dumps(gold_run.every, sort_keys=True, ensure_ascii=False), \
        f"extraction differs between this session's hash seed and {seed}"
    assert done.stdout.count('"entities"') > 40
