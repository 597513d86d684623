"""The quiz as a colour terminal draws it: verdicts in colour, never escape codes shown as text."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from terminal_screen import COMMAND, Terminal

MINI = Path(__file__).parent / "data" / "mini.yaml"
MC = ["--seed", "4", "--type", "multiple_choice"]


def questions_json(*options: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [COMMAND, "questions", "--json", "--deck", str(MINI), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    data: list[dict[str, Any]] = json.loads(done.stdout)
    return data


def choice_letter(q: dict[str, Any], *, right: bool) -> str:
    index = q["choices"].index(q["answer"])
    return chr(ord("a") + (index if right else (index + 1) % len(q["choices"])))


@pytest.mark.parametrize("columns", [80, 40])
def test_verdicts_are_drawn_in_colour_with_no_escape_code_shown_as_text(tmp_path: Path, columns: int) -> None:
    qs = questions_json("-n", "3", *MC)
    term = Terminal(["quiz", "--deck", str(MINI), "-n", "3", *MC], tmp_path, columns=columns)
    term.expect("> ")
    term.sendline(choice_letter(qs[0], right=True))
    term.expect("2/3")
    term.expect("> ")
    term.sendline(choice_letter(qs[1], right=False))
    term.expect("Press Enter for the next question.")
    term.sendline("")
    term.expect("> ")
    term.sendline("skip")
    term.expect("Press Enter for the summary.")
    term.sendline("")
    assert term.finish() == 0

    lines = term.lines()
    assert not [line for line in lines if "\\x1b" in line or "[0m" in line or "\x1b" in line]
    assert not [line for line in lines if len(line) > columns]
    right = next(line for line in lines if line.startswith("Right!"))
    wrong = next(line for line in lines if line.startswith("Wrong."))
    skipped = next(line for line in lines if line.startswith("Skipped."))
    assert right.startswith("Right! Answer: ")
    assert wrong.startswith("Wrong. Answer: ")
    assert skipped.startswith("Skipped. Answer: ")
    assert term.colour_of("Right!") == {"green"}
    assert term.colour_of("Wrong.") == {"red"}
    assert term.colour_of("Skipped.") == {"brown"}  # pyte names SGR 33 (yellow) "brown"
    assert term.is_bold("Wrong.")
    # Only the verdict words are painted: the answer after them is drawn in the default colour.
    assert term.colour_of(wrong[len("Wrong. ") :]) == {"default"}


def test_a_letter_and_its_answer_stay_together_at_40_columns(tmp_path: Path) -> None:
    """At 40 columns the verdict line wraps by what is drawn, so 'A)' is never left alone."""
    qs = questions_json("-n", "1", *MC)
    term = Terminal(["quiz", "--deck", str(MINI), "-n", "1", *MC], tmp_path, columns=40)
    term.expect("> ")
    term.sendline(choice_letter(qs[0], right=False))
    term.expect("Press Enter for the summary.")
    term.sendline("")
    term.finish()
    lines = term.lines()
    verdict = lines.index(next(line for line in lines if line.startswith("Wrong.")))
    assert not lines[verdict].rstrip().endswith(")"), lines[verdict : verdict + 2]
