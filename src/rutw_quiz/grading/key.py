"""What counts as right and wrong for each typed-answer question, precomputed per deck.

`AnswerKey.of(decks)` indexes a deck once (every answer and alias, the surnames of its
people, the acronyms of its answers); `key.for_question(q)` gives a `QuestionKey`: the
accepted forms (answer, aliases, acronyms unique in the deck, the surname alone where no
other person shares it, other romanisations, hyphens optional), the refused forms (the
fact's distractors, every other fact's answers, opposites by prefix) and the words allowed
around an answer. Grading is then a cheap match against these tables, simple enough for
the browser page to repeat from the same tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product

from rutw_quiz.deck.checks import parse_number
from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.grading.forms import (
    NEGATIONS,
    QUALIFIER_WORDS,
    QUALIFIERS,
    STOPWORDS,
    TITLES,
    AmbiguousDateError,
    grading_words,
    qualifier_classes,
    read_date,
    read_number,
    typed_words,
)
from rutw_quiz.grading.romanization import name_variants
from rutw_quiz.grading.verdict import Grade, Outcome, edit_distance, single
from rutw_quiz.questions.models import FillInQuestion, ShortAnswerQuestion

LETTERS_PER_TYPO = 6
OPPOSITE_PREFIXES = ("in", "un", "il", "ir", "im", "non", "dis")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015", "-"))
_PERSON_KINDS = (AnswerKind.PERSON,)
TypedQuestion = FillInQuestion | ShortAnswerQuestion
Words = tuple[str, ...]


@dataclass(frozen=True)
class Form:
    """One way of writing an answer: its words, which words must be exact, and why it counts."""

    words: Words
    exact: tuple[bool, ...]
    shown: str
    reason: str


def word_allowance(word: str) -> int:
    """Edits tolerated in one word: one per six letters; none in short words or numbers."""
    if any(ch.isdigit() for ch in word):
        return 0
    return len(word) // LETTERS_PER_TYPO


def typo_allowance(text: str) -> int:
    """Edits tolerated in an answer: the sum of its words' allowances."""
    return sum(word_allowance(w) for w in grading_words(text))


def _is_chinese_style(raw: str) -> bool:
    """'Lee Teng-hui', 'Chiang Ching-kuo': a romanised given name in hyphenated syllables."""
    tokens = raw.translate(_DASHES).split()
    return len(tokens) >= 2 and any("-" in t for t in tokens[1:])


def _spellings(raw: str, person: bool) -> list[tuple[Words, tuple[bool, ...]]]:
    """The word sequences of `raw`: each hyphenated compound spaced or joined; romanisations of names."""
    chinese = person and _is_chinese_style(raw)
    per_token: list[list[tuple[Words, bool]]] = []
    for token in raw.translate(_DASHES).split():
        parts = grading_words(token)
        if not parts:
            continue
        options = [(parts, False)]
        if "-" in token and len(parts) > 1:
            options.append((("".join(parts),), True))
        per_token.append(options)
    result: list[tuple[Words, tuple[bool, ...]]] = []
    for combo in product(*per_token):
        words: Words = tuple(w for part, _ in combo for w in part)
        joined = [j for part, j in combo for _ in part]
        if len(words) > 1 and words[0] in ("the", "a", "an"):
            words, joined = words[1:], joined[1:]
        variants = name_variants(words) if person and not chinese else [words]
        for variant in variants:
            exact = tuple(
                chinese or j or word_allowance(w) == 0 for w, j in zip(variant, joined, strict=True)
            )
            result.append((variant, exact))
    return result


def _forms(raw: str, reason: str, person: bool, shown: str | None = None) -> list[Form]:
    spellings = _spellings(raw, person)
    first = spellings[0][0] if spellings else ()
    forms = []
    for words, exact in spellings:
        why = reason
        if person and reason == "correct" and words != first and "".join(words) != "".join(first):
            why = f"correct: another spelling of '{raw}'"
        forms.append(Form(words, exact, shown or raw, why))
    return forms


def _surname(raw: str) -> Words:
    tokens = raw.translate(_DASHES).split()
    if not tokens:
        return ()
    return grading_words(tokens[0] if _is_chinese_style(raw) else tokens[-1])


