"""Facts as plain records, for `rutw-quiz facts` and other readers of JSON."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rutw_quiz.deck.models import Deck


def fact_records(decks: Sequence[Deck], topics: Iterable[str] = ()) -> list[dict[str, Any]]:
    """One JSON-ready record per fact, in deck order; only facts with one of `topics` if given.

    Each record holds every key of the fact as the deck has it (absent optional keys as
    null or []), so other tools can read decks through `rutw-quiz facts --json`, plus the
    deck's id and the source's title.
    """
    wanted = set(topics)
    records = []
    for deck in decks:
        for fact in deck.facts:
            if wanted and not wanted.intersection(fact.topics):
                continue
            source = deck.source(fact.source.id)
            records.append(
                {
                    "deck": deck.id,
                    "id": fact.id,
                    "statement": fact.statement,
                    "answer": fact.answer,
                    "kind": fact.kind.value,
                    "category": fact.category,
                    "aliases": list(fact.aliases),
                    "distractors": list(fact.distractors),
                    "prompt": fact.prompt,
                    "date": fact.date,
                    "year": fact.year,
                    "event": fact.event,
                    "topics": list(fact.topics),
                    "difficulty": fact.difficulty,
                    "source": {
                        "id": source.id,
                        "title": source.title,
                        "section": fact.source.section,
                        "quote": fact.source.quote,
                    },
                    "note": fact.note,
                }
            )
    return records
