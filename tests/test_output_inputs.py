"""Outputs never replace their inputs: `-o` naming a file the command reads (a deck, the
responses), by its own name, through a symbolic link or a hard link, is refused before anything
is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import RunCli
from rutw_quiz.resources import bundled_deck_path


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_bytes(bundled_deck_path().read_bytes())
    return path


COMMANDS = {
    "export": ["export", "gift"],
    "practice": ["practice"],
    "worksheet": ["worksheet"],
    "anki": ["anki"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("how", ["same name", "symbolic link", "hard link"])
def test_output_onto_the_deck_is_refused(run_cli: RunCli, deck: Path, command: str, how: str) -> None:
    before = deck.read_bytes()
    target = deck
    if how == "symbolic link":
        target = deck.with_name("link.yaml")
        target.symlink_to(deck.name)
    elif how == "hard link":
        target = deck.with_name("hard.yaml")
        os.link(deck, target)
    done = run_cli(*COMMANDS[command], "--deck", deck, "-o", target, cwd=deck.parent)
    assert done.returncode == 2, done.stderr
    assert f"'{target}' is a file this command reads" in done.stderr
    assert "give another file name" in done.stderr and "Traceback" not in done.stderr
    assert deck.read_bytes() == before
    assert sorted(p.name for p in deck.parent.iterdir()) == sorted({deck.name, target.name})


def test_grade_refuses_to_write_over_the_responses_or_the_deck(run_cli: RunCli, deck: Path) -> None:
    responses = deck.with_name("answers.csv")
    responses.write_text("question_id,answer\n", encoding="utf-8")
    for target in (responses, deck):
        done = run_cli("grade", "--deck", deck, "--responses", responses, "-o", target)
        assert done.returncode == 2, done.stderr
        assert "is a file this command reads" in done.stderr
    assert responses.read_text(encoding="utf-8") == "question_id,answer\n"


def test_a_default_output_name_that_is_the_deck_is_refused_too(run_cli: RunCli, tmp_path: Path) -> None:
    """`export moodle` writes `<deck id>.xml` by default: a deck file of that name is not replaced."""
    deck = tmp_path / "russia-taiwan-relations.xml"
    deck.write_bytes(bundled_deck_path().read_bytes())
    done = run_cli("export", "moodle", "--deck", deck, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "is a file this command reads" in done.stderr
    assert deck.read_bytes() == bundled_deck_path().read_bytes()


def test_other_outputs_and_devices_are_written(run_cli: RunCli, deck: Path) -> None:
    done = run_cli("export", "gift", "--deck", deck, "-o", deck.with_name("out.txt"))
    assert done.returncode == 0, done.stderr
    done = run_cli("export", "gift", "--deck", deck, "-o", "/dev/null")
    assert done.returncode == 0, done.stderr
