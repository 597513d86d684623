"""A test-wise guesser: picks answers from the form of the choices alone, knowing nothing of the topic.

Written apart from the question engine (it imports none of its rules): each cue is one of the
classic test-wiseness strategies of item-writing guidelines and studies (Millman, Bishop and Ebel
1965; Haladyna and Downing's item-writing rules; study-skills handouts): the longest or most
specific choice, the choice most like the others (convergence), the middle value, the only
unrounded figure, extremes, grammatical fit with the stem, the choice echoing the stem's words,
absolute and hedged words, "all of the above", the odd one out by kind, era or format, a pair of
near-twins or opposites (one of them is the key). Used by `test_testwise_guesser.py` (CI, on every
deck of the repository) and `benchmarks/guesser_report.py` (the table per deck and cue).

A cue looks at one item (a stem and its choices) and either abstains or picks a proper subset of
the choices; it earns 1/len(subset) when the key is in it. Chance is 1/len(choices). A matching
question gives one item per statement (the statement with its blank, against the answer column);
there only the cues that read the stem can tell one statement's answer from another's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from statistics import mean

# -- items ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """What a student sees of one question: the stem, the choices, and (for scoring) the key."""

    question_id: str
    stem: str
    choices: tuple[str, ...]
    key: int
    matching: bool = False


Pick = frozenset[int] | None
Cue = Callable[[Item], Pick]

# -- reading choices ------------------------------------------------------------------------------

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER = re.compile(r"^\s*(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+)(?:\.(\d+))?\s*([a-z]+)?\s*$", re.I)
_WORD = re.compile(r"[^\W_]+")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "how",
        "many",
        "much",
        "did",
        "does",
        "do",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "into",
        "than",
        "then",
        "after",
        "before",
        "during",
        "under",
        "over",
        "about",
        "according",
        "article",
    ]
)


@dataclass(frozen=True)
class Value:
    """A choice read as a quantity: a number, or a date as a day count, with what it was written to."""

    amount: float
    precision: str  # "number", "year", "month", "day"
    parts: tuple[tuple[str, int], ...]
    trailing_zeros: int


def read_value(text: str) -> Value | None:
    """A number ('9,289', '2.3 million'), a year, or a date ('14 March 1921', 'March 1921'); else None."""
    t = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", t):
        return _date(int(m[1]), int(m[2]), int(m[3] or 0))
    if m := re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{1,4})", t):
        month = _MONTHS.get(m[2].lower())
        if month:
            return _date(int(m[3]), month, int(m[1] or 0))
    if m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{1,4})", t):
        month = _MONTHS.get(m[1].lower())
        if month:
            return _date(int(m[3]), month, int(m[2]))
    m = _NUMBER.match(t)
    if not m:
        return None
    whole = re.sub(r"\D", "", m[1])
    scale = 1
    if m[3]:
        if m[3].lower() not in _SCALE:
            return None
        scale = _SCALE[m[3].lower()]
    amount = float(f"{whole}.{m[2] or 0}") * scale
    digits = whole + (m[2] or "")
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    is_year = not m[2] and not m[3] and "," not in m[1] and len(whole) == 4 and 1000 <= int(whole) <= 2100
    return Value(amount, "year" if is_year else "number", (("year", int(whole)),) if is_year else (), zeros)


def _date(year: int, month: int, day: int) -> Value | None:
    try:
        when = dt.date(year, month, day or 15)
    except ValueError:
        return None
    parts = [("year", year), ("month", month)] + ([("day", day)] if day else [])
    return Value(float(when.toordinal()), "day" if day else "month", tuple(parts), 0)


def words(text: str) -> list[str]:
    """Lower-cased words."""
    return _WORD.findall(text.casefold())


def content_stems(text: str) -> set[str]:
    """Content words cut to five letters (a crude stem: 'treaties' ~ 'treaty'), stopwords aside."""
    return {w[:5] for w in words(text) if len(w) >= 4 and w not in _STOP and not w.isdigit()}


def _values(item: Item) -> list[Value] | None:
    read = [read_value(c) for c in item.choices]
    if any(v is None for v in read):
        return None
    values = [v for v in read if v is not None]
    return values if len({v.precision for v in values}) == 1 else None


# -- helpers for cues -----------------------------------------------------------------------------


def _argmax(scores: Sequence[float]) -> Pick:
    best = max(scores)
    picked = frozenset(i for i, s in enumerate(scores) if s == best)
    return picked if len(picked) < len(scores) else None


def _argmin(scores: Sequence[float]) -> Pick:
    return _argmax([-s for s in scores])


def _subset(flags: Sequence[bool]) -> Pick:
    picked = frozenset(i for i, f in enumerate(flags) if f)
    return picked if 0 < len(picked) < len(flags) else None


def _not_matching(cue: Cue) -> Cue:
    """Cues that ignore the stem tell nothing in a matching set (one answer column for every blank)."""

    def wrapped(item: Item) -> Pick:
        return None if item.matching else cue(item)

    wrapped.__doc__ = cue.__doc__
    return wrapped


# -- cues on the choices alone ---------------------------------------------------------------------


@_not_matching
def longest(item: Item) -> Pick:
    """The longest choice (in characters): the key is written out most fully."""
    return _argmax([len(c) for c in item.choices])


@_not_matching
def shortest(item: Item) -> Pick:
    """The shortest choice."""
    return _argmin([len(c) for c in item.choices])


@_not_matching
def most_words(item: Item) -> Pick:
    """The choice of the most words."""
    return _argmax([len(c.split()) for c in item.choices])


@_not_matching
def most_specific(item: Item) -> Pick:
    """The most specific choice: the most capitalised words, digits, hyphens and brackets."""

    def specificity(text: str) -> int:
        tokens = text.split()
        return sum(t[:1].isupper() or any(ch.isdigit() for ch in t) or "-" in t or "(" in t for t in tokens)

    return _argmax([specificity(c) for c in item.choices])


def _features(text: str) -> set[tuple[object, ...]]:
    value = read_value(text)
    found: set[tuple[object, ...]] = {("w", w) for w in words(text)}
    if value is not None:
        found |= {(name, v) for name, v in value.parts}
        # Digits in place: of the number, or of a date's year (a day and a year are different parts).
        digits = (
            str(dict(value.parts)["year"]) if value.precision in ("day", "month") else re.sub(r"\D", "", text)
        )
        found |= {("d", len(digits) - i, d) for i, d in enumerate(digits)}
    return found


@_not_matching
def most_like_others(item: Item) -> Pick:
    """Convergence: the choice sharing the most parts (words, date parts, digits) with the others."""
    feats = [_features(c) for c in item.choices]
    return _argmax([sum(len(f & g) for j, g in enumerate(feats) if j != i) for i, f in enumerate(feats)])


@_not_matching
def least_like_others(item: Item) -> Pick:
    """The odd one out: the choice sharing the fewest parts with the others."""
    feats = [_features(c) for c in item.choices]
    return _argmin([sum(len(f & g) for j, g in enumerate(feats) if j != i) for i, f in enumerate(feats)])


def _shape(text: str) -> tuple[object, ...]:
    tokens = text.split()
    return (
        min(len(tokens), 4),
        any(ch.isdigit() for ch in text),
        all(t[:1].isupper() for t in tokens if t.lower() not in _STOP),
        bool(tokens) and tokens[0][:1].isupper(),
        " of " in f" {text.lower()} ",
        "-" in text,
        "," in text,
        text.rstrip().lower().endswith("s"),
    )


@_not_matching
def odd_format(item: Item) -> Pick:
    """The one choice whose format (words, digits, capitals, 'of', hyphen, comma, plural) differs from
    all the others, which share one format."""
    shapes = [_shape(c) for c in item.choices]
    for i, s in enumerate(shapes):
        others = [t for j, t in enumerate(shapes) if j != i]
        if s not in others and len(set(others)) == 1:
            return frozenset({i})
    return None


@_not_matching
def twins(item: Item) -> Pick:
    """Two near-identical choices: one of them is the key (the other was written from it)."""
    sims = []
    for i in range(len(item.choices)):
        for j in range(i + 1, len(item.choices)):
            a, b = set(words(item.choices[i])), set(words(item.choices[j]))
            if a and b:
                sims.append((len(a & b) / len(a | b), i, j))
    if len(sims) < 2:
        return None
    sims.sort(reverse=True)
    (top, i, j), second = sims[0], sims[1][0]
    return frozenset({i, j}) if top >= 0.5 and top - second >= 0.25 else None


_NEGATING = re.compile(r"^(?:un|in|im|il|ir|non|dis|anti)")


@_not_matching
def opposites(item: Item) -> Pick:
    """Two choices that are opposites ('legal' / 'illegal', 'official' / 'not official'): one is the key."""
    found: set[int] = set()
    norm = [" ".join(w for w in words(c) if w != "not") for c in item.choices]
    for i, a in enumerate(norm):
        for j, b in enumerate(norm):
            if (
                i < j
                and (a == b or _NEGATING.sub("", a) == b or _NEGATING.sub("", b) == a)
                and (item.choices[i] != item.choices[j])
            ):
                found |= {i, j}
    return frozenset(found) if 0 < len(found) < len(item.choices) else None


_ABSOLUTE = frozenset(
    ["always", "never", "all", "none", "only", "every", "entirely", "completely", "must", "no", "nothing"]
)
_HEDGED = frozenset(
    ["may", "might", "some", "often", "usually", "generally", "sometimes", "can", "could", "partly", "mostly"]
)


@_not_matching
def no_absolutes(item: Item) -> Pick:
    """Rule out choices with absolute words ('always', 'never', 'only'): pick among the rest."""
    if _values(item) is not None:
        return None
    return _subset([not (set(words(c)) & _ABSOLUTE) for c in item.choices])


@_not_matching
def hedged(item: Item) -> Pick:
    """The choices with hedging words ('may', 'usually'): the cautious statement is often the key."""
    if _values(item) is not None:
        return None  # 'May' in a date is a month
    return _subset([bool(set(words(c)) & _HEDGED) for c in item.choices])


_ALL_OF = re.compile(r"\b(?:all|none|both|neither) of (?:the )?(?:above|these|them)\b", re.I)


@_not_matching
def all_of_the_above(item: Item) -> Pick:
    """'All of the above', 'none of these', 'both': picked when present."""
    return _subset([bool(_ALL_OF.search(c)) for c in item.choices])


@_not_matching
def first_position(item: Item) -> Pick:
    """The first choice shown (A)."""
    return frozenset({0})


@_not_matching
def last_position(item: Item) -> Pick:
    """The last choice shown."""
    return frozenset({len(item.choices) - 1})


# -- cues on figures -------------------------------------------------------------------------------


def _ranked(item: Item) -> list[int] | None:
    """Choice indices from the lowest value to the highest (None unless all are figures, all distinct)."""
    values = _values(item)
    if values is None or len({v.amount for v in values}) != len(values):
        return None
    return sorted(range(len(values)), key=lambda i: values[i].amount)


def _rank_cue(position: int, name: str) -> Cue:
    def cue(item: Item) -> Pick:
        order = _ranked(item)
        if order is None:
            return None
        return frozenset({order[position if position >= 0 else len(order) + position]})

    cue.__doc__ = f"The {name} value."
    cue.__name__ = name.replace(" ", "_")
    return _not_matching(cue)


lowest = _rank_cue(0, "lowest")
second_lowest = _rank_cue(1, "second lowest")
second_highest = _rank_cue(-2, "second highest")
highest = _rank_cue(-1, "highest")


@_not_matching
def middle_value(item: Item) -> Pick:
    """The middle value (with an even number of choices, the two middle ones)."""
    order = _ranked(item)
    if order is None or len(order) < 3:
        return None
    n = len(order)
    return frozenset(order[(n - 1) // 2 : n // 2 + 1])


@_not_matching
def extreme_value(item: Item) -> Pick:
    """The lowest or the highest value."""
    order = _ranked(item)
    return None if order is None or len(order) < 3 else frozenset({order[0], order[-1]})


@_not_matching
def nearest_mean(item: Item) -> Pick:
    """The value nearest the mean of the choices."""
    values = _values(item)
    if values is None:
        return None
    centre = mean(v.amount for v in values)
    return _argmin([abs(v.amount - centre) for v in values])


@_not_matching
def nearest_log_mean(item: Item) -> Pick:
    """The value nearest the geometric mean of the choices (figures spread by ratio)."""
    values = _values(item)
    if values is None or any(v.amount <= 0 for v in values) or values[0].precision != "number":
        return None
    centre = mean(math.log(v.amount) for v in values)
    return _argmin([abs(math.log(v.amount) - centre) for v in values])


@_not_matching
def only_unrounded(item: Item) -> Pick:
    """The one figure less round than all the others (7,342 among 7,100, 7,400 and 7,600)."""
    values = _values(item)
    if values is None or values[0].precision not in ("number", "year"):
        return None
    zeros = [v.trailing_zeros for v in values]
    picked = _argmin(zeros)
    return picked if picked is not None and len(picked) == 1 else None


@_not_matching
def only_rounded(item: Item) -> Pick:
    """The one figure rounder than all the others."""
    values = _values(item)
    if values is None or values[0].precision not in ("number", "year"):
        return None
    picked = _argmax([v.trailing_zeros for v in values])
    return picked if picked is not None and len(picked) == 1 else None


@_not_matching
def odd_gap(item: Item) -> Pick:
    """The value whose distance to its nearest neighbour differs most from the others' (set apart)."""
    values = _values(item)
    if values is None or len(values) < 3:
        return None
    amounts = [v.amount for v in values]
    gaps = [min(abs(a - b) for j, b in enumerate(amounts) if j != i) for i, a in enumerate(amounts)]
    return _argmax(gaps)


