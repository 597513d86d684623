"""Hypothesis strategies: valid decks with varied answer kinds, for the question engine's properties.

Every deck drawn here passes `Deck.model_validate` and has no `deck_findings`; the
strategy builds facts from small vocabularies so that answers collide, nest ('Petrova'
in 'Anna Petrova') and repeat across facts the way real decks do, and writes statements
that put the answer at the start, in the middle, after an article, twice, or beside a
longer word that contains it ('Russia' and 'Russian').
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from hypothesis import strategies as st

from rutw_quiz.deck.checks import deck_findings
from rutw_quiz.deck.models import Deck
from rutw_quiz.text import contains_phrase

FIRST = ("Anna", "Boris", "Olga", "Ivan", "Mei", "Chen", "Lin", "Sergei")
LAST = ("Petrova", "Volkov", "Wang", "Liu", "Ivanova", "Tsai", "Sokolov", "Huang")
ORGS = (
    "State Council",
    "Trade Office",
    "Cultural Committee",
    "Foreign Ministry",
    "Science Academy",
    "Harbour Board",
    "Railway Company",
    "Press Agency",
)
PLACES = ("Taipei", "Moscow", "Kaohsiung", "Vladivostok", "Tainan", "Irkutsk", "Keelung", "Kazan")
COUNTRIES = ("Russia", "Japan", "France", "Chile", "Kenya", "Peru", "Norway", "Egypt")
TERMS = ("tariff", "embargo", "visa waiver", "quota", "armistice", "charter", "census")
MONTHS = ("January", "March", "May", "July", "September", "November")
TEXT_KINDS = ("person", "organization", "place", "country", "term")
NUMERIC_KINDS = ("year", "date", "number")
TOPICS = ("trade", "diplomacy", "culture")
CATEGORIES: dict[str, tuple[str | None, ...]] = {
    "person": ("envoy", "minister", None),
    "organization": ("ministry", "agency", None),
    "place": ("city", "port", None),
    "country": ("country", None),
    "term": ("trade measure", None),
    "year": ("year", None),
    "date": ("date", None),
    "number": ("number of members", None),
}
"""Facts of one kind fall into several categories (or none): wrong answers must not cross them."""
QUALIFIERS = ("", "", "about ", "more than ", "fewer than ", "nearly ")
CONTEXTS = (
    "opened the northern office",
    "signed the shipping accord",
    "led the first delegation",
    "hosted the film festival",
    "announced the new route",
    "published the annual report",
    "closed the old consulate",
    "chaired the joint commission",
)


def _tag(index: int) -> str:
    """A made-up word naming record `index` ('Kolo'), so that no number or name can clash with it."""
    syllables = ("ka", "lo", "mi", "ne", "su", "ti", "vo", "ze")
    word = ""
    index += len(syllables)
    while index:
        index, digit = divmod(index, len(syllables))
        word = syllables[digit] + word
    return word.capitalize()


@st.composite
def _text_answer(draw: st.DrawFn, kind: str) -> tuple[str, list[str], list[str]]:
    """An answer of a text kind, its aliases and a few explicit distractors of the same kind."""
    if kind == "person":
        first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
        answer = f"{first} {last}"
        aliases = [last] if draw(st.booleans()) else []
        pool = [f"{f} {la}" for f in FIRST[:3] for la in LAST[:3]]
    else:
        vocab = {"organization": ORGS, "place": PLACES, "country": COUNTRIES, "term": TERMS}[kind]
        answer = draw(st.sampled_from(vocab))
        aliases = []
        initials = "".join(w[0] for w in answer.split())  # "SC" for "State Council"
        if kind == "organization" and initials != "TO" and draw(st.booleans()):
            aliases = [initials]
        pool = list(vocab)
    distractors = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True))
    return answer, aliases, distractors


def _numeric_answer(kind: str, year: int, month: int, day: int, style: int, number: int) -> str:
    if kind == "year":
        return str(year)
    if kind == "number":
        return f"{number:,}" if style % 2 else str(number)
    month_name = MONTHS[month % len(MONTHS)]
    return (
        f"{day} {month_name} {year}",
        f"{month_name} {year}",
        f"{year}-{MONTHS.index(month_name) * 2 + 1:02d}-{day:02d}",
        f"{month_name} {day}, {year}",
    )[style % 4]


@st.composite
def fact_data(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """One fact record as a deck file holds it (validity is checked on the whole deck)."""
    kind = draw(st.sampled_from(TEXT_KINDS + NUMERIC_KINDS))
    # Now and then a fact asks the same question as an earlier one (two true answers).
    same_as = draw(st.integers(0, index)) if draw(st.integers(0, 5)) == 0 else index
    context = f"{CONTEXTS[same_as % len(CONTEXTS)]} of {_tag(same_as)}"
    year = draw(st.integers(1850, 2020))
    day = draw(st.integers(1, 28))
    month = draw(st.integers(0, len(MONTHS) - 1))
    record: dict[str, Any] = {
        "id": f"fact-{index}",
        "kind": kind,
        "category": draw(st.sampled_from(CATEGORIES.get(kind, (None,)))),
        "topics": [draw(st.sampled_from(TOPICS))],
        "difficulty": draw(st.integers(1, 3)),
        "source": {"id": "src", "section": "Main", "quote": f"quote {index}"},
    }
    if kind in NUMERIC_KINDS:
        style = draw(st.integers(0, 3))
        number = draw(st.sampled_from([2, 7, 12, 49, 300, 1000, 25000]))
        answer = _numeric_answer(kind, year, month, day, style, number)
        aliases: list[str] = []
        distractors: list[str] = []
        if kind == "number":
            qualifier = draw(st.sampled_from(QUALIFIERS))
            statement = f"The group that {context} had {qualifier}{answer} members."
            prompt = f"How many members had the group that {context}?"
        elif kind == "date" and style == 0 and draw(st.booleans()):
            weekday = calendar.day_name[dt.date(year, MONTHS.index(answer.split()[1]) * 2 + 1, day).weekday()]
            statement = f"The group {context} on {weekday}, {answer}."
            prompt = f"When did the group that {context} act?"
            record["date"] = answer
        else:
            statement = f"The group {context} in {answer}."
            prompt = f"When did the group that {context} act?"
            record["date" if kind == "date" else "year"] = answer if kind == "date" else int(answer)
            if draw(st.booleans()):
                record["event"] = f"The group {context}"
    else:
        answer, aliases, distractors = draw(_text_answer(kind))
        shape = draw(st.integers(0, 4))
        subject = f"the {answer}" if kind == "organization" else answer
        statement = (
            f"{subject} {context}." if subject[0].isupper() else f"Then {subject} {context}.",
            f"In the end it was {subject} that {context}.",
            f"The one that {context} was an {answer}.",
            f"{answer} {context} with the {answer}ian envoys.",
            f"{answer} {context}, as the report said.",
        )[shape]
        prompt = f"Which {kind} {context}?"
        if draw(st.booleans()):
            record["year"] = year
            if draw(st.booleans()):
                record["event"] = f"The group {context}"
    # A distractor that contains the answer, or is part of it, is a deck error (validate rejects it).
    distractors = [d for d in distractors if not _overlaps(d, (answer, *aliases))]
    record.update(statement=statement, answer=answer, aliases=aliases, distractors=distractors)
    if draw(st.integers(0, 4)):  # most facts have a question in words
        record["prompt"] = prompt
    if draw(st.integers(0, 5)) == 0:
        record["note"] = f"Teacher note {index}."
    return record


def deck_data(facts: list[dict[str, Any]]) -> dict[str, Any]:
    """A deck document around `facts`."""
    return {
        "id": "generated",
        "title": "Generated deck",
        "description": "A deck drawn by hypothesis.",
        "language": "en",
        "topics": {t: t.capitalize() for t in TOPICS},
        "sources": [{"id": "src", "title": "Generated source", "publisher": "tests", "url": "urn:test"}],
        "facts": facts,
    }


def _overlaps(candidate: str, accepted: tuple[str, ...]) -> bool:
    return any(contains_phrase(candidate, a) or contains_phrase(a, candidate) for a in accepted)


def _pad_supply(facts: list[dict[str, Any]]) -> None:
    """Give each text fact enough explicit distractors of its kind for a 4-choice question."""
    pools = {
        "person": [f"{f} {la}" for f in FIRST for la in LAST],
        "organization": list(ORGS),
        "place": list(PLACES),
        "country": list(COUNTRIES),
        "term": list(TERMS),
    }
    for fact in facts:
        if fact["kind"] not in pools:
            continue
        accepted = (fact["answer"], *fact["aliases"])
        extra = [
            d for d in pools[fact["kind"]] if not _overlaps(d, accepted) and d not in fact["distractors"]
        ]
        fact["distractors"] = fact["distractors"] + extra[: max(0, 3 - len(fact["distractors"]))]


@st.composite
def valid_decks(draw: st.DrawFn, min_facts: int = 4, max_facts: int = 24) -> Deck:
    """A deck that validates and has no findings: varied kinds, enough distractors."""
    count = draw(st.integers(min_facts, max_facts))
    facts = [draw(fact_data(i)) for i in range(count)]
    _pad_supply(facts)
    deck = Deck.model_validate(deck_data(facts))
    findings = list(deck_findings(deck))
    assert not findings, findings
    return deck
