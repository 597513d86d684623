"""Printable worksheets: questions in, one self-contained HTML page out (versions and answer keys).

`worksheet_page` builds a plain page model (dataclasses of strings and numbers) from the
questions; `render_worksheet` fills `templates/worksheet.html.j2` with it. The jinja2
environment escapes every value (autoescape on for all templates) and fails on any
undefined name; deck text only ever reaches the template as data, never as template
source. The stylesheet `templates/worksheet.css` is read as plain text and inlined, so
the page needs nothing from the network.

Questions are printed in sections by type (multiple choice first, matching last) and
numbered through. Version A keeps the engine's order within each section; the other
versions come from `rutw_quiz.questions.variants.make_version`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote

from rutw_quiz.questions.models import (
    BLANK,
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    QuestionType,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
    letter,
)
from rutw_quiz.questions.variants import make_version, version_label

if TYPE_CHECKING:
    from jinja2 import Environment

    from rutw_quiz.deck.models import Deck

TEMPLATE = "worksheet.html.j2"
STYLESHEET = "worksheet.css"
DEFAULT_TITLE = "Worksheet"
Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
SECTION_ORDER: tuple[QuestionType, ...] = tuple(QuestionType)

INSTRUCTIONS: dict[QuestionType, str] = {
    QuestionType.MULTIPLE_CHOICE: "Fill in the circle of the one right answer.",
    QuestionType.TRUE_FALSE: "Tick True or False for each statement.",
    QuestionType.FILL_IN: "Write the missing words on the line.",
    QuestionType.SHORT_ANSWER: "Answer in a few words on the lines.",
    QuestionType.TIMELINE: "Number the events in the boxes: 1 for the earliest, then 2, 3 and so on.",
    QuestionType.MATCHING: "Write in each box the letter of the answer that completes the statement.",
}


class Content(StrEnum):
    """What the page holds: the versions, their answer keys, or both."""

    BOTH = "both"
    QUESTIONS = "questions"
    KEYS = "keys"


@dataclass(frozen=True)
class Choice:
    """A lettered (or numbered) line: a choice, an event, a matching answer or statement."""

    label: str
    text: str
    parts: list[str] = field(default_factory=list)
    """For matching statements: the text split where its blank is."""


@dataclass(frozen=True)
class Item:
    """One question as printed."""

    number: int
    id: str
    type: str
    prompt: str
    lang: str | None
    choices: list[Choice] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    blank_ch: int = 0
    lines: int = 0
    statements: list[Choice] = field(default_factory=list)


@dataclass(frozen=True)
class KeySource:
    """A source as cited in the key; the URL is printed as text, percent-escapes decoded for reading."""

    title: str
    section: str
    quote: str
    url: str


@dataclass(frozen=True)
class KeyItem:
    """One question's answer, explanation and sources, as printed in the key."""

    number: int
    id: str
    type: str
    answer: str
    details: list[str]
    explanation: str
    sources: list[KeySource]
    lang: str | None


@dataclass(frozen=True)
class Section:
    """The questions of one type, with their heading and instructions."""

    type: str
    heading: str
    instructions: str
    start: int
    items: list[Item]
    key_items: list[KeyItem]


@dataclass(frozen=True)
class Version:
    """One version of the worksheet (A, B, ...) and its key."""

    label: str
    sections: list[Section]

    @property
    def question_ids(self) -> list[str]:
        """The question ids in printed order."""
        return [item.id for section in self.sections for item in section.items]


@dataclass(frozen=True)
class WorksheetPage:
    """Everything the template prints."""

    title: str
    deck_title: str
    lang: str
    paper_size: str
    versions: list[Version]
    show_questions: bool
    show_keys: bool
    question_count: int
    seed: int


def blank_width(answer: str) -> int:
    """Width of a writing line in `ch`: the answer's length with room to spare, in steps of 5."""
    return max(10, min(40, math.ceil((len(answer) + 6) / 5) * 5))


def _sources(question: Question) -> list[KeySource]:
    return [KeySource(ref.title, ref.section, ref.quote, unquote(ref.url)) for ref in question.sources]


def _item(number: int, question: Question, lang: str | None) -> Item:
    choices: list[Choice] = []
    statements: list[Choice] = []
    parts: list[str] = []
    blank_ch = lines = 0
    if isinstance(question, MultipleChoiceQuestion | TimelineQuestion):
        choices = [Choice(letter(i), text) for i, text in enumerate(question.choices)]
    elif isinstance(question, FillInQuestion):
        parts = question.prompt.split(BLANK)
        blank_ch = blank_width(question.answer)
    elif isinstance(question, ShortAnswerQuestion):
        lines = 2 if len(question.answer) <= 40 else 3
    elif isinstance(question, MatchingQuestion):
        statements = [
            Choice(str(i + 1), text, parts=text.split(BLANK))
            for i, text in enumerate(question.choices.statements)
        ]
        choices = [Choice(letter(i), text) for i, text in enumerate(question.choices.answers)]
    return Item(
        number=number,
        id=question.id,
        type=question.type.value,
        prompt=question.prompt,
        lang=lang,
        choices=choices,
        parts=parts,
        blank_ch=blank_ch,
        lines=lines,
        statements=statements,
    )