def _steps(value: Value) -> float:
    """A value on the scale a student counts in: months for a month, else the amount itself."""
    if value.precision == "month":
        parts = dict(value.parts)
        return parts["year"] * 12 + parts["month"]
    return value.amount


@_not_matching
def breaks_the_run(item: Item) -> Pick:
    """The end value left over when the others form an evenly spaced run (5, 6, 7 and 9; 1980, 1983,
    1986 and 1988): the made-up values look stepped from one another, the key stands apart."""
    values = _values(item)
    if values is None or len(values) < 4:
        return None
    order = sorted(range(len(values)), key=lambda i: _steps(values[i]))
    points = [_steps(values[i]) for i in order]
    for end, rest in ((order[0], points[1:]), (order[-1], points[:-1])):
        gaps = {round(b - a, 6) for a, b in itertools.pairwise(rest)}
        outer = points[1] - points[0] if end == order[0] else points[-1] - points[-2]
        if len(gaps) == 1 and round(outer, 6) not in gaps:
            return frozenset({end})
    return None


# -- cues that read the stem -----------------------------------------------------------------------


def _stem_before_blank(item: Item) -> str:
    stem = item.stem
    at = stem.find("_____")
    return stem[:at] if at >= 0 else stem


def echo(item: Item) -> Pick:
    """The choice repeating the most content words of the stem ('nuclear ...' for 'a nuclear reaction')."""
    stem = content_stems(item.stem)
    if not stem:
        return None
    return _argmax([len(content_stems(c) & stem) for c in item.choices])


