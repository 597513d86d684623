"""Benchmarks: run `python benchmarks/bench.py` and read the figures it prints.

Each `bench_*.py` beside this file has a `run()` that prints its own figures; this
script runs them all in name order. Numbers depend on the machine: the ones quoted
in the README and issue notes were measured on a 2-core development machine.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    """Run every benchmark module, or those named on the command line (e.g. `questions`)."""
    sys.path.insert(0, str(HERE))
    wanted = set(sys.argv[1:])
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name}")
        importlib.import_module(path.stem).run()


if __name__ == "__main__":
    main()
