"""An independent audit of question sets: the rules a teacher checks, written apart from the engine.

Used by the invariant tests and by `benchmarks/count_violations.py`. Each finding is
(rule, question id, what is wrong). The rules (numbered as in the issue on trustworthy questions):

1. wrong choices of the category asked: a fact's own distractors, a same-category answer, or
   (years, dates, numbers) a value; never fewer than 3 choices;
2. honest true/false: a false version changes only the answer, to a value that is clearly
   wrong (20% from a qualified figure, never a figure with "more than"/"fewer than"; the
   weekday kept; no year or date swapped in a sentence that dates something else);
3. a fill-in blanks exactly one span;
4. within a set, no question names another's answer, and no fact is asked twice;
5. timeline events at least three months apart at the precision given;
6. matching sets: statements that stand alone, no mirror-image answers, no answer that is
   another fact's true answer to the same question.

And the rules of the issue on fair questions on any deck (the review's classes):

7. matching sets of one class: four answers of one kind (and for places, terms, documents and
   the like, one category head: all cities, all lakes);
8. made-up figures: no "more than"/"fewer than" figure asked as multiple choice; every choice
   written to the key's precision (a date to the same part, a number with the same trailing
   zeros); no year before or after one the statement names, on the other side from the key;
9. no choice list in which the key alone repeats a content word of the prompt;
10. a false statement never puts another fact's answer in (the real name of something else);
11. within a set, a person's surname shown in another question's text or choices gives them away.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.questions import (
    BLANK,
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.text import contains_phrase, normalize_answer

Finding = tuple[int, str, str]
_CATEGORY_KINDS = frozenset(
    {
        AnswerKind.PLACE,
        AnswerKind.ORGANIZATION,
        AnswerKind.DOCUMENT,
        AnswerKind.EVENT,
        AnswerKind.TERM,
        AnswerKind.OFFICE,
        AnswerKind.NUMBER,
    }
)

_BOUNDED = re.compile(
    r"(?:more than|over|at least|fewer than|less than|under|up to|at most)\s*$", re.IGNORECASE
)
_APPROX = re.compile(
    r"(?:about|around|approximately|roughly|nearly|almost|some|circa|c\.)\s*$", re.IGNORECASE
)
_WEEKDAYS = [d.lower() for d in calendar.day_name]
_LEANING = re.compile(
    r"^(?:during the same|the same|this|that|these|those|he|she|it|they|his|her|its|their)\b", re.I
)
_DATE_WORDS = re.compile(
    r"(?<![\d,.])(?:1[0-9]{3}|20[0-9]{2})(?![\d,])|\b(?:" + "|".join(calendar.month_name[1:]) + r")\b"
)


def _number(text: str) -> int | None:
    digits = re.sub(r"(?<=\d)[, ](?=\d{3}\b)", "", text.strip())
    return int(digits) if digits.isdecimal() else None


def _before_answer(fact: Fact) -> str:
    at = fact.statement.find(fact.answer)
    return fact.statement[max(0, at - 25) : at] if at >= 0 else ""


def _same_category(fact: Fact, deck: Deck, value: str) -> bool:
    if normalize_answer(value) in {normalize_answer(d) for d in fact.distractors}:
        return True
    if fact.category is None:
        return False
    return any(
        o.kind is fact.kind
        and o.category is not None
        and normalize_answer(o.category) == normalize_answer(fact.category)
        and normalize_answer(o.answer) == normalize_answer(value)
        for o in deck.facts
    )


def _is_wrong_value(fact: Fact, value: str) -> bool:
    """A made-up year, date or number: a value of the right form, clear of the statement's qualifier."""
    if fact.kind is AnswerKind.DATE:
        try:
            mine, other = parse_partial_date(fact.answer), parse_partial_date(value)
        except ValueError:
            return False
        return (bool(mine.month), bool(mine.day)) == (bool(other.month), bool(other.day)) and mine != other
    answer, other = _number(fact.answer), _number(value)
    if answer is None or other is None or answer == other:
        return False
    before = _before_answer(fact)
    if fact.kind is AnswerKind.NUMBER and _BOUNDED.search(before):
        lower = re.search(r"(more than|over|at least)\s*$", before, re.I) is not None
        return other >= 1.2 * answer if lower else other <= 0.8 * answer
    if fact.kind is AnswerKind.NUMBER and _APPROX.search(before):
        return abs(other - answer) >= 0.2 * answer
    return True


def _fits(fact: Fact, deck: Deck, value: str) -> bool:
    if fact.kind.is_numeric:
        return _is_wrong_value(fact, value) or (
            value in fact.distractors and fact.kind is not AnswerKind.NUMBER
        )
    return _same_category(fact, deck, value)


def _weekday_named(fact: Fact) -> int | None:
    words = re.findall(r"[a-z]+", fact.statement.lower())
    return next((i for i, d in enumerate(_WEEKDAYS) if d in words), None)


