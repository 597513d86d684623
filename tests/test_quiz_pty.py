"""The real `rutw-quiz quiz` in a pseudo-terminal, as a student at a keyboard would use it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

MINI = Path(__file__).parent / "data" / "mini.yaml"
COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    return {**env, "RUTW_QUIZ_HOME": str(home), **extra}


def spawn(home: Path, *args: str, **env: str) -> pexpect.spawn:
    return pexpect.spawn(
        COMMAND,
        ["quiz", "--deck", str(MINI), *args],
        env=_env(home, **env),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 90),
    )


def questions_json(*options: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [COMMAND, "questions", "--json", "--deck", str(MINI), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    data: list[dict[str, Any]] = json.loads(done.stdout)
    return data


def stats_total(home: Path) -> dict[str, Any]:
    done = subprocess.run(
        [COMMAND, "stats", "--json", "--deck", str(MINI)],
        capture_output=True,
        text=True,
        env=_env(home),
        check=True,
    )
    total: dict[str, Any] = json.loads(done.stdout)["decks"][0]["total"]
    return total


def test_a_student_answers_three_multiple_choice_questions_at_the_keyboard(tmp_path: Path) -> None:
    expected = questions_json("-n", "3", "--seed", "4", "--type", "multiple_choice")
    child = spawn(tmp_path, "-n", "3", "--seed", "4", "--type", "multiple_choice", NO_COLOR="1")
    for number, q in enumerate(expected, 1):
        child.expect(f"{number}/3")
        child.expect("> ")
        right = q["choices"].index(q["answer"])
        given = right if number != 2 else (right + 1) % len(q["choices"])
        child.sendline(chr(ord("a") + given))
        child.expect("Right!" if number != 2 else "Wrong.")
        child.expect("Source: ")
    child.expect("Score: 2/3 \\(67%\\)")
    child.expect("Progress saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b[" not in (child.before or "")


MC = ["--seed", "4", "--type", "multiple_choice"]


def mc_letter(q: dict[str, Any], right: bool) -> str:
    index = q["choices"].index(q["answer"])
    return chr(ord("a") + (index if right else (index + 1) % len(q["choices"])))


def test_an_invalid_answer_at_the_terminal_is_asked_again(tmp_path: Path) -> None:
    first = questions_json("-n", "10", *MC)[0]
    child = spawn(tmp_path, *MC, NO_COLOR="1")
    child.expect("1/10")
    child.expect("> ")
    child.sendline("")
    child.expect("Nothing typed. Type a letter from A to D")
    child.expect("> ")
    child.sendline("q")
    child.expect("'q' is not one of the choices")
    child.expect("> ")
    child.sendline(mc_letter(first, right=True))
    child.expect("Right!")
    child.expect("2/10")
    child.sendline("quit")
    child.expect("You quit after 1 of 10 questions.")
    child.expect("Score: 1/1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_mid_quiz_prints_the_summary_and_keeps_the_answers_so_far(tmp_path: Path) -> None:
    qs = questions_json("-n", "10", *MC)
    child = spawn(tmp_path, *MC, NO_COLOR="1")
    child.expect("1/10")
    child.expect("> ")
    child.sendline(mc_letter(qs[0], right=True))
    child.expect("Right!")
    child.expect("2/10")
    child.expect("> ")
    child.sendline(mc_letter(qs[1], right=False))
    child.expect("Wrong.")
    child.expect("3/10")
    child.expect("> ")
    child.sendintr()
    child.expect("Interrupted after 2 of 10 questions.")
    child.expect("Score: 1/2 \\(50%\\)")
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in output
    total = stats_total(tmp_path)
    assert (total["seen"], total["answers"], total["correct"]) == (2, 2, 1)


def test_ctrl_d_at_the_terminal_ends_the_quiz_cleanly(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--seed", "1", NO_COLOR="1")
    child.expect("1/10")
    child.expect("> ")
    child.sendeof()
    child.expect("Input ended after 0 of 10 questions.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_colour_only_in_a_terminal_without_no_color(
    tmp_path: Path, no_color: str | None, coloured: bool
) -> None:
    extra = {"NO_COLOR": no_color} if no_color else {}
    child = spawn(tmp_path, "--seed", "1", **extra)
    child.expect("> ")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    text = child.before or ""
    child.close()
    assert ("\x1b[" in text) is coloured


def test_long_lines_are_wrapped_to_the_terminal_width(tmp_path: Path) -> None:
    child = pexpect.spawn(
        COMMAND,
        ["quiz", "--deck", str(MINI), "--seed", "1"],
        env=_env(tmp_path, NO_COLOR="1"),
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 42),
    )
    transcript = io.StringIO()
    child.logfile_read = transcript
    child.expect("> ")
    child.sendline("t")
    child.expect("2/10")
    child.expect("> ")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()
    lines = transcript.getvalue().replace("\r\n", "\n").splitlines()
    assert any(line.startswith("1/10  ") for line in lines)
    # Paths and the closing command are never broken, so they can be copied whole.
    wrapped = [line for line in lines if str(tmp_path) not in line and not line.startswith("Next: ")]
    assert max(len(line) for line in wrapped) <= 42
