"""The real `rutw-quiz` in a pseudo-terminal, read back as a terminal draws it (pyte), not as bytes.

A test that only looks at the bytes cannot tell an escape sequence the terminal obeys from one
that is printed as text; reading the drawn screen can.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

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
