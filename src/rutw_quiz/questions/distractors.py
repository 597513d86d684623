"""Wrong answers of the right kind: from the fact, from the deck, or made from numbers.

The deck's answers are indexed by kind once (`AnswerIndex`), so choosing distractors
costs about the same for a fact of a 50-fact deck as of a 10,000-fact one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rutw_quiz.deck.checks import YEAR_RANGE, parse_number
from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.questions.figures import Bound, FigureContext
from rutw_quiz.text import contains_phrase, normalize_answer

_ISO_DATE = re.compile(r"^\d{1,4}-\d{1,2}(?:-\d{1,2})?$")
_MONTH_FIRST = re.compile(r"^[A-Za-z]+\.?\s+\d{1,2},?\s+\d{1,4}$")
_SAMPLE_TRIES = 40


Shelf = tuple[AnswerKind, str, str]


def shelf(fact: Fact) -> Shelf | None:
    """Where a fact's answer is indexed: kind, category, and for dates the precision.

    A fact without a category has no shelf: its wrong answers come only from its own
    distractors (and, for years, dates and numbers, from made-up values), because two
    answers of one kind ("place") can still be of different categories (a lake, a city).
    """
    if fact.category is None:
        return None
    precision = ""
    if fact.kind is AnswerKind.DATE:
        try:
            date = parse_partial_date(fact.answer)
        except ValueError:
            precision = "?"
        else:
            precision = "day" if date.day else ("month" if date.month else "year")
    return fact.kind, normalize_answer(fact.category), precision


@dataclass
class AnswerIndex:
    """Each category's distinct answers in one deck, in deck order (for deterministic sampling).

    Also groups facts that ask the same question (equal prompts, or equal statements
    around the answer), so another fact's answer to the same question is never offered
    as a wrong one.
    """

    by_shelf: dict[Shelf, list[str]] = field(default_factory=dict)
    same_question: dict[str, list[Fact]] = field(default_factory=dict)
    latest: PartialDate | None = None
    """The deck's latest date: made-up years and dates never go past what the deck knows."""

    @classmethod
    def of(cls, deck: Deck) -> AnswerIndex:
        """Index the answers of `deck` by category (and date precision), and its questions."""
        seen: set[tuple[Shelf, str]] = set()
        index = cls()
        for fact in deck.facts:
            place = shelf(fact)
            if place is not None and (place, answer_key(fact.kind, fact.answer)) not in seen:
                seen.add((place, answer_key(fact.kind, fact.answer)))
                index.by_shelf.setdefault(place, []).append(fact.answer)
            for question in _question_keys(fact):
                index.same_question.setdefault(question, []).append(fact)
            for when in (fact.when, _date_of(fact)):
                if when is not None and (index.latest is None or when > index.latest):
                    index.latest = when
        return index

    def same_category(self, fact: Fact) -> list[str]:
        """The deck's answers that could stand in for this fact's answer (same kind and category)."""
        place = shelf(fact)
        return self.by_shelf.get(place, []) if place is not None else []

    def other_true_answers(self, fact: Fact) -> set[str]:
        """Answer keys of other facts that answer the same question (so are not wrong)."""
        keys: set[str] = set()
        for question in _question_keys(fact):
            for other in self.same_question.get(question, ()):
                if other is not fact and other.kind is fact.kind:
                    keys.update(answer_key(fact.kind, a) for a in other.accepted)
        return keys


def _question_keys(fact: Fact) -> tuple[str, ...]:
    """What identifies the question a fact answers: its prompt, and its statement minus the answer."""
    frame = " ".join(fact.statement.replace(fact.answer, "\0").casefold().split())
    if fact.prompt is None:
        return (f"s:{frame}",)
    return (f"s:{frame}", "p:" + " ".join(fact.prompt.casefold().split()))


def answer_key(kind: AnswerKind, text: str) -> str:
    """What makes two answers the same: the value for dates and numbers, else the normalised text."""
    if kind is AnswerKind.DATE:
        try:
            return str(parse_partial_date(text))
        except ValueError:
            pass
    elif kind in (AnswerKind.NUMBER, AnswerKind.YEAR):
        number = parse_number(text)
        if number is not None:
            return str(number)
    return normalize_answer(text)


