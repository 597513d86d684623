"""Deck files in, validated decks out; every problem reported as FILE:LINE: location: message."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from rutw_quiz import collector
from rutw_quiz.deck.advice import deck_warnings
from rutw_quiz.deck.checks import deck_findings
from rutw_quiz.deck.models import SLUG_PATTERN, Deck, Fact, Source
from rutw_quiz.deck.parse_cache import parse_deck_text
from rutw_quiz.deck.yaml_source import (
    CONTROL_CHARACTERS,
    LineMap,
    Path_,
    YamlSourceError,
    read_text,
)
from rutw_quiz.errors import DeckError, Problem

Advice = Callable[[Deck], Iterable[tuple[Path_, str]]]
"""More warnings on a deck, from a layer above (the question engine's advice on choice lists)."""


@dataclass(frozen=True)
class LoadedDeck:
    """A valid deck with the file it came from and where each value sits in it."""

    deck: Deck
    path: Path
    lines: LineMap

    def warnings(self, advise: Advice | None = None) -> list[Problem]:
        """Advice on questions the deck could make better (see `advice`, and `advise`), sorted by line."""
        found = [*deck_warnings(self.deck), *(advise(self.deck) if advise else ())]
        return sorted(self.problem(path, f"warning: {message}") for path, message in found)

    def problem(self, path: Path_, message: str) -> Problem:
        """A problem placed at the value `path` of this deck's file."""
        return Problem(
            str(self.path), self.lines.line_of(path), describe_location(self.fact_ids, path), message
        )

    @cached_property
    def fact_ids(self) -> list[str | None]:
        """The facts' ids in file order, listed once for all the problems placed."""
        return [f.id for f in self.deck.facts]


def describe_location(fact_ids: Sequence[str | None], path: Path_) -> str:
    """A readable location: "facts[3] (tuapse-capture).source.quote"."""
    if not path:
        return "deck"
    text = ""
    for position, step in enumerate(path):
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
        if position == 1 and path[0] == "facts" and isinstance(step, int):
            fact_id = fact_ids[step] if step < len(fact_ids) else None
            if fact_id:
                text += f" ({fact_id})"
    return text


def _fact_ids_of(data: Any) -> list[str | None]:
    facts = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(facts, list):
        return []
    return [f.get("id") if isinstance(f, dict) and isinstance(f.get("id"), str) else None for f in facts]


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    loc = error["loc"]
    name = loc[-1] if loc else "deck"
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'; check its spelling (`rutw-quiz schema` lists the keys)"
    if kind == "string_pattern_mismatch":
        if name == "language":
            return f"'{error['input']}' is not a language tag like 'en' or 'pt-BR'"
        return f"'{error['input']}' is not a slug: use lowercase letters, digits and hyphens, e.g. 'cold-war'"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"'{error['input']}' is not a known kind; use one of {allowed}"
    if (
        kind == "string_type"
        and isinstance(error["input"], int | float)
        and not isinstance(error["input"], bool)
    ):
        return f'{error["input"]} must be text: put it in quotes, e.g. "{error["input"]}"'
    if kind == "invalid_key":
        return _key_not_text(error["input"])
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    given = error["input"]
    if isinstance(given, bool) and kind == "string_type":
        return "is read as true or false (YAML reads yes, no, on, off, true and false so); put it in quotes"
    if kind == "list_type" and isinstance(given, str):
        return f"must be a list: write [{given}] (in quotes inside the brackets if it holds a comma)"
    if kind == "too_short" and isinstance(given, list):
        least = error.get("ctx", {}).get("min_length", 1)
        return f"is a list of {len(given)}; write at least {least} item{'s' if least != 1 else ''} in it"
    if kind in _WANTED:
        return f"is {'empty' if given in (None, '') else _written(given)}; {_WANTED[kind]}"
    if kind in _BOUNDS and _BOUNDS[kind][0] in error.get("ctx", {}):
        bound, words = _BOUNDS[kind]
        return f"is {_written(given)}; write a number {words} {error['ctx'][bound]}"
    return f"{error['msg']} (here: {_written(given)})"


_WANTED = {
    "string_type": "write text here",
    "list_type": "write a list here, e.g. [a, b]",
    "model_type": "write its keys below it, indented, one per line (`rutw-quiz schema` lists them)",
    "dict_type": "write it as `name: value` lines below it, indented, one per line",
    "int_type": "write a whole number here",
    "int_parsing": "write a whole number here",
    "int_from_float": "write a whole number here",
    "string_too_short": "write text here",
}
"""What to write where pydantic wanted a value of another type, in the words of someone writing YAML."""

_BOUNDS = {
    "less_than_equal": ("le", "up to"),
    "less_than": ("lt", "below"),
    "greater_than_equal": ("ge", "of at least"),
    "greater_than": ("gt", "above"),
}
"""pydantic's errors for a number out of bounds: the bound's name in the error, and its words."""


def _written(value: object) -> str:
    """What YAML made of a value, said as an author would: 'the text "hard"', 'a list of 2'."""
    if isinstance(value, str):
        return f"the text {value!r:.60}"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} key{'s' if len(value) != 1 else ''}"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__} ({value})"


