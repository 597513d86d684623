"""The question bank: every question the engine can make from a deck, one per fact and type, by topic.

An LMS draws its quizzes at random from a bank, so an export without `-n` carries the whole
bank rather than one seeded set. Each single-fact question is built by the engine's own builder
with a random stream of its own (seeded by the bank seed and the question's id), so adding a fact
to the deck changes no other question. Timelines take four facts of the same topic each; matching
sets four facts of one class (four people, four cities) from the whole deck, filed under their first
fact's topic. Both are chosen by the engine's selection (`grouped_questions`), so no fact is asked
twice in one type and the engine's partner rules hold. The deck is indexed once for all its topics,
so the bank's cost is linear in the deck.

Each fact is filed under its home topic: its first topic (among those asked for, with --topic).
The bank is plain data; each writer under `render/` turns it into its format.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial

from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.errors import SelectionError
from rutw_quiz.parallel import run_all
from rutw_quiz.questions import builders
from rutw_quiz.questions.builders import DeckContext
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.questions.models import Question, QuestionType
from rutw_quiz.questions.selection import grouped_questions

BANK_SEED = 0
"""The bank's default seed: a re-export of the same deck gives the same bank."""


@dataclass(frozen=True)
class TopicGroup:
    """The questions of one topic of one deck (a Moodle category, a QTI section)."""

    deck: Deck
    topic: str
    questions: list[Question]

    @property
    def label(self) -> str:
        """The topic's human-readable label, e.g. 'The Cold War'."""
        return self.deck.topic_label(self.topic)


@dataclass(frozen=True)
class QuestionBank:
    """Questions grouped by deck and topic, in deck order; notices for the user."""

    groups: list[TopicGroup]
    notices: list[str] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        """Every question of the bank, group after group."""
        return [q for group in self.groups for q in group.questions]

    @cached_property
    def _by_id(self) -> dict[str, Deck]:
        seen: dict[str, Deck] = {}
        for group in self.groups:
            seen.setdefault(group.deck.id, group.deck)
        return seen

    @property
    def decks(self) -> list[Deck]:
        """The decks the questions come from, each once, in order."""
        return list(self._by_id.values())

    def deck_of(self, question: Question) -> Deck:
        """The deck a question was made from."""
        return self._by_id[question.deck_id]


_SINGLE: dict[QuestionType, Callable[[DeckContext, Fact, random.Random, int], Question | None]] = {
    QuestionType.MULTIPLE_CHOICE: builders.multiple_choice,
    QuestionType.TRUE_FALSE: lambda ctx, fact, rng, _k: builders.true_false(
        ctx, fact, rng, truth=rng.random() < 0.5
    ),
    QuestionType.FILL_IN: lambda ctx, fact, rng, _k: builders.fill_in(ctx, fact, rng),
    QuestionType.SHORT_ANSWER: lambda ctx, fact, rng, _k: builders.short_answer(ctx, fact, rng),
}


def _home_topic(fact: Fact, wanted: Sequence[str]) -> str | None:
    if not wanted:
        return fact.topics[0]
    return next((t for t in fact.topics if t in wanted), None)


def build_bank(
    decks: Sequence[Deck],
    *,
    types: Sequence[QuestionType] = (),
    topics: Sequence[str] = (),
    difficulties: Sequence[int] = (),
    choices: int = 4,
    seed: int = BANK_SEED,
) -> QuestionBank:
    """Every question the engine can make from `decks`: one per fact and single-fact type, timelines
    of four facts of a topic and matching sets of four facts of a deck (filed under their first
    fact's topic), each fact in at most one of each.

    Raises SelectionError when the filters leave no fact, or the facts make no question.
    """
    wanted_types = list(types) or list(QuestionType)
    tasks: list[Callable[[], list[Question]]] = []
    """Each deck's matching sets, then each topic's questions of each type (see `_Plan`)."""
    plans: list[_Plan] = []
    for deck in decks:
        ctx = DeckContext(deck, AnswerIndex.of(deck))
        by_topic: dict[str, list[Fact]] = {}
        for fact in deck.facts:
            if difficulties and fact.difficulty not in difficulties:
                continue
            home = _home_topic(fact, topics)
            if home is not None:
                by_topic.setdefault(home, []).append(fact)
        ordered = [t for t in deck.topics if t in by_topic]
        plans.append(_Plan(deck, ordered, by_topic))
        if QuestionType.MATCHING in wanted_types:
            # A matching set needs four answers of one class (four people): rare within one topic,
            # so sets are drawn from the whole deck and filed under their first fact's topic.
            every = [f for t in ordered for f in by_topic[t]]
            tasks.append(partial(grouped_questions, ctx, every, "", QuestionType.MATCHING, seed))
        for topic in ordered:
            for qtype in wanted_types:
                if qtype.fact_count == 1:
                    tasks.append(partial(_single, ctx, by_topic[topic], qtype, choices, seed))
                elif qtype is QuestionType.TIMELINE:
                    tasks.append(partial(grouped_questions, ctx, by_topic[topic], topic, qtype, seed))
    facts_seen = sum(len(facts) for plan in plans for facts in plan.by_topic.values())
    results = iter(run_all(tasks, facts=facts_seen))
    groups: list[TopicGroup] = []
    for plan in plans:
        matched: dict[str, list[Question]] = {}
        if QuestionType.MATCHING in wanted_types:
            home_of = {f.id: t for t in plan.topics for f in plan.by_topic[t]}
            for question in next(results):
                matched.setdefault(home_of[question.fact_ids[0]], []).append(question)
        for topic in plan.topics:
            questions: list[Question] = []
            for qtype in wanted_types:
                if qtype.fact_count == 1 or qtype is QuestionType.TIMELINE:
                    questions.extend(next(results))
                else:
                    questions.extend(matched.get(topic, []))
            if questions:
                groups.append(TopicGroup(plan.deck, topic, questions))
    if not facts_seen:
        raise SelectionError("no fact matches these options (see --topic and --difficulty)")
    if not groups:
        names = ", ".join(t.value for t in wanted_types)
        raise SelectionError(f"no {names} question can be made from the facts matching these options")
    notices: list[str] = []
    made = {q.type for group in groups for q in group.questions}
    notices.extend(
        f"no {t.value} question could be made from these facts" for t in wanted_types if t not in made
    )
    return QuestionBank(groups, notices)


@dataclass(frozen=True)
class _Plan:
    """One deck's facts by home topic, in the deck's order of topics: where the bank's tasks'
    results are filed."""

    deck: Deck
    topics: list[str]
    by_topic: dict[str, list[Fact]]


def _single(
    ctx: DeckContext, facts: Sequence[Fact], qtype: QuestionType, choices: int, seed: int
) -> list[Question]:
    made: list[Question] = []
    for fact in facts:
        rng = random.Random(f"{seed}:{builders.question_id(ctx.deck, [fact], qtype)}")
        question = _SINGLE[qtype](ctx, fact, rng, choices)
        if question is not None:
            made.append(question)
    return made


def group_by_topic(decks: Sequence[Deck], questions: Sequence[Question]) -> QuestionBank:
    """A chosen set of questions (e.g. `-n 20 --seed 7`) grouped like a bank, keeping their order
    within each topic; a question goes under the first topic of its first fact."""
    by_id = {deck.id: deck for deck in decks}
    groups: dict[tuple[str, str], TopicGroup] = {}
    for question in questions:
        deck = by_id[question.deck_id]
        key = (deck.id, question.topics[0])
        if key not in groups:
            groups[key] = TopicGroup(deck, question.topics[0], [])
        groups[key].questions.append(question)
    return QuestionBank(list(groups.values()))
