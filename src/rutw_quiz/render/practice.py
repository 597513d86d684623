"""The practice page: one self-contained HTML file, the terminal quiz's twin in the browser.

`practice_data` builds everything the page needs as plain JSON: the decks (id, title,
language, topic labels), each fact's statement, note and source, the questions of a few
*rounds*, and the answer tables of every typed question. A round is one question set made by
the engine (`generate_questions` over every eligible fact, its own seed), so the engine's
set-level rules (no fact twice, no question giving away another's answer) hold in any session
the page draws from one round. `render_practice` inlines the data, the grader
(`templates/practice/grader.js`), the page script and the stylesheet into
`templates/practice/practice.html.j2`; a Content-Security-Policy forbids every request.

Typed answers are graded in the browser from the tables of `grading.tables`, which
the Python grader's own keys produce, so both give the same verdicts.
"""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rutw_quiz.errors import SelectionError
from rutw_quiz.grading.key import AnswerKey
from rutw_quiz.grading.tables import AnswerTables
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
)
from rutw_quiz.questions.selection import QuestionOptions, generate_questions
from rutw_quiz.render.citation import attribution, quote_text, reference, web_url

if TYPE_CHECKING:
    from jinja2 import Environment

    from rutw_quiz.deck.models import Deck

FOLDER = "practice"
TEMPLATE = "practice/practice.html.j2"
FILES = ("grader.js", "practice.js", "practice.css")
ROUNDS = 3
DATA_VERSION = 1


@dataclass(frozen=True)
class PracticeOptions:
    """Which questions the page holds: the options of `questions`, and how many rounds."""

    seed: int = 0
    types: tuple[QuestionType, ...] = ()
    topics: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    rounds: int = ROUNDS


COVERAGE_ROUNDS = 3


def _eligible(decks: Sequence[Deck], options: PracticeOptions) -> set[tuple[str, str]]:
    return {
        (deck.id, fact.id)
        for deck in decks
        for fact in deck.facts
        if (not options.topics or set(fact.topics) & set(options.topics))
        and (not options.difficulties or fact.difficulty in options.difficulties)
    }


def _rounds(decks: Sequence[Deck], options: PracticeOptions) -> list[list[Question]]:
    """Round k: a question set over every eligible fact, seeded from the page's seed.

    A set stops where no more questions can be made without a fact twice or a giveaway, so
    a few facts may be in no round; small extra rounds of just those facts follow.
    """
    count = sum(len(deck.facts) for deck in decks)
    seeds = random.Random(options.seed)
    rounds: list[list[Question]] = []
    missing = _eligible(decks, options)
    for k in range(options.rounds + COVERAGE_ROUNDS):
        if k >= options.rounds and not missing:
            break
        try:
            made = generate_questions(
                decks,
                QuestionOptions(
                    count=count,
                    seed=seeds.randrange(2**31),
                    types=options.types,
                    topics=options.topics,
                    difficulties=options.difficulties,
                    only_facts=frozenset(missing) if k >= options.rounds else frozenset(),
                ),
            )
        except SelectionError:
            if k < options.rounds:
                raise
            break  # the facts left make no question of these types
        missing -= {(q.deck_id, f) for q in made.questions for f in q.fact_ids}
        rounds.append(made.questions)
    return rounds


def _question(question: Question) -> dict[str, object]:
    """The fields the page shows and grades by (the facts' text is stored once, apart)."""
    out: dict[str, object] = {
        "id": question.id,
        "type": question.type.value,
        "deck": question.deck_id,
        "facts": list(question.fact_ids),
        "prompt": question.prompt,
    }
    if isinstance(question, MultipleChoiceQuestion):
        out["choices"] = question.choices
        out["answer"] = question.answer_index
    elif isinstance(question, TrueFalseQuestion):
        out["answer"] = question.answer
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        out["answer"] = question.answer
        if isinstance(question, FillInQuestion) and question.hint:
            out["hint"] = question.hint
    elif isinstance(question, TimelineQuestion):
        out["choices"] = question.choices
        out["answer"] = [question.choices.index(event) for event in question.answer]
        out["dates"] = question.dates
    else:
        assert isinstance(question, MatchingQuestion)
        out["statements"] = question.choices.statements
        out["choices"] = question.choices.answers
        out["answer"] = [question.choices.answers.index(pair.answer) for pair in question.answer]
        out["completed"] = [pair.statement.replace(BLANK, pair.answer, 1) for pair in question.answer]
    return out


