"""The practice page: one self-contained HTML file, the terminal quiz's twin in the browser.

`practice_data` builds everything the page needs as JSON-ready data: the decks (id, title,
language), each fact's statement, note, topic and source, the questions of a few *rounds*, and
the answer tables of every typed question. A round is one question set made by the engine
(`generate_questions` over every eligible fact, its own seed), so the engine's set-level rules
(no fact twice, no question giving away another's answer) hold in any session the page draws
from one round; small extra sets follow for facts no round asks.

An offline page that grades in the browser must carry its answers. `render_practice` packs the
data (JSON, deflated, base64; the answer tables in a block of their own, read only when a typed
question needs them), so that neither the page source nor its markup shows an answer at a
glance, and no element or attribute names one before the student answers; a student who
decodes it on purpose can read it, which is why the README calls the page practice, not a test. The page inlines the grader (`templates/practice/grader.js`), a small inflater for
browsers without DecompressionStream (`inflate.js`), its own script and stylesheet; the
Content-Security-Policy forbids every request and runs only those scripts (by their hashes).

Progress the page exports (a file the student keeps, and a teacher's `aliases` command reads):

    {"format": "rutw-quiz-practice-progress", "version": 2, "exported": "<ISO time>",
     "decks": {"<deck id>": {
         "facts": {"<fact id>": {"seen": 3, "right": 2, "streak": 1, "last": <ms>, "due": <ms>}},
         "overrides": {"<fact id>": ["typed answer", ...]}}}}

`overrides` lists, per fact, the typed answers the student counted as right with "I was
right" after the grader refused them: whitespace collapsed, at most `MAX_OVERRIDES` per fact
(the latest kept), each at most `MAX_OVERRIDE_CHARS` characters, no duplicates. `last` and
`due` are milliseconds since 1970 (UTC). Version 1 files (`decks[id]` being the facts
themselves, no overrides) still import.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import random
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rutw_quiz import parallel
from rutw_quiz.errors import SelectionError
from rutw_quiz.grading.key import AnswerKey
from rutw_quiz.grading.tables import AnswerTables
from rutw_quiz.questions.distractors import AnswerIndex
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
from rutw_quiz.questions.selection import QuestionOptions, QuestionSet, generate_questions
from rutw_quiz.render.citation import attribution, quote_text, reference, web_url

if TYPE_CHECKING:
    from jinja2 import Environment

    from rutw_quiz.deck.models import Deck, Fact

FOLDER = "practice"
TEMPLATE = "practice/practice.html.j2"
SCRIPTS = ("grader.js", "inflate.js", "practice.js")
STYLESHEET = "practice.css"
ROUNDS = 3
DATA_VERSION = 2
MAX_OVERRIDES = 10
"""Typed answers kept per fact as overrides ("I was right"); the latest win."""
MAX_OVERRIDE_CHARS = 200
"""An override longer than this is cut: a teacher reads them as aliases, not essays."""
COVERAGE_ROUNDS = 3


@dataclass(frozen=True)
class PracticeOptions:
    """Which questions the page holds: the options of `questions`, and how many rounds."""

    seed: int = 0
    types: tuple[QuestionType, ...] = ()
    topics: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    rounds: int = ROUNDS


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
    a few facts may be in no round; small extra sets of just those facts follow the
    `options.rounds` rounds.
    """
    rounds, extra = _begin_rounds(decks, options)
    return rounds + extra.result()


def _begin_rounds(
    decks: Sequence[Deck], options: PracticeOptions
) -> tuple[list[list[Question]], parallel.Begun[list[list[Question]]]]:
    """`_rounds`: the rounds, and the extra sets after them, begun beside the caller (see
    `parallel.begin`): `practice_data` works on the rounds' answer tables meanwhile."""
    count = sum(len(deck.facts) for deck in decks)
    if (
        count >= parallel.MIN_FACTS  # read now: tests lower it
        and parallel.worker_count() > 1
        and (not options.types or QuestionType.MULTIPLE_CHOICE in options.types)
    ):
        for deck in decks:  # what every round would otherwise work out for itself
            AnswerIndex.of(deck).settle_figures(deck.facts, QuestionOptions.choices)
    seeds = random.Random(options.seed)
    first = [seeds.randrange(2**31) for _ in range(options.rounds)]  # drawn before the coverage rounds'
    rounds = [
        made.questions
        for made in parallel.run_all(
            [functools.partial(_round, decks, options, count, seed, frozenset()) for seed in first],
            facts=count,
        )
    ]
    missing = _eligible(decks, options)
    for made in rounds:
        missing -= {(q.deck_id, f) for q in made for f in q.fact_ids}
    coverage = functools.partial(_coverage_rounds, decks, options, count, seeds, missing)
    # None missing: too little work to fork for.
    return rounds, parallel.begin(coverage, facts=count if missing else 0)