_VOWEL_SOUND = re.compile(r"^(?:[aeiou]|hour|honou?r|heir|[AEFHILMNORSX][A-Z])", re.I)
_CONSONANT_SOUND = re.compile(r"^(?:eu|uni|use|usu|one|once)", re.I)


def _starts_with_vowel_sound(text: str) -> bool:
    t = text.strip().strip("\"'“‘(")
    return bool(_VOWEL_SOUND.match(t)) and not _CONSONANT_SOUND.match(t)


def article_fit(item: Item) -> Pick:
    """Grammar: after 'a' only a consonant sound fits, after 'an' a vowel; after 'the', no 'The ...'."""
    before = _stem_before_blank(item).rstrip()
    if not item.matching and "_____" not in item.stem and not re.search(r"\b(?:a|an|the)$", before, re.I):
        return None
    last = before.split()[-1].lower() if before.split() else ""
    if last == "a":
        return _subset([not _starts_with_vowel_sound(c) for c in item.choices])
    if last == "an":
        return _subset([_starts_with_vowel_sound(c) for c in item.choices])
    if last == "the":
        return _subset([not re.match(r"(?i)the\b", c.strip()) for c in item.choices])
    return None


_PLURAL_AFTER = re.compile(r"^\s*(?:were|are|have|do)\b", re.I)
_SINGULAR_AFTER = re.compile(r"^\s*(?:was|is|has|does)\b", re.I)
_PLURAL_ASKED = re.compile(r"^\s*(?:which|what|how many)\s+\w+s\s+(?:were|are|have|did)\b", re.I)


