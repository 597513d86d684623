"""`validate` warns about notes that talk about marking answers: learners read notes everywhere."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import COMMAND
from rutw_quiz.deck import read_deck_file
from rutw_quiz.deck.advice import deck_warnings
from rutw_quiz.resources import bundled_deck_path

MINI = Path(__file__).parent / "data" / "mini.yaml"
SECOND = Path(__file__).parent / "data" / "second_deck" / "trans_siberian.yaml"
SOURCE = "    source: {id: solar, section: Intro, quote: Mercury is the planet closest to the Sun.}"


def deck_with_note(tmp_path: Path, note: str) -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert text.count(SOURCE) == 1
    path = tmp_path / "deck.yaml"
    path.write_text(text.replace(SOURCE, f"{SOURCE}\n    note: {note}"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "note",
    [
        'Some older books say "the innermost planet", so "innermost planet" is also accepted.',
        "It is named after a Roman god; both names are accepted.",
        "The Latin name counts as the answer too.",
        "Typed answers may leave out the article.",
    ],
)
def test_a_note_about_marking_answers_is_warned_about_with_its_line(tmp_path: Path, note: str) -> None:
    path = deck_with_note(tmp_path, note)
    done = subprocess.run([str(COMMAND), "validate", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, "a warning, not an error"
    line = next(
        n
        for n, text in enumerate(path.read_text().splitlines(), 1)
        if text.startswith(f"    note: {note[:20]}")
    )
    warning = next(w for w in done.stderr.splitlines() + done.stdout.splitlines() if "marking answers" in w)
    assert warning.startswith(f"{path}:{line}: ")
    assert "aliases" in warning and "YAML comment" in warning


@pytest.mark.parametrize(
    "note",
    [
        "A year on Mercury lasts 88 Earth days.",
        "The International Astronomical Union accepted this definition in 2006.",
        "Accounts differ on who first observed its phases.",
    ],
)
def test_a_note_about_the_content_is_not_warned_about(tmp_path: Path, note: str) -> None:
    deck = read_deck_file(deck_with_note(tmp_path, note)).deck
    assert not [m for _, m in deck_warnings(deck) if "marking answers" in m]


@pytest.mark.parametrize("path", [bundled_deck_path(), MINI, SECOND], ids=["bundled", "mini", "second"])
def test_the_shipped_and_test_decks_keep_grading_remarks_out_of_their_notes(path: Path) -> None:
    deck = read_deck_file(path).deck
    assert not [m for _, m in deck_warnings(deck) if "marking answers" in m]
