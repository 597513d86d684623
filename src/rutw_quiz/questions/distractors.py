"""Wrong answers of the right kind: from the fact, from the deck, or made up for figures.

The deck's answers are indexed by category once (`AnswerIndex`), so choosing distractors costs
about the same for a fact of a 50-fact deck as of a 10,000-fact one. Choices in words are chosen
to look like the key (`look_alike`); years, dates and numbers are made up so that the key's place
among them gives nothing away (`made_up`).
"""

from __future__ import annotations

import bisect
import calendar
import random
import re
from collections import Counter, deque
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache

from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.deck.numbers import read_figure
from rutw_quiz.deck.ranges import first_day, last_day
from rutw_quiz.questions import look_alike, made_up
from rutw_quiz.questions.figures import FigureContext
from rutw_quiz.text import contains_phrase, normalize_answer

_ISO_DATE = re.compile(r"^\d{1,4}-\d{1,2}(?:-\d{1,2})?$")
_MONTH_FIRST = re.compile(r"^[A-Za-z]+\.?\s+\d{1,2},?\s+\d{1,4}$")
_SAMPLE_TRIES = 40
MIN_WRONG = 2
"""The fewest wrong choices of a multiple-choice question (three choices in all)."""
POOL_SIZE = 8
"""Same-category answers gathered per question before the look-alike choice is made."""
SAME_QUESTION_SHARE = 0.75
"""Two facts whose statements (answers aside) share this share of their content words ask nearly the
same thing: one's answer may be true of the other ("the Danube flows through Vienna / Budapest")."""
COMMON_SHARE = 0.1
"""A name in more than this share of a deck's statements ('Taiwan') is the deck's topic, no subject."""
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]{2,}")
_POSSESSIVE = re.compile(r"['’]s$")
_CALENDAR_WORDS = frozenset(
    [*(m.casefold() for m in calendar.month_name[1:]), *(m.casefold() for m in calendar.month_abbr[1:])]
    + [d.casefold() for d in calendar.day_name]
)


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


_RECENT_INDEXES: deque[tuple[Deck, AnswerIndex]] = deque(maxlen=8)
"""The last decks indexed, by identity (a run reads a few decks; a test process makes many)."""


