"""Question generation: is the cost linear in the deck's size?"""

from __future__ import annotations

from synthetic import synthetic_deck
from timing import best_of

from rutw_quiz.deck.checks import deck_findings
from rutw_quiz.questions import QuestionOptions, generate_questions


def run() -> None:
    """Print validation and generation times for decks of growing size."""
    for size in (1_000, 10_000, 40_000):
        deck = synthetic_deck(size)
        checks = best_of(3, lambda d=deck: list(deck_findings(d)))
        gen = best_of(3, lambda d=deck: generate_questions([d], QuestionOptions(count=1_000, seed=1)))
        print(
            f"{size:>6} facts: semantic checks {checks * 1000:7.1f} ms; 1,000 questions {gen * 1000:7.1f} ms"
        )