def _acronym(raw: str) -> str | None:
    words = [w for w in grading_words(raw.translate(_DASHES)) if w not in STOPWORDS]
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return None
    return "".join(w[0] for w in words)


class _DeckIndex:
    """The deck-wide tables: who answers what, surnames, acronyms."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.facts = {f.id: f for f in deck.facts}
        self.refusals: list[tuple[str, Form]] = []  # (fact id, form) of every answer and alias
        for fact in deck.facts:
            person = fact.kind in _PERSON_KINDS
            for text in fact.accepted:
                reason = f"wrong: that is another fact's answer ('{fact.answer}')"
                self.refusals.extend((fact.id, f) for f in _forms(text, reason, person, text))
        self.surname_owners: dict[Words, set[str]] = defaultdict(set)
        for fact in deck.facts:
            if fact.kind not in _PERSON_KINDS:
                continue
            self.surname_owners[_surname(fact.answer)].add(fact.id)
            for alias in fact.aliases:
                if len(alias.split()) == 1:
                    self.surname_owners[_surname(alias)].add(fact.id)
            for name in fact.distractors:
                self.surname_owners[_surname(name)].add(f"distractor:{' '.join(grading_words(name))}")
        self.acronym_owners: dict[str, set[str]] = defaultdict(set)
        self.single_words: dict[str, set[str]] = defaultdict(set)
        for fact in deck.facts:
            for text in [*fact.accepted, *fact.distractors]:
                acronym = _acronym(text)
                if acronym:
                    self.acronym_owners[acronym].add(fact.id)
                words = grading_words(text)
                if len(words) == 1:
                    self.single_words[words[0]].add(fact.id)


@dataclass
class QuestionKey:
    """The precomputed tables for one question, and the match that grades a typed answer."""

    fact_id: str
    expected: str
    kind: AnswerKind
    accepted: list[Form]
    refused: list[Form]
    context: frozenset[str]
    qualifiers: frozenset[str] = frozenset()
    value: PartialDate | int | None = None
    opposites: dict[str, str] = field(default_factory=dict)
    _accepted_exact: dict[Words, Form] = field(default_factory=dict, init=False, repr=False)
    _refused_exact: dict[Words, Form] = field(default_factory=dict, init=False, repr=False)
    _refused_by_length: dict[int, list[Form]] = field(default_factory=dict, init=False, repr=False)
    _accepted_joined: dict[str, Form] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for form in self.accepted:
            self._accepted_exact.setdefault(form.words, form)
            self._accepted_joined.setdefault("".join(form.words), form)
        self.refused = [f for f in self.refused if f.words not in self._accepted_exact]
        for form in self.refused:
            self._refused_exact.setdefault(form.words, form)
            self._refused_by_length.setdefault(len(form.words), []).append(form)
        self.accepted.sort(key=lambda f: -len(f.words))

    # -- grading ---------------------------------------------------------------------------------

    def grade(self, typed: str) -> Grade:
        """The verdict on `typed`, with a reason a student can read."""
        words = typed_words(typed)
        if not words:
            return self._verdict(Outcome.WRONG, "wrong: nothing typed")
        hit = self._accepted_exact.get(words)
        if hit is None and not self.kind.is_numeric:  # 'Star Link', 'Co-ordination': spacing differs
            hit = self._accepted_joined.get("".join(words))
        if hit is not None:
            return self._verdict(Outcome.CORRECT, hit.reason)
        if self.kind.is_numeric and self.value is not None:
            return self._grade_value(typed)
        miss = self._refused_exact.get(words)
        if miss is not None:
            return self._verdict(Outcome.WRONG, miss.reason)
        best = _closest(words, self.accepted)
        rival = _closest(words, self._refused_by_length.get(len(words), []))
        if rival is not None and (best is None or rival[0] <= best[0]):
            return self._verdict(Outcome.WRONG, f"wrong: close to '{rival[1].shown}' ({_why(rival[1])})")
        if best is not None:
            return self._verdict(Outcome.TYPO, f"correct, with a typo: {best[1].shown}")
        found = self._in_context(words)
        if found is not None:
            distance, form = found
            if distance:
                return self._verdict(Outcome.TYPO, f"correct, with a typo: {form.shown}")
            return self._verdict(Outcome.CORRECT, f"correct: '{form.shown}' with words around it")
        for word in words:
            if word in self.opposites:
                return self._verdict(
                    Outcome.WRONG, f"wrong: '{word}' is the opposite of '{self.opposites[word]}'"
                )
        return self._verdict(Outcome.WRONG, "wrong")

    def _verdict(self, outcome: Outcome, reason: str) -> Grade:
        return single(self.fact_id, outcome, self.expected, reason)

    def _in_context(self, words: Words) -> tuple[int, Form] | None:
        """An accepted form inside the typed words, every other word being harmless context."""
        for form in self.accepted:
            n = len(form.words)
            if n >= len(words):
                continue
            for start in range(len(words) - n + 1):
                distance = _match(words[start : start + n], form)
                if distance is None:
                    continue
                extra = words[:start] + words[start + n :]
                if all(w in self.context for w in extra):
                    return distance, form
        return None

    def _grade_value(self, typed: str) -> Grade:
        if self.kind is AnswerKind.DATE:
            return self._grade_date(typed)
        reading = read_number(typed)
        if reading.decimal:
            return self._verdict(
                Outcome.WRONG, f"wrong: a dot between digits is a decimal point; write {self.value:,}"
            )
        if len(reading.values) != 1:
            return self._verdict(Outcome.WRONG, "wrong: give one number" if reading.values else "wrong")
        if reading.values[0] != self.value:
            what = "year" if self.kind is AnswerKind.YEAR else "number"
            return self._verdict(Outcome.WRONG, f"wrong: a different {what}")
        said, rest = qualifier_classes(reading.rest)
        if said - self.qualifiers:
            return self._verdict(
                Outcome.WRONG, "wrong: the number is right but the statement does not qualify it so"
            )
        if not all(w in self.context or w in ("year", "ad", "ce") for w in rest):
            return self._verdict(Outcome.WRONG, "wrong: the number is right but the words with it are not")
        what = "year" if self.kind is AnswerKind.YEAR else "number"
        return self._verdict(Outcome.CORRECT, f"correct: the same {what}")

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
            return self._verdict(Outcome.WRONG, f"wrong: the answer is {want}, no more precise")
        return self._verdict(Outcome.WRONG, "wrong: a different date")


def _why(form: Form) -> str:
    return form.reason.removeprefix("wrong: ")


def _match(words: Words, form: Form) -> int | None:
    """Edits between typed words and a form, word by word within each word's allowance; None if too far."""
    total = 0
    for typed, want, exact in zip(words, form.words, form.exact, strict=True):
        if typed == want:
            continue
        if exact:
            return None
        allowance = len(want) // LETTERS_PER_TYPO
        distance = edit_distance(typed, want, allowance)
        if distance > allowance:
            return None
        total += distance
    return total