def _plural_looking(text: str) -> bool:
    last = words(text)[-1] if words(text) else ""
    return " and " in f" {text.lower()} " or (last.endswith("s") and not last.endswith("ss"))


def number_fit(item: Item) -> Pick:
    """Grammar: a plural verb after the blank ('_____ were') or a plural question wants a plural answer."""
    stem = item.stem
    at = stem.find("_____")
    after = stem[at + 5 :] if at >= 0 else ""
    if _PLURAL_AFTER.match(after) or (at < 0 and _PLURAL_ASKED.match(stem)):
        return _subset([_plural_looking(c) for c in item.choices])
    if _SINGULAR_AFTER.match(after):
        return _subset([not _plural_looking(c) for c in item.choices])
    return None


def _surface_kind(text: str) -> str:
    value = read_value(text)
    if value is not None:
        return value.precision
    tokens = text.split()
    if all(t[:1].isupper() for t in tokens if t.lower() not in _STOP):
        return "name"
    return "phrase"


_WANTS = [
    (re.compile(r"\b(?:in|by|from|until|since) (?:what|which) year\b|\bwhat year\b", re.I), "year"),
    (re.compile(r"\b(?:on )?what date\b|\bwhich day\b", re.I), "day"),
    (re.compile(r"\bwhich month\b|\bmonth and year\b", re.I), "month"),
    (re.compile(r"\bhow (?:many|much|long|far|deep|high|wide)\b", re.I), "number"),
    (re.compile(r"^\s*(?:who|whom|whose)\b", re.I), "name"),
]


