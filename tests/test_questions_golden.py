"""Golden files: `rutw-quiz questions --seed 1 --json` compared byte for byte with checked-in output.

A change to the engine that changes the questions shows up here as a diff. When the
change is intended, regenerate the files and review the diff before committing:

    UPDATE_GOLDEN=1 pytest tests/test_questions_golden.py

The bundled deck's golden file must also be regenerated whenever `decks/russia_taiwan.yaml`
changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUTW_QUIZ = Path(sys.executable).parent / "rutw-quiz"
HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
REGENERATE = "UPDATE_GOLDEN=1 pytest tests/test_questions_golden.py"


def _questions_json(*deck_args: str) -> str:
    result = subprocess.run(
        [str(RUTW_QUIZ), "questions", *deck_args, "--seed", "1", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _compare(actual: str, golden: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"{golden} is missing; create it with: {REGENERATE}"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"questions differ from {golden.name}; if intended, run: {REGENERATE}"


def test_bundled_deck_questions_match_the_golden_file() -> None:
    """`rutw-quiz questions --seed 1 --json` (the bundled deck, no --deck) is unchanged."""
    _compare(_questions_json(), GOLDEN / "questions_seed1.json")


def test_mini_deck_questions_match_the_golden_file() -> None:
    """The same on the small test deck, which changes only when the engine does."""
    _compare(
        _questions_json("--deck", str(HERE / "data" / "mini.yaml")), GOLDEN / "questions_mini_seed1.json"
    )
