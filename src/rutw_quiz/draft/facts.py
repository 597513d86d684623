"""Draft facts from a source's sentences: one candidate answer per sentence, ranked, each with a
verbatim quote, a statement that stands alone where it can, and what the author should check.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rutw_quiz.deck.advice import leans_on_another_sentence
from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.models import AnswerKind
from rutw_quiz.draft.candidates import Candidate, NameReader, date_spans, number_spans, term_spans
from rutw_quiz.draft.sentences import Sentence
from rutw_quiz.draft.statements import (
    Person,
    dates_something_else,
    event_label,
    quote_around,
    says_what_happened,
    tidy,
    who_the_pronoun_means,
)
from rutw_quiz.draft.subject import Subject
from rutw_quiz.text import normalize_answer, whole_word_spans

LONG_STATEMENT_WORDS = 40
MAX_DISTRACTORS = 3

# How much a question about each kind of answer is worth, before the sentence is weighed.
_KIND_WORTH = {
    AnswerKind.PERSON: 3.0,
    AnswerKind.DOCUMENT: 3.0,
    AnswerKind.DATE: 2.8,
    AnswerKind.YEAR: 2.8,
    AnswerKind.EVENT: 2.6,
    AnswerKind.ORGANIZATION: 2.5,
    AnswerKind.PLACE: 2.4,
    AnswerKind.SHIP: 2.4,
    AnswerKind.NUMBER: 2.2,
    AnswerKind.COUNTRY: 1.6,
    AnswerKind.TERM: 2.0,
}
_KEY_VERBS = re.compile(
    r"\b(?:first|founded|discovered|invented|born|died|named|called|known as|built|established|signed|"
    r"elected|appointed|won|awarded|published|painted|composed|wrote|captured|conquered|became|largest|"
    r"smallest|oldest|only)\b",
    re.IGNORECASE,
)
_HEDGES = re.compile(
    r"\b(?:possibly|perhaps|may have|might|it is (?:thought|believed|possible|said)|reportedly|allegedly|"
    r"some (?:say|believe|historians))\b",
    re.IGNORECASE,
)
MAX_YEARS_APART = 60
_MINOR = frozenset(["the", "a", "an", "of", "and", "in", "on", "at", "to", "for"])
MIN_SCORE = 2.6
"""Below this a candidate is more often dropped than kept by a teacher: the draft leaves it out."""
_NAMES_ITS_DATE = re.compile(r"[A-Z][\w'’-]*\s+of\s+$")
_LIST_GLUE = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


@dataclass
class DraftFact:
    """A candidate fact for the author: the deck record's fields, its worth, and what to check."""

    answer: str
    kind: AnswerKind
    statement: str
    quote: str
    section: str | None
    sentence: Sentence
    category: str | None = None
    date: str | None = None
    year: int | None = None
    event: str | None = None
    distractors: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    score: float = 0.0
    id: str = ""


def _years_apart(a: str, b: str) -> int:
    """How many years lie between two year or date answers (0 for names)."""
    ya, yb = re.search(r"\d{3,4}", a), re.search(r"\d{3,4}", b)
    return abs(int(ya.group()) - int(yb.group())) if ya and yb else 0


def _same_clause(sentence: str, a: Candidate, b: Candidate) -> bool:
    """Whether nothing but words stands between two spans (no comma, semicolon or bracket): a date
    dates the answer only from inside its clause."""
    lo, hi = sorted((a, b), key=lambda c: c.start)
    return not re.search(r"[,;()—]", sentence[lo.end : hi.start])


def _not_listed(candidates: list[Candidate], sentence: str) -> list[Candidate]:
    """The candidates that are not one item of a list ("Renoir, Bazille and Sisley"): any other
    item of the list would answer the blank as well."""
    ordered = sorted(candidates, key=lambda c: c.start)
    listed: set[int] = set()
    for i, (a, b) in enumerate(itertools.pairwise(ordered)):
        if _LIST_GLUE.match(sentence[a.end : b.start]):
            listed.update((i, i + 1))
    return [c for i, c in enumerate(ordered) if i not in listed]


