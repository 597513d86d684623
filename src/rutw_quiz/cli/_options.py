"""Options and helpers shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rutw_quiz.deck import LoadedDeck

F = TypeVar("F", bound=Callable[..., Any])


def deck_option(func: F) -> F:
    """`--deck PATH`, repeatable; without it the bundled deck."""
    return click.option(
        "--deck",
        "deck_paths",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=True),
        metavar="PATH",
        help="Deck file to use (repeatable). Default: the bundled Russia–Taiwan deck.",
    )(func)


def load_decks(paths: tuple[Path, ...] | list[Path]) -> list[LoadedDeck]:
    """The decks named, or the bundled one; raises DeckError (reported by the group)."""
    from rutw_quiz.deck import read_deck_files
    from rutw_quiz.resources import bundled_deck_path

    return read_deck_files(list(paths) or [bundled_deck_path()])
