"""Warnings for deck authors: a valid deck that could make better or more questions.

Unlike `checks`, nothing here stops a deck from being used: a statement that opens with
"He" still makes questions, but in a matching set beside others it means nothing; a fact
with two wrong answers is asked with three choices instead of four.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rutw_quiz.deck.checks import Finding
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.text import normalize_answer

WRONG_ANSWERS_WANTED = 3
"""Wrong answers a 4-choice question needs."""

_LEANING_OPENING = re.compile(
    r"^(?:(?:during|in|at|after|before|by|on|from|since|for) )?"
    r"(?:the same|this|that|these|those|the latter|the former|such)\b"
    r"|^(?:he|she|it|they|his|her|its|their|him|them|then|later|also|afterwards)\b",
    re.IGNORECASE,
)
_MAINTENANCE = re.compile(
    r"\b(?:the deck|this deck|deck file|the fact|see fact|yaml|ignore (?:it|this)|never answer|"
    r"not used|does not use|don't use|do not use)\b",
    re.IGNORECASE,
)

_GRADING = re.compile(
    r"\b(?:(?:is|are) also accepted|also accepted|also counts?|"
    r"(?:names|spellings|answers|forms|variants|both|all) (?:are|is) (?:all )?accepted|"
    r"accepted as (?:an? )?(?:answer|alias|correct|right)|"
    r"counts? as (?:the |a )?(?:answer|right|correct|wrong)|"
    r"(?:marked|graded) (?:as )?(?:right|correct|wrong)|typed answers?|the grader|(?:an?|as) alias(?:es)?)\b",
    re.IGNORECASE,
)
"""A note that talks about marking answers: it is shown where nothing is typed, too."""


def deck_warnings(deck: Deck) -> Iterator[Finding]:
    """Advice for each fact, as (path in the document, message)."""
    pool = _answers_by_category(deck)
    kind_counts: dict[AnswerKind, int] = defaultdict(int)
    for fact in deck.facts:
        kind_counts[fact.kind] += 1
    fact_ids = {f.id for f in deck.facts}
    for index, fact in enumerate(deck.facts):
        at = ("facts", index)
        if _LEANING_OPENING.match(fact.statement):
            yield (
                (*at, "statement"),
                f"the statement opens with '{fact.statement.split()[0]}', which leans on another sentence; "
                "matching sets mix statements, so name who or what it is about",
            )
        if fact.note is not None:
            named = sorted(i for i in fact_ids if len(i) > 3 and re.search(rf"\b{re.escape(i)}\b", fact.note))
            if named or _MAINTENANCE.search(fact.note):
                yield (
                    (*at, "note"),
                    "the note speaks about the deck"
                    + (f" (names {', '.join(named)})" if named else "")
                    + "; learners read it after a wrong answer: say something about the content, "
                    "and put remarks for maintainers in a YAML comment",
                )
            grading = _GRADING.search(fact.note)
            if grading:
                yield (
                    (*at, "note"),
                    f"the note speaks about marking answers ('{grading.group()}'); it is shown after "
                    "true/false questions, on Anki cards and in answer keys too, where nothing is typed: "
                    "list other accepted answers under aliases, and keep remarks about them in a YAML comment",
                )
        yield from ((at + p, m) for p, m in _supply_advice(fact, pool, kind_counts[fact.kind]))


def _answers_by_category(deck: Deck) -> dict[tuple[AnswerKind, str], set[str]]:
    pool: dict[tuple[AnswerKind, str], set[str]] = defaultdict(set)
    for fact in deck.facts:
        if fact.category is not None:
            pool[fact.kind, normalize_answer(fact.category)].add(normalize_answer(fact.answer))
    return pool


def wrong_answer_count(fact: Fact, pool: dict[tuple[AnswerKind, str], set[str]]) -> int:
    """The distinct wrong answers a fact's questions can draw on: own distractors and same-category answers.

    Counted without copying the category's answers (a category of a large deck holds thousands).
    """
    same = pool.get((fact.kind, normalize_answer(fact.category)), set()) if fact.category else set()
    own = {normalize_answer(d) for d in fact.distractors} - same
    right = {normalize_answer(a) for a in fact.accepted}
    return len(same) + len(own) - len(right & same) - len(right & own)


def _supply_advice(
    fact: Fact, pool: dict[tuple[AnswerKind, str], set[str]], same_kind: int
) -> Iterator[Finding]:
    """Which facts could make more questions with a category or more distractors."""
    if fact.kind.is_numeric:
        return  # made-up years, dates and numbers never run out
    available = wrong_answer_count(fact, pool)
    if available >= WRONG_ANSWERS_WANTED:
        return
    if fact.choices is not None and available >= fact.choices - 1:
        return  # the author says so: `choices: 3`
    outcome = (
        "it is asked with 3 choices at most"
        if available == WRONG_ANSWERS_WANTED - 1
        else "it is not asked as multiple choice" + (" or true/false" if available == 0 else "")
    )
    fix = "add distractors"
    if fact.category is None and same_kind > 1:
        fix += f", or give it a category shared with the other {fact.kind.value} answers that could stand in for it"
    if available == WRONG_ANSWERS_WANTED - 1:
        fix += ", or write `choices: 3` if three choices are meant"
    yield (
        ("distractors",),
        f"only {available} wrong answer(s) of its category (its distractors and same-category answers): "
        f"{outcome}; {fix}",
    )


def leans_on_another_sentence(statement: str) -> bool:
    """Whether a statement opens with a word that needs the sentence before it ("He", "This", …)."""
    return bool(_LEANING_OPENING.match(statement))
