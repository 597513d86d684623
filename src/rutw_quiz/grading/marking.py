"""Marking a class's answers: a CSV export (Google Forms, Moodle, any LMS) read and written row by row.

Every row is marked on its own: a bad row (an unknown question id, too few or too many cells, a
quote never closed, an answer of 100,000 characters) is reported as `FILE:LINE: message` and left
unmarked, and every other row is still marked. The file is read as a stream of lines and each
marked row written as soon as it is graded, so memory stays flat however many rows there are; the
file itself may be at most `MAX_RESPONSES_BYTES`.

Columns: `question_id` and `answer` are read, every other column is kept; `outcome`, `score`,
`expected` and `reason` are appended, or replaced in place when the file was marked before
(re-marking a marked file gives the same file). Cells that a spreadsheet would run as formulas are
guarded with the project's one rule (`spreadsheet.guard`); a guarded cell read back is unguarded.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from rutw_quiz.errors import RutwQuizError
from rutw_quiz.grading.forms import MAX_TYPED_CHARS
from rutw_quiz.grading.responses import GradingError, ResponseGrader
from rutw_quiz.spreadsheet import guard, unguard

MAX_RESPONSES_BYTES = 50 * 1024 * 1024
OUTPUT_COLUMNS = ("outcome", "score", "expected", "reason")
MAX_BROKEN_QUOTES = 20
"""Rows with a broken quote after which reading stops: such a file is not CSV."""
MAX_PROBLEMS_KEPT = 200
MAX_SHOWN = 1 << 16  # marks written out per grade, kept for the grades met again
_LINE_END = re.compile(r"\r\n|\r|\n")
_GUARD_START = frozenset("=+-@\t\r'")
_PIECE = 1 << 16  # bytes read at a time (a line without an end grows only up to the size cap)


class ResponsesError(RutwQuizError):
    """A responses file that cannot be read at all (size, encoding, header)."""


@dataclass
class MarkingReport:
    """What a teacher reads after marking: bad rows by line, per-student totals, counts by outcome."""

    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    totals: dict[str, tuple[float, int]] = field(default_factory=dict)
    rows: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def problem(self, message: str) -> None:
        """Record a bad row (the first few hundred are kept word for word)."""
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(message)


def physical_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text with its line end) of a UTF-8 file, read as a stream of blocks.

    Refuses (ResponsesError) more than MAX_RESPONSES_BYTES (a pipe that never ends too), and text
    that is not UTF-8, naming the line of the first bad byte (a UTF-16 file is named as such).
    A line ends at \n, \r\n or a lone \r (old Mac files); nothing else splits a row.
    """
    limit_mb = MAX_RESPONSES_BYTES // (1024 * 1024)
    too_big = (
        f"{path}: larger than {limit_mb} MB; a class's answers are a few megabytes at most: split the file"
    )
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    with path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_RESPONSES_BYTES:
            raise ResponsesError(too_big)
        read = 0
        number = 0
        carry = ""  # the start of a line whose end is in a later block
        while True:
            block = handle.read(_PIECE)
            if read == 0 and (block.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in block[:200]):
                raise ResponsesError(f"{path}:1: the file is UTF-16 text; save it as CSV UTF-8 and try again")
            read += len(block)
            if read > MAX_RESPONSES_BYTES:
                raise ResponsesError(too_big)
            try:
                text = carry + decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                start = max(error.start, 0)
                line = number + 1 + carry.count("\r") + block[:start].count(b"\n")
                bad = block[start] if start < len(block) else 0
                raise ResponsesError(
                    f"{path}:{line}: not UTF-8 (byte 0x{bad:02x}); save the file as CSV UTF-8 and try again"
                ) from None
            if "\r" not in text:  # the usual file: lines end with \n alone
                lines = text.split("\n")
                carry = lines.pop()
                for line_text in lines:
                    number += 1
                    yield number, line_text + "\n"
            else:
                start = 0
                for match in _LINE_END.finditer(text):
                    if block and match.end() == len(text) and match.group() == "\r":
                        break  # a \r\n may be cut between two blocks
                    number += 1
                    yield number, text[start : match.end()]
                    start = match.end()
                carry = text[start:]
            if not block:
                if carry:
                    yield number + 1, carry
                return


class _Feed:
    """The lines handed to the csv reader, remembering those of the record being read."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self.lines = lines
        self.record: list[tuple[int, str]] = []

    def __iter__(self) -> Iterator[str]:
        for number, text in self.lines:
            self.record.append((number, text))
            yield text


def records(
    lines: Iterable[tuple[int, str]], name: str, report: MarkingReport
) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each CSV record. A record with a broken quote (one never closed, or
    text after a closing quote) is reported and skipped, and reading goes on at its next line,
    so the rows after it are never swallowed."""
    csv.field_size_limit(MAX_RESPONSES_BYTES)
    pending: Iterator[tuple[int, str]] = iter(lines)
    broken = 0
    while True:
        feed = _Feed(pending)
        reader = csv.reader(feed, strict=True)
        try:
            for cells in reader:
                first = feed.record[0][0] if feed.record else 0
                feed.record.clear()
                yield first, cells
            return
        except csv.Error as error:
            if not feed.record:
                return
            first = feed.record[0][0]
            broken += 1
            if "unexpected end of data" in str(error):
                why = "a quote opened in this row is never closed; close it (or double a quote inside a quoted cell)"
            else:
                why = f"a quote in the middle of a cell ({error}); put the whole cell in quotes and double the quotes inside"
            report.problem(f"{name}:{first}: {why}")
            if broken >= MAX_BROKEN_QUOTES:
                report.problem(
                    f"{name}:{first}: {broken} rows with broken quotes; stopped reading: is it a CSV file?"
                )
                return
            pending = chain(feed.record[1:], pending)