def _coverage_rounds(
    decks: Sequence[Deck],
    options: PracticeOptions,
    count: int,
    seeds: random.Random,
    missing: set[tuple[str, str]],
) -> list[list[Question]]:
    """The extra sets of the facts no round asked (see `_rounds`)."""
    rounds: list[list[Question]] = []
    for _ in range(COVERAGE_ROUNDS):
        if not missing:
            break
        try:
            extra = _round(decks, options, count, seeds.randrange(2**31), frozenset(missing))
        except SelectionError:
            break  # the facts left make no question of these types
        missing = missing - {(q.deck_id, f) for q in extra.questions for f in q.fact_ids}
        rounds.append(extra.questions)
    return rounds


def _round(
    decks: Sequence[Deck], options: PracticeOptions, count: int, seed: int, only: frozenset[tuple[str, str]]
) -> QuestionSet:
    return generate_questions(
        decks,
        QuestionOptions(
            count=count,
            seed=seed,
            types=options.types,
            topics=options.topics,
            difficulties=options.difficulties,
            only_facts=only,
        ),
    )


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


@dataclass
class _Questions:
    """The rounds' questions, each distinct one stored once, and the rounds as indices into them."""

    entries: list[dict[str, object]]
    rounds: list[list[int]]
    used: set[tuple[str, str]]


def _collect(rounds: list[list[Question]]) -> _Questions:
    entries: list[dict[str, object]] = []
    index: dict[str, int] = {}
    round_ids: list[list[int]] = []
    used: set[tuple[str, str]] = set()
    for made in rounds:
        ids = []
        for question in made:
            entry = _question(question)
            text = json.dumps(entry, sort_keys=True)
            if text not in index:
                index[text] = len(entries)
                entries.append(entry)
            ids.append(index[text])
            used.update((question.deck_id, f) for f in question.fact_ids)
        round_ids.append(ids)
    return _Questions(entries, round_ids, used)


def _typed(rounds: list[list[Question]], seen: set[str]) -> Iterator[FillInQuestion | ShortAnswerQuestion]:
    """The typed questions of `rounds` whose ids are not in `seen` (which gains them), in order."""
    for made in rounds:
        for question in made:
            if isinstance(question, FillInQuestion | ShortAnswerQuestion) and question.id not in seen:
                seen.add(question.id)
                yield question


def answer_tables(
    decks: Sequence[Deck], typed: Iterable[FillInQuestion | ShortAnswerQuestion]
) -> dict[str, object]:
    """The grader's tables of these typed questions (the part of the page `grading.tables` shapes)."""
    tables = _TypedTables(decks)
    tables.add(typed)
    return tables.as_json()


