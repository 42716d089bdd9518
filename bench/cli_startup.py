"""Start-up time of the ``defgraph`` command, against a bare Python interpreter in the same run.

    python bench/cli_startup.py             # 15 runs of each, best and median
    python bench/cli_startup.py --runs 40

Times ``defgraph --help`` (the command group with every command listed) and ``python -c pass`` as
subprocesses, alternating, and prints the best and median seconds of each and the ratio of the medians.
The target is ``defgraph --help`` under 0.3 s.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    commands = {"defgraph --help": [sys.executable, "-m", "defgraph.cli.main", "--help"],
                "python -c pass": [sys.executable, "-c", "pass"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(seconds(command))
    for name, measured in times.items():
        print(f"{name:<16} best {min(measured):.3f} s  median {statistics.median(measured):.3f} s")
    ratio = statistics.median(times["defgraph --help"]) / statistics.median(times["python -c pass"])
    verdict = "under" if statistics.median(times["defgraph --help"]) < 0.3 else "OVER"
    print(f"ratio {ratio:.2f}; defgraph --help is {verdict} the 0.3 s target")


if __name__ == "__main__":
    main()
