"""Exports: the question bank, then each format's writer, on the bundled deck and synthetic decks.

The bank is built once per deck and every writer reads it, so the figures show what the bank costs
(the engine's builders, and its selection for timelines and matching per topic) and what each
format adds on top: its time (best of a few runs) and the peak memory it allocates beyond the
bank (tracemalloc), writing to /dev/null as the command writes its file. Times are CPU seconds
of this process (the least of a few runs), which other load on the machine barely changes.
Issue 22 asks every writer to be linear in the deck: the "x" columns give the growth from the
size before (10x facts: about 10x time; the Moodle and Canvas writers stream, so their memory
stays flat). The whole command (`rutw-quiz export moodle`, `qti`) is then run as a process
under /usr/bin/time: wall and CPU seconds, and peak memory.

    .venv/bin/python benchmarks/bench_export.py [FACTS ...]     # default: 1000 10000
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml
from bench_load import COMMAND, valid_deck_data
from synthetic import synthetic_deck

from rutw_quiz.deck import read_deck_file
from rutw_quiz.deck.models import Deck
from rutw_quiz.output import write_atomic
from rutw_quiz.questions.bank import QuestionBank, build_bank
from rutw_quiz.render.blackboard import blackboard
from rutw_quiz.render.class_games import blooket_file, game_questions, gimkit_file
from rutw_quiz.render.flashcards import quizlet_text
from rutw_quiz.render.gift import gift
from rutw_quiz.render.kahoot import kahoot_xlsx
from rutw_quiz.render.moodle_xml import moodle_xml_pieces
from rutw_quiz.render.qti import qti_zip
from rutw_quiz.resources import bundled_deck_path

NOWHERE = Path(os.devnull)

WRITERS: dict[str, Callable[[QuestionBank], object]] = {
    "moodle": lambda bank: write_atomic(NOWHERE, moodle_xml_pieces(bank)),
    "gift": lambda bank: write_atomic(NOWHERE, gift(bank).text),
    "qti": lambda bank: write_atomic(NOWHERE, qti_zip(bank).data),
    "blackboard": lambda bank: write_atomic(NOWHERE, blackboard(bank).text),
    "kahoot": lambda bank: write_atomic(
        NOWHERE, kahoot_xlsx(game_questions(bank), title="T", time_limit=20).data
    ),
    "quizlet": lambda bank: write_atomic(NOWHERE, quizlet_text(bank)),
    "blooket": lambda bank: write_atomic(NOWHERE, blooket_file(game_questions(bank), time_limit=20).text),
    "gimkit": lambda bank: write_atomic(NOWHERE, gimkit_file(game_questions(bank)).text),
}


def cpu_seconds(repeats: int, func: Callable[[], object]) -> float:
    """The least CPU time of `repeats` runs of `func`."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def peak_mib(func: Callable[[], object]) -> float:
    """The most memory `func` held at once, in MiB, beyond what was allocated before it ran."""
    gc.collect()
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def _report(label: str, deck: Deck, repeats: int, before: dict[str, tuple[float, float]]) -> None:
    start = time.process_time()
    bank = build_bank([deck])
    seconds = time.process_time() - start
    print(
        f"{label}: {len(deck.facts):,} facts -> bank of {len(bank.questions):,} questions in {seconds:.2f} s"
    )
    for name, write in WRITERS.items():
        seconds = cpu_seconds(repeats, lambda write=write: write(bank))  # type: ignore[misc]
        memory = peak_mib(lambda write=write: write(bank))  # type: ignore[misc]
        growth = ""
        if name in before:
            old_seconds, old_memory = before[name]
            growth = f"   x{seconds / old_seconds:5.1f} time  x{memory / max(old_memory, 0.01):5.1f} memory"
        print(f"  {name:<10} {seconds * 1000:9.1f} ms CPU  {memory:7.1f} MiB{growth}")
        before[name] = (seconds, memory)


def measure(args: list[str], cwd: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak KB, exit status) of one run of the command."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall and user and system and peak, done.stderr
    seconds = float(wall[1] or 0) * 60 + float(wall[2])
    return seconds, float(user[1]) + float(system[1]), int(peak[1]), done.returncode


def _whole_command(size: int) -> None:
    if not Path("/usr/bin/time").exists() or not shutil.which(str(COMMAND)):
        print("  (no /usr/bin/time or rutw-quiz here: the command is not measured)")
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        deck = work / "deck.yaml"
        data = yaml.safe_dump(valid_deck_data(size), allow_unicode=True, sort_keys=False)
        deck.write_text(data, encoding="utf-8")
        for fmt in ("moodle", "qti"):
            out = work / f"out.{fmt}"
            wall, cpu, peak, status = measure(["export", fmt, "--deck", str(deck), "-o", str(out)], work)
            megabytes = out.stat().st_size / 1e6 if status == 0 else 0
            print(
                f"  rutw-quiz export {fmt:<7} {size:>6,} facts: {wall:6.2f} s wall  {cpu:6.2f} s CPU  "
                f"{peak / 1024:7.1f} MB peak  ({megabytes:.1f} MB file, exit {status})"
            )


def run(sizes: list[int] | None = None) -> None:
    """Print the bank's and each writer's time and memory, then the whole command's."""
    sizes = sizes or [1_000, 10_000]
    _report("bundled deck", read_deck_file(bundled_deck_path()).deck, repeats=5, before={})
    before: dict[str, tuple[float, float]] = {}
    for n in sizes:
        _report(f"synthetic deck ({n:,} facts)", synthetic_deck(n), repeats=2, before=before)
    print("whole command (bank and writer), one run each:")
    for n in sizes:
        _whole_command(n)


if __name__ == "__main__":
    run([int(a) for a in sys.argv[1:]] or None)
