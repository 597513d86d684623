"""A grader's verdict (`Outcome`, `Grade`) and the edit distance that typo tolerance counts in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    """How a response was judged."""

    CORRECT = "correct"
    TYPO = "typo"  # correct, with a small spelling mistake
    PARTIAL = "partial"  # timeline and matching: some items right
    WRONG = "wrong"

    @property
    def is_correct(self) -> bool:
        """Counts as right (a typo does)."""
        return self in (Outcome.CORRECT, Outcome.TYPO)


@dataclass(frozen=True)
class Grade:
    """The verdict, the score (0..1), the expected answer, per fact whether it was known, and why."""

    outcome: Outcome
    score: float
    expected: str
    items_right: int = 1
    items_total: int = 1
    facts: Mapping[str, Outcome] = field(default_factory=dict)
    reason: str = ""
    check: bool = False
    """Close to the key but not certainly right or wrong: wrong here, for a teacher (or the student) to
    decide; `grade --responses` marks it `check`."""

    @property
    def label(self) -> str:
        """The outcome as `grade` prints it: 'check' for a wrong answer a teacher should read."""
        return "check" if self.check else self.outcome.value

    @property
    def is_correct(self) -> bool:
        """Fully right (with a typo at most)."""
        return self.outcome.is_correct


def single(fact_id: str, outcome: Outcome, expected: str, reason: str = "", *, check: bool = False) -> Grade:
    """The grade of a one-fact question."""
    right = outcome.is_correct
    return Grade(outcome, 1.0 if right else 0.0, expected, int(right), 1, {fact_id: outcome}, reason, check)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, stopping early past `limit`.

    The common beginning and end are set aside first (a slip is local, so little is left to align).
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    start = 0
    shorter = min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    tail = 0
    while tail < shorter - start and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[start : len(a) - tail], b[start : len(b) - tail]
    if not a or not b:
        return min(max(len(a), len(b)), limit + 1)
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