@dataclass(frozen=True)
class Columns:
    """Where the header puts what marking reads and writes."""

    width: int
    question_id: int
    answer: int
    student: int | None
    output: dict[str, int]  # outcome/score/expected/reason -> its column in the written rows
    header: list[str]


def read_header(cells: Sequence[str], name: str, line: int) -> Columns:
    """The columns of a header row; ResponsesError when question_id or answer is missing or doubled."""
    names = [unguard(c).strip() for c in cells]
    for needed in ("question_id", "answer", "student", *OUTPUT_COLUMNS):
        places = [i + 1 for i, c in enumerate(names) if c == needed]
        if len(places) > 1:
            raise ResponsesError(
                f"{name}:{line}: {len(places)} columns named '{needed}' (columns "
                f"{', '.join(map(str, places))}); keep one and mark again"
            )
    missing = [c for c in ("question_id", "answer") if c not in names]
    if missing:
        shown = ", ".join(c[:60] for c in names[:20])
        raise ResponsesError(
            f"{name}:{line}: no column {' or '.join(repr(c) for c in missing)} in the header "
            f"({shown}); the header needs question_id and answer"
        )
    output = {c: names.index(c) for c in OUTPUT_COLUMNS if c in names}
    header = list(names)
    for column in OUTPUT_COLUMNS:
        if column not in output:
            output[column] = len(header)
            header.append(column)
    return Columns(
        width=len(names),
        question_id=names.index("question_id"),
        answer=names.index("answer"),
        student=names.index("student") if "student" in names else None,
        output=output,
        header=header,
    )


def _guarded(row: list[str]) -> list[str]:
    return [guard(c) if c and c[0] in _GUARD_START else c for c in row]


def _unguarded(cells: list[str]) -> list[str]:
    return [unguard(c) if c[:1] == "'" else c for c in cells]


def mark_responses(
    lines: Iterable[tuple[int, str]],
    name: str,
    grader: ResponseGrader,
    write_row: Callable[[list[str]], object],
) -> MarkingReport:
    """Mark every row of a responses CSV, writing each (guarded) through `write_row` as it goes."""
    report = MarkingReport()
    outcomes = report.outcomes
    shown: dict[int, tuple[object, str, str, str, str]] = {}
    rows = records(lines, name, report)
    columns: Columns | None = None
    at_outcome = at_score = at_expected = at_reason = 0
    for line, raw in rows:
        cells = _unguarded(raw)
        if not "".join(cells).strip():
            continue
        if columns is None:
            columns = read_header(cells, name, line)
            at_outcome, at_score, at_expected, at_reason = (columns.output[c] for c in OUTPUT_COLUMNS)
            write_row(_guarded(columns.header))
            continue
        report.rows += 1
        out = _laid_out(cells, columns)
        problem = _row_problem(cells, columns)
        if problem is None:
            try:
                grade = grader.grade_answer(cells[columns.question_id].strip(), cells[columns.answer])
            except GradingError as error:
                problem = str(error)
        if problem is not None:
            report.problem(f"{name}:{line}: {problem}")
            _mark(out, columns, "", "", "", f"not marked: {problem}")
            write_row(_guarded(out))
            continue
        marks = shown.get(id(grade))
        if marks is None:  # else a grade met before (the grader's memo hands out the same object)
            if len(shown) >= MAX_SHOWN:
                shown.clear()
            marks = shown[id(grade)] = (grade, grade.label, f"{grade.score:g}", grade.expected, grade.reason)
        _, label, score_text, expected, reason = marks
        outcomes[label] = outcomes.get(label, 0) + 1
        out[at_outcome], out[at_score], out[at_expected], out[at_reason] = label, score_text, expected, reason
        write_row(_guarded(out))
        if columns.student is not None:
            student = cells[columns.student].strip()
            score, count = report.totals.get(student, (0.0, 0))
            report.totals[student] = (score + grade.score, count + 1)
    if columns is None:
        raise ResponsesError(f"{name}: the file is empty; it needs a header with question_id and answer")
    return report


def _row_problem(cells: list[str], columns: Columns) -> str | None:
    """Why a row cannot be marked as it stands (its cell count, an answer no one types), or None."""
    if len(cells) != columns.width:
        hint = " (a comma in an answer needs the whole cell in quotes)" if len(cells) > columns.width else ""
        return f"{len(cells)} cells where the header has {columns.width}{hint}"
    answer = cells[columns.answer]
    if len(answer) > MAX_TYPED_CHARS * 10:
        return f"an answer of {len(answer):,} characters; no answer is that long: is the row right?"
    return None


def _laid_out(cells: list[str], columns: Columns) -> list[str]:
    """The row with room for the marks: under their headings, any cells past the header after them."""
    if len(cells) > columns.width:
        return cells[: columns.width] + [""] * (len(columns.header) - columns.width) + cells[columns.width :]
    return cells + [""] * (len(columns.header) - len(cells))


def _mark(out: list[str], columns: Columns, outcome: str, score: str, expected: str, reason: str) -> None:
    for column, value in zip(OUTPUT_COLUMNS, (outcome, score, expected, reason), strict=True):
        out[columns.output[column]] = value


def mark_file(path: Path, grader: ResponseGrader, write_row: Callable[[list[str]], object]) -> MarkingReport:
    """Mark the responses file at `path` (see `mark_responses`)."""
    return mark_responses(physical_lines(path), str(path), grader, write_row)
