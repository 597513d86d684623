"""Progress figures per topic and per deck, as a table or as JSON, for `rutw-quiz stats`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rutw_quiz.deck.models import Deck
from rutw_quiz.quiz.progress import CardState
from rutw_quiz.quiz.scheduling import is_due


@dataclass
class Tally:
    """Figures for a set of facts (one topic, or a whole deck)."""

    facts: int = 0
    seen: int = 0
    answers: int = 0
    correct: int = 0
    due_now: int = 0
    next_due: dt.datetime | None = None

    @property
    def accuracy(self) -> float | None:
        """Right answers over graded answers; None before any answer."""
        return self.correct / self.answers if self.answers else None

    def add(self, state: CardState | None, now: dt.datetime) -> None:
        """Count one fact and its state (None: never answered)."""
        self.facts += 1
        if state is None:
            return
        self.seen += 1
        self.answers += state.answers
        self.correct += state.correct
        if is_due(state.due, now):
            self.due_now += 1
        elif self.next_due is None or state.due < self.next_due:
            self.next_due = state.due

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON-ready values (times in ISO 8601, UTC)."""
        accuracy = self.accuracy
        return {
            "facts": self.facts,
            "seen": self.seen,
            "answers": self.answers,
            "correct": self.correct,
            "accuracy": None if accuracy is None else round(accuracy, 4),
            "due_now": self.due_now,
            "next_due": None if self.next_due is None else self.next_due.isoformat(timespec="seconds"),
        }


@dataclass
class DeckStats:
    """One deck's figures by topic (a fact counts under its first topic) and in total."""

    deck_id: str
    title: str
    topics: dict[str, tuple[str, Tally]] = field(default_factory=dict)  # slug -> (label, tally)
    total: Tally = field(default_factory=Tally)


def deck_stats(deck: Deck, cards: Mapping[str, CardState], now: dt.datetime) -> DeckStats:
    """The figures of `deck` from its stored `cards` (fact id -> state) at `now`."""
    stats = DeckStats(deck.id, deck.title)
    for slug, label in deck.topics.items():
        stats.topics[slug] = (label, Tally())
    for fact in deck.facts:
        state = cards.get(fact.id)
        slug = fact.topics[0]
        stats.topics.setdefault(slug, (deck.topic_label(slug), Tally()))[1].add(state, now)
        stats.total.add(state, now)
    stats.topics = {slug: entry for slug, entry in stats.topics.items() if entry[1].facts}
    return stats


def stats_json(all_stats: Sequence[DeckStats], database: Path) -> str:
    """`rutw-quiz stats --json`."""
    data = {
        "database": str(database),
        "decks": [
            {
                "deck_id": s.deck_id,
                "title": s.title,
                "topics": [
                    {"topic": slug, "label": label, **tally.to_json()}
                    for slug, (label, tally) in s.topics.items()
                ],
                "total": s.total.to_json(),
            }
            for s in all_stats
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def when_text(moment: dt.datetime | None, now: dt.datetime) -> str:
    if moment is None:
        return "-"
    local = moment.astimezone()
    if local.date() == now.astimezone().date():
        return f"today {local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


def stats_text(all_stats: Sequence[DeckStats], database: Path, now: dt.datetime) -> str:
    """`rutw-quiz stats` as a table per deck."""
    lines = []
    for stats in all_stats:
        lines.append(f"{stats.title} ({stats.deck_id})")
        rows = [(label, tally) for label, tally in stats.topics.values()]
        rows.append(("Total", stats.total))
        width = max(len("Topic"), *(len(label) for label, _ in rows))
        lines.append(f"  {'Topic':<{width}}  {'Seen':>9}  {'Accuracy':>8}  {'Due now':>7}  Next due")
        for label, tally in rows:
            accuracy = "-" if tally.accuracy is None else f"{tally.accuracy:.0%}"
            seen = f"{tally.seen}/{tally.facts}"
            lines.append(
                f"  {label:<{width}}  {seen:>9}  {accuracy:>8}  {tally.due_now:>7}  {when_text(tally.next_due, now)}"
            )
        lines.append("")
    lines.append(f"Progress file: {database}")
    return "\n".join(lines) + "\n"
