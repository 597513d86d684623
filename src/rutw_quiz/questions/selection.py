"""Choosing which facts to ask, as which type, in which order — deterministically from a seed.

The plan: split N slots over the requested types by weight, shuffle them, then fill
each slot from the least-used topic with an unused fact that makes a good question of
that type. Candidate lists are built once per (type, topic) and walked with pointers,
so the cost is linear in the deck's size and in N.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions import builders
from rutw_quiz.questions.builders import DeckContext, clearly_ordered
from rutw_quiz.questions.cloze import blank_out
from rutw_quiz.questions.distractors import AnswerIndex, answer_key, frame_words, nearly_the_same
from rutw_quiz.questions.giveaways import SetGuard, name_words, words_mirror
from rutw_quiz.questions.made_up import answer_date, dates_named
from rutw_quiz.questions.models import MultipleChoiceQuestion, Question, QuestionType, TrueFalseQuestion
from rutw_quiz.text import contains_phrase, normalize_answer

DEFAULT_WEIGHTS: dict[QuestionType, int] = {
    QuestionType.MULTIPLE_CHOICE: 3,
    QuestionType.TRUE_FALSE: 2,
    QuestionType.FILL_IN: 2,
    QuestionType.SHORT_ANSWER: 1,
    QuestionType.TIMELINE: 1,
    QuestionType.MATCHING: 1,
}
PARTNER_SCAN_LIMIT = 400
AVOID_ALL_SHARE = 4
"""A set asking at least a quarter of the eligible facts keeps all their answers out of choice lists."""
FAILED_ANCHORS_LIMIT = 40
"""After this many anchors in a row of one pool (a deck's timelines, a class's matching sets) found no
partners, the pool is given up: each failure scans up to PARTNER_SCAN_LIMIT partners, and a deck
whose facts cannot group must not cost more."""
MATCHING_NEEDS = (
    "a matching set needs four facts of one class: four people, four countries, four years, four dates, "
    "or four answers of one kind whose categories name the same thing (city, lake, treaty), "
    "each statement fitting only its own answer"
)


@dataclass(frozen=True)
class QuestionOptions:
    """What to generate: how many, from which seed, of which types, topics and difficulties."""

    count: int = 10
    seed: int = 0
    types: tuple[QuestionType, ...] = ()
    topics: tuple[str, ...] = ()
    difficulties: tuple[int, ...] = ()
    choices: int = 4
    only_facts: frozenset[tuple[str, str]] = frozenset()
    """When given, only these (deck id, fact id) pairs are asked (e.g. the facts due for review)."""
    attempts: int = 1
    """Orders tried when the set comes out short because its questions would give each other away;
    the fullest set is kept (see `generate_questions`). A student's or teacher's set tries
    FULLER_SET_ATTEMPTS; a practice round, which asks every fact and is short by design, one."""

    def __post_init__(self) -> None:
        if self.count < 1:
            raise SelectionError(f"the number of questions must be at least 1, not {self.count}")
        if not 3 <= self.choices <= 6:
            raise SelectionError(f"choices must be between 3 and 6, not {self.choices}")


@dataclass(frozen=True)
class QuestionSet:
    """The questions made, and notes for the user when fewer than asked could be made."""

    questions: list[Question]
    notices: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    """Notes for the deck's author or the teacher choosing its facts (facts asked with fewer
    choices than meant; no matching set among facts that cannot make one, where none was asked
    for): for a teacher making questions, not for a student taking a quiz."""


@dataclass
class _Entry:
    ctx: DeckContext
    fact: Fact
    topic: str
    used: bool = False

    @cached_property
    def blank(self) -> str | None:
        """The fact's cloze, made only when a fill-in or matching question needs it."""
        return blank_out(self.fact)

    @cached_property
    def key(self) -> str:
        """What makes two answers the same (see `answer_key`)."""
        return answer_key(self.fact.kind, self.fact.answer)

    @cached_property
    def also_true(self) -> frozenset[str]:
        """Answer keys of other facts that answer the same question."""
        return frozenset(self.ctx.index.other_true_answers(self.fact))

    @cached_property
    def category(self) -> tuple[AnswerKind, str] | None:
        """The fact's kind and normalised category, if it has one."""
        category = self.fact.category
        return (self.fact.kind, normalize_answer(category)) if category is not None else None

    @cached_property
    def frame(self) -> frozenset[str]:
        """What the statement says about its answer (see `distractors.frame_words`)."""
        return frame_words(self.fact)

    @cached_property
    def matching_class(self) -> tuple[str, str] | None:
        """Which matching sets the fact may join (see `builders.matching_class`)."""
        return builders.matching_class(self.fact)

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The answer's words, for the mirror-image check."""
        return name_words(self.fact.answer)


