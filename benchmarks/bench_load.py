"""Reading deck files: time and peak memory of the commands on a valid 10,000-fact deck file.

Writes the deck (synthetic facts, less the few that break a check, e.g. a record number
that equals its year) to a temporary YAML file, times its parsing in-process, then runs
`validate`, `questions -n 1000`, `worksheet` and `anki` under `/usr/bin/time -v` when
it is there. Issue 12 asks for each under 1.5 s and 150 MB.

    .venv/bin/python benchmarks/bench_load.py [FACTS]
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from synthetic import Shape, synthetic_deck_data
from timing import best_of

from rutw_quiz.deck.checks import deck_findings
from rutw_quiz.deck.models import Deck
from rutw_quiz.deck.yaml_source import parse_yaml

COMMAND = Path(sys.executable).parent / "rutw-quiz"


def valid_deck_data(size: int, shape: Shape = "few") -> dict[str, object]:
    """Synthetic deck data with exactly `size` facts, every one valid."""
    data = synthetic_deck_data(size + size // 100 + 10, shape)
    deck = Deck.model_validate(data)
    bad = {path[1] for path, _ in deck_findings(deck) if path[:1] == ("facts",)}
    facts = [f for i, f in enumerate(data["facts"]) if i not in bad]  # type: ignore[arg-type]
    return {**data, "facts": facts[:size]}


def measure(args: list[str], cwd: Path) -> tuple[float, int, int]:
    """(seconds, peak KB, exit status) of one run of the command."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    seconds = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)", done.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert seconds and peak, done.stderr
    return float(seconds[1] or 0) * 60 + float(seconds[2]), int(peak[1]), done.returncode


def run(size: int = 10_000) -> None:
    """Print the parse time and each command's time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        deck = work / "deck.yaml"
        deck.write_text(
            yaml.safe_dump(valid_deck_data(size), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        text = deck.read_text(encoding="utf-8")
        print(f"{size} facts, {len(text.encode()) / 1e6:.1f} MB of YAML")
        print(f"  parse (best of 3): {best_of(3, lambda: parse_yaml(text)):.2f} s")
        if not Path("/usr/bin/time").exists() or not shutil.which(str(COMMAND)):
            print("  (no /usr/bin/time or rutw-quiz here: commands not measured)")
            return
        crlf = work / "deck-crlf.yaml"  # as a Windows editor saves it: CRLF line ends
        crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
        commands = {
            "validate": ["validate", str(deck)],
            "validate (CRLF)": ["validate", str(crlf)],
            "questions -n 1000": ["questions", "-n", "1000", "--seed", "1", "--deck", str(deck)],
            "worksheet": ["worksheet", "--seed", "1", "--deck", str(deck), "-o", "w.html"],
            "anki": ["anki", "--deck", str(deck), "-o", "a.apkg"],
        }
        for name, args in commands.items():
            seconds, peak, status = measure(args, work)
            print(f"  {name:<18} {seconds:5.2f} s  {peak / 1024:6.1f} MB  exit {status}")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
