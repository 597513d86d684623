"""Worksheet rendering: 30 versions of 20 questions must take under a second."""

from __future__ import annotations

import time
from pathlib import Path

from synthetic import synthetic_deck
from timing import best_of

from rutw_quiz.deck import read_deck_file
from rutw_quiz.deck.models import Deck
from rutw_quiz.errors import RutwQuizError
from rutw_quiz.questions import QuestionOptions, generate_questions
from rutw_quiz.render.worksheet import render_worksheet, worksheet_html, worksheet_page
from rutw_quiz.resources import bundled_deck_path

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "tests" / "data" / "mini.yaml"


def _deck() -> tuple[str, Deck]:
    """The bundled deck when it is there; else a synthetic one (the mini deck has too few facts)."""
    try:
        path = bundled_deck_path()
        if path.is_file():
            return f"bundled deck ({path.name})", read_deck_file(path).deck
    except (FileNotFoundError, RutwQuizError) as error:
        print(f"(bundled deck not usable, using a synthetic one: {str(error).splitlines()[0]})")
    return "synthetic deck (200 facts)", synthetic_deck(200)


def run() -> None:
    """Print the time to build and render worksheets of growing size, cold and warm."""
    name, deck = _deck()
    questions = generate_questions([deck], QuestionOptions(count=20, seed=1)).questions
    print(f"{name}: {len(questions)} questions")
    start = time.perf_counter()
    html = worksheet_html([deck], questions, seed=1, versions=30)
    cold = time.perf_counter() - start
    print(
        f"30 versions + keys, first call (template compiled): {cold * 1000:7.1f} ms, {len(html) / 1e6:.2f} MB"
    )
    for versions in (1, 10, 30):
        model = best_of(5, lambda v=versions: worksheet_page([deck], questions, seed=1, versions=v))
        page = worksheet_page([deck], questions, seed=1, versions=versions)
        render = best_of(5, lambda p=page: render_worksheet(p))
        total = best_of(5, lambda v=versions: worksheet_html([deck], questions, seed=1, versions=v))
        print(
            f"{versions:>3} versions: page model {model * 1000:6.1f} ms, render {render * 1000:6.1f} ms,"
            f" total {total * 1000:6.1f} ms"
        )
    verdict = "OK" if cold < 1.0 else "TOO SLOW"
    print(f"30 versions of 20 questions, cold: {cold:.3f} s (limit 1 s): {verdict}")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE))
    run()
