"""Anki packages (.apkg) from decks: notes that import cleanly and update in place on re-import.

Each fact gives up to three notes, by kind:
- `cloze` (from the engine's `fill_in`): the statement with the key answer as `{{c1::...}}`;
- `qa` (from `short_answer`): the fact's question in words, the answer on the back;
- `choice` (from `multiple_choice`): the same note type with the choices listed on the front.
  The front's field (`Choices`) holds the list alone; the list with the right choice marked is
  the back's (`Answer`), so the front's HTML never names the answer, even where CSS is not
  applied (Anki's Browse window, add-ons, text-to-speech). A small script in the card template
  shuffles the choices each time the card is shown, the same way on both sides; without
  JavaScript they stay in the file's fixed order.

Ids come from `anki_ids`: fixed note types, decks from the deck's id, GUIDs from deck, fact and kind.
Every value from the deck is HTML-escaped and its braces are written as entities, so deck text is
shown as typed and can never be read as Anki template or cloze syntax. Fields carry no script.

New cards come in an order fixed by the fact and its kind (`new_position`), the same whether the
kinds are built into one package or into one package each: a fact's notes sit about a deck's
length apart in Anki's new-card order, and each day's new cards mix the kinds.

genanki is imported inside `build_anki_package`, so importing this module stays light.
"""

from __future__ import annotations

import html
import io
import itertools
import random
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rutw_quiz import collector
from rutw_quiz.deck.models import Deck, Fact, Source
from rutw_quiz.errors import SelectionError
from rutw_quiz.parallel import run_all
from rutw_quiz.questions.cloze import answer_spans
from rutw_quiz.render import anki_ids as ids
from rutw_quiz.render.citation import attribution, quote_text, reference, web_url

TAG_PREFIX = "rutw"
_EARLIEST_ZIP_TIME = 315_532_800  # 1980-01-01: zip files cannot record an earlier time
LATEST_TIMESTAMP = 4_354_819_199
"""2107-12-31 23:59:59 UTC: the last second a zip entry (and so an .apkg) can record."""


class NoteKind(StrEnum):
    """The kinds of note a fact can give, with the engine's question type each stands for."""

    CLOZE = "cloze"
    QA = "qa"
    CHOICE = "choice"

    @property
    def question_type(self) -> str:
        """The engine's name of this kind, as `--type` takes it."""
        return _QUESTION_TYPES[self]


_QUESTION_TYPES = {
    NoteKind.CLOZE: "fill_in",
    NoteKind.QA: "short_answer",
    NoteKind.CHOICE: "multiple_choice",
}
ANKI_QUESTION_TYPES = tuple(_QUESTION_TYPES.values())
"""The engine's question types that make Anki notes: fill_in, short_answer, multiple_choice."""

DEFAULT_KINDS = (NoteKind.CLOZE, NoteKind.QA)


def kinds_for_types(types: Sequence[str]) -> tuple[NoteKind, ...]:
    """The note kinds for engine type names (none given: cloze and Q&A); ValueError on others."""
    if not types:
        return DEFAULT_KINDS
    by_type = {value: kind for kind, value in _QUESTION_TYPES.items()}
    unknown = [t for t in types if t not in by_type]
    if unknown:
        raise ValueError(
            f"question type '{unknown[0]}' does not make Anki cards; use {', '.join(ANKI_QUESTION_TYPES)}"
        )
    return tuple(kind for kind in NoteKind if kind.question_type in types)


@dataclass(frozen=True)
class AnkiOptions:
    """What to put in the package."""

    kinds: tuple[NoteKind, ...] = DEFAULT_KINDS
    subdecks: bool = False
    choices: int = 4


@dataclass(frozen=True)
class AnkiPackage:
    """A built .apkg file in memory, with what it holds."""

    data: bytes
    notes: int
    cards: int
    deck_names: tuple[str, ...]
    notices: tuple[str, ...] = ()


