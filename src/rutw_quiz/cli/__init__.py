"""The `rutw-quiz` command line: thin click commands over the library.

Every command module imports only click at module level; the library (pydantic,
jinja2, genanki, fsrs) is imported inside the command that needs it, so `--help`
starts fast.
"""

from __future__ import annotations

# Each command module registers its commands on import.
from rutw_quiz.cli import (
    alias_commands,  # noqa: F401
    anki_commands,  # noqa: F401
    deck_commands,  # noqa: F401
    draft_commands,  # noqa: F401
    export_commands,  # noqa: F401
    grade_commands,  # noqa: F401
    practice_commands,  # noqa: F401
    question_commands,  # noqa: F401
    quiz_commands,  # noqa: F401
    worksheet_commands,  # noqa: F401
)
from rutw_quiz.cli._app import cli, main

__all__ = ["cli", "main"]
