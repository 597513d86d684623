"""Grading typed answers: time per answer over the labelled corpus, on the bundled deck, and over the
labelled tuning halves of the decks written by others (tests/data/decks, the second deck)."""

from __future__ import annotations

import csv
import time
from pathlib import Path

from rutw_quiz.deck import read_deck_files
from rutw_quiz.grading.responses import ResponseGrader
from rutw_quiz.questions.models import FillInQuestion, ShortAnswerQuestion
from rutw_quiz.resources import bundled_deck_path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CORPUS = DATA / "grading_corpus.csv"
LABELLED = [
    DATA / "decks" / "radium" / "radium.yaml",
    DATA / "decks" / "claude-monet" / "claude-monet.yaml",
    DATA / "second_deck" / "trans_siberian.yaml",
]


def run() -> None:
    """Print the first-use cost (deck index and answer tables) and the mean time per graded answer."""
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = [(r["question_id"], r["answer"]) for r in csv.DictReader(handle)]
    deck = read_deck_files([bundled_deck_path()])[0].deck
    start = time.perf_counter()
    grader = ResponseGrader([deck])
    for question_id, answer in rows:
        grader.grade(question_id, answer)
    first = time.perf_counter() - start
    # each answer graded afresh (QuestionKey.grade, no memo): the cost of one answer in the quiz
    typed = []
    for question_id, answer in rows:
        question = grader.question(question_id)
        if isinstance(question, FillInQuestion | ShortAnswerQuestion):
            typed.append((grader.key.for_question(question), answer))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for key, answer in typed:
            key.grade(answer)
        best = min(best, time.perf_counter() - start)
    memo = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for question_id, answer in rows:
            grader.grade(question_id, answer)
        memo = min(memo, time.perf_counter() - start)
    print(
        f"{len(rows)} corpus answers: first pass (builds the tables) {first * 1000:6.1f} ms; "
        f"then {best / len(typed) * 1e6:6.1f} µs per answer graded afresh, "
        f"{memo / len(rows) * 1e6:5.1f} µs per answer seen before (grade --responses' memo)"
    )
    labelled()


def labelled() -> None:
    """The mean time per answer graded afresh over the three labelled tuning halves (keys built first)."""
    typed = []
    for deck_path in LABELLED:
        deck = read_deck_files([deck_path])[0].deck
        grader = ResponseGrader([deck])
        prompts = {fact.id: bool(fact.prompt) for fact in deck.facts}
        with (deck_path.parent / "answers.tune.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                kind = "short_answer" if prompts[row["fact_id"]] else "fill_in"
                question = grader.question(f"{deck.id}:{row['fact_id']}:{kind}")
                assert isinstance(question, FillInQuestion | ShortAnswerQuestion)
                key = grader.key.for_question(question)
                key.grade(row["answer"])  # the key's lazy tables built
                typed.append((key, row["answer"]))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for key, answer in typed:
            key.grade(answer)
        best = min(best, time.perf_counter() - start)
    print(
        f"{len(typed)} labelled answers of three other decks: {best / len(typed) * 1e6:6.1f} µs per answer graded afresh"
    )