def kind_fit(item: Item) -> Pick:
    """The choices of the kind the stem asks for ('In which year' wants a year, 'Who' a name; a blank
    after 'in' followed by a comma or the sentence's end wants a year or a place)."""
    wanted: str | None = None
    for pattern, kind in _WANTS:
        if pattern.search(item.stem):
            wanted = kind
            break
    if wanted is None and "_____" in item.stem:
        before = _stem_before_blank(item).rstrip().split()
        last = before[-1].lower() if before else ""
        if last in ("in", "since", "until") and re.match(r"^\s*(?:[,.;]|$)", item.stem.split("_____", 1)[1]):
            kinds = [_surface_kind(c) for c in item.choices]
            return _subset([k in ("year", "month", "day") for k in kinds])
        if last in ("by", "president", "minister", "leader", "general", "king", "queen", "emperor"):
            wanted = "name"
    if wanted is None:
        return None
    return _subset([_surface_kind(c) == wanted for c in item.choices])


def era_fit(item: Item) -> Pick:
    """The choice dated nearest the years the stem names ('the 1895 treaty': the choice 'of 1895')."""
    stem_years = [int(y) for y in _YEAR_IN_TEXT.findall(item.stem)]
    if not stem_years:
        return None
    distances: list[float] = []
    for choice in item.choices:
        years = [int(y) for y in _YEAR_IN_TEXT.findall(choice)]
        if not years:
            value = read_value(choice)
            if value is None or not value.parts:
                return None
            years = [dict(value.parts)["year"]]
        distances.append(min(abs(a - b) for a in years for b in stem_years))
    return _argmin(distances)


