"""The `rutw-quiz` command's entry point, apart from the command line it loads.

Loading the command line takes a few tens of milliseconds; Ctrl-C in that time would otherwise
end the program with a Python traceback. Here it ends the program as Ctrl-C does at a prompt:
quietly, with the exit status of an interrupted program (130).
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130


def main() -> None:
    """Load the command line and run it; Ctrl-C while loading ends the program quietly."""
    try:
        from rutw_quiz.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    run()
