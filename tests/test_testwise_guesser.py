"""A test-wise guesser, knowing nothing of the topic, does no better than chance on any deck here.

The guesser (`testwise.py`) is written apart from the engine's rules: each cue is a classic
test-wiseness strategy. The first tests prove each kind of cue finds the key where item writers
leave it to be found, so that "no better than chance" below means something. Then every
multiple-choice and matching question of 100 seeds on every deck of the repository is guessed:
no cue may beat chance by more than 10 points over the questions it applies to.
`benchmarks/guesser_report.py` prints the same figures as a table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rutw_quiz.deck import read_deck_file
from testwise import CUES, Item, Tally, deck_items, score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from guesser_report import MARGIN_POINTS, MIN_DISTINCT, repository_decks  # noqa: E402

SEEDS = range(1, 101)


def _tally(cue: str, items: list[Item]) -> Tally:
    return score(items, {cue: CUES[cue]})[cue]


def _item(stem: str, choices: list[str], key: str) -> Item:
    return Item(stem, stem, tuple(choices), choices.index(key))


@pytest.mark.parametrize(
    ("cue", "item"),
    [
        ("middle value", _item("How many?", ["7,100", "7,342", "7,400", "7,600"], "7,342")),
        ("nearest the mean", _item("How many?", ["29", "39", "49", "59"], "49")),
        ("only unrounded figure", _item("How many?", ["7,100", "7,342", "7,400", "7,600"], "7,342")),
        (
            "most like the others",
            _item(
                "When?", ["14 March 1919", "14 March 1920", "14 March 1921", "14 June 1921"], "14 March 1921"
            ),
        ),
        (
            "longest",
            _item(
                "What?",
                ["colony", "vassal", "gross violation of agreements", "zone"],
                "gross violation of agreements",
            ),
        ),
        (
            "echo of the stem",
            _item(
                "Which war involved Japan?",
                ["Crimean War", "First Sino-Japanese War", "Opium War", "Sino-French War"],
                "First Sino-Japanese War",
            ),
        ),
        ("article fit", _item("A dog is an _____", ["machine", "animal", "mineral", "vegetable"], "animal")),
        ("odd format", _item("Which city?", ["Geneva", "New Delhi", "Warsaw", "Colombo"], "New Delhi")),
        (
            "near-twin pair",
            _item(
                "Which treaty?",
                [
                    "Treaty of Friendship and Alliance",
                    "Treaty of Friendship, Alliance and Mutual Assistance",
                    "Non-Aggression Pact",
                    "Agreement of 1924",
                ],
                "Treaty of Friendship and Alliance",
            ),
        ),
        ("breaks the run", _item("In which year?", ["1980", "1983", "1986", "1988"], "1988")),
        ("breaks the run", _item("How many?", ["5", "6", "7", "9"], "9")),
        ("kind fit", _item("In which year did it happen?", ["1954", "Geneva", "Warsaw", "Colombo"], "1954")),
        (
            "no absolute words",
            _item(
                "What is true?",
                ["It always rains", "It never snows", "It often rains", "All of it is dry"],
                "It often rains",
            ),
        ),
        (
            "era fit",
            _item(
                "Which treaty of 1895?",
                ["Agreement of 1924", "Treaty of 1895", "Pact of 1937", "Treaty of 1842"],
                "Treaty of 1895",
            ),
        ),
    ],
)
def test_each_kind_of_cue_finds_a_key_left_in_the_form_of_its_choices(cue: str, item: Item) -> None:
    tally = _tally(cue, [item])
    assert tally.applies == 1 and tally.hit_rate > 1 / len(item.choices), cue


def test_the_guesser_beats_chance_on_figures_spread_around_the_key() -> None:
    """The old way of making wrong figures (the key in the middle of evenly spread values) is caught."""
    items = [
        _item("How many?", [str(k - 20), str(k - 10), str(k), str(k + 10)], str(k)) for k in range(100, 140)
    ] + [_item("How many?", [str(k - 10), str(k), str(k + 10), str(k + 20)], str(k)) for k in range(100, 140)]
    assert _tally("middle value", items).margin > 20
    assert _tally("nearest the mean", items).margin > 20


@pytest.fixture(scope="module", params=repository_decks(), ids=lambda p: str(p.relative_to(ROOT)))
def tallies(request: pytest.FixtureRequest) -> dict[str, Tally]:
    deck = read_deck_file(request.param).deck
    items = deck_items(deck, SEEDS)
    assert items, "the deck makes no multiple-choice or matching question"
    return score(items)


def test_no_cue_beats_chance_by_more_than_ten_points_on_any_deck(tallies: dict[str, Tally]) -> None:
    over = {
        name: f"{100 * t.hit_rate:.1f}% vs {100 * t.chance_rate:.1f}% on {t.applies} items"
        for name, t in tallies.items()
        if len(t.distinct) >= MIN_DISTINCT and t.margin > MARGIN_POINTS
    }
    assert not over, over


def test_the_guesser_applies_to_many_questions_of_every_deck(tallies: dict[str, Tally]) -> None:
    """The bar above is not met by abstaining: the length and position cues judge every deck."""
    for cue in ("longest", "first position"):
        assert len(tallies[cue].distinct) >= MIN_DISTINCT, cue
