"""`grade --responses` as a teacher runs it: whole process, time and peak memory, answers per second.

Bundled deck: the labelled corpus cycled to 10,000 and 100,000 rows (answers repeat, as in a
class). Synthetic decks of 1,000, 3,000, 10,000 (and 12,000) facts: 10,000 and 100,000 rows of
40% exact answers, 15% lower case, 15% with a typo, 25% another fact's answer, 5% blank, over
short-answer, fill-in and multiple-choice ids (issue 22: at least 100,000 answers a second on the
bundled deck, 20,000 on a 10,000-fact deck; memory flat in the rows). Also the practice page's
answer tables for those decks (their size, which issue 22 wants under 5 MB at 10,000 facts).

    .venv/bin/python benchmarks/bench_grade_responses.py [FACTS ...]
"""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from bench_load import COMMAND, valid_deck_data
from synthetic import synthetic_deck

from rutw_quiz.deck import read_deck_files
from rutw_quiz.grading.key import AnswerKey
from rutw_quiz.grading.tables import AnswerTables

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "grading_corpus.csv"
TYPES = ("short_answer", "fill_in", "multiple_choice")


def corpus_rows(count: int) -> list[list[str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = [[r["question_id"], r["answer"]] for r in csv.DictReader(handle)]
    return [[f"s{i % 30}", *rows[i % len(rows)]] for i in range(count)]


def synthetic_rows(data: dict[str, object], count: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    facts = data["facts"]
    assert isinstance(facts, list)
    out = []
    for i in range(count):
        fact = rng.choice(facts)
        qid = f"{data['id']}:{fact['id']}:{rng.choice(TYPES)}"
        roll = rng.random()
        answer = fact["answer"]
        if roll < 0.40:
            typed = answer
        elif roll < 0.55:
            typed = answer.lower()
        elif roll < 0.70:
            k = rng.randrange(1, max(2, len(answer) - 1))
            typed = answer[:k] + answer[k + 1 :]
        elif roll < 0.95:
            typed = rng.choice(facts)["answer"]
        else:
            typed = ""
        out.append([f"s{i % 30}", qid, typed])
    return out


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question_id", "answer"])
        writer.writerows(rows)


def measure(args: list[str], cwd: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak KB, exit status) of one run; on a shared machine the CPU
    time (user + system) is the steadier figure."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall and user and system and peak, done.stderr
    cpu = float(user[1]) + float(system[1])
    return float(wall[1] or 0) * 60 + float(wall[2]), cpu, int(peak[1]), done.returncode


def run_marking(label: str, deck: Path | None, rows: list[list[str]], folder: Path) -> None:
    answers = folder / "answers.csv"
    write_csv(answers, rows)
    deck_args = ["--deck", str(deck)] if deck else []
    wall, cpu, peak_kb, status = measure(
        ["grade", *deck_args, "--responses", str(answers), "-o", str(folder / "marked.csv")], folder
    )
    print(
        f"{label}, {len(rows):>7,} rows: {wall:6.2f} s ({cpu:5.2f} s CPU), {peak_kb / 1024:4.0f} MB peak, "
        f"{len(rows) / wall:>8,.0f} answers/s ({len(rows) / cpu:>7,.0f}/s of CPU) (exit {status})"
    )


def table_size(data: dict[str, object]) -> None:
    deck = synthetic_deck(len(data["facts"]))  # type: ignore[arg-type]
    key = AnswerKey.of([deck])
    from rutw_quiz.questions.builders import DeckContext, fill_in
    from rutw_quiz.questions.distractors import AnswerIndex

    ctx = DeckContext(deck, AnswerIndex.of(deck))
    rng = random.Random(0)
    start = time.perf_counter()
    tables = AnswerTables()
    for fact in deck.facts:
        question = fill_in(ctx, fact, rng)
        if question is not None:
            tables.add(question.id, key.for_question(question))
    size = len(json.dumps(tables.as_json(), ensure_ascii=False, separators=(",", ":")).encode())
    print(
        f"practice tables, a fill-in of every fact: {size / 1e6:5.2f} MB, built in "
        f"{time.perf_counter() - start:5.2f} s"
    )


def run() -> None:
    """Time marking on the bundled deck and on synthetic decks."""
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1_000, 3_000, 10_000, 12_000]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for count in (10_000, 100_000):
            run_marking("bundled deck", None, corpus_rows(count), folder)
        for size in sizes:
            data = valid_deck_data(size)
            deck_path = folder / f"deck{size}.yaml"
            deck_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            read_deck_files([deck_path])  # valid
            for count in (10_000, 100_000):
                run_marking(f"{size:,}-fact deck", deck_path, synthetic_rows(data, count), folder)
            table_size(data)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    run()
