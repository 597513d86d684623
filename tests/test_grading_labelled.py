"""The grader against teachers who never read it: the tuning halves of three labelled answer sets.

Each deck under `tests/data/decks/` (and the second deck) was written from a public text by
someone who had not read the grader, with typed answers labelled right or wrong before any grader
saw them; each set was split at random into halves, and only the tuning half is here (the other
is held out, and reported, never tuned on). Every answer is graded as `grade --responses` marks
it (as a short answer, or a fill-in where the fact has no prompt). The counts below are the ones
the grader reached when it was tuned: a change to a rule that moves any of them shows here, and
the rows that disagree with the teacher are printed (`pytest -s`). If a change improves them on
purpose, write the new counts in, and say why in the commit.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DATA
from rutw_quiz.deck import read_deck_files
from rutw_quiz.grading.responses import ResponseGrader


@dataclass(frozen=True)
class Counts:
    """What a teacher reads off a marked set: right answers and how many were accepted, wrong answers
    and how many were accepted, and the answers marked `check`."""

    right: int
    right_accepted: int
    wrong: int
    wrong_accepted: int
    check: int


SETS = {
    "radium": (DATA / "decks" / "radium" / "radium.yaml", Counts(65, 65, 43, 0, 0)),
    "claude-monet": (DATA / "decks" / "claude-monet" / "claude-monet.yaml", Counts(67, 66, 48, 0, 1)),
    "trans-siberian": (DATA / "second_deck" / "trans_siberian.yaml", Counts(72, 68, 41, 0, 3)),
}


def grade_labelled(deck_path: Path) -> tuple[Counts, list[str]]:
    """Grade every row of the deck's `answers.tune.csv`; the counts and the rows a teacher would mark otherwise."""
    deck = read_deck_files([deck_path])[0].deck
    grader = ResponseGrader([deck])
    prompts = {fact.id: bool(fact.prompt) for fact in deck.facts}
    right = right_accepted = wrong = wrong_accepted = check = 0
    differ: list[str] = []
    labelled = deck_path.parent / "answers.tune.csv"
    with labelled.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            kind = "short_answer" if prompts[row["fact_id"]] else "fill_in"
            grade = grader.grade(f"{deck.id}:{row['fact_id']}:{kind}", row["answer"]).grade
            is_right = row["label"] == "right"
            right += is_right
            wrong += not is_right
            right_accepted += is_right and grade.is_correct
            wrong_accepted += not is_right and grade.is_correct
            check += grade.check
            if grade.is_correct != is_right or grade.check:
                differ.append(
                    f"{labelled.name}:{reader.line_num}: {row['label']} {row['answer']!r} ({row['why']}) "
                    f"graded {grade.label}: {grade.reason}"
                )
    return Counts(right, right_accepted, wrong, wrong_accepted, check), differ


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_tuning_half_is_marked_as_when_the_grader_was_tuned(name: str) -> None:
    """Right accepted, wrong accepted and `check` exactly as tuned: wrong answers are never accepted,
    and every move of a count (better or worse) is seen."""
    deck_path, want = SETS[name]
    got, differ = grade_labelled(deck_path)
    print(f"\n{name}: {got}", *differ, sep="\n  ")
    assert got.wrong_accepted == 0, "\n".join(differ)
    assert got.check <= 0.05 * (got.right + got.wrong), "\n".join(differ)
    assert got == want, "\n".join(differ)
