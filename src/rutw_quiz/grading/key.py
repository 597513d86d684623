"""What counts as right and wrong for each typed-answer question, precomputed per deck.

`AnswerKey.of(decks)` indexes a deck once (`DeckIndex`: every answer and alias as a refused form
with an exact, a content-word and a typo index, the surnames of its people, the acronyms of its
answers); `key.for_question(q)` gives a `QuestionKey`: the accepted forms (answer, aliases,
acronyms unique in the deck, the surname alone where no other person shares it, other
romanisations and spellings of its words, hyphens optional), the question's own refused forms
(its distractors, opposites by prefix), the words allowed around an answer (its texts, its
category, the deck's setting for a place), and what a number, year or date must be.
The deck's refused forms are shared by every question of the deck, never copied into one.

Grading is then a cheap match against these tables, simple enough for the browser page to
repeat from the same tables (`tables.py`, `templates/practice/grader.js`). A verdict the rules
cannot make certain (a slip too many, another English word one letter away, unknown words
around the answer) is wrong with `check` set: a teacher reads those rows, a student may say
they were right.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Protocol

from rutw_quiz.deck.checks import parse_number
from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.grading.deck_index import DeckIndex
from rutw_quiz.grading.elements import symbol_spellings
from rutw_quiz.grading.forms import (
    INVISIBLE,
    MAX_TYPED_CHARS,
    NEGATIONS,
    QUALIFIER_WORDS,
    QUALIFIERS,
    RANKS,
    STOPWORDS,
    TITLES,
    AmbiguousDateError,
    grading_words,
    qualifier_classes,
    read_date,
    read_number,
    typed_words,
)
from rutw_quiz.grading.number_words import UNITS, words_to_number
from rutw_quiz.grading.romanization import name_variants
from rutw_quiz.grading.spellings import (
    _DASHES,
    _INITIALS,
    _PERSON_KINDS,
    _ROMAN,
    NAME_SUFFIXES,
    NUMBER_TOKENS,
    ONE_WORDS,
    SHORT_WORD,
    UNIT_WORDS,
    Form,
    Words,
    _acronym,
    _forms,
    _is_chinese_style,
    _name_tokens,
    _proper_words,
    _short,
    _surname,
    content_words,
    rival_allowance,
    word_allowance,
)
from rutw_quiz.grading.verdict import Grade, Outcome, edit_distance, single


class TypedQuestion(Protocol):
    """What a key is built from: a fill-in or short-answer question (or a fact asked as one)."""

    @property
    def id(self) -> str: ...
    @property
    def deck_id(self) -> str: ...
    @property
    def fact_id(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def accepted(self) -> list[str]: ...
    @property
    def answer_kind(self) -> str: ...
    @property
    def prompt(self) -> str: ...
    @property
    def explanation(self) -> str: ...


OPPOSITE_PREFIXES = ("in", "un", "il", "ir", "im", "non", "dis")
COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
)
WATERS = frozenset({"sea", "ocean", "bay", "gulf", "strait", "straits", "lake", "river", "channel"})
WHOLE = frozenset(
    {"whole", "entire", "entirely", "full", "fully", "complete", "completely", "throughout", "wholly"}
)
"""Words with which a statement says something holds in full ('along its whole length')."""
IN_FULL = frozenset({"fully", "completely", "entirely", "wholly", "totally"})
"""Adverbs a student may put to an answer whose statement says it holds in full ('fully electrified')."""
PERCENT = frozenset({"percent", "percentage", "pct"})
PLACE_KINDS = (AnswerKind.PLACE, AnswerKind.COUNTRY)
"""Answers the deck's setting is said of ('Irkutsk, Siberia')."""
KIND_NOUNS = WATERS | frozenset(
    {"island", "isle", "mount", "mountain", "station", "railway", "railroad", "bridge"}
)
"""Words that say what kind of place a name is, written before or after it ('River Angara', 'Angara River')."""
MAX_EXTRA_WORDS = 3
"""Unknown words around the answer that still make a `check` rather than a plain wrong."""


@dataclass(frozen=True)
class PersonName:
    """A person's name as the name rule reads it: given names (each with its spellings) and surname."""

    given: tuple[tuple[str, ...], ...]
    surname: tuple[Form, ...]
    names: frozenset[str] = frozenset()
    """Words the fact's texts write with a capital (other people's names among them): typed before
    the surname, such a word is a first name, not a word about the person."""


_WRONG_CHOICE = "wrong: that is one of this question's wrong choices"
_KNOWN_WRONG = "wrong: that is another answer of the deck"


@dataclass(frozen=True)
class KeySource:
    """What a key's lazily built tables are made from: the texts around the question and the fact."""

    texts: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()
    known_wrong: tuple[str, ...] = ()
    proper: frozenset[str] = frozenset()
    person: PersonName | None = None
    full_date: PartialDate | None = None