def build_timestamp(source_date_epoch: str | None) -> float:
    """The modification time of every note: SOURCE_DATE_EPOCH when set, else now.

    Anki updates a re-imported note only when this is newer than the copy it has, so a fixed time
    must be asked for; ValueError when the variable is not a whole number of seconds, or is later
    than an .apkg can record (`LATEST_TIMESTAMP`, the end of 2107: the zip format's limit).
    """
    if source_date_epoch is None or not source_date_epoch.strip():
        return time.time()
    text = source_date_epoch.strip()
    if not (text.isascii() and text.isdecimal()):
        raise ValueError(
            f"SOURCE_DATE_EPOCH='{source_date_epoch}' is not a time; set it to whole seconds since "
            "1970 (e.g. $(git log -1 --format=%ct)) or unset it"
        )
    if len(text) > len(str(LATEST_TIMESTAMP)) or int(text) > LATEST_TIMESTAMP:
        raise ValueError(
            f"SOURCE_DATE_EPOCH={text} is after the latest time an .apkg can record; use a value from 0 "
            f"to {LATEST_TIMESTAMP} (31 December 2107, 23:59:59 UTC), e.g. $(date +%s), or unset it"
        )
    return float(int(text))


def default_file_name(decks: Sequence[Deck]) -> str:
    """`<deck id>.apkg`, e.g. russia-taiwan-relations.apkg; several decks join their ids with '+'."""
    return "+".join(deck.id for deck in decks) + ".apkg"


# ---------------------------------------------------------------- field text