CUES: dict[str, Cue] = {
    "longest": longest,
    "shortest": shortest,
    "most words": most_words,
    "most specific": most_specific,
    "most like the others": most_like_others,
    "least like the others": least_like_others,
    "odd format": odd_format,
    "near-twin pair": twins,
    "opposite pair": opposites,
    "no absolute words": no_absolutes,
    "hedged words": hedged,
    "all of the above": all_of_the_above,
    "first position": first_position,
    "last position": last_position,
    "lowest value": lowest,
    "second lowest value": second_lowest,
    "second highest value": second_highest,
    "highest value": highest,
    "middle value": middle_value,
    "extreme value": extreme_value,
    "nearest the mean": nearest_mean,
    "nearest the geometric mean": nearest_log_mean,
    "only unrounded figure": only_unrounded,
    "only rounded figure": only_rounded,
    "set-apart value": odd_gap,
    "breaks the run": breaks_the_run,
    "echo of the stem": echo,
    "article fit": article_fit,
    "singular/plural fit": number_fit,
    "kind fit": kind_fit,
    "era fit": era_fit,
}


# -- scoring ---------------------------------------------------------------------------------------


@dataclass
class Tally:
    """One cue's record over a set of items."""

    applies: int = 0
    credit: float = 0.0
    chance: float = 0.0
    distinct: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    """The distinct questions (stem and choice set) it applied to."""

    @property
    def hit_rate(self) -> float:
        return self.credit / self.applies if self.applies else 0.0

    @property
    def chance_rate(self) -> float:
        return self.chance / self.applies if self.applies else 0.0

    @property
    def margin(self) -> float:
        """Points above chance (hit rate minus chance, in percentage points)."""
        return 100 * (self.hit_rate - self.chance_rate)


def score(items: Iterable[Item], cues: dict[str, Cue] = CUES) -> dict[str, Tally]:
    """Each cue's tally over `items`."""
    tallies = {name: Tally() for name in cues}
    for item in items:
        for name, cue in cues.items():
            picked = cue(item)
            if not picked:
                continue
            tally = tallies[name]
            tally.applies += 1
            tally.credit += (item.key in picked) / len(picked)
            tally.chance += 1 / len(item.choices)
            tally.distinct.add((item.stem, frozenset(item.choices)))
    return tallies


# -- items from the engine's questions -------------------------------------------------------------


def items_of(question: object) -> list[Item]:
    """The guesser's items of one generated question (none for types it does not guess)."""
    from rutw_quiz.questions import MatchingQuestion, MultipleChoiceQuestion

    if isinstance(question, MultipleChoiceQuestion):
        return [
            Item(
                question.id, question.prompt, tuple(question.choices), question.choices.index(question.answer)
            )
        ]
    if isinstance(question, MatchingQuestion):
        answers = tuple(question.choices.answers)
        return [
            Item(f"{question.id}#{i}", pair.statement, answers, answers.index(pair.answer), matching=True)
            for i, pair in enumerate(question.answer)
        ]
    return []


def deck_items(deck: object, seeds: Iterable[int], choices: Sequence[int] = (4,)) -> list[Item]:
    """Every multiple-choice and matching item of sets made from `deck` with these seeds.

    Each set asks every fact the type can ask (count = the deck's size), so one seed covers the
    deck; other seeds draw other wrong choices, orders and matching partners.
    """
    from rutw_quiz.errors import SelectionError
    from rutw_quiz.questions import QuestionOptions, QuestionType, generate_questions

    facts = len(deck.facts)  # type: ignore[attr-defined]
    items: list[Item] = []
    for seed in seeds:
        for qtype, counts in ((QuestionType.MULTIPLE_CHOICE, choices), (QuestionType.MATCHING, (4,))):
            for k in counts:
                options = QuestionOptions(count=facts, seed=seed, types=(qtype,), choices=k)
                try:
                    result = generate_questions([deck], options)  # type: ignore[list-item]
                except SelectionError:
                    continue
                for question in result.questions:
                    items.extend(items_of(question))
    return items
