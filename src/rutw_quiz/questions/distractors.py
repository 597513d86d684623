"""Wrong answers of the right kind: from the fact, from the deck, or made from numbers.

The deck's answers are indexed by kind once (`AnswerIndex`), so choosing distractors
costs about the same for a fact of a 50-fact deck as of a 10,000-fact one.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rutw_quiz.deck.checks import YEAR_RANGE, parse_number
from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.text import contains_phrase, normalize_answer

_ISO_DATE = re.compile(r"^\d{1,4}-\d{1,2}(?:-\d{1,2})?$")
_SAMPLE_TRIES = 40


Shelf = tuple[AnswerKind, str]


def shelf(kind: AnswerKind, answer: str) -> Shelf:
    """Where an answer is indexed: its kind, and for dates also its precision (a day is not a month)."""
    if kind is AnswerKind.DATE:
        try:
            date = parse_partial_date(answer)
        except ValueError:
            return kind, "?"
        return kind, "day" if date.day else ("month" if date.month else "year")
    return kind, ""


@dataclass
class AnswerIndex:
    """Each kind's distinct answers in one deck, in deck order (for deterministic sampling)."""

    by_shelf: dict[Shelf, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, deck: Deck) -> AnswerIndex:
        """Index the answers of `deck` by kind (and date precision)."""
        seen: set[str] = set()
        index = cls()
        for fact in deck.facts:
            key = f"{fact.kind.value}:{answer_key(fact.kind, fact.answer)}"
            if key not in seen:
                seen.add(key)
                index.by_shelf.setdefault(shelf(fact.kind, fact.answer), []).append(fact.answer)
        return index

    def same_kind(self, fact: Fact) -> list[str]:
        """The deck's answers that could stand in for this fact's answer."""
        return self.by_shelf.get(shelf(fact.kind, fact.answer), [])


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

    def __init__(self, fact: Fact, prompt: str | None, wanted: int) -> None:
        self.fact = fact
        self.prompt = prompt
        self.wanted = wanted
        self.chosen: list[str] = []
        self._keys = {answer_key(fact.kind, a) for a in fact.accepted}

    @property
    def full(self) -> bool:
        return len(self.chosen) >= self.wanted

    def offer(self, candidate: str) -> bool:
        key = answer_key(self.fact.kind, candidate)
        if not key or key in self._keys:
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
    kind, then (for years, dates and numbers) nearby values.
    """
    picker = _Picker(fact, prompt, count)
    own = list(fact.distractors)
    rng.shuffle(own)
    for candidate in own:
        if picker.full:
            break
        picker.offer(candidate)
    if not picker.full:
        _offer_from_deck(picker, index.same_kind(fact), rng)
    if not picker.full and fact.kind.is_numeric:
        for candidate in _nearby_values(fact, rng):
            if picker.full:
                break
            picker.offer(candidate)
    if fact.kind is AnswerKind.DATE:
        return [_same_style(fact.answer, c) for c in picker.chosen]
    return picker.chosen


def _offer_from_deck(picker: _Picker, answers: list[str], rng: random.Random) -> None:
    """Random same-kind answers: a few random draws, then (rarely) one shuffled pass."""
    if len(answers) > 4 * picker.wanted + 8:
        for _ in range(_SAMPLE_TRIES):
            if picker.full:
                return
            picker.offer(answers[rng.randrange(len(answers))])
    order = list(range(len(answers)))
    rng.shuffle(order)
    for i in order:
        if picker.full:
            return
        picker.offer(answers[i])


def _same_style(answer: str, value: str) -> str:
    """Write a date distractor in the answer's style, so the style gives nothing away."""
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
    return str(date)


def _nearby_values(fact: Fact, rng: random.Random) -> Iterator[str]:
    """Plausible wrong values near a numeric answer: other years, shifted dates, close numbers."""
    offsets = [o for o in range(-12, 13) if o]
    rng.shuffle(offsets)
    # Close values first: students should have to know, not guess the odd one out.
    offsets.sort(key=lambda o: abs(o) > 6)
    if fact.kind is AnswerKind.YEAR:
        year = int(fact.answer)
        for offset in offsets:
            if year + offset in YEAR_RANGE:
                yield str(year + offset)
    elif fact.kind is AnswerKind.DATE:
        date = parse_partial_date(fact.answer)
        for offset in offsets:
            shifted = date.shifted(offset)
            if shifted.year in YEAR_RANGE:
                yield str(shifted)
            if date.month and abs(offset) <= 5:
                month = (date.month - 1 + offset) % 12 + 1
                day = min(date.day, 28)
                yield str(PartialDate(date.year, month, day))
    else:
        number = parse_number(fact.answer)
        if number is None:
            return
        step = max(1, 10 ** (len(str(number)) - 2))
        grouped = "," in fact.answer
        for offset in offsets:
            value = number + offset * step
            if value >= 0:
                yield f"{value:,}" if grouped else str(value)