@dataclass
class QuestionKey:
    """The precomputed tables for one question, and the match that grades a typed answer."""

    fact_id: str
    expected: str
    kind: AnswerKind
    accepted: list[Form]
    value: PartialDate | int | None = None
    pool: DeckIndex | None = None
    source: KeySource = field(default_factory=KeySource, repr=False)
    _accepted_exact: dict[Words, Form] = field(default_factory=dict, init=False, repr=False)
    _accepted_joined: dict[str, Form] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for form in self.accepted:
            self._accepted_exact.setdefault(form.words, form)
            self._accepted_joined.setdefault("".join(form.words), form)
        self._order = list(self.accepted)  # as written, before the longest-first sort below
        self.accepted.sort(key=lambda f: -len(f.words))

    # Everything below is worked out on first use: most answers are settled by the exact lookups,
    # and a class's CSV may name thousands of questions once each.

    @cached_property
    def opposites(self) -> dict[str, str]:
        """Opposite word -> the answer's word, for words no accepted form is on its own."""
        single = {f.words for f in self.accepted}
        return {k: v for k, v in _opposites(self._order).items() if (k,) not in single}

    @cached_property
    def refused(self) -> list[Form]:
        """The question's own refused forms: its wrong choices, answers known wrong, opposites."""
        src = self.source
        own = [f for text in src.distractors for f in _forms(text, _WRONG_CHOICE, self.kind, text)]
        own += [f for text in src.known_wrong for f in _forms(text, _KNOWN_WRONG, self.kind, text)]
        own += _opposite_forms(self._order, self.opposites)
        return [f for f in own if f.words not in self._accepted_exact]

    @cached_property
    def context(self) -> frozenset[str]:
        """Words a student may write around the answer."""
        src = self.source
        setting = self.pool.setting if self.pool is not None and self.kind in PLACE_KINDS else frozenset()
        return _context_words(src.texts, self.kind, self._order, src.distractors, setting) - set(
            self.opposites
        )

    @cached_property
    def qualifiers(self) -> frozenset[str]:
        """'more', 'about', ...: what the statement says of its number."""
        return (
            _statement_qualifiers(self.source.texts, self.expected) if self.kind.is_numeric else frozenset()
        )

    @cached_property
    def unit(self) -> tuple[str, int] | None:
        """The statement's unit of the answer's number ('14 days')."""
        return _statement_unit(self.source.texts, self.expected) if self.kind is AnswerKind.NUMBER else None

    @cached_property
    def real(self) -> frozenset[str]:
        """English words one slip from an answer's word: never its typo."""
        return frozenset() if self.kind.is_numeric else _real_near(self._order, self.source.proper)

    @cached_property
    def person(self) -> PersonName | None:
        """A person's given names and surname, for the name rule."""
        return self.source.person

    @cached_property
    def full_date(self) -> PartialDate | None:
        """The fact's own date, where fuller than the year or date asked."""
        return self.source.full_date

    @cached_property
    def _accepted_content(self) -> dict[Words, Form]:
        found: dict[Words, Form] = {}
        for form in self._order:
            content = content_words(form.words)
            if content:
                found.setdefault(content, form)
        return found

    @cached_property
    def _accepted_bag(self) -> dict[Words, Form]:
        found: dict[Words, Form] = {}
        for form in self._order:
            content = content_words(form.words)
            if content:
                found.setdefault(tuple(sorted(content)), form)
        return found

    @cached_property
    def _refused_exact(self) -> dict[Words, Form]:
        found: dict[Words, Form] = {}
        for form in self.refused:
            found.setdefault(form.words, form)
        return found

    @cached_property
    def _refused_content(self) -> dict[Words, Form]:
        found: dict[Words, Form] = {}
        for form in self.refused:
            found.setdefault(content_words(form.words), form)
        return found

    @cached_property
    def _refused_by_length(self) -> dict[int, list[Form]]:
        found: dict[int, list[Form]] = {}
        for form in self.refused:
            found.setdefault(len(form.words), []).append(form)
        return found

    @cached_property
    def _own_words(self) -> frozenset[str]:
        return frozenset(w for form in self.accepted for w in form.words)

    @cached_property
    def _refused_words(self) -> frozenset[str]:
        return frozenset(w for form in self.refused for w in form.words)

    # -- refused forms: the question's own, then the deck's (never this fact's) ------------------

    def foreign(self, word: str) -> bool:
        """A word of another answer or a wrong choice (and not of this answer): it names something else."""
        if word in self._own_words or word in STOPWORDS:
            return False
        return word in self._refused_words or (self.pool is not None and word in self.pool.answer_words)

    def _pooled(self, indices: Iterable[int]) -> Form | None:
        assert self.pool is not None
        for i in indices:
            fact_id, form = self.pool.refusals[i]
            if fact_id != self.fact_id and form.words not in self._accepted_exact:
                return form
        return None

    def refused_exact(self, words: Words) -> Form | None:
        """The refused form written exactly so, the deck's answers first."""
        if self.pool is not None:
            found = self._pooled(self.pool.exact.get(words, ()))
            if found is not None:
                return found
        return self._refused_exact.get(words)

    def refused_content(self, content: Words) -> Form | None:
        """The refused form with these content words, the deck's answers first."""
        if self.pool is not None:
            found = self._pooled(self.pool.content.get(content, ()))
            if found is not None:
                return found
        return self._refused_content.get(content)

    def rival(self, words: Words) -> tuple[int, Form] | None:
        """The refused form closest to the typed words (fewest edits, then first in order)."""
        best: tuple[int, int, Form] | None = None
        if self.pool is not None:
            for i in sorted(self.pool.near(words)):
                fact_id, form = self.pool.refusals[i]
                if fact_id == self.fact_id or form.words in self._accepted_exact:
                    continue
                distance = _rival_match(words, form)
                if distance is not None and (best is None or (distance, i) < best[:2]):
                    best = (distance, i, form)
        offset = len(self.pool.refusals) if self.pool is not None else 0
        for j, form in enumerate(self._refused_by_length.get(len(words), [])):
            distance = _rival_match(words, form)
            if distance is not None and (best is None or (distance, offset + j) < best[:2]):
                best = (distance, offset + j, form)
        return None if best is None else (best[0], best[2])

    # -- grading ---------------------------------------------------------------------------------

    def grade(self, typed: str) -> Grade:
        """The verdict on `typed`, with a reason a student can read."""
        if len(typed) > MAX_TYPED_CHARS:
            return self._verdict(Outcome.WRONG, f"wrong: longer than any answer ({len(typed):,} characters)")
        if not typed.isascii():
            typed = INVISIBLE.sub("", typed)
        words = typed_words(typed)
        if not words:
            return self._verdict(Outcome.WRONG, "wrong: nothing typed")
        hit = self._accepted_exact.get(words)
        if hit is None and not self.kind.is_numeric:  # 'Star Link', 'Co-ordination': spacing differs
            hit = self._accepted_joined.get("".join(words))
        if hit is not None:
            return self._verdict(Outcome.CORRECT, hit.reason)
        if self.kind.is_numeric and self.value is not None:
            return self._grade_value(typed, words)
        miss = self.refused_exact(words)
        if miss is not None:
            return self._verdict(Outcome.WRONG, miss.reason)
        best = _closest(words, self.accepted, self.real, self.foreign)
        rival = self.rival(words)
        if rival is not None and (best is None or rival[0] <= best[0]):
            return self._verdict(Outcome.WRONG, f"wrong: close to '{rival[1].shown}' ({_why(rival[1])})")
        if best is not None:
            _, form, doubt = best
            if doubt:
                return self._check(f"close to '{form.shown}', but {doubt}")
            return self._verdict(Outcome.TYPO, f"correct, with a typo: {form.shown}")
        found = self._by_content(words)
        if found is not None:
            return found
        named = self._by_name(typed)
        if named is not None:
            return named
        certain, unsure = self._in_context(words)
        if certain is not None:
            return certain
        if unsure is not None:
            return unsure
        for word in words:
            if word in self.opposites:
                return self._verdict(
                    Outcome.WRONG, f"wrong: '{word}' is the opposite of '{self.opposites[word]}'"
                )
        return self._verdict(Outcome.WRONG, "wrong")

    def _verdict(self, outcome: Outcome, reason: str) -> Grade:
        return single(self.fact_id, outcome, self.expected, reason)

    def _check(self, why: str) -> Grade:
        return single(self.fact_id, Outcome.WRONG, self.expected, f"wrong: {why}", check=True)

    def _by_content(self, words: Words) -> Grade | None:
        """The answer's own words with other small words, or '1st' for 'First', 'II' for 'Two'."""
        content = content_words(words)
        if not content:
            return None
        form = self._accepted_content.get(content)
        bag = None if form is not None else self._accepted_bag.get(tuple(sorted(content)))
        if form is None and bag is None:
            return None
        miss = self.refused_content(content)
        if miss is not None:
            return self._verdict(Outcome.WRONG, miss.reason)
        if form is not None:
            return self._verdict(Outcome.CORRECT, f"correct: '{form.shown}' in other small words")
        assert bag is not None
        # two words swapped are one thing only as 'X of Y' read 'Y X' ('Peking Convention'), or a
        # kind of place and its name ('the river Angara'); 'Union Soviet' or a name reversed is a check
        if len(content) >= 3 or "of" in bag.words or set(content) & KIND_NOUNS:
            return self._verdict(Outcome.CORRECT, f"correct: the words of '{bag.shown}' in another order")
        return self._check(f"the words of '{bag.shown}' in another order")

    def _in_context(self, words: Words) -> tuple[Grade | None, Grade | None]:
        """An accepted form inside the typed words, every other word harmless context; else the
        first such form with a few unknown words around it, as a check. A form of several words
        may have other words between its own, written exactly ('the Portsmouth peace treaty')."""
        unsure: tuple[Form, Words] | None = None
        for form in self.accepted:
            n = len(form.words)
            if n >= len(words) or all(w in STOPWORDS or len(w) == 1 for w in form.words):
                continue  # a form of small words only ('He' for helium) is no answer inside a sentence
            for start in range(len(words) - n + 1):
                matched = _match(words[start : start + n], form, self.real, self.foreign)
                if matched is None:
                    continue
                distance, doubt = matched
                unknown = self._unknown(words, range(start, start + n))
                if not unknown:
                    if doubt:
                        return self._check(f"close to '{form.shown}', but {doubt}"), None
                    if distance:
                        return self._verdict(Outcome.TYPO, f"correct, with a typo: {form.shown}"), None
                    return self._verdict(
                        Outcome.CORRECT, f"correct: '{form.shown}' with words around it"
                    ), None
                if unsure is None and not doubt and self._harmless(unknown):
                    unsure = (form, unknown)
        for form in self.accepted:
            n = len(form.words)
            if n < 2 or n >= len(words) or all(w in STOPWORDS for w in form.words):
                continue
            at = _spread(words, form.words)
            if at is None:
                continue
            unknown = self._unknown(words, at)
            if not unknown:
                return self._verdict(Outcome.CORRECT, f"correct: '{form.shown}' with words around it"), None
            if unsure is None and self._harmless(unknown):
                unsure = (form, unknown)
        if unsure is not None:
            form, unknown = unsure
            return None, self._check(f"'{form.shown}' with other words: {' '.join(unknown)}")
        return None, None

    def _unknown(self, words: Words, taken: Iterable[int]) -> Words:
        """The typed words outside the answer's (`taken`) that the context does not know. A compass
        word is known where it says in which part of another known word ('in western Siberia'),
        never of the answer itself ('North Korea' is not 'Korea')."""
        answer = set(taken)
        out: list[str] = []
        for i, word in enumerate(words):
            if i in answer or (word in self.context and not self._another_number(word)):
                continue
            after = i + 1
            if (
                word in COMPASS
                and after < len(words)
                and after not in answer
                and words[after] in self.context
                and words[after] not in STOPWORDS
            ):
                continue
            out.append(word)
        return tuple(out)

    def _harmless(self, unknown: Words) -> bool:
        """Words around the answer a teacher should read: few, no negation, no other answer, no
        other number than the answer's ('Second' is not the First Sino-Japanese War)."""
        return len(unknown) <= MAX_EXTRA_WORDS and not any(
            w in NEGATIONS
            or w in QUALIFIER_WORDS
            or w in self.opposites
            or self._another_answer(w)
            or self._another_number(w)
            for w in unknown
        )

    @cached_property
    def _numbers(self) -> frozenset[str]:
        """The numbers in the answer's words, read alike ('first', '1st', 'I' are one)."""
        return frozenset(NUMBER_TOKENS[w] for form in self.accepted for w in form.words if w in NUMBER_TOKENS)

    def _another_number(self, word: str) -> bool:
        """An ordinal, Roman numeral or figure that is not the answer's ('one', 'two' are often no number)."""
        return word in NUMBER_TOKENS and word not in UNITS and NUMBER_TOKENS[word] not in self._numbers

    def _another_answer(self, word: str) -> bool:
        """A word that is by itself another answer of the deck or a wrong choice ('Geneva'), not
        a word inside one ('France' of 'Institut de France'): around the answer it names something else."""
        return self.foreign(word) and (self.refused_exact((word,)) is not None)

    def _by_name(self, typed: str) -> Grade | None:
        """The person's surname with given names added or dropped, initials, patronymics, 'Jr.';
        another first name before it is another person (a `check` when it shares an initial with
        one of the person's: it may be the same name in another language)."""
        person = self.person
        if person is None:
            return None
        # initials apart: 'N. S. Khrushchev' is n, s, khrushchev (the words would join them: 'ns')
        tokens = _INITIALS.split(typed.translate(_DASHES))
        words = tuple(w for token in tokens for w in grading_words(token) if w not in TITLES)
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words = words[:-1]
        hit = self._accepted_exact.get(words)
        if hit is not None:
            return self._verdict(Outcome.CORRECT, f"correct: {hit.shown}, with a title or 'Jr.'")
        if len(words) < 2:
            return None
        last = (words[-1],)
        matched = min(
            (m for m in (_match(last, form, self.real) for form in person.surname) if m is not None),
            default=None,
        )
        if matched is None or matched[1]:
            return None
        given = words[:-1]
        k = 0
        named = False  # one of the typed words is one of the person's given names
        initials = "".join(names[0][0] for names in person.given)
        for word in given:
            at = next((j for j in range(k, len(person.given)) if _same_given(word, person.given[j])), None)
            if at is not None:
                k, named = at + 1, True
            elif len(word) > 1 and initials[k:].startswith(word):
                k, named = k + len(word), True
            elif not word.isalpha() or word in NEGATIONS or word in ("and", "or") or self.foreign(word):
                return None  # a word that names something else, or more than one person
        surname = person.surname[0].shown
        if not named:
            other = given[-1]  # the word just before the surname
            if not self._name_like(other):
                return None  # a word about the person ('the physicist Curie'): the context rule reads it
            if any(other[0] == names[0][0] for names in person.given):
                return self._check(f"another first name ('{other}') with the surname {surname}")
            return self._verdict(Outcome.WRONG, f"wrong: another person ('{other}' is not {self.expected})")
        if matched[0]:
            return self._verdict(Outcome.TYPO, f"correct, with a typo: {surname}")
        return self._verdict(Outcome.CORRECT, f"correct: {surname}, with given names as typed")

    def _name_like(self, word: str) -> bool:
        """A typed word before a surname that is a first name or an initial, not a word about the person:
        one the fact's texts do not use, or use with a capital ('Marie' in 'Marie Curie's husband')."""
        assert self.person is not None
        if word in STOPWORDS or not word.isalpha():
            return False
        return len(word) == 1 or word not in self.context or word in self.person.names

    # -- years, dates and numbers ----------------------------------------------------------------

    def _grade_value(self, typed: str, words: Words) -> Grade:
        if self.kind is AnswerKind.DATE:
            return self._grade_date(typed)
        what = "year" if self.kind is AnswerKind.YEAR else "number"
        if self.kind is AnswerKind.YEAR:
            said = self._year_as_date(typed)
            if said is not None:
                return said
            spoken = year_in_words(words)
            if spoken is not None:
                if spoken == self.value:
                    return self._verdict(Outcome.CORRECT, "correct: the same year")
                return self._verdict(Outcome.WRONG, "wrong: a different year")
        reading = read_number(_units_apart(typed))
        if reading.decimal:
            return self._verdict(
                Outcome.WRONG, f"wrong: a dot between digits is a decimal point; write {self.value:,}"
            )
        values, rest = list(reading.values), list(reading.rest)
        if not values and rest and rest[-1] in UNIT_WORDS and all(w in ONE_WORDS for w in rest[:-1]):
            values, rest = [1], rest[-1:]  # 'a fortnight', 'a dozen'
        if len(values) != 1:
            return self._verdict(Outcome.WRONG, "wrong: give one number" if values else "wrong")
        said_classes, rest = qualifier_classes(tuple(rest))
        if values[0] != self.value:
            converted = self._converted(values[0], rest)
            if converted is None:
                return self._verdict(Outcome.WRONG, f"wrong: a different {what}")
            rest = [w for w in rest if w not in UNIT_WORDS]
            verdict = "correct: the same figure in other units"
        else:
            verdict = f"correct: the same {what}"
            # the statement's own unit in any of its names: '100 g' where it says '100 grams'
            if self.unit is not None:
                units = [w for w in rest if w in UNIT_WORDS and UNIT_WORDS[w][0] == self.unit[0]]
                if any(UNIT_WORDS[w] != self.unit for w in units):
                    return self._verdict(
                        Outcome.WRONG, f"wrong: the number is right but the unit ('{units[0]}') is not"
                    )
                rest = [w for w in rest if w not in units]
        if said_classes - self.qualifiers:
            return self._verdict(
                Outcome.WRONG, "wrong: the number is right but the statement does not qualify it so"
            )
        if not all(w in self.context or w in ("year", "ad", "ce") for w in rest):
            return self._verdict(Outcome.WRONG, "wrong: the number is right but the words with it are not")
        return self._verdict(Outcome.CORRECT, verdict)

    def _converted(self, value: int, rest: Sequence[str]) -> bool | None:
        """True when `value` in the unit typed is the key's figure in the statement's unit."""
        if self.unit is None or not isinstance(self.value, int):
            return None
        units = [UNIT_WORDS[w] for w in rest if w in UNIT_WORDS]
        if len(units) != 1 or units[0][0] != self.unit[0]:
            return None
        return True if value * units[0][1] == self.value * self.unit[1] else None

    def _year_as_date(self, typed: str) -> Grade | None:
        """A fuller date than the year asked: right when it holds the year and the deck's date."""
        try:
            date = read_date(typed)
        except AmbiguousDateError:
            return None
        if date is None or not date.month or date.year != self.value:
            return None
        return self._fuller(date, "the year")

    def _fuller(self, date: PartialDate, asked: str) -> Grade:
        """A date typed fuller than asked: right if the deck's own date says so, wrong if it says
        otherwise, a check if the deck does not say."""
        full = self.full_date
        if full is not None:
            if any(g and w and g != w for g, w in ((date.month, full.month), (date.day, full.day))):
                return self._verdict(Outcome.WRONG, f"wrong: {asked} is right but the date is {full}")
            if (not date.month or full.month) and (not date.day or full.day):
                return self._verdict(Outcome.CORRECT, f"correct: {full}, which holds {asked}")
        return self._check(f"{asked} is right; the rest of the date is not in the deck")

    def _grade_date(self, typed: str) -> Grade:
        assert isinstance(self.value, PartialDate)
        try:
            date = read_date(typed)
        except AmbiguousDateError as error:
            return self._verdict(Outcome.WRONG, f"wrong: {error}; write the month as a word")
        if date is None:
            return self._verdict(Outcome.WRONG, "wrong: not a date")
        want = self.value
        if date == want:
            return self._verdict(Outcome.CORRECT, "correct: the same date")
        given = [date.year, date.month, date.day]
        wanted = [want.year, want.month, want.day]
        agree = all(g == w for g, w in zip(given, wanted, strict=True) if g and w)
        if agree and given.count(0) > wanted.count(0):
            parts = "the day, the month and the year" if want.day else "the month and the year"
            return self._verdict(Outcome.WRONG, f"wrong: give {parts}")
        if agree:
            return self._fuller(date, f"{want}")
        return self._verdict(Outcome.WRONG, "wrong: a different date")

    # -- for the question engine -----------------------------------------------------------------

    def named_in(self, text: str) -> Form | None:
        """The accepted form that `text` contains as whole words (the key's own words), or None."""
        words = grading_words(text)
        for form in self.accepted:
            n = len(form.words)
            if n and any(words[i : i + n] == form.words for i in range(len(words) - n + 1)):
                return form
        return None


