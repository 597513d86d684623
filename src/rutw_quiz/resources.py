"""Files shipped inside the package: the bundled deck and the templates.

In the wheel they live in `rutw_quiz/decks` and `rutw_quiz/templates`; in a source
checkout (editable install, tests) they are the repository's top-level folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

BUNDLED_DECK = "russia_taiwan.yaml"


def _folder(name: str) -> Path:
    packaged = Path(str(resources.files("rutw_quiz"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the package's {name}/ folder is missing; reinstall rutw-quiz")


def decks_dir() -> Path:
    """The folder of decks that ship with rutw-quiz."""
    return _folder("decks")


def templates_dir() -> Path:
    """The folder of jinja2 and Anki templates that ship with rutw-quiz."""
    return _folder("templates")


def bundled_deck_path() -> Path:
    """The default deck: Russia–Taiwan relations."""
    return decks_dir() / BUNDLED_DECK
