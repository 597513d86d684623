"""What names a fact's answer: the forms the grader accepts when a student types it.

The set check (`giveaways`) withholds a question whose text names another question's answer. A
text names an answer when it holds a form the grader would mark right: the answer or an alias in
any of the grader's spellings (romanisations, hyphens joined or spaced), the surname alone where
no other person of the deck shares it, an acronym unique in the deck. One notion of "names the
answer" for the grader and the engine; this module is the one place the engine asks it.

It reads the grader's own spelling rules (`grading.key`), but builds only the two deck-wide
tables it needs (surname and acronym owners), on first use: the grader's full deck index also
holds every refused form of every answer, which a question set of a 40,000-fact deck should not
pay for. When the grading package exposes "the accepted forms of this fact" as one function,
`AnswerForms.of` is the place to switch to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rutw_quiz.deck.models import AnswerKind, Deck, Fact

Words = tuple[str, ...]


class _Owners:
    """Who in a deck answers to a surname or an acronym (the grader's uniqueness rules)."""

    def __init__(self, deck: Deck) -> None:
        from rutw_quiz.grading.forms import grading_words
        from rutw_quiz.grading.spellings import _acronym, _surname

        self.surnames: dict[Words, set[str]] = defaultdict(set)
        self.acronyms: dict[str, set[str]] = defaultdict(set)
        self.single_words: dict[str, set[str]] = defaultdict(set)
        for fact in deck.facts:
            if fact.kind is AnswerKind.PERSON:
                self.surnames[_surname(fact.answer)].add(fact.id)
                for alias in fact.aliases:
                    if len(alias.split()) == 1:
                        self.surnames[_surname(alias)].add(fact.id)
                for name in fact.distractors:
                    self.surnames[_surname(name)].add(f"distractor:{' '.join(grading_words(name))}")
            for text in [*fact.accepted, *fact.distractors]:
                acronym = _acronym(text)
                if acronym:
                    self.acronyms[acronym].add(fact.id)
                words = grading_words(text)
                if len(words) == 1:
                    self.single_words[words[0]].add(fact.id)


class AnswerForms:
    """The grader's accepted forms of each fact's answer, for a set of decks (built on first use)."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self._decks = {d.id: d for d in decks}
        self._owners: dict[str, _Owners] = {}
        self._cache: dict[tuple[str, str], list[Words]] = {}

    def of(self, deck: Deck, fact: Fact) -> list[Words]:
        """The word sequences (as `grading_words` reads text) that name `fact`'s answer."""
        found = self._cache.get((deck.id, fact.id))
        if found is None:
            found = self._cache[deck.id, fact.id] = self._build(deck, fact)
        return found

    def _build(self, deck: Deck, fact: Fact) -> list[Words]:
        from rutw_quiz.grading.forms import grading_words
        from rutw_quiz.grading.spellings import _acronym, _forms, _surname

        person = fact.kind is AnswerKind.PERSON
        words: list[Words] = [form.words for text in fact.accepted for form in _forms(text, "", fact.kind)]
        owners = self._owners.get(deck.id)
        if owners is None:
            owners = self._owners[deck.id] = _Owners(deck)
        for text in fact.accepted:
            acronym = _acronym(text)
            if (
                acronym
                and len(acronym) >= 2
                and owners.acronyms.get(acronym, set()) <= {fact.id}
                and owners.single_words.get(acronym, set()) <= {fact.id}
            ):
                words.append((acronym,))
        if person and len(grading_words(fact.answer)) > 1:
            surname = _surname(fact.answer)
            if surname and owners.surnames.get(surname) == {fact.id}:
                words.append(surname)
        return [w for w in dict.fromkeys(words) if w]


def names_in_text(fact: Fact) -> tuple[Words, ...]:
    """Forms that name the answer wherever a student reads them, the deck aside: every accepted
    spelling, a person's surname alone, the answer's acronym ('Curie' in 'the Curie Institute'
    names Marie Curie, whether or not the grader would take 'Curie' alone)."""
    return _names(fact.kind, tuple(fact.accepted))


@lru_cache(maxsize=1 << 16)
def _names(kind: AnswerKind, accepted: tuple[str, ...]) -> tuple[Words, ...]:
    from rutw_quiz.grading.spellings import _acronym, _forms, _surname

    words: list[Words] = [form.words for text in accepted for form in _forms(text, "", kind)]
    if kind is AnswerKind.PERSON:
        words += [s for text in accepted if len(text.split()) > 1 and (s := _surname(text))]
    words += [(a,) for text in accepted if (a := _acronym(text)) and len(a) >= 2]
    return tuple(w for w in dict.fromkeys(words) if w)


@lru_cache(maxsize=1 << 16)
def text_names(text: str, forms: tuple[Words, ...]) -> Words | None:
    """The first of `forms` that `text` holds as whole words (as the grader reads text), if any."""
    from rutw_quiz.grading.forms import grading_words

    words = grading_words(text)
    present = set(words)
    for form in forms:
        if not form:
            return form
        if form[0] not in present:  # most forms: no need to look for where they would start
            continue
        n = len(form)
        if any(words[i : i + n] == form for i in range(len(words) - n + 1) if words[i] == form[0]):
            return form
    return None


def other_guises(fact: Fact) -> tuple[Words, ...]:
    """The forms of `names_in_text` beside the answer and aliases themselves: a person's surname,
    the answer's acronym (what `validate` cannot see by comparing with the answer)."""
    return _guises(fact.kind is AnswerKind.PERSON, tuple(fact.accepted))


@lru_cache(maxsize=1 << 16)
def _guises(person: bool, accepted: tuple[str, ...]) -> tuple[Words, ...]:
    from rutw_quiz.grading.spellings import _acronym, _surname

    words: list[Words] = []
    if person:
        words += [s for text in accepted if len(text.split()) > 1 and (s := _surname(text))]
    words += [(a,) for text in accepted if (a := _acronym(text)) and len(a) >= 2]
    return tuple(w for w in dict.fromkeys(words) if w)
