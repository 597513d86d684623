"""Grading a student's response: typed text with typo tolerance, choices, orders and matches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from rutw_quiz.deck.checks import parse_number
from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.models import AnswerKind
from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.text import normalize_typed

LETTERS_PER_TYPO = 6


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
    """The verdict, the score (0..1), the expected answer and, per fact, whether it was known."""

    outcome: Outcome
    score: float
    expected: str
    items_right: int = 1
    items_total: int = 1
    facts: Mapping[str, Outcome] = field(default_factory=dict)

    @property
    def is_correct(self) -> bool:
        """Fully right (with a typo at most)."""
        return self.outcome.is_correct


def _single(question_fact: str, outcome: Outcome, expected: str) -> Grade:
    right = outcome.is_correct
    return Grade(outcome, 1.0 if right else 0.0, expected, int(right), 1, {question_fact: outcome})


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, stopping early past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
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


def typo_allowance(text: str) -> int:
    """Edits tolerated in an answer: about one per six letters, none under six."""
    letters = sum(ch.isalpha() for ch in text)
    return letters // LETTERS_PER_TYPO


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _value_equal(kind: AnswerKind, typed: str, expected: str) -> bool | None:
    """Exact comparison of years, dates and numbers by value; None if not such a kind."""
    if kind in (AnswerKind.YEAR, AnswerKind.NUMBER):
        a, b = parse_number(typed.strip()), parse_number(expected)
        return a is not None and a == b
    if kind is AnswerKind.DATE:
        try:
            return parse_partial_date(typed) == parse_partial_date(expected)
        except ValueError:
            return False
    return None


def _closest_spelling(typed_key: str, accepted_keys: Sequence[str]) -> int | None:
    """Edits from the nearest accepted answer within its typo allowance; digits must match exactly."""
    best: int | None = None
    for key in accepted_keys:
        allowance = typo_allowance(key)
        if allowance == 0 or _digits(key) != _digits(typed_key):
            continue
        distance = edit_distance(typed_key, key, allowance)
        if distance <= allowance and (best is None or distance < best):
            best = distance
    return best


def grade_typed(
    question: FillInQuestion | ShortAnswerQuestion, typed: str, known_wrong: Iterable[str] = ()
) -> Grade:
    """Grade a typed answer: exact after normalising, else a close spelling of a text answer.

    Years, dates and numbers must be exact. A near spelling is refused when it is as close
    to a known wrong answer of the same kind (`known_wrong`, e.g. another person in the deck).
    """
    expected = question.answer
    kind = AnswerKind(question.answer_kind)
    typed_key = normalize_typed(typed)
    if not typed_key:
        return _single(question.fact_id, Outcome.WRONG, expected)
    accepted = [expected, *question.accepted]
    if any(normalize_typed(a) == typed_key for a in accepted):
        return _single(question.fact_id, Outcome.CORRECT, expected)
    by_value = _value_equal(kind, typed, expected)
    if by_value is not None:
        return _single(question.fact_id, Outcome.CORRECT if by_value else Outcome.WRONG, expected)
    accepted_keys = [normalize_typed(a) for a in accepted]
    distance = _closest_spelling(typed_key, accepted_keys)
    if distance is None:
        return _single(question.fact_id, Outcome.WRONG, expected)
    for rival in known_wrong:
        rival_key = normalize_typed(rival)
        if rival_key not in accepted_keys and edit_distance(typed_key, rival_key, distance) <= distance:
            return _single(question.fact_id, Outcome.WRONG, expected)
    return _single(question.fact_id, Outcome.TYPO, expected)


def grade_choice(question: MultipleChoiceQuestion, index: int) -> Grade:
    """Grade the choice at `index` (0-based)."""
    outcome = Outcome.CORRECT if question.choices[index] == question.answer else Outcome.WRONG
    return _single(question.fact_id, outcome, question.answer)


def grade_true_false(question: TrueFalseQuestion, value: bool) -> Grade:
    """Grade a true/false response."""
    outcome = Outcome.CORRECT if value is question.answer else Outcome.WRONG
    return _single(question.fact_id, outcome, "True" if question.answer else "False")


def _partial(right: Sequence[bool], fact_ids: Sequence[str], expected: str) -> Grade:
    total = len(right)
    count = sum(right)
    outcome = Outcome.CORRECT if count == total else (Outcome.WRONG if count == 0 else Outcome.PARTIAL)
    facts = {f: (Outcome.CORRECT if ok else Outcome.WRONG) for f, ok in zip(fact_ids, right, strict=True)}
    return Grade(outcome, count / total, expected, count, total, facts)


def grade_order(question: TimelineQuestion, order: Sequence[int]) -> Grade:
    """Grade a timeline: `order` lists shown-choice indices, earliest first; one point per right place."""
    given = [question.choices[i] for i in order]
    right = [g == a for g, a in zip(given, question.answer, strict=True)]
    expected = " → ".join(question.answer)
    return _partial(right, question.fact_ids, expected)


def grade_matching(question: MatchingQuestion, pairs: Mapping[int, int]) -> Grade:
    """Grade matches: statement index -> answer index (both 0-based, in the order shown)."""
    answers = question.choices.answers
    right = [
        pairs.get(i) is not None and answers[pairs[i]] == pair.answer
        for i, pair in enumerate(question.answer)
    ]
    expected = ", ".join(f"{i}{label}" for i, label in enumerate(question.answer_letters, 1))
    return _partial(right, question.fact_ids, expected)
