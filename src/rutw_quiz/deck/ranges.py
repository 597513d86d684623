"""A fact's `range`: the lowest and highest value a wrong year, date or number may take.

Years and dates compare as days (a range from 'June 1954' starts on 1 June 1954; one to '1988'
ends on 31 December 1988); numbers compare by value ('2.3 million' = 2300000).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Fact
from rutw_quiz.deck.numbers import read_figure


def first_day(date: PartialDate) -> dt.date:
    """The first day a partial date may mean ('1992' -> 1 January 1992)."""
    return dt.date(date.year, date.month or 1, date.day or 1)


def last_day(date: PartialDate) -> dt.date:
    """The last day a partial date may mean ('1992' -> 31 December 1992)."""
    month = date.month or 12
    return dt.date(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


@dataclass(frozen=True)
class Bounds:
    """Inclusive bounds on a figure: days for years and dates, values for numbers."""

    low: Decimal
    high: Decimal

    def holds(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


def point(kind: AnswerKind, text: str, *, end: bool = False) -> Decimal | None:
    """A year, date or number as a comparable value (a year or month as its first day, or last with `end`)."""
    text = text.strip()
    if kind is AnswerKind.NUMBER:
        figure = read_figure(text)
        return figure.value if figure is not None else None
    try:
        date = PartialDate(int(text)) if text.isdecimal() else parse_partial_date(text)
    except ValueError:
        return None
    if not 1 <= date.year <= 9999:
        return None
    day = last_day(date) if end else first_day(date)
    return Decimal(day.toordinal())


def fact_bounds(fact: Fact) -> Bounds | None:
    """The fact's `range`, read for its kind; None without one (or when a bound does not read)."""
    if fact.range is None or not fact.kind.is_numeric:
        return None
    low, high = point(fact.kind, fact.range[0]), point(fact.kind, fact.range[1], end=True)
    if low is None or high is None:
        return None
    return Bounds(low, high)