@dataclass
class AnswerIndex:
    """Each category's distinct answers in one deck, in deck order (for deterministic sampling).

    Also groups facts that ask the same question (equal prompts, or equal statements
    around the answer), so another fact's answer to the same question is never offered
    as a wrong one; and, built on first use, the dates of the facts about each subject,
    which bound made-up years and dates.
    """

    by_shelf: dict[Shelf, list[str]] = field(default_factory=dict)
    owner: dict[tuple[Shelf, str], Fact] = field(default_factory=dict)
    same_question: dict[str, list[Fact]] = field(default_factory=dict)
    latest: PartialDate | None = None
    """The deck's latest date: made-up years and dates never go past what the deck knows."""
    answers: set[str] = field(default_factory=set)
    """Every answer of the deck (its key): never put in a false statement about another fact."""
    deck: Deck | None = None
    _subjects: dict[str, tuple[list[int], list[PartialDate], list[int], list[PartialDate]]] | None = None
    _windows: dict[str, made_up.Window] = field(default_factory=dict)
    _longest_share: float | None = None
    _possible: dict[tuple[str, int], bool] = field(default_factory=dict)

    @classmethod
    def of(cls, deck: Deck) -> AnswerIndex:
        """Index the answers of `deck` by category (and date precision), and its questions.

        The same deck object gets the same index (its caches included) within a run: the
        selection and a worksheet's extra matching answers index a 40,000-fact deck once.
        """
        for known, index in _RECENT_INDEXES:
            if known is deck:
                return index
        index = cls._build(deck)
        _RECENT_INDEXES.appendleft((deck, index))
        return index

    @classmethod
    def _build(cls, deck: Deck) -> AnswerIndex:
        index = cls(deck=deck)
        for fact in deck.facts:
            if not fact.kind.is_numeric:
                index.answers.add(normalize_answer(fact.answer))
            place = shelf(fact)
            if place is not None:
                key = answer_key(fact.kind, fact.answer)
                if (place, key) not in index.owner:
                    index.owner[place, key] = fact
                    index.by_shelf.setdefault(place, []).append(fact.answer)
            for question in _question_keys(fact):
                index.same_question.setdefault(question, []).append(fact)
            for when in (fact.when, made_up.answer_date(fact)):
                if when is not None and (index.latest is None or when > index.latest):
                    index.latest = when
        return index

    def prepare(self) -> None:
        """Build now what is otherwise built on first use for the whole deck, so that worker
        processes forked after this share it rather than each building its own."""
        if self.deck is not None:
            self._subject_index()

    def same_category(self, fact: Fact) -> list[str]:
        """The deck's answers that could stand in for this fact's answer (same kind and category)."""
        place = shelf(fact)
        return self.by_shelf.get(place, []) if place is not None else []

    def owner_of(self, fact: Fact, answer: str) -> Fact | None:
        """The fact whose answer `answer` is, in `fact`'s category."""
        place = shelf(fact)
        return self.owner.get((place, answer_key(fact.kind, answer))) if place is not None else None

    def other_true_answers(self, fact: Fact) -> set[str]:
        """Answer keys of other facts that answer the same question (so are not wrong)."""
        keys: set[str] = set()
        for question in _question_keys(fact):
            for other in self.same_question.get(question, ()):
                if other is not fact and other.kind is fact.kind:
                    keys.update(answer_key(fact.kind, a) for a in other.accepted)
        return keys

    @property
    def longest_share(self) -> float:
        """The share of the deck's multiple-choice facts in words whose answer is longer than every
        wrong answer they can draw on (so always the longest choice); see `look_alike.choose`."""
        if self._longest_share is None:
            considered = always = 0
            for fact in self.deck.facts if self.deck is not None else ():
                if fact.kind.is_numeric or fact.prompt is None:
                    continue
                same = self.same_category(fact)
                if len(same) > 4 * POOL_SIZE:
                    considered += 1
                    continue
                right = {normalize_answer(a) for a in fact.accepted}
                qualifiers = prompt_qualifiers(fact.prompt, tuple(fact.accepted))
                if qualifiers:  # the answers `_from_deck` would offer
                    same = [
                        a for a in same if (o := self.owner_of(fact, a)) is None or qualifiers <= _stems_of(o)
                    ]
                lengths = [len(c) for c in [*fact.distractors, *same] if normalize_answer(c) not in right]
                if len(lengths) >= 2:
                    considered += 1
                    always += max(lengths) < len(fact.answer)
            self._longest_share = always / considered if considered else 0.0
        return self._longest_share

    def settle_figures(self, facts: Sequence[Fact], choices: int) -> None:
        """Work out now, on every core, where made-up figures may lie for each year, date or number
        fact of `facts` and whether they fit `choices` choices (as a multiple-choice question asks
        `figures_possible`), and keep the answers here: worker processes forked after this (a
        practice page's rounds) share them rather than each working them out again."""
        from functools import partial

        from rutw_quiz.parallel import run_all, slices

        figures = [f for f in facts if f.kind.is_numeric]
        tasks = [
            partial(self._figures_settled, figures[part.start : part.stop], choices)
            for part in slices(len(figures), per_worker=2)
        ]
        for settled in run_all(tasks, facts=len(facts)):
            for fact_id, window, possible in settled:
                self._windows[fact_id] = window
                self._possible.update(((fact_id, others), found) for others, found in possible.items())

    def _figures_settled(
        self, facts: Sequence[Fact], choices: int
    ) -> list[tuple[str, made_up.Window, dict[int, bool]]]:
        """For each fact: its window, and `figures_possible` for each count of wrong values that a
        multiple-choice question of `choices` choices would ask about (see `_figures`)."""
        settled = []
        for fact in facts:
            others = min(choices, fact.choices or choices) - 1
            possible: dict[int, bool] = {}
            while True:
                possible[others] = self.figures_possible(fact, others)
                if possible[others] or others <= MIN_WRONG:
                    break
                others -= 1
            settled.append((fact.id, self.window(fact), possible))
        return settled

    def figures_possible(self, fact: Fact, others: int) -> bool:
        """Whether made-up figures can put the key at every rank (see `made_up.possible`); cached."""
        found = self._possible.get((fact.id, others))
        if found is None:
            found = self._possible[fact.id, others] = made_up.possible(fact, self.window(fact), others)
        return found

    def window(self, fact: Fact) -> made_up.Window:
        """Where made-up values for this fact may lie (see `made_up.window_of`); cached per fact."""
        found = self._windows.get(fact.id)
        if found is None:
            found = self._windows[fact.id] = made_up.window_of(fact, self._subject_dates(fact), self.latest)
        return found

    def _subject_dates(self, fact: Fact) -> list[PartialDate]:
        """The nearest dates before and after the answer's among facts sharing a rare name with it."""
        key = made_up.answer_date(fact)
        if key is None or self.deck is None:
            return []
        subjects = self._subject_index()
        start, end = first_day(key).toordinal(), last_day(key).toordinal()
        found: list[PartialDate] = []
        for name in subject_names(fact):
            if name not in subjects:
                continue
            ends, ending, starts, starting = subjects[name]
            before = bisect.bisect_left(ends, start) - 1
            if before >= 0:
                found.append(ending[before])
            after = bisect.bisect_right(starts, end)
            if after < len(starts):
                found.append(starting[after])
        return found

    def _subject_index(self) -> dict[str, tuple[list[int], list[PartialDate], list[int], list[PartialDate]]]:
        if self._subjects is None:
            assert self.deck is not None
            names = {f.id: subject_names(f) for f in self.deck.facts}
            frequency: Counter[str] = Counter(n for found in names.values() for n in found)
            limit = max(2, COMMON_SHARE * len(self.deck.facts))
            dated: dict[str, list[PartialDate]] = {}
            for fact in self.deck.facts:
                if fact.when is None:
                    continue
                for name in names[fact.id]:
                    if frequency[name] <= limit:
                        dated.setdefault(name, []).append(fact.when)
            self._subjects = {}
            for name, dates in dated.items():
                by_end = sorted(dates, key=last_day)
                by_start = sorted(dates, key=first_day)
                self._subjects[name] = (
                    [last_day(d).toordinal() for d in by_end],
                    by_end,
                    [first_day(d).toordinal() for d in by_start],
                    by_start,
                )
        return self._subjects


