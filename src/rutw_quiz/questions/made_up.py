"""Made-up years, dates and numbers: wrong values in which nothing but knowledge finds the key.

A test-wise student picks the middle value, the value nearest the mean, the one unrounded
figure, the date sharing most parts with the others, or an extreme, whenever wrong values are
spread around the key. So a set is built the other way round: the key's rank among the choices
is drawn uniformly, and every gap between neighbouring values is drawn from one distribution
(whole years, months, days or weeks; for numbers, one range of ratios), whatever side of the key
it lies on. Seen without the key marked, any member of the set could have been the one the others
were built around. Every value is written with the key's precision (a date to the day, a number
with the same decimals, scale word and trailing zeros).

Values stay inside the fact's window: its `range`, the deck's last date, and on the key's side of
every other date its statement or prompt names or that the deck gives for a fact about the same
subject (no release before the capture, no premiere after the composer's death). When the window
leaves no room for the key at every rank, the fact gets no made-up set at all (a set that only fits
with the key lowest would teach "pick the lowest").
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from rutw_quiz.deck.dates import MONTHS, PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Fact
from rutw_quiz.deck.numbers import SCALE_WORDS, Figure, read_figure
from rutw_quiz.deck.ranges import fact_bounds, first_day, last_day
from rutw_quiz.questions.figures import CLEAR_RATIO, Bound, FigureContext, weekday_of

YEAR_GAPS = (1, 4)
"""Whole years between neighbouring made-up years (and between dates moved by years)."""
MONTH_GAPS = (1, 3)
DAY_GAPS = (9, 60)
WEEK_GAPS = (2, 9)
"""Dates beside a weekday move by whole weeks, so the weekday stays true."""
RATIOS_EXACT = (1.08, 1.4)
RATIOS_APPROXIMATE = (1.0 / (1.0 - CLEAR_RATIO) + 0.02, 1.8)
"""Neighbouring made-up numbers differ by a ratio in this range; an approximate figure ('about
4,000') needs every value clear of it by CLEAR_RATIO, so all its gaps are that wide."""
FIRST_DAY = dt.date(1, 1, 1).toordinal()
LAST_DAY = dt.date(2100, 12, 31).toordinal()
_TRIES = 8

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_IN_TEXT = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+)?(?P<m1>{_MONTH_NAMES})\.?\s+(?P<y1>\d{{3,4}})\b"
    rf"|\b(?P<m2>{_MONTH_NAMES})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{3,4}})\b"
    r"|(?<![\d,.])(?P<y3>1[0-9]{3}|20[0-9]{2})(?![\d,])",
    re.IGNORECASE,
)


def dates_named(text: str) -> list[PartialDate]:
    """The dates and years a text names: '15 September 1992', 'April 1992', 'October 3, 1949', '1954'."""
    found: list[PartialDate] = []
    for m in _DATE_IN_TEXT.finditer(text):
        try:
            if m["y3"]:
                found.append(PartialDate(int(m["y3"])))
            elif m["y1"]:
                found.append(parse_partial_date(f"{m['d1'] or ''} {m['m1']} {m['y1']}".strip()))
            else:
                found.append(parse_partial_date(f"{m['m2']} {m['d2']}, {m['y2']}"))
        except ValueError:
            continue
    return found


@dataclass(frozen=True)
class Window:
    """Where made-up values may lie: days (inclusive) for years and dates, values for numbers."""

    low_day: int = FIRST_DAY
    high_day: int = LAST_DAY
    low_value: Decimal | None = None
    high_value: Decimal | None = None

    def holds_date(self, date: PartialDate) -> bool:
        try:
            return first_day(date).toordinal() >= self.low_day and last_day(date).toordinal() <= self.high_day
        except ValueError:
            return False

    def holds_value(self, value: Decimal) -> bool:
        return (self.low_value is None or value >= self.low_value) and (
            self.high_value is None or value <= self.high_value
        )


def answer_date(fact: Fact) -> PartialDate | None:
    """A year or date answer as a partial date."""
    try:
        if fact.kind is AnswerKind.YEAR:
            return PartialDate(int(fact.answer.strip()))
        if fact.kind is AnswerKind.DATE:
            return parse_partial_date(fact.answer)
    except ValueError:
        return None
    return None


