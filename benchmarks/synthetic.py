"""A synthetic deck of any size, for benchmarks: varied kinds, dates and topics, all valid.

Two shapes: `few` large categories (each kind is one category, N/7 answers each: the worst
case for anything that grows with a category's size) and `many` small ones (ten answers
each, as a real deck of many topics has).
"""

from __future__ import annotations

from typing import Literal

from rutw_quiz.deck.models import Deck

KINDS = ("person", "organization", "place", "year", "date", "number", "document")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September")
SMALL_CATEGORY = 10
"""Answers per category in the `many` shape."""

Shape = Literal["few", "many"]


VOCABULARY = (
    "harbour",
    "council",
    "railway",
    "mission",
    "treaty",
    "bridge",
    "archive",
    "festival",
    "province",
    "garrison",
    "charter",
    "market",
    "canal",
    "observatory",
    "academy",
    "fortress",
    "embassy",
    "mine",
)


def _words(i: int) -> str:
    """Three words that differ from record to record, so no two statements say nearly the same."""
    n = len(VOCABULARY)
    return (
        f"about the {VOCABULARY[i % n]} of {VOCABULARY[(i * 7 + 3) % n]} and {VOCABULARY[(i * 11 + 5) % n]}"
    )


def _category(kind: str, i: int, shape: Shape) -> str:
    if shape == "few":
        return f"{kind} of a record"
    return f"{kind} of group {i // (SMALL_CATEGORY * len(KINDS))}"


def synthetic_deck_data(n: int, shape: Shape = "few") -> dict[str, object]:
    """Plain deck data with `n` facts, as a YAML file would hold it."""
    topics = {f"topic-{t}": f"Topic {t}" for t in range(20)}
    facts = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        year = 1800 + (i * 7) % 220
        date = f"{1 + i % 28} {MONTHS[i % len(MONTHS)]} {year}"
        answer = {
            "person": f"Person Number{i}",
            "organization": f"Organisation {i} Committee",
            "place": f"Place{i}ville",
            "year": str(year),
            "date": date,
            "number": str(10 + i),
            "document": f"Treaty of Town{i}",
        }[kind]
        fact: dict[str, object] = {
            "id": f"fact-{i}",
            "statement": f"In record {i} {_words(i)} the key answer was {answer}, as the source says.",
            "answer": answer,
            "kind": kind,
            "category": _category(kind, i, shape),
            "prompt": f"What was the key answer of record {i}?",
            "date": date,
            "event": f"Record {i} happens",
            "topics": [f"topic-{i % 20}"],
            "difficulty": 1 + i % 3,
            "source": {"id": "src", "section": "Main", "quote": f"record {i} quote"},
        }
        facts.append(fact)
    return {
        "id": "synthetic",
        "title": "Synthetic deck",
        "description": f"{n} generated facts for benchmarks.",
        "language": "en",
        "topics": topics,
        "sources": [{"id": "src", "title": "Generated", "publisher": "rutw-quiz", "url": "urn:synthetic"}],
        "facts": facts,
    }


def synthetic_deck(n: int, shape: Shape = "few") -> Deck:
    """A validated synthetic deck with `n` facts."""
    return Deck.model_validate(synthetic_deck_data(n, shape))
