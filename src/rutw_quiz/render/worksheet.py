"""Printable worksheets: questions in, one self-contained HTML page out (versions, answer keys, explanations).

`worksheet_page` builds a plain page model (dataclasses of strings and numbers) from the
questions; `render_worksheet` fills `templates/worksheet.html.j2` with it. The jinja2
environment escapes every value (autoescape on for all templates) and fails on any
undefined name; deck text only ever reaches the template as data, never as template
source. The stylesheet `templates/worksheet.css` and the paginator `templates/worksheet.js`
are read as plain text and inlined, so the page needs nothing from the network.

The page has parts: one per version (the questions), one answer key per version (a compact
grid of every answer, for marking at a glance) and, once for the whole worksheet, the answers
explained with their sources (each source's reference given once, each fact on its own line).

The students' part names no answer in its markup either: a question carries only its number
on the sheet, never its id (made of fact ids, which read like answers: `tuapse-crew-49`), so
the file can be handed out or posted as it is. The keys keep the ids, which `grade --responses`
needs. In the browser the paginator lays each part out on sheets of the
chosen paper and numbers the sheets within the part ("Version B · page 1 of 3"); CSS alone
cannot restart the page count per part, nor know a part's page total.

Questions are printed in sections by type (multiple choice first, matching last) and
numbered through. Version A keeps the engine's order within each section; the other
versions come from `rutw_quiz.questions.variants.make_version`, which shuffles every
choice list except years, dates and numbers: those stay in ascending order on purpose.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
    SourceRef,
    TimelineQuestion,
    TrueFalseQuestion,
    letter,
)
from rutw_quiz.questions.variants import make_version, version_label
from rutw_quiz.render.citation import attribution, quote_text, reference, web_url
from rutw_quiz.render.matching_extra import with_extra_answers

if TYPE_CHECKING:
    from jinja2 import Environment

    from rutw_quiz.deck.models import Deck, Fact, Source

TEMPLATE = "worksheet.html.j2"
STYLESHEET = "worksheet.css"
SCRIPT = "worksheet.js"
Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
PAPER_MM: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
SECTION_ORDER: tuple[QuestionType, ...] = tuple(QuestionType)
BLANK_CH = 22
"""Every fill-in blank has this width (in `ch`): a blank's length must not hint at the answer."""
ANSWER_LINES = 2
"""Every short answer gets this many lines, whatever the answer's length."""