_GLUED_UNIT = re.compile(r"(?<=\d)([A-Za-z]+)(?![A-Za-z0-9_])")


_PER_CENT = re.compile(r"(?<![A-Za-z0-9_])[Pp]er +[Cc]ent(?![A-Za-z0-9_])")


_REGNAL_NUMERALS = frozenset(_ROMAN[:18])


def _is_regnal(name: str) -> bool:
    """'Nicholas II', 'Alexander III': a ruler's name and number, with no surname; the name alone
    ('Nicholas') is as true of Nicholas I, so it never stands for the ruler."""
    words = grading_words(name)
    return len(words) == 2 and words[-1] in _REGNAL_NUMERALS


def _units_apart(typed: str) -> str:
    """'1520mm' -> '1520 mm': a unit typed against its figure (only a unit: '4th' stays);
    'per cent' -> 'percent'."""
    typed = _PER_CENT.sub("percent", typed)
    return _GLUED_UNIT.sub(lambda m: f" {m[1]}" if m[1].lower() in UNIT_WORDS else m[1], typed)


def year_in_words(words: Words) -> int | None:
    """'eighteen forty-eight' -> 1848, 'nineteen oh five' -> 1905 (the way years are spoken)."""
    words = tuple(w for w in words if w not in ("in", "the", "year", "ad", "ce"))
    if len(words) < 2 or len(words) > 5 or not all(w in UNITS or w in ("oh", "o") for w in words):
        return None
    for split in range(1, len(words)):
        century = words_to_number(list(words[:split]))
        rest = list(words[split:])
        if century is None or not 10 <= century <= 99:
            continue
        if rest[0] in ("oh", "o") and len(rest) == 2 and rest[1] in UNITS and 1 <= UNITS[rest[1]] <= 9:
            return century * 100 + UNITS[rest[1]]
        tail = words_to_number(rest)
        if tail is not None and 10 <= tail <= 99:
            return century * 100 + tail
    return None


