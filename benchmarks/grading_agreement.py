"""How far the grader agrees with a teacher: right accepted, wrong accepted and `check`, per deck and half.

    python benchmarks/grading_agreement.py DECK.yaml LABELLED.csv [--seed 7] [--show]

LABELLED.csv has a header `fact_id,answer,label,why` (label `right` or `wrong`, as the teacher
judged before the grader saw the answers; `why` is free text) or, like the project's corpus,
`question_id,answer,verdict,class`. Each answer is graded as a short answer (a fill-in when the
fact has no prompt), through `ResponseGrader`, as `grade --responses` marks it.

The rows are split in two halves at random by `--seed` (the split depends only on the seed and the
row count, so it can be fixed before anyone looks at a verdict): tune on half A, report half B.
Goals (issue 19): right accepted at least 97%, wrong accepted 0, check at most 5% of answers.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rutw_quiz.deck import read_deck_files
from rutw_quiz.grading.responses import GradingError, ResponseGrader


@dataclass
class Tally:
    """Counts of one half."""

    right: int = 0
    right_accepted: int = 0
    right_checked: int = 0
    wrong: int = 0
    wrong_accepted: int = 0
    wrong_checked: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        total = self.right + self.wrong
        checks = self.right_checked + self.wrong_checked
        return (
            f"{name}: right accepted {self.right_accepted}/{self.right} ({_pct(self.right_accepted, self.right)}), "
            f"wrong accepted {self.wrong_accepted}/{self.wrong}, "
            f"check {checks}/{total} ({_pct(checks, total)}: {self.right_checked} right, {self.wrong_checked} wrong)"
        )


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def question_id(grader: ResponseGrader, deck_id: str, fact_id: str) -> str:
    """The typed question a fact is asked as: short answer, or fill-in without a prompt."""
    fact = grader.decks[deck_id].facts
    prompt = next((f.prompt for f in fact if f.id == fact_id), None)
    kind = "short_answer" if prompt else "fill_in"
    return f"{deck_id}:{fact_id}:{kind}"


def tally(deck_path: Path, labelled: Path, seed: int) -> tuple[Tally, Tally, list[str]]:
    """Grade every labelled row; the two halves' counts and the rows that could not be graded."""
    deck = read_deck_files([deck_path])[0].deck
    grader = ResponseGrader([deck])
    with labelled.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    half_a = set(order[: len(rows) // 2])
    halves = (Tally(), Tally())
    problems: list[str] = []
    for number, row in enumerate(rows):
        label = (row.get("label") or row.get("verdict") or "").strip().casefold()
        qid = row.get("question_id") or question_id(grader, deck.id, row.get("fact_id", "").strip())
        try:
            grade = grader.grade(qid, row["answer"]).grade
        except GradingError as error:
            problems.append(f"{labelled}:{number + 2}: {error}")
            continue
        half = halves[0] if number in half_a else halves[1]
        said = grade.label
        if label == "right":
            half.right += 1
            half.right_accepted += grade.is_correct
            half.right_checked += grade.check
        else:
            half.wrong += 1
            half.wrong_accepted += grade.is_correct
            half.wrong_checked += grade.check
        if grade.is_correct != (label == "right") or grade.check:
            half.misses.append(f"  {label:5} {said:7} {row['answer']!r}: {grade.reason}")
    return halves[0], halves[1], problems


def main() -> None:
    """Print the agreement of each half and of both."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", type=Path)
    parser.add_argument("labelled", type=Path)
    parser.add_argument("--seed", type=int, default=7, help="the split's seed (fix it before looking)")
    parser.add_argument("--show", action="store_true", help="list every disagreement and check")
    args = parser.parse_args()
    a, b, problems = tally(args.deck, args.labelled, args.seed)
    both = Tally(
        a.right + b.right,
        a.right_accepted + b.right_accepted,
        a.right_checked + b.right_checked,
        a.wrong + b.wrong,
        a.wrong_accepted + b.wrong_accepted,
        a.wrong_checked + b.wrong_checked,
        a.misses + b.misses,
    )
    print(a.line("half A (tune)"))
    print(b.line("half B (held out)"))
    print(both.line("both"))
    if args.show:
        for name, half in (("A", a), ("B", b)):
            print(f"half {name}:", *half.misses, sep="\n")
    for problem in problems:
        print(problem, file=sys.stderr)


if __name__ == "__main__":
    main()