class _TypedTables:
    """`answer_tables`, made a few questions at a time (in the order they are added)."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self._key = AnswerKey.of(decks)
        self._tables = AnswerTables()

    def add(self, typed: Iterable[FillInQuestion | ShortAnswerQuestion]) -> None:
        cached: dict[str, object] = getattr(self._key, "_keys", {})
        for question in typed:
            self._tables.add(question.id, self._key.for_question(question))
            # Each key is needed once here, but AnswerKey keeps every key it built (the quiz grades
            # one question many times): for a page that would hold every question's refused forms
            # at once, 310 MB more at 3,000 facts. Drop it until grading builds keys uncached.
            cached.pop(question.id, None)

    def as_json(self) -> dict[str, object]:
        return self._tables.as_json()


def _facts(decks: Sequence[Deck], used: set[tuple[str, str]]) -> tuple[dict[str, object], dict[str, object]]:
    """The text of each fact asked, keyed 'deck:fact', and their sources keyed 'deck:source'."""
    by_id: dict[str, tuple[Deck, dict[str, Fact]]] = {d.id: (d, {f.id: f for f in d.facts}) for d in decks}
    sources: dict[str, object] = {}
    facts: dict[str, object] = {}
    for deck_id, fact_id in sorted(used):
        deck, deck_facts = by_id[deck_id]
        fact = deck_facts[fact_id]
        source_key = f"{deck.id}:{fact.source.id}"
        if source_key not in sources:
            source = deck.source(fact.source.id)
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
    return facts, sources


def practice_data(decks: Sequence[Deck], options: PracticeOptions) -> dict[str, object]:
    """Everything the page needs, as JSON-ready data. Raises SelectionError when nothing matches."""
    rounds, begun = _begin_rounds(decks, options)
    # Each typed question once, as the rounds ask them: the rounds' own while the extra sets are
    # made, then the extra sets' (the same order as the rounds and extra sets one after another).
    seen: set[str] = set()
    tables = _TypedTables(decks)
    try:
        tables.add(_typed(rounds, seen))
    except BaseException:
        begun.close()
        raise
    extra = begun.result()
    tables.add(_typed(extra, seen))
    collected = _collect(rounds + extra)
    facts, sources = _facts(decks, collected.used)
    return {
        "version": DATA_VERSION,
        "seed": options.seed,
        "blank": BLANK,
        "limits": {"overrides": MAX_OVERRIDES, "override_chars": MAX_OVERRIDE_CHARS},
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
        "questions": collected.entries,
        "rounds": collected.rounds,
        "tables": tables.as_json(),
    }


def script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' that could end it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def pack_data(data: object) -> str:
    """The page's data as the page carries it: compact JSON, zlib-deflated, base64.

    Small (the JSON repeats itself) and not readable at a glance; the page inflates it with the
    browser's DecompressionStream("deflate") or its own inflater. Base64 holds no '<', '>' or
    '&'. The JSON is deflated as it is written, entry by entry, so a large deck's text is never
    held whole, once as text and again as bytes.
    """
    packer = zlib.compressobj(9)
    packed = [packer.compress(chunk.encode("utf-8")) for chunk in _json_chunks(data, depth=2)]
    packed.append(packer.flush())
    return base64.b64encode(b"".join(packed)).decode("ascii")


def _json_chunks(value: object, depth: int) -> Iterator[str]:
    """Compact JSON of `value` in pieces: dicts down to `depth` entry by entry, the rest whole."""
    if depth and isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + json.dumps(key, ensure_ascii=False) + ":"
            yield from _json_chunks(item, depth - 1)
        yield "}"
    else:
        yield json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def unpack_data(packed: str) -> object:
    """The data `pack_data` packed (for tests and benchmarks that read a built page)."""
    return json.loads(zlib.decompress(base64.b64decode(packed)).decode("utf-8"))


def page_data(html: str) -> dict[str, object]:
    """The data embedded in a built page, its answer tables under "tables"."""

    def block(name: str) -> object:
        start = html.index(f'id="{name}">') + len(f'id="{name}">')
        return unpack_data(html[start : html.index("</script>", start)])

    data = block("practice-data")
    assert isinstance(data, dict)
    return {**data, "tables": block("practice-tables")}


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


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
    """The page as one HTML document: the packed data, the scripts and the stylesheet inlined.

    Each script and the stylesheet is the whole text of its element, so the policy's hashes
    (computed here, from the same strings) match what the browser hashes.
    """
    from markupsafe import Markup

    from rutw_quiz.resources import templates_dir

    folder = str(templates_dir())
    decks = data["decks"]
    assert isinstance(decks, list)
    # Our own files, not deck text: inlined verbatim, never run as templates.
    scripts = [f"\n{_asset(folder, name)}" for name in SCRIPTS]
    css = f"\n{_asset(folder, STYLESHEET)}"
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(s) for s in scripts),
            f"style-src {csp_hash(css)}",
            "img-src data:",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )
    return (
        _environment(folder)
        .get_template(TEMPLATE)
        .render(
            title=title,
            lang=decks[0]["lang"],
            decks=decks,
            policy=Markup(policy),  # noqa: S704 - our own sources and base64 hashes
            css=Markup(css),  # noqa: S704
            scripts=[Markup(s) for s in scripts],  # noqa: S704
            data=Markup(pack_data({k: v for k, v in data.items() if k != "tables"})),  # noqa: S704 - base64
            tables=Markup(pack_data(data["tables"])),  # noqa: S704 - base64: no markup characters
        )
    )


def practice_html(decks: Sequence[Deck], options: PracticeOptions, *, title: str | None = None) -> str:
    """The whole practice page for these decks as an HTML string."""
    data = practice_data(decks, options)
    return render_practice(data, title=title or " · ".join(deck.title for deck in decks))
