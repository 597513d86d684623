"""One builder per question type: a fact (or four) and a random stream in, a question out.

Each returns None when the fact cannot make a good question of that type (no prompt,
too few distractors, a blank that would give the answer away); selection then tries
another fact or type.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from decimal import Decimal

from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.deck.numbers import read_figure
from rutw_quiz.questions.answer_forms import names_in_text, text_names
from rutw_quiz.questions.cloze import blank_out, swap_answer
from rutw_quiz.questions.distractors import AnswerIndex, pick_distractors
from rutw_quiz.questions.figures import FigureContext
from rutw_quiz.questions.look_alike import content_stems, echo
from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingColumns,
    MatchingQuestion,
    MatchPair,
    MultipleChoiceQuestion,
    QuestionType,
    ShortAnswerQuestion,
    SourceRef,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.text import normalize_answer, word_count

TIMELINE_PROMPT = "Put these events in chronological order, earliest first."
MATCHING_PROMPT = "Match each statement with the answer that completes it."
TYPED_MAX_WORDS = 6
"""Longer answers (a nine-word commission name) are asked as multiple choice or matching, not typed."""


@dataclass(frozen=True)
class DeckContext:
    """A deck with its answer index, built once per generation."""

    deck: Deck
    index: AnswerIndex
    _sources: dict[str, SourceRef] = field(default_factory=dict, compare=False, repr=False)

    def source_ref(self, fact: Fact) -> SourceRef:
        """The citation of a fact (made once per fact: every question of the fact shares it)."""
        found = self._sources.get(fact.id)
        if found is None:
            source = self.deck.source(fact.source.id)
            found = self._sources[fact.id] = SourceRef(
                id=source.id,
                title=source.title,
                section=fact.source.section,
                quote=fact.source.quote,
                url=source.url,
            )
        return found


def question_id(deck: Deck, facts: Sequence[Fact], qtype: QuestionType) -> str:
    """Stable id from the deck, the fact ids and the type; independent of the seed."""
    ids = "+".join(sorted(f.id for f in facts))
    return f"{deck.id}:{ids}:{qtype.value}"


def explanation(fact: Fact) -> str:
    """The true statement, with the teacher note if any."""
    return f"{fact.statement} Note: {fact.note}" if fact.note else fact.statement


def _common(ctx: DeckContext, fact: Fact, qtype: QuestionType) -> dict[str, object]:
    return {
        "id": question_id(ctx.deck, [fact], qtype),
        "deck_id": ctx.deck.id,
        "fact_id": fact.id,
        "explanation": explanation(fact),
        "note": fact.note,
        "source": ctx.source_ref(fact),
        "topics": list(fact.topics),
        "difficulty": fact.difficulty,
        "answer_kind": fact.kind.value,
    }


def _numeric_order(kind: AnswerKind, text: str) -> tuple[Decimal, int, int]:
    if kind is AnswerKind.DATE:
        try:
            d = parse_partial_date(text)
        except ValueError:
            return (Decimal(0), 0, 0)
        return (Decimal(d.year), d.month, d.day)
    figure = read_figure(text)
    return (figure.value if figure is not None else Decimal(0), 0, 0)


MIN_CHOICES = 3


def prompt_names_answer(fact: Fact) -> bool:
    """Whether the prompt names the answer in another guise: a person's surname ('the Curie
    Institute'), the answer's acronym. (The answer and aliases themselves `validate` refuses.)"""
    return fact.prompt is not None and text_names(fact.prompt, names_in_text(fact)) is not None


_ASKED_NOUN = re.compile(
    r"\b(?:which|what)\s+((?:(?!(?:is|was|are|were|do|does|did|has|had|have|can|could|would|will)\b)"
    r"[\w'’-]+\s*){1,3})",
    re.IGNORECASE,
)
"""The noun phrase a question asks for: 'Which Paris boulevard', 'what kind of palm', up to its verb."""


def shown_stems(fact: Fact, text: str | None) -> frozenset[str]:
    """The answer's distinctive words that `text` shows, cut to five letters, when they are at least
    half of them: 'Attalea' shows 'Attaleinae' and 'Attalus', 'gave Impressionism its name' half of
    'Impression, Sunrise'. Words of the category and the noun a prompt asks for ('Which boulevard')
    say what kind of thing is meant, not which one."""
    distinctive = distinctive_stems(fact)
    if text is None or not distinctive:
        return frozenset()
    shown = distinctive & content_stems(text)
    return shown if 2 * len(shown) >= len(distinctive) else frozenset()


def distinctive_stems(fact: Fact) -> frozenset[str]:
    """The stems of the answer's words that say which one is meant (see `shown_stems`): none for a
    figure, whose digits are no words, nor for an answer all of whose words name its kind. With
    none, no text shows the answer, and what a text would be need not be worked out."""
    if fact.kind.is_numeric:
        return frozenset()
    kind_words = content_stems(fact.category or "")
    if fact.prompt:
        kind_words |= {stem for m in _ASKED_NOUN.finditer(fact.prompt) for stem in content_stems(m[1])}
    return content_stems(fact.answer) - kind_words


def multiple_choice(
    ctx: DeckContext, fact: Fact, rng: random.Random, choices: int = 4, avoid: Set[str] = frozenset()
) -> MultipleChoiceQuestion | None:
    """A question in words with up to `choices` options; years, dates and numbers in ascending order.

    With too few wrong answers of the fact's category for `choices`, the question has fewer
    choices, never fewer than MIN_CHOICES (None then).
    """
    if fact.prompt is None or not FigureContext(fact).multiple_choice_possible or prompt_names_answer(fact):
        return None
    if fact.choices is not None:
        choices = min(choices, fact.choices)
    wrong = pick_distractors(fact, ctx.index, choices - 1, rng, prompt=fact.prompt, avoid=avoid)
    if len(wrong) < MIN_CHOICES - 1:
        return None
    options = [fact.answer, *wrong]
    if fact.kind.is_numeric:
        options.sort(key=lambda text: _numeric_order(fact.kind, text))
    else:
        rng.shuffle(options)
    return MultipleChoiceQuestion(
        prompt=fact.prompt,
        choices=options,
        answer=fact.answer,
        **_common(ctx, fact, QuestionType.MULTIPLE_CHOICE),
    )


def false_statement(
    ctx: DeckContext, fact: Fact, rng: random.Random, avoid: Set[str] = frozenset()
) -> tuple[str, str] | None:
    """The statement made clearly false, and the value swapped in; None when it cannot be.

    The swapped value is one of the fact's own distractors, a same-category answer or (for
    years, dates and numbers) a made-up value clear of any qualifier; every other word stays.
    None too when the rest of the sentence repeats a word of the answer that the swapped value
    lacks: the false version would contradict its own words.
    """
    if not FigureContext(fact).false_version_possible:
        return None
    # Passing the statement as the prompt keeps out values it already names
    # ("Le Verrier discovered Neptune, using predictions by Le Verrier").
    wrong = pick_distractors(fact, ctx.index, 1, rng, prompt=fact.statement, for_statement=True, avoid=avoid)
    if not wrong:
        return None
    around = fact.statement.replace(fact.answer, " ")
    if echo(fact.answer, around) > echo(wrong[0], around):
        return None  # 'Radium bromide is the most insoluble known sulfate' contradicts itself
    swapped = swap_answer(fact, wrong[0])
    return None if swapped is None else (swapped, wrong[0])


def true_false(
    ctx: DeckContext, fact: Fact, rng: random.Random, truth: bool, avoid: Set[str] = frozenset()
) -> TrueFalseQuestion | None:
    """The statement itself (true) or with a wrong value swapped in (false).

    None when the fact has no clearly false version: a fact that is always true would give
    itself away, so it is not asked as true or false at all.
    """
    false = false_statement(ctx, fact, rng, avoid)
    if false is None:
        return None
    if truth:
        return TrueFalseQuestion(
            prompt=fact.statement, answer=True, **_common(ctx, fact, QuestionType.TRUE_FALSE)
        )
    return TrueFalseQuestion(
        prompt=false[0],
        answer=False,
        swapped=false[1],
        **_common(ctx, fact, QuestionType.TRUE_FALSE),
    )


def typeable(fact: Fact) -> bool:
    """Whether a student can be asked to type the answer: some accepted form of at most a few words."""
    return min(word_count(a) for a in fact.accepted) <= TYPED_MAX_WORDS


def fill_in(
    ctx: DeckContext, fact: Fact, rng: random.Random, *, to_mark: bool = False
) -> FillInQuestion | None:
    """The statement with its answer blanked (None when the answer is too long to type).

    A statement that shows the answer's own words around the blank is not asked, but answers
    to it collected elsewhere (`to_mark`) are still marked against the fact's key.
    """
    if not typeable(fact):
        return None
    prompt = blank_out(fact)
    if prompt is None or (shown_stems(fact, prompt) and not to_mark):
        return None
    return FillInQuestion(
        prompt=prompt,
        answer=fact.answer,
        hint=fact.category,
        accepted=list(fact.aliases),
        **_common(ctx, fact, QuestionType.FILL_IN),
    )


def short_answer(
    ctx: DeckContext, fact: Fact, rng: random.Random, *, to_mark: bool = False
) -> ShortAnswerQuestion | None:
    """The fact's question in words, answered by typing (None when the answer is too long to type).

    A prompt that names the answer another way is not asked, but answers to it collected
    elsewhere (`to_mark`) are still marked against the fact's key.
    """
    if fact.prompt is None or not typeable(fact):
        return None
    if (prompt_names_answer(fact) or shown_stems(fact, fact.prompt)) and not to_mark:
        return None
    return ShortAnswerQuestion(
        prompt=fact.prompt,
        answer=fact.answer,
        accepted=list(fact.aliases),
        **_common(ctx, fact, QuestionType.SHORT_ANSWER),
    )


def timeline_label(fact: Fact) -> str | None:
    """What a timeline shows for a fact: its event label (a fact without one is kept out of timelines).

    A whole statement makes a poor label: it may carry no clue of its period at all.
    """
    return fact.event if fact.when is not None else None


_STARTS = frozenset(["born", "birth", "begins", "began", "begun", "start", "starts", "started", "founded"])
_ENDS = frozenset(["dies", "died", "death", "ends", "ended", "over", "dissolved", "abolished"])
_LABEL_WORD = re.compile(r"[^\W\d_]{4,}")
"""A word of an event label that may name what it is about (short words name nothing)."""


_LABEL_FILLERS = frozenset(
    ["that", "this", "with", "from", "into", "their", "which", "after", "before", "first", "last"]
)


def _about(label: str) -> tuple[bool, bool, frozenset[str]]:
    """Whether a label tells of a beginning, of an end, and the other words it names."""
    words = {w.casefold() for w in _LABEL_WORD.findall(label)}
    starts, ends = bool(words & _STARTS), bool(words & _ENDS)
    return starts, ends, frozenset(words - _STARTS - _ENDS - _LABEL_FILLERS)


def tells_the_order(label: str, other: str) -> bool:
    """Whether two event labels tell which came first by their words alone: the beginning and the
    end of one thing ('Claude Monet is born', 'Claude Monet dies'; 'The long eruption begins', 'The
    eruption is completely over'). A timeline holding both leaves a student one order to find."""
    a_starts, a_ends, a_words = _about(label)
    b_starts, b_ends, b_words = _about(other)
    pair = (a_starts and b_ends) or (a_ends and b_starts)
    return pair and bool(a_words & b_words)


TIMELINE_MIN_GAP_DAYS = 90
"""Two events share a timeline only if, at the precision given, they are at least this far apart:
a student orders events by what they know of a period, not by weeks."""


def _span(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may mean ('1992' is all of 1992)."""
    first = dt.date(date.year, date.month or 1, date.day or 1)
    last_month = date.month or 12
    last_day = date.day or calendar.monthrange(date.year, last_month)[1]
    return first, dt.date(date.year, last_month, last_day)


def clearly_ordered(a: PartialDate, b: PartialDate) -> bool:
    """Whether two partial dates have a definite order, three months apart at the least.

    '1992' and 'September 1992' have none; nor have 2 and 3 October 1949 for a student,
    nor December 2025 and January 2026 (perhaps a day apart), nor June and September 1954.
    """
    (a_first, a_last), (b_first, b_last) = _span(a), _span(b)
    gap = max((b_first - a_last).days, (a_first - b_last).days)
    return gap >= TIMELINE_MIN_GAP_DAYS


def timeline(ctx: DeckContext, facts: Sequence[Fact], rng: random.Random) -> TimelineQuestion | None:
    """Events of `facts` shuffled; the answer is the same events earliest first."""
    labelled = [(f, timeline_label(f), f.when) for f in facts]
    items = [(f, label, when) for f, label, when in labelled if label is not None and when is not None]
    if len(items) != len(facts) or len({normalize_answer(label) for _, label, _ in items}) != len(items):
        return None
    chronological = sorted(items, key=lambda item: item[2])
    shown = [label for _, label, _ in items]
    rng.shuffle(shown)
    if shown == [label for _, label, _ in chronological]:
        shown.reverse()  # never show the events already in order
    return TimelineQuestion(
        id=question_id(ctx.deck, facts, QuestionType.TIMELINE),
        deck_id=ctx.deck.id,
        fact_ids=[f.id for f, _, _ in chronological],
        prompt=TIMELINE_PROMPT,
        choices=shown,
        answer=[label for _, label, _ in chronological],
        dates=[str(when) for _, _, when in chronological],
        explanation=" ".join(explanation(f) for f, _, _ in chronological),
        source=[ctx.source_ref(f) for f, _, _ in chronological],
        topics=_merged_topics(f for f, _, _ in chronological),
        difficulty=max(f.difficulty for f in facts),
    )


_KIND_IS_CLASS = frozenset({AnswerKind.PERSON, AnswerKind.COUNTRY, AnswerKind.SHIP, AnswerKind.YEAR})


def matching_class(fact: Fact) -> tuple[str, str] | None:
    """Which facts may share a matching set: all people, all countries, all years, all dates of one
    precision; other kinds by the head noun of their category (all cities, all lakes, all treaties).

    None for a fact that can join no set (a place, a term or a number without a category).
    """
    if fact.kind in _KIND_IS_CLASS:
        return fact.kind.value, ""
    if fact.kind is AnswerKind.DATE:
        try:
            date = parse_partial_date(fact.answer)
        except ValueError:
            return None
        return fact.kind.value, "day" if date.day else ("month" if date.month else "year")
    if fact.category is None:
        return None
    words = normalize_answer(fact.category).split()
    head = words[-1] if words else ""
    return fact.kind.value, head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def matching(ctx: DeckContext, facts: Sequence[Fact], rng: random.Random) -> MatchingQuestion | None:
    """Statements with blanks in fact order; their answers shuffled beside them.

    All four answers are of one class (all people, all cities: `matching_class`), so no blank is filled from
    its grammar or kind; None when they are not, or when a statement names another's answer or
    repeats words of its own answer that no other answer has (the echo would match them).
    """
    statements = [blank_out(f) for f in facts]
    if any(s is None for s in statements) or matching_class(facts[0]) is None:
        return None
    if any(matching_class(f) != matching_class(facts[0]) for f in facts):
        return None
    blanked = [s for s in statements if s is not None]
    answers = [f.answer for f in facts]
    if len({normalize_answer(s) for s in blanked}) != len(blanked):
        return None  # two equal statements: either answer would fit both
    # Every statement must be completed by its own answer only, and name no other answer.
    for i, text in enumerate(blanked):
        if any(j != i and text_names(text, names_in_text(f)) for j, f in enumerate(facts)):
            return None  # 'Kunth based the genus …' beside '_____ first described the genus'
        if shown_stems(facts[i], text):
            return None
        echoes = [echo(a, text) for a in answers]
        if echoes[i] and echoes.count(max(echoes)) == 1 and echoes[i] == max(echoes):
            return None
    shown = list(answers)
    rng.shuffle(shown)
    return MatchingQuestion(
        id=question_id(ctx.deck, facts, QuestionType.MATCHING),
        deck_id=ctx.deck.id,
        fact_ids=[f.id for f in facts],
        prompt=MATCHING_PROMPT,
        choices=MatchingColumns(statements=blanked, answers=shown),
        answer=[MatchPair(statement=s, answer=a) for s, a in zip(blanked, answers, strict=True)],
        explanation=" ".join(explanation(f) for f in facts),
        source=[ctx.source_ref(f) for f in facts],
        topics=_merged_topics(facts),
        difficulty=max(f.difficulty for f in facts),
    )


def _merged_topics(facts: Iterable[Fact]) -> list[str]:
    seen: dict[str, None] = {}
    for fact in facts:
        for topic in fact.topics:
            seen.setdefault(topic)
    return list(seen)
