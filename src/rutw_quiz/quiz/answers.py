"""Reading what a student typed: an answer for the question's type, a command, or a hint to retry.

`parse_response` never grades; `grade_response` turns a parsed answer into the engine's `Grade`.
Input that is not an answer (a letter out of range, an empty line, a malformed sequence)
comes back as `Invalid` with a one-line hint, so the session can ask again without counting it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from rutw_quiz.grading.grade import (
    AnswerKey,
    Grade,
    grade_choice,
    grade_matching,
    grade_order,
    grade_true_false,
    grade_typed,
)
from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
    letter,
)


class Command(StrEnum):
    """Words understood at any prompt instead of an answer."""

    SKIP = "skip"
    QUIT = "quit"
    HELP = "help"


_COMMANDS = {
    "skip": Command.SKIP,
    "quit": Command.QUIT,
    "exit": Command.QUIT,
    "?": Command.HELP,
    "help": Command.HELP,
}
_TRUE = frozenset({"t", "true", "y", "yes"})
_FALSE = frozenset({"f", "false", "n", "no"})
_PAIR = re.compile(r"(\d+)\s*[-:=.)]?\s*([a-z])")
_SEPARATORS = re.compile(r"[\s,;>/→-]+")

COMMANDS_HINT = "At any prompt: skip (next question), quit (end the quiz), ? (this help)."


@dataclass(frozen=True)
class Answer:
    """A well-formed answer: a choice index, a truth value, typed text, an order or matches."""

    value: int | bool | str | tuple[int, ...] | Mapping[int, int]
    text: str


@dataclass(frozen=True)
class Invalid:
    """Not an answer to this question; `hint` says what would be."""

    hint: str


Response = Answer | Command | Invalid


def _range(n: int) -> str:
    return f"{letter(0)} to {letter(n - 1)}"


def answer_hint(question: Question) -> str:
    """How to answer this question, in one line."""
    if isinstance(question, MultipleChoiceQuestion):
        n = len(question.choices)
        return f"Type a letter from {_range(n)} (or a number from 1 to {n})."
    if isinstance(question, TrueFalseQuestion):
        return "Type t for true or f for false."
    if isinstance(question, FillInQuestion):
        return f"Type the missing words ({question.hint})." if question.hint else "Type the missing words."
    if isinstance(question, ShortAnswerQuestion):
        return "Type your answer."
    if isinstance(question, TimelineQuestion):
        n = len(question.choices)
        example = "".join(letter(i) for i in reversed(range(n)))
        return f"Type the letters {_range(n)} in order, earliest first, each once (e.g. {example})."
    n = len(question.choices.statements)
    example = " ".join(f"{i + 1}{letter(i)}" for i in range(n))
    return f"Type a letter for each statement 1 to {n}, like {example}."


def parse_response(question: Question, raw: str) -> Response:
    """What the student's line means for this question."""
    text = raw.strip()
    command = _COMMANDS.get(text.casefold())
    if command is not None:
        return command
    if not text:
        return Invalid(f"Nothing typed. {answer_hint(question)} Or type skip.")
    key = text.casefold()
    if isinstance(question, MultipleChoiceQuestion):
        return _parse_choice(question, key, text)
    if isinstance(question, TrueFalseQuestion):
        if key in _TRUE:
            return Answer(True, text)
        if key in _FALSE:
            return Answer(False, text)
        return _not_understood(question, text)
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        return Answer(text, text)
    if isinstance(question, TimelineQuestion):
        return _parse_order(question, key, text)
    return _parse_matching(question, key, text)


def _not_understood(question: Question, text: str) -> Invalid:
    return Invalid(f"'{text}' is not an answer to this question. {answer_hint(question)}")


def _parse_choice(question: MultipleChoiceQuestion, key: str, text: str) -> Response:
    n = len(question.choices)
    key = key.rstrip(").")
    if len(key) == 1 and "a" <= key <= "z":
        index = ord(key) - ord("a")
    elif key.isdecimal():
        index = int(key) - 1
    else:
        return _not_understood(question, text)
    if not 0 <= index < n:
        return Invalid(f"'{text}' is not one of the choices. {answer_hint(question)}")
    return Answer(index, text)


def _parse_order(question: TimelineQuestion, key: str, text: str) -> Response:
    n = len(question.choices)
    letters = _SEPARATORS.sub("", key)
    indices = tuple(ord(ch) - ord("a") for ch in letters)
    if len(indices) != n or sorted(indices) != list(range(n)):
        return _not_understood(question, text)
    return Answer(indices, text)


def _parse_matching(question: MatchingQuestion, key: str, text: str) -> Response:
    n_statements = len(question.choices.statements)
    n_answers = len(question.choices.answers)
    compact = _SEPARATORS.sub("", key)
    if compact.isalpha() and len(compact) == n_statements:
        # "BADC": the letter for statement 1, 2, 3, ... in order.
        pairs = list(enumerate(ord(ch) - ord("a") for ch in compact))
    else:
        found = _PAIR.findall(key)
        leftover = _SEPARATORS.sub("", _PAIR.sub("", key))
        if leftover or not found:
            return _not_understood(question, text)
        pairs = [(int(number) - 1, ord(ch) - ord("a")) for number, ch in found]
    statements = [s for s, _ in pairs]
    if sorted(statements) != list(range(n_statements)):
        return Invalid(f"Give one letter for each statement 1 to {n_statements}. {answer_hint(question)}")
    if any(not 0 <= a < n_answers for _, a in pairs):
        return Invalid(f"Answers are lettered {_range(n_answers)}. {answer_hint(question)}")
    letters = [a for _, a in pairs]
    twice = sorted({letter(a) for a in letters if letters.count(a) > 1})
    if twice:
        used = " and ".join(twice) + (" is" if len(twice) == 1 else " are")
        return Invalid(f"Each letter fits one statement only; {used} given twice. {answer_hint(question)}")
    return Answer(dict(pairs), text)


def grade_response(
    question: Question, answer: Answer, known_wrong: Iterable[str] = (), *, key: AnswerKey | None = None
) -> Grade:
    """Grade a parsed answer with the engine's graders; typed answers by the deck's `key` when given."""
    value = answer.value
    if isinstance(question, MultipleChoiceQuestion):
        assert isinstance(value, int)
        return grade_choice(question, value)
    if isinstance(question, TrueFalseQuestion):
        assert isinstance(value, bool)
        return grade_true_false(question, value)
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        assert isinstance(value, str)
        return grade_typed(question, value, known_wrong, key=key)
    if isinstance(question, TimelineQuestion):
        assert isinstance(value, tuple)
        return grade_order(question, value)
    assert isinstance(value, Mapping)
    return grade_matching(question, value)