INSTRUCTIONS: dict[QuestionType, str] = {
    QuestionType.MULTIPLE_CHOICE: "Fill in the circle beside the right answer. 1 point each.",
    QuestionType.TRUE_FALSE: "Tick True or False for each statement. 1 point each.",
    QuestionType.FILL_IN: "Write the missing words on the line; the word in brackets says what is missing. 1 point each.",
    QuestionType.SHORT_ANSWER: "Answer in a few words on the lines. 1 point each.",
    QuestionType.TIMELINE: "Number the events in the boxes: 1 for the earliest, then 2, 3 and so on. 1 point for the whole order.",
    QuestionType.MATCHING: "Write in each box the letter of the answer that completes the statement. One answer is left over. 1 point per statement.",
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
    """One question as printed on a student's sheet: nothing here may name its answer (no id)."""

    number: int
    type: str
    prompt: str
    lang: str | None
    points: int = 1
    choices: list[Choice] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    hint: str | None = None
    blank_ch: int = 0
    lines: int = 0
    statements: list[Choice] = field(default_factory=list)


@dataclass(frozen=True)
class CitedSource:
    """A source as listed once under "Answers explained": [1] title, publisher and date, web address."""

    number: int
    reference: str
    url: str | None


@dataclass(frozen=True)
class GridEntry:
    """One answer in a version's key grid: "4 Vladivostok" (with spellings also accepted).

    `question_id` is the question's id (`deck:fact:type`), for `grade --responses`: keys only.
    """

    number: int
    question_id: str
    answer: str
    also: str | None = None


@dataclass(frozen=True)
class ExplainedFact:
    """One fact behind an answer: its statement and note, and the words of its source.

    `lead` introduces it in a multi-fact answer: its place and date in a timeline ("1. 1895"),
    its answer in matching ("Vladivostok"); None for a single-fact question.
    """

    lead: str | None
    statement: str
    note: str | None
    source: int
    """The number of its source in `WorksheetPage.sources`."""
    section: str
    quote: str


@dataclass(frozen=True)
class Explained:
    """One question's answer, the facts that make it right and their sources, once for all versions."""

    id: str
    type: str
    numbers: list[tuple[str, int]]
    """(version label, question number) for every version: ("A", 4), ("B", 9)."""
    answer: str
    details: list[str]
    facts: list[ExplainedFact]
    lang: str | None


@dataclass(frozen=True)
class Section:
    """The questions of one type, with their heading, instructions and points."""

    type: str
    heading: str
    instructions: str
    start: int
    items: list[Item]
    grid: list[GridEntry]

    @property
    def points(self) -> int:
        """The points the section is worth."""
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class Version:
    """One version of the worksheet (A, B, ...) and its key grid."""

    label: str
    sections: list[Section]

    @property
    def question_ids(self) -> list[str]:
        """The question ids in printed order."""
        return [entry.question_id for section in self.sections for entry in section.grid]

    @property
    def points(self) -> int:
        """The total of the version's points."""
        return sum(section.points for section in self.sections)


@dataclass(frozen=True)
class WorksheetPage:
    """Everything the template prints."""

    title: str
    deck_title: str
    lang: str
    paper_size: str
    paper_mm: tuple[float, float]
    versions: list[Version]
    explained: list[Explained]
    sources: list[CitedSource]
    attribution: str
    show_questions: bool
    show_keys: bool
    show_explanations: bool
    duplex: bool
    question_count: int
    seed: int
    made_with: str = ""
    """The options that make the set again, for `rutw-quiz grade` (shown in the keys)."""


def points(question: Question) -> int:
    """What a question is worth: a point per matching statement, else one."""
    if isinstance(question, MatchingQuestion):
        return len(question.choices.statements)
    return 1


def _item(number: int, question: Question, lang: str | None) -> Item:
    """The question as a student's sheet shows it: text and choices, no id, nothing about the answer."""
    choices: list[Choice] = []
    statements: list[Choice] = []
    parts: list[str] = []
    hint: str | None = None
    blank_ch = lines = 0
    if isinstance(question, MultipleChoiceQuestion | TimelineQuestion):
        choices = [Choice(letter(i), text) for i, text in enumerate(question.choices)]
    elif isinstance(question, FillInQuestion):
        parts = question.prompt.split(BLANK)
        blank_ch = BLANK_CH
        hint = question.hint
    elif isinstance(question, ShortAnswerQuestion):
        lines = ANSWER_LINES
    elif isinstance(question, MatchingQuestion):
        statements = [
            Choice(str(i + 1), text, parts=text.split(BLANK))
            for i, text in enumerate(question.choices.statements)
        ]
        choices = [Choice(letter(i), text) for i, text in enumerate(question.choices.answers)]
    return Item(
        number=number,
        type=question.type.value,
        prompt=question.prompt,
        lang=lang,
        points=points(question),
        choices=choices,
        parts=parts,
        hint=hint,
        blank_ch=blank_ch,
        lines=lines,
        statements=statements,
    )


def _grid_entry(number: int, question: Question) -> GridEntry:
    """The answer as a marker checks it on this version's sheet: letters, True/False, words."""
    also: str | None = None
    if isinstance(question, MultipleChoiceQuestion):
        answer = letter(question.answer_index)
    elif isinstance(question, TrueFalseQuestion):
        answer = "True" if question.answer else "False"
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        answer = question.answer
        also = ", ".join(question.accepted) or None
    elif isinstance(question, TimelineQuestion):
        answer = " ".join(
            f"{label}{place}"
            for label, place in sorted((lb, p) for p, lb in enumerate(question.answer_letters, 1))
        )
    else:  # MatchingQuestion
        answer = " ".join(f"{i}{label}" for i, label in enumerate(question.answer_letters, 1))
    return GridEntry(number=number, question_id=question.id, answer=answer, also=also)


class _Citations:
    """The sources cited under "Answers explained", numbered in the order they are first cited."""

    def __init__(self, sources: dict[tuple[str, str], Source]) -> None:
        self._sources = sources
        self._numbers: dict[tuple[str, str], int] = {}
        self.cited: list[CitedSource] = []

    def number(self, deck_id: str, ref: SourceRef) -> int:
        """The number of the source `ref` cites; a question made outside its deck cites what it carries."""
        key = (deck_id, ref.id)
        if key not in self._numbers:
            source = self._sources.get(key)
            if source is None:
                url: str | None = ref.url if ref.url.startswith(("https://", "http://")) else None
                text = ref.title
            else:
                url, text = web_url(source), reference(source)
            self._numbers[key] = len(self.cited) + 1
            self.cited.append(CitedSource(len(self.cited) + 1, text, url and unquote(url)))
        return self._numbers[key]


def _fact_lines(
    question: Question, facts: dict[tuple[str, str], Fact], citations: _Citations
) -> list[ExplainedFact]:
    """Each fact behind the answer on its own: a timeline's events earliest first, matching's pairs."""
    refs = dict(zip(question.fact_ids, question.sources, strict=True))
    order = list(question.fact_ids)
    leads: dict[str, str | None] = dict.fromkeys(order)
    if isinstance(question, TimelineQuestion):  # its facts come earliest first, as its dates
        leads = {
            f: f"{place}. {date}"
            for place, (f, date) in enumerate(zip(order, question.dates, strict=True), 1)
        }
    elif isinstance(question, MatchingQuestion):  # its facts come in the order of its pairs
        leads = {f: pair.answer for f, pair in zip(order, question.answer, strict=True)}
    lines = []
    for fact_id in order:
        ref = refs[fact_id]
        fact = facts.get((question.deck_id, fact_id))
        if fact is None:  # a question made outside its deck: what the question carries
            statement, note = question.explanation, None
        else:
            statement, note = fact.statement, fact.note
        lines.append(
            ExplainedFact(
                lead=leads[fact_id],
                statement=statement,
                note=note,
                source=citations.number(question.deck_id, ref),
                section=ref.section,
                quote=quote_text(ref.quote),
            )
        )
    return lines


def _explained(
    question: Question,
    numbers: list[tuple[str, int]],
    facts: dict[tuple[str, str], Fact],
    citations: _Citations,
    lang: str | None,
) -> Explained:
    """The version-independent answer: words, not letters, so one entry serves every version."""
    details: list[str] = []
    if isinstance(question, MultipleChoiceQuestion | FillInQuestion | ShortAnswerQuestion):
        answer = question.answer
        accepted = getattr(question, "accepted", [])
        if accepted:
            details.append(f"Also accepted: {', '.join(accepted)}.")
    elif isinstance(question, TrueFalseQuestion):
        answer = "True" if question.answer else "False"
        if question.swapped:
            details.append(f"The statement is false because it says “{question.swapped}”.")
    elif isinstance(question, TimelineQuestion):
        answer = "Earliest first:"
    else:  # MatchingQuestion
        answer = "Each statement with its answer:"
    return Explained(
        id=question.id,
        type=question.type.value,
        numbers=numbers,
        answer=answer,
        details=details,
        facts=_fact_lines(question, facts, citations),
        lang=lang,
    )


def _version(label: str, questions: Sequence[Question], languages: dict[str, str], page_lang: str) -> Version:
    sections: list[Section] = []
    number = 1
    for qtype in SECTION_ORDER:
        members = [q for q in questions if q.type is qtype]
        if not members:
            continue
        items, grid = [], []
        for offset, question in enumerate(members):
            lang = languages.get(question.deck_id, page_lang)
            items.append(_item(number + offset, question, None if lang == page_lang else lang))
            grid.append(_grid_entry(number + offset, question))
        sections.append(
            Section(
                type=qtype.value,
                heading=qtype.label,
                instructions=INSTRUCTIONS[qtype],
                start=number,
                items=items,
                grid=grid,
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
    duplex: bool = False,
    explanations: bool = True,
) -> WorksheetPage:
    """The page model: `versions` versions of `questions`, their keys and the answers explained.

    Deterministic from `seed`. Matching questions get one answer more than statements (where
    the deck has a fitting one); `duplex` pads every part to an even number of pages. The title
    is the decks' title unless one is given; `explanations` False leaves "Answers explained" out.
    """
    if versions < 1:
        raise ValueError(f"versions must be at least 1, not {versions}")
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    by_deck = {deck.id: deck for deck in decks}
    rank = {qtype: i for i, qtype in enumerate(SECTION_ORDER)}
    extended = with_extra_answers([q for q in questions if isinstance(q, MatchingQuestion)], by_deck, seed)
    base = sorted(
        (extended.get(q.id, q) for q in questions), key=lambda q: rank[q.type]
    )  # stable: engine order within a section
    languages = {deck.id: deck.language for deck in decks}
    page_lang = decks[0].language if decks else "en"
    made = [
        _version(version_label(k), make_version(base, seed=seed, version=k), languages, page_lang)
        for k in range(versions)
    ]
    numbers: dict[str, list[tuple[str, int]]] = {q.id: [] for q in base}
    for version in made:
        for number, qid in enumerate(version.question_ids, 1):
            numbers[qid].append((version.label, number))
    sources = {(deck.id, source.id): source for deck in decks for source in deck.sources}
    facts = {(deck.id, fact.id): fact for deck in decks for fact in deck.facts}
    citations = _Citations(sources)
    explained = []
    for question in base:
        lang = languages.get(question.deck_id, page_lang)
        explained.append(
            _explained(question, numbers[question.id], facts, citations, None if lang == page_lang else lang)
        )
    cited = [
        sources[(q.deck_id, ref.id)] for q in base for ref in q.sources if (q.deck_id, ref.id) in sources
    ]
    deck_title = " · ".join(dict.fromkeys(deck.title for deck in decks))
    return WorksheetPage(
        title=title or deck_title or "Worksheet",
        deck_title=deck_title,
        lang=page_lang,
        paper_size=PAPER_SIZES[paper],
        paper_mm=PAPER_MM[paper],
        versions=made,
        explained=explained,
        sources=citations.cited,
        attribution=attribution(cited),
        show_questions=content is not Content.KEYS,
        show_keys=content is not Content.QUESTIONS,
        show_explanations=explanations and content is not Content.QUESTIONS,
        duplex=duplex,
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


@functools.cache
def _script(folder: str) -> str:
    from pathlib import Path

    return (Path(folder) / SCRIPT).read_text(encoding="utf-8")


def render_worksheet(page: WorksheetPage) -> str:
    """The page as one HTML document, with the stylesheet inlined."""
    from markupsafe import Markup

    from rutw_quiz.resources import templates_dir

    folder = str(templates_dir())
    template = _environment(folder).get_template(TEMPLATE)
    # The stylesheet and script are our own files, not deck text: inlined verbatim, never run as templates.
    return template.render(
        page=page,
        css=Markup(_stylesheet(folder)),  # noqa: S704
        script=Markup(_script(folder)),  # noqa: S704
    )


def worksheet_html(
    decks: Sequence[Deck],
    questions: Sequence[Question],
    *,
    seed: int,
    versions: int = 1,
    title: str | None = None,
    paper: Paper = "a4",
    content: Content = Content.BOTH,
    duplex: bool = False,
    explanations: bool = True,
    made_with: str = "",
) -> str:
    """Build the page model and render it: the whole worksheet as an HTML string. `made_with`:
    the options that make the set again, printed in the keys for `rutw-quiz grade`."""
    page = worksheet_page(
        decks,
        questions,
        seed=seed,
        versions=versions,
        title=title,
        paper=paper,
        content=content,
        duplex=duplex,
        explanations=explanations,
    )
    return render_worksheet(replace(page, made_with=made_with))
