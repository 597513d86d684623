"""The grader against a teacher: a labelled corpus of typed answers to the bundled deck.

`tests/data/grading_corpus.csv` holds typed answers to the bundled deck's short-answer and
fill-in questions, each judged right or wrong by a teacher and tagged with the class it
tests (alias, ordinal-date, opposite, syllable, ...). Every row is graded by the real
grader; the rates and every misgraded row are printed (`pytest -s` shows them).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from rutw_quiz.deck import read_deck_files
from rutw_quiz.grading.responses import GradingError, ResponseGrader
from rutw_quiz.resources import bundled_deck_path

CORPUS = Path(__file__).parent / "data" / "grading_corpus.csv"
RIGHT_ACCEPTED_AT_LEAST = 0.97


def read_corpus() -> list[tuple[int, dict[str, str]]]:
    """The rows with their line numbers in the file."""
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(reader.line_num, row) for row in reader]


@pytest.fixture(scope="module")
def grader() -> ResponseGrader:
    return ResponseGrader([item.deck for item in read_deck_files([bundled_deck_path()])])


def test_the_corpus_is_large_and_covers_every_class_both_ways() -> None:
    rows = [row for _, row in read_corpus()]
    assert len(rows) >= 300
    assert {row["verdict"] for row in rows} == {"right", "wrong"}
    classes = Counter(row["class"] for row in rows)
    for needed in (
        "alias", "abbreviation", "acronym", "ordinal-date", "month-abbreviation", "numeric-date",
        "precision", "number-words", "qualifier", "unit", "context-words", "surname", "romanisation",
        "typo", "distractor", "other-answer", "opposite", "syllable", "near-miss",
    ):  # fmt: skip
        assert classes[needed] >= 3, needed
    kinds = {row["question_id"].split(":")[1] for row in rows}
    assert len(kinds) >= 60  # nearly every fact of the deck


def test_the_grader_agrees_with_the_teacher(grader: ResponseGrader) -> None:
    """Right answers accepted at least 97% of the time; wrong answers never accepted; no row skipped."""
    right = accepted_right = wrong = accepted_wrong = 0
    misgraded: list[str] = []
    unknown: list[str] = []
    for line, row in read_corpus():
        try:
            graded = grader.grade(row["question_id"], row["answer"])
        except GradingError as error:
            unknown.append(f"{CORPUS.name}:{line}: {error}")
            continue
        accepted = graded.grade.is_correct
        if row["verdict"] == "right":
            right += 1
            accepted_right += accepted
        else:
            wrong += 1
            accepted_wrong += accepted
        if accepted != (row["verdict"] == "right"):
            misgraded.append(
                f"{CORPUS.name}:{line}: [{row['class']}] {row['answer']!r} is {row['verdict']}, "
                f"graded {graded.grade.outcome.value} ({graded.grade.reason})"
            )
    print(f"\nright answers accepted: {accepted_right}/{right} = {accepted_right / right:.1%}")
    print(f"wrong answers accepted: {accepted_wrong}/{wrong} = {accepted_wrong / wrong:.1%}")
    print("\n".join(misgraded))
    assert not unknown, "\n".join(unknown)
    assert accepted_right / right >= RIGHT_ACCEPTED_AT_LEAST, "\n".join(misgraded)
    assert accepted_wrong == 0, "\n".join(m for m in misgraded if " is wrong," in m)
