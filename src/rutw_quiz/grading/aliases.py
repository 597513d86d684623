"""Answers people accepted that the grader refused: candidates for a fact's `aliases`.

Three places say a typed answer was right although the grader refused it:
- a marked CSV (`grade --responses -o marked.csv`) in which a teacher gave the row credit: its
  `score` set to more than 0 (or its `outcome` to `correct`) where the grader wrote `check` or `wrong`;
- the practice page's exported progress, `decks[<deck id>].overrides = {"<fact id>": ["typed", ...]}`;
- the terminal quiz's progress, `ProgressStore.overrides(deck_id)` -> [(fact id, typed)].

`collect` keeps, per fact, the answers the grader still refuses, one spelling per answer as the
grader reads it (the most given, then the first), and sets aside those that name another fact's
answer or a wrong choice (an alias there would make two facts share an answer), and those the deck
would not validate with (one that stands elsewhere in the statement, overlaps a wrong choice, or
stands in the question), so that what is proposed keeps the deck valid.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rutw_quiz.deck.checks import fact_findings
from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.errors import RutwQuizError
from rutw_quiz.grading.forms import grading_words
from rutw_quiz.grading.key import AnswerKey
from rutw_quiz.grading.marking import MarkingReport as _Report
from rutw_quiz.grading.marking import ResponsesError, physical_lines, read_header, records
from rutw_quiz.spreadsheet import unguard

ACCEPTED_OUTCOMES = frozenset({"correct", "right", "accepted", "accept", "yes", "ok", "typo"})
TYPED_TYPES = ("short_answer", "fill_in")
MAX_ALIAS_CHARS = 120
_CONFLICTS = ("wrong: that is another fact's answer", "wrong: that is one of this question's wrong choices")


class AliasSourceError(RutwQuizError):
    """A progress file or marked CSV that cannot be read."""


@dataclass
class Candidate:
    """A typed answer people accepted for a fact, with how often and from where."""

    text: str
    count: int
    sources: list[str]


@dataclass
class AliasReport:
    """New aliases by deck and fact, and what was set aside (with why)."""

    new: dict[str, dict[str, list[Candidate]]] = field(default_factory=dict)
    set_aside: list[str] = field(default_factory=list)


def teacher_accepted(score: str, outcome: str) -> bool:
    """A marked row the teacher gave credit: a score above 0, or an outcome of correct/right/accepted."""
    try:
        if float(score.strip().replace(",", ".")) > 0:
            return True
    except ValueError:
        pass
    return outcome.strip().casefold() in ACCEPTED_OUTCOMES


def from_marked_csv(path: Path) -> list[tuple[str, str, str, str]]:
    """(deck id, fact id, typed answer, 'FILE:LINE') of each typed-question row given credit."""
    report = _Report()
    found: list[tuple[str, str, str, str]] = []
    columns = None
    for line, raw in records(physical_lines(path), str(path), report):
        cells = [unguard(c) if c[:1] == "'" else c for c in raw]
        if columns is None:
            if any(c.strip() for c in cells):
                columns = read_header(cells, str(path), line)
                if "score" not in [c.strip() for c in cells] and "outcome" not in [c.strip() for c in cells]:
                    raise ResponsesError(
                        f"{path}:{line}: no 'score' or 'outcome' column: give the marked file "
                        "(`grade --responses ... -o marked.csv`) after setting the score of the answers you accept to 1"
                    )
            continue
        if len(cells) < columns.width:
            continue
        score = cells[columns.output["score"]] if columns.output["score"] < len(cells) else ""
        outcome = cells[columns.output["outcome"]] if columns.output["outcome"] < len(cells) else ""
        if not teacher_accepted(score, outcome):
            continue
        deck_id, _, rest = cells[columns.question_id].strip().partition(":")
        fact_id, _, qtype = rest.rpartition(":")
        if qtype in TYPED_TYPES and fact_id:
            found.append((deck_id, fact_id, cells[columns.answer], f"{path}:{line}"))
    return found


def from_progress_json(path: Path, deck_ids: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(deck id, fact id, typed answer, 'FILE') of each override in a practice page's exported progress."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AliasSourceError(
            f"{path}: not a progress file exported by the practice page ({error})"
        ) from None
    except (RecursionError, ValueError):  # nested thousands deep; a number thousands of digits long
        raise AliasSourceError(
            f"{path}: not a progress file exported by the practice page (its values are nested too deeply "
            "or are numbers too long to read)"
        ) from None
    decks = data.get("decks") if isinstance(data, dict) else None
    if not isinstance(decks, dict):
        raise AliasSourceError(f"{path}: not a progress file exported by the practice page (no 'decks')")
    found: list[tuple[str, str, str, str]] = []
    for deck_id in deck_ids:
        entry = decks.get(deck_id)
        overrides = entry.get("overrides") if isinstance(entry, dict) else None
        if not isinstance(overrides, dict):
            continue
        for fact_id, typed in overrides.items():
            if isinstance(typed, list):
                found += [(deck_id, str(fact_id), t, str(path)) for t in typed if isinstance(t, str)]
    return found


def collect(decks: Sequence[Deck], accepted: Iterable[tuple[str, str, str, str]]) -> AliasReport:
    """The answers to add as aliases, by deck and fact (in the deck's order), and those set aside."""
    facts = {(d.id, f.id): f for d in decks for f in d.facts}
    key = AnswerKey.of(decks)
    groups: dict[tuple[str, str, tuple[str, ...]], Counter[str]] = {}
    origins: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    report = AliasReport()
    for deck_id, fact_id, typed, origin in accepted:
        text = " ".join(typed.split())
        fact = facts.get((deck_id, fact_id))
        if fact is None:
            report.set_aside.append(f"{origin}: '{text[:60]}': no fact {deck_id}:{fact_id} in the deck")
            continue
        if not grading_words(text) or len(text) > MAX_ALIAS_CHARS or not text.isprintable():
            report.set_aside.append(f"{origin}: '{text[:60]}': not an answer to keep as an alias")
            continue
        grade = key.for_fact(deck_id, fact_id).grade(text)
        if grade.is_correct:
            continue  # the grader takes it already
        if grade.reason.startswith(_CONFLICTS):
            report.set_aside.append(
                f"{origin}: '{text}' for {fact_id}: {grade.reason.removeprefix('wrong: ')}"
            )
            continue
        invalid = _invalid_as_alias(fact, text)
        if invalid is not None:
            report.set_aside.append(f"{origin}: '{text}' for {fact_id}: {invalid}")
            continue
        slot = (deck_id, fact_id, grading_words(text))
        groups.setdefault(slot, Counter())[text] += 1
        origins.setdefault(slot, []).append(origin)
    for deck in decks:
        order = {f.id: i for i, f in enumerate(deck.facts)}
        slots = sorted((s for s in groups if s[0] == deck.id), key=lambda s: (order[s[1]], s[2]))
        for _, fact_id, words in slots:
            spellings = groups[(deck.id, fact_id, words)]
            text = max(spellings, key=lambda t: (spellings[t], -list(spellings).index(t)))
            candidate = Candidate(text, sum(spellings.values()), origins[(deck.id, fact_id, words)])
            report.new.setdefault(deck.id, {}).setdefault(fact_id, []).append(candidate)
    return report


def _invalid_as_alias(fact: Fact, text: str) -> str | None:
    """Why `text` cannot be one of `fact`'s aliases, as the teacher would see it in the questions
    (the deck would no longer validate); None where it can."""
    tried = fact.model_copy(update={"aliases": [*fact.aliases, text]})
    for path, message in fact_findings(tried):
        if path == ("aliases", len(fact.aliases)):
            return (
                "it also stands in the statement apart from the answer, where it names something else: "
                "fill-in and true/false questions could not tell the two apart"
            )
        if path[0] == "distractors" and isinstance(path[-1], int):
            return (
                f"it overlaps the wrong choice '{fact.distractors[path[-1]]}' (one contains the other), "
                "so that choice could pass as right"
            )
        if path == ("prompt",):
            return f"the question '{fact.prompt}' contains it, so it would give its answer away"
        return f"the deck would not validate with it ({message})"
    return None