def _same_given(word: str, spellings: tuple[str, ...]) -> bool:
    """A typed given name that is the key's (in any spelling, or with a long name's slip), its
    initial, or spelt out from one."""
    for name in spellings:
        if word == name or (len(word) == 1 and name[0] == word) or (len(name) == 1 and word[0] == name):
            return True
        allowance = word_allowance(name)
        if allowance and len(name) > 1 and edit_distance(word, name, allowance) <= allowance:
            return True
    return False


def _spread(words: Words, want: Words) -> list[int] | None:
    """Where `want`'s words lie in `words`, in order, with other words between them (the first
    such places), or None; None too where they lie together (the plain match reads those)."""
    at: list[int] = []
    i = 0
    for word in want:
        while i < len(words) and words[i] != word:
            i += 1
        if i == len(words):
            return None
        at.append(i)
        i += 1
    return None if at[-1] - at[0] == len(at) - 1 else at


def _why(form: Form) -> str:
    return form.reason.removeprefix("wrong: ")


def _match(
    words: Words, form: Form, real: frozenset[str] = frozenset(), foreign: Callable[[str], bool] | None = None
) -> tuple[int, str] | None:
    """Edits between typed words and an accepted form, and a doubt when the match is not certain:
    a slip more than a word allows, another English word one slip away, a short word's slip that
    could be another word. A word of another answer (`foreign`) is never a slip of the key's.

    A slip in a word of 4 or 5 letters is certain when it is two neighbours swapped, a letter
    doubled or undoubled ('Unoin') or a plural s ('curies'), or a letter added or dropped as the
    one slip of an answer of several words ('typhoid feaver', 'John Hopkins Hospital'): the word
    is all there. A letter changed ('Lebov' for 'Lobov') may make another name: a teacher decides."""
    total = 0
    doubt = ""
    slipped = 0
    short = ""  # a short word with a letter added or dropped: certain only as the one slip of several words
    for typed, want, exact in zip(words, form.words, form.exact, strict=True):
        if typed == want:
            continue
        if exact or (foreign is not None and foreign(typed)):
            return None
        allowance = word_allowance(want)
        distance = edit_distance(typed, want, allowance + 1)
        if distance > allowance + 1:
            return None
        slipped += 1
        total += distance
        if typed in real:
            doubt = doubt or f"'{typed}' is another English word"
        elif allowance == 0:
            slip = _slip(typed, want)
            if slip == "changed":
                doubt = doubt or f"a slip in the short word '{want}'"
            elif slip == "added or dropped":
                short = short or want
        elif distance > allowance:
            doubt = doubt or f"{distance} slips in '{want}'"
    if short and (len(form.words) == 1 or slipped > 1):
        doubt = doubt or f"a slip in the short word '{short}'"
    return total, doubt