def window_of(fact: Fact, other_dates: Iterable[PartialDate], latest: PartialDate | None) -> Window:
    """The fact's window: its range, the deck's last date, and the key's side of each other date.

    `other_dates` are the dates of the deck's facts about the same subject; the dates the statement
    and prompt name besides the answer are added here.
    """
    bounds = fact_bounds(fact)
    if fact.kind is AnswerKind.NUMBER:
        if bounds is None:
            return Window()
        return Window(low_value=bounds.low, high_value=bounds.high)
    key = answer_date(fact)
    if key is None:
        return Window()
    low, high = FIRST_DAY, LAST_DAY
    if bounds is not None:
        low, high = max(low, int(bounds.low)), min(high, int(bounds.high))
    if latest is not None and bounds is None:  # the author's range says what is plausible
        # The deck's last date bounds the values, read at its start ('January 2026': nothing later
        # than 1 January 2026 is known to have happened), unless the answer is the last date itself.
        edge = last_day(key) if key >= latest else max(first_day(latest), last_day(key))
        high = min(high, edge.toordinal())
    rest = FigureContext(fact).rest_text + " " + (fact.prompt or "")
    key_first, key_last = first_day(key).toordinal(), last_day(key).toordinal()
    for other in [*dates_named(rest), *other_dates]:
        try:
            other_first, other_last = first_day(other).toordinal(), last_day(other).toordinal()
        except ValueError:
            continue
        if other_last < key_first:
            low = max(low, other_last + 1)
        elif other_first > key_last:
            high = min(high, other_first - 1)
    return Window(low, high)


