"""Valid decks make valid files: `validate` refuses Unicode noncharacters (U+FFFE, U+FFFF and the
rest), which XML cannot hold or which are not text, with the file and line, as it refuses control
characters, whether the file holds them raw or as YAML escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RunCli
from rutw_quiz.resources import bundled_deck_path


@pytest.mark.parametrize(
    ("escape", "name"),
    [("\\uFFFE", "U+FFFE"), ("\\uFFFF", "U+FFFF"), ("\\uFDD0", "U+FDD0"), ("\\U0001FFFE", "U+1FFFE")],
)
def test_validate_refuses_noncharacters_with_the_file_and_line(
    run_cli: RunCli, tmp_path: Path, escape: str, name: str
) -> None:
    text = bundled_deck_path().read_text(encoding="utf-8")
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("    prompt:"))
    lines[number] = f'    prompt: "Which {escape} treaty?"'
    path = tmp_path / "odd.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    done = run_cli("validate", path)
    assert done.returncode == 1
    assert f"{path}:{number + 1}: " in done.stderr
    assert f"{name} in the text is not a character" in done.stderr and "remove it" in done.stderr
    done = run_cli("export", "moodle", "--deck", path, "-o", tmp_path / "out.xml")
    assert done.returncode == 1 and not (tmp_path / "out.xml").exists()


def test_a_raw_noncharacter_in_the_file_is_refused_too(run_cli: RunCli, tmp_path: Path) -> None:
    text = bundled_deck_path().read_text(encoding="utf-8").replace("Treaty of Shimonoseki", "Treaty\ufdd0", 1)
    path = tmp_path / "raw.yaml"
    path.write_text(text, encoding="utf-8")
    done = run_cli("validate", path)
    assert done.returncode == 1
    assert "U+FDD0 in the text is not a character" in done.stderr


_ODD = [
    "\r",
    "\r\n",
    "\n",
    "\x00",
    "\x1b",
    "\x85",
    "\x9f",
    "\t",
    "\ufdd0",
    "\uffff",
    "\U0001fffe",
    "\U0010ffff",
    "\U0001f600",
    "é",
    "“",
    "a",
    " ",
]


@given(st.lists(st.sampled_from(_ODD) | st.text(max_size=3), max_size=40))
def test_the_file_scan_finds_what_one_pattern_of_every_forbidden_character_finds(parts: list[str]) -> None:
    """The scan of a raw file (in parts, for speed) reports the same lines and characters as
    the plain definition: any control but tab, newline and the CR of a CRLF, or any noncharacter."""
    from rutw_quiz.deck.yaml_source import CONTROL_CHARACTERS, control_character_message, control_characters

    text = "".join(parts)
    expected: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in CONTROL_CHARACTERS.finditer(line):
            if match.group() == "\r" and match.end() == len(line) and number <= text.count("\n"):
                continue  # the CR of a CRLF line end
            expected.append((number, control_character_message(match.group())))
            break
    assert control_characters(text) == expected
