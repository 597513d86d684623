"""One rule for every CSV (and tab-separated file) the project writes: what a spreadsheet would
read as a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` as a
formula (and a leading tab or carriage return hides such a start), so a student's answer like
`=HYPERLINK("http://…")` becomes a live link in the teacher's marked file (OWASP: CSV injection).

Two kinds of file, two treatments:

- **Files a teacher opens in a spreadsheet** (the marked CSV of `grade --responses`): every such
  cell is *guarded* with a leading apostrophe, which a spreadsheet reads as "this is text".
  `unguard` takes exactly one apostrophe off again, so marking a marked file reads the answers
  as the students typed them; a cell that already starts with apostrophes before a formula
  character gets one more, so the mapping is exact both ways.
- **Files a platform imports** (Blooket, Gimkit, Blackboard): the platform reads the text
  verbatim, so an apostrophe would show up in front of the question. Those cells are written as
  they are and *named* in a notice (`formula_cells`), for the teacher who edits the file in a
  spreadsheet first.

A plain number (`-5`, `+3.5`, `-1,000`) is not a formula: a spreadsheet reads it as the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

FORMULA_START = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def is_formula(cell: str) -> bool:
    """True when a spreadsheet opening the file would read `cell` as a formula (not a plain number)."""
    return bool(cell) and cell[0] in FORMULA_START and not _PLAIN_NUMBER.fullmatch(cell)


def guard(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text: an apostrophe before a formula-looking start."""
    if is_formula(cell) or _GUARDED.match(cell):
        return "'" + cell
    return cell


def unguard(cell: str) -> str:
    """The text `guard` was given: one leading apostrophe taken off a guarded cell."""
    return cell[1:] if _GUARDED.match(cell) else cell


def guard_row(row: Iterable[str]) -> list[str]:
    """Every cell of `row` guarded."""
    return [guard(cell) for cell in row]


def formula_cells(rows: Iterable[Sequence[str]], *, first_line: int = 1) -> list[tuple[int, int]]:
    """(line, column), both counted from 1, of each cell a spreadsheet would read as a formula."""
    return [
        (line, column)
        for line, row in enumerate(rows, first_line)
        for column, cell in enumerate(row, 1)
        if is_formula(cell)
    ]


def formula_notice(name: str, cells: Sequence[tuple[int, int]], *, shown: int = 5) -> str | None:
    """One sentence naming where `name` has cells a spreadsheet would run, or None when it has none."""
    if not cells:
        return None
    places = ", ".join(f"line {line} column {column}" for line, column in cells[:shown])
    more = f" and {len(cells) - shown} more" if len(cells) > shown else ""
    count = f"{len(cells)} cell{'s' if len(cells) != 1 else ''}"
    return (
        f"{name}: {count} start with = + - or @ ({places}{more}); the platform imports them as written, "
        "but a spreadsheet would read them as formulas: upload the file as it is, or type a "
        "leading apostrophe in those cells if you edit it in a spreadsheet first"
    )