_SPECIAL = re.compile(r"[&<>{}\[\\\x00-\x08\x0b-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
FIELD_SEPARATOR = "\x1f"
"""Anki joins a note's fields with U+001F: one inside a field would split it in two."""


_MATH_OPENING = re.compile(r"\\(?=[(\[])")
WORD_JOINER = "\u2060"


def escape(text: str) -> str:
    """Deck text as HTML that shows as typed, and that Anki shows as typed too.

    `&`, `<`, `>` are escaped; braces are entities (no `{{` field or cloze for Anki); `[` is an
    entity, so no `[sound:…]`, `[anki:tts]`, `[$]` or `[latex]` tag is read from the text; and an
    invisible word joiner follows a backslash before `(` or `[`, so MathJax finds no `\\(` or
    `\\[` to typeset (entities would not stop it: it reads the page as shown). Control
    characters other than tab and newline (among them U+001F, Anki's field separator) become
    U+FFFD, so they can neither split a field nor reach a screen. For element content; quotes
    need no escaping there (`attribute` escapes them too).
    """
    if _SPECIAL.search(text) is None:  # most deck text: one scan, no copies
        return text
    escaped = (
        _CONTROL.sub("\ufffd", text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )
    return _MATH_OPENING.sub("\\\\" + WORD_JOINER, escaped).replace("[", "&#91;")


def attribute(text: str) -> str:
    """Deck text inside a double-quoted HTML attribute."""
    return html.escape(_CONTROL.sub("\ufffd", text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _cloze(answer: str, hint: str) -> str:
    # A colon as an entity, so '::' in an answer cannot start a cloze hint.
    return "{{c1::" + escape(answer).replace(":", "&#58;") + "::" + hint + "}}"


def cloze_text(fact: Fact) -> str | None:
    """The statement, escaped, with the answer's whole-word occurrence as c1.

    None, as for the engine's fill-in questions, when there is nothing to hide or the rest of the
    statement would still give the answer away. The hint shown in the gap is the answer's
    category, e.g. [treaty] (else its kind). An article before the answer stays outside the
    gap ("a [status]"), as on a printed worksheet.
    """
    spans = answer_spans(fact)
    if spans is None:
        return None
    text, hint = fact.statement, escape(fact.category or fact.kind.value)
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces += [escape(text[done:start]), _cloze(text[start:end], hint)]
        done = end
    pieces.append(escape(text[done:]))
    return "".join(pieces)


def source_html(source: Source, fact: Fact) -> str:
    """The citation shown small under the answer: title, publisher and date, section, quote, link.

    A source without a web address is named by what a reader can look up, never by an opaque id.
    """
    url = web_url(source)
    link = ""
    if url is not None:  # the site's name as the link: long URLs crowd a phone
        link = f' <a href="{attribute(url)}">{escape(urlsplit(url).netloc or url)}</a>'
    return (
        f"Source: <cite>{escape(reference(source))}</cite>; "
        f"{escape(fact.source.section)}: “{escape(quote_text(fact.source.quote))}”{link}"
    )


def explanation_html(fact: Fact) -> str:
    """The true statement, and the note (if any) set apart from it with its label."""
    text = f'<div class="statement">{escape(fact.statement)}</div>'
    if fact.note:
        text += note_html(fact.note)
    return text


def note_html(note: str) -> str:
    """A fact's note, labelled and styled apart from the answer."""
    return f'<div class="note"><span class="note-label">Note:</span> {escape(note)}</div>'


def answer_html(fact: Fact) -> str:
    """The key answer, with the other spellings accepted (in small print: the answer is what counts)."""
    text = escape(fact.answer)
    if fact.aliases:
        text += f' <span class="aliases">(also: {escape(", ".join(fact.aliases))})</span>'
    return text


def _tags(fact: Fact) -> list[str]:
    return [
        *(f"{TAG_PREFIX}::{topic}" for topic in fact.topics),
        f"{TAG_PREFIX}::difficulty::{fact.difficulty}",
    ]


# ---------------------------------------------------------------- note types


def _template(name: str) -> str:
    from rutw_quiz.resources import templates_dir

    return (templates_dir() / "anki" / name).read_text(encoding="utf-8")


def _models(genanki: Any) -> tuple[Any, Any]:
    """The Q&A and Cloze note types, with their fixed ids, templates and CSS from templates/anki/."""
    css = _template("cards.css")
    qa = genanki.Model(
        ids.QA_MODEL_ID,
        ids.QA_MODEL_NAME,
        fields=[{"name": name, "id": field_id} for name, field_id in ids.QA_FIELDS.items()],
        templates=[
            {
                "name": ids.QA_TEMPLATE_NAME,
                "id": ids.QA_TEMPLATE_ID,
                "qfmt": _template("qa_front.html"),
                "afmt": _template("qa_back.html"),
            }
        ],
        css=css,
        model_type=genanki.Model.FRONT_BACK,
        sort_field_index=0,
    )
    cloze = genanki.Model(
        ids.CLOZE_MODEL_ID,
        ids.CLOZE_MODEL_NAME,
        fields=[{"name": name, "id": field_id} for name, field_id in ids.CLOZE_FIELDS.items()],
        templates=[
            {
                "name": ids.CLOZE_TEMPLATE_NAME,
                "id": ids.CLOZE_TEMPLATE_ID,
                "qfmt": _template("cloze_front.html"),
                "afmt": _template("cloze_back.html"),
            }
        ],
        css=css,
        model_type=genanki.Model.CLOZE,
        sort_field_index=0,
    )
    return qa, cloze


# ---------------------------------------------------------------- building


def _deck_name(text: str) -> str:
    """A deck or subdeck name: one line, and no '::' (which would nest it deeper)."""
    return " ".join(text.split()).replace("::", ":")


@dataclass
class _Skipped:
    """Facts that gave no note of a kind, and why, for the notices."""

    reason: str
    fact_ids: list[str] = field(default_factory=list)

    def notice(self, deck: Deck, kind: NoteKind) -> str:
        shown = ", ".join(self.fact_ids[:5]) + (", ..." if len(self.fact_ids) > 5 else "")
        return f"{deck.id}: {len(self.fact_ids)} fact(s) give no {kind.question_type} note ({self.reason}): {shown}"


_REASONS = {
    NoteKind.CLOZE: "the statement would still show the answer",
    NoteKind.QA: "no prompt",
    NoteKind.CHOICE: "no prompt or too few distractors",
}


@dataclass(frozen=True)
class _ChoiceFields:
    """A multiple-choice note's lists: plain for the front, the right one marked for the back."""

    front: str
    back: str
    fewer: bool
    """Fewer choices than asked for: too few wrong answers of the fact's category."""


def _choice_fields(deck: Deck, fact: Fact, choices: int, context: Callable[[], Any]) -> _ChoiceFields | None:
    """The choice lists of a multiple-choice note, from the engine's builder; None if it makes none."""
    from rutw_quiz.questions.builders import multiple_choice

    # Seeded from the record ids: the same choices, in the same order, in every build.
    question = multiple_choice(context(), fact, random.Random(f"{deck.id}:{fact.id}"), choices)
    if question is None:
        return None
    # Each choice ends in a separator that CSS hides: where CSS is not applied (Anki's Browse
    # columns, plain-text exports) the choices read "300; 500; 1500; 3000", not "30050015003000".
    sep = '<span class="sep">; </span>'
    mark = '<span class="right-mark"> ✓</span>'
    texts = [escape(choice) for choice in question.choices]
    front = "".join(f"<li>{text}{sep}</li>" for text in texts)
    # The mark is on the back only: the front's field holds nothing that tells the right choice.
    back = "".join(
        f'<li class="right">{text}{mark}{sep}</li>' if i == question.answer_index else f"<li>{text}{sep}</li>"
        for i, text in enumerate(texts)
    )
    return _ChoiceFields(
        front=f'<ol type="A" class="rutw-choices">{front}</ol>',
        back=f'<ol type="A" class="rutw-choices">{back}</ol>',
        fewer=len(question.choices) < choices,
    )


def deck_description(deck: Deck) -> str:
    """The Anki deck's description: the deck's own, then where the quotes come from and their licence."""
    text = escape(deck.description)
    cited = {fact.source.id for fact in deck.facts}
    credit = attribution(source for source in deck.sources if source.id in cited)
    if credit:
        text += f'<p class="attribution">{escape(credit)}</p>'
    return text


class _DeckTree:
    """The Anki deck of one rutw-quiz deck and, made as needed, its topic subdecks."""

    def __init__(self, genanki: Any, deck: Deck) -> None:
        self._genanki = genanki
        self._deck = deck
        self._title = _deck_name(deck.title)
        self.parent = genanki.Deck(ids.anki_deck_id(deck.id), self._title, deck_description(deck))
        self._subdecks: dict[str, Any] = {}

    def for_topic(self, topic: str) -> Any:
        """The subdeck "Title::Topic label", with its own stable id."""
        subdeck = self._subdecks.get(topic)
        if subdeck is None:
            name = f"{self._title}::{_deck_name(self._deck.topic_label(topic))}"
            subdeck = self._genanki.Deck(ids.anki_deck_id(self._deck.id, topic), name)
            self._subdecks[topic] = subdeck
        return subdeck

    def decks(self) -> list[Any]:
        """The deck, then its subdecks by topic slug."""
        return [self.parent, *(self._subdecks[topic] for topic in sorted(self._subdecks))]

    def note_count(self) -> int:
        return sum(len(deck.notes) for deck in self.decks())


def checked_fields(fields: list[str]) -> list[str]:
    """The fields, refused if one holds Anki's field separator (it would split the note)."""
    for value in fields:
        if FIELD_SEPARATOR in value:
            raise AssertionError(f"an Anki field holds U+001F, the field separator: {value[:60]!r}")
    return fields


KIND_CYCLE = tuple(NoteKind)
"""New cards cycle through the kinds in this order (cloze, question, choice), whichever are built."""


def new_position(kind: NoteKind, index: int, count: int) -> int:
    """Where the `kind` note of the `index`-th of `count` facts comes in Anki's new-card order.

    Slots cycle through every kind (KIND_CYCLE), and each kind's facts are rotated by a third
    of the deck per kind: a fact's notes of two kinds sit about a deck's length apart, and each
    day's new cards mix the kinds. The position depends only on the fact and the kind, so
    packages built one kind at a time and imported one after another interleave just as one
    package of every kind does (each would otherwise number its new cards from 0).
    """
    k = KIND_CYCLE.index(kind)
    shift = (k * -(-count // len(KIND_CYCLE))) % count
    return len(KIND_CYCLE) * ((index - shift) % count) + k


def _deck_notes(
    genanki: Any,
    deck: Deck,
    options: AnkiOptions,
    models: Mapping[NoteKind, Any],
    tree: _DeckTree,
    first_due: int,
) -> tuple[list[str], int]:
    """Make the notes of one deck and put each in its Anki deck; returns the notices and the
    first new-card position after this deck's."""
    skipped = {kind: _Skipped(_REASONS[kind]) for kind in options.kinds}
    context_cache: list[Any] = []

    def context() -> Any:  # the answer index is built only when multiple choice is asked for
        if not context_cache:
            from rutw_quiz.questions.builders import DeckContext
            from rutw_quiz.questions.distractors import AnswerIndex

            context_cache.append(DeckContext(deck, AnswerIndex.of(deck)))
        return context_cache[0]

    if NoteKind.CHOICE in options.kinds:
        context()  # built once, before any worker process starts, and shared by them all
    chunks = [deck.facts[start : start + FIELDS_CHUNK] for start in range(0, len(deck.facts), FIELDS_CHUNK)]
    made = run_all(
        [partial(_facts_fields, deck, chunk, options, context) for chunk in chunks], facts=len(deck.facts)
    )
    # Every note has exactly one card: a Q&A note's single template, a cloze note's c1. Saying so
    # spares genanki working it out per note (a regex over template and text), a third of its time.
    one_card = [genanki.Card(0)]
    fewer: list[str] = []
    # Per Anki deck: its facts so far, and its notes with their new-card positions.
    pending: dict[int, tuple[Any, list[int], list[tuple[NoteKind, int, Any]]]] = {}
    for fact, fact_fields in zip(deck.facts, (f for chunk in made for f in chunk), strict=True):
        tags = _tags(fact)
        target = tree.for_topic(fact.topics[0]) if options.subdecks else tree.parent
        entry = pending.setdefault(id(target), (target, [0], []))
        index = entry[1][0]
        entry[1][0] += 1
        for kind, (fields, short) in zip(options.kinds, fact_fields, strict=True):
            if short:
                fewer.append(fact.id)
            if fields is None:
                skipped[kind].fact_ids.append(fact.id)
                continue
            note = genanki.Note(
                model=models[kind],
                fields=checked_fields(fields),
                tags=tags,
                guid=ids.note_guid(deck.id, fact.id, kind.value),
            )
            note.cards = one_card  # fills genanki's cached property
            entry[2].append((kind, index, note))
    # New cards come in `due` order: a fact's notes are spaced apart, so its cloze never
    # introduces its question card (or the other way round) straight after it.
    for target, (count,), notes in pending.values():
        placed = sorted((new_position(kind, index, count), n) for n, (kind, index, _) in enumerate(notes))
        for position, n in placed:
            note = notes[n][2]
            note.due = first_due + position
            target.notes.append(note)
        first_due += len(KIND_CYCLE) * count
    notices = [skipped[kind].notice(deck, kind) for kind in options.kinds if skipped[kind].fact_ids]
    if fewer:
        shown = ", ".join(fewer[:5]) + (", ..." if len(fewer) > 5 else "")
        notices.append(
            f"{deck.id}: {len(fewer)} multiple-choice note(s) have fewer than the {options.choices} choices "
            f"asked for (--choices): too few wrong answers of the same category ({shown}); "
            "give those facts more distractors"
        )
    return notices, first_due


FIELDS_CHUNK = 1000
"""Facts whose note fields are made in one task; a large deck's tasks run on every core
(`parallel.run_all`): the cloze check behind each cloze note is most of a build."""

NoteFields = tuple[list[str] | None, bool]
"""A note's fields (None: the fact gives no note of that kind), and whether it has fewer choices
than asked for."""


def _facts_fields(
    deck: Deck, facts: Sequence[Fact], options: AnkiOptions, context: Callable[[], Any]
) -> list[list[NoteFields]]:
    """For each fact, the fields of its note of each kind asked for, in `options.kinds` order."""
    sources = {source.id: source for source in deck.sources}
    made = []
    for fact in facts:
        source = source_html(sources[fact.source.id], fact)
        made.append([_note_fields(deck, fact, kind, options, source, context) for kind in options.kinds])
    return made


def _note_fields(
    deck: Deck,
    fact: Fact,
    kind: NoteKind,
    options: AnkiOptions,
    source: str,
    context: Callable[[], Any],
) -> NoteFields:
    """The fields of the fact's note of one kind; `source` is its citation, made once per fact."""
    if kind is NoteKind.CLOZE:
        text = cloze_text(fact)
        extra = note_html(fact.note) if fact.note else ""
        return (None if text is None else [text, extra, source, fact.id]), False
    if fact.prompt is None:
        return None, False
    extra = explanation_html(fact)
    if kind is NoteKind.QA:
        return [escape(fact.prompt), "", answer_html(fact), extra, source, fact.id], False
    made = _choice_fields(deck, fact, options.choices, context)
    if made is None:
        return None, False
    return [escape(fact.prompt), made.front, made.back, extra, source, fact.id], made.fewer


def build_anki_package(decks: Sequence[Deck], options: AnkiOptions, *, timestamp: float) -> AnkiPackage:
    """The .apkg of `decks` as bytes; every note and note type is stamped with `timestamp`.

    One Anki deck per rutw-quiz deck (its title and description); with `options.subdecks`, one
    subdeck per topic, "Title::Topic label", each fact in the subdeck of its first topic.
    Raises SelectionError when no fact gives any note of the kinds asked for.
    """
    with collector.paused():  # a dozen objects per note, none in a cycle (a sixth of a large build)
        return _build(decks, options, timestamp)


def _build(decks: Sequence[Deck], options: AnkiOptions, timestamp: float) -> AnkiPackage:
    import genanki

    qa_model, cloze_model = _models(genanki)
    models = {NoteKind.CLOZE: cloze_model, NoteKind.QA: qa_model, NoteKind.CHOICE: qa_model}
    anki_decks: list[Any] = []
    notices: list[str] = []
    total = 0
    first_due = 0
    for deck in decks:
        tree = _DeckTree(genanki, deck)
        tree.parent.add_model(qa_model)  # both note types always ship, whatever kinds are asked for
        tree.parent.add_model(cloze_model)
        made, first_due = _deck_notes(genanki, deck, options, models, tree, first_due)
        notices.extend(made)
        total += tree.note_count()
        anki_decks.extend(tree.decks())
    if total == 0:
        kinds = ", ".join(kind.question_type for kind in options.kinds)
        raise SelectionError(
            f"no fact gives an Anki note of the type(s) asked for ({kinds}); try other --type values"
        )
    data = _package_bytes(genanki.Package(anki_decks), timestamp)
    names = tuple(d.name for d in anki_decks)
    # Each note has exactly one card: a Q&A note has one template, a cloze note only c1.
    return AnkiPackage(data=data, notes=total, cards=total, deck_names=names, notices=tuple(notices))


def _package_bytes(package: Any, timestamp: float) -> bytes:
    """What `genanki.Package.write_to_file` writes, built in memory with fixed zip entry times.

    The collection is an in-memory SQLite database (no temporary file left behind); note and card
    ids count up from the timestamp in milliseconds, as genanki does, so equal inputs and timestamp
    give an identical file.
    """
    connection = sqlite3.connect(":memory:")
    try:
        package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    when = time.gmtime(max(int(timestamp), _EARLIEST_ZIP_TIME))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in (("collection.anki2", database), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=when)
            info.external_attr = 0o644 << 16
            # Level 1: a fifth of the stored size, for a few per cent of the build time.
            archive.writestr(info, payload, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return buffer.getvalue()


def write_anki_package(path: Path, package: AnkiPackage) -> None:
    """Write the package atomically (raises OutputError)."""
    from rutw_quiz.output import write_atomic

    write_atomic(path, package.data)
