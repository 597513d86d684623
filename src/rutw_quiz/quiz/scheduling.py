"""Spaced repetition with FSRS (the `fsrs` package, the scheduler Anki offers): one card per fact.

Right is Good, right with a typo is Hard, wrong is Again; a skipped question is not graded.
The `fsrs` import (~60 ms) happens on the first review, not at start-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rutw_quiz.questions.grading import Outcome

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


def review(card_json: str | None, outcome: Outcome, now: dt.datetime) -> Reviewed:
    """The fact's card after answering with `outcome` at `now` (a new card when `card_json` is None)."""
    from fsrs import Card, Rating

    rating_name = RATING_OF_OUTCOME[Outcome.WRONG if outcome is Outcome.PARTIAL else outcome]
    card = Card.from_json(card_json) if card_json else Card(card_id=1)
    card, _log = _scheduler().review_card(card, Rating[rating_name], now)
    due: dt.datetime = card.due
    return Reviewed(card.to_json(), due.astimezone(dt.UTC), rating_name)


def is_due(due: dt.datetime, now: dt.datetime) -> bool:
    """Whether a card due at `due` is to be asked now (with the learn-ahead allowance)."""
    return due <= now + LEARN_AHEAD
