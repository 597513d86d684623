"""Made-up years, dates and numbers: wrong values in which nothing but knowledge finds the key.

A test-wise student picks the middle value, the value nearest the mean, the one unrounded
figure, the date sharing most parts with the others, or an extreme, whenever wrong values are
spread around the key. So a set is built the other way round: the key's rank among the choices
is drawn uniformly, and every gap between neighbouring values is drawn from one distribution
(whole years, months, days or weeks; for numbers, one range of ratios), whatever side of the key
it lies on. Seen without the key marked, any member of the set could have been the one the others
were built around. Every value is written with the key's precision (a date to the day, a number
with the same decimals, scale word and trailing zeros).

Values stay inside the fact's window: on the key's side of every other date its statement or prompt
names, and within the author's `range`; without one, before the deck's last date and on the key's
side of the dates the deck gives for facts about the same subject (no release before the capture,
no premiere after the composer's death). When the window leaves no room for the key at every rank,
the fact gets no made-up set at all (a set that only fits with the key lowest would teach "pick the
lowest").
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

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
DATE_TRIES = 60
"""Draws per way of moving a date before a rank is given up: an evenly alike set of dates to the day
in a narrow window (a few weeks) may take a few dozen."""

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
    # The author's range stands for what the deck's other facts suggest, not for the statement's own dates.
    for other in [*dates_named(rest), *(other_dates if bounds is None else ())]:
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

    kind: str
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


def _room(make: Callable[[int], PartialDate | None], window: Window, direction: int, cap: int) -> int:
    """How many steps from the key (up to `cap`) stay inside the window (a binary search: in range is monotonic)."""
    low, high = 0, cap
    while low < high:
        middle = (low + high + 1) // 2
        value = make(direction * middle)
        if value is not None and window.holds_date(value):
            low = middle
        else:
            high = middle - 1
    return low


def _year_scale(key: PartialDate, window: Window, every: int = 1) -> _Scale:
    def make(offset: int) -> PartialDate | None:
        year = key.year + offset * every
        if not 1 <= year <= 9999:
            return None
        return key.shifted(offset * every) if key.month else PartialDate(year)

    below, above = _room(make, window, -1, 60), _room(make, window, 1, 60)
    return _Scale("year" if every == 1 else "decade", YEAR_GAPS if every == 1 else (1, 1), below, above, make)


def _month_scale(key: PartialDate, window: Window) -> _Scale:
    index = key.year * 12 + key.month - 1

    def make(offset: int) -> PartialDate | None:
        year, month = divmod(index + offset, 12)
        return PartialDate(year, month + 1) if 1 <= year <= 9999 else None

    return _Scale("month", MONTH_GAPS, _room(make, window, -1, 120), _room(make, window, 1, 120), make)


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
    return _Scale(
        "week" if weekly else "day", WEEK_GAPS if weekly else DAY_GAPS, max(0, below), max(0, above), make
    )


def _date_scales(fact: Fact, key: PartialDate, window: Window) -> tuple[_Scale, ...]:
    """The ways a date may move: by years (same day and month), by months, by days or weeks."""
    weekday = FigureContext(fact).weekday
    return _scales_for(key, window, bool(key.day and weekday is not None and weekday_of(key) == weekday))


@lru_cache(maxsize=1 << 14)
def _scales_for(key: PartialDate, window: Window, weekly: bool) -> tuple[_Scale, ...]:
    """Cached: every question on a date fact (its choices, a false version) needs its scales, and
    measuring the room on each side takes a search."""
    if weekly:
        return (_day_scale(key, window, weekly=True),)
    if key.day:
        return (_year_scale(key, window), _day_scale(key, window, weekly=False))
    if key.month:
        return (_year_scale(key, window), _month_scale(key, window))
    if key.year % 10 == 0:
        # 1990 among 1986, 1988 and 1993 is the only round year: a round year's others are round too,
        # or it gets no made-up set.
        return (_year_scale(key, window, every=10),)
    return (_year_scale(key, window),)


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


Parts = frozenset[tuple[str, int, str]]


@lru_cache(maxsize=1 << 16)
def _date_parts(date: PartialDate) -> Parts:
    digits = str(date.year)
    parts = {("year", len(digits) - i, d) for i, d in enumerate(digits)}
    if date.month:
        parts.add(("month", 0, str(date.month)))
    if date.day:
        parts.add(("day", 0, str(date.day)))
    return frozenset(parts)


def alike_scores(parts: list[Parts]) -> list[int]:
    """For each value, how many parts (digits in place, day, month) it shares with the others."""
    scores = [0] * len(parts)
    for i, p in enumerate(parts):
        for j in range(i + 1, len(parts)):
            shared = len(p & parts[j])  # each pair once: sets are tried by the thousand
            scores[i] += shared
            scores[j] += shared
    return scores


def _evenly_alike(parts: list[Parts]) -> bool:
    """Whether the key (first) is neither among the values sharing most parts with the others nor
    among those sharing fewest (unless all share alike): then neither 'the one most like the others'
    (14 March 1921 among 14 March 1920, 14 June 1921 …) nor the odd one out (the only year of its
    decade) points at it."""
    scores = alike_scores(parts)
    return len(set(scores)) == 1 or min(scores) < scores[0] < max(scores)


def breaks_a_run(points: list[int]) -> bool:
    """Whether one end value stands apart from an evenly spaced run of all the others (5, 6, 7 and 9;
    1980, 1983, 1986 and 1988): a test-wise student picks it, so no such set is made, whichever
    value the odd one is (never the key alone would teach 'not the odd one')."""
    if len(points) < 4:
        return False
    ordered = sorted(points)
    for run, outer in ((ordered[1:], ordered[1] - ordered[0]), (ordered[:-1], ordered[-1] - ordered[-2])):
        gaps = {b - a for a, b in itertools.pairwise(run)}
        if len(gaps) == 1 and outer not in gaps:
            return True
    return False


def _date_point(date: PartialDate) -> int:
    """A date on the scale a student counts it in: years, months or days."""
    if not date.month:
        return date.year
    if not date.day:
        return date.year * 12 + date.month
    return dt.date(date.year, date.month, date.day).toordinal()


def _date_draw(
    key: PartialDate, scales: Sequence[_Scale], window: Window, others: int, rank: int, rng: random.Random
) -> list[PartialDate] | None:
    usable = [s for s in scales if s.widest_gap(others)]
    rng.shuffle(usable)
    key_parts = _date_parts(key)
    for scale in usable:
        widest = scale.widest_gap(others)
        for _ in range(DATE_TRIES):
            values = _walk(scale, rank, others, widest, rng)
            # Inside the window by construction: the walk stays within the scale's room.
            if (
                len(values) == others
                and _evenly_alike([key_parts, *map(_date_parts, values)])
                and not breaks_a_run([_date_point(d) for d in [key, *values]])
            ):
                return values
    return None


def date_set(fact: Fact, window: Window, others: int, rng: random.Random) -> list[PartialDate] | None:
    """`others` made-up years or dates, the key at a uniformly drawn rank; None when not possible.

    Check `possible` first: when even one rank has no set, the fact must not be asked with made-up
    dates at all (asked only with the key lowest, it would teach "pick the lowest").
    """
    key = answer_date(fact)
    if key is None:
        return None
    return _date_draw(key, _date_scales(fact, key, window), window, others, rng.randrange(others + 1), rng)


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
    """The values a made-up figure may take, in whole units of the key's last written digit: as round
    as the key, no rounder and no less round.

    '9,289' -> 7,141 or 12,113 (never 12,110); '1,520' -> 1,170 (tens, not hundreds); '2.3 million'
    -> 1.8 million (one decimal). A key of two digits or more whose last is a 5 is half round
    ('250,000', a quarter of a million; 85): so is every made-up value (150,000 and 350,000; 65 and
    95), never 180,000 or 87 beside it (a key of 15 to 35 then has room for two values below it,
    so three choices). So no figure is the only round or unrounded one. A round key
    with no such values below it ('about 1,000': nothing in thousands under it) makes no set.
    """

    def __init__(self, figure: Figure, window: Window) -> None:
        self.figure = figure
        self.unit = figure.unit
        self.key = int((figure.mantissa / self.unit).to_integral_value())
        self.fives = self.key >= 10 and self.key % 10 == 5
        """Every value ends in 5, as the key does (see the class's docstring)."""
        step = self.unit * Decimal(10) ** SCALE_WORDS.get(figure.scale, 0)
        self.lowest = 1 if window.low_value is None else max(1, math.ceil(window.low_value / step))
        self.highest = None if window.high_value is None else math.floor(window.high_value / step)

    def step(self, value: int, ratio: float, direction: int) -> int | None:
        """The value `ratio` away from `value` in `direction`, on the grid, strictly beyond it, in the window."""
        found = round(value * ratio if direction > 0 else value / ratio)
        if direction * (found - value) <= 0:
            found = value + direction
        if self.fives:  # the next value beyond it that ends in 5
            found += (5 - found) % 10 if direction > 0 else -((found - 5) % 10)
        while found > 0 and found % 10 == 0:
            found += direction
        if found < self.lowest or (self.highest is not None and found > self.highest):
            return None
        return found

    def write(self, value: int) -> str:
        return self.figure.written(Decimal(value) * self.unit)


def _number_ratios(fact: Fact) -> tuple[float, float] | None:
    bound = FigureContext(fact).bound
    if bound in (Bound.LOWER, Bound.UPPER):
        return None  # "more than 300": 200 is no clearly wrong value, and 400 may be true
    return RATIOS_APPROXIMATE if bound is Bound.APPROXIMATE else RATIOS_EXACT


def _number_walk(
    grid: _Grid, rank: int, others: int, ratios: tuple[float, float], rng: random.Random
) -> list[int] | None:
    values: list[int] = []
    for direction, count in ((-1, rank), (1, others - rank)):
        current = grid.key
        for _ in range(count):
            found = grid.step(current, rng.uniform(*ratios), direction)
            if found is None:
                return None
            values.append(found)
            current = found
    return values


def _digit_parts(value: int) -> Parts:
    digits = str(value)
    return frozenset(("digit", len(digits) - i, d) for i, d in enumerate(digits))


def _key_not_set_apart(parts: list[Parts]) -> bool:
    """Whether the key (first) shares digits with the others neither most nor least of all (or all
    alike): digits drawn anew for each figure rarely agree, so strict evenness is not asked."""
    scores = alike_scores(parts)
    return len(set(scores)) == 1 or scores[0] not in (max(scores), min(scores))


def _number_grid(fact: Fact, window: Window) -> tuple[_Grid, tuple[float, float]] | None:
    figure = read_figure(fact.answer)
    ratios = _number_ratios(fact)
    if figure is None or ratios is None or figure.mantissa <= 0:
        return None
    return _Grid(figure, window), ratios


def _clear(fact: Fact, key: int, values: Iterable[int]) -> bool:
    if FigureContext(fact).bound is not Bound.APPROXIMATE:
        return True
    return all(abs(v - key) >= CLEAR_RATIO * key for v in values)


def number_set(fact: Fact, window: Window, others: int, rng: random.Random) -> list[str] | None:
    """`others` made-up figures, the key at a uniformly drawn rank (check `possible` first)."""
    made = _number_grid(fact, window)
    if made is None:
        return None
    grid, ratios = made
    rank = rng.randrange(others + 1)
    fallback: list[int] | None = None
    for _ in range(_TRIES * 2):
        found = _number_walk(grid, rank, others, ratios, rng)
        if found is None or not _clear(fact, grid.key, found):
            continue
        if breaks_a_run([grid.key, *found]):
            continue
        fallback = fallback or found
        if _key_not_set_apart([_digit_parts(v) for v in [grid.key, *found]]):
            return [grid.write(v) for v in found]
    return [grid.write(v) for v in fallback] if fallback is not None else None


def possible(fact: Fact, window: Window, others: int) -> bool:
    """Whether sets with the key at every rank can be made, on every run alike: a fact is asked as
    multiple choice on every seed or on none (asked only with the key lowest, it would teach
    "pick the lowest").

    Figures: room for `others` values at the narrowest gaps on each side. Dates: a set for each rank
    in which no date stands apart (tried with a stream fixed by the key and window).
    """
    if fact.kind is AnswerKind.NUMBER:
        made = _number_grid(fact, window)
        if made is None:
            return False
        grid, ratios = made
        narrow = (ratios[0], ratios[0])
        rng = random.Random(0)
        return all(_number_walk(grid, rank, others, narrow, rng) is not None for rank in (0, others))
    key = answer_date(fact)
    if key is None:
        return False
    weekday = FigureContext(fact).weekday
    return _dates_possible(key, window, weekday if key.day and weekday == weekday_of(key) else None, others)


def _dates_possible(key: PartialDate, window: Window, weekday: int | None, others: int) -> bool:
    """`possible` for a date: decided on the key and the room on each side up to what any gap needs,
    so facts with the same date and room share one answer."""
    scales = _scales_for(key, window, weekday is not None)
    rooms = tuple(
        (s.kind, min(s.below, _ROOM_NEEDED[s.kind]), min(s.above, _ROOM_NEEDED[s.kind])) for s in scales
    )
    return _pattern_possible(key, rooms, others)


_ROOM_NEEDED = {
    "year": YEAR_GAPS[1] * 5,
    "decade": 5,
    "month": MONTH_GAPS[1] * 5,
    "day": DAY_GAPS[1] * 5,
    "week": WEEK_GAPS[1] * 5,
}
"""Room beyond this many steps changes no set of up to six choices."""


@lru_cache(maxsize=1 << 14)
def _pattern_possible(key: PartialDate, rooms: tuple[tuple[str, int, int], ...], others: int) -> bool:
    everywhere = Window()
    scales = []
    for kind, below, above in rooms:
        built = {
            "year": lambda: _year_scale(key, everywhere),
            "decade": lambda: _year_scale(key, everywhere, every=10),
            "month": lambda: _month_scale(key, everywhere),
            "day": lambda: _day_scale(key, everywhere, weekly=False),
            "week": lambda: _day_scale(key, everywhere, weekly=True),
        }[kind]()
        scales.append(_Scale(kind, built.gaps, below, above, built.make))
    rng = random.Random(f"{key}:{rooms}:{others}")
    ranks = [0, others, *range(1, others)]  # the extremes fail first where room is short
    return all(_date_draw(key, scales, everywhere, others, rank, rng) is not None for rank in ranks)


def false_number(fact: Fact, window: Window, rng: random.Random) -> str | None:
    """One made-up figure clearly not the key, inside the window (for a false statement)."""
    made = _number_grid(fact, window)
    if made is None:
        return None
    grid, ratios = made
    found: list[int] = []
    for rank in (0, 1):
        for _ in range(_TRIES):
            walk = _number_walk(grid, rank, 1, ratios, rng)
            if walk is not None and _clear(fact, grid.key, walk):
                found.extend(walk)
                break
    return grid.write(found[rng.randrange(len(found))]) if found else None


def room_limits(fact: Fact, window: Window, others: int) -> bool:
    """Whether the window, rather than the answer itself, may stand in the way of a fair set: it
    bounds a number at all, or leaves a date less room on some side than the widest gaps need."""
    if fact.kind is AnswerKind.NUMBER:
        return window.low_value is not None or window.high_value is not None
    key = answer_date(fact)
    if key is None:
        return False
    return any(min(s.below, s.above) < s.gaps[1] * others for s in _date_scales(fact, key, window))


def figure_set(fact: Fact, window: Window, others: int, rng: random.Random) -> list[str] | None:
    """`others` made-up years, dates or numbers (see `date_set`, `number_set`), as text.

    Check `possible` first (the index caches it per fact)."""
    if fact.kind is AnswerKind.NUMBER:
        return number_set(fact, window, others, rng)
    dates = date_set(fact, window, others, rng)
    return [str(d) for d in dates] if dates is not None else None