def _tf_allowed(fact: Fact) -> bool:
    if fact.kind is AnswerKind.NUMBER and _BOUNDED.search(_before_answer(fact)):
        return False
    at = fact.statement.find(fact.answer)
    before = re.sub(
        r"(?:\d{1,2}\s+)?(?:" + "|".join(calendar.month_name[1:]) + r")\s+$", "", fact.statement[:at]
    )
    rest = before + " " + fact.statement[at + len(fact.answer) :]
    return not (fact.kind in (AnswerKind.YEAR, AnswerKind.DATE) and _DATE_WORDS.search(rest))


def _span(date: PartialDate) -> tuple[dt.date, dt.date]:
    last_month = date.month or 12
    return (
        dt.date(date.year, date.month or 1, date.day or 1),
        dt.date(date.year, last_month, date.day or calendar.monthrange(date.year, last_month)[1]),
    )


def _visible(q: Question) -> str:
    if isinstance(q, TimelineQuestion):
        return " | ".join(q.choices)
    if isinstance(q, MatchingQuestion):
        return " | ".join([*q.choices.statements, *q.choices.answers])
    if isinstance(q, MultipleChoiceQuestion):
        return " | ".join([q.prompt, *q.choices])
    return q.prompt


def _mirrors(a: str, b: str) -> bool:
    fill = {"the", "of", "and", "for", "on", "in", "a", "an", "to"}
    wa, wb = set(normalize_answer(a).split()) - fill, set(normalize_answer(b).split()) - fill
    return min(len(wa), len(wb)) >= 2 and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


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
        "also",
        "have",
        "has",
        "had",
    ]
)


def _stems(text: str) -> set[str]:
    return {
        w[:5]
        for w in re.findall(r"[^\W_]+", text.casefold())
        if len(w) >= 4 and w not in _STOP and not w.isdigit()
    }


def _precision(kind: AnswerKind, text: str, key: str) -> tuple[object, ...]:
    """Dates: which parts are given; years: round like a round key; numbers: decimals, zeros, scale."""
    if kind is AnswerKind.DATE:
        d = parse_partial_date(text)
        return (bool(d.month), bool(d.day))
    if kind is AnswerKind.YEAR:
        return (text.endswith("0"),) if key.endswith("0") else ()
    digits = re.sub(r"[^\d.]", "", text)
    whole, _, frac = digits.partition(".")
    zeros = 0 if frac else len(whole) - len(whole.rstrip("0"))
    return (
        len(frac),
        zeros,
        text.rsplit(maxsplit=1)[-1] if not text.rsplit(maxsplit=1)[-1][0].isdigit() else "",
    )


def _year_of(kind: AnswerKind, text: str) -> int:
    return parse_partial_date(text).year if kind is AnswerKind.DATE else int(text)


def _figure_findings(q: MultipleChoiceQuestion, fact: Fact) -> Iterator[Finding]:
    if fact.kind is AnswerKind.NUMBER and _BOUNDED.search(_before_answer(fact)):
        yield 8, q.id, "a 'more than'/'fewer than' figure asked as multiple choice"
    key = _precision(fact.kind, fact.answer, fact.answer)
    for choice in q.choices:
        if _precision(fact.kind, choice, fact.answer) != key:
            yield 8, q.id, f"choice {choice!r} is not written to the key's precision"
    if fact.kind in (AnswerKind.YEAR, AnswerKind.DATE):
        at = fact.statement.find(fact.answer)
        rest = fact.statement[:at] + " " + fact.statement[at + len(fact.answer) :] + " " + q.prompt
        answer = _year_of(fact.kind, fact.answer)
        for other in (int(y) for y in re.findall(r"(?<![\d,.])(1[0-9]{3}|20[0-9]{2})(?![\d,])", rest)):
            for choice in q.choices:
                year = _year_of(fact.kind, choice)
                if (answer - other) * (year - other) < 0:
                    yield 8, q.id, f"{choice} is on the other side of {other} from the answer"


