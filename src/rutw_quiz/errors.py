"""The error family of rutw-quiz: the core raises these, the CLI turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass


class RutwQuizError(Exception):
    """Base of every error the library raises on purpose; the CLI prints it without a traceback."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, placed where an editor can jump to it."""

    file: str
    line: int
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.location}: {self.message}"


class DeckError(RutwQuizError):
    """A deck file could not be read or is invalid; carries every problem found in it.

    `warnings` (advice on the valid part, when asked for) are kept apart: they never make a deck
    invalid, but `validate` shows them in the same run as the errors.
    """

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.problems = sorted(problems)
        self.warnings = sorted(warnings or [])
        super().__init__("\n".join(str(p) for p in self.problems))


class SelectionError(RutwQuizError):
    """The deck and options give no question at all (e.g. a topic filter that matches nothing)."""


class ProgressError(RutwQuizError):
    """The progress database cannot be used (corrupt, foreign or unwritable); it is left untouched."""


class OutputError(RutwQuizError):
    """An output file could not be written."""