def subject_names(fact: Fact) -> frozenset[str]:
    """The names a statement mentions, its answer's among them: capitalised words not opening the
    sentence, month and weekday names aside ('Tuapse', 'Khrushchev', 'Baikal')."""
    return frozenset(
        name
        for m in _CAPITALISED.finditer(fact.statement)
        if m.start() > 0 and (name := _POSSESSIVE.sub("", m.group().casefold())) not in _CALENDAR_WORDS
    )


def _question_keys(fact: Fact) -> tuple[str, ...]:
    """What identifies the question a fact answers: its prompt, and its statement minus the answer."""
    frame = " ".join(fact.statement.replace(fact.answer, "\0").casefold().split())
    if fact.prompt is None:
        return (f"s:{frame}",)
    return (f"s:{frame}", "p:" + " ".join(fact.prompt.casefold().split()))


def frame_words(fact: Fact) -> frozenset[str]:
    """The content words of a fact's statement, its answer aside: what it says about the answer."""
    return _frame(fact.statement, fact.answer)


@lru_cache(maxsize=1 << 16)
def _frame(statement: str, answer: str) -> frozenset[str]:
    return look_alike.content_stems(statement.replace(answer, " "))


def nearly_the_same(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two statements' `frame_words` are mostly the same (they ask the same question)."""
    return bool(a and b) and len(a & b) >= SAME_QUESTION_SHARE * len(a | b)


def asks_nearly_the_same(a: Fact, b: Fact) -> bool:
    """Whether two facts' statements, answers aside, are mostly the same words (same question)."""
    return nearly_the_same(frame_words(a), frame_words(b))


@lru_cache(maxsize=1 << 17, typed=True)
def answer_key(kind: AnswerKind, text: str) -> str:
    """What makes two answers the same: the value for dates and numbers, else the normalised text
    (cached: a set compares every answer of a category against many questions)."""
    if kind is AnswerKind.DATE:
        try:
            return str(parse_partial_date(text))
        except ValueError:
            pass
    elif kind in (AnswerKind.NUMBER, AnswerKind.YEAR):
        figure = read_figure(text)
        if figure is not None:
            return figure.key
    return normalize_answer(text)


class _Filter:
    """Which candidates may be wrong choices of a fact: never right, never a giveaway.

    `also_true` and `excluded` are read, never copied: `excluded` holds the answers of the whole
    set so far, and a copy per question would make a set's cost grow with its square.
    """

    def __init__(self, fact: Fact, prompt: str | None, also_true: Set[str], excluded: Set[str]) -> None:
        self.fact = fact
        self.figure = FigureContext(fact)
        self.prompt = prompt
        self._keys = {answer_key(fact.kind, a) for a in fact.accepted}
        self._also_true = also_true
        self._excluded = excluded

    def refuses(self, candidate: str) -> bool:
        """Whether the candidate is refused by its value alone (right, taken, or kept out): cheap,
        so a large category's answers are mostly turned away before any closer look."""
        return self._free_key(candidate) is None

    def allows(self, candidate: str) -> bool:
        return self._free_key(candidate) is not None and self._fits(candidate)

    def take(self, candidate: str) -> bool:
        """Allow the candidate once: an equal answer later is refused."""
        key = self._free_key(candidate)
        if key is None or not self._fits(candidate):
            return False
        self._keys.add(key)
        return True

    def _free_key(self, candidate: str) -> str | None:
        key = answer_key(self.fact.kind, candidate)
        if not key or key in self._keys or key in self._also_true or key in self._excluded:
            return None
        return key

    def _fits(self, candidate: str) -> bool:
        if not self.figure.can_replace(candidate):
            return False
        # A choice containing the answer (or contained in it) would be a second right choice.
        if any(contains_phrase(candidate, a) or contains_phrase(a, candidate) for a in self.fact.accepted):
            return False
        return self.prompt is None or not contains_phrase(self.prompt, candidate)


def pick_distractors(
    fact: Fact,
    index: AnswerIndex,
    count: int,
    rng: random.Random,
    prompt: str | None = None,
    *,
    for_statement: bool = False,
    avoid: Set[str] = frozenset(),
) -> list[str]:
    """Up to `count` wrong answers of the fact's kind, never equal to the answer or an alias.

    For a choice list (`for_statement` False): in words, the fact's own distractors and answers of
    the same category, chosen to look like the key (empty when no list can hide the key); for years,
    dates and numbers, made-up values spread so the key's place gives nothing away (empty when the
    fact's window is too narrow for that).

    For a false statement (`for_statement`, `prompt` = the statement): one of the fact's own
    distractors, or for a figure a made-up value; never another fact's answer, which is the real
    name of something else and may even be true of this statement too.

    `avoid` (answer keys of other questions of the set) are left out where the list can do
    without them: shown among these choices, they would give those questions away.
    """
    if count < 1:
        return []
    if avoid:
        preferred = _pick(fact, index, count, random.Random(rng.random()), prompt, for_statement, avoid)
        if len(preferred) == count and not _longest_in_words(fact, preferred, for_statement):
            return preferred
    return _pick(fact, index, count, rng, prompt, for_statement, frozenset())


def _longest_in_words(fact: Fact, wrong: Sequence[str], for_statement: bool) -> bool:
    """Whether a choice list in words would show the key as its longest choice.

    Without the set's other answers a list is often the fact's own distractors alone, which
    may all be shorter than the key: the list is then drawn again from the whole deck, where
    the key is the longest only as often as chance (`look_alike.choose`).
    """
    if for_statement or fact.kind.is_numeric:
        return False
    return all(len(w) < len(fact.answer) for w in wrong)


def _pick(
    fact: Fact,
    index: AnswerIndex,
    count: int,
    rng: random.Random,
    prompt: str | None,
    for_statement: bool,
    excluded: Set[str],
) -> list[str]:
    keep = _Filter(fact, prompt, index.other_true_answers(fact), excluded)
    if fact.kind.is_numeric:
        return _figures(fact, index, count, rng, keep, for_statement)
    own = [c for c in fact.distractors if keep.take(c)]
    if for_statement:
        # Not even an own distractor that is another fact's answer: the real name of something else.
        own = [c for c in own if answer_key(fact.kind, c) not in index.answers]
        return [own[rng.randrange(len(own))]] if own else []
    candidates = [look_alike.Candidate(c, own=True) for c in own]
    candidates += [look_alike.Candidate(c, own=False) for c in _from_deck(fact, index, keep, rng)]
    return look_alike.choose(fact.answer, prompt, candidates, count, rng, index.longest_share) or []


def _from_deck(fact: Fact, index: AnswerIndex, keep: _Filter, rng: random.Random) -> list[str]:
    """Up to POOL_SIZE answers of the same category that may stand in for the answer.

    On a large category a few random draws, else one shuffled pass, so the cost per question
    stays constant.
    """
    answers = index.same_category(fact)
    found: list[str] = []

    qualifiers = prompt_qualifiers(fact.prompt or "", tuple(fact.accepted))

    def offer(candidate: str) -> None:
        if keep.refuses(candidate):
            return
        owner = index.owner_of(fact, candidate)
        if owner is not None and owner is not fact and asks_nearly_the_same(fact, owner):
            return
        if qualifiers and owner is not None and not qualifiers <= _stems_of(owner):
            return  # 'Which African lake …?': Lake Baikal, whose own fact says nothing of Africa
        if keep.take(candidate):
            found.append(candidate)

    if len(answers) > 4 * POOL_SIZE:
        for _ in range(_SAMPLE_TRIES):
            if len(found) >= POOL_SIZE:
                break
            offer(answers[rng.randrange(len(answers))])
        return found
    order = list(range(len(answers)))
    rng.shuffle(order)
    for i in order:
        if len(found) >= POOL_SIZE:
            break
        offer(answers[i])
    return found


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _stem(word: str) -> str:
    """A word cut to five letters: 'African' and 'Africa', 'Japanese' and 'Japan' alike."""
    return word.casefold()[:5]


_ASKED_NOUN_NAMES = re.compile(r"\b(?:[Ww]hich|[Ww]hat)\s+((?:[A-Z][\w'’-]*\s+)+)(?=[a-z])")
"""'Which African lake', 'what Japanese town': names set before the noun a question asks for."""


@lru_cache(maxsize=1 << 16)
def prompt_qualifiers(prompt: str, accepted: tuple[str, ...]) -> frozenset[str]:
    """The names a prompt narrows its answer's kind by ('Which African lake …?'), outside the answer.

    Another fact's answer is a fair wrong choice only when its own fact names them too (Lake
    Baikal's fact says nothing of Africa); the author's own distractors were chosen knowing them.
    Names elsewhere in the prompt ('closest to the Sun') are what it asks about, not its kind.
    """
    answer = {_stem(w) for text in accepted for w in _WORD.findall(text)}
    return frozenset(
        _stem(w)
        for match in _ASKED_NOUN_NAMES.finditer(prompt)
        for w in _WORD.findall(match[1])
        if _stem(w) not in answer
    )


def _stems_of(fact: Fact) -> frozenset[str]:
    return _fact_stems(fact.statement, fact.prompt or "", fact.answer, fact.event or "")


@lru_cache(maxsize=1 << 16)
def _fact_stems(*texts: str) -> frozenset[str]:
    return frozenset(_stem(w) for text in texts for w in _WORD.findall(text))


def _figures(
    fact: Fact, index: AnswerIndex, count: int, rng: random.Random, keep: _Filter, for_statement: bool
) -> list[str]:
    window = index.window(fact)
    own = list(
        {
            answer_key(fact.kind, c): c
            for c in fact.distractors
            if _in_window(fact, c, window) and keep.allows(c)
        }.values()
    )
    if for_statement:
        if own:
            return [_same_style(fact.kind, fact.answer, own[rng.randrange(len(own))])]
        made = made_up.false_number(fact, window, rng) if fact.kind is AnswerKind.NUMBER else None
        if fact.kind is not AnswerKind.NUMBER:
            date = made_up.false_date(fact, window, rng)
            made = str(date) if date is not None else None
        return [_same_style(fact.kind, fact.answer, made)] if made is not None and keep.allows(made) else []
    while count > MIN_WRONG and not index.figures_possible(fact, count):
        count -= 1  # room on each side for fewer only
    values = made_up.figure_set(fact, window, count, rng) if index.figures_possible(fact, count) else None
    if values is not None and all(keep.allows(v) for v in values):
        return [_same_style(fact.kind, fact.answer, v) for v in values]
    # No room for a fair made-up set. The author's own values would put the key at the same rank
    # every time (2 moons among 1, 3 and 4 is always second): not asked as multiple choice.
    return []


def _in_window(fact: Fact, text: str, window: made_up.Window) -> bool:
    if fact.kind is AnswerKind.NUMBER:
        figure = read_figure(text)
        return figure is None or window.holds_value(figure.value)
    try:
        date = PartialDate(int(text)) if text.strip().isdecimal() else parse_partial_date(text)
    except ValueError:
        return False
    return window.holds_date(date)


def _same_style(kind: AnswerKind, answer: str, value: str) -> str:
    """Write a distractor in the answer's style (digit groups; ISO or month-first dates), so the style
    gives nothing away."""
    if kind is AnswerKind.NUMBER:
        figure = read_figure(value)
        grouped = "," in answer and figure is not None and not figure.decimals and not figure.scale
        return f"{int(figure.mantissa):,}" if grouped and figure is not None else value
    if kind is not AnswerKind.DATE:
        return value
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
