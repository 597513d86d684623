"""Blooket and Gimkit: the CSV import templates of the two class games, multiple choice only.

Both games take a question and up to four answers, one of them right; a true-or-false question
is asked as the two answers True and False. Typed questions, timelines and matching do not fit
and are not offered for these formats. The layout is each game's own template, as its editor
downloads it:

- Blooket: row 1 "Blooket\\nImport Template", row 2 the column names (Question #, Question Text,
  Answer 1–4, Time Limit (sec), Correct Answer(s)), then one question a row with the number of
  the right answer. Blooket's undocumented typing-answer column is not used.
- Gimkit: row 1 "Gimkit Spreadsheet Import Template", row 2 Question, Correct Answer,
  Incorrect Answer 1–3, then one question a row.

Fields are written with the csv module (quoted where needed), so commas, quotes and line breaks
in deck text stay inside their cell. Both templates are meant to be filled in a spreadsheet, which
would read a cell that starts with `=`, `+`, `-` or `@` as a formula; the games read it as text, so
such cells are written as they are and named in a notice, the project's rule for files a platform
imports (`rutw_quiz.spreadsheet`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from rutw_quiz.questions.bank import QuestionBank
from rutw_quiz.questions.models import MultipleChoiceQuestion, Question, TrueFalseQuestion
from rutw_quiz.spreadsheet import formula_cells, formula_notice

MAX_ANSWERS = 4
BLOOKET_MAX_SECONDS = 300
BLOOKET_HEADER = [
    "Question #",
    "Question Text",
    "Answer 1",
    "Answer 2",
    "Answer 3\n(Optional)",
    "Answer 4\n(Optional)",
    "Time Limit (sec)\n(Max: 300 seconds)",
    "Correct Answer(s)\n(Only include Answer #)",
]
GIMKIT_HEADER = [
    "Question",
    "Correct Answer",
    "Incorrect Answer 1",
    "Incorrect Answer 2 (Optional)",
    "Incorrect Answer 3 (Optional)",
]
HEADER_ROWS = 2
"""Both templates have a title row and a row of column names above the questions."""


@dataclass(frozen=True)
class GameQuestion:
    """A question as a class game asks it: text, answers in the order shown, the right one's index."""

    id: str
    text: str
    answers: list[str]
    correct: int


def game_question(question: Question) -> GameQuestion | None:
    """Multiple choice with at most four choices, or true or false; None for any other question."""
    if isinstance(question, MultipleChoiceQuestion) and len(question.choices) <= MAX_ANSWERS:
        return GameQuestion(question.id, question.prompt, list(question.choices), question.answer_index)
    if isinstance(question, TrueFalseQuestion):
        return GameQuestion(question.id, question.prompt, ["True", "False"], 0 if question.answer else 1)
    return None


def game_questions(bank: QuestionBank) -> list[GameQuestion]:
    """The bank's questions a class game can ask, in bank order."""
    made = (game_question(q) for q in bank.questions)
    return [q for q in made if q is not None]


@dataclass(frozen=True)
class GameFile:
    """A game's CSV text and the notice naming cells a spreadsheet would read as formulas (or None)."""

    text: str
    notice: str | None


def _file(name: str, rows: list[list[str]]) -> GameFile:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    cells = formula_cells(rows[HEADER_ROWS:], first_line=HEADER_ROWS + 1)
    return GameFile(out.getvalue(), formula_notice(name, cells))


def blooket_file(questions: Sequence[GameQuestion], *, time_limit: int) -> GameFile:
    """Blooket's spreadsheet import template, filled in."""
    if not 1 <= time_limit <= BLOOKET_MAX_SECONDS:
        raise ValueError(
            f"Blooket allows a time limit of 1 to {BLOOKET_MAX_SECONDS} seconds, not {time_limit}"
        )
    rows: list[list[str]] = [["Blooket\nImport Template", *[""] * 7], list(BLOOKET_HEADER)]
    for number, question in enumerate(questions, start=1):
        answers = [*question.answers, *[""] * (MAX_ANSWERS - len(question.answers))]
        rows.append([str(number), question.text, *answers, str(time_limit), str(question.correct + 1)])
    return _file("the Blooket file", rows)


def gimkit_file(questions: Sequence[GameQuestion]) -> GameFile:
    """Gimkit's spreadsheet import template, filled in."""
    rows: list[list[str]] = [["Gimkit Spreadsheet Import Template", *[""] * 4], list(GIMKIT_HEADER)]
    for question in questions:
        wrong = [a for i, a in enumerate(question.answers) if i != question.correct]
        rows.append([question.text, question.answers[question.correct], *wrong, *[""] * (3 - len(wrong))])
    return _file("the Gimkit file", rows)


def blooket_csv(questions: Sequence[GameQuestion], *, time_limit: int) -> str:
    """Blooket's template as text (see `blooket_file`)."""
    return blooket_file(questions, time_limit=time_limit).text


def gimkit_csv(questions: Sequence[GameQuestion]) -> str:
    """Gimkit's template as text (see `gimkit_file`)."""
    return gimkit_file(questions).text
