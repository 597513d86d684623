"""One answer more than statements in a printed matching question, so the last pair is not found by elimination.

The extra answer is a wrong answer of the same kind and category as the statements' answers,
chosen by the engine's `pick_distractors` for one of the question's facts, and kept only when it
completes none of the statements: it is no accepted answer of any of them (nor of another fact
asking the same question), does not contain one or sit inside one, and is not named in any
statement. Deterministic from the seed and the question id.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.questions.distractors import AnswerIndex, answer_key, pick_distractors
from rutw_quiz.questions.models import MatchingQuestion
from rutw_quiz.text import contains_phrase

CANDIDATES_PER_FACT = 6


def _fits(candidate: str, fact: Fact, index: AnswerIndex, shown: list[str], statements: list[str]) -> bool:
    key = answer_key(fact.kind, candidate)
    if not key or key in {answer_key(fact.kind, a) for a in [*fact.accepted, *shown]}:
        return True
    if key in index.other_true_answers(fact):
        return True
    if any(contains_phrase(candidate, a) or contains_phrase(a, candidate) for a in [*fact.accepted, *shown]):
        return True
    return any(contains_phrase(statement, candidate) for statement in statements)


def extra_answer(question: MatchingQuestion, deck: Deck, index: AnswerIndex, seed: int) -> str | None:
    """A plausible answer that completes none of the question's statements, or None if the deck has none."""
    by_id = {fact.id: fact for fact in deck.facts}
    facts = [by_id[fid] for fid in question.fact_ids if fid in by_id]
    if len(facts) != len(question.fact_ids):
        return None
    rng = random.Random(f"{seed}:{question.id}:extra")
    shown = list(question.choices.answers)
    statements = list(question.choices.statements)
    order = list(facts)
    rng.shuffle(order)
    for source in order:
        for candidate in pick_distractors(source, index, CANDIDATES_PER_FACT, rng):
            if not any(_fits(candidate, fact, index, shown, statements) for fact in facts):
                return candidate
    return None


def with_extra_answers(
    questions: list[MatchingQuestion], decks: Mapping[str, Deck], seed: int
) -> dict[str, MatchingQuestion]:
    """Each matching question with one more answer placed at a seeded position, by question id."""
    indexes: dict[str, AnswerIndex] = {}
    made: dict[str, MatchingQuestion] = {}
    for question in questions:
        deck = decks.get(question.deck_id)
        if deck is None:
            continue
        index = indexes.get(deck.id)
        if index is None:
            index = indexes[deck.id] = AnswerIndex.of(deck)
        extra = extra_answer(question, deck, index, seed)
        if extra is None:
            continue
        answers = list(question.choices.answers)
        answers.insert(random.Random(f"{seed}:{question.id}:place").randrange(len(answers) + 1), extra)
        columns = question.choices.model_copy(update={"answers": answers})
        made[question.id] = question.model_copy(update={"choices": columns})
    return made
