"""The real `rutw-quiz` in a pseudo-terminal, read back as a terminal draws it (pyte), not as bytes.

A test that only looks at the bytes cannot tell an escape sequence the terminal obeys from one
that is printed as text; reading the drawn screen can.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pexpect
import pyte

COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))
SCROLLBACK_ROWS = 2000  # every line printed stays readable, as in a terminal's scrollback


class Terminal:
    """`rutw-quiz ARGS` at a keyboard in a terminal `columns` wide and `rows` high."""

    def __init__(
        self, args: Sequence[str], home: Path, *, columns: int = 80, rows: int = 24, **env: str
    ) -> None:
        base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES", "TERM")}
        self.child = pexpect.spawn(
            COMMAND,
            list(args),
            env={**base, "TERM": "xterm-256color", "RUTW_QUIZ_HOME": str(home), **env},
            encoding="utf-8",
            timeout=20,
            dimensions=(rows, columns),
        )
        self.columns = columns
        self.rows = rows
        self.screen = pyte.Screen(columns, SCROLLBACK_ROWS)
        self.stream = pyte.Stream(self.screen)
        self.raw: list[str] = []

    def expect(self, pattern: str) -> None:
        self.child.expect(pattern)
        self._feed()

    def sendline(self, text: str) -> None:
        self.child.sendline(text)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self._feed()
        self.child.close()
        return int(self.child.exitstatus or 0)

    def _feed(self) -> None:
        seen = (self.child.before or "") + (self.child.after if isinstance(self.child.after, str) else "")
        self.raw.append(seen)
        self.stream.feed(seen)

    def send(self, text: str) -> None:
        """Type `text` without Enter."""
        self.child.send(text)

    def kill(self) -> None:
        """Kill the program at once (SIGKILL), as a crash or a closed laptop would."""
        import signal

        self.child.kill(signal.SIGKILL)
        self.child.close(force=True)

    def visible(self) -> list[str]:
        """What a terminal `rows` high shows now: the rows that end at the cursor's line."""
        y = self.screen.cursor.y
        return [line.rstrip() for line in self.screen.display[max(0, y - self.rows + 1) : y + 1]]

    def lines(self) -> list[str]:
        """The drawn lines, trailing blanks cut, as a person reads them."""
        drawn = [line.rstrip() for line in self.screen.display]
        while drawn and not drawn[-1]:
            drawn.pop()
        return drawn

    def colour_of(self, text: str) -> set[str]:
        """The foreground colours the terminal drew `text` in (its first occurrence on screen)."""
        for y, line in enumerate(self.screen.display):
            x = line.find(text)
            if x >= 0:
                row = self.screen.buffer[y]
                return {row[x + i].fg for i in range(len(text))}
        raise AssertionError(f"{text!r} is not on the screen")

    def is_bold(self, text: str) -> bool:
        for y, line in enumerate(self.screen.display):
            x = line.find(text)
            if x >= 0:
                row = self.screen.buffer[y]
                return all(row[x + i].bold for i in range(len(text)))
        raise AssertionError(f"{text!r} is not on the screen")


def questions_json(deck: Path | None, *options: str) -> list[dict[str, Any]]:
    """What `rutw-quiz questions --json` gives for these options: the questions a quiz will ask."""
    import json
    import subprocess

    deck_args = ["--deck", str(deck)] if deck is not None else []
    done = subprocess.run(
        [COMMAND, "questions", "--json", *deck_args, *options], capture_output=True, text=True, check=True
    )
    data: list[dict[str, Any]] = json.loads(done.stdout)
    return data


def right_answer(q: dict[str, Any]) -> str:
    """What a student who knows the answer types."""
    kind = q["type"]
    if kind == "multiple_choice":
        return chr(ord("a") + q["choices"].index(q["answer"]))
    if kind == "true_false":
        return "t" if q["answer"] else "f"
    if kind in ("fill_in", "short_answer"):
        return str(q["answer"])
    if kind == "timeline":
        return "".join(chr(ord("A") + q["choices"].index(event)) for event in q["answer"])
    answers = q["choices"]["answers"]
    return " ".join(f"{i + 1}{chr(ord('A') + answers.index(p['answer']))}" for i, p in enumerate(q["answer"]))


def half_right(q: dict[str, Any]) -> str:
    """A timeline or matching answer with its first two items swapped: two of four right."""
    if q["type"] == "timeline":
        order = right_answer(q)
        return order[1] + order[0] + order[2:]
    answers = q["choices"]["answers"]
    right = [answers.index(p["answer"]) for p in q["answer"]]
    right[0], right[1] = right[1], right[0]
    return " ".join(f"{i + 1}{chr(ord('A') + a)}" for i, a in enumerate(right))
