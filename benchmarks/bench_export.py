"""Exports: the question bank, then each format's writer, on the bundled deck and synthetic decks.

The bank is built once per deck and every writer reads it, so the figures show what the bank costs
(the engine's builders, and its selection for timelines and matching per topic) and what each
format adds on top.
"""

from __future__ import annotations

from collections.abc import Callable

from synthetic import synthetic_deck
from timing import best_of

from rutw_quiz.deck import read_deck_file
from rutw_quiz.deck.models import Deck
from rutw_quiz.questions.bank import QuestionBank, build_bank
from rutw_quiz.render.blackboard import blackboard_text
from rutw_quiz.render.class_games import blooket_csv, game_questions, gimkit_csv
from rutw_quiz.render.flashcards import quizlet_text
from rutw_quiz.render.gift import gift
from rutw_quiz.render.kahoot import kahoot_xlsx
from rutw_quiz.render.moodle_xml import moodle_xml
from rutw_quiz.render.qti import qti_zip
from rutw_quiz.resources import bundled_deck_path

WRITERS: dict[str, Callable[[QuestionBank], object]] = {
    "moodle": moodle_xml,
    "gift": gift,
    "qti": qti_zip,
    "blackboard": blackboard_text,
    "kahoot": lambda bank: kahoot_xlsx(game_questions(bank), title="T", time_limit=20),
    "quizlet": quizlet_text,
    "blooket": lambda bank: blooket_csv(game_questions(bank), time_limit=20),
    "gimkit": lambda bank: gimkit_csv(game_questions(bank)),
}


def _report(label: str, deck: Deck, repeats: int) -> None:
    seconds = best_of(repeats, lambda: build_bank([deck]))
    bank = build_bank([deck])
    print(
        f"{label}: {len(deck.facts)} facts -> bank of {len(bank.questions)} questions in {seconds * 1000:.0f} ms"
    )
    for name, write in WRITERS.items():
        seconds = best_of(repeats, lambda write=write: write(bank))  # type: ignore[misc]
        print(f"  {name:<10} {seconds * 1000:8.1f} ms")


def run() -> None:
    """Print the bank's and each writer's time (best of several runs)."""
    _report("bundled deck", read_deck_file(bundled_deck_path()).deck, repeats=5)
    for n in (1_000, 5_000):
        _report(f"synthetic deck ({n:,} facts)", synthetic_deck(n), repeats=2)


if __name__ == "__main__":
    run()
