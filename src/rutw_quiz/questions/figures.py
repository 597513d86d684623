"""What a statement says around its answer, so a wrong value put in its place is clearly wrong.

"About 4,000 km" is not made false by "about 4,100 km", "more than 300 students" is not
made false by "more than 200", and "Sunday, 7 November 2025" contradicts itself when only
the date is changed. These rules decide which values may stand in for a figure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from rutw_quiz.deck.dates import MONTHS, PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Fact
from rutw_quiz.deck.numbers import read_figure
from rutw_quiz.grading.forms import QUALIFIERS
from rutw_quiz.text import whole_word_spans

CLEAR_RATIO = 0.2
"""A made-up figure next to a qualified one must differ from it by at least this share of it."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Bound(StrEnum):
    """How a statement qualifies its figure."""

    EXACT = "exact"
    APPROXIMATE = "approximate"  # about, around, nearly, some ...
    LOWER = "lower"  # more than, over, at least: the true value is at or above
    UPPER = "upper"  # fewer than, under, up to: the true value is at or below


_BOUND_OF_MEANING = {
    "more": Bound.LOWER,
    "least": Bound.LOWER,
    "less": Bound.UPPER,
    "most": Bound.UPPER,
    "about": Bound.APPROXIMATE,
}
_BOUND_OF = {" ".join(phrase): _BOUND_OF_MEANING[meaning] for phrase, meaning in QUALIFIERS.items()} | {
    # Written forms a deck may use that a student does not type (the grader's table is typed words).
    "no more than": Bound.UPPER,
    "c.": Bound.APPROXIMATE,
    "an estimated": Bound.APPROXIMATE,
    "estimated": Bound.APPROXIMATE,
    "~": Bound.APPROXIMATE,
}
"""The qualifiers before a figure, by what they say of it: the grader's table plus a few written forms."""
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|[\s(])(" + "|".join(re.escape(q) for q in _BOUND_OF) + r")\s*$", re.IGNORECASE
)
_YEAR_LIKE = re.compile(r"(?<![\d,.])(?:1[0-9]{3}|20[0-9]{2})(?![\d,])")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_WORD = re.compile(rf"\b({_MONTH_NAMES})\b", re.IGNORECASE)
_MONTH_BEFORE_ANSWER = re.compile(rf"(?:\b\d{{1,2}}\s+)?\b(?:{_MONTH_NAMES})\.?\s+\0", re.IGNORECASE)


@dataclass(frozen=True)
class FigureContext:
    """The words around a fact's answer that constrain what may replace it."""

    fact: Fact

    @cached_property
    def _rest(self) -> str:
        """The statement with the answer's occurrences taken out."""
        text = self.fact.statement
        for start, end in reversed(whole_word_spans(text, self.fact.answer)):
            text = text[:start] + " \0 " + text[end:]
        return text

    @property
    def rest_text(self) -> str:
        """The statement without the answer (each occurrence replaced by a NUL mark)."""
        return self._rest

    @cached_property
    def bound(self) -> Bound:
        """How the statement qualifies the answer ("more than 300" -> LOWER)."""
        spans = whole_word_spans(self.fact.statement, self.fact.answer)
        if not spans:
            return Bound.EXACT
        before = self.fact.statement[max(0, spans[0][0] - 20) : spans[0][0]]
        match = _QUALIFIER_BEFORE.search(before)
        return _BOUND_OF[match[1].lower()] if match else Bound.EXACT

    @cached_property
    def weekday(self) -> int | None:
        """The weekday the statement names for a date answer (0 = Monday), if any."""
        words = re.findall(r"[a-z]+", self._rest.lower())
        for number, name in enumerate(WEEKDAYS):
            if name in words:
                return number
        return None

    @cached_property
    def names_another_date(self) -> bool:
        """Whether the statement dates something else too (a year, a month) besides the answer."""
        # "December 1954" with the answer 1954: the month belongs to the answer's own date.
        rest = _MONTH_BEFORE_ANSWER.sub("\0", self._rest)
        return bool(_YEAR_LIKE.search(rest) or _MONTH_WORD.search(rest))

    def can_replace(self, value: str) -> bool:
        """Whether `value` in the answer's place leaves a statement that is clearly false.

        Always true for answers that are not years, dates or numbers.
        """
        kind = self.fact.kind
        if kind is AnswerKind.DATE:
            return self._date_fits(value)
        if kind is not AnswerKind.NUMBER:
            return True
        answer, other = read_figure(self.fact.answer), read_figure(value)
        if answer is None or other is None:
            return True
        return clear_of(self.bound, answer.value, other.value)

    def _date_fits(self, value: str) -> bool:
        if self.weekday is None:
            return True
        try:
            date = parse_partial_date(value)
        except ValueError:
            return False
        return weekday_of(date) == self.weekday

    @property
    def multiple_choice_possible(self) -> bool:
        """Not for a bounded figure: beside "more than 300", 400 may be true and 200 is not shown false
        by the source, so the key would always be the lowest choice."""
        return not (self.fact.kind is AnswerKind.NUMBER and self.bound in (Bound.LOWER, Bound.UPPER))

    @property
    def false_version_possible(self) -> bool:
        """Whether any swapped value can make the statement clearly false.

        Not for a bounded figure ("more than 300": any other figure is either also true or
        not known to be false), and not for a year or date when the statement dates
        something else too (the changed date could contradict it).
        """
        if self.fact.kind is AnswerKind.NUMBER and self.bound in (Bound.LOWER, Bound.UPPER):
            return False
        return not (self.fact.kind in (AnswerKind.YEAR, AnswerKind.DATE) and self.names_another_date)


def clear_of(bound: Bound, answer: Decimal | int, other: Decimal | int) -> bool:
    """Whether `other` is clearly not the figure that `bound` and `answer` describe."""
    if other == answer:
        return False
    if bound is Bound.EXACT:
        return True
    # "More than 300": 200 would satisfy it too (more than 300 is more than 200), so wrong
    # values lie above, and well above; "fewer than 50" mirrors it.
    a, o = float(answer), float(other)
    if bound is Bound.LOWER:
        return o >= a * (1 + CLEAR_RATIO)
    if bound is Bound.UPPER:
        return o <= a * (1 - CLEAR_RATIO)
    return abs(o - a) >= a * CLEAR_RATIO


def weekday_of(date: PartialDate) -> int | None:
    """Monday = 0 for a full date, None for a year or month."""
    if not (date.month and date.day):
        return None
    return dt.date(date.year, date.month, date.day).weekday()
