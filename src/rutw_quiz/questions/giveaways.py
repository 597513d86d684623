"""No question in a set gives away another's answer.

A quiz, a worksheet version or a `questions` run is one set: a student reads all of it.
If one question's text names another's answer ("the tanker Tuapse" beside "Which tanker
…?"), the second question is free. `SetGuard` keeps the words shown so far and the answers
asked so far in indexes, so checking a candidate costs about the length of its text, not
the size of the set.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.grading.forms import grading_words
from rutw_quiz.questions.answer_forms import AnswerForms
from rutw_quiz.questions.models import (
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    TimelineQuestion,
)
from rutw_quiz.text import normalize_answer

MAX_PHRASE_WORDS = 12
"""Answers longer than this (in words) are matched on their first twelve words."""
SHORT_PHRASE_WORDS = 3
"""Shown runs of up to this many words are kept whole; longer answers are found by their start
(`SetGuard.add` writes out runs of one, two and three)."""
COMMON_SHARE = 0.1
"""Words in more than this share of a deck's statements ("Taiwan", "Soviet") are no context."""
_STOPWORDS = frozenset(
    [
        "about",
        "after",
        "also",
        "among",
        "been",
        "before",
        "between",
        "both",
        "during",
        "from",
        "have",
        "into",
        "more",
        "most",
        "only",
        "other",
        "over",
        "said",
        "same",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "with",
        "would",
        "year",
        "years",
    ]
)


_NAME_FILLERS = frozenset({"the", "of", "and", "for", "on", "in", "a", "an", "to"})
MIRROR_SHARE = 0.6


def name_words(name: str) -> frozenset[str]:
    """A name's words without fillers, as the mirror-image check compares them."""
    return frozenset(normalize_answer(name).split()) - _NAME_FILLERS


def words_mirror(a: frozenset[str], b: frozenset[str]) -> bool:
    """`mirror_images` on names already split by `name_words`."""
    if min(len(a), len(b)) < 3:
        return False
    return len(a & b) >= MIRROR_SHARE * min(len(a), len(b))


def mirror_images(a: str, b: str) -> bool:
    """Whether two names are made of mostly the same words ("Taipei–Moscow Economic and Cultural
    Coordination Commission" and "Moscow–Taipei Coordination Commission on Economic and Cultural
    Cooperation"): seen side by side, either seems to fit where the other belongs.
    """
    return words_mirror(name_words(a), name_words(b))


def visible_text(question: Question) -> str:
    """What a student reads of a question: prompt, statements, events, and the choices of a list
    (a key printed among another question's choices counts as shown)."""
    if isinstance(question, TimelineQuestion):
        return " | ".join(question.choices)
    if isinstance(question, MatchingQuestion):
        return " | ".join([*question.choices.statements, *question.choices.answers])
    if isinstance(question, MultipleChoiceQuestion):
        return " | ".join([question.prompt, *question.choices])
    return question.prompt


_WORD = re.compile(r"[^\W_]+")
_NAMED_BY_YEAR = frozenset({AnswerKind.EVENT, AnswerKind.DOCUMENT})
"""Answers a year names in context: 'the 1895 treaty that handed Taiwan to Japan'."""


def _context_words(text: str) -> list[str]:
    """Words for the context of a figure: a plain, fast split (every statement of a deck is read)."""
    return _WORD.findall(text.casefold())


def _words(text: str) -> list[str]:
    return list(grading_words(text))


@dataclass(frozen=True)
class _Named:
    """One way a question's answer may be named: its words, and for a figure the words around it."""

    phrase: tuple[str, ...]
    context: frozenset[str] | None = None
    """For a year, date or number: it names the answer only beside one of these words."""


DERIVED_MIN = 6
"""A one-word answer of at least this many letters is named by a word of its family too."""


def derived_key(word: str) -> str | None:
    """What a one-word answer shares with the words of its family: 'electrified' and
    'electrification' share 'electrif' (all but its last three letters, six at least)."""
    if len(word) < DERIVED_MIN or not word.isalpha():
        return None
    return word[: max(DERIVED_MIN, len(word) - 3)]


@dataclass(frozen=True, eq=False)
class _DeckWords:
    """What every set of the same decks reads alike: the words too common to be context, and the
    forms that name each answer (built as asked for)."""

    decks: Sequence[Deck]
    """Kept alive, so the ids they are found by stay theirs."""
    common: frozenset[str]
    forms: AnswerForms


_DECK_WORDS: dict[tuple[int, ...], _DeckWords] = {}
"""`_deck_words` by the identity of the decks: every set of a run (a practice page makes several)
reads the same decks."""


