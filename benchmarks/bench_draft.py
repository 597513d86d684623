"""How long `rutw-quiz draft` takes on real texts, whole process (what an author waits for).

    python benchmarks/bench_draft.py

Prints, for each text in tests/data/draft and the bundled deck's article, its size in words, the
facts drafted and the best of 5 runs of the whole command.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))
TEXTS = [
    ROOT / "decks" / "russia_taiwan.wikipedia.txt",
    *sorted(p for p in (ROOT / "tests" / "data" / "draft").glob("*/*") if p.name != "SOURCE.md"),
]


def best_of(runs: int, source: Path, out: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([COMMAND, "draft", str(source), "-o", str(out)], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    print(f"{'text':<28} {'words':>6} {'facts':>5} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for source in TEXTS:
            out = Path(folder) / f"{source.stem}.yaml"
            seconds = best_of(5, source, out)
            facts = out.read_text(encoding="utf-8").split("\nfacts:\n")[1].count("\n  - id: ")
            words = len(source.read_text(encoding="utf-8").split())
            print(f"{source.name:<28} {words:>6} {facts:>5} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