def _may_support(entry: _Entry, qtype: QuestionType) -> bool:
    """The cheap half of `_supports`, for every fact of the deck: no cloze is made here."""
    fact = entry.fact
    if qtype in (QuestionType.MULTIPLE_CHOICE, QuestionType.SHORT_ANSWER):
        return fact.prompt is not None
    if qtype is QuestionType.TIMELINE:
        return builders.timeline_label(fact) is not None
    if qtype is QuestionType.MATCHING:
        return entry.matching_class is not None
    return True


def _supports(entry: _Entry, qtype: QuestionType) -> bool:
    fact = entry.fact
    if qtype in (QuestionType.MULTIPLE_CHOICE, QuestionType.SHORT_ANSWER):
        return fact.prompt is not None
    if qtype is QuestionType.FILL_IN:
        return entry.blank is not None
    if qtype is QuestionType.TIMELINE:
        return builders.timeline_label(fact) is not None
    if qtype is QuestionType.MATCHING:
        return entry.matching_class is not None and entry.blank is not None
    return True  # true/false: the builder says when a fact has no clearly false version


def plan_types(count: int, types: Sequence[QuestionType], rng: random.Random) -> list[QuestionType]:
    """`count` slots split over `types` by weight (largest remainder), in shuffled order."""
    weights = {t: (DEFAULT_WEIGHTS[t] if not types else 1) for t in (types or DEFAULT_WEIGHTS)}
    total = sum(weights.values())
    shares = {t: count * w / total for t, w in weights.items()}
    counts = {t: math.floor(s) for t, s in shares.items()}
    by_remainder = sorted(weights, key=lambda t: (-(shares[t] - counts[t]), list(weights).index(t)))
    for t in by_remainder[: count - sum(counts.values())]:
        counts[t] += 1
    slots = [t for t in weights for _ in range(counts[t])]
    rng.shuffle(slots)
    return slots