def _slip(typed: str, want: str) -> str:
    """What one slip did to a word: 'swapped' two neighbours, 'doubled' (or undoubled) a letter,
    made it 'plural' with an s, 'added or dropped' another letter, or 'changed' one."""
    if len(typed) == len(want):
        diff = [i for i in range(len(want)) if typed[i] != want[i]]
        if (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and (typed[diff[0]], typed[diff[1]]) == (want[diff[1]], want[diff[0]])
        ):
            return "swapped"
        return "changed"
    if typed == f"{want}s":
        return "plural"  # 'curies' for 'curie': the same word
    longer = typed if len(typed) > len(want) else want
    at = next((i for i in range(min(len(typed), len(want))) if typed[i] != want[i]), len(longer) - 1)
    neighbours = {longer[at - 1] if at else "", longer[at + 1] if at + 1 < len(longer) else ""}
    return "doubled" if longer[at] in neighbours else "added or dropped"


def _rival_match(words: Words, form: Form) -> int | None:
    """Edits between typed words and a refused form, each word within its rival allowance."""
    total = 0
    for typed, want, exact in zip(words, form.words, form.exact, strict=True):
        if typed == want:
            continue
        if exact and not _short(want):
            return None
        allowance = rival_allowance(want)
        distance = edit_distance(typed, want, allowance)
        if distance > allowance:
            return None
        total += distance
    return total


