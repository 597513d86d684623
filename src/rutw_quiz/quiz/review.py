"""`quiz --review`: the facts that are due first (most overdue first), then facts never seen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions.models import Question, QuestionType
from rutw_quiz.questions.selection import QuestionOptions, generate_questions
from rutw_quiz.quiz.progress import CardState
from rutw_quiz.quiz.scheduling import is_due

FactKey = tuple[str, str]  # (deck id, fact id)


@dataclass(frozen=True)
class ReviewPlan:
    """Which facts a review may ask, and when the next one falls due."""

    due: dict[FactKey, dt.datetime]  # due now, with their due times
    new: frozenset[FactKey]  # never answered
    later: Mapping[FactKey, dt.datetime]  # the facts not due now, with their due times

    def next_due_among(self, decks: Sequence[Deck], options: QuestionOptions) -> dt.datetime | None:
        """When the next of the facts passing the topic and difficulty filters falls due: a review
        of one topic says when that topic comes back, not when another does."""
        return min(
            (
                when
                for deck in decks
                for fact in deck.facts
                if (when := self.later.get((deck.id, fact.id))) is not None and _passes_filters(fact, options)
            ),
            default=None,
        )


def plan_review(
    decks: Sequence[Deck], cards: Mapping[str, Mapping[str, CardState]], now: dt.datetime
) -> ReviewPlan:
    """Split the decks' facts into due, new and later; `cards` maps deck id -> fact id -> state."""
    due: dict[FactKey, dt.datetime] = {}
    new: set[FactKey] = set()
    later: dict[FactKey, dt.datetime] = {}
    for deck in decks:
        known = cards.get(deck.id, {})
        for fact in deck.facts:
            state = known.get(fact.id)
            if state is None:
                new.add((deck.id, fact.id))
            elif is_due(state.due, now):
                due[(deck.id, fact.id)] = state.due
            else:
                later[(deck.id, fact.id)] = state.due
    return ReviewPlan(due, frozenset(new), later)


def _passes_filters(fact: Fact, options: QuestionOptions) -> bool:
    """Whether the fact passes the topic and difficulty filters (the engine applies the same)."""
    if options.difficulties and fact.difficulty not in options.difficulties:
        return False
    return not options.topics or any(t in options.topics for t in fact.topics)


def _generate(decks: Sequence[Deck], options: QuestionOptions, only: Iterable[FactKey]) -> list[Question]:
    facts = frozenset(only)
    if not facts:  # an empty filter would mean "every fact"
        return []
    try:
        return generate_questions(decks, replace(options, only_facts=facts)).questions
    except SelectionError:  # none of these facts makes a question of the types asked
        return []


def _due_questions(
    decks: Sequence[Deck], ranked: Sequence[FactKey], options: QuestionOptions
) -> list[Question]:
    """Up to `options.count` questions on the first facts of `ranked`, in that order.

    The engine gets just enough facts for the questions still wanted (one per question, or
    four when only timeline or matching questions are asked). When some make no question,
    the next facts fill the gap, offered together with the ones left over (a timeline may
    need them); the facts offered at least double each round, so a long run of facts that
    make no question costs few rounds.
    """
    types = options.types or tuple(QuestionType)
    per_question = min(t.fact_count for t in types)
    questions: list[Question] = []
    left_over: list[FactKey] = []
    start = 0
    while len(questions) < options.count and start < len(ranked):
        gap = options.count - len(questions)
        fresh = ranked[start : start + max(gap * per_question, len(left_over))]
        start += len(fresh)
        pool = [*left_over, *fresh]
        made = _generate(decks, replace(options, count=gap), pool)
        used = {(q.deck_id, f) for q in made for f in q.fact_ids}
        left_over = [key for key in pool if key not in used]
        questions += made
    rank = {key: i for i, key in enumerate(ranked)}
    questions.sort(key=lambda q: min(rank[(q.deck_id, f)] for f in q.fact_ids))
    return questions


def review_questions(decks: Sequence[Deck], plan: ReviewPlan, options: QuestionOptions) -> list[Question]:
    """Up to `options.count` questions: on due facts first, most overdue first, then on new facts.

    Raises SelectionError (the engine's, naming the known topics) when no fact of the decks
    passes the topic and difficulty filters at all; an empty list means nothing is to review.
    """
    keys = [(d.id, f.id) for d in decks for f in d.facts]
    order = {key: i for i, key in enumerate(keys)}
    eligible = {(d.id, f.id) for d in decks for f in d.facts if _passes_filters(f, options)}
    if not eligible:
        generate_questions(decks, options)  # raises SelectionError: "no fact matches topic ..."
        return []
    ranked = sorted((key for key in plan.due if key in eligible), key=lambda k: (plan.due[k], order[k]))
    due_questions = _due_questions(decks, ranked, options)
    remaining = options.count - len(due_questions)
    if remaining <= 0:
        return due_questions
    return due_questions + _generate(decks, replace(options, count=remaining), plan.new & eligible)