class _Selector:
    def __init__(
        self,
        entries: list[_Entry],
        types: Sequence[QuestionType],
        options: QuestionOptions,
        rng: random.Random,
        decks: Sequence[Deck],
        *,
        guard: bool = True,
    ):
        self.options = options
        self.rng = rng
        self.types = list(types)
        topics = sorted({e.topic for e in entries})
        rank = list(range(len(topics)))
        rng.shuffle(rank)
        self.topic_rank = dict(zip(topics, rank, strict=True))
        self.topic_used: dict[str, int] = dict.fromkeys(topics, 0)
        self.candidates: dict[QuestionType, dict[str, list[_Entry]]] = {}
        self.pointer: dict[tuple[QuestionType, str], int] = defaultdict(int)
        self.partners: dict[tuple[QuestionType, str, object], list[_Entry]] = {}
        """Partners for timelines (by deck) and matching sets (by deck and category)."""
        order = list(entries)
        rng.shuffle(order)
        for qtype in types:
            by_topic: dict[str, list[_Entry]] = {}
            for entry in order:
                if _may_support(entry, qtype):  # the rest is checked when an entry is drawn
                    by_topic.setdefault(entry.topic, []).append(entry)
                    if qtype.fact_count > 1:
                        self.partners.setdefault(_partner_key(qtype, entry), []).append(entry)
            self.candidates[qtype] = by_topic
        if QuestionType.MATCHING in self.candidates:
            self._drop_impossible_matching()
        falses = [True, False] * ((options.count + 1) // 2)
        rng.shuffle(falses)
        self.truths = falses
        self.guard: SetGuard | None = SetGuard(decks) if guard else None
        self.failed_anchors: dict[tuple[QuestionType, str, object], int] = defaultdict(int)
        """Anchors in a row of each partner pool that found no partners (see FAILED_ANCHORS_LIMIT)."""
        asks_most = bool(options.only_facts) or len(entries) <= AVOID_ALL_SHARE * options.count
        self.avoid: set[str] = {e.key for e in entries} if asks_most else set()
        """Answers a wrong choice or a false statement should not show, where others will do: those
        asked so far (shown in another list they would give the question away), and when the set
        asks a good share of the facts (or only a few, as a review does), all of theirs."""
        self.withheld = 0
        """Questions left out because they would give away another's answer."""
        self.fewer_choices: list[str] = []
        """Facts asked with fewer choices than requested: too few wrong answers of their category."""

    def _drop_impossible_matching(self) -> None:
        """No matching from a category with fewer than four different answers (a set needs four).

        A matching set holds one category (all people, all cities), so no blank is filled by its
        grammar or kind alone. Without this, every anchor of a small category would scan its
        partners in vain: correct, but slow on large decks.
        """
        dropped: set[tuple[QuestionType, str, object]] = set()
        for key, pool in list(self.partners.items()):
            if key[0] is not QuestionType.MATCHING:
                continue
            if len({e.fact.answer for e in pool}) < QuestionType.MATCHING.fact_count:
                del self.partners[key]
                dropped.add(key)
        by_topic = self.candidates[QuestionType.MATCHING]
        for topic in list(by_topic):
            by_topic[topic] = [
                e for e in by_topic[topic] if _partner_key(QuestionType.MATCHING, e) not in dropped
            ]
            if not by_topic[topic]:
                del by_topic[topic]

    def could_match(self) -> bool:
        """Whether some deck and category of these facts has four different answers to match."""
        return any(key[0] is QuestionType.MATCHING for key in self.partners)

    def fill(self, slot: QuestionType) -> Question | None:
        """A question for the slot's type, else one of another requested type, else None."""
        fallbacks = [slot] + [t for t in self.types if t is not slot]
        for qtype in fallbacks:
            question = self._make(qtype)
            if question is not None:
                return question
        return None

    def _make(self, qtype: QuestionType) -> Question | None:
        topics = sorted(self.candidates[qtype], key=lambda t: (self.topic_used[t], self.topic_rank[t]))
        for topic in topics:
            question = self._make_in_topic(qtype, topic)
            if question is not None:
                self.topic_used[topic] += 1
                return question
        return None

    def _make_in_topic(self, qtype: QuestionType, topic: str) -> Question | None:
        items = self.candidates[qtype].get(topic, [])
        key = (qtype, topic)
        while self.pointer[key] < len(items):
            entry = items[self.pointer[key]]
            self.pointer[key] += 1
            if entry.used or not _supports(entry, qtype):
                continue
            group = [entry] if qtype.fact_count == 1 else self._group(qtype, entry)
            if group is None:
                continue
            facts = [member.fact for member in group]
            timeline = qtype is QuestionType.TIMELINE
            if self.guard is not None and self.guard.answers_shown(
                entry.ctx.deck.id, facts, timeline=timeline
            ):
                self.withheld += 1
                continue
            question = self._build(qtype, group)
            if question is None:
                continue
            if self.guard is not None:
                if self.guard.names_asked(question):
                    self.withheld += 1
                    continue
                self.guard.add(question, facts)
            if isinstance(question, TrueFalseQuestion) and self.truths:
                self.truths.pop()
            for member in group:
                member.used = True
                self.avoid.add(member.key)
            meant = min(self.options.choices, entry.fact.choices or self.options.choices)
            if isinstance(question, MultipleChoiceQuestion) and len(question.choices) < meant:
                self.fewer_choices.append(question.fact_id)
            return question
        return None

    def _build(self, qtype: QuestionType, group: list[_Entry]) -> Question | None:
        ctx = group[0].ctx
        fact = group[0].fact
        rng = self.rng
        if qtype is QuestionType.MULTIPLE_CHOICE:
            return builders.multiple_choice(ctx, fact, rng, self.options.choices, avoid=self.avoid)
        if qtype is QuestionType.TRUE_FALSE:
            # Peek: the truth is used up only when the question is taken (see _make_in_topic).
            truth = self.truths[-1] if self.truths else rng.random() < 0.5
            return builders.true_false(ctx, fact, rng, truth, avoid=self.avoid)
        if qtype is QuestionType.FILL_IN:
            return builders.fill_in(ctx, fact, rng)
        if qtype is QuestionType.SHORT_ANSWER:
            return builders.short_answer(ctx, fact, rng)
        facts = [e.fact for e in group]
        if qtype is QuestionType.TIMELINE:
            return builders.timeline(ctx, facts, rng)
        return builders.matching(ctx, facts, rng)

    def _group(self, qtype: QuestionType, anchor: _Entry) -> list[_Entry] | None:
        """Three unused partners for a timeline or matching anchor, from the same deck."""
        pool_key = _partner_key(qtype, anchor)
        pool = self.partners.get(pool_key, [])
        if not pool or self.failed_anchors[pool_key] >= FAILED_ANCHORS_LIMIT:
            return None
        start = self.rng.randrange(len(pool))
        fits = _fits_timeline if qtype is QuestionType.TIMELINE else _fits_matching
        size = qtype.fact_count
        group = [anchor]
        for i in range(min(len(pool), PARTNER_SCAN_LIMIT)):
            if len(group) == size:
                break
            entry = pool[(start + i) % len(pool)]
            if entry is anchor or entry.used or not _supports(entry, qtype):
                continue
            if fits(group, entry):
                group.append(entry)
        if len(group) < size or (qtype is QuestionType.MATCHING and _a_year_points_home(group)):
            self.failed_anchors[pool_key] += 1
            return None
        self.failed_anchors[pool_key] = 0
        return group


def _a_year_points_home(group: list[_Entry], only: int | None = None) -> bool:
    """Whether, in a matching set of years or dates, a statement names a year nearer its own answer
    than any other answer ('the conflagration of April 1872 ended an eruption begun in January ___'
    among 1631, 1822, 1855 and 1871): a test-wise student matches it by era alone. `only`: look
    at that member's statement alone."""
    dates = [answer_date(member.fact) for member in group]
    years = [date.year for date in dates if date is not None]
    if len(years) < len(group):
        return False
    for i, member in enumerate(group):
        if only is not None and i != only:
            continue
        named = [date.year for date in dates_named(member.blank or "")]
        if not named:
            continue
        distances = [min(abs(year - n) for n in named) for year in years]
        if distances[i] == min(distances) and distances.count(distances[i]) == 1:
            return True
    return False


def _fits_timeline(group: list[_Entry], entry: _Entry) -> bool:
    when = entry.fact.when
    assert when is not None  # timeline candidates all have dates
    label = normalize_answer(builders.timeline_label(entry.fact) or "")
    raw = builders.timeline_label(entry.fact) or ""
    return all(
        clearly_ordered(when, g.fact.when)
        and normalize_answer(builders.timeline_label(g.fact) or "") != label
        and not builders.tells_the_order(raw, builders.timeline_label(g.fact) or "")
        for g in group
        if g.fact.when is not None
    )


def _partner_key(qtype: QuestionType, entry: _Entry) -> tuple[QuestionType, str, object]:
    """Where a timeline or matching anchor finds its partners: its deck; for matching, its category."""
    return (qtype, entry.ctx.deck.id, entry.matching_class if qtype is QuestionType.MATCHING else None)


def _fits_matching(group: list[_Entry], entry: _Entry) -> bool:
    """Whether `entry` can join a matching set: its answer fits its statement only, and no other's.

    All members share a category (see `_partner_key`); two facts asking nearly the same thing
    ("… flows through Vienna", "… flows through Budapest") may each be true of the other's answer.
    """
    for member in group:
        if member.key == entry.key or member.key in entry.also_true or entry.key in member.also_true:
            return False
        if words_mirror(member.name_words, entry.name_words):
            return False
        if nearly_the_same(member.frame, entry.frame):
            return False
        if member.blank is None or entry.blank is None or member.blank == entry.blank:
            return False
        if contains_phrase(member.blank, entry.fact.answer) or contains_phrase(
            entry.blank, member.fact.answer
        ):
            return False
    # its own statement may not name a year nearest its answer (the whole set is checked once made)
    return not _a_year_points_home([*group, entry], only=len(group))


def _eligible(decks: Sequence[Deck], options: QuestionOptions) -> list[_Entry]:
    wanted_topics = set(options.topics)
    entries = []
    for deck in decks:
        ctx = DeckContext(deck, AnswerIndex.of(deck))
        for fact in deck.facts:
            if options.only_facts and (deck.id, fact.id) not in options.only_facts:
                continue
            if options.difficulties and fact.difficulty not in options.difficulties:
                continue
            if wanted_topics:
                matching = [t for t in fact.topics if t in wanted_topics]
                if not matching:
                    continue
                topic = matching[0]
            else:
                topic = fact.topics[0]
            entries.append(_Entry(ctx, fact, topic))
    return entries


def _describe_filters(decks: Sequence[Deck], options: QuestionOptions) -> str:
    parts = []
    if options.topics:
        known = sorted({t for d in decks for t in d.topics})
        parts.append(f"topic {', '.join(options.topics)} (topics: {', '.join(known)})")
    if options.difficulties:
        parts.append(f"difficulty {', '.join(map(str, options.difficulties))}")
    return " and ".join(parts) or "these options"


def grouped_questions(
    ctx: DeckContext, facts: Sequence[Fact], topic: str, qtype: QuestionType, seed: int
) -> list[Question]:
    """Timelines or matching questions of four of `facts` each, each fact in at most one, for a
    question bank: the selection's partner rules, no set check (a bank is no set a student reads).

    Built on the given deck context, so a bank of many topics indexes its deck once.
    """
    if len(facts) < qtype.fact_count:
        return []
    entries = [_Entry(ctx, fact, topic) for fact in facts]
    options = QuestionOptions(count=len(facts) // qtype.fact_count, seed=seed, types=(qtype,))
    rng = random.Random(options.seed)
    selector = _Selector(entries, [qtype], options, rng, [ctx.deck], guard=False)
    made: list[Question] = []
    for _ in range(options.count):
        question = selector.fill(qtype)
        if question is None:
            break
        made.append(question)
    return made


FULLER_SET_ATTEMPTS = 8
"""Orders a set asked for by a person tries (`QuestionOptions.attempts`). On the bundled deck's
topics, 8 reach every topic's fullest set on every seed tried, at about 10 ms an order."""

FULLER_SET_FACT_ORDERS = 250
"""The facts of the orders tried after the first, at most: an order costs about 2 ms per fact, so
a topic of 30 facts tries all eight orders, the bundled deck's 70 facts three more, a set of over
250 facts none (it is short when it asks for about every fact, as any order would be)."""


@dataclass
class _Selection:
    """One order's set: its questions, the selector that chose them, and its plan of types."""

    entries: list[_Entry]
    selector: _Selector
    plan: list[QuestionType]
    questions: list[Question]


def _select(
    decks: Sequence[Deck],
    options: QuestionOptions,
    types: list[QuestionType],
    seed: int,
    entries: list[_Entry],
) -> _Selection:
    rng = random.Random(seed)
    selector = _Selector(entries, types, options, rng, decks)
    questions: list[Question] = []
    plan = plan_types(options.count, options.types, rng)
    for slot in plan:
        question = selector.fill(slot)
        if question is None:
            break
        questions.append(question)
    return _Selection(entries, selector, plan, questions)


def _fullest(
    decks: Sequence[Deck], options: QuestionOptions, types: list[QuestionType], entries: list[_Entry]
) -> _Selection:
    """The set of the seed's own order; when it is short because questions would give each other
    away, the fullest of `options.attempts` orders (the first of equals), each seeded from the seed.

    Which fact is asked first can decide how many are asked: when every statement of a topic
    names one answer (a ship's name, say), asking that name first turns every other question
    away, and asking it last (or not at all) keeps them. A set that is whole at once, as nearly
    every set is, is the seed's own order, as it always was.
    """
    made = _select(decks, options, types, options.seed, entries)
    seeds = random.Random(f"fuller set {options.seed}")
    # Another order is tried only on at most FULLER_SET_FACT_ORDERS facts, and no set holds more
    # questions than facts: it plans no more slots than that (-n 1000000 would plan a million).
    others = replace(options, count=min(options.count, FULLER_SET_FACT_ORDERS))
    for _ in range(min(options.attempts - 1, FULLER_SET_FACT_ORDERS // len(entries))):
        if len(made.questions) >= options.count or not made.selector.withheld:
            break
        other = _select(decks, others, types, seeds.randrange(2**31), _eligible(decks, options))
        if len(other.questions) > len(made.questions):
            made = other
    return made


def generate_questions(decks: Sequence[Deck], options: QuestionOptions) -> QuestionSet:
    """Questions from `decks` as `options` ask; the same inputs always give the same set.

    Raises SelectionError when no question at all can be made.
    """
    entries = _eligible(decks, options)
    if not entries:
        raise SelectionError(f"no fact matches {_describe_filters(decks, options)}")
    types = list(options.types) or list(DEFAULT_WEIGHTS)
    chosen = _fullest(decks, options, types, entries)
    entries, selector, plan, questions = chosen.entries, chosen.selector, chosen.plan, chosen.questions
    if not questions:
        names = ", ".join(t.value for t in types)
        why = f" ({MATCHING_NEEDS})" if types == [QuestionType.MATCHING] else ""
        raise SelectionError(
            f"no {names} question can be made from the facts matching {_describe_filters(decks, options)}{why}"
        )
    notices = []
    if len(questions) < options.count:
        reason = "without asking a fact twice"
        if selector.withheld:
            reason += " or letting one question give away another's answer"
        notices.append(
            f"asked for {options.count} questions, but only {len(questions)} can be made "
            f"from {len(entries)} matching facts {reason}"
        )
    advice = []
    if selector.fewer_choices:
        advice.append(
            f"{len(selector.fewer_choices)} multiple-choice question(s) have fewer than the {options.choices} "
            f"choices asked for (--choices): too few wrong answers that look like the answer "
            f"({', '.join(selector.fewer_choices)}); give those facts more distractors of their category, "
            "or `choices: 3` where three choices are meant"
        )
    made = {q.type for q in questions}
    for qtype in options.types:
        if qtype not in made:
            why = f" ({MATCHING_NEEDS})" if qtype is QuestionType.MATCHING else ""
            notices.append(f"no {qtype.value} question could be made from these facts{why}")
    if (
        not options.types
        and QuestionType.MATCHING in plan
        and QuestionType.MATCHING not in made
        and not selector.could_match()
    ):
        # Only when the facts hold no four of one class: where they do, another type filled the
        # slot (the set is whole), and no matching set "could be made" would be untrue. Advice for
        # whoever chose the facts, not for a student, who asked for no matching set.
        advice.append(f"no matching question could be made from these facts ({MATCHING_NEEDS})")
    return QuestionSet(questions, notices, advice)