class _Picker:
    """Collects distinct distractors for one fact, rejecting any that could be right or give it away."""

    def __init__(self, fact: Fact, prompt: str | None, wanted: int, also_true: set[str]) -> None:
        self.fact = fact
        self.figure = FigureContext(fact)
        self.prompt = prompt
        self.wanted = wanted
        self.chosen: list[str] = []
        self._keys = {answer_key(fact.kind, a) for a in fact.accepted} | also_true

    @property
    def full(self) -> bool:
        return len(self.chosen) >= self.wanted

    def offer(self, candidate: str) -> bool:
        key = answer_key(self.fact.kind, candidate)
        if not key or key in self._keys or not self.figure.can_replace(candidate):
            return False
        # A choice containing the answer (or contained in it) would be a second right choice.
        if any(contains_phrase(candidate, a) or contains_phrase(a, candidate) for a in self.fact.accepted):
            return False
        if self.prompt is not None and contains_phrase(self.prompt, candidate):
            return False
        self._keys.add(key)
        self.chosen.append(candidate)
        return True


def pick_distractors(
    fact: Fact, index: AnswerIndex, count: int, rng: random.Random, prompt: str | None = None
) -> list[str]:
    """Up to `count` wrong answers of the fact's kind, never equal to the answer or an alias.

    Order of preference: the fact's own distractors, other facts' answers of the same
    kind, then (for years, dates and numbers) nearby values. Answers of other facts
    asking the same question are skipped (they are true too), and so is any candidate
    that occurs in `prompt` (pass the statement to keep a swapped one readable).
    """
    picker = _Picker(fact, prompt, count, index.other_true_answers(fact))
    own = list(fact.distractors)
    rng.shuffle(own)
    for candidate in own:
        if picker.full:
            break
        picker.offer(candidate)
    if not picker.full:
        _offer_from_deck(picker, index.same_category(fact), rng)
    if not picker.full and fact.kind.is_numeric:
        for candidate in _nearby_values(fact, rng, index.latest, picker.figure):
            if picker.full:
                break
            picker.offer(candidate)
    if fact.kind.is_numeric:
        return [_same_style(fact.kind, fact.answer, c) for c in picker.chosen]
    return picker.chosen


def _offer_from_deck(picker: _Picker, answers: list[str], rng: random.Random) -> None:
    """Random same-kind answers: a few random draws, then (rarely) one shuffled pass.

    Years, dates and numbers from the deck are offered only when near the answer (a
    year of 1896 is no distractor for an event of 2021); nearby values fill the rest,
    so for them the shuffled pass is skipped on large decks to keep the cost per
    question constant.
    """
    fact = picker.fact
    near = _closeness(fact)
    large = len(answers) > 4 * picker.wanted + 8
    if large:
        for _ in range(_SAMPLE_TRIES):
            if picker.full:
                return
            candidate = answers[rng.randrange(len(answers))]
            if near is None or near(candidate):
                picker.offer(candidate)
        if near is not None:
            return
    order = list(range(len(answers)))
    rng.shuffle(order)
    for i in order:
        if picker.full:
            return
        if near is None or near(answers[i]):
            picker.offer(answers[i])


YEARS_NEAR = 25
"""A year or date from the deck is a plausible distractor within this many years of the answer."""
NUMBER_RATIO = 2
"""A number from the deck is a plausible distractor within this factor of the answer."""


def _closeness(fact: Fact) -> Callable[[str], bool] | None:
    """For a numeric answer, whether another value is close enough to be a plausible distractor."""
    if fact.kind is AnswerKind.NUMBER:
        answer = parse_number(fact.answer)
        if answer is None:
            return None
        low, high = answer / NUMBER_RATIO, answer * NUMBER_RATIO

        def near_number(text: str) -> bool:
            value = parse_number(text)
            return value is not None and low <= value <= high

        return near_number
    if fact.kind in (AnswerKind.YEAR, AnswerKind.DATE):
        when = _year_of(fact.kind, fact.answer)
        if when is None:
            return None
        year = when

        def near_year(text: str) -> bool:
            other = _year_of(fact.kind, text)
            return other is not None and abs(other - year) <= YEARS_NEAR

        return near_year
    return None