def practice_data(decks: Sequence[Deck], options: PracticeOptions) -> dict[str, object]:
    """Everything the page needs, as JSON-ready data. Raises SelectionError when nothing matches."""
    rounds = _rounds(decks, options)
    by_deck = {deck.id: deck for deck in decks}
    key = AnswerKey.of(decks)
    tables = AnswerTables()
    questions: list[dict[str, object]] = []
    index: dict[str, int] = {}
    round_ids: list[list[int]] = []
    used: set[tuple[str, str]] = set()
    for made in rounds:
        ids = []
        for question in made:
            entry = _question(question)
            text = json.dumps(entry, sort_keys=True)
            if text not in index:
                index[text] = len(questions)
                questions.append(entry)
            ids.append(index[text])
            used.update((question.deck_id, f) for f in question.fact_ids)
            if isinstance(question, FillInQuestion | ShortAnswerQuestion) and question.id not in tables.keys:
                tables.add(question.id, key.for_question(question))
        round_ids.append(ids)
    sources: dict[str, dict[str, str]] = {}
    facts: dict[str, dict[str, object]] = {}
    for deck_id, fact_id in sorted(used):
        deck = by_deck[deck_id]
        fact = next(f for f in deck.facts if f.id == fact_id)
        source = deck.source(fact.source.id)
        source_key = f"{deck.id}:{source.id}"
        if source_key not in sources:
            sources[source_key] = {
                "title": source.title,
                "reference": reference(source),
                "url": web_url(source) or "",
            }
        facts[f"{deck.id}:{fact.id}"] = {
            "statement": fact.statement,
            "note": fact.note or "",
            "topic": deck.topic_label(fact.topics[0]),
            "source": source_key,
            "section": fact.source.section,
            "quote": quote_text(fact.source.quote),
        }
    return {
        "version": DATA_VERSION,
        "seed": options.seed,
        "decks": [
            {
                "id": deck.id,
                "title": deck.title,
                "description": deck.description or "",
                "lang": deck.language,
                "attribution": attribution(deck.source(s.id) for s in deck.sources),
            }
            for deck in decks
        ],
        "sources": sources,
        "facts": facts,
        "questions": questions,
        "rounds": round_ids,
        "tables": tables.as_json(),
    }


def script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' that could end it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.cache
def _environment(folder: str) -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,  # deck text is always escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _asset(folder: str, name: str) -> str:
    from pathlib import Path

    return (Path(folder) / FOLDER / name).read_text(encoding="utf-8")


def render_practice(data: dict[str, object], *, title: str) -> str:
    """The page as one HTML document: the data, the scripts and the stylesheet inlined."""
    from markupsafe import Markup

    from rutw_quiz.resources import templates_dir

    folder = str(templates_dir())
    decks = data["decks"]
    assert isinstance(decks, list)
    # Our own files, not deck text: inlined verbatim, never run as templates.
    grader, script, css = (Markup(_asset(folder, name)) for name in FILES)  # noqa: S704
    return (
        _environment(folder)
        .get_template(TEMPLATE)
        .render(
            title=title,
            lang=decks[0]["lang"],
            decks=decks,
            css=css,
            grader=grader,
            script=script,
            data=Markup(script_json(data)),  # noqa: S704 - escaped by script_json for a <script> element
        )
    )


def practice_html(decks: Sequence[Deck], options: PracticeOptions, *, title: str | None = None) -> str:
    """The whole practice page for these decks as an HTML string."""
    data = practice_data(decks, options)
    return render_practice(data, title=title or " · ".join(deck.title for deck in decks))
