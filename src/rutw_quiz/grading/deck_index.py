"""A deck's answers indexed once, for every question of the deck to refuse without a copy.

`DeckIndex` holds each fact's answer and aliases as refused forms (with the fact they belong to),
indexed by their exact words, their content words and a symmetric-delete typo index (a form is
found by a slip of its rarest word), and who in the deck owns which surname, acronym and one-word
answer. A question's key looks its typed answer up here, skipping its own fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property

from rutw_quiz.deck.models import AnswerKind, Deck
from rutw_quiz.grading.forms import STOPWORDS, grading_words
from rutw_quiz.grading.spellings import (
    _PERSON_KINDS,
    LETTERS_PER_TYPO,
    SHORT_WORD,
    Form,
    Words,
    _acronym,
    _forms,
    _proper_words,
    _short,
    _surname,
    content_words,
    rival_allowance,
)

ANOTHER_ANSWER = "wrong: that is another fact's answer ('{}')"


def deletions(word: str, depth: int) -> set[str]:
    """`word` with up to `depth` letters taken out (the symmetric-delete typo index's keys)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


MAX_INDEXED_SLIPS = 3
"""Slips the typo index finds in one word at most: a word's allowance (one per six letters) passes
three only past 23 letters, and the index holds every way of deleting that many letters from each
word (C(45, 7) is 45 million for a 45-letter word)."""


def _typed_depth(word: str) -> int:
    """The most edits any indexed word within reach of `word` allows (its allowance or a short slip)."""
    depth = 1 if len(word) >= SHORT_WORD - 1 else 0
    while (len(word) + depth + 1) // LETTERS_PER_TYPO >= depth + 1:
        depth += 1
    return depth


class DeckIndex:
    """The deck-wide tables, built once per deck: every answer as a refused form (indexed three
    ways), who answers what, surnames, acronyms, the words of all answers."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.facts = {f.id: f for f in deck.facts}
        self.refusals: list[tuple[str, Form]] = []  # (fact id, form) of every answer and alias
        for fact in deck.facts:
            kind = AnswerKind(fact.kind)
            for text in fact.accepted:
                reason = ANOTHER_ANSWER.format(fact.answer)
                self.refusals.extend((fact.id, f) for f in _forms(text, reason, kind, text))
        self.exact: dict[Words, list[int]] = defaultdict(list)
        self.content: dict[Words, list[int]] = defaultdict(list)
        self.answer_words: set[str] = set()
        for i, (_, form) in enumerate(self.refusals):
            self.exact[form.words].append(i)
            self.content[content_words(form.words)].append(i)
            self.answer_words.update(form.words)
        self._typo: dict[tuple[int, int, str], list[int]] | None = None
        self._typo_depth = 0
        """The most letters deleted from an indexed word: a typed word needs no more."""
        self._typo_longest = 0
        """The longest indexed word: a typed word longer by more than `_typo_depth` is no slip of one."""
        self.surname_owners: dict[Words, set[str]] = defaultdict(set)
        for fact in deck.facts:
            if fact.kind not in _PERSON_KINDS:
                continue
            self.surname_owners[_surname(fact.answer)].add(fact.id)
            for alias in fact.aliases:
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

    @cached_property
    def setting(self) -> frozenset[str]:
        """The deck's setting: names its texts write with a capital in two facts or more ('Siberia',
        'Paris') that are no word of an answer and not by themselves a wrong choice. Said of a place answer
        ('Irkutsk, Siberia'), they are where it lies, as the deck tells."""
        seen: dict[str, int] = defaultdict(int)
        for fact in self.deck.facts:
            words: set[str] = set()
            for text in (fact.statement, fact.prompt or "", fact.note or "", fact.category or ""):
                words |= _proper_words(text)
            for word in words:
                seen[word] += 1
        whole = {words[0] for words in self.single_words_of_any()}
        return frozenset(w for w, n in seen.items() if n >= 2) - STOPWORDS - whole - self.answer_words

    def single_words_of_any(self) -> Iterator[Words]:
        """The answers, aliases and wrong choices of the deck that are one word ('Baikal', 'Omsk')."""
        for fact in self.deck.facts:
            for text in [*fact.accepted, *fact.distractors]:
                words = grading_words(text)
                if len(words) == 1:
                    yield words

    @property
    def typo(self) -> dict[tuple[int, int, str], list[int]]:
        """(word count, position, deletion) -> refusals: the forms a slip of typed words may be
        (each form indexed by one word, its rarest: a slip there must stay within that word's allowance)."""
        if self._typo is None:
            self._typo = defaultdict(list)
            seen: dict[str, int] = defaultdict(int)
            for _, form in self.refusals:
                for word in set(form.words):
                    seen[word] += 1
            for i, (_, form) in enumerate(self.refusals):
                if not form.words:
                    continue
                # the rarest word of the form (then the longest) finds it among the fewest others
                at = min(range(len(form.words)), key=lambda k: (seen[form.words[k]], -len(form.words[k])))
                word = form.words[at]
                depth = 0 if form.exact[at] and not _short(word) else rival_allowance(word)
                depth = min(depth, MAX_INDEXED_SLIPS)
                self._typo_depth = max(self._typo_depth, depth)
                self._typo_longest = max(self._typo_longest, len(word))
                for variant in deletions(word, depth):
                    self._typo[(len(form.words), at, variant)].append(i)
        return self._typo

    def near(self, words: Words) -> Iterator[int]:
        """Refusals whose word count matches and whose longest word a slip of a typed word may be."""
        index = self.typo
        seen: set[int] = set()
        for at, word in enumerate(words):
            # A match deletes at most `_typo_depth` letters on either side (symmetric delete), so
            # deeper variants of the typed word, or a word too long to shrink to an indexed one,
            # find nothing: without this, one long typed word costs time and memory exponential
            # in its length.
            depth = min(_typed_depth(word), self._typo_depth)
            if len(word) - depth > self._typo_longest:
                continue
            for variant in deletions(word, depth):
                for i in index.get((len(words), at, variant), ()):
                    if i not in seen:
                        seen.add(i)
                        yield i