def _closest(words: Words, forms: Sequence[Form]) -> tuple[int, Form] | None:
    best: tuple[int, Form] | None = None
    for form in forms:
        if len(form.words) != len(words):
            continue
        distance = _match(words, form)
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, form)
    return best


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


def _value(kind: AnswerKind, answer: str) -> PartialDate | int | None:
    if kind is AnswerKind.DATE:
        try:
            return parse_partial_date(answer)
        except ValueError:
            return None
    if kind in (AnswerKind.YEAR, AnswerKind.NUMBER):
        return parse_number(answer.strip())
    return None


def _statement_qualifiers(texts: Iterable[str], answer: str) -> frozenset[str]:
    """The qualifiers written just before the answer's number (or 'how many') in the statement or prompt."""
    target = grading_words(answer)
    found: set[str] = set()
    for text in texts:
        words = grading_words(text)
        for i in range(len(words)):
            if words[i : i + len(target)] == target or words[i : i + 2] == ("how", "many"):
                for phrase, meaning in QUALIFIERS.items():
                    if words[max(0, i - len(phrase)) : i] == phrase:
                        found.add(meaning)
    return frozenset(found)


def _context_words(
    texts: Iterable[str], kind: AnswerKind, accepted: Sequence[Form], distractors: Sequence[str]
) -> frozenset[str]:
    words: set[str] = set(STOPWORDS)
    for text in texts:
        words.update(grading_words(text))
    if kind in (AnswerKind.PERSON, AnswerKind.OFFICE):
        words.update(TITLES)
    if kind is AnswerKind.PERSON:
        words.update("abcdefghijklmnopqrstuvwxyz")  # a middle initial: 'Richard M. Nixon'
    answer_words = {w for form in accepted for w in form.words}
    words.update(answer_words)  # 'the right of collective self-defence' uses an alias's words
    for text in distractors:
        words.difference_update(set(grading_words(text)) - answer_words - STOPWORDS)
    return frozenset(words - NEGATIONS - QUALIFIER_WORDS)


