"""The words of the quiz's feedback: the right answer, what was answered, and each item of a
timeline or matching answer marked right or wrong.

Plain text only; the session wraps and paints it. Kept apart from the session so the
feedback can be read (and tested) without a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rutw_quiz.questions.models import (
    BLANK,
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
    letter,
)
from rutw_quiz.quiz.answers import Answer

RIGHT_MARK = "✓"
WRONG_MARK = "✗"


def format_points(value: float) -> str:
    """7.0 -> '7', 7.5 -> '7.5', 7.25 -> '7.25'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_duration(seconds: float) -> str:
    """'42 s', '3 min 05 s', '1 h 02 min'."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def plural(count: int, word: str) -> str:
    """'1 question', '2 questions'."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def expected_answer(question: Question) -> str:
    """The right answer as the student would have typed it, with what it stands for."""
    if isinstance(question, MultipleChoiceQuestion):
        return f"{letter(question.answer_index)}) {question.answer}"
    if isinstance(question, TrueFalseQuestion):
        return "True" if question.answer else "False"
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        return question.answer
    if isinstance(question, TimelineQuestion):
        return "".join(question.answer_letters)
    return " ".join(f"{i}{label}" for i, label in enumerate(question.answer_letters, 1))


def given_answer(question: Question, answer: Answer) -> str:
    """What the student answered, in the form `expected_answer` gives the right one."""
    value = answer.value
    if isinstance(question, MultipleChoiceQuestion) and isinstance(value, int):
        return f"{letter(value)}) {question.choices[value]}"
    if isinstance(question, TrueFalseQuestion):
        return "True" if value else "False"
    if isinstance(question, TimelineQuestion) and isinstance(value, tuple):
        return "".join(letter(i) for i in value)
    if isinstance(question, MatchingQuestion) and isinstance(value, Mapping):
        return " ".join(f"{s + 1}{letter(a)}" for s, a in sorted(value.items()))
    return answer.text


@dataclass(frozen=True)
class Detail:
    """One event of a timeline or one statement of a matching answer, as the key gives it.

    `right` is None when nothing is to be marked (a right answer, a skip, the summary);
    otherwise whether the student had this item right, and `given` what they put instead.
    """

    label: str
    text: str
    right: bool | None = None
    given: str | None = None

    @property
    def mark(self) -> str:
        """'✓ ', '✗ ' or nothing."""
        if self.right is None:
            return ""
        return f"{RIGHT_MARK if self.right else WRONG_MARK} "

    @property
    def line(self) -> str:
        """The text, with what the student put instead when it was wrong."""
        if self.right is False and self.given:
            return f"{self.text} ({self.given})"
        return self.text


def answer_details(question: Question, answer: Answer | None = None) -> list[Detail]:
    """The lines that explain a multi-fact answer: one for each event or statement.

    A timeline gives each event with its letter and date, earliest first; matching gives each
    statement completed by its answer, with its number and letter. With the student's `answer`
    (partly or wholly wrong), each line says whether they had it right, and what they put instead.
    """
    value = answer.value if answer is not None else None
    if isinstance(question, TimelineQuestion):
        order = value if isinstance(value, tuple) and len(value) == len(question.answer) else None
        details = []
        for place, (label, date, event) in enumerate(
            zip(question.answer_letters, question.dates, question.answer, strict=True)
        ):
            right = given = None
            if order is not None:
                put = letter(order[place])
                right, given = put == label, f"you put {put} here"
            details.append(Detail(f"{label})", f"{date}: {event}", right, given))
        return details
    if isinstance(question, MatchingQuestion):
        pairs = value if isinstance(value, Mapping) else None
        details = []
        for i, (label, pair) in enumerate(zip(question.answer_letters, question.answer, strict=True)):
            right = given = None
            if pairs is not None:
                said = letter(pairs[i]) if i in pairs else "nothing"
                right, given = said == label, f"you said {said}"
            details.append(
                Detail(f"{i + 1}{label}", pair.statement.replace(BLANK, pair.answer, 1), right, given)
            )
        return details
    return []


def statement_of(question: Question) -> str:
    """The true statement a single-fact question rests on, without its note."""
    note = question.note
    return question.explanation.removesuffix(f" Note: {note}") if note else question.explanation


def source_line(question: Question) -> str:
    """One line for the sources: 'Title, Section', or the titles of a multi-fact question's sources."""
    sources = question.sources
    if len(sources) == 1:
        return f"Source: {sources[0].title}, {sources[0].section}"
    titles = list(dict.fromkeys(source.title for source in sources))
    return ("Source: " if len(titles) == 1 else "Sources: ") + "; ".join(titles)


def is_typed(question: Question) -> bool:
    """Whether the student types the answer in words (fill-in, short answer)."""
    return isinstance(question, FillInQuestion | ShortAnswerQuestion)