def audit_question(q: Question, facts: dict[str, Fact], deck: Deck, choices: int) -> Iterator[Finding]:
    """Rules 1, 2, 3, 5, 6 and 7–10 for one question."""
    if isinstance(q, MultipleChoiceQuestion):
        fact = facts[q.fact_id]
        if not 3 <= len(q.choices) <= choices:
            yield 1, q.id, f"{len(q.choices)} choices"
        for wrong in (c for c in q.choices if c != q.answer):
            if not _fits(fact, deck, wrong):
                yield 1, q.id, f"choice {wrong!r} is not a wrong answer of the category asked"
        if fact.kind.is_numeric:
            yield from _figure_findings(q, fact)
        else:
            echoed = _stems(q.answer) & _stems(q.prompt)
            others = [_stems(c) & _stems(q.prompt) for c in q.choices if c != q.answer]
            if echoed and not any(len(o) >= len(echoed) for o in others):
                yield 9, q.id, f"only the key repeats {sorted(echoed)} from the prompt"
    elif isinstance(q, TrueFalseQuestion):
        fact = facts[q.fact_id]
        if not _tf_allowed(fact):
            yield 2, q.id, "asked as true/false, but no false version of it is clearly false"
        if not q.answer:
            swapped = q.swapped or ""
            if not _fits(fact, deck, swapped):
                yield 2, q.id, f"swapped in {swapped!r}: not a clearly wrong value of the category"
            owners = [
                o.id
                for o in deck.facts
                if o.id != fact.id and normalize_answer(o.answer) == normalize_answer(swapped)
            ]
            if owners and not fact.kind.is_numeric:
                yield 10, q.id, f"swapped in {swapped!r}, the answer of {owners[0]}"
            whole = rf"(?<!\w){re.escape(fact.answer)}(?!\w)"
            expected = re.sub(whole, lambda _: swapped, fact.statement)

            def norm(text: str) -> str:
                """The article may be fixed ('a'/'an', and 'the' before the value put in, as a name is
                said: 'McGill University', 'the University of Chicago'), a sentence's first letter raised."""
                text = re.sub(r"\b[Aa]n? ", "a ", text)
                if swapped:
                    text = re.sub(rf"(?<!\w)[Tt]he (?={re.escape(swapped)})", "", text)
                return text[:1].upper() + text[1:]

            if norm(expected) != norm(q.prompt):
                yield 2, q.id, "the false version changes more than the answer"
            weekday = _weekday_named(fact)
            if weekday is not None and fact.kind is AnswerKind.DATE:
                date = parse_partial_date(swapped)
                if date.day and dt.date(date.year, date.month, date.day).weekday() != weekday:
                    yield 2, q.id, f"{swapped} is not a {_WEEKDAYS[weekday]}"
    elif isinstance(q, FillInQuestion):
        if q.prompt.count(BLANK) != 1:
            yield 3, q.id, f"{q.prompt.count(BLANK)} blanks"
    elif isinstance(q, TimelineQuestion):
        dates = [facts[i].when for i in q.fact_ids]
        for i, a in enumerate(dates):
            for b in dates[i + 1 :]:
                assert a is not None and b is not None
                (a0, a1), (b0, b1) = _span(a), _span(b)
                if max((b0 - a1).days, (a0 - b1).days) < 90:
                    yield 5, q.id, f"{a} and {b} are not clearly months apart"
    elif isinstance(q, MatchingQuestion):
        members = [facts[i] for i in q.fact_ids]
        if len({m.kind for m in members}) > 1:
            yield 7, q.id, f"answers of several kinds: {sorted({m.kind.value for m in members})}"
        elif members[0].kind in _CATEGORY_KINDS:
            heads = {
                (m.category or "").split()[-1:][0].rstrip("s").casefold() if m.category else ""
                for m in members
            }
            if len(heads) > 1 or "" in heads:
                yield 7, q.id, f"answers of several categories: {sorted(heads)}"
        for statement in q.choices.statements:
            if _LEANING.match(statement):
                yield 6, q.id, f"statement does not stand alone: {statement[:40]!r}"
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if _mirrors(a.answer, b.answer):
                    yield 6, q.id, f"mirror-image answers {a.answer!r} / {b.answer!r}"
                frame = lambda f: normalize_answer(f.statement.replace(f.answer, "_"))  # noqa: E731
                if frame(a) == frame(b) or (a.prompt and a.prompt == b.prompt):
                    yield 6, q.id, f"{a.answer!r} and {b.answer!r} answer the same question"


def audit_set(questions: Sequence[Question], decks: Sequence[Deck], choices: int = 4) -> list[Finding]:
    """Every finding in one set (one `questions` run, one quiz, one worksheet version)."""
    by_deck = {d.id: d for d in decks}
    findings: list[Finding] = []
    used = Counter((q.deck_id, f) for q in questions for f in q.fact_ids)
    findings += [(4, f"{d}:{f}", "fact asked twice") for (d, f), n in used.items() if n > 1]
    for q in questions:
        deck = by_deck[q.deck_id]
        facts = {f.id: f for f in deck.facts}
        findings += audit_question(q, facts, deck, choices)
    for q in questions:
        facts = {f.id: f for f in by_deck[q.deck_id].facts}
        answers = [a for i in q.fact_ids if not facts[i].kind.is_numeric for a in facts[i].accepted]
        surnames = [
            facts[i].answer.split()[-1]
            for i in q.fact_ids
            if facts[i].kind is AnswerKind.PERSON and len(facts[i].answer.split()) > 1
        ]
        for other in questions:
            if other is q:
                continue
            text = _visible(other)
            for answer in answers:
                if contains_phrase(text, answer):
                    findings.append((4, q.id, f"{other.id} names its answer {answer!r}"))
                    break
            else:
                for surname in surnames:
                    if contains_phrase(text, surname) and not _surname_shared(
                        surname, by_deck[q.deck_id], facts
                    ):
                        findings.append((11, q.id, f"{other.id} names its person by surname {surname!r}"))
    return findings


def _surname_shared(surname: str, deck: Deck, facts: dict[str, Fact]) -> bool:
    """Whether another person of the deck (an answer or a distractor) has the surname too."""
    names = [f.answer for f in deck.facts if f.kind is AnswerKind.PERSON] + [
        d for f in deck.facts if f.kind is AnswerKind.PERSON for d in f.distractors
    ]
    return sum(n.split()[-1].casefold() == surname.casefold() for n in names) > 1
