"""Deck files in, validated decks out; every problem reported as FILE:LINE: location: message."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rutw_quiz import collector
from rutw_quiz.deck.advice import deck_warnings
from rutw_quiz.deck.checks import deck_findings
from rutw_quiz.deck.models import SLUG_PATTERN, Deck, Fact, Source
from rutw_quiz.deck.parse_cache import parse_deck_text
from rutw_quiz.deck.type_errors import error_path, type_error_message
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
    advised: Iterable[tuple[Path_, str]] = field(default=(), repr=False, compare=False)
    """What the `advise` of `read_deck_file` found (with `warn`), read once by `warnings`."""

    def warnings(self) -> list[Problem]:
        """Advice on questions the deck could make better (see `advice`, and the `advise` the deck
        was read with), sorted by line."""
        # The deck's own first: placed (its lines read) while the workers of `advise` finish.
        own = self._own_warnings
        advised = self._advised
        if isinstance(advised, BaseException):
            raise advised  # asked again, the advice fails again rather than giving none
        return sorted(own + [self.problem(path, f"warning: {message}") for path, message in advised])

    @cached_property
    def _own_warnings(self) -> list[Problem]:
        return [self.problem(path, f"warning: {message}") for path, message in deck_warnings(self.deck)]

    @cached_property
    def _advised(self) -> list[tuple[Path_, str]] | Exception:
        """`advised`, read once (it can be read only once), or what reading it raised."""
        try:
            return list(self.advised)
        except Exception as error:
            return error

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
    findings = list(deck_findings(partial, positions=kept))
    return findings, _at_positions(_advice(partial, advise(partial) if advise else ()), kept)


def _advice(deck: Deck, advised: Iterable[tuple[Path_, str]]) -> list[tuple[Path_, str]]:
    return [(path, f"warning: {message}") for path, message in [*deck_warnings(deck), *advised]]


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
    (the deck's advice, and `advise`), so `validate` shows them in the same run; a valid deck
    gives them by `LoadedDeck.warnings`. With `warn`, `advise` is called as soon as the deck's
    models are built, before the checks: it may start work of its own (processes) that runs
    meanwhile, and is closed (if it can be) when reading fails. Without `warn` it is not used.
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
        parsed.store()
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
        parsed.store()
        for detail in error.errors():
            where = error_path(detail)
            problems.append(
                Problem(
                    file, lines.line_of(where), describe_location(fact_ids, where), type_error_message(detail)
                )
            )
        findings, advice = _findings_beside_type_errors(data, advise if warn else None)
        for where, message in findings:
            problems.append(Problem(file, lines.line_of(where), describe_location(fact_ids, where), message))
        raise DeckError(problems, _placed(file, lines, fact_ids, advice) if warn else None) from None
    # Started now: on a large deck the advice is made by worker processes while the checks run here.
    advised = advise(deck) if warn and advise else ()
    try:
        parsed.store()  # while the advice is made
        if not parsed.checked:
            for where, message in deck_findings(deck):
                problems.append(
                    Problem(file, lines.line_of(where), describe_location(fact_ids, where), message)
                )
            if not problems:
                parsed.mark_checked()
        if problems:
            raise DeckError(
                problems, _placed(file, lines, fact_ids, _advice(deck, advised)) if warn else None
            )
    except BaseException:
        _close(advised)  # its workers stop now, not when whatever holds this error lets it go
        raise
    return LoadedDeck(deck, path, lines, advised)


def _close(advised: Iterable[tuple[Path_, str]]) -> None:
    close = getattr(advised, "close", None)
    if callable(close):
        close()


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