def _deck_words(decks: Sequence[Deck]) -> _DeckWords:
    key = tuple(id(d) for d in decks)
    found = _DECK_WORDS.get(key)
    if found is None:
        if len(_DECK_WORDS) >= 8:
            _DECK_WORDS.clear()
        found = _DECK_WORDS[key] = _DeckWords(list(decks), _common_words(decks), AnswerForms(decks))
    return found


def _common_words(decks: Sequence[Deck]) -> frozenset[str]:
    """Words in more than COMMON_SHARE of the decks' statements: they are no context."""
    statements = [f.statement for d in decks for f in d.facts]
    frequency: Counter[str] = Counter()
    for statement in statements:
        frequency.update(set(_context_words(statement)))
    limit = max(2, COMMON_SHARE * len(statements))
    return frozenset(w for w, n in frequency.items() if n > limit)


class SetGuard:
    """The answers asked and the words shown in one set so far."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        shared = _deck_words(decks)
        self._common = shared.common
        self._decks = {d.id: d for d in decks}
        self._named: dict[tuple[str, int, bool], tuple[Fact, list[_Named]]] = {}
        """`_fact_answers` by deck, fact (kept alive beside them, so its id stays its own) and
        timeline: a long set tries most facts several times."""
        self._forms = shared.forms
        self._shown_phrases: set[tuple[str, ...]] = set()
        """Every run of up to SHORT_PHRASE_WORDS words shown so far."""
        self._shown_texts: list[list[str]] = []
        self._shown_starts: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        """Where each run of SHORT_PHRASE_WORDS words starts in `_shown_texts`: a longer answer (few
        are) is looked for there, so recording a text costs a few entries per word, not twelve."""
        self._shown_context: dict[str, set[str]] = defaultdict(set)
        """For each numeric word shown, the context words of all the texts it stood in: a year, date or
        number gives another question away only beside one of its context words, so their union
        is all a check needs."""
        self._asked: dict[tuple[str, ...], set[str] | None] = {}
        """Answers asked so far: for a figure the context words it was asked beside, else None
        (named anywhere, it gives the answer away)."""
        self._asked_lengths: dict[str, set[int]] = defaultdict(set)
        """The lengths of the answers asked so far, by their first word."""
        self._asked_names: list[frozenset[str]] = []
        """Answers asked of three words or more, for the mirror-image check (see `_mirrors`)."""
        self._names_by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
        """The positions in `_asked_names` of the names holding each pair of words: mirror images
        share at least two words, so a name is only compared with names sharing a pair."""
        self._shown_stems: set[str] = set()
        """Every start (six letters or more) of every word shown so far."""
        self._asked_stems: set[str] = set()
        """The `derived_key` of every one-word answer asked so far."""

    def _context(self, text: str) -> frozenset[str]:
        return frozenset(
            w
            for w in _context_words(text)
            if len(w) >= 4 and not w.isdecimal() and w not in _STOPWORDS and w not in self._common
        )

    def _answers(self, deck_id: str, facts: Sequence[Fact], timeline: bool) -> list[_Named]:
        """Every way the question's answers may be named elsewhere.

        A name as the grader accepts it (answer, alias, unique surname or acronym); a figure as
        written, beside its context; the year of a date, of an event or document ("the 1895
        treaty"), and of each event of a timeline, beside its context.
        """
        found: list[_Named] = []
        for fact in facts:
            key = (deck_id, id(fact), timeline)
            known = self._named.get(key)
            if known is None:
                known = self._named[key] = (fact, self._fact_answers(deck_id, fact, timeline))
            found += known[1]
        return found

    def _fact_answers(self, deck_id: str, fact: Fact, timeline: bool) -> list[_Named]:
        """`_answers` for one fact."""
        deck = self._decks.get(deck_id)
        found: list[_Named] = []
        context = self._context(fact.statement + " " + (fact.event or ""))
        if fact.kind.is_numeric:
            found += [_Named(p[:MAX_PHRASE_WORDS], context) for a in fact.accepted if (p := tuple(_words(a)))]
        elif deck is not None:
            found += [_Named(p[:MAX_PHRASE_WORDS]) for p in self._forms.of(deck, fact)]
        dated = fact.kind is AnswerKind.DATE or fact.kind in _NAMED_BY_YEAR
        when = fact.when
        if when is not None and (dated or timeline):
            found.append(_Named((str(when.year),), context))
        return found

    @staticmethod
    def _derived_keys(facts: Sequence[Fact]) -> list[str]:
        """The family keys of the facts' one-word answers in words (not figures, not names)."""
        keys = []
        for fact in facts:
            if fact.kind.is_numeric or fact.kind is AnswerKind.PERSON:
                continue
            words = _words(fact.answer)
            if len(words) == 1 and (key := derived_key(words[0])) is not None:
                keys.append(key)
        return keys

    def gives_away(self, question: Question, facts: Sequence[Fact]) -> bool:
        """Whether `question` names an answer already asked, or its answers were already shown.

        Two answers that are mirror images of each other (the two commissions' names) count as
        one: asking one beside the other gives both away.
        """
        timeline = isinstance(question, TimelineQuestion)
        return self.answers_shown(question.deck_id, facts, timeline=timeline) or self.names_asked(question)

    def answers_shown(self, deck_id: str, facts: Sequence[Fact], *, timeline: bool) -> bool:
        """The half of `gives_away` that the facts decide: their answers were shown already, or
        mirror an answer asked. Checked before a question is built, it spares building one that
        could not be taken (on a large deck, most of those a long set turns away)."""
        if any(self._mirrors(name_words(f.answer)) for f in facts):
            return True
        for named in self._answers(deck_id, facts, timeline):
            if self._was_shown(named.phrase) and (
                named.context is None or not named.context.isdisjoint(self._shown_context[named.phrase[-1]])
            ):
                return True
        return any(key in self._shown_stems for key in self._derived_keys(facts))  # 'electrification' shown

    def names_asked(self, question: Question) -> bool:
        """The half of `gives_away` that the question's text decides: it names an answer asked."""
        text = visible_text(question)
        words = _words(text)
        if self._asked_stems and any(
            word[:n] in self._asked_stems for word in words for n in range(DERIVED_MIN, len(word) + 1)
        ):
            return True
        context: frozenset[str] | None = None
        for i, word in enumerate(words):
            for length in self._asked_lengths.get(word, ()):
                phrase = tuple(words[i : i + length])
                if phrase not in self._asked:
                    continue
                asked_beside = self._asked[phrase]
                if asked_beside is None:
                    return True
                context = context if context is not None else self._context(text)
                if not context.isdisjoint(asked_beside):
                    return True
        return False

    def _was_shown(self, phrase: tuple[str, ...]) -> bool:
        """Whether a question of the set showed these words in a row."""
        if len(phrase) <= SHORT_PHRASE_WORDS:
            return phrase in self._shown_phrases
        n = len(phrase)
        return any(
            tuple(self._shown_texts[place][i : i + n]) == phrase
            for place, i in self._shown_starts.get(phrase[:SHORT_PHRASE_WORDS], ())
        )

    def _mirrors(self, name: frozenset[str]) -> bool:
        """Whether `name` is a mirror image of an answer asked (see `words_mirror`)."""
        if len(name) < 3:
            return False
        seen: set[int] = set()
        for pair in _pairs(name):
            for position in self._names_by_pair.get(pair, ()):
                if position not in seen:
                    seen.add(position)
                    if words_mirror(name, self._asked_names[position]):
                        return True
        return False

    def add(self, question: Question, facts: Sequence[Fact]) -> None:
        """Record a question taken into the set."""
        text = visible_text(question)
        words = _words(text)
        place = len(self._shown_texts)
        self._shown_texts.append(words)
        # Every run of one, two and three words (SHORT_PHRASE_WORDS), and where each run of three starts.
        shown = self._shown_phrases
        shown.update(zip(words))
        shown.update(itertools.pairwise(words))
        threes = list(zip(words, words[1:], words[2:], strict=False))
        shown.update(threes)
        starts = self._shown_starts
        for i, three in enumerate(threes):
            starts[three].append((place, i))
        context = self._context(text)
        for word in set(words):
            if not word.isalpha() and any(ch.isdigit() for ch in word):
                self._shown_context[word].update(context)
            elif len(word) >= DERIVED_MIN:
                self._shown_stems.update([word[:n] for n in range(DERIVED_MIN, len(word) + 1)])
        self._asked_stems.update(self._derived_keys(facts))
        # Only names of three words or more can mirror another; few answers are that long.
        for f in facts:
            name = name_words(f.answer)
            if not f.kind.is_numeric and len(name) >= 3:
                for pair in _pairs(name):
                    self._names_by_pair[pair].append(len(self._asked_names))
                self._asked_names.append(name)
        for named in self._answers(question.deck_id, facts, isinstance(question, TimelineQuestion)):
            self._asked_lengths[named.phrase[0]].add(len(named.phrase))
            if named.context is None:
                self._asked[named.phrase] = None  # named anywhere, it gives the answer away
            elif (beside := self._asked.setdefault(named.phrase, set())) is not None:
                beside.update(named.context)


def _pairs(name: frozenset[str]) -> list[tuple[str, str]]:
    words = sorted(name)
    return [(a, b) for i, a in enumerate(words) for b in words[i + 1 :]]