def _key_item(number: int, question: Question, lang: str | None) -> KeyItem:
    details: list[str] = []
    if isinstance(question, MultipleChoiceQuestion):
        answer = f"{letter(question.answer_index)}) {question.answer}"
    elif isinstance(question, TrueFalseQuestion):
        answer = "True" if question.answer else "False"
        if question.swapped:
            details.append(f"The statement wrongly puts in: {question.swapped}")
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        answer = question.answer
        if question.accepted:
            details.append(f"Also accepted: {', '.join(question.accepted)}")
    elif isinstance(question, TimelineQuestion):
        order = question.answer_letters
        boxes = sorted((label, place) for place, label in enumerate(order, 1))
        answer = ", ".join(f"{label} {place}" for label, place in boxes)
        answer += f" (earliest first: {', '.join(order)})"
        details = [
            f"{place}. {label}) {event} ({date})"
            for place, (label, event, date) in enumerate(
                zip(order, question.answer, question.dates, strict=True), 1
            )
        ]
    else:  # MatchingQuestion
        letters = question.answer_letters
        answer = ", ".join(f"{i} {label}" for i, label in enumerate(letters, 1))
        details = [
            f"{i}. {label}) {pair.answer}"
            for i, (label, pair) in enumerate(zip(letters, question.answer, strict=True), 1)
        ]
    return KeyItem(
        number=number,
        id=question.id,
        type=question.type.value,
        answer=answer,
        details=details,
        explanation=question.explanation,
        sources=_sources(question),
        lang=lang,
    )


def _version(label: str, questions: Sequence[Question], languages: dict[str, str], page_lang: str) -> Version:
    sections: list[Section] = []
    number = 1
    for qtype in SECTION_ORDER:
        members = [q for q in questions if q.type is qtype]
        if not members:
            continue
        items, keys = [], []
        for offset, question in enumerate(members):
            lang = languages.get(question.deck_id, page_lang)
            lang_attr = None if lang == page_lang else lang
            items.append(_item(number + offset, question, lang_attr))
            keys.append(_key_item(number + offset, question, lang_attr))
        sections.append(
            Section(
                type=qtype.value,
                heading=qtype.label,
                instructions=INSTRUCTIONS[qtype],
                start=number,
                items=items,
                key_items=keys,
            )
        )
        number += len(members)
    return Version(label=label, sections=sections)


def worksheet_page(
    decks: Sequence[Deck],
    questions: Sequence[Question],
    *,
    seed: int,
    versions: int = 1,
    title: str | None = None,
    paper: Paper = "a4",
    content: Content = Content.BOTH,
) -> WorksheetPage:
    """The page model: `versions` versions of `questions`, each with its key, deterministic from `seed`."""
    if versions < 1:
        raise ValueError(f"versions must be at least 1, not {versions}")
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    rank = {qtype: i for i, qtype in enumerate(SECTION_ORDER)}
    base = sorted(questions, key=lambda q: rank[q.type])  # stable: engine order within a section
    languages = {deck.id: deck.language for deck in decks}
    page_lang = decks[0].language if decks else "en"
    made = [
        _version(version_label(k), make_version(base, seed=seed, version=k), languages, page_lang)
        for k in range(versions)
    ]
    return WorksheetPage(
        title=title or DEFAULT_TITLE,
        deck_title=" · ".join(dict.fromkeys(deck.title for deck in decks)),
        lang=page_lang,
        paper_size=PAPER_SIZES[paper],
        versions=made,
        show_questions=content is not Content.KEYS,
        show_keys=content is not Content.QUESTIONS,
        question_count=len(base),
        seed=seed,
    )


@functools.cache
def _environment(folder: str) -> Environment:
    """One jinja2 environment per templates folder and run: templates compile once."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,  # every template, whatever its name: deck text is always escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _stylesheet(folder: str) -> str:
    from pathlib import Path

    return (Path(folder) / STYLESHEET).read_text(encoding="utf-8")


def render_worksheet(page: WorksheetPage) -> str:
    """The page as one HTML document, with the stylesheet inlined."""
    from markupsafe import Markup

    from rutw_quiz.resources import templates_dir

    folder = str(templates_dir())
    template = _environment(folder).get_template(TEMPLATE)
    # The stylesheet is our own file, not deck text: inlined verbatim, never run as a template.
    return template.render(page=page, css=Markup(_stylesheet(folder)))  # noqa: S704


def worksheet_html(
    decks: Sequence[Deck],
    questions: Sequence[Question],
    *,
    seed: int,
    versions: int = 1,
    title: str | None = None,
    paper: Paper = "a4",
    content: Content = Content.BOTH,
) -> str:
    """Build the page model and render it: the whole worksheet as an HTML string."""
    page = worksheet_page(
        decks, questions, seed=seed, versions=versions, title=title, paper=paper, content=content
    )
    return render_worksheet(page)
