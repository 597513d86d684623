"""Quiz start-up: from launching `rutw-quiz quiz` to the first question on screen (goal: < 0.5 s).

The real command runs in a pseudo-terminal, as a student starts it; the clock stops when
"1/N" appears. Median of several runs, for the bundled deck and for a synthetic large one.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))
RUNS = 7


def time_to_first_question(args: list[str], home: Path) -> float:
    """Seconds from spawning the quiz to its first question's number on screen."""
    start = time.perf_counter()
    child = pexpect.spawn(
        COMMAND,
        ["quiz", *args],
        env={"RUTW_QUIZ_HOME": str(home), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        encoding="utf-8",
        timeout=30,
    )
    child.expect(r"\b1/\d+")
    elapsed = time.perf_counter() - start
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def _report(label: str, args: list[str], home: Path) -> None:
    time_to_first_question(args, home)  # warm the file cache
    times = [time_to_first_question(args, home) for _ in range(RUNS)]
    print(
        f"{label}: first question after {statistics.median(times) * 1000:.0f} ms "
        f"(median of {RUNS}; min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms)"
    )


def run() -> None:
    """Print the start-up time of the quiz on the bundled deck and on larger decks."""
    from synthetic import synthetic_deck

    from rutw_quiz.resources import bundled_deck_path

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        bundled = bundled_deck_path()
        if bundled.is_file():
            _report("bundled deck", ["--seed", "1"], home)
        mini = Path(__file__).resolve().parents[1] / "tests" / "data" / "mini.yaml"
        _report("tests/data/mini.yaml", ["--deck", str(mini), "--seed", "1"], home)
        for size in (1_000,):
            path = Path(folder) / f"synthetic_{size}.yaml"
            path.write_text(synthetic_deck_yaml(synthetic_deck, size), encoding="utf-8")
            _report(f"synthetic deck of {size} facts", ["--deck", str(path), "--seed", "1"], home)


def synthetic_deck_yaml(make: object, size: int) -> str:
    """The synthetic deck written as a deck file (JSON is valid YAML)."""
    deck = make(size)  # type: ignore[operator]
    text: str = deck.model_dump_json(exclude_none=True)
    return text


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    run()
