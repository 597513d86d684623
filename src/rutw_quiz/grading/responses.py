"""Grading answers collected anywhere: a question id and the text a student gave.

`ResponseGrader` resolves ids as `questions --json` prints them (`deck:fact:type`) and
grades with the deck's `AnswerKey`, the same grader the quiz uses. `grade_csv` marks a
whole CSV export (Google Forms, Moodle, any LMS), keeping its columns and reporting bad
rows by line. No terminal here: the CLI prints what these return.
"""

from __future__ import annotations

import csv
import difflib
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from rutw_quiz.deck.models import Deck
from rutw_quiz.errors import RutwQuizError
from rutw_quiz.grading.key import AnswerKey
from rutw_quiz.grading.verdict import Grade, Outcome, single
from rutw_quiz.questions import builders
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.questions.models import (
    FillInQuestion,
    MultipleChoiceQuestion,
    Question,
    QuestionType,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.questions.selection import QuestionOptions, generate_questions
from rutw_quiz.text import normalize_typed

GRADED_TYPES = (
    QuestionType.SHORT_ANSWER,
    QuestionType.FILL_IN,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.TRUE_FALSE,
)
OUTPUT_COLUMNS = ("outcome", "score", "expected")
_TRUE = frozenset({"t", "true", "y", "yes"})
_FALSE = frozenset({"f", "false", "n", "no"})


class GradingError(RutwQuizError):
    """A question id or an answer that cannot be graded; the message says why and what would do."""


class ResponsesError(RutwQuizError):
    """A responses file that cannot be read at all (encoding, header)."""


@dataclass(frozen=True)
class GradedAnswer:
    """One answer and its grade."""

    question_id: str
    answer: str
    grade: Grade

    def as_json(self) -> dict[str, object]:
        """The fields `grade --json` prints."""
        return {
            "question_id": self.question_id,
            "answer": self.answer,
            "outcome": self.grade.outcome.value,
            "score": self.grade.score,
            "expected": self.grade.expected,
            "reason": self.grade.reason,
        }


class ResponseGrader:
    """Resolve question ids of some decks and grade answers to them."""

    def __init__(self, decks: Sequence[Deck], *, asked_with: QuestionOptions | None = None) -> None:
        """`asked_with`: the options of the quiz or worksheet (its seed decides true/false statements)."""
        self.decks = {d.id: d for d in decks}
        self.key = AnswerKey.of(decks)
        self.asked_with = asked_with
        self._ids: dict[str, tuple[Deck, str, QuestionType]] = {}
        self._questions: dict[str, Question] = {}
        self._true_false: dict[str, Question] | None = None
        for deck in decks:
            for fact in deck.facts:
                for qtype in QuestionType:
                    if qtype.fact_count == 1:
                        self._ids[f"{deck.id}:{fact.id}:{qtype.value}"] = (deck, fact.id, qtype)

    def question(self, question_id: str) -> Question:
        """The question with this id; GradingError for an unknown id or one that cannot be graded."""
        if question_id in self._questions:
            return self._questions[question_id]
        found = self._ids.get(question_id)
        qtype_text = question_id.rpartition(":")[2]
        if found is None and qtype_text in (QuestionType.TIMELINE.value, QuestionType.MATCHING.value):
            raise GradingError(
                f"'{question_id}' is a {qtype_text} question; grade takes short_answer, fill_in, "
                "multiple_choice and true_false ids"
            )
        if found is None:
            close = difflib.get_close_matches(question_id, list(self._ids), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see `rutw-quiz questions --json`"
            raise GradingError(f"unknown question id '{question_id}'{hint}")
        deck, fact_id, qtype = found
        if qtype not in GRADED_TYPES:
            raise GradingError(
                f"'{question_id}' is a {qtype.value} question; grade takes short_answer, fill_in, "
                "multiple_choice and true_false ids"
            )
        question = self._build(deck, fact_id, qtype, question_id)
        self._questions[question_id] = question
        return question

    def _build(self, deck: Deck, fact_id: str, qtype: QuestionType, question_id: str) -> Question:
        if qtype is QuestionType.TRUE_FALSE:
            return self._true_false_question(deck, question_id)
        fact = next(f for f in deck.facts if f.id == fact_id)
        ctx = builders.DeckContext(deck, AnswerIndex.of(deck))
        rng = random.Random(0)
        built: Question | None
        if qtype is QuestionType.SHORT_ANSWER:
            built = builders.short_answer(ctx, fact, rng)
        elif qtype is QuestionType.FILL_IN:
            built = builders.fill_in(ctx, fact, rng)
        else:
            built = builders.multiple_choice(ctx, fact, rng)
        if built is None:
            raise GradingError(f"'{question_id}': the deck makes no {qtype.value} question of this fact")
        return built

    def _true_false_question(self, deck: Deck, question_id: str) -> Question:
        if self.asked_with is None:
            raise GradingError(
                f"'{question_id}' is a true_false question: give the --seed (and -n, --type, ...) of the "
                "quiz or worksheet, which decide whether the statement shown was true or false"
            )
        if self._true_false is None:
            made = generate_questions(list(self.decks.values()), self.asked_with).questions
            self._true_false = {q.id: q for q in made if isinstance(q, TrueFalseQuestion)}
        question = self._true_false.get(question_id)
        if question is None:
            raise GradingError(
                f"'{question_id}' is not among the true/false questions of seed {self.asked_with.seed} "
                "with these options"
            )
        return question

    def grade(self, question_id: str, answer: str) -> GradedAnswer:
        """Grade one answer to the question with this id."""
        question = self.question(question_id)
        if isinstance(question, FillInQuestion | ShortAnswerQuestion):
            grade = self.key.grade(question, answer)
        elif isinstance(question, MultipleChoiceQuestion):
            grade = _grade_choice_text(question, answer)
        elif isinstance(question, TrueFalseQuestion):
            grade = _grade_truth(question, answer)
        else:  # pragma: no cover - question() refuses the other types
            raise GradingError(f"'{question_id}' cannot be graded")
        return GradedAnswer(question_id, answer, grade)


def _grade_choice_text(question: MultipleChoiceQuestion, answer: str) -> Grade:
    typed = normalize_typed(answer)
    if typed == normalize_typed(question.answer):
        return single(question.fact_id, Outcome.CORRECT, question.answer, "correct")
    if any(typed == normalize_typed(c) for c in question.choices):
        return single(question.fact_id, Outcome.WRONG, question.answer, "wrong: another choice")
    return single(question.fact_id, Outcome.WRONG, question.answer, "wrong: not the right choice's text")


def _grade_truth(question: TrueFalseQuestion, answer: str) -> Grade:
    key = answer.strip().casefold()
    if key not in _TRUE | _FALSE:
        raise GradingError(f"'{answer}' is not an answer to a true/false question; use t, f, true or false")
    expected = "True" if question.answer else "False"
    right = (key in _TRUE) is question.answer
    return single(
        question.fact_id,
        Outcome.CORRECT if right else Outcome.WRONG,
        expected,
        "correct" if right else f"wrong: the statement is {expected.lower()}",
    )


@dataclass
class MarkedResponses:
    """The marked CSV, the bad rows by line, and per-student totals (if there is a student column)."""

    csv_text: str
    problems: list[str] = field(default_factory=list)
    totals: dict[str, tuple[float, int]] = field(default_factory=dict)
    rows: int = 0


def decode_responses(data: bytes, name: str) -> str:
    """The text of a responses file: UTF-8, with or without a byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ResponsesError(
            f"{name}:{line}: not UTF-8 (byte 0x{data[error.start]:02x}); save the file as CSV UTF-8 and try again"
        ) from None


def grade_csv(text: str, name: str, grader: ResponseGrader) -> MarkedResponses:
    """Mark every row of a responses CSV; bad rows are listed as 'NAME:LINE: message' and left unmarked."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ResponsesError(
            f"{name}: the file is empty; it needs a header with question_id and answer"
        ) from None
    columns = [c.strip() for c in header]
    missing = [c for c in ("question_id", "answer") if c not in columns]
    if missing:
        raise ResponsesError(
            f"{name}:1: no column {' or '.join(repr(c) for c in missing)} in the header "
            f"({', '.join(columns)}); the header needs question_id and answer"
        )
    qid_at, answer_at = columns.index("question_id"), columns.index("answer")
    student_at = columns.index("student") if "student" in columns else None
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header, *OUTPUT_COLUMNS])
    result = MarkedResponses("")
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        if len(row) < len(header):
            result.problems.append(f"{name}:{line}: {len(row)} columns where the header has {len(header)}")
            writer.writerow([*row, *([""] * (len(header) - len(row))), "", "", ""])
            continue
        try:
            graded = grader.grade(row[qid_at].strip(), row[answer_at])
        except GradingError as error:
            result.problems.append(f"{name}:{line}: {error}")
            writer.writerow([*row, "", "", ""])
            continue
        grade = graded.grade
        writer.writerow([*row, grade.outcome.value, f"{grade.score:g}", grade.expected])
        if student_at is not None:
            student = row[student_at].strip()
            score, count = result.totals.get(student, (0.0, 0))
            result.totals[student] = (score + grade.score, count + 1)
    result.csv_text = out.getvalue()
    return result
