"""Reading typed responses: every question type's answer forms, commands, and hints for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rutw_quiz.deck import read_deck_file
from rutw_quiz.grading.verdict import Outcome
from rutw_quiz.questions import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    QuestionOptions,
    QuestionType,
    TimelineQuestion,
    TrueFalseQuestion,
    generate_questions,
)
from rutw_quiz.quiz import Answer, Command, DeckFacts, Invalid, grade_response, parse_response

MINI = Path(__file__).parent / "data" / "mini.yaml"


def _one(qtype: QuestionType, seed: int = 1) -> Question:
    deck = read_deck_file(MINI).deck
    return generate_questions([deck], QuestionOptions(count=1, seed=seed, types=(qtype,))).questions[0]


@pytest.fixture(scope="module")
def mc() -> MultipleChoiceQuestion:
    q = _one(QuestionType.MULTIPLE_CHOICE)
    assert isinstance(q, MultipleChoiceQuestion)
    return q


@pytest.mark.parametrize("text", ["skip", "SKIP", " skip "])
def test_skip_is_a_command_at_any_prompt(mc: MultipleChoiceQuestion, text: str) -> None:
    assert parse_response(mc, text) is Command.SKIP
    assert parse_response(_one(QuestionType.FILL_IN), text) is Command.SKIP


@pytest.mark.parametrize(
    ("text", "command"), [("quit", Command.QUIT), ("exit", Command.QUIT), ("?", Command.HELP)]
)
def test_quit_and_help_are_commands(mc: MultipleChoiceQuestion, text: str, command: Command) -> None:
    assert parse_response(mc, text) is command


@pytest.mark.parametrize(("text", "index"), [("a", 0), ("B", 1), ("c)", 2), ("4", 3), ("1", 0)])
def test_multiple_choice_takes_a_letter_or_a_number(
    mc: MultipleChoiceQuestion, text: str, index: int
) -> None:
    assert parse_response(mc, text) == Answer(index, text)


@pytest.mark.parametrize("text", ["e", "5", "0", "ab", "", "   ", "Saturn?"])
def test_multiple_choice_refuses_what_is_not_a_choice_with_a_hint(
    mc: MultipleChoiceQuestion, text: str
) -> None:
    response = parse_response(mc, text)
    assert isinstance(response, Invalid)
    assert "A to D" in response.hint
    assert "\n" not in response.hint


@pytest.mark.parametrize(
    ("text", "value"),
    [("t", True), ("True", True), ("y", True), ("yes", True), ("f", False), ("FALSE", False), ("n", False)],
)
def test_true_false_takes_t_f_true_false_y_n(text: str, value: bool) -> None:
    q = _one(QuestionType.TRUE_FALSE)
    assert isinstance(q, TrueFalseQuestion)
    assert parse_response(q, text) == Answer(value, text)
    assert grade_response(q, Answer(q.answer, text)).outcome is Outcome.CORRECT


def test_true_false_refuses_other_words() -> None:
    assert isinstance(parse_response(_one(QuestionType.TRUE_FALSE), "maybe"), Invalid)


def test_typed_answers_keep_the_text_and_refuse_an_empty_line() -> None:
    q = _one(QuestionType.FILL_IN)
    assert parse_response(q, "  Johann Galle ") == Answer("Johann Galle", "Johann Galle")
    assert isinstance(parse_response(q, ""), Invalid)


def test_timeline_takes_a_letter_sequence_in_any_spacing() -> None:
    q = _one(QuestionType.TIMELINE)
    assert isinstance(q, TimelineQuestion)
    assert parse_response(q, "CADB") == Answer((2, 0, 3, 1), "CADB")
    assert parse_response(q, "c a d b") == Answer((2, 0, 3, 1), "c a d b")
    assert parse_response(q, "C, A, D, B") == Answer((2, 0, 3, 1), "C, A, D, B")


@pytest.mark.parametrize("text", ["CAD", "CADBA", "CADC", "CAXB", "1234"])
def test_timeline_refuses_a_malformed_sequence(text: str) -> None:
    response = parse_response(_one(QuestionType.TIMELINE), text)
    assert isinstance(response, Invalid)
    assert "earliest first" in response.hint


def test_timeline_gives_partial_credit_per_place() -> None:
    q = _one(QuestionType.TIMELINE)
    assert isinstance(q, TimelineQuestion)
    right = tuple(q.choices.index(a) for a in q.answer)
    two_swapped = (right[1], right[0], right[2], right[3])
    grade = grade_response(q, Answer(two_swapped, ""))
    assert grade.outcome is Outcome.PARTIAL
    assert grade.score == 0.5


def test_matching_takes_pairs_or_letters_in_statement_order() -> None:
    q = _one(QuestionType.MATCHING)
    assert isinstance(q, MatchingQuestion)
    expected = {0: 1, 1: 0, 2: 3, 3: 2}
    assert parse_response(q, "1B 2A 3D 4C") == Answer(expected, "1B 2A 3D 4C")
    assert parse_response(q, "3d,1b, 4c 2a") == Answer(expected, "3d,1b, 4c 2a")
    assert parse_response(q, "1-B 2-A 3-D 4-C") == Answer(expected, "1-B 2-A 3-D 4-C")
    assert parse_response(q, "BADC") == Answer(expected, "BADC")


@pytest.mark.parametrize(
    "text", ["1B 2A 3D", "1B 2A 3D 4C 5A", "1B 1A 3D 4C", "1B 2A 3D 4Z", "B A D C x", "hello"]
)
def test_matching_refuses_malformed_pairs(text: str) -> None:
    response = parse_response(_one(QuestionType.MATCHING), text)
    assert isinstance(response, Invalid)
    assert "1A 2B 3C 4D" in response.hint


@pytest.mark.parametrize(("text", "twice"), [("1A 2A 3C 4D", "A is"), ("AABB", "A and B are")])
def test_matching_with_a_letter_used_twice_is_asked_again_not_graded(text: str, twice: str) -> None:
    response = parse_response(_one(QuestionType.MATCHING), text)
    assert isinstance(response, Invalid)
    assert f"{twice} given twice" in response.hint


def test_matching_gives_partial_credit_per_statement() -> None:
    q = _one(QuestionType.MATCHING)
    assert isinstance(q, MatchingQuestion)
    answers = q.choices.answers
    right = {i: answers.index(p.answer) for i, p in enumerate(q.answer)}
    half = {**right, 0: right[1], 1: right[0]}
    grade = grade_response(q, Answer(half, ""))
    assert (grade.outcome, grade.score, grade.items_right) == (Outcome.PARTIAL, 0.5, 2)
    assert sorted(grade.facts.values()).count(Outcome.CORRECT) == 2


def test_typed_answers_are_graded_against_the_decks_other_answers_of_the_same_kind() -> None:
    """The rivals passed to the grader: other people of the deck, not the answer itself."""
    deck = read_deck_file(MINI).deck
    questions = generate_questions(
        [deck], QuestionOptions(count=20, seed=1, types=(QuestionType.FILL_IN,))
    ).questions
    q = next(q for q in questions if isinstance(q, FillInQuestion) and q.answer == "Johann Galle")
    rivals = DeckFacts([deck]).known_wrong(q)
    assert "Neil Armstrong" in rivals
    assert "Johann Galle" not in rivals
    # Typo tolerance counts per word and short words must be exact: the typo is in "Johann".
    assert grade_response(q, Answer("Johan Galle", ""), rivals).outcome is Outcome.TYPO
    assert grade_response(q, Answer("Johan Galle", ""), [*rivals, "Johan Galle"]).outcome is Outcome.WRONG


@given(st.text(max_size=20))
def test_any_line_is_an_answer_a_command_or_a_hint_never_an_error(text: str) -> None:
    for qtype in QuestionType:
        response = parse_response(_QUESTIONS[qtype], text)
        assert isinstance(response, Answer | Command | Invalid)
        if isinstance(response, Answer):
            grade_response(_QUESTIONS[qtype], response)


_QUESTIONS = {t: _one(t) for t in QuestionType}