def _key_not_text(key: object) -> str:
    """A key YAML read as a number, true/false, null or a date: almost always a slip."""
    if isinstance(key, bool):
        read = f"as {str(key).lower()} (YAML reads yes, no, on, off, true and false so)"
    elif key is None:
        read = "as nothing (YAML reads null, ~ and an empty key so)"
    else:
        read = f"as the {'number' if isinstance(key, int | float) else type(key).__name__} {key}"
    return (
        f"a key here is read {read}, not as a name: keys are names such as 'answer' "
        "(`rutw-quiz schema` lists them); remove it, or correct its spelling"
    )


def _error_path(error: ErrorDetails) -> Path_:
    """Where an error belongs: the value, or for a key that is not text the mapping holding it
    (pydantic names such a key by its value, which is no path in the file)."""
    loc = error["loc"][:-1] if error["type"] == "invalid_key" else error["loc"]
    return _location_path(loc)


def _location_path(loc: tuple[int | str, ...]) -> Path_:
    # pydantic puts dict keys of `topics` in the loc; drop its "[key]" markers.
    return tuple(step for step in loc if not (isinstance(step, str) and step.startswith("[")))


def _findings_beside_type_errors(
    data: dict[str, Any], advise: Advice | None = None
) -> tuple[list[tuple[Path_, str]], list[tuple[Path_, str]]]:
    """The other checks, and the warnings, run on the well-typed facts of a file that has type errors elsewhere.

    So one run reports every problem an author can fix now, whatever else is wrong: the
    checks see the facts, sources and topics that are valid, and the ids of sources that
    are not (a fact citing them is not reported as citing an undeclared source).
    """
    facts = data.get("facts")
    if not isinstance(facts, list):
        return [], []
    kept: list[int] = []
    valid_facts: list[Fact] = []
    for index, item in enumerate(facts):
        try:
            valid_facts.append(Fact.model_validate(item))
        except ValidationError:
            continue
        kept.append(index)
    if not kept:
        return [], []
    sources: list[Source] = []
    for item in data.get("sources") or []:
        try:
            sources.append(Source.model_validate(item))
        except ValidationError:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                sources.append(Source.model_construct(id=item["id"], title="", publisher="", url=""))
    topics = data.get("topics")
    if not (
        isinstance(topics, dict) and all(isinstance(k, str) and re.fullmatch(SLUG_PATTERN, k) for k in topics)
    ):
        # Reported as a type error; a misspelt slug there must not make every fact's topic "undeclared".
        topics = {t: t for fact in valid_facts for t in fact.topics}
    partial = Deck.model_construct(
        id="", title="", description="", language="", topics=topics, sources=sources, facts=valid_facts
    )
    return list(deck_findings(partial, positions=kept)), _at_positions(_advice(partial, advise), kept)


def _advice(deck: Deck, advise: Advice | None) -> list[tuple[Path_, str]]:
    return [
        (path, f"warning: {message}")
        for path, message in [*deck_warnings(deck), *(advise(deck) if advise else ())]
    ]


def _at_positions(found: list[tuple[Path_, str]], kept: Sequence[int]) -> list[tuple[Path_, str]]:
    """Paths of a deck of some of the file's facts, placed at those facts' positions in the file."""
    placed = []
    for path, message in found:
        step = path[1] if len(path) > 1 and path[0] == "facts" else None
        placed.append((("facts", kept[step], *path[2:]) if isinstance(step, int) else path, message))
    return placed


