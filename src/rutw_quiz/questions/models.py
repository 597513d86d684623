"""Question objects: what every output (quiz, worksheet, Anki, JSON) is made from.

One model per question type, joined in the `Question` union on the `type` field, so a
renderer knows exactly what `choices` and `answer` hold for each type.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

BLANK = "_____"
"""Stands for the missing words in fill-in prompts and matching statements."""


def letter(index: int) -> str:
    """Choice label: 0 -> 'A'."""
    return chr(ord("A") + index)


class QuestionType(StrEnum):
    """The six kinds of question; the values are those of `--type`."""

    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    FILL_IN = "fill_in"
    SHORT_ANSWER = "short_answer"
    TIMELINE = "timeline"
    MATCHING = "matching"

    @property
    def label(self) -> str:
        """Human name, e.g. 'Multiple choice', for headings and the quiz screen."""
        return _TYPE_LABELS[self]

    @property
    def fact_count(self) -> int:
        """How many facts one question of this type uses."""
        return 4 if self in (QuestionType.TIMELINE, QuestionType.MATCHING) else 1


_TYPE_LABELS = {
    QuestionType.MULTIPLE_CHOICE: "Multiple choice",
    QuestionType.TRUE_FALSE: "True or false",
    QuestionType.FILL_IN: "Fill in the blank",
    QuestionType.SHORT_ANSWER: "Short answer",
    QuestionType.TIMELINE: "Timeline",
    QuestionType.MATCHING: "Matching",
}


class SourceRef(BaseModel):
    """The evidence a question rests on, for citing in explanations and answer keys."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    section: str
    quote: str
    url: str


class _QuestionBase(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable: deck id, fact id(s) and type; the same for any seed.")
    deck_id: str
    prompt: str
    explanation: str = Field(description="The true statement, plus the teacher note if any.")
    note: str | None = None
    topics: list[str]
    difficulty: int


class _SingleFact(_QuestionBase):
    fact_id: str
    source: SourceRef
    answer_kind: str = Field(description="The kind of the key answer (person, year, ...).")

    @property
    def fact_ids(self) -> list[str]:
        """The facts this question tests (one)."""
        return [self.fact_id]

    @property
    def sources(self) -> list[SourceRef]:
        """The citations, as a list for every type."""
        return [self.source]


class MultipleChoiceQuestion(_SingleFact):
    """A question in words with K choices, exactly one right."""

    type: Literal[QuestionType.MULTIPLE_CHOICE] = QuestionType.MULTIPLE_CHOICE
    choices: list[str]
    answer: str

    @property
    def answer_index(self) -> int:
        """Position of the right choice."""
        return self.choices.index(self.answer)


class TrueFalseQuestion(_SingleFact):
    """A statement shown as is: true, or false with its key answer swapped."""

    type: Literal[QuestionType.TRUE_FALSE] = QuestionType.TRUE_FALSE
    choices: list[str] = Field(default_factory=lambda: ["True", "False"])
    answer: bool
    swapped: str | None = Field(default=None, description="For a false statement: the wrong value put in.")


class FillInQuestion(_SingleFact):
    """The statement with its key answer blanked; the student types it."""

    type: Literal[QuestionType.FILL_IN] = QuestionType.FILL_IN
    choices: list[str] = Field(default_factory=list)
    answer: str
    hint: str | None = Field(default=None, description="What the blank asks for (the fact's category).")
    accepted: list[str] = Field(default_factory=list, description="Aliases also graded correct.")


class ShortAnswerQuestion(_SingleFact):
    """The fact's question in words; the student types the answer."""

    type: Literal[QuestionType.SHORT_ANSWER] = QuestionType.SHORT_ANSWER
    choices: list[str] = Field(default_factory=list)
    answer: str
    accepted: list[str] = Field(default_factory=list, description="Aliases also graded correct.")


class _MultiFact(_QuestionBase):
    fact_ids: list[str]
    source: list[SourceRef]

    @property
    def sources(self) -> list[SourceRef]:
        """The citations, as a list for every type."""
        return list(self.source)


class TimelineQuestion(_MultiFact):
    """Four dated events to put in chronological order."""

    type: Literal[QuestionType.TIMELINE] = QuestionType.TIMELINE
    choices: list[str] = Field(description="The events in the order shown.")
    answer: list[str] = Field(description="The same events, earliest first.")
    dates: list[str] = Field(description="The date of each event in `answer`, for the key.")

    @property
    def answer_letters(self) -> list[str]:
        """The shown events' letters, earliest first: ['C', 'A', 'D', 'B']."""
        return [letter(self.choices.index(event)) for event in self.answer]


class MatchingColumns(BaseModel):
    """The two columns of a matching question, in the order shown."""

    model_config = ConfigDict(frozen=True)

    statements: list[str] = Field(description="Statements with a blank, numbered 1, 2, ...")
    answers: list[str] = Field(description="Answers to place, lettered A, B, ...")


class MatchPair(BaseModel):
    """One statement and the answer that completes it."""

    model_config = ConfigDict(frozen=True)

    statement: str
    answer: str


class MatchingQuestion(_MultiFact):
    """Four answers to match with the statements they complete."""

    type: Literal[QuestionType.MATCHING] = QuestionType.MATCHING
    choices: MatchingColumns
    answer: list[MatchPair] = Field(description="The right answer for each statement, in statement order.")

    @property
    def answer_letters(self) -> list[str]:
        """For each statement in order, the letter of its answer: ['B', 'A', 'D', 'C']."""
        return [letter(self.choices.answers.index(pair.answer)) for pair in self.answer]


Question = Annotated[
    MultipleChoiceQuestion
    | TrueFalseQuestion
    | FillInQuestion
    | ShortAnswerQuestion
    | TimelineQuestion
    | MatchingQuestion,
    Field(discriminator="type"),
]