# -- sets of values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scale:
    """One way of moving away from the key: integer steps, a gap range, and the room on each side."""

    gaps: tuple[int, int]
    below: int
    above: int
    make: Callable[[int], PartialDate | None]

    def widest_gap(self, per_side: int) -> int:
        """The largest gap that fits `per_side` gaps on either side (0 when even the smallest does not)."""
        widest = (
            min(self.gaps[1], self.below // per_side, self.above // per_side) if per_side else self.gaps[1]
        )
        return widest if widest >= self.gaps[0] else 0


def _year_scale(key: PartialDate, window: Window, every: int = 1) -> _Scale:
    def make(offset: int) -> PartialDate | None:
        year = key.year + offset * every
        if not 1 <= year <= 9999:
            return None
        return key.shifted(offset * every) if key.month else PartialDate(year)

    below = above = 0
    while below < 60 and (d := make(-(below + 1))) is not None and window.holds_date(d):
        below += 1
    while above < 60 and (d := make(above + 1)) is not None and window.holds_date(d):
        above += 1
    return _Scale(YEAR_GAPS if every == 1 else (1, 1), below, above, make)


def _month_scale(key: PartialDate, window: Window) -> _Scale:
    index = key.year * 12 + key.month - 1

    def make(offset: int) -> PartialDate | None:
        year, month = divmod(index + offset, 12)
        return PartialDate(year, month + 1) if 1 <= year <= 9999 else None

    below = above = 0
    while below < 120 and (d := make(-(below + 1))) is not None and window.holds_date(d):
        below += 1
    while above < 120 and (d := make(above + 1)) is not None and window.holds_date(d):
        above += 1
    return _Scale(MONTH_GAPS, below, above, make)


def _day_scale(key: PartialDate, window: Window, weekly: bool) -> _Scale:
    day = dt.date(key.year, key.month, key.day).toordinal()
    step = 7 if weekly else 1

    def make(offset: int) -> PartialDate | None:
        ordinal = day + offset * step
        if not FIRST_DAY <= ordinal <= LAST_DAY:
            return None
        moved = dt.date.fromordinal(ordinal)
        return PartialDate(moved.year, moved.month, moved.day)

    below = min((day - window.low_day) // step, 4000)
    above = min((window.high_day - day) // step, 4000)
    return _Scale(WEEK_GAPS if weekly else DAY_GAPS, max(0, below), max(0, above), make)


def _date_scales(fact: Fact, key: PartialDate, window: Window) -> list[_Scale]:
    """The ways a date may move: by years (same day and month), by months, by days or weeks."""
    weekday = FigureContext(fact).weekday
    if key.day and weekday is not None and weekday_of(key) == weekday:
        return [_day_scale(key, window, weekly=True)]
    if key.day:
        return [_year_scale(key, window), _day_scale(key, window, weekly=False)]
    if key.month:
        return [_year_scale(key, window), _month_scale(key, window)]
    if key.year % 10 == 0:
        # 1990 among 1986, 1988 and 1993 is the only round year: a round year's others are round too,
        # or it gets no made-up set.
        return [_year_scale(key, window, every=10)]
    return [_year_scale(key, window)]


def _walk(scale: _Scale, rank: int, others: int, widest: int, rng: random.Random) -> list[PartialDate]:
    """`rank` values below the key and the rest above, every gap drawn alike."""
    values: list[PartialDate] = []
    for direction, count in ((-1, rank), (1, others - rank)):
        offset = 0
        for _ in range(count):
            offset += rng.randint(scale.gaps[0], widest)
            value = scale.make(direction * offset)
            if value is None:
                return []
            values.append(value)
    return values


def date_set(fact: Fact, window: Window, others: int, rng: random.Random) -> list[PartialDate] | None:
    """`others` made-up years or dates with the key at a uniformly drawn rank; None when boxed in."""
    key = answer_date(fact)
    if key is None:
        return None
    scales = [s for s in _date_scales(fact, key, window) if s.widest_gap(others)]
    if not scales:
        return None
    scale = scales[rng.randrange(len(scales))]
    rank = rng.randrange(others + 1)
    values = _walk(scale, rank, others, scale.widest_gap(others), rng)
    return values if len(values) == others and all(window.holds_date(v) for v in values) else None


def false_date(fact: Fact, window: Window, rng: random.Random) -> PartialDate | None:
    """One made-up year or date near the key, inside the window (for a false statement)."""
    key = answer_date(fact)
    if key is None:
        return None
    options = []
    for scale in _date_scales(fact, key, window):
        for direction, room in ((-1, scale.below), (1, scale.above)):
            widest = min(scale.gaps[1], room)
            if widest >= scale.gaps[0]:
                options.append((scale, direction, widest))
    if not options:
        return None
    scale, direction, widest = options[rng.randrange(len(options))]
    return scale.make(direction * rng.randint(scale.gaps[0], widest))


# -- numbers -----------------------------------------------------------------------------------------


class _Grid:
    """The values a made-up figure may take: written to the key's precision, never rounder.

    A whole number keeps the key's significant digits ('1,000' -> 700, 2,000; '9,289' -> 7,412)
    and small counts stay counts ('49' -> 38, 62; '9' -> 7, 11), so no figure is the only round or
    unrounded one; a figure with decimals or a scale word ('2.3 million') keeps its decimals. The
    last significant digit is never 0.
    """

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.fixed = bool(figure.decimals or figure.scale)
        whole = int(figure.mantissa)
        digits = str(whole)
        self.digits = len(digits.rstrip("0")) if whole else 1
        self.counts = not self.fixed and whole < 100 and whole % 10 != 0
        """Small counts ('9 crew'): any whole number not ending in 0."""
        self.small = Decimal(10) ** (self.digits - 1)
        self.exponent = Decimal(10) ** SCALE_WORDS.get(figure.scale, 0)

    def _valid(self, value: Decimal) -> bool:
        if value <= 0:
            return False
        if self.fixed:
            units = value / self.figure.unit
            return units == units.to_integral_value() and int(units) % 10 != 0
        if value != value.to_integral_value():
            return False
        if self.counts or value < self.small:
            return int(value) % 10 != 0
        text = str(int(value)).rstrip("0")
        return len(text) == self.digits

    def _magnitude(self, value: Decimal) -> Decimal:
        if self.counts or value < self.small:
            return Decimal(1)
        return Decimal(10) ** max(0, len(str(int(value))) - self.digits)

    def _rounded(self, raw: float) -> Decimal:
        if self.fixed:
            unit = self.figure.unit
            return (Decimal(raw) / unit).quantize(Decimal(1), ROUND_HALF_EVEN) * unit
        if raw < 1:
            return Decimal(0)
        magnitude = self._magnitude(Decimal(int(raw)))
        return (Decimal(raw) / magnitude).quantize(Decimal(1), ROUND_HALF_EVEN) * magnitude

    def _next(self, value: Decimal, direction: int) -> Decimal | None:
        """The neighbouring valid value in `direction`, or None below the smallest."""
        for _ in range(40):
            value += (self.figure.unit if self.fixed else self._magnitude(value)) * direction
            if value <= 0:
                return None
            if self._valid(value):
                return value
        return None

    def step(self, value: Decimal, ratio: float, direction: int) -> Decimal | None:
        """The value `ratio` away from `value` in `direction`, on the grid and strictly beyond it."""
        raw = float(value) * ratio if direction > 0 else float(value) / ratio
        found = self._rounded(raw)
        if direction * (found - value) <= 0:
            found = value
        if found == value or not self._valid(found):
            return self._next(found, direction)
        return found

    def write(self, value: Decimal) -> str:
        return self.figure.written(value)


def _number_ratios(fact: Fact) -> tuple[float, float] | None:
    bound = FigureContext(fact).bound
    if bound in (Bound.LOWER, Bound.UPPER):
        return None  # "more than 300": 200 is no clearly wrong value, and 400 may be true
    return RATIOS_APPROXIMATE if bound is Bound.APPROXIMATE else RATIOS_EXACT


def _in_window(grid: _Grid, window: Window, value: Decimal) -> bool:
    return window.holds_value(value * grid.exponent)


def _number_walk(
    grid: _Grid, window: Window, rank: int, others: int, ratios: tuple[float, float], rng: random.Random
) -> list[Decimal] | None:
    key = grid.figure.mantissa
    values: list[Decimal] = []
    for direction, count in ((-1, rank), (1, others - rank)):
        current = key
        for _ in range(count):
            found = grid.step(current, rng.uniform(*ratios), direction)
            if found is None or not _in_window(grid, window, found):
                return None
            values.append(found)
            current = found
    return values


def _clear(fact: Fact, key: Decimal, values: Iterable[Decimal]) -> bool:
    if FigureContext(fact).bound is not Bound.APPROXIMATE:
        return True
    return all(abs(v - key) >= Decimal(str(CLEAR_RATIO)) * key for v in values)


def number_set(fact: Fact, window: Window, others: int, rng: random.Random) -> list[str] | None:
    """`others` made-up figures with the key at a uniformly drawn rank; None when boxed in.

    Boxed in: even the smallest gaps leave no room for the key to be the highest or the lowest.
    """
    figure = read_figure(fact.answer)
    ratios = _number_ratios(fact)
    if figure is None or ratios is None or figure.mantissa <= 0:
        return None
    grid = _Grid(figure)
    narrow = (ratios[0], ratios[0])
    if _number_walk(grid, window, others, others, narrow, rng) is None:
        return None
    if _number_walk(grid, window, 0, others, narrow, rng) is None:
        return None
    for _ in range(_TRIES):
        found = _number_walk(grid, window, rng.randrange(others + 1), others, ratios, rng)
        if found is not None and _clear(fact, figure.mantissa, found):
            return [grid.write(v) for v in found]
    return None


def false_number(fact: Fact, window: Window, rng: random.Random) -> str | None:
    """One made-up figure clearly not the key, inside the window (for a false statement)."""
    figure = read_figure(fact.answer)
    ratios = _number_ratios(fact)
    if figure is None or ratios is None or figure.mantissa <= 0:
        return None
    grid = _Grid(figure)
    found: list[Decimal] = []
    for rank in (0, 1):
        for _ in range(_TRIES):
            walk = _number_walk(grid, window, rank, 1, ratios, rng)
            if walk is not None and _clear(fact, figure.mantissa, walk):
                found.extend(walk)
                break
    return grid.write(found[rng.randrange(len(found))]) if found else None