def build_question_key(
    question: TypedQuestion,
    *,
    fact: Fact | None = None,
    index: _DeckIndex | None = None,
    known_wrong: Iterable[str] = (),
) -> QuestionKey:
    """The tables for `question`; `fact` and `index` (the deck) add distractors, surnames and acronyms."""
    kind = AnswerKind(question.answer_kind)
    person = kind in _PERSON_KINDS
    accepted = _forms(question.answer, "correct", person, question.answer)
    for alias in question.accepted:
        if alias != question.answer:
            accepted += _forms(alias, f"correct: alias '{alias}'", person, alias)
    refused: list[Form] = []
    distractors = list(fact.distractors) if fact else []
    texts = [question.prompt, question.explanation]
    if fact is not None:
        texts += [fact.statement, fact.prompt or "", fact.date or "", str(fact.year or "")]
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
                    acronym, f"correct: acronym '{acronym.upper()}' of '{text}'", False, acronym.upper()
                )
        if person:
            surname = _surname(question.answer)
            if (
                surname
                and len(grading_words(question.answer)) > 1
                and index.surname_owners.get(surname) == {question.fact_id}
            ):
                raw = question.answer.translate(_DASHES).split()
                text = raw[0] if _is_chinese_style(question.answer) else raw[-1]
                accepted += _forms(text, f"correct: surname of '{question.answer}'", True, text)
        refused += [form for fact_id, form in index.refusals if fact_id != question.fact_id]
    for text in distractors:
        refused += _forms(text, "wrong: that is one of this question's wrong choices", person, text)
    for text in known_wrong:
        refused += _forms(text, "wrong: that is another answer of the deck", person, text)
    opposites = {k: v for k, v in _opposites(accepted).items() if (k,) not in {f.words for f in accepted}}
    refused += _opposite_forms(accepted, opposites)
    context = _context_words(texts, kind, accepted, distractors) - set(opposites)
    return QuestionKey(
        fact_id=question.fact_id,
        expected=question.answer,
        kind=kind,
        accepted=accepted,
        refused=refused,
        context=context,
        qualifiers=_statement_qualifiers(texts, question.answer),
        value=_value(kind, question.answer),
        opposites=opposites,
    )


class AnswerKey:
    """The grader of typed answers for a set of decks: build once, grade many answers."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self._decks = {d.id: d for d in decks}
        self._indexes: dict[str, _DeckIndex] = {}
        self._keys: dict[str, QuestionKey] = {}

    @classmethod
    def of(cls, decks: Sequence[Deck]) -> AnswerKey:
        """The answer key of these decks (indexes are built on first use)."""
        return cls(decks)

    def _index(self, deck_id: str) -> _DeckIndex | None:
        if deck_id not in self._indexes:
            deck = self._decks.get(deck_id)
            if deck is None:
                return None
            self._indexes[deck_id] = _DeckIndex(deck)
        return self._indexes[deck_id]

    def for_question(self, question: TypedQuestion) -> QuestionKey:
        """The precomputed tables of this question (cached by question id)."""
        key = self._keys.get(question.id)
        if key is None:
            index = self._index(question.deck_id)
            fact = index.facts.get(question.fact_id) if index else None
            key = build_question_key(question, fact=fact, index=index if fact else None)
            self._keys[question.id] = key
        return key

    def grade(self, question: TypedQuestion, typed: str) -> Grade:
        """Grade a typed answer to `question`."""
        return self.for_question(question).grade(typed)
