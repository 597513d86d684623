"""Terminal presentation: wrapping to the terminal's width and colour only where it belongs.

Colour is on only when the output is a terminal and `NO_COLOR` is unset or empty
(https://no-color.org), so piped output and transcripts stay plain text.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

MAX_WIDTH = 100  # longer lines are hard to read even on a wide terminal
MIN_WIDTH = 30

_CODES = {"bold": "1", "dim": "2", "green": "32", "red": "31", "yellow": "33", "cyan": "36"}


def colour_wanted(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set to a non-empty value."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    """Columns to wrap at: the terminal's width (or $COLUMNS, else 80), within sensible bounds."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))


@dataclass(frozen=True)
class Style:
    """Wraps text to a width and paints it when colour is on."""

    width: int = 80
    colour: bool = False

    def paint(self, text: str, *styles: str) -> str:
        """`text` in the given styles (bold, dim, green, red, yellow, cyan), or as is without colour."""
        if not self.colour or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def wrap(self, text: str, indent: str = "", hanging: str | None = None) -> str:
        """`text` wrapped to the width; `indent` before the first line, `hanging` before the rest."""
        return textwrap.fill(
            text,
            width=self.width,
            initial_indent=indent,
            subsequent_indent=indent if hanging is None else hanging,
            break_long_words=False,  # paths and URLs stay whole, to be copied
            break_on_hyphens=False,
        )
