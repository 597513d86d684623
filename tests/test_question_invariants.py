"""The teacher's rules for question sets hold on the bundled deck and on a second, differently shaped deck.

The audit (`question_audit.py`) is written apart from the engine; the first tests prove it
finds what it looks for, so that "no finding" means something.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from question_audit import audit_set
from rutw_quiz.deck import Deck, PartialDate, parse_partial_date, read_deck_file
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions import (
    QuestionOptions,
    QuestionType,
    TrueFalseQuestion,
    generate_questions,
)
from rutw_quiz.questions.builders import DeckContext, clearly_ordered, multiple_choice, true_false
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.questions.figures import weekday_of
from rutw_quiz.resources import bundled_deck_path

SECOND = Path(__file__).parent / "data" / "second_deck" / "trans_siberian.yaml"


@pytest.fixture(scope="module")
def decks() -> dict[str, Deck]:
    return {"bundled": read_deck_file(bundled_deck_path()).deck, "second": read_deck_file(SECOND).deck}


def _facts(deck: Deck) -> dict[str, object]:
    return {f.id: f for f in deck.facts}


@pytest.mark.parametrize("name", ["bundled", "second"])
def test_sets_from_both_decks_break_no_rule(decks: dict[str, Deck], name: str) -> None:
    deck = decks[name]
    for seed in range(1, 13):
        for types in [(), *((t,) for t in QuestionType)]:
            for choices in (4, 6):
                try:
                    result = generate_questions(
                        [deck], QuestionOptions(count=20, seed=seed, types=types, choices=choices)
                    )
                except SelectionError:
                    continue
                assert audit_set(result.questions, [deck], choices) == [], (seed, types, choices)


def test_the_audit_finds_a_giveaway_and_a_fact_asked_twice(decks: dict[str, Deck]) -> None:
    deck = decks["second"]
    questions = generate_questions([deck], QuestionOptions(count=20, seed=1)).questions
    named = next(q for q in questions if isinstance(q, TrueFalseQuestion) and q.answer)
    fact = _facts(deck)[named.fact_id]
    asking = multiple_choice(DeckContext(deck, AnswerIndex.of(deck)), fact, random.Random(1))  # type: ignore[arg-type]
    assert asking is not None
    rules = {rule for rule, _, _ in audit_set([named, asking], [deck])}
    assert rules == {4}


def test_the_audit_finds_a_wrong_category_choice_and_a_bad_false_version(decks: dict[str, Deck]) -> None:
    deck = decks["second"]
    facts = _facts(deck)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    lake = next(f for f in deck.facts if f.category == "lake")
    mc = multiple_choice(ctx, lake, random.Random(1))
    assert mc is not None
    odd = mc.model_copy(update={"choices": [*mc.choices[:-1], "Alexander III"]})
    assert [rule for rule, _, _ in audit_set([odd], [deck])] == [1]
    fact = facts["work-begins-vladivostok"]
    false = true_false(ctx, fact, random.Random(3), truth=False)  # type: ignore[arg-type]
    assert false is not None
    wrong_day = false.model_copy(
        update={"swapped": "1 June 1891", "prompt": false.prompt.replace(false.swapped or "", "1 June 1891")}
    )
    assert 2 in {rule for rule, _, _ in audit_set([wrong_day], [deck])}


def test_the_audit_takes_a_false_version_that_starts_a_sentence_with_the_swapped_value() -> None:
    """'Carbon-14, with a half-life of …' for 'Tritium, with …': the engine raises the first letter
    of 'carbon-14' as a sentence needs; only a change beyond that is a bad false version."""
    deck = read_deck_file(Path(__file__).parent / "data" / "decks" / "radium" / "radium.yaml").deck
    fact = next(f for f in deck.facts if f.id == "tritium-paint")
    assert fact.statement.startswith(fact.answer)
    false = true_false(DeckContext(deck, AnswerIndex.of(deck)), fact, random.Random(1), truth=False)
    assert false is not None and false.swapped is not None and false.swapped[:1].islower()
    assert audit_set([false], [deck]) == []
    longer = false.model_copy(update={"prompt": false.prompt.replace("12 years", "13 years")})
    assert 2 in {rule for rule, _, _ in audit_set([longer], [deck])}


def test_a_date_beside_its_weekday_is_only_swapped_for_the_same_weekday(decks: dict[str, Deck]) -> None:
    deck = decks["second"]
    fact = _facts(deck)["work-begins-vladivostok"]
    assert "Sunday" in fact.statement  # type: ignore[attr-defined]
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    for seed in range(30):
        false = true_false(ctx, fact, random.Random(seed), truth=False)  # type: ignore[arg-type]
        assert false is not None and false.swapped is not None
        assert weekday_of(parse_partial_date(false.swapped)) == 6, false.prompt


def test_a_bounded_figure_is_asked_neither_as_true_or_false_nor_as_multiple_choice(
    decks: dict[str, Deck],
) -> None:
    """ "More than 300 rivers": 200 would be true too and 400 may be; as multiple choice the key
    would always be the lowest choice. So such a figure is only asked typed."""
    deck = decks["second"]
    bounded = [f for f in deck.facts if f.kind.value == "number" and "more than" in f.statement.lower()]
    assert bounded
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    for fact in bounded:
        assert true_false(ctx, fact, random.Random(1), truth=True) is None
        assert multiple_choice(ctx, fact, random.Random(1)) is None


@pytest.mark.parametrize(
    ("a", "b", "ordered"),
    [
        (PartialDate(1992), PartialDate(1992, 9), False),
        (PartialDate(1949, 10, 2), PartialDate(1949, 10, 3), False),
        (PartialDate(2025, 12), PartialDate(2026, 1), False),
        (PartialDate(1954), PartialDate(1955, 6), True),
        (PartialDate(2025, 11, 7), PartialDate(2025, 12, 28), False),
        (PartialDate(1954, 6), PartialDate(1954, 9), False),
        (PartialDate(1992, 4), PartialDate(1992, 9, 15), True),
    ],
)
def test_timeline_events_must_be_months_apart_at_their_precision(
    a: PartialDate, b: PartialDate, ordered: bool
) -> None:
    assert clearly_ordered(a, b) is ordered


def test_the_audit_finds_each_kind_of_unfair_question(decks: dict[str, Deck]) -> None:
    """Rules 7–11 (fair questions on any deck): a mixed matching set, a figure out of place, a key
    alone echoing the prompt, another fact's answer in a false statement, a surname shown."""
    deck = decks["bundled"]
    facts = _facts(deck)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    crew = multiple_choice(ctx, facts["tuapse-crew-49"], random.Random(1))  # type: ignore[arg-type]
    assert crew is not None
    assert 8 in {
        rule
        for rule, _, _ in audit_set([crew.model_copy(update={"choices": ["40", "49", "60", "70"]})], [deck])
    }
    mc = multiple_choice(ctx, facts["molotov-fears-war"], random.Random(1))  # type: ignore[arg-type]
    assert mc is not None
    echo = mc.model_copy(
        update={
            "prompt": "Which minister, the namesake of the Molotov cocktail, warned of war?",
            "choices": [mc.answer, "Ivan Petrov", "Oleg Sidorov", "Pavel Volkov"],
        }
    )
    assert 9 in {rule for rule, _, _ in audit_set([echo], [deck])}
    false = true_false(ctx, facts["kozyrev-called"], random.Random(1), truth=False)  # type: ignore[arg-type]
    assert false is not None and false.swapped
    lavrov = false.model_copy(
        update={"swapped": "Sergey Lavrov", "prompt": false.prompt.replace(false.swapped, "Sergey Lavrov")}
    )
    assert 10 in {rule for rule, _, _ in audit_set([lavrov], [deck])}
    [matching] = generate_questions(
        [deck], QuestionOptions(count=1, seed=1, types=(QuestionType.MATCHING,))
    ).questions
    kinds = {facts[i].kind for i in matching.fact_ids}  # type: ignore[attr-defined]
    other = next(f for f in deck.facts if f.kind not in kinds)
    mixed = matching.model_copy(update={"fact_ids": [*matching.fact_ids[:3], other.id]})
    assert 7 in {rule for rule, _, _ in audit_set([mixed], [deck])}
    typed = generate_questions(
        [deck], QuestionOptions(count=70, seed=1, types=(QuestionType.SHORT_ANSWER,))
    ).questions
    khrushchev = next(q for q in typed if q.fact_ids == ["khrushchev-backs-prc"])
    naming = khrushchev.model_copy(
        update={"id": "x", "fact_id": "molotov-fears-war", "prompt": "What did Khrushchev say?"}
    )
    no_alias = deck.model_copy(
        update={
            "facts": [
                f.model_copy(update={"aliases": []}) if f.id == "khrushchev-backs-prc" else f
                for f in deck.facts
            ]
        }
    )
    assert 11 in {rule for rule, _, _ in audit_set([khrushchev, naming], [no_alias])}
