"""Kahoot: the quiz spreadsheet template (.xlsx) that Kahoot's "Import spreadsheet" reads.

Laid out as Kahoot's own template: a title in B2, a line of instructions in B3 (and in B4 the
attribution of licensed sources, since Kahoot has no feedback to carry it), the column names
in row 8 (Question - max 120 characters, Answer 1–4 - max 75 characters, Time limit (sec),
Correct answer(s)) and one question a row from row 9, numbered in column A. Multiple choice with
at most four choices and true or false only.

Kahoot's limits are the writer's: a question of more than 120 characters, an answer of more than
75, or more than four answers does not fit, and that question is left out and named in a notice,
never cut. Kahoot does not say how it counts characters; its editor is a web page, and
JavaScript's string length counts UTF-16 code units, in which an emoji or another character
outside the Basic Multilingual Plane counts 2. The limits are counted that way (`kahoot_length`),
the strictest of the ways Kahoot could count (code points or what a reader sees as one
character give the same or less), so a question kept fits however Kahoot counts. The time limit must be one Kahoot offers. Every cell is written as text (never a
formula, whatever the deck says), and the file's dates are fixed, so the same bank gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from rutw_quiz.render.class_games import MAX_ANSWERS, GameQuestion
from rutw_quiz.render.xml_stream import xml_chars

QUESTION_MAX = 120
ANSWER_MAX = 75
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
HEADER_ROW = 7
"""Row 8 of the sheet (0-based 7) holds the column names; questions start on the next row."""
HEADER = [
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass
class KahootResult:
    """The .xlsx bytes, the questions in it, and the notices for those left out."""

    data: bytes
    written: int
    notices: list[str] = field(default_factory=list)


def kahoot_length(text: str) -> int:
    """`text`'s length as JavaScript counts it: UTF-16 code units (an emoji is 2)."""
    return len(text.encode("utf-16-le")) // 2


def misfit(question: GameQuestion) -> str | None:
    """Why a question does not fit Kahoot's template, or None."""
    length = kahoot_length(question.text)
    if length > QUESTION_MAX:
        return f"question {length} > {QUESTION_MAX} characters"
    if len(question.answers) > MAX_ANSWERS:
        return f"{len(question.answers)} > {MAX_ANSWERS} answers"
    long = [length for a in question.answers if (length := kahoot_length(a)) > ANSWER_MAX]
    if long:
        return f"answer {long[0]} > {ANSWER_MAX} characters"
    return None


def kahoot_xlsx(
    questions: Sequence[GameQuestion], *, title: str, time_limit: int, credit: str = ""
) -> KahootResult:
    """Kahoot's quiz template filled with the questions that fit; notices name the others."""
    if time_limit not in TIME_LIMITS:
        allowed = ", ".join(map(str, TIME_LIMITS))
        raise ValueError(f"Kahoot allows a time limit of {allowed} seconds, not {time_limit}")
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"created": FIXED_DATE, "title": title})
    sheet = workbook.add_worksheet("Sheet1")
    sheet.write_string(1, 1, "Quiz template")
    sheet.write_string(2, 1, f"{title}. Import in Kahoot: Add question → Import spreadsheet.")
    if credit:  # the attribution of licensed quotes, above the questions (Kahoot reads from row 9)
        sheet.write_string(3, 1, credit)
    for column, name in enumerate(HEADER):
        sheet.write_string(HEADER_ROW, column, name)
    left_out: list[str] = []
    row = HEADER_ROW
    for question in questions:
        reason = misfit(question)
        if reason is not None:
            left_out.append(f"{question.id} ({reason})")
            continue
        row += 1
        sheet.write_number(row, 0, row - HEADER_ROW)
        sheet.write_string(row, 1, xml_chars(question.text))
        for i, answer in enumerate(question.answers):
            sheet.write_string(row, 2 + i, xml_chars(answer))
        sheet.write_number(row, 6, time_limit)
        sheet.write_number(row, 7, question.correct + 1)
    workbook.close()
    notices = []
    if left_out:
        notices.append(
            f"{len(left_out)} question(s) left out of the Kahoot file, too long for its template "
            f"(questions up to {QUESTION_MAX} characters, answers up to {ANSWER_MAX}, an emoji counting 2; "
            "never cut): " + "; ".join(left_out)
        )
    return KahootResult(buffer.getvalue(), row - HEADER_ROW, notices)
