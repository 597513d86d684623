"""Grading: typed answers (typos, aliases, articles, accents, exact years and numbers, dates by value),
choices, true/false, and item-by-item credit for timelines and matching."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from rutw_quiz.deck.loader import read_deck_file
from rutw_quiz.grading.grade import grade_choice, grade_matching, grade_order, grade_true_false, grade_typed
from rutw_quiz.grading.verdict import Outcome
from rutw_quiz.questions import (
    FillInQuestion,
    MatchingQuestion,
    ShortAnswerQuestion,
    SourceRef,
    TimelineQuestion,
    builders,
)
from rutw_quiz.questions.builders import DeckContext
from rutw_quiz.questions.distractors import AnswerIndex

MINI = read_deck_file(Path(__file__).parent / "data" / "mini.yaml").deck
CTX = DeckContext(MINI, AnswerIndex.of(MINI))
FACTS = {f.id: f for f in MINI.facts}


def typed(
    answer: str, kind: str, aliases: tuple[str, ...] = (), short: bool = False
) -> FillInQuestion | ShortAnswerQuestion:
    """A typed-answer question with this answer (the prompt does not matter to grading)."""
    fields: dict[str, Any] = {
        "id": "d:f:fill_in",
        "deck_id": "d",
        "fact_id": "f",
        "prompt": "_____ did it.",
        "explanation": f"{answer} did it.",
        "topics": ["t"],
        "difficulty": 1,
        "source": SourceRef(id="s", title="S", section="Main", quote="q", url="urn:s"),
        "answer_kind": kind,
        "answer": answer,
        "accepted": list(aliases),
    }
    return ShortAnswerQuestion(**fields) if short else FillInQuestion(**fields)


def mini_fill_in(fact_id: str) -> FillInQuestion:
    question = builders.fill_in(CTX, FACTS[fact_id], random.Random(0))
    assert question is not None
    return question


# --- typed answers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "response"), [("Johann Galle", "Johan Galle"), ("Galileo Galilei", "Galileo Galilie")]
)
def test_a_typo_is_accepted_and_the_exact_spelling_is_shown(answer: str, response: str) -> None:
    question = mini_fill_in(
        {"Johann Galle": "neptune-discoverer", "Galileo Galilei": "galilean-moons"}[answer]
    )
    grade = grade_typed(question, response)
    assert grade.outcome is Outcome.TYPO and grade.is_correct
    assert grade.expected == answer
    assert grade.score == 1.0


def test_the_exact_answer_is_correct_not_a_typo() -> None:
    grade = grade_typed(mini_fill_in("neptune-discoverer"), "Johann Galle")
    assert grade.outcome is Outcome.CORRECT and grade.expected == "Johann Galle"
    assert grade.facts == {"neptune-discoverer": Outcome.CORRECT}


def test_a_different_person_close_in_spelling_is_rejected_when_known() -> None:
    """'Anna Petrov' is one edit from 'Anna Petrova' but is another person in the deck."""
    question = typed("Anna Petrova", "person")
    assert (
        grade_typed(question, "Anna Petrov", known_wrong=["Anna Petrov", "Boris Volkov"]).outcome
        is Outcome.WRONG
    )
    # Without the list of the deck's other people the same spelling passes as a typo:
    # callers must pass known_wrong to tell a typo from another person.
    assert grade_typed(question, "Anna Petrov").outcome is Outcome.TYPO


def test_a_different_person_far_in_spelling_is_rejected() -> None:
    assert grade_typed(mini_fill_in("armstrong"), "Buzz Aldrin").outcome is Outcome.WRONG
    assert grade_typed(mini_fill_in("armstrong"), "Louis Armstrong").outcome is Outcome.WRONG


def test_short_answers_get_no_typo_tolerance() -> None:
    """Under six letters a single edit is another word: 'Gale' is not 'Galle'."""
    assert grade_typed(typed("Galle", "person"), "Gale").outcome is Outcome.WRONG
    assert grade_typed(typed("NASA", "organization"), "NASB").outcome is Outcome.WRONG


@pytest.mark.parametrize("response", ["", "   ", "\t\n", "the", "..."])
def test_an_empty_answer_is_rejected(response: str) -> None:
    grade = grade_typed(mini_fill_in("gagarin"), response)
    assert grade.outcome is Outcome.WRONG and grade.score == 0.0 and grade.expected == "Yuri Gagarin"


@pytest.mark.parametrize(
    ("fact_id", "alias"), [("neptune-discoverer", "Galle"), ("iau", "IAU"), ("rosetta", "esa")]
)
def test_aliases_are_accepted(fact_id: str, alias: str) -> None:
    grade = grade_typed(mini_fill_in(fact_id), alias)
    assert grade.outcome is Outcome.CORRECT
    assert grade.expected == FACTS[fact_id].answer


@pytest.mark.parametrize(
    "response",
    [
        "the International Astronomical Union",
        "International Astronomical Union",
        "THE INTERNATIONAL ASTRONOMICAL UNION",
        "  international   astronomical union. ",
        "The Internátional Astronomical Únion",
    ],
)
def test_leading_articles_case_accents_and_spacing_are_ignored(response: str) -> None:
    assert grade_typed(mini_fill_in("iau"), response).outcome is Outcome.CORRECT


def test_accents_in_the_answer_need_not_be_typed() -> None:
    assert grade_typed(typed("Sèvres", "place"), "Sevres").outcome is Outcome.CORRECT
    assert grade_typed(typed("Sevres", "place"), "Sèvres").outcome is Outcome.CORRECT


def test_years_must_be_exact() -> None:
    question = typed("1992", "year")
    assert grade_typed(question, "1992").outcome is Outcome.CORRECT
    assert grade_typed(question, "1993").outcome is Outcome.WRONG
    assert grade_typed(question, "1929").outcome is Outcome.WRONG  # a transposition is not a typo for a year
    assert grade_typed(mini_fill_in("neptune-discovery"), "1847").outcome is Outcome.WRONG


def test_numbers_compare_by_value_and_must_be_exact() -> None:
    question = typed("1,000", "number")
    assert grade_typed(question, "1000").outcome is Outcome.CORRECT
    assert grade_typed(question, "1,000").outcome is Outcome.CORRECT
    assert grade_typed(question, "1001").outcome is Outcome.WRONG
    assert grade_typed(typed("1000", "number"), "1,000").outcome is Outcome.CORRECT
    assert grade_typed(mini_fill_in("mars-moons"), "3").outcome is Outcome.WRONG


@pytest.mark.parametrize("response", ["1992-09-15", "15 September 1992", "September 15, 1992", "15 sep 1992"])
def test_dates_typed_in_another_format_are_accepted_by_value(response: str) -> None:
    grade = grade_typed(typed("15 September 1992", "date"), response)
    assert grade.outcome is Outcome.CORRECT and grade.expected == "15 September 1992"


@pytest.mark.parametrize(
    "response", ["16 September 1992", "1992-09-16", "September 1992", "1992", "15 Septober 1992"]
)
def test_a_different_or_vaguer_date_is_rejected(response: str) -> None:
    assert grade_typed(typed("15 September 1992", "date"), response).outcome is Outcome.WRONG


def test_short_answer_questions_grade_like_fill_in() -> None:
    question = builders.short_answer(CTX, FACTS["gagarin"], random.Random(0))
    assert question is not None
    assert grade_typed(question, "Gagarin").outcome is Outcome.CORRECT
    assert grade_typed(question, "Yuri Gagrin").outcome is Outcome.TYPO
    assert grade_typed(question, "Neil Armstrong").outcome is Outcome.WRONG


# --- choices and true/false ----------------------------------------------------------------------


def test_multiple_choice_grades_the_chosen_index() -> None:
    question = builders.multiple_choice(CTX, FACTS["closest-planet"], random.Random(3))
    assert question is not None
    right = question.answer_index
    assert grade_choice(question, right).outcome is Outcome.CORRECT
    wrong = (right + 1) % len(question.choices)
    grade = grade_choice(question, wrong)
    assert grade.outcome is Outcome.WRONG and grade.expected == "Mercury"
    assert grade.facts == {"closest-planet": Outcome.WRONG}


@pytest.mark.parametrize("truth", [True, False])
def test_true_false_grades_the_boolean(truth: bool) -> None:
    question = builders.true_false(CTX, FACTS["closest-planet"], random.Random(1), truth)
    assert question is not None and question.answer is truth
    assert grade_true_false(question, truth).outcome is Outcome.CORRECT
    grade = grade_true_false(question, not truth)
    assert grade.outcome is Outcome.WRONG and grade.expected == ("True" if truth else "False")


# --- timeline and matching: partial credit ------------------------------------------------------


def _timeline() -> TimelineQuestion:
    facts = [FACTS[i] for i in ("armstrong", "galilean-moons", "gagarin", "neptune-discovery")]
    question = builders.timeline(CTX, facts, random.Random(5))
    assert question is not None
    return question


def test_a_timeline_in_the_right_order_gets_full_credit() -> None:
    question = _timeline()
    assert question.fact_ids == ["galilean-moons", "neptune-discovery", "gagarin", "armstrong"]
    order = [question.choices.index(a) for a in question.answer]
    grade = grade_order(question, order)
    assert grade.outcome is Outcome.CORRECT and grade.score == 1.0
    assert (grade.items_right, grade.items_total) == (4, 4)
    assert set(grade.facts.values()) == {Outcome.CORRECT}


def test_a_timeline_with_two_events_swapped_gets_partial_credit_per_fact() -> None:
    question = _timeline()
    order = [question.choices.index(a) for a in question.answer]
    order[0], order[1] = order[1], order[0]
    grade = grade_order(question, order)
    assert grade.outcome is Outcome.PARTIAL and not grade.is_correct
    assert (grade.items_right, grade.items_total) == (2, 4) and grade.score == 0.5
    assert grade.facts == {
        "galilean-moons": Outcome.WRONG,
        "neptune-discovery": Outcome.WRONG,
        "gagarin": Outcome.CORRECT,
        "armstrong": Outcome.CORRECT,
    }
    assert grade.expected == " → ".join(question.answer)


def test_a_reversed_timeline_gets_no_credit() -> None:
    question = _timeline()
    order = [question.choices.index(a) for a in reversed(question.answer)]
    grade = grade_order(question, order)
    assert grade.outcome is Outcome.WRONG and grade.items_right == 0 and grade.score == 0.0


def _matching() -> MatchingQuestion:
    facts = [FACTS[i] for i in ("neptune-discoverer", "gagarin", "armstrong", "tereshkova")]  # four people
    question = builders.matching(CTX, facts, random.Random(2))
    assert question is not None
    return question


def test_matching_all_pairs_right_gets_full_credit() -> None:
    question = _matching()
    answers = question.choices.answers
    pairs = {i: answers.index(p.answer) for i, p in enumerate(question.answer)}
    grade = grade_matching(question, pairs)
    assert grade.outcome is Outcome.CORRECT and (grade.items_right, grade.items_total) == (4, 4)


def test_matching_with_two_answers_swapped_or_missing_gets_partial_credit() -> None:
    question = _matching()
    answers = question.choices.answers
    pairs = {i: answers.index(p.answer) for i, p in enumerate(question.answer)}
    pairs[0], pairs[1] = pairs[1], pairs[0]
    del pairs[3]
    grade = grade_matching(question, pairs)
    assert grade.outcome is Outcome.PARTIAL
    assert (grade.items_right, grade.items_total) == (1, 4) and grade.score == 0.25
    assert grade.facts == {
        "neptune-discoverer": Outcome.WRONG,
        "gagarin": Outcome.WRONG,
        "armstrong": Outcome.CORRECT,
        "tereshkova": Outcome.WRONG,
    }
    letters = {a: chr(65 + i) for i, a in enumerate(answers)}
    assert grade.expected == ", ".join(f"{i + 1}{letters[p.answer]}" for i, p in enumerate(question.answer))


def test_matching_with_nothing_matched_gets_no_credit() -> None:
    grade = grade_matching(_matching(), {})
    assert grade.outcome is Outcome.WRONG and grade.items_right == 0