def _closest(
    words: Words, forms: Sequence[Form], real: frozenset[str], foreign: Callable[[str], bool] | None = None
) -> tuple[int, Form, str] | None:
    """The accepted form nearest the typed words: certain matches before doubtful ones, then fewest edits."""
    best: tuple[int, int, Form, str] | None = None
    for form in forms:
        if len(form.words) != len(words):
            continue
        matched = _match(words, form, real, foreign)
        if matched is None:
            continue
        rank = (1 if matched[1] else 0, matched[0])
        if best is None or rank < best[:2]:
            best = (*rank, form, matched[1])
    return None if best is None else (best[1], best[2], best[3])


def _opposites(forms: Iterable[Form]) -> dict[str, str]:
    """Opposite word -> the answer's word: 'legal' -> 'illegal', 'unofficial' -> 'official'."""
    found: dict[str, str] = {}
    for form in forms:
        for word in form.words:
            if not word.isalpha() or len(word) < 4:
                continue
            for prefix in OPPOSITE_PREFIXES:
                if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                    found.setdefault(word[len(prefix) :], word)
                found.setdefault(prefix + word, word)
    return found


def _opposite_forms(accepted: Sequence[Form], opposites: dict[str, str]) -> list[Form]:
    reverse: dict[str, list[str]] = defaultdict(list)
    for opposite, word in opposites.items():
        reverse[word].append(opposite)
    out: list[Form] = []
    for form in accepted:
        for i, word in enumerate(form.words):
            for opposite in reverse.get(word, []):
                words = (*form.words[:i], opposite, *form.words[i + 1 :])
                out.append(
                    Form(words, form.exact, form.shown, f"wrong: '{opposite}' is the opposite of '{word}'")
                )
    return out


@lru_cache(maxsize=1 << 16)
def _value(kind: AnswerKind, answer: str) -> PartialDate | int | None:
    if kind is AnswerKind.DATE:
        try:
            return parse_partial_date(answer)
        except ValueError:
            return None
    if kind in (AnswerKind.YEAR, AnswerKind.NUMBER):
        return parse_number(answer.strip())
    return None


def _full_date(fact: Fact | None, value: PartialDate | int | None) -> PartialDate | None:
    """The fact's own date, where it is fuller than the year or date asked and agrees with it."""
    if fact is None or not fact.date or value is None:
        return None
    try:
        full = parse_partial_date(fact.date)
    except ValueError:
        return None
    if isinstance(value, int):
        return full if full.year == value and full.month else None
    agree = full.year == value.year and (not value.month or full.month == value.month)
    return full if agree and (full.day, full.month) != (value.day, value.month) else None


def _statement_unit(texts: Iterable[str], answer: str) -> tuple[str, int] | None:
    """The unit written just after the answer's number in the statement ('14 days') or asked ('how many days')."""
    target = grading_words(answer)
    for text in texts:
        words = grading_words(text)
        for i in range(len(words)):
            if words[i : i + len(target)] == target and i + len(target) < len(words):
                unit = UNIT_WORDS.get(words[i + len(target)])
                if unit is not None:
                    return unit
            if words[i : i + 2] == ("how", "many") and i + 2 < len(words) and words[i + 2] in UNIT_WORDS:
                return UNIT_WORDS[words[i + 2]]
    return None