def _printable(problems: list[Problem]) -> list[Problem]:
    """The problems with control characters in their messages escaped, so they never reach a terminal raw."""
    return [
        replace(p, message=CONTROL_CHARACTERS.sub(lambda m: repr(m.group())[1:-1], p.message))
        if CONTROL_CHARACTERS.search(p.message)
        else p
        for p in problems
    ]


def read_deck_file(path: Path, *, advise: Advice | None = None, warn: bool = False) -> LoadedDeck:
    """Load and validate one deck file; raises DeckError listing every problem found.

    With `warn`, the DeckError of an invalid deck also carries the warnings on its valid part
    (the deck's advice, and `advise`), so `validate` shows them in the same run.
    """
    try:
        return _read_deck_file(path, advise, warn)
    except DeckError as error:
        raise DeckError(_printable(error.problems), _printable(error.warnings)) from None


def _read_deck_file(path: Path, advise: Advice | None = None, warn: bool = False) -> LoadedDeck:
    file = str(path)
    if not path.exists():
        raise DeckError([Problem(file, 1, "file", "no such file; check the path")])
    try:
        text = read_text(path)
        if not text.strip():
            raise YamlSourceError(
                1,
                "the file is empty; a deck needs id, title, description, language, topics, sources and facts",
            )
        with collector.paused():  # the parsed text holds no cycles
            parsed = parse_deck_text(text, record_lines=warn)
        data, lines, duplicates = parsed.data, parsed.lines, parsed.problems
    except YamlSourceError as error:
        raise DeckError(
            [
                Problem(file, line, "file", message)
                for line, message in [(error.line, error.message), *error.more]
            ]
        ) from None
    except OSError as error:
        raise DeckError([Problem(file, 1, "file", f"cannot read: {error.strerror or error}")]) from None
    fact_ids = _fact_ids_of(data)
    problems = [Problem(file, line, "file", message) for line, message in duplicates]
    if not isinstance(data, dict):
        problems.append(
            Problem(
                file,
                1,
                "deck",
                "the top level must be a mapping with keys id, title, description, language, topics, sources, facts",
            )
        )
        raise DeckError(problems)
    try:
        with collector.paused():  # nor do the deck's models
            deck = Deck.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            where = _error_path(detail)
            problems.append(
                Problem(file, lines.line_of(where), describe_location(fact_ids, where), _message(detail))
            )
        findings, advice = _findings_beside_type_errors(data, advise)
        for where, message in findings:
            problems.append(Problem(file, lines.line_of(where), describe_location(fact_ids, where), message))
        raise DeckError(problems, _placed(file, lines, fact_ids, advice) if warn else None) from None
    if not parsed.checked:
        for where, message in deck_findings(deck):
            problems.append(Problem(file, lines.line_of(where), describe_location(fact_ids, where), message))
        if not problems:
            parsed.mark_checked()
    if problems:
        raise DeckError(problems, _placed(file, lines, fact_ids, _advice(deck, advise)) if warn else None)
    return LoadedDeck(deck, path, lines)


def _placed(
    file: str, lines: LineMap, fact_ids: list[str | None], found: list[tuple[Path_, str]]
) -> list[Problem]:
    return [
        Problem(file, lines.line_of(where), describe_location(fact_ids, where), message)
        for where, message in found
    ]


def read_deck_files(paths: Iterable[Path]) -> list[LoadedDeck]:
    """Load several decks; problems of all files are reported together; deck ids must differ."""
    loaded: list[LoadedDeck] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(read_deck_file(path))
        except DeckError as error:
            problems.extend(error.problems)
    problems.extend(deck_id_clashes(loaded))
    if problems:
        raise DeckError(problems)
    return loaded


def deck_id_clashes(loaded: Iterable[LoadedDeck]) -> list[Problem]:
    """A problem for each deck whose id an earlier deck of `loaded` already has."""
    problems: list[Problem] = []
    seen: dict[str, LoadedDeck] = {}
    for item in loaded:
        if item.deck.id in seen:
            problems.append(
                item.problem(
                    ("id",),
                    f"deck id '{item.deck.id}' is also used by {seen[item.deck.id].path}; give each deck its own id",
                )
            )
        seen.setdefault(item.deck.id, item)
    return problems
