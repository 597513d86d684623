"""The deck format as pydantic models: what a deck file may hold, and what each key means.

The field descriptions double as the documentation in the JSON Schema (`rutw-quiz schema`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from rutw_quiz.deck.dates import PartialDate, parse_partial_date

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
LanguageTag = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]


class AnswerKind(StrEnum):
    """What kind of thing an answer is; distractors are always of the same kind."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    COUNTRY = "country"
    DATE = "date"
    YEAR = "year"
    NUMBER = "number"
    DOCUMENT = "document"
    EVENT = "event"
    TERM = "term"
    SHIP = "ship"
    OFFICE = "office"

    @property
    def is_numeric(self) -> bool:
        """Years, dates and numbers: distractors can be made by shifting the value."""
        return self in (AnswerKind.YEAR, AnswerKind.DATE, AnswerKind.NUMBER)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _date_to_text(value: Any) -> Any:
    """YAML reads an unquoted 1992-09-15 as a date object; keep it as the author's text.

    An unquoted year (`date: 1891`) is a number to YAML: refused with the fix, since
    other readers of the file (and `year:`) would take it as one.
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(
            f'date {value} is a number to YAML: put it in quotes (date: "{value}") or write year: {value}'
        )
    return value


def _no_booleans(value: Any) -> Any:
    """YAML reads true/false/yes/no/on/off as booleans, which pydantic would take as 1 and 0."""
    if isinstance(value, bool):
        raise ValueError(
            "YAML reads true, false, yes, no, on and off as booleans, and a boolean is not a number here; write a number"
        )
    return value


def _bounds_to_text(value: Any) -> Any:
    """A range's bounds as text: an unquoted year (`range: [1895, 1945]`) is the author's text too."""
    if isinstance(value, list):
        return [str(v) if isinstance(v, int) and not isinstance(v, bool) else _date_to_text(v) for v in value]
    return value


def _source_date_to_text(value: Any) -> Any:
    """A source's date is free text: an unquoted date or year is kept as the author wrote it."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _date_to_text(value)


class Source(_Strict):
    """A document the deck's facts are taken from."""

    id: Slug = Field(description="Stable id that facts cite in `source.id`.")
    title: Text = Field(description="The document's title.")
    publisher: Text = Field(description="Publisher or site, e.g. 'English Wikipedia'.")
    date: Text | None = Field(default=None, description="Publication or revision date, as free text.")
    url: Text = Field(description="URL, or another identifier where there is none.")
    file: Text | None = Field(
        default=None,
        description=(
            "File name of the source's plain text: looked for in `validate --sources DIR`, then beside the "
            "deck file, so a deck can ship the texts its licence allows."
        ),
    )
    license: Text | None = Field(
        default=None,
        description="The licence of the source's text, e.g. 'CC BY-SA 4.0'; shown in the attribution of every output.",
    )

    _coerce_date = field_validator("date", mode="before")(_source_date_to_text)


class Evidence(_Strict):
    """Where a fact comes from: the source, its section and a verbatim quote."""

    id: Slug = Field(description="The id of a source declared under `sources`.")
    section: Text = Field(description="Section of the source, e.g. 'Current relations'.")
    quote: Text = Field(
        description="Words copied verbatim from the source (at most about 30) that support the fact."
    )


