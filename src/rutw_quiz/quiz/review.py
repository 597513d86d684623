"""`quiz --review`: the facts that are due first (most overdue first), then facts never seen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rutw_quiz.deck.models import Deck
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions.models import Question
from rutw_quiz.questions.selection import QuestionOptions, generate_questions
from rutw_quiz.quiz.progress import CardState
from rutw_quiz.quiz.scheduling import is_due

FactKey = tuple[str, str]  # (deck id, fact id)


@dataclass(frozen=True)
class ReviewPlan:
    """Which facts a review may ask, and when the next one falls due."""

    due: dict[FactKey, dt.datetime]  # due now, with their due times
    new: frozenset[FactKey]  # never answered
    next_due: dt.datetime | None  # the earliest due time of the facts not due now


def plan_review(
    decks: Sequence[Deck], cards: Mapping[str, Mapping[str, CardState]], now: dt.datetime
) -> ReviewPlan:
    """Split the decks' facts into due, new and later; `cards` maps deck id -> fact id -> state."""
    due: dict[FactKey, dt.datetime] = {}
    new: set[FactKey] = set()
    later: list[dt.datetime] = []
    for deck in decks:
        known = cards.get(deck.id, {})
        for fact in deck.facts:
            state = known.get(fact.id)
            if state is None:
                new.add((deck.id, fact.id))
            elif is_due(state.due, now):
                due[(deck.id, fact.id)] = state.due
            else:
                later.append(state.due)
    return ReviewPlan(due, frozenset(new), min(later, default=None))


def _generate(decks: Sequence[Deck], options: QuestionOptions, only: frozenset[FactKey]) -> list[Question]:
    if not only:  # an empty filter would mean "every fact"
        return []
    try:
        return generate_questions(decks, replace(options, only_facts=only)).questions
    except SelectionError:  # none of these facts passes the topic, difficulty or type filters
        return []


def review_questions(decks: Sequence[Deck], plan: ReviewPlan, options: QuestionOptions) -> list[Question]:
    """Up to `options.count` questions: on due facts first, most overdue first, then on new facts."""
    due_questions = _generate(decks, options, frozenset(plan.due))
    due_questions.sort(key=lambda q: min(plan.due[(q.deck_id, f)] for f in q.fact_ids))
    remaining = options.count - len(due_questions)
    if remaining <= 0:
        return due_questions[: options.count]
    new_questions = _generate(decks, replace(options, count=remaining), plan.new)
    return due_questions + new_questions
