"""Spaced repetition with FSRS (the `fsrs` package, the scheduler Anki offers): one card per fact.

Right is Good, right with a typo is Hard, wrong is Again; a skipped question is not graded.
The `fsrs` import (~60 ms) happens on the first review, not at start-up.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rutw_quiz.grading.grade import Outcome

LEARN_AHEAD = dt.timedelta(minutes=20)
"""Cards due within this time count as due now, like Anki's default learn-ahead limit: a fact
missed a minute ago (due again in one minute) is asked in a review straight after the quiz."""

RATING_OF_OUTCOME = {Outcome.CORRECT: "Good", Outcome.TYPO: "Hard", Outcome.WRONG: "Again"}


@dataclass(frozen=True)
class Reviewed:
    """A card after a review: its FSRS state as JSON and when it is next due (UTC)."""

    card_json: str
    due: dt.datetime
    rating: str


@lru_cache(maxsize=1)
def _scheduler() -> Any:
    from fsrs import Scheduler

    # No fuzzing: the same answers at the same times give the same schedule.
    return Scheduler(enable_fuzzing=False)


class UnreadableCardError(ValueError):
    """A stored card that FSRS cannot read (not JSON, or fields missing or of the wrong type)."""


def review(card_json: str | None, outcome: Outcome, now: dt.datetime) -> Reviewed:
    """The fact's card after answering with `outcome` at `now` (a new card when `card_json` is None).

    Raises UnreadableCardError when `card_json` is not a card FSRS can read.
    """
    from fsrs import Card, Rating

    rating_name = RATING_OF_OUTCOME[Outcome.WRONG if outcome is Outcome.PARTIAL else outcome]
    if not card_json:
        card, _log = _scheduler().review_card(Card(card_id=1), Rating[rating_name], now)
        return Reviewed(card.to_json(), card.due.astimezone(dt.UTC), rating_name)
    try:
        # A stored card can read well and still hold what FSRS cannot compute with (a stability
        # of 0, negative or not a number), which fails only here, in whatever way its maths does.
        card, _log = _scheduler().review_card(_card(card_json), Rating[rating_name], now)
        due: dt.datetime = card.due.astimezone(dt.UTC)
        if not (card.stability is None or (math.isfinite(card.stability) and card.stability > 0)):
            raise ValueError(card.stability)
        json_text: str = card.to_json()
    except UnreadableCardError:
        raise
    except Exception as error:
        raise UnreadableCardError(f"its card is not one FSRS can review ({type(error).__name__})") from None
    return Reviewed(json_text, due, rating_name)


def _card(card_json: str) -> Any:
    from fsrs import Card

    try:
        card = Card.from_json(card_json)
        if card.due.tzinfo is None:  # a naive due time cannot be compared with now
            raise ValueError(card.due)
    # fsrs reports a bad card with whatever its parsing raises (KeyError, TypeError, ValueError, ...).
    except Exception as error:
        raise UnreadableCardError(f"its card is not one FSRS can read ({type(error).__name__})") from None
    return card


def interval_text(due: dt.datetime, now: dt.datetime) -> str:
    """When a card comes back, as Anki shows intervals: 'in 1 min', 'in 3 h', 'tomorrow', 'in 4 days'."""
    seconds = max(0.0, (due - now).total_seconds())
    minutes = max(1, round(seconds / 60))
    if minutes < 60:  # 59 min 45 s is "in 1 h", not "in 60 min"
        return f"in {minutes} min"
    days = (due.astimezone().date() - now.astimezone().date()).days
    if days <= 0:
        return f"in {max(1, round(seconds / 3600))} h"
    if days == 1:
        return "tomorrow"
    if days < 31:
        return f"in {days} days"
    if (months := round(days / 30.4)) < 12:  # 364 days is "in 1 year", not "in 12 months"
        return _plural(months, "month")
    return _plural(max(1, round(days / 365)), "year")


def _plural(count: int, unit: str) -> str:
    return f"in {count} {unit}" + ("" if count == 1 else "s")


def is_due(due: dt.datetime, now: dt.datetime) -> bool:
    """Whether a card due at `due` is to be asked now (with the learn-ahead allowance)."""
    return due <= now + LEARN_AHEAD