def _year_of(kind: AnswerKind, text: str) -> int | None:
    if kind is AnswerKind.YEAR:
        return parse_number(text)
    try:
        return parse_partial_date(text).year
    except ValueError:
        return None


def _same_style(kind: AnswerKind, answer: str, value: str) -> str:
    """Write a date or number distractor in the answer's style, so the style gives nothing away."""
    if kind is not AnswerKind.DATE:
        number = parse_number(value)
        if kind is AnswerKind.YEAR or number is None:
            return value
        return f"{number:,}" if "," in answer else str(number)
    try:
        date = parse_partial_date(value)
    except ValueError:
        return value
    if _ISO_DATE.match(answer.strip()):
        parts = [
            f"{date.year:04d}",
            f"{date.month:02d}" if date.month else "",
            f"{date.day:02d}" if date.day else "",
        ]
        return "-".join(p for p in parts if p)
    if date.day and _MONTH_FIRST.match(answer.strip()):
        comma = "," if "," in answer else ""
        return f"{calendar.month_name[date.month]} {date.day}{comma} {date.year}"
    return str(date)


def _weeks_later(date: PartialDate, weeks: int) -> PartialDate:
    """A full date moved by whole weeks (so by days it keeps its weekday)."""
    moved = dt.date(date.year, date.month, date.day) + dt.timedelta(weeks=weeks)
    return PartialDate(moved.year, moved.month, moved.day)


def _date_of(fact: Fact) -> PartialDate | None:
    """A year or date answer as a partial date (None for other kinds or unreadable text)."""
    if fact.kind is AnswerKind.YEAR:
        year = _year_of(fact.kind, fact.answer)
        return PartialDate(year) if year is not None else None
    if fact.kind is AnswerKind.DATE:
        try:
            return parse_partial_date(fact.answer)
        except ValueError:
            return None
    return None


def _nearby_values(
    fact: Fact, rng: random.Random, latest: PartialDate | None, figure: FigureContext
) -> Iterator[str]:
    """Plausible wrong values near a numeric answer: other years, shifted dates, close numbers.

    Years and dates stop at the deck's `latest` date (a deck whose last event is in January
    2026 cannot ask whether something happened in November 2026), but never before the
    answer's own date.
    """
    own = _date_of(fact)
    last = max(latest, own) if latest is not None and own is not None else (latest or own)
    years = range(YEAR_RANGE.start, min(last.year if last else YEAR_RANGE.stop - 1, YEAR_RANGE.stop - 1) + 1)

    def known_by_then(date: PartialDate) -> bool:
        return date.year in YEAR_RANGE and (last is None or date <= last)

    offsets = [o for o in range(-12, 13) if o]
    rng.shuffle(offsets)
    # Close values first: students should have to know, not guess the odd one out.
    offsets.sort(key=lambda o: abs(o) > 6)
    if fact.kind is AnswerKind.YEAR:
        year = int(fact.answer)
        for offset in offsets:
            if year + offset in years:
                yield str(year + offset)
    elif fact.kind is AnswerKind.DATE:
        date = parse_partial_date(fact.answer)
        if figure.weekday is not None and date.day:
            # "Sunday, 28 December 2025": only other Sundays keep the sentence consistent.
            for offset in offsets:
                shifted = _weeks_later(date, offset)
                if known_by_then(shifted):
                    yield str(shifted)
            return
        for offset in offsets:
            shifted = date.shifted(offset)
            if known_by_then(shifted):
                yield str(shifted)
            if date.month and abs(offset) <= 5:
                month = (date.month - 1 + offset) % 12 + 1
                other_month = PartialDate(date.year, month, min(date.day, 28))
                if known_by_then(other_month):
                    yield str(other_month)
    else:
        number = parse_number(fact.answer)
        if number is None:
            return
        step = max(1, 10 ** (len(str(number)) - 2))
        grouped = "," in fact.answer
        if figure.bound is Bound.EXACT:
            values = [number + offset * step for offset in offsets]
        else:
            # A qualified figure ("about 4,000"): round values well clear of it, on both sides.
            factors = [0.5, 0.6, 0.7, 0.75, 1.3, 1.4, 1.5, 1.75, 2.0]
            rng.shuffle(factors)
            values = [round(number * f / step) * step for f in factors]
        for value in values:
            if value >= 0:
                yield f"{value:,}" if grouped else str(value)
