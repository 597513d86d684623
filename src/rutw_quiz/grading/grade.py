"""Grading a student's response: typed text (see `key`), choices, orders and matches.

The quiz, `rutw-quiz grade` and the browser page all grade typed answers through
`AnswerKey`; `grade_typed` is the same grader for a question on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rutw_quiz.grading.key import AnswerKey, QuestionKey, build_question_key
from rutw_quiz.grading.spellings import LETTERS_PER_TYPO, typo_allowance
from rutw_quiz.grading.verdict import Grade, Outcome, edit_distance, single
from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
)

__all__ = [
    "LETTERS_PER_TYPO",
    "AnswerKey",
    "Grade",
    "Outcome",
    "QuestionKey",
    "edit_distance",
    "grade_choice",
    "grade_matching",
    "grade_order",
    "grade_true_false",
    "grade_typed",
    "typo_allowance",
]


def grade_typed(
    question: FillInQuestion | ShortAnswerQuestion,
    typed: str,
    known_wrong: Iterable[str] = (),
    *,
    key: AnswerKey | None = None,
) -> Grade:
    """Grade a typed answer; with `key` (the deck's `AnswerKey`) every rule of the deck applies.

    Without a key only the question's own answer and aliases are known, and `known_wrong`
    (other answers of the deck) are refused, also with a typo.
    """
    if key is not None and not known_wrong:
        return key.grade(question, typed)
    return build_question_key(question, known_wrong=known_wrong).grade(typed)


def grade_choice(question: MultipleChoiceQuestion, index: int) -> Grade:
    """Grade the choice at `index` (0-based)."""
    outcome = Outcome.CORRECT if question.choices[index] == question.answer else Outcome.WRONG
    return single(question.fact_id, outcome, question.answer)


def grade_true_false(question: TrueFalseQuestion, value: bool) -> Grade:
    """Grade a true/false response."""
    outcome = Outcome.CORRECT if value is question.answer else Outcome.WRONG
    return single(question.fact_id, outcome, "True" if question.answer else "False")


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
