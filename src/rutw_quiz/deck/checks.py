"""Checks a deck must pass beyond its types: identity, sources, answers, dates, distractor supply."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.deck.numbers import read_figure
from rutw_quiz.deck.ranges import Bounds, point
from rutw_quiz.deck.yaml_source import Path_
from rutw_quiz.text import (
    DIGIT_GROUP_SEPARATOR,
    contains_phrase,
    normalize_answer,
    occurs_as_words,
    whole_word_spans,
    word_count,
)

YEAR_RANGE = range(1, 2101)
MAX_QUOTE_WORDS = 40

Finding = tuple[Path_, str]


def deck_findings(deck: Deck, *, positions: Sequence[int] | None = None) -> Iterator[Finding]:
    """Every problem of a type-valid deck, as (path in the document, message).

    `positions` gives each fact's index in the file when `deck` holds only some of the
    file's facts (the others had type errors).
    """
    where = list(positions) if positions is not None else list(range(len(deck.facts)))
    source_ids = {s.id for s in deck.sources}
    yield from _unique((("sources", i, "id"), s.id) for i, s in enumerate(deck.sources))
    yield from _unique((("facts", where[i], "id"), f.id) for i, f in enumerate(deck.facts))
    for index, fact in enumerate(deck.facts):
        at: Path_ = ("facts", where[index])
        if fact.source.id not in source_ids:
            known = ", ".join(sorted(source_ids))
            yield (
                (*at, "source", "id"),
                f"source '{fact.source.id}' is not declared under sources (declared: {known})",
            )
        for t, topic in enumerate(fact.topics):
            if topic not in deck.topics:
                yield (*at, "topics", t), f"topic '{topic}' is not declared under the deck's topics"
        yield from ((at + p, m) for p, m in fact_findings(fact))


def _unique(items: Iterator[tuple[Path_, str]]) -> Iterator[Finding]:
    first: dict[str, Path_] = {}
    for path, value in items:
        if value in first:
            yield path, f"duplicate id '{value}' (also at {first[value][0]}[{first[value][1]}])"
        else:
            first[value] = path


def fact_findings(fact: Fact) -> Iterator[Finding]:
    """The problems of one fact on its own, as (path in the fact, message)."""
    if not occurs_as_words(fact.statement, fact.answer):
        yield (
            ("answer",),
            (
                f"the answer '{fact.answer}' does not occur in the statement as whole words; "
                "write it in the statement exactly as in `answer`"
            ),
        )
    yield from _blank_findings(fact)
    answer_key = normalize_answer(fact.answer)
    alias_keys = {normalize_answer(a) for a in fact.aliases}
    for i, alias in enumerate(fact.aliases):
        if normalize_answer(alias) == answer_key:
            yield (
                ("aliases", i),
                f"alias '{alias}' is the answer itself (after ignoring case, accents and punctuation); remove it",
            )
    seen: set[str] = set()
    for i, distractor in enumerate(fact.distractors):
        key = normalize_answer(distractor)
        if key == answer_key or key in alias_keys:
            yield (
                ("distractors", i),
                f"distractor '{distractor}' equals the answer or an alias; a distractor must be wrong",
            )
        elif any(contains_phrase(distractor, a) or contains_phrase(a, distractor) for a in fact.accepted):
            yield (
                ("distractors", i),
                f"distractor '{distractor}' overlaps the answer or an alias (one contains the other), so it "
                "could pass as right; use a clearly different wrong answer (in a list like [a, b], put quotes around an "
                "item that has a comma in it)",
            )
        elif key in seen:
            yield ("distractors", i), f"distractor '{distractor}' is listed twice"
        seen.add(key)
    if fact.prompt is not None:
        for text in fact.accepted:
            if contains_phrase(fact.prompt, text):
                yield ("prompt",), f"the prompt gives its answer away: it contains '{text}'"
                break
    yield from _date_findings(fact)
    if (
        fact.event is not None
        and fact.when is not None
        and re.search(rf"(?<!\d){fact.when.year}(?!\d)", fact.event)
    ):
        yield (
            ("event",),
            f"the event label contains its own year {fact.when.year}; timeline questions would give the order away",
        )
    words = word_count(fact.source.quote)
    if words > MAX_QUOTE_WORDS:
        yield (
            ("source", "quote"),
            f"the quote has {words} words (more than {MAX_QUOTE_WORDS}); keep evidence to about 30 words",
        )


def _blank_findings(fact: Fact) -> Iterator[Finding]:
    """The answer stands once in the statement, and no alias names something else there.

    A fill-in blank or a true/false swap hides or changes exactly one span; a second
    occurrence would be left showing or changed too ("a ship named after its lake").
    """
    answer_spans = whole_word_spans(fact.statement, fact.answer)
    if len(answer_spans) > 1:
        yield (
            ("answer",),
            f"the answer '{fact.answer}' occurs {len(answer_spans)} times in the statement; a blank must hide "
            "exactly one: reword so that it occurs once",
        )
    for i, alias in enumerate(fact.aliases):
        elsewhere = [
            (start, end)
            for start, end in whole_word_spans(fact.statement, alias, ignore_case=True)
            if not any(start < b and a < end for a, b in answer_spans)
        ]
        if elsewhere and answer_spans:
            yield (
                ("aliases", i),
                f"alias '{alias}' also stands in the statement apart from the answer, where it names something "
                "else; remove the alias or reword the statement",
            )
        elif len(elsewhere) > 1:
            yield (
                ("aliases", i),
                f"alias '{alias}' occurs {len(elsewhere)} times in the statement; a blank must hide exactly one",
            )


def _date_findings(fact: Fact) -> Iterator[Finding]:
    when = parse_partial_date(fact.date) if fact.date is not None else None
    if fact.year is not None and fact.year not in YEAR_RANGE:
        yield ("year",), f"year {fact.year} is outside {YEAR_RANGE.start}–{YEAR_RANGE.stop - 1}"
    if when is not None and when.year not in YEAR_RANGE:
        yield ("date",), f"year {when.year} is outside {YEAR_RANGE.start}–{YEAR_RANGE.stop - 1}"
    if when is not None and fact.year is not None and when.year != fact.year:
        yield ("year",), f"year {fact.year} disagrees with date '{fact.date}'"
    if fact.kind is AnswerKind.YEAR:
        if not re.fullmatch(r"\d{1,4}", fact.answer):
            yield ("answer",), f"a year answer must be a number like 1992, not '{fact.answer}'"
        elif int(fact.answer) not in YEAR_RANGE:
            yield ("answer",), f"year {fact.answer} is outside {YEAR_RANGE.start}–{YEAR_RANGE.stop - 1}"
        elif fact.when is not None and fact.when.year != int(fact.answer):
            yield ("answer",), f"the answer year {fact.answer} disagrees with the fact's date '{fact.when}'"
    elif fact.kind is AnswerKind.DATE:
        try:
            parsed = parse_partial_date(fact.answer)
        except ValueError as error:
            yield ("answer",), f"a date answer must be a date: {error}"
        else:
            if when is not None and parsed != when:
                yield (
                    ("answer",),
                    f"the answer date '{fact.answer}' disagrees with the fact's date '{fact.date}'",
                )
            elif when is None and fact.year is not None and parsed.year != fact.year:
                yield (
                    ("answer",),
                    f"the answer date '{fact.answer}' disagrees with the fact's year {fact.year}",
                )
    elif fact.kind is AnswerKind.NUMBER and read_figure(fact.answer) is None:
        yield (
            ("answer",),
            f"a number answer must be a number like 49, 1,000, 0.5 or 2.3 million, not '{fact.answer}'",
        )
    yield from _range_findings(fact)


def _range_findings(fact: Fact) -> Iterator[Finding]:
    """A `range` is for figures, reads as two values of the fact's kind, and holds the answer and distractors."""
    if fact.range is None:
        return
    if not fact.kind.is_numeric:
        yield (
            ("range",),
            f"a range is for years, dates and numbers, not for a {fact.kind.value} answer; remove it",
        )
        return
    low, high = (point(fact.kind, text, end=i == 1) for i, text in enumerate(fact.range))
    for i, (text, value) in enumerate(zip(fact.range, (low, high), strict=True)):
        if value is None:
            yield ("range", i), f"'{text}' is not a {fact.kind.value} like the answer '{fact.answer}'"
    if low is None or high is None:
        return
    if low >= high:
        yield (
            ("range",),
            f"the range must go from the lower value to the higher, not {fact.range[0]} to {fact.range[1]}",
        )
        return
    bounds = Bounds(low, high)
    answer = point(fact.kind, fact.answer)
    if answer is not None and not bounds.holds(answer):
        yield (
            ("range",),
            f"the answer '{fact.answer}' lies outside its range {fact.range[0]} to {fact.range[1]}",
        )
    for i, text in enumerate(fact.distractors):
        value = point(fact.kind, text)
        if value is not None and not bounds.holds(value):
            yield (
                ("distractors", i),
                f"distractor '{text}' lies outside the fact's range {fact.range[0]} to {fact.range[1]}",
            )


def parse_number(text: str) -> int | None:
    """An integer written with optional thousands separators: '1,000' -> 1000 (as `normalize_answer` reads it)."""
    compact = DIGIT_GROUP_SEPARATOR.sub("", text)
    return int(compact) if re.fullmatch(r"[0-9]+", compact) else None
