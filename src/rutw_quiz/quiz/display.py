"""Terminal presentation: wrapping to the terminal's width, colour only where it belongs, and
deck text made safe to print.

Colour is on only when the output is a terminal, `NO_COLOR` is unset or empty
(https://no-color.org) and `TERM` is not `dumb`, so piped output and transcripts stay plain
text. Control characters in deck text or typed answers (an ESC sequence could set the window
title, clear the screen or hide text) are never written raw: `safe` shows them escaped.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from rutw_quiz.text import shown_safely

MAX_WIDTH = 100  # longer lines are hard to read even on a wide terminal
MIN_WIDTH = 30

_CODES = {"bold": "1", "dim": "2", "green": "32", "red": "31", "yellow": "33", "cyan": "36"}
# Deck text and typed answers are shown as every command shows text from files: control characters escaped.
safe = shown_safely


def colour_wanted(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Colour only for a terminal, never when NO_COLOR is set to a non-empty value or TERM is dumb."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    """Columns to wrap at: the terminal's width (or $COLUMNS, else 80), within sensible bounds."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns - 1))


def terminal_height() -> int:
    """Lines the terminal shows at once (or $LINES, else 24)."""
    return shutil.get_terminal_size((80, 24)).lines


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """`text` (made safe) in lines of at most `width` columns, broken only between words."""
    return textwrap.wrap(
        safe(text),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,  # paths and URLs stay whole, to be copied
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def table(
    rows: Sequence[Sequence[str]], width: int, *, header: Sequence[str] | None = None, indent: str = "  "
) -> list[str]:
    """Rows as lines: the first column left-aligned and wrapped at words to what the others leave
    of `width`, the other columns right-aligned, each as wide as its longest cell."""
    everything = [list(header)] if header else []
    everything += [[safe(cell) for cell in row] for row in rows]
    if not everything:
        return []
    others = [max(len(row[i]) for row in everything) for i in range(1, len(everything[0]))]
    rest = sum(w + 2 for w in others)
    longest = max(len(row[0]) for row in everything)
    first = max(10, min(longest, width - len(indent) - rest))
    lines = []
    for row in everything:
        parts = textwrap.wrap(row[0], width=first, break_long_words=False, break_on_hyphens=False) or [""]
        cells = "".join(f"  {cell:>{w}}" for cell, w in zip(row[1:], others, strict=True))
        for part in parts[:-1]:
            lines.append(f"{indent}{part}")
        lines.append(f"{indent}{parts[-1]:<{first}}{cells}")
    return lines


@dataclass(frozen=True)
class Style:
    """Wraps text to a width and paints it when colour is on.

    `height`: the lines a screen shows at once, when the output is a terminal (0: not a screen,
    e.g. a file or a pipe, where nothing scrolls out of sight).
    """

    width: int = 80
    colour: bool = False
    height: int = 0

    def paint(self, text: str, *styles: str) -> str:
        """`text` (made safe) in the given styles (bold, dim, green, red, yellow, cyan)."""
        text = safe(text)
        if not self.colour or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        # Each line painted on its own: a pager or a scrolled-back screen shows every line in colour.
        return "\n".join(f"\x1b[{codes}m{line}\x1b[0m" if line else line for line in text.split("\n"))

    def wrap(self, text: str, indent: str = "", hanging: str | None = None) -> str:
        """`text` wrapped to the width; `indent` before the first line, `hanging` before the rest."""
        return "\n".join(wrap(text, self.width, indent, hanging))