def _statement_qualifiers(texts: Iterable[str], answer: str) -> frozenset[str]:
    """The qualifiers written just before the answer's number (or 'how many') in the statement or prompt."""
    target = grading_words(answer)
    found: set[str] = set()
    starts = {target[0] if target else "", "how"}
    for text in texts:
        words = grading_words(text)
        for i in range(len(words)):
            if words[i] not in starts:
                continue
            if words[i : i + len(target)] == target or words[i : i + 2] == ("how", "many"):
                for phrase, meaning in QUALIFIERS.items():
                    if words[max(0, i - len(phrase)) : i] == phrase:
                        found.add(meaning)
    return frozenset(found)


def _context_words(
    texts: Iterable[str],
    kind: AnswerKind,
    accepted: Sequence[Form],
    distractors: Sequence[str],
    setting: AbstractSet[str] = frozenset(),
) -> frozenset[str]:
    words: set[str] = set(STOPWORDS) | setting
    for text in texts:
        words.update(grading_words(text))
    if words & WHOLE:
        words.update(IN_FULL)
    if words & PERCENT or any("%" in text for text in texts):
        words.update(PERCENT)  # '20 percent' where the statement writes '20%'
    if kind is AnswerKind.PERSON:
        words.update(TITLES)
    if kind is AnswerKind.OFFICE:
        words.update(TITLES - RANKS)  # 'Deputy Representative' is another office
    if kind is AnswerKind.PERSON:
        words.update("abcdefghijklmnopqrstuvwxyz")  # a middle initial: 'Richard M. Nixon'
    answer_words = {w for form in accepted for w in form.words}
    if kind is AnswerKind.PLACE and answer_words & WATERS:
        words.update(COMPASS)  # 'North Pacific Ocean', 'the South China Sea' said of its part
    words.update(answer_words)  # 'the right of collective self-defence' uses an alias's words
    for text in distractors:
        words.difference_update(set(grading_words(text)) - answer_words - STOPWORDS)
    return frozenset(words - NEGATIONS - QUALIFIER_WORDS)


def _real_near(accepted: Sequence[Form], proper: AbstractSet[str]) -> frozenset[str]:
    """Common English words one slip from an answer's word: never taken as its typo.

    Names written with a capital keep their typos from six letters on ('Johan' for 'Johann'): the
    word list holds many names, which are other spellings of the same name more often than not.
    """
    from rutw_quiz.grading.lexicon import real_words_near

    own = {w for form in accepted for w in form.words}
    near: set[str] = set()
    for word in own:
        if len(word) >= SHORT_WORD and (word not in proper or word_allowance(word) == 0):
            # the word with an ending added or dropped is the same word ('agreements', 'Russian')
            near |= {w for w in real_words_near(word) if not (w.startswith(word) or word.startswith(w))}
    return frozenset(near - own)


def _person_name(
    question: TypedQuestion, kind: AnswerKind, index: DeckIndex | None, texts: Sequence[str]
) -> PersonName | None:
    """The name rule's reading of a person's answer, when its surname is the deck's only one of that name."""
    if kind not in _PERSON_KINDS or index is None or _is_chinese_style(question.answer):
        return None
    tokens = _name_tokens(question.answer)
    if len(tokens) < 2:
        return None
    surname = _surname(question.answer)
    if len(surname) != 1 or surname[0] in NAME_SUFFIXES:
        return None
    # the same person offered as a wrong choice elsewhere in the deck is no other person
    same = {f"distractor:{' '.join(grading_words(text))}" for text in [question.answer, *question.accepted]}
    if index.surname_owners.get(surname, set()) - same != {question.fact_id}:
        return None
    given: list[tuple[str, ...]] = []
    # the answer's given names in order, then those only an alias of the same surname gives ('Henri')
    for name in [question.answer, *question.accepted]:
        alias_tokens = _name_tokens(name)
        if len(alias_tokens) < 2 or _surname(name) != surname:
            continue
        for token in alias_tokens[:-1]:
            for word in grading_words(token):
                spellings = tuple(dict.fromkeys(v[0] for v in name_variants((word,), families=True)))
                initial_of_one = len(word) == 1 and any(names[0][0] == word for names in given)
                if spellings not in given and not initial_of_one:
                    given.append(spellings)
    forms = tuple(_forms(tokens[-1], "correct", kind, tokens[-1]))
    own = {w for text in [question.answer, *question.accepted] for w in grading_words(text)}
    names = frozenset(w for text in texts for w in _proper_words(text)) - own
    return PersonName(tuple(given), forms, names) if given and forms else None


def _without_other_answers(
    accepted: list[Form], question: TypedQuestion, distractors: Sequence[str], index: DeckIndex
) -> list[Form]:
    """The accepted forms less those the rules made ('St' for 'Saint', another romanisation, a
    symbol) that another answer of the deck or a wrong choice is written as: the deck's word wins."""
    texts = [question.answer, *question.accepted]
    written = {grading_words(text) for text in texts} | {typed_words(text) for text in texts}
    wrong = {
        f.words for text in distractors for f in _forms(text, "", AnswerKind(question.answer_kind), text)
    }
    kept = []
    for form in accepted:
        if form.words not in written and (
            form.words in wrong
            or any(index.refusals[i][0] != question.fact_id for i in index.exact.get(form.words, ()))
        ):
            continue
        kept.append(form)
    return kept


