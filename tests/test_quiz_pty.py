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
        if number == 2:
            child.expect("Press Enter for the next question.")
            child.sendline("")
    child.expect("Progress saved in")
    child.expect("Score: 2/3 \\(67%\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b[" not in (child.before or "")


MC = ["--seed", "5", "--type", "multiple_choice"]  # a seed the mini deck fills with 10 questions


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
    child.expect("Press Enter for the next question.")
    child.sendline("")
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


@pytest.mark.parametrize(
    ("env", "coloured"), [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)]
)
def test_colour_only_in_a_terminal_without_no_color_or_a_dumb_term(
    tmp_path: Path, env: dict[str, str], coloured: bool
) -> None:
    child = spawn(tmp_path, "--seed", "1", **env)
    child.expect("> ")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    text = child.before or ""
    child.close()
    assert ("\x1b[" in text) is coloured


def spawn_narrow(home: Path, *args: str, columns: int = 40) -> tuple[pexpect.spawn, io.StringIO]:
    """The quiz on the bundled deck (long topic names) in a 30-row terminal `columns` wide."""
    child = pexpect.spawn(
        COMMAND,
        ["quiz", *args],
        env=_env(home, NO_COLOR="1"),
        encoding="utf-8",
        timeout=20,
        dimensions=(30, columns),
    )
    transcript = io.StringIO()
    child.logfile_read = transcript
    return child, transcript


def screen_lines(transcript: io.StringIO) -> list[str]:
    return transcript.getvalue().replace("\r\n", "\n").splitlines()


def test_at_40_columns_no_line_is_wider_than_the_terminal(tmp_path: Path) -> None:
    """Headers, topic names, feedback, the summary's topic table and missed list all wrap at words."""
    child, transcript = spawn_narrow(tmp_path, "--seed", "5")
    for number in range(1, 11):
        child.expect(f"{number}/10")
        child.expect("> ")
        child.sendline("skip")
        child.expect("Press Enter for ")
        child.sendline("")
    child.expect("Score: 0/10")
    child.expect(pexpect.EOF)
    child.close()
    lines = screen_lines(transcript)
    assert any(line.startswith("1/10  ") for line in lines)
    assert sum(line.startswith("Source") for line in lines) == 10
    # Paths and the closing command are never broken, so they can be copied whole.
    wrapped = [line for line in lines if str(tmp_path) not in line and not line.startswith("Next: ")]
    too_wide = [line for line in wrapped if len(line) > 40]
    assert not too_wide


def test_a_wrong_answer_waits_for_enter_before_the_next_question(tmp_path: Path) -> None:
    qs = questions_json("-n", "3", *MC)
    child = spawn(tmp_path, "-n", "3", *MC, NO_COLOR="1")
    child.expect("1/3")
    child.expect("> ")
    child.sendline(mc_letter(qs[0], right=False))
    child.expect("Wrong. Answer: ")
    child.expect("You answered: ")
    child.expect("Press Enter for the next question.")
    with pytest.raises(pexpect.TIMEOUT):
        child.expect("2/3", timeout=1.5)  # still waiting: the answer stays on screen
    child.sendline("")
    child.expect("2/3")
    child.expect("> ")
    child.sendline(mc_letter(qs[1], right=True))
    child.expect("Right! Answer: ")
    child.expect("3/3")  # a right answer does not wait
    child.expect("> ")
    child.sendline(mc_letter(qs[2], right=False))
    child.expect("Press Enter for the summary.")
    child.sendline("")
    child.expect("Score: 1/3")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_no_pause_goes_straight_on_after_a_wrong_answer(tmp_path: Path) -> None:
    qs = questions_json("-n", "3", *MC)
    child = spawn(tmp_path, "-n", "3", *MC, "--no-pause", NO_COLOR="1")
    child.expect("1/3")
    child.expect("> ")
    child.sendline(mc_letter(qs[0], right=False))
    child.expect("Wrong.")
    child.expect("2/3")
    assert "Press Enter" not in (child.before or "")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()


def test_quit_at_the_pause_ends_the_quiz_with_the_summary(tmp_path: Path) -> None:
    qs = questions_json("-n", "3", *MC)
    child = spawn(tmp_path, "-n", "3", *MC, NO_COLOR="1")
    child.expect("> ")
    child.sendline(mc_letter(qs[0], right=False))
    child.expect("Press Enter")
    child.sendline("quit")
    child.expect("You quit after 1 of 3 questions.")
    child.expect("Score: 0/1")
    child.expect(pexpect.EOF)
    child.close()


@pytest.mark.parametrize("columns", [40, 80])
def test_the_score_is_the_last_line_on_screen(tmp_path: Path, columns: int) -> None:
    qs = questions_json("-n", "3", *MC)
    child, transcript = spawn_narrow(tmp_path, "--deck", str(MINI), "-n", "3", *MC, columns=columns)
    for q in qs:
        child.expect("> ")
        child.sendline(mc_letter(q, right=False))
        child.expect("Press Enter")
        child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    lines = [line for line in screen_lines(transcript) if line.strip()]
    assert lines[-1].startswith("Score: 0/3 (0%)")
    assert any(line.startswith("Progress saved in") for line in lines[-4:])


def shown_before_the_first_question(home: Path, *args: str) -> str:
    """Everything a student sees on the bundled deck's quiz before its first question; then quits."""
    child, _ = spawn_narrow(home, *args, columns=90)
    child.expect("1/")
    shown = child.before or ""
    child.expect("> ")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()
    return shown


def test_a_student_is_not_told_how_to_fix_the_deck(tmp_path: Path) -> None:
    """On seed 7 the bundled deck's 10-question set has a fact with fewer choices than asked: a
    teacher running `questions` is told which fact and what to add to the deck; a student starting
    the same quiz is not (it is no concern of theirs)."""
    teacher = subprocess.run(
        [COMMAND, "questions", "-n", "10", "--seed", "7"], capture_output=True, text=True, check=True
    )
    assert "give those facts more distractors" in teacher.stderr
    shown = shown_before_the_first_question(tmp_path, "-n", "10", "--seed", "7")
    assert "Quiz: 10 questions" in shown
    assert "distractors" not in shown and "fewer than" not in shown, shown


def test_a_student_asking_for_one_topic_is_not_told_about_matching_sets(tmp_path: Path) -> None:
    """The seven Tuapse facts hold no four of one class: a teacher's `questions` says no matching
    set can be made of them; a student who asked for no matching set is not told."""
    args = ["-n", "20", "--seed", "1", "--topic", "tuapse"]
    teacher = subprocess.run([COMMAND, "questions", *args], capture_output=True, text=True, check=True)
    assert "no matching question could be made" in teacher.stderr
    shown = shown_before_the_first_question(tmp_path, *args)
    assert "Quiz: " in shown
    assert "no matching question" not in shown and "four facts of one class" not in shown, shown
