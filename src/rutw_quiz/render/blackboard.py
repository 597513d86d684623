"""Blackboard: the tab-delimited question upload file (Tests → Upload Questions).

One question a line, no header; the first field is the type:
- `MC  text  choice  correct|incorrect  choice  correct|incorrect …` for multiple choice;
- `TF  text  true|false` for true or false;
- `FIB  text  answer  alias …` for fill-in and short answer (the answer and every alias);
- `NUM  text  answer  0` where the answer is a plain year or number (tolerance 0);
- `ORD  text  item  item …` for a timeline, the events in the right order;
- `MAT  text  statement  answer  statement  answer …` for matching.

Blackboard reads question and choice text as HTML, so the deck text is HTML-escaped there and
markup shows as written; typed answers (FIB, NUM) are compared with what a student types and stay
plain. A field cannot hold a tab or a line break (they end the field or the question), so those
become spaces. The upload format has no feedback fields: explanations and sources are not carried.

Blackboard's help says the file can be edited in a spreadsheet, which would read some fields
differently from Blackboard. Fields that start with `=`, `+`, `-` or `@` are written as they are
(Blackboard reads them as text) and named in a notice, the project's rule for files a platform
imports (`rutw_quiz.spreadsheet`). A field that starts with `"` would lose its quotation mark
to a spreadsheet's quoting: in an HTML field it is written `&quot;`, which Blackboard shows as
`"` and a spreadsheet leaves alone; a plain field (a typed answer) cannot be written otherwise,
so it is named in the notice too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rutw_quiz.questions.bank import Bank, QuestionBank
from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.render.export_common import plain_number, shown_prompt, typed_answers
from rutw_quiz.spreadsheet import formula_cells, formula_notice

FILE_NAME = "the Blackboard file"

_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029\x85]+")


def plain(text: str) -> str:
    """A plain field: tabs and line breaks as single spaces."""
    return _BREAKS.sub(" ", text).strip()


def rich(text: str) -> str:
    """An HTML field: the plain field, HTML-escaped, a leading `"` as `&quot;`."""
    escaped = html.escape(plain(text), quote=False)
    return "&quot;" + escaped[1:] if escaped.startswith('"') else escaped


def blackboard_line(question: Question) -> list[str]:
    """The fields of one question's line."""
    if isinstance(question, MultipleChoiceQuestion):
        fields = ["MC", rich(question.prompt)]
        for choice in question.choices:
            fields += [rich(choice), "correct" if choice == question.answer else "incorrect"]
        return fields
    if isinstance(question, TrueFalseQuestion):
        return ["TF", rich(question.prompt), "true" if question.answer else "false"]
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        number = plain_number(question)
        if number is not None:
            return ["NUM", rich(shown_prompt(question)), number, "0"]
        return ["FIB", rich(shown_prompt(question)), *(plain(a) for a in typed_answers(question))]
    if isinstance(question, TimelineQuestion):
        return ["ORD", rich(question.prompt), *(rich(event) for event in question.answer)]
    assert isinstance(question, MatchingQuestion)
    fields = ["MAT", rich(question.prompt)]
    for pair in question.answer:
        fields += [rich(pair.statement), rich(pair.answer)]
    return fields


@dataclass
class BlackboardResult:
    """The upload file, made as it is written (`pieces`), and notices about fields a spreadsheet
    would change (for a `BankStream`, known once the pieces are written)."""

    bank: Bank
    notices: list[str] = field(default_factory=list)
    written: int = 0
    _lines: list[str] | None = field(default=None, repr=False)
    """A whole bank's lines, made once (for its notices) and kept for writing."""

    def pieces(self) -> Iterator[str]:
        """The file a line (a question) at a time; `written` and `notices` are counted as it goes."""
        if self._lines is not None:
            yield from self._lines
            return
        formulas: list[tuple[int, int]] = []
        quoted: list[tuple[int, int]] = []
        number = 0
        for group in self.bank.groups:
            for question in group.questions:
                number += 1
                line = blackboard_line(question)
                formulas += formula_cells([line], first_line=number)
                quoted += [(number, c) for c, cell in enumerate(line, 1) if cell[:1] == '"']
                yield "\t".join(line) + "\n"
        self.written = number
        self.notices = _notices(formulas, quoted)

    @property
    def text(self) -> str:
        """The whole file's text."""
        return "".join(self.pieces())


def _notices(formulas: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[str]:
    notices = [formula_notice(FILE_NAME, formulas)]
    if quoted:
        places = ", ".join(f"line {line} column {column}" for line, column in quoted[:5])
        more = f" and {len(quoted) - 5} more" if len(quoted) > 5 else ""
        notices.append(
            f"{FILE_NAME}: {len(quoted)} typed answer(s) start with a quotation mark ({places}{more}); "
            "Blackboard imports them as written, but a spreadsheet would take the mark for quoting "
            "and drop it: upload the file as it is"
        )
    return [n for n in notices if n]


def blackboard(bank: Bank) -> BlackboardResult:
    """The upload file: one tab-separated line per question, in bank order; notices name the fields
    a spreadsheet would read as formulas or as quoted (a whole `QuestionBank`'s at once)."""
    result = BlackboardResult(bank)
    if isinstance(bank, QuestionBank):
        result._lines = list(result.pieces())
    return result


def blackboard_text(bank: QuestionBank) -> str:
    """The upload file's text (see `blackboard`)."""
    return blackboard(bank).text
