"""One long typed word costs the grader a bounded amount of work, whatever its length.

The typo index finds other answers of the deck by deleting letters (symmetric delete); the ways
of deleting grow exponentially with the number deleted, so a 45-letter word typed by a student
(or written in a deck) must not be deleted from as deeply as its allowance of one slip per six
letters would say: a class's marking ran out of memory on one such answer.
"""

from __future__ import annotations

import math

import pytest

from conftest import DATA
from rutw_quiz.deck.loader import read_deck_file
from rutw_quiz.deck.models import Deck
from rutw_quiz.grading import deck_index
from rutw_quiz.grading.responses import ResponseGrader

LONG = "pneumonoultramicroscopicsilicovolcanoconiosis"


def _deck_with_a_long_answer() -> Deck:
    deck = read_deck_file(DATA / "mini.yaml").deck
    model = deck.facts[0]
    long_fact = model.model_copy(
        update={
            "id": "longest-word",
            "statement": f"The longest word in some dictionaries is {LONG}.",
            "answer": LONG,
            "kind": "term",
            "category": None,
            "aliases": [],
            "distractors": [],
            "prompt": "Which is the longest word in some dictionaries?",
        }
    )
    return deck.model_copy(update={"facts": [*deck.facts, long_fact]})


@pytest.fixture
def variants_made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of deleted-letter variants each call of the index's `deletions` makes."""
    made: list[int] = []
    real = deck_index.deletions

    def counting(word: str, depth: int) -> set[str]:
        if math.comb(len(word), depth) > 1_000_000:  # fail at once rather than run out of memory
            raise AssertionError(f"{depth} deletions from a {len(word)}-letter word")
        found = real(word, depth)
        made.append(len(found))
        return found

    monkeypatch.setattr(deck_index, "deletions", counting)
    return made


def test_a_long_typed_word_is_graded_with_bounded_work(variants_made: list[int]) -> None:
    grader = ResponseGrader([read_deck_file(DATA / "mini.yaml").deck])
    for typed in (LONG, "UnionofSovietSocialistRepublicsUSSR", "hundredoneIIfortnightfortnightİİforty-one"):
        grade = grader.grade("solar-mini:closest-planet:short_answer", typed).grade
        assert grade.label == "wrong", typed
    assert sum(variants_made) < 100_000  # the whole deck's index and three long answers


def test_a_long_answer_word_is_indexed_with_bounded_work_and_still_forgives_slips(
    variants_made: list[int],
) -> None:
    grader = ResponseGrader([_deck_with_a_long_answer()])
    slipped = LONG.replace("ultra", "utra").replace("volcano", "volacno")
    grade = grader.grade("solar-mini:longest-word:short_answer", slipped).grade
    assert grade.label == "typo"
    # another question of the deck, answered with the long word slipped: another fact's answer
    other = grader.grade("solar-mini:closest-planet:short_answer", slipped).grade
    assert other.label == "wrong" and "another fact's answer" in other.reason
    assert sum(variants_made) < 100_000