class Drafter:
    """Finds candidate facts in a source's sentences and keeps the best, one per sentence."""

    def __init__(self, text: str, sentences: Sequence[Sentence], subject: Subject) -> None:
        self.text = text
        self.sentences = list(sentences)
        self.subject = subject
        self.names = NameReader(text)
        self.found: dict[int, list[Candidate]] = {}
        self.dates: dict[int, list[Candidate]] = {}
        for sentence in self.sentences:
            dates = date_spans(sentence.text)
            self.dates[sentence.index] = dates
            self.found[sentence.index] = _not_listed(
                [
                    *dates,
                    *number_spans(sentence.text, dates),
                    *self.names.names(sentence.text),
                    *term_spans(sentence.text),
                ],
                sentence.text,
            )
        mentions: Counter[str] = Counter()
        for candidates in self.found.values():
            for c in candidates:
                mentions[normalize_answer(c.answer)] += 1
        self.mentions = mentions
        self.people = {
            i: [
                Person(c.answer, len(self.sentences[i].text[: c.start].split()) <= 3)
                for c in cands
                if c.kind is AnswerKind.PERSON
            ]
            for i, cands in self.found.items()
        }

    def draft(self) -> list[DraftFact]:
        """Each sentence's best fact whose answer no better fact has taken, best first."""
        options: list[list[DraftFact]] = []
        for sentence in self.sentences:
            made = self._facts_of(sentence)
            if made:
                options.append(sorted(made, key=lambda f: -f.score))
        options.sort(key=lambda made: (-made[0].score, made[0].sentence.index))
        taken: set[str] = set()
        chosen: list[DraftFact] = []
        for made in options:
            for fact in made:
                key = normalize_answer(fact.answer)
                if key not in taken:
                    taken.add(key)
                    chosen.append(fact)
                    break
        chosen = [f for f in chosen if f.score >= MIN_SCORE]
        chosen.sort(key=lambda f: (-f.score, f.sentence.index))
        self._add_distractors(chosen)
        return chosen

    def _facts_of(self, sentence: Sentence) -> list[DraftFact]:
        if not says_what_happened(sentence.text):
            return []
        statement = tidy(sentence.text, self.text)
        before = self.sentences[sentence.index - 1] if sentence.index else None
        previous = (
            [(before.text, self.people.get(before.index, []))]
            if before is not None and before.paragraph == sentence.paragraph
            else []
        )
        likely = who_the_pronoun_means(statement, previous, self.subject.short_name)
        made = (self._fact(sentence, statement, likely, c) for c in self.found[sentence.index])
        return [fact for fact in made if fact is not None]

    def _fact(self, sentence: Sentence, statement: str, likely: str | None, c: Candidate) -> DraftFact | None:
        answer = c.answer if c.answer in statement else tidy(c.answer, self.text)
        if len(whole_word_spans(statement, answer)) != 1:
            return None  # a blank must hide exactly one span
        if c.kind in (AnswerKind.YEAR, AnswerKind.DATE) and _NAMES_ITS_DATE.search(sentence.text[: c.start]):
            return None  # "the Treaty … of 1945": the year of a name, not of what the sentence tells
        if self.subject.is_about(answer):
            return None  # every question of the deck is about its subject: it answers nothing
        if c.kind is AnswerKind.COUNTRY and len(statement.split()) < 10:
            return None
        inside_brackets = sentence.text.count("(", 0, c.start) > sentence.text.count(")", 0, c.start)
        fact = DraftFact(
            answer=answer,
            kind=c.kind,
            statement=statement,
            quote=quote_around(sentence.text, c.start, c.end),
            section=sentence.section,
            sentence=sentence,
            category=c.category,
        )
        self._date(fact, c)
        score = _KIND_WORTH.get(c.kind, 1.5)
        words = len(statement.split())
        score += 0.8 if 8 <= words <= 30 else (-1.0 if words > LONG_STATEMENT_WORDS else 0.0)
        score += 0.6 if c.category else 0.0
        score += min(self.mentions[normalize_answer(c.answer)], 5) * 0.4 - 0.4  # named often: it matters
        score -= 2.0 if inside_brackets else 0.0
        if self.subject.words & set(normalize_answer(answer).split()):
            score -= 1.0  # "radium chloride" in a deck on radium: rarely the point
        score -= 0.3 * (sentence.index / max(1, len(self.sentences)))
        if sentence.paragraph == self.sentences[0].paragraph:
            score += 1.0  # the lead paragraph says what matters most about the subject
        head = sentence.text[: c.start]
        if re.search(
            r"(?:,\s*(?:which|who|whom|whose|where)\b[^,]*|\b(?:including|such as|like|e\.g\.)\s+[^,]*)$",
            head,
        ):
            score -= 1.2  # in a side clause or an example list: rarely the point of the sentence
        if _KEY_VERBS.search(sentence.text):
            score += 0.6
        elif c.kind is AnswerKind.DATE and re.match(r"\d", answer):
            score -= 0.8  # the very day of a minor event is trivia; of a birth, a death, a founding it is not
        if _HEDGES.search(sentence.text):
            score -= 1.0
        if leans_on_another_sentence(statement):
            score -= 1.5
            hint = f" (the sentence before suggests {likely})" if likely else ""
            fact.checks.append(
                f"edit: the statement opens with '{statement.split(maxsplit=1)[0]}', which leans on the sentence before "
                f"it; name who or what it is about{hint}"
            )
        if (
            c.kind in (AnswerKind.PERSON, AnswerKind.PLACE, AnswerKind.ORGANIZATION, AnswerKind.SHIP)
            and c.clue
        ):
            what = f"{c.kind.value}" + (f", category '{c.category}'" if c.category else "")
            fact.checks.append(f'kind ({what}) guessed from "{c.clue}"')
        elif c.kind is AnswerKind.PERSON:
            fact.checks.append("kind (person) guessed from the shape of the name")
        if words > LONG_STATEMENT_WORDS:
            fact.checks.append("edit: a long sentence; shorten the statement to the part that is asked")
        if c.kind is AnswerKind.NUMBER:
            fact.checks.append(f"the number counts '{c.category}': check the category reads well as a hint")
        fact.score = score
        return fact

    def _date(self, fact: DraftFact, c: Candidate) -> None:
        """The fact's date and event label: its answer when it is a date, else the sentence's one date."""
        dates = self.dates[fact.sentence.index]
        if c.kind in (AnswerKind.DATE, AnswerKind.YEAR):
            when = c.answer
        elif (
            len(dates) == 1
            and not dates_something_else(fact.statement)
            and not _NAMES_ITS_DATE.search(fact.sentence.text[: dates[0].start])
            and _same_clause(fact.sentence.text, dates[0], c)
        ):
            when = dates[0].answer
        else:
            return
        written = when.replace(",", "")
        try:
            parsed = parse_partial_date(written)
        except ValueError:
            return
        if parsed.month:
            fact.date = written
        else:
            fact.year = parsed.year
        fact.event = event_label(fact.statement, when) if when in fact.statement else None
        if fact.event:
            fact.checks.append("the event label: short, true, and without its date")

    def _add_distractors(self, facts: Iterable[DraftFact]) -> None:
        """Wrong answers only where the text itself offers them: other names of the same kind and
        category, other years or dates of the same section; none invented."""
        names: dict[tuple[AnswerKind, str | None], list[tuple[int, str]]] = defaultdict(list)
        when_by_section: dict[tuple[str | None, AnswerKind], list[tuple[int, str]]] = defaultdict(list)
        for sentence in self.sentences:
            for c in self.found[sentence.index]:
                if c.kind in (AnswerKind.YEAR, AnswerKind.DATE):
                    when_by_section[(sentence.section, c.kind)].append((sentence.index, c.answer))
                elif c.kind is not AnswerKind.NUMBER and (c.category or c.kind is AnswerKind.COUNTRY):
                    names[(c.kind, (c.category or "").casefold() or None)].append((sentence.index, c.answer))
        for fact in facts:
            if fact.kind in (AnswerKind.YEAR, AnswerKind.DATE):
                pool = when_by_section[(fact.section, fact.kind)]
                if fact.kind is AnswerKind.DATE:
                    shape = len(fact.answer.split())
                    pool = [(i, a) for i, a in pool if len(a.split()) == shape]
            elif fact.kind not in (AnswerKind.PERSON, AnswerKind.PLACE) or not fact.category:
                continue  # organisations and countries of one text are too often the same or also true
            else:
                pool = names[(fact.kind, (fact.category or "").casefold() or None)]
            chosen: list[str] = []
            keys = {normalize_answer(fact.answer)}
            statement_key = f" {normalize_answer(fact.statement)} "
            paragraph = fact.sentence.paragraph
            own_words = set(normalize_answer(fact.answer).split()) - _MINOR
            for index, answer in sorted(pool, key=lambda item: abs(item[0] - fact.sentence.index)):
                key = normalize_answer(answer)
                if own_words & set(key.split()) or _years_apart(fact.answer, answer) > MAX_YEARS_APART:
                    continue  # "Dutch East Indies Company" for "Dutch East India Company"; another century
                if key in keys or f" {key} " in statement_key or self.sentences[index].paragraph == paragraph:
                    continue  # names of the same paragraph are too often true of the fact as well
                keys.add(key)
                chosen.append(answer)
                if len(chosen) == MAX_DISTRACTORS:
                    break
            if chosen:
                fact.distractors = chosen
                fact.checks.append(
                    "the distractors are other "
                    + (
                        "years"
                        if fact.kind is AnswerKind.YEAR
                        else "dates"
                        if fact.kind is AnswerKind.DATE
                        else f"{fact.category or 'countries'}"
                    )
                    + " named in the text: make sure each is wrong here"
                )