def build_question_key(
    question: TypedQuestion,
    *,
    fact: Fact | None = None,
    index: DeckIndex | None = None,
    known_wrong: Iterable[str] = (),
) -> QuestionKey:
    """The tables for `question`; `fact` and `index` (the deck) add distractors, surnames and acronyms."""
    kind = AnswerKind(question.answer_kind)
    person = kind in _PERSON_KINDS
    accepted = _forms(question.answer, "correct", kind, question.answer)
    proper = set(_proper_words(question.answer))
    for alias in question.accepted:
        if alias != question.answer:
            accepted += _forms(alias, f"correct: alias '{alias}'", kind, alias)
            proper |= _proper_words(alias)
    distractors = list(fact.distractors) if fact else []
    if fact is not None:  # the fact's own texts: every question of a fact gets the same key
        texts = [fact.prompt or "", fact.statement, fact.note or "", fact.date or "", str(fact.year or "")]
        texts.append(
            fact.category or ""
        )  # what kind of thing the answer is: 'nitrogen gas', 'the river Amur'
    else:
        texts = [question.prompt, question.explanation]
    if index is not None:
        for text in [question.answer, *question.accepted]:
            acronym = _acronym(text)
            if (
                acronym
                and len(acronym) >= 2
                and index.acronym_owners.get(acronym, set()) <= {question.fact_id}
                and index.single_words.get(acronym, set()) <= {question.fact_id}
            ):
                accepted += _forms(
                    acronym.upper(),
                    f"correct: acronym '{acronym.upper()}' of '{text}'",
                    AnswerKind.TERM,
                    acronym.upper(),
                )
        if person:
            surname = _surname(question.answer)
            if (
                surname
                and len(grading_words(question.answer)) > 1
                and not _is_regnal(question.answer)
                and index.surname_owners.get(surname) == {question.fact_id}
            ):
                if _is_chinese_style(question.answer):
                    text = question.answer.translate(_DASHES).split()[0]
                else:
                    text = _name_tokens(question.answer)[-1]
                accepted += _forms(text, f"correct: surname of '{question.answer}'", kind, text)
    if kind is AnswerKind.TERM:  # 'Po' for polonium, 'Ra-226' for radium-226, 'radon' for 'Rn'
        taken = index.single_words if index is not None else {}
        for text in [question.answer, *question.accepted]:
            for other in symbol_spellings(text):
                if taken.get(other.casefold(), set()) <= {question.fact_id}:
                    accepted += _forms(other, f"correct: '{other}' and '{text}' are one element", kind, other)
    if index is not None:
        accepted = _without_other_answers(accepted, question, distractors, index)
    value = _value(kind, question.answer)
    return QuestionKey(
        fact_id=question.fact_id,
        expected=question.answer,
        kind=kind,
        accepted=accepted,
        value=value,
        pool=index,
        source=KeySource(
            texts=tuple(texts),
            distractors=tuple(distractors),
            known_wrong=tuple(known_wrong),
            proper=frozenset(proper),
            person=_person_name(question, kind, index, texts),
            full_date=_full_date(fact, value),
        ),
    )


class AnswerKey:
    """The grader of typed answers for a set of decks: build once, grade many answers."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self._decks = {d.id: d for d in decks}
        self._indexes: dict[str, DeckIndex] = {}
        self._keys: dict[str, QuestionKey] = {}

    @classmethod
    def of(cls, decks: Sequence[Deck]) -> AnswerKey:
        """The answer key of these decks (indexes are built on first use)."""
        return cls(decks)

    def index(self, deck_id: str) -> DeckIndex | None:
        """The deck's index, built once."""
        if deck_id not in self._indexes:
            deck = self._decks.get(deck_id)
            if deck is None:
                return None
            self._indexes[deck_id] = DeckIndex(deck)
        return self._indexes[deck_id]

    def for_question(self, question: TypedQuestion) -> QuestionKey:
        """The precomputed tables of this question; a fact's fill-in and short answer share them."""
        index = self.index(question.deck_id)
        fact = index.facts.get(question.fact_id) if index else None
        if fact is None or (question.answer, list(question.accepted)) != (fact.answer, list(fact.aliases)):
            cached = self._keys.get(question.id)
            if cached is None:
                cached = self._keys[question.id] = build_question_key(question)
            return cached
        return self.for_fact(question.deck_id, question.fact_id)

    def for_fact(self, deck_id: str, fact_id: str) -> QuestionKey:
        """The key of a fact asked in its own words (its prompt, or its statement): for set checks."""
        cached = self._keys.get(f"{deck_id}:{fact_id}:")
        if cached is not None:
            return cached
        index = self.index(deck_id)
        if index is None or fact_id not in index.facts:
            raise KeyError(f"{deck_id}:{fact_id}")
        fact = index.facts[fact_id]
        key = build_question_key(_FactQuestion(deck_id, fact), fact=fact, index=index)
        self._keys[f"{deck_id}:{fact_id}:"] = key
        return key

    def names_answer(self, deck_id: str, fact_id: str, text: str) -> bool:
        """True when `text` holds, as whole words, something graded right for the fact: its answer,
        an alias, an acronym or surname the grader accepts, another romanisation."""
        return self.for_fact(deck_id, fact_id).named_in(text) is not None

    def grade(self, question: TypedQuestion, typed: str) -> Grade:
        """Grade a typed answer to `question`."""
        return self.for_question(question).grade(typed)


@dataclass(frozen=True)
class _FactQuestion:
    """A fact seen as a typed question, for keys built without one."""

    deck_id: str
    fact: Fact

    @property
    def id(self) -> str:
        return f"{self.deck_id}:{self.fact.id}:"

    @property
    def fact_id(self) -> str:
        return self.fact.id

    @property
    def answer(self) -> str:
        return self.fact.answer

    @property
    def accepted(self) -> list[str]:
        return list(self.fact.aliases)

    @property
    def answer_kind(self) -> str:
        return self.fact.kind

    @property
    def prompt(self) -> str:
        return self.fact.prompt or ""

    @property
    def explanation(self) -> str:
        return self.fact.statement


def names_answer(key: AnswerKey, deck_id: str, fact_id: str, text: str) -> bool:
    """Does `text` name the fact's answer as the grader would accept it? (`AnswerKey.names_answer`)."""
    return key.names_answer(deck_id, fact_id, text)
