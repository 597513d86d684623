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
The bank is plain data; each writer under `render/` turns it into its format. A `BankStream`
gives the same groups one topic at a time as they are made, to writers that write as they go.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Protocol, cast

from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.errors import SelectionError
from rutw_quiz.parallel import run_each
from rutw_quiz.questions import builders
from rutw_quiz.questions.builders import DeckContext
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.questions.models import Question, QuestionType
from rutw_quiz.questions.selection import grouped_questions

CHUNK_FACTS = 500
"""A topic's single-fact questions are made in tasks of this many facts, every type of a fact in
the same task (and process), which then reuses what it worked out about the fact."""
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


class Bank(Protocol):
    """What a writer reads of a bank, whole (`QuestionBank`) or made as it is written (`BankStream`)."""

    @property
    def groups(self) -> Iterable[TopicGroup]:
        """The topic groups, in bank order (a stream's once only)."""
        ...

    @property
    def decks(self) -> list[Deck]:
        """The decks the questions come from, each once, in order."""
        ...

    def deck_of(self, question: Question) -> Deck:
        """The deck a question was made from."""
        ...


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
    stream = stream_bank(
        decks, types=types, topics=topics, difficulties=difficulties, choices=choices, seed=seed
    )
    groups = list(stream.groups)
    return QuestionBank(groups, stream.notices)


class BankStream:
    """A question bank made while it is written: its groups come one at a time, in bank order, as
    the engine makes them, so a writer holds one topic rather than the whole bank, and writes
    while the rest is made. Read `groups` once; `notices`, `count` and `topic_count` are known
    once it is read to the end (`build_bank` gathers it into a `QuestionBank`).

    `stream_bank` makes the first topic before it returns the stream: a bank of no question at
    all fails then (SelectionError), before a writer has written anything.
    """

    def __init__(self, plans: list[_Plan], tasks: list[Callable[[], object]], wanted: list[QuestionType]):
        self._plans = plans
        self._tasks = tasks
        self._wanted = wanted
        self._read = False
        self.count = 0
        """Questions given so far."""
        self.topic_count = 0
        """Topics given so far."""
        self.notices: list[str] = []
        """For the user, once `groups` is read to the end."""
        self.decks = [plan.deck for plan in plans if plan.topics]
        """The decks with facts matching the options, in order."""
        self._by_id = {deck.id: deck for deck in self.decks}
        self._made = self._groups()
        self._first: TopicGroup | None = None

    def close(self) -> None:
        """Stop making the bank (its worker processes with it), as a write that failed must."""
        self._first = None
        self._made.close()

    def _start(self) -> None:
        """Make the first topic group (raises SelectionError when no question at all can be made)."""
        self._first = next(self._made)

    def deck_of(self, question: Question) -> Deck:
        """The deck a question was made from."""
        return self._by_id[question.deck_id]

    @property
    def groups(self) -> Iterator[TopicGroup]:
        """The bank's topic groups, each as soon as it is made; once only."""
        if self._read:
            raise RuntimeError("a bank stream is read once")
        self._read = True
        return self._given()

    def _given(self) -> Iterator[TopicGroup]:
        if self._first is not None:
            first, self._first = self._first, None
            yield first
        yield from self._made

    def _groups(self) -> Generator[TopicGroup, None, None]:
        facts_seen = sum(len(facts) for plan in self._plans for facts in plan.by_topic.values())
        results = run_each(self._tasks, facts=facts_seen)
        made: set[QuestionType] = set()
        try:
            for plan in self._plans:
                for group in _plan_groups(plan, results, self._wanted):
                    made.update(q.type for q in group.questions)
                    self.count += len(group.questions)
                    self.topic_count += 1
                    yield group
        finally:
            results.close()  # stops the workers of a write that failed half-way
        if not self.topic_count:
            names = ", ".join(t.value for t in self._wanted)
            raise SelectionError(f"no {names} question can be made from the facts matching these options")
        self.notices = [
            f"no {t.value} question could be made from these facts" for t in self._wanted if t not in made
        ]


def stream_bank(
    decks: Sequence[Deck],
    *,
    types: Sequence[QuestionType] = (),
    topics: Sequence[str] = (),
    difficulties: Sequence[int] = (),
    choices: int = 4,
    seed: int = BANK_SEED,
) -> BankStream:
    """`build_bank`'s questions as a `BankStream`, made as they are read (the first topic before
    this returns).

    Raises SelectionError when the filters leave no fact, or the facts make no question.
    """
    wanted_types = list(types) or list(QuestionType)
    tasks: list[Callable[[], object]] = []
    """Each deck's matching sets, then for each topic its single-fact questions (every type, in
    tasks of CHUNK_FACTS facts) and its timelines: the order `_plan_groups` reads them in."""
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
        singles = [t for t in wanted_types if t.fact_count == 1]
        for topic in ordered:
            facts = by_topic[topic]
            if singles:
                for start in range(0, len(facts), CHUNK_FACTS):
                    tasks.append(
                        partial(_singles, ctx, facts[start : start + CHUNK_FACTS], singles, choices, seed)
                    )
            if QuestionType.TIMELINE in wanted_types:
                tasks.append(partial(grouped_questions, ctx, facts, topic, QuestionType.TIMELINE, seed))
    if not any(plan.topics for plan in plans):
        raise SelectionError("no fact matches these options (see --topic and --difficulty)")
    stream = BankStream(plans, tasks, wanted_types)
    stream._start()
    return stream


def _plan_groups(plan: _Plan, results: Iterator[object], wanted: list[QuestionType]) -> Iterator[TopicGroup]:
    """One deck's topic groups, from its tasks' results in the order `stream_bank` made the tasks."""
    matched: dict[str, list[Question]] = {}
    if QuestionType.MATCHING in wanted:
        home_of = {f.id: t for t in plan.topics for f in plan.by_topic[t]}
        for question in cast(list[Question], next(results)):
            matched.setdefault(home_of[question.fact_ids[0]], []).append(question)
    singles = [t for t in wanted if t.fact_count == 1]
    for topic in plan.topics:
        chunks = -(-len(plan.by_topic[topic]) // CHUNK_FACTS) if singles else 0
        made = [cast(list[list[Question]], next(results)) for _ in range(chunks)]
        by_type = {qtype: [q for chunk in made for q in chunk[i]] for i, qtype in enumerate(singles)}
        if QuestionType.TIMELINE in wanted:
            by_type[QuestionType.TIMELINE] = cast(list[Question], next(results))
        questions: list[Question] = []
        for qtype in wanted:
            questions.extend(matched.get(topic, []) if qtype is QuestionType.MATCHING else by_type[qtype])
        if questions:
            yield TopicGroup(plan.deck, topic, questions)


@dataclass(frozen=True)
class _Plan:
    """One deck's facts by home topic, in the deck's order of topics: where the bank's tasks'
    results are filed."""

    deck: Deck
    topics: list[str]
    by_topic: dict[str, list[Fact]]


def _singles(
    ctx: DeckContext, facts: Sequence[Fact], types: Sequence[QuestionType], choices: int, seed: int
) -> list[list[Question]]:
    """The single-fact questions of `facts`, a list per type: each seeded by its own id, so how
    the facts are cut into tasks changes none of them."""
    made: list[list[Question]] = []
    for qtype in types:
        of_type: list[Question] = []
        for fact in facts:
            rng = random.Random(f"{seed}:{builders.question_id(ctx.deck, [fact], qtype)}")
            question = _SINGLE[qtype](ctx, fact, rng, choices)
            if question is not None:
                of_type.append(question)
        made.append(of_type)
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
