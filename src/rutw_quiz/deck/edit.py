"""Adding aliases to a deck file as a person would: a targeted edit of the lines, nothing else moved.

A deck file is a teacher's work, with comments, blank lines, key order and quoting of their own;
loading it and dumping it again would lose all of that. So the loader's line positions say where
each fact's `aliases` (or, without one, its `answer`) is, and only those lines change:
- `aliases: [A, B]` on one line becomes `aliases: [A, B, C]` (a comment after it is kept);
- a block list (`aliases:` then `- A` lines) gets `- C` lines after its last item;
- a fact without aliases gets an `aliases: [C]` line after its answer, indented like its other keys
  (one written `aliases: []` keeps that line: `aliases: [C]`).
The edited text must load again as a valid deck with exactly the new aliases (the `aliases` command
checks); `EditedDeck.original_line` places a problem found there on the line of the file as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

from rutw_quiz.deck.yaml_source import LineMap
from rutw_quiz.errors import RutwQuizError


class DeckEditError(RutwQuizError):
    """A deck file written in a way the targeted edit does not recognise; nothing was changed."""

    def __init__(self, line: int, message: str, file: str | None = None) -> None:
        self.line = line
        self.message = message
        super().__init__(f"{file}:{line}: {message}" if file else f"line {line}: {message}")


@dataclass(frozen=True)
class EditedDeck:
    """The edited text, and where lines were inserted into it (to place its lines in the file as it was)."""

    text: str
    inserted: tuple[tuple[int, int], ...]
    """(row of the file before which, how many rows), 0-based, in file order."""

    def original_line(self, line: int) -> int:
        """The file's line that `line` of the edited text is (an inserted line: the line it follows)."""
        shift = 0
        for at, count in self.inserted:
            if line - 1 < at + shift:
                break
            if line - 1 < at + shift + count:
                return max(at, 1)
            shift += count
        return line - shift


_FLOW_LINE = re.compile(r"^(?P<head>\s*(?:-\s+)?aliases:\s*)(?P<list>\[.*?\])(?P<tail>\s*(?:#.*)?)$")
_KEY = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_]+):")


def flow_list(items: Sequence[str]) -> str:
    """Items as a one-line YAML list, each quoted only where YAML needs it: `[Delhi, "New Delhi, India"]`."""
    text = yaml.safe_dump(list(items), default_flow_style=True, allow_unicode=True, width=1 << 20)
    return text.strip()


def _item(text: str) -> str:
    dumped = yaml.safe_dump([text], default_flow_style=False, allow_unicode=True, width=1 << 20)
    return dumped.strip().removeprefix("- ")


def add_aliases(
    text: str,
    lines: LineMap,
    fact_index: Mapping[str, int],
    current: Mapping[str, Sequence[str]],
    additions: Mapping[str, Sequence[str]],
) -> EditedDeck:
    """`text` with each fact's new aliases added (facts by id; `fact_index` gives their position)."""
    rows = text.splitlines(keepends=True)
    inserts: list[tuple[int, list[str]]] = []  # (0-based row to insert before, rows)
    for fact_id, new in additions.items():
        if not new:
            continue
        i = fact_index[fact_id]
        existing = list(current.get(fact_id, []))
        if lines.holds(("facts", i, "aliases")):  # a list, perhaps empty: `aliases: []`
            row = lines.line_of(("facts", i, "aliases")) - 1
            match = _FLOW_LINE.match(rows[row].rstrip("\r\n"))
            if match is not None:
                ending = rows[row][len(rows[row].rstrip("\r\n")) :]
                rows[row] = f"{match['head']}{flow_list([*existing, *new])}{match['tail']}{ending}"
                continue
            last = lines.line_of(("facts", i, "aliases", len(existing) - 1)) - 1 if existing else row
            item = re.match(r"^(\s*-\s+)", rows[last]) if existing else None
            if item is None:
                raise DeckEditError(
                    last + 1, "cannot tell how this deck writes its aliases; add them by hand"
                )
            inserts.append((last + 1, [f"{item.group(1)}{_item(alias)}\n" for alias in new]))
        else:
            row = lines.line_of(("facts", i, "answer")) - 1
            key = _KEY.match(rows[row])
            if key is None:
                raise DeckEditError(
                    row + 1, "cannot tell where this fact's answer is; add the aliases by hand"
                )
            indent = " " * len(key["indent"])
            after = row + 1
            # a multi-line answer goes on until the next line as indented as its key, or less
            while after < len(rows) and rows[after].strip() and _deeper(rows[after], len(indent)):
                after += 1
            inserts.append((after, [f"{indent}aliases: {flow_list(list(new))}\n"]))
    ending = "\r\n" if rows and rows[0].endswith("\r\n") else "\n"  # the file's own line ends
    for at, new_rows in sorted(inserts, reverse=True):
        if at > 0 and not rows[at - 1].endswith("\n"):
            rows[at - 1] += ending
        rows[at:at] = [row.removesuffix("\n") + ending for row in new_rows]
    return EditedDeck("".join(rows), tuple(sorted((at, len(new_rows)) for at, new_rows in inserts)))


def _deeper(row: str, indent: int) -> bool:
    stripped = row.lstrip(" ")
    return len(row) - len(stripped) > indent and not stripped.startswith("#")