class Fact(_Strict):
    """One true statement, its key answer, and everything needed to ask about it."""

    id: Slug = Field(
        description="Stable slug, unique in the deck: the fact's identity in Anki, worksheets and progress."
    )
    statement: Text = Field(
        description="One complete, true sentence in the author's own words; contains `answer`."
    )
    answer: Text = Field(description="The key answer; occurs verbatim in `statement`.")
    kind: AnswerKind = Field(description="What kind of thing the answer is.")
    category: Text | None = Field(
        default=None,
        max_length=60,
        description=(
            "What the answer is, as a short noun phrase the prompt asks for ('treaty', 'lake', "
            "'Soviet foreign minister'). Wrong choices come from other facts only when they share "
            "the category; without one, only from this fact's own distractors (and made-up years, "
            "dates and numbers). Also the hint in fill-in blanks and cloze cards."
        ),
        examples=["treaty", "Soviet foreign minister"],
    )
    aliases: list[Text] = Field(default_factory=list, description="Other spellings accepted as correct.")
    distractors: list[Text] = Field(
        default_factory=list, description="Plausible wrong answers of the same kind."
    )
    prompt: Text | None = Field(
        default=None,
        description="The question in words (not a sentence with a blank); must not contain the answer.",
    )
    range: Annotated[list[Text], Field(min_length=2, max_length=2)] | None = Field(
        default=None,
        description=(
            "For a year, date or number: the lowest and highest value a wrong choice may take, as the "
            "statement's context allows (a term in office, a life span, the years a state existed). "
            "Made-up wrong values stay inside it, and the answer and distractors must lie in it."
        ),
        examples=[["1895", "1945"], ["June 1954", "1988"], ["100", "2,000"]],
    )
    choices: int | None = Field(
        default=None,
        ge=3,
        le=6,
        description=(
            "The most choices a multiple-choice question of this fact shows, when fewer wrong answers make "
            "sense than a quiz asks for (3: two wrong answers); the notice about fewer choices then "
            "leaves it out."
        ),
    )
    date: Text | None = Field(
        default=None,
        description="When it happened: '1895', 'September 1992', '15 September 1992' or '1992-09-15'.",
    )
    year: int | None = Field(default=None, description="The year, where no fuller date is given.")
    event: Text | None = Field(
        default=None,
        description="Short label of the event without its date, for timeline questions.",
    )
    topics: list[Slug] = Field(
        min_length=1, description="Topic slugs, each declared under the deck's `topics`."
    )
    difficulty: int = Field(ge=1, le=3, description="1 easy, 2 medium, 3 hard.")
    source: Evidence = Field(description="Where the fact comes from.")
    note: Text | None = Field(
        default=None,
        description=(
            "A short note for the learner or teacher about the content, e.g. where a source is "
            "wrong or the sources disagree. Remarks for deck maintainers go in YAML comments."
        ),
    )

    _coerce_date = field_validator("date", mode="before")(_date_to_text)
    _coerce_bounds = field_validator("range", mode="before")(_bounds_to_text)
    _numbers_not_booleans = field_validator("difficulty", "year", "choices", mode="before")(_no_booleans)

    @field_validator("date")
    @classmethod
    def _date_parses(cls, value: str | None) -> str | None:
        if value is not None:
            parse_partial_date(value)
        return value

    @property
    def when(self) -> PartialDate | None:
        """The fact's date, or its year as a partial date, or None."""
        if self.date is not None:
            return parse_partial_date(self.date)
        if self.year is not None:
            return PartialDate(self.year)
        return None

    @property
    def accepted(self) -> list[str]:
        """The answer and its aliases: every text graded as correct."""
        return [self.answer, *self.aliases]


class Deck(_Strict):
    """A deck file: its metadata, the topics, the sources and the facts."""

    model_config = ConfigDict(
        title="rutw-quiz deck",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "description": "A rutw-quiz deck: fact records with sources, from which quiz questions are made.",
        },
    )

    id: Slug = Field(description="Stable id of the deck; Anki deck and progress records derive from it.")
    title: Text = Field(description="Title shown on worksheets and as the Anki deck name.")
    description: Text = Field(description="What the deck covers, for worksheets and Anki.")
    language: LanguageTag = Field(description="BCP 47 language tag of the deck's text, e.g. 'en'.")
    topics: dict[Slug, Text] = Field(min_length=1, description="Topic slug -> human-readable label.")
    sources: list[Source] = Field(min_length=1, description="The documents facts are drawn from.")
    facts: list[Fact] = Field(min_length=1, description="The fact records.")

    def source(self, source_id: str) -> Source:
        """The declared source with this id (validation guarantees it exists)."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def topic_label(self, slug: str) -> str:
        """The human label of a topic slug."""
        return self.topics.get(slug, slug)
