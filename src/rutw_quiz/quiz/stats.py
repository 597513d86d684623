"""Progress figures per topic and per deck, as a table or as JSON, for `rutw-quiz stats`.

At 60 columns or more the figures are a table; narrower, each topic gets a block of its own
("Seen 2 of 7 · 50% right · 2 due now"), so no column is squeezed into a word per line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rutw_quiz.deck.models import Deck
from rutw_quiz.quiz.display import safe, table, wrap
from rutw_quiz.quiz.progress import CardState
from rutw_quiz.quiz.scheduling import interval_text, is_due


@dataclass
class Tally:
    """Figures for a set of facts (one topic, or a whole deck)."""

    facts: int = 0
    seen: int = 0
    answers: int = 0
    correct: int = 0
    due_now: int = 0
    next_due: dt.datetime | None = None
    overridden: int = 0  # refused typed answers the student said were right

    @property
    def accuracy(self) -> float | None:
        """Right answers over graded answers; None before any answer."""
        return self.correct / self.answers if self.answers else None

    def add(self, state: CardState | None, now: dt.datetime, overridden: int = 0) -> None:
        """Count one fact and its state (None: never answered), and its overridden answers."""
        self.facts += 1
        self.overridden += overridden
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
            "overridden": self.overridden,
        }


@dataclass
class DeckStats:
    """One deck's figures by topic (a fact counts under its first topic) and in total."""

    deck_id: str
    title: str
    topics: dict[str, tuple[str, Tally]] = field(default_factory=dict)  # slug -> (label, tally)
    total: Tally = field(default_factory=Tally)


def deck_stats(
    deck: Deck, cards: Mapping[str, CardState], now: dt.datetime, overrides: Mapping[str, int] | None = None
) -> DeckStats:
    """The figures of `deck` from its stored `cards` (fact id -> state) at `now`, and the number of
    answers per fact counted as right on the student's word (`overrides`)."""
    overrides = overrides or {}
    stats = DeckStats(deck.id, deck.title)
    for slug, label in deck.topics.items():
        stats.topics[slug] = (label, Tally())
    for fact in deck.facts:
        state = cards.get(fact.id)
        slug = fact.topics[0]
        overridden = overrides.get(fact.id, 0)
        stats.topics.setdefault(slug, (deck.topic_label(slug), Tally()))[1].add(state, now, overridden)
        stats.total.add(state, now, overridden)
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
    """A due time in a few columns: 'today 14:05', 'tomorrow 09:00', '3 Dec 14:05', '3 Dec 2027'."""
    if moment is None:
        return "-"
    local = moment.astimezone()
    days = (local.date() - now.astimezone().date()).days
    if days == 0:
        return f"today {local:%H:%M}"
    if days == 1:
        return f"tomorrow {local:%H:%M}"
    if local.year == now.astimezone().year or days < 300:
        return f"{local.day} {local:%b %H:%M}"
    return f"{local.day} {local:%b %Y}"


def next_review_text(due: dt.datetime, now: dt.datetime) -> str:
    """When the next review is, for a sentence: 'in 3 h (today 14:05)', 'in 4 days (7 Dec 09:00)',
    and 'tomorrow at 09:00' rather than 'tomorrow (tomorrow 09:00)'."""
    interval, moment = interval_text(due, now), when_text(due, now)
    if moment.startswith(f"{interval} "):
        return f"{interval} at {moment.removeprefix(f'{interval} ')}"
    return f"{interval} ({moment})"


def next_due_text(tally: Tally, now: dt.datetime) -> str:
    """The 'Next due' cell: 'now' when facts are due, the next due time, or 'new' before any answer."""
    if tally.due_now:
        return "now"
    if tally.next_due is None:
        return "new" if not tally.seen else "-"
    return when_text(tally.next_due, now)


NARROW = 60
"""Below this width `stats` gives each topic a block of its own instead of a table row."""


def _accuracy(tally: Tally) -> str:
    return "-" if tally.accuracy is None else f"{tally.accuracy:.0%}"


def _joined(pieces: Sequence[str], width: int, indent: str) -> list[str]:
    """Pieces joined by ' · ', lines broken only between pieces, so no figure is split from its word."""
    lines = [indent + pieces[0]]
    for piece in pieces[1:]:
        if len(lines[-1]) + 3 + len(piece) <= width:
            lines[-1] += f" · {piece}"
        else:
            lines.append(f"{indent}{piece}")
    return lines


def _blocks(rows: Sequence[tuple[str, Tally]], now: dt.datetime, width: int) -> list[str]:
    """Each topic as two lines or so: its name, then 'Seen 2 of 7 · 50% right · 2 due now'."""
    lines = []
    for label, tally in rows:
        lines += wrap(label, width)
        figures = [f"Seen {tally.seen} of {tally.facts}"]
        if tally.accuracy is not None:
            figures.append(f"{_accuracy(tally)} right")
        if tally.due_now:
            figures.append(f"{tally.due_now} due now")
        elif tally.next_due is not None:
            figures.append(f"next due {when_text(tally.next_due, now)}")
        elif not tally.seen:
            figures.append("all new")
        lines += _joined(figures, width, "  ")
    return lines


def stats_text(all_stats: Sequence[DeckStats], database: Path, now: dt.datetime, *, width: int = 79) -> str:
    """`rutw-quiz stats` as a table per deck, at most `width` columns (at most 79 even when wider);
    below `NARROW` columns, a block per topic."""
    width = min(width, 79)
    lines = []
    for stats in all_stats:
        lines += wrap(f"{stats.title} ({stats.deck_id})", width)
        rows = [(label, tally) for label, tally in stats.topics.values()]
        rows.append(("Total", stats.total))
        if width < NARROW:
            lines += _blocks(rows, now, width)
        else:
            cells = [
                (
                    label,
                    f"{tally.seen}/{tally.facts}",
                    _accuracy(tally),
                    str(tally.due_now),
                    next_due_text(tally, now),
                )
                for label, tally in rows
            ]
            lines += table(cells, width, header=("Topic", "Seen", "Accuracy", "Due now", "Next due"))
        if stats.total.overridden:
            counted = stats.total.overridden
            lines += wrap(
                f"{counted} typed answer{'' if counted == 1 else 's'} counted as right on your word.", width
            )
        lines.append("")
    shown = safe(str(database))
    label = "Progress file:"
    lines += [f"{label} {shown}"] if len(label) + 1 + len(shown) <= width else [label, shown]
    return "\n".join(lines) + "\n"
