"""A synthetic deck of any size, for benchmarks: varied kinds, dates and topics, all valid."""

from __future__ import annotations

from rutw_quiz.deck.models import Deck

KINDS = ("person", "organization", "place", "year", "date", "number", "document")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September")


def synthetic_deck_data(n: int) -> dict[str, object]:
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
            "statement": f"In record {i} the key answer was {answer}, as the source says.",
            "answer": answer,
            "kind": kind,
            "category": f"{kind} of a record",
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


def synthetic_deck(n: int) -> Deck:
    """A validated synthetic deck with `n` facts."""
    return Deck.model_validate(synthetic_deck_data(n))
